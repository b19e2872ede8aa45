"""/prompts: list, show, edit (the next message is the new text), version history, rollback."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import NotFound, PermissionDenied, ValidationFailed
from coachbot.services.prompts import placeholders
from handlers import buttons, keyboards
from handlers.common import answer, clear_input, expect_input, message_of, query_of, requires, send_html
from handlers.inputs import add_input
from handlers.texts import t

EDIT_INPUT = "prompt_edit"
SHOW_LIMIT = 3300  # the template in a <pre> block, within Telegram's 4096


def _fields(names: set[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names)) or "—"


async def _list(update: Update, context: BotContext) -> None:
    lang = context.lang
    prompts = await context.services.prompts.list()
    lines = [t(lang, "prompts_title")]
    for info in prompts:
        source = t(lang, "prompts_default") if info.source == "file" else ""
        lines.append(t(lang, "prompts_item", name=info.name, version=info.version, source=source))
    await send_html(update, context, "\n".join(lines), keyboards.prompt_list(lang, [p.name for p in prompts]))


async def _show(update: Update, context: BotContext, name: str) -> None:
    service = context.services.prompts
    text = await service.current(name)
    version = next((p.version for p in await service.list() if p.name == name), 0)
    shown = text if len(text) <= SHOW_LIMIT else text[:SHOW_LIMIT] + "\n…"
    html_text = t(context.lang, "prompt_show", name=name, version=version,
                  fields=_fields(service.required.get(name, set())), text=shown)  # fmt: skip
    await send_html(update, context, html_text)


async def _ask_edit(update: Update, context: BotContext, name: str) -> None:
    service = context.services.prompts
    if name not in service.defaults:
        raise NotFound(name)
    await expect_input(context, EDIT_INPUT, name=name)
    await answer(update, context, "prompt_edit_ask", name=name, fields=_fields(service.required.get(name, set())))


async def _history(update: Update, context: BotContext, name: str) -> None:
    lang = context.lang
    versions = await context.services.prompts.history(name)
    lines = [t(lang, "prompt_history_title", name=name)]
    for info in versions:
        active = t(lang, "prompt_active") if info.active else ""
        if info.source == "file":
            lines.append(t(lang, "prompt_history_default", active=active))
        else:
            date = info.created_at.strftime("%d.%m.%Y %H:%M") if info.created_at else "—"
            lines.append(t(lang, "prompt_history_item", version=info.version, date=date,
                           author=info.author or "—", active=active))  # fmt: skip
    others = [info.version for info in versions if not info.active][:9]
    await send_html(update, context, "\n".join(lines), keyboards.prompt_versions(lang, name, others))


async def _rollback(update: Update, context: BotContext, name: str, version: int) -> None:
    info = await context.services.prompts.rollback(context.me.telegram_id, name, version)
    await answer(update, context, "prompt_rolled_back", name=name, version=info.version)


async def _run(update: Update, context: BotContext, action: str, args: list[str]) -> None:
    """One /prompts action, from a command or a button; unknown prompts get a kind answer."""
    name = args[0] if args else ""
    try:
        if action == "show" and name:
            await _show(update, context, name)
        elif action == "edit" and name:
            await _ask_edit(update, context, name)
        elif action in ("hist", "history") and name:
            await _history(update, context, name)
        elif action in ("rb", "rollback") and name and len(args) > 1 and args[1].isdigit():
            await _rollback(update, context, name, int(args[1]))
        else:
            await _list(update, context)
    except (NotFound, ValidationFailed):
        await answer(update, context, "prompt_unknown", name=name)


@requires("admin")
async def prompts(update: Update, context: BotContext) -> None:
    args = context.args or []
    await _run(update, context, args[0].lower() if args else "", args[1:])


@requires("admin")
async def on_prompt_button(update: Update, context: BotContext, button: buttons.PromptAction) -> None:
    await query_of(update).answer()
    await _run(update, context, button.action, [button.name])


@requires("admin")
async def on_rollback_button(update: Update, context: BotContext, button: buttons.PromptRollback) -> None:
    await query_of(update).answer()
    await _run(update, context, "rb", [button.name, str(button.version)])


def explain_invalid(context: BotContext, name: str, text: str, error: ValidationFailed) -> str:
    """Which fields are missing or unknown, in the reader's language."""
    lang, service = context.lang, context.services.prompts
    try:
        found = placeholders(text)
    except ValidationFailed:
        return t(lang, "prompt_invalid", reason=str(error))
    required = service.required.get(name, set())
    if required - found:
        return t(lang, "prompt_missing_fields", fields=_fields(required - found))
    allowed = required | placeholders(service.defaults[name])
    if found - allowed:
        return t(lang, "prompt_unknown_fields", fields=_fields(found - allowed), allowed=_fields(allowed))
    return t(lang, "prompt_invalid", reason=str(error))


async def on_new_text(update: Update, context: BotContext, state: dict[str, Any]) -> None:
    name, text = state["name"], message_of(update).text or ""
    try:
        version = await context.services.prompts.save(context.me.telegram_id, name, text)
    except ValidationFailed as error:  # keep waiting: the admin sends a corrected text or /cancel
        await send_html(update, context, explain_invalid(context, name, text, error))
        return
    except PermissionDenied:
        await clear_input(context)
        await answer(update, context, "admin_only")
        return
    await clear_input(context)
    await answer(update, context, "prompt_saved", name=name, version=version)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("prompts", prompts))
    application.add_handler(buttons.handler(buttons.PromptAction, on_prompt_button))
    application.add_handler(buttons.handler(buttons.PromptRollback, on_rollback_button))
    add_input(application, EDIT_INPUT, on_new_text)
