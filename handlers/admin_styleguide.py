"""/styleguide: the company's rules (banned phrases with replacements, the form of address).

The coach reports them as issues under each draft; the LLM prompt includes them.
"""

from __future__ import annotations

import re

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import NotFound, ValidationFailed
from handlers.common import answer, message_of, requires, send_html
from handlers.texts import quoted, t

SEPARATOR = re.compile(r"\s*(?:=>|->|→|=)\s*")


async def _show(update: Update, context: BotContext) -> None:
    lang = context.lang
    rules = await context.services.styleguide.rules()
    lines = [t(lang, "styleguide_title")]
    address = next((r.phrase for r in rules if r.kind == "address"), None)
    if address:
        lines.append(t(lang, "styleguide_address", form=address))
    for rule in (r for r in rules if r.kind == "banned"):
        replacement = quoted(lang, rule.replacement) if rule.replacement else t(lang, "styleguide_no_replacement")
        lines.append(t(lang, "styleguide_banned", id=rule.id, phrase=rule.phrase, replacement=replacement))
    if len(lines) == 1:
        lines.append(t(lang, "styleguide_empty"))
    await send_html(update, context, "\n".join(lines) + "\n\n" + t(lang, "styleguide_usage"))


async def _ban(update: Update, context: BotContext, rest: str) -> None:
    parts = SEPARATOR.split(rest, maxsplit=1)
    phrase = parts[0].strip()
    replacement = parts[1].strip() if len(parts) > 1 else ""
    if not phrase:
        await send_html(update, context, t(context.lang, "styleguide_usage"))
        return
    rule = await context.services.styleguide.add_banned(context.me.telegram_id, phrase, replacement or None)
    shown = quoted(context.lang, rule.replacement) if rule.replacement else t(context.lang, "styleguide_no_replacement")
    await answer(update, context, "styleguide_added", phrase=rule.phrase, replacement=shown)


async def _address(update: Update, context: BotContext, form: str) -> None:
    try:
        rule = await context.services.styleguide.set_address(context.me.telegram_id, form)
    except ValidationFailed:
        await answer(update, context, "styleguide_bad_address")
        return
    await answer(update, context, "styleguide_address_set", form=rule.phrase)


async def _remove(update: Update, context: BotContext, number: str) -> None:
    if not number.isdigit():
        await send_html(update, context, t(context.lang, "styleguide_usage"))
        return
    try:
        await context.services.styleguide.remove(context.me.telegram_id, int(number))
    except NotFound:
        await answer(update, context, "styleguide_missing", id=number)
        return
    await answer(update, context, "styleguide_removed", id=number)


@requires("admin")
async def styleguide(update: Update, context: BotContext) -> None:
    text = message_of(update).text or ""
    _command, _, rest = text.partition(" ")
    action, _, rest = rest.strip().partition(" ")
    action, rest = action.lower(), rest.strip()
    try:
        if action == "ban":
            await _ban(update, context, rest)
        elif action == "address":
            await _address(update, context, rest)
        elif action == "remove":
            await _remove(update, context, rest)
        else:
            await _show(update, context)
    except ValidationFailed as error:
        await answer(update, context, "service_reason", reason=str(error))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("styleguide", styleguide))
