"""/forgetme: anyone can delete their own data, after a confirm button."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from handlers import buttons, keyboards
from handlers.common import answer, query_of
from handlers.texts import t


async def forget_me(update: Update, context: BotContext) -> None:
    await answer(update, context, "forget_ask", keyboards.forget_confirm(context.lang))


async def on_confirm(update: Update, context: BotContext, button: buttons.Forget) -> None:
    query = query_of(update)
    lang = context.lang
    await query.answer()
    if button.answer == "yes":
        # The forwarded context and any half-finished input are rows of the profile: they go with it.
        await context.services.users.forget(context.me.telegram_id)
        if context.user_data is not None:
            context.user_data.clear()
        await query.edit_message_text(t(lang, "forget_done"))
    else:
        await query.edit_message_text(t(lang, "forget_cancelled"))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("forgetme", forget_me))
    application.add_handler(buttons.handler(buttons.Forget, on_confirm))
