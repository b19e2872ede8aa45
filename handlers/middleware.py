"""Runs before every feature (group -2): counts the update, loads the user and role, guards access.

Private chats only: the drafts people send are theirs alone. A message creates
the sender's profile (writing to the bot is joining it); a button press never
does, so a button from before /forgetme cannot bring the data back. With
``COACHBOT_OPEN_ACCESS=false`` only team members and admins get further than
/start, /join, /lang and /forgetme; everyone else gets a kind explanation.
"""

from __future__ import annotations

from telegram import Update, User
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from coachbot.bot_context import BotContext
from coachbot.services.types import UserInfo
from handlers import buttons
from handlers.common import MIDDLEWARE_GROUP, answer, clear_input, query_of
from handlers.texts import plain

# What someone outside every team may still do when access is closed.
OPEN_COMMANDS = {"start", "join", "lang", "help", "forgetme", "cancel"}
OPEN_BUTTONS = (buttons.Language, buttons.Forget)


def update_kind(update: Update) -> str:
    if update.callback_query is not None:
        return "callback_query"
    if update.edited_message is not None:
        return "edited_message"
    if update.message is not None:
        return "message"
    return "other"


def command_of(update: Update) -> str | None:
    """The command a message starts with, without the slash and the @botname."""
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    return message.text.split()[0][1:].split("@", 1)[0].lower()


def _may_pass_closed_door(update: Update) -> bool:
    if command_of(update) in OPEN_COMMANDS:
        return True
    query = update.callback_query
    return query is not None and isinstance(buttons.decode(query.data), OPEN_BUTTONS)


async def _account(update: Update, context: BotContext, user: User) -> UserInfo:
    """The person's profile; a message or a command makes one, a button never does."""
    if update.callback_query is None:
        return await context.services.users.ensure_user(user.id, user.full_name, user.username, user.language_code)
    # A button from before /forgetme (or someone else's) is stale.
    account = await context.services.users.get(user.id)
    if account is None:
        await query_of(update).answer(plain(context.lang, "stale_button"), show_alert=True)
        raise ApplicationHandlerStop
    return account


async def load_user(update: Update, context: BotContext) -> None:
    context.metrics.updates.labels(kind=update_kind(update)).inc()
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.is_bot or chat is None:
        raise ApplicationHandlerStop  # channel posts, polls, member updates: nothing to coach
    if chat.type != ChatType.PRIVATE:
        if command_of(update) is not None:
            await answer(update, context, "group_chat")
        raise ApplicationHandlerStop
    context.account = await _account(update, context, user)
    if command_of(update) not in (None, "cancel"):
        await clear_input(context)  # a new command ends "send me the text…"
    account = context.account
    closed = not context.settings.open_access and account.role != "admin" and account.team_id is None
    if closed and not _may_pass_closed_door(update):
        if update.callback_query is not None:
            await query_of(update).answer()
        await answer(update, context, "closed_access")
        raise ApplicationHandlerStop


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, load_user), group=MIDDLEWARE_GROUP)
