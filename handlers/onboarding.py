"""/start (with an invite deep link), /join, /lang, /help and /cancel."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.services import InvalidInvite
from handlers import buttons, keyboards
from handlers.common import answer, args_text, clear_input, forget_customer, query_of, send_html
from handlers.texts import t


def _first_name(update: Update) -> str:
    user = update.effective_user
    return (user.first_name if user else "") or ""


async def _join(update: Update, context: BotContext, code: str) -> str:
    """Join the team of ``code``; returns the sentence that says how it went."""
    try:
        team = await context.services.users.join_team(context.me.telegram_id, code)
    except InvalidInvite:
        return t(context.lang, "join_invalid")
    joined = t(context.lang, "join_ok", team=team.name)
    return joined + "\n\n" + t(context.lang, "join_lead_left") if team.lead_role_left else joined


async def start(update: Update, context: BotContext) -> None:
    me, lang = context.me, context.lang
    parts: list[str] = [t(lang, "welcome_new" if me.is_new else "welcome_back", name=_first_name(update))]
    code = args_text(context)
    if code == "inline":  # from the "open the bot" button of inline mode
        parts.append(t(lang, "inline_ready", bot=context.bot.username or "bot"))
    elif code:
        parts.append(await _join(update, context, code))
    elif me.team_name:
        parts.append(t(lang, "team_line", team=me.team_name))
    elif not context.settings.open_access and me.role != "admin":
        parts = [t(lang, "closed_access")]
    else:
        parts.append(t(lang, "no_team_hint"))
    await send_html(update, context, "\n\n".join(parts))


async def join(update: Update, context: BotContext) -> None:
    code = args_text(context)
    if not code:
        await answer(update, context, "join_usage")
        return
    await send_html(update, context, await _join(update, context, code))


async def choose_language(update: Update, context: BotContext) -> None:
    wanted = args_text(context).lower()
    if wanted in ("ru", "en"):
        await context.services.users.set_language(context.me.telegram_id, wanted)
        await send_html(update, context, t(wanted, "lang_set"))
        return
    await answer(update, context, "lang_choose", keyboards.languages())


async def on_language_button(update: Update, context: BotContext, button: buttons.Language) -> None:
    query = query_of(update)
    await context.services.users.set_language(context.me.telegram_id, button.code)
    await query.answer()
    await query.edit_message_text(t(button.code, "lang_set"))


async def help_command(update: Update, context: BotContext) -> None:
    lang, role = context.lang, context.me.role
    text: str = t(lang, "help_staff")
    if role in ("lead", "admin"):
        text += t(lang, "help_lead")
    if role == "admin":
        text += t(lang, "help_admin")
    await send_html(update, context, text)


async def cancel(update: Update, context: BotContext) -> None:
    had_input = await clear_input(context)
    had_context = await forget_customer(context)
    await answer(update, context, "cancelled" if had_input or had_context else "nothing_to_cancel")


def register(application: Application) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("join", join))
    application.add_handler(CommandHandler("lang", choose_language))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("cancel", cancel))
    application.add_handler(buttons.handler(buttons.Language, on_language_button))
