"""Prompt templates: defaults ship in prompts/, admins add versions in the database and roll back."""

from __future__ import annotations

import re
from string import Formatter

from coachbot.db import PromptTemplate
from coachbot.repositories import AuditRepository, PromptRepository
from coachbot.services.access import Sessionmaker, require_admin
from coachbot.services.errors import NotFound, ValidationFailed
from coachbot.services.types import PromptInfo

MAX_PROMPT = 20_000


def placeholders(text: str) -> set[str]:
    """The named ``{field}`` placeholders of a template (``{{`` and ``}}`` are literal braces)."""
    fields: set[str] = set()
    try:
        parsed = list(Formatter().parse(text))
    except ValueError as exc:
        raise ValidationFailed(
            f"the template has an unmatched brace ({exc}); write {{{{ or }}}} for a literal one"
        ) from None
    for _literal, field, _spec, _conversion in parsed:
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if not name or name.isdigit():
            raise ValidationFailed("use named placeholders such as {draft}, not {} or {0}")
        fields.add(name)
    return fields


def _braced(names: set[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names))


class PromptService:
    def __init__(
        self,
        sessionmaker: Sessionmaker,
        defaults: dict[str, str],
        required_fields: dict[str, set[str]],
    ) -> None:
        self.sessionmaker = sessionmaker
        self.defaults = dict(defaults)
        self.required = {name: set(required_fields.get(name, set())) for name in defaults}

    def _known(self, name: str) -> str:
        if name not in self.defaults:
            known = ", ".join(sorted(self.defaults)) or "none"
            raise ValidationFailed(f"there is no prompt called '{name}'; known prompts: {known}")
        return name

    def validate(self, name: str, text: str) -> None:
        """Raise ValidationFailed unless ``text`` is a usable template for prompt ``name``."""
        self._known(name)
        if not text.strip():
            raise ValidationFailed("the prompt is empty")
        if len(text) > MAX_PROMPT:
            raise ValidationFailed(f"the prompt is longer than {MAX_PROMPT} characters")
        found = placeholders(text)
        missing = self.required[name] - found
        if missing:
            raise ValidationFailed(f"the prompt must contain {_braced(missing)}")
        allowed = self.required[name] | placeholders(self.defaults[name])
        unknown = found - allowed
        if unknown:
            raise ValidationFailed(f"unknown placeholder {_braced(unknown)}; this prompt can use {_braced(allowed)}")

    async def current(self, name: str) -> str:
        """The active database version, or the default from prompts/."""
        if name not in self.defaults:
            raise NotFound(f"no prompt '{name}'")
        async with self.sessionmaker.begin() as session:
            active = await PromptRepository(session).active(name)
            return active.text if active is not None else self.defaults[name]

    async def save(self, actor_tid: int, name: str, text: str) -> int:
        """Store ``text`` as the new active version of ``name``; returns its version number."""
        async with self.sessionmaker.begin() as session:
            actor = await require_admin(session, actor_tid)
            self.validate(name, text)
            prompts = PromptRepository(session)
            version = await prompts.latest_version(name) + 1
            await prompts.deactivate(name)
            await prompts.add(PromptTemplate(name=name, version=version, text=text, author_id=actor.id, active=True))
            await AuditRepository(session).add(actor.id, "prompt.save", {"name": name, "version": version})
            return version

    async def history(self, name: str) -> list[PromptInfo]:
        """Stored versions newest first, then the file default as version 0."""
        self._known(name)
        async with self.sessionmaker.begin() as session:
            versions = await PromptRepository(session).versions(name)
        infos = [PromptInfo(p.name, p.version, p.active, "db", p.created_at, author) for p, author in versions]
        infos.append(PromptInfo(name, 0, not any(p.active for p, _ in versions), "file"))
        return infos

    async def rollback(self, actor_tid: int, name: str, version: int) -> PromptInfo:
        """Make an earlier version active again; version 0 goes back to the file default."""
        self._known(name)
        async with self.sessionmaker.begin() as session:
            actor = await require_admin(session, actor_tid)
            prompts = PromptRepository(session)
            target = None
            if version != 0:
                target = await prompts.version(name, version)
                if target is None:
                    raise NotFound(f"prompt '{name}' has no version {version}")
            await prompts.deactivate(name)
            if target is not None:
                target.active = True
            await AuditRepository(session).add(actor.id, "prompt.rollback", {"name": name, "version": version})
            if target is None:
                return PromptInfo(name, 0, True, "file")
            return PromptInfo(name, target.version, True, "db", target.created_at)

    async def list(self) -> list[PromptInfo]:
        """Each prompt with the version in use now."""
        async with self.sessionmaker.begin() as session:
            active = await PromptRepository(session).all_active()
        return [
            PromptInfo(name, active[name].version, True, "db", active[name].created_at)
            if name in active
            else PromptInfo(name, 0, True, "file")
            for name in sorted(self.defaults)
        ]
