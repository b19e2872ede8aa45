"""/flags: the review queue of "the verdict is wrong" reports, resolvable, exportable as JSONL."""

from __future__ import annotations

import datetime as dt

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import NotFound
from handlers import buttons, keyboards
from handlers.common import answer, chat_id_of, query_of, requires, send_html, toast
from handlers.history import issues_line
from handlers.render import quote
from handlers.texts import t

SHOWN = 8


async def _queue(update: Update, context: BotContext) -> None:
    lang = context.lang
    flags = await context.services.flags.open_flags(context.me.telegram_id)
    if not flags:
        await answer(update, context, "flags_empty")
        return
    lines = [t(lang, "flags_title", count=len(flags))]
    for flag in flags[:SHOWN]:
        lines.append(
            t(
                lang, "flags_item", id=flag.id, date=flag.created_at.strftime("%d.%m"), name=flag.user_name,
                score=flag.score, codes=issues_line(lang, flag.issue_codes, 3), text=quote(flag.draft_text, 300),
                comment=flag.comment or t(lang, "flags_no_comment"),
            )
        )  # fmt: skip
    markup = keyboards.flags(lang, [f.id for f in flags[:SHOWN]])
    await send_html(update, context, "\n\n".join(lines), markup)


async def _export(update: Update, context: BotContext) -> None:
    data = await context.services.flags.export_jsonl(context.me.telegram_id)
    if not data:
        await answer(update, context, "flags_empty")
        return
    lines = data.count("\n")
    name = f"coachbot-flags-{dt.datetime.now(dt.UTC):%Y%m%d}.jsonl"
    await context.bot.send_document(
        chat_id_of(update),
        InputFile(data.encode("utf-8"), filename=name),
        caption=t(context.lang, "flags_export_caption", count=lines),
        parse_mode=ParseMode.HTML,
    )


@requires("admin")
async def flags(update: Update, context: BotContext) -> None:
    if (context.args or [""])[0].lower() == "export":
        await _export(update, context)
    else:
        await _queue(update, context)


@requires("admin")
async def on_resolve(update: Update, context: BotContext, button: buttons.FlagResolve) -> None:
    try:
        await context.services.flags.resolve(context.me.telegram_id, button.flag_id)
    except NotFound:
        await buttons.expired(update, context)
        return
    await toast(update, context, "flag_resolved", id=button.flag_id)


@requires("admin")
async def on_export(update: Update, context: BotContext, _button: buttons.FlagExport) -> None:
    await query_of(update).answer()
    await _export(update, context)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("flags", flags))
    application.add_handler(buttons.handler(buttons.FlagResolve, on_resolve))
    application.add_handler(buttons.handler(buttons.FlagExport, on_export))
