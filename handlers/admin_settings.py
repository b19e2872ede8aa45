"""/settings: the coaching threshold, LLM on or off, retention days, the digest's day and time."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import ValidationFailed
from handlers import buttons, keyboards
from handlers.common import answer, query_of, requires, send_html
from handlers.jobs import schedule_digest
from handlers.texts import CATALOGUES, plain, t

DIGEST_KEYS = ("digest_day", "digest_time")


def shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


async def _overview(update: Update, context: BotContext) -> None:
    lang = context.lang
    values = await context.services.runtime.all()
    lines = [t(lang, "settings_title")]
    for key, value in values.items():
        help_key = f"help_{key}"
        help_text = plain(lang, help_key) if help_key in CATALOGUES["ru"] else context.services.runtime.describe()[key]
        lines.append(t(lang, "settings_item", key=key, value=shown(value), help=help_text))
    lines.append(t(lang, "settings_usage"))
    markup = keyboards.llm_toggle(lang, bool(values.get("llm_enabled")))
    await send_html(update, context, "\n\n".join(lines), markup)


async def _set(update: Update, context: BotContext, key: str, value: str) -> None:
    try:
        stored = await context.services.runtime.set(context.me.telegram_id, key, value)
    except ValidationFailed:
        known = await context.services.runtime.all()
        reason_key = f"bad_{key}" if key in known else "bad_setting_key"
        await answer(update, context, "settings_invalid", reason=plain(context.lang, reason_key, keys=", ".join(known)))
        return
    if key in DIGEST_KEYS:
        await schedule_digest(context.application)
    await answer(update, context, "settings_saved", key=key, value=shown(stored))


@requires("admin")
async def settings(update: Update, context: BotContext) -> None:
    args = context.args or []
    if len(args) >= 2:
        await _set(update, context, args[0].lower(), " ".join(args[1:]))
    else:
        await _overview(update, context)


@requires("admin")
async def on_setting_button(update: Update, context: BotContext, button: buttons.Setting) -> None:
    await query_of(update).answer()
    await _set(update, context, button.name, button.value)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("settings", settings))
    application.add_handler(buttons.handler(buttons.Setting, on_setting_button))
