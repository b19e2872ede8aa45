"""PromptService: versioned prompt templates with validation and rollback."""

from __future__ import annotations

import pytest

from coachbot.services import NotFound, PermissionDenied, PromptService, ValidationFailed

DEFAULTS = {
    "rewrite": "Перепиши ответ клиенту.\nЧерновик: {draft}\nКонтекст: {context}\nСтиль: {style}",
    "explain": "Explain the issues in {draft}.",
}
REQUIRED = {"rewrite": {"draft", "style"}, "explain": {"draft"}}
NEW = "Сделай ответ тёплым. {draft} ({style})"


@pytest.fixture
async def prompts(sessionmaker, build, admin_tid) -> PromptService:
    await build.user(admin_tid, "Admin", role="admin")
    await build.user(42, "Анна")
    return PromptService(sessionmaker, DEFAULTS, REQUIRED)


async def test_the_file_default_is_used_until_an_admin_saves_a_version(prompts, admin_tid):
    assert await prompts.current("rewrite") == DEFAULTS["rewrite"]

    version = await prompts.save(admin_tid, "rewrite", NEW)

    assert version == 1
    assert await prompts.current("rewrite") == NEW
    assert await prompts.current("explain") == DEFAULTS["explain"]
    listed = {p.name: (p.version, p.source) for p in await prompts.list()}
    assert listed == {"explain": (0, "file"), "rewrite": (1, "db")}


async def test_a_template_missing_a_required_placeholder_is_refused_by_name(prompts, admin_tid):
    with pytest.raises(ValidationFailed) as caught:
        await prompts.save(admin_tid, "rewrite", "Перепиши вежливо: {draft}")
    assert "{style}" in str(caught.value) and "{draft}" not in str(caught.value)
    assert await prompts.current("rewrite") == DEFAULTS["rewrite"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{draft} {style} {customer_name}", "unknown placeholder {customer_name}"),
        ("{draft} {style} {", "unmatched brace"),
        ("{draft} {style} {}", "named placeholders"),
        ("   ", "empty"),
    ],
)
async def test_broken_templates_are_explained(prompts, admin_tid, text, words):
    with pytest.raises(ValidationFailed, match=words.replace("{", r"\{").replace("}", r"\}")):
        await prompts.save(admin_tid, "rewrite", text)


async def test_optional_fields_of_the_default_and_literal_braces_are_allowed(prompts, admin_tid):
    text = 'Ответь JSON {{"text": "..."}}. {draft} {style} {context}'
    assert await prompts.save(admin_tid, "rewrite", text) == 1


async def test_unknown_prompts_and_non_admins_are_refused(prompts, admin_tid):
    with pytest.raises(ValidationFailed, match="no prompt called 'greeting'"):
        await prompts.save(admin_tid, "greeting", "{draft}")
    with pytest.raises(NotFound):
        await prompts.current("greeting")
    with pytest.raises(PermissionDenied):
        await prompts.save(42, "rewrite", NEW)
    with pytest.raises(PermissionDenied):  # the role is checked before the text
        await prompts.save(42, "rewrite", "{")


async def test_rollback_to_an_earlier_version_and_to_the_file(prompts, admin_tid, build):
    await prompts.save(admin_tid, "rewrite", "v1 {draft} {style}")
    await prompts.save(admin_tid, "rewrite", "v2 {draft} {style}")

    await prompts.rollback(admin_tid, "rewrite", 1)
    assert await prompts.current("rewrite") == "v1 {draft} {style}"
    history = await prompts.history("rewrite")
    assert [(p.version, p.active, p.source) for p in history] == [
        (2, False, "db"),
        (1, True, "db"),
        (0, False, "file"),
    ]
    assert history[0].author == "Admin"

    await prompts.rollback(admin_tid, "rewrite", 0)
    assert await prompts.current("rewrite") == DEFAULTS["rewrite"]
    assert await prompts.save(admin_tid, "rewrite", "v3 {draft} {style}") == 3
    with pytest.raises(NotFound):
        await prompts.rollback(admin_tid, "rewrite", 9)
    with pytest.raises(PermissionDenied):
        await prompts.rollback(42, "rewrite", 1)
    assert await build.audit_actions() == [
        "prompt.save",
        "prompt.save",
        "prompt.rollback",
        "prompt.rollback",
        "prompt.save",
    ]
