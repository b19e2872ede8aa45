"""Small helpers every feature uses: answering, role checks, and "the next message is…" state."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from coachbot.bot_context import BotContext
from coachbot.services import PermissionDenied
from handlers.texts import plain, t

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]
P = ParamSpec("P")
R = TypeVar("R")

# Groups: business updates are stopped first, then the user middleware, then "the next message
# is…" input, then features.
INLINE_GROUP = -4  # inline queries have no chat: they are served before the middleware
BUSINESS_GROUP = -3
MIDDLEWARE_GROUP = -2
INPUT_GROUP = -1

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
PENDING = "pending"
PENDING_TTL = 15 * 60
CONTEXT = "customer"
CONTEXT_TTL = 30 * 60


async def answer(
    update: Update, context: BotContext, key: str, markup: InlineKeyboardMarkup | None = None, /, **params: Any
) -> Message | None:
    """Send the sentence ``key`` to the chat of the update, in the user's language."""
    return await send_html(update, context, t(context.lang, key, **params), markup)


async def send_html(
    update: Update, context: BotContext, html_text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    chat = update.effective_chat
    if chat is None:
        return None
    return await context.bot.send_message(
        chat.id, html_text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
    )


async def toast(update: Update, context: BotContext, key: str, /, *, alert: bool = False, **params: Any) -> None:
    """Answer a button press with a short note at the top of the chat."""
    if update.callback_query is not None:
        await update.callback_query.answer(plain(context.lang, key, **params), show_alert=alert)


def query_of(update: Update) -> CallbackQuery:
    """The button press of an update a CallbackQueryHandler matched (always there)."""
    if update.callback_query is None:
        raise TypeError("not a button press")
    return update.callback_query


def message_of(update: Update) -> Message:
    """The message of an update a MessageHandler matched (always there)."""
    if update.effective_message is None:
        raise TypeError("an update without a message")
    return update.effective_message


def pressed_message(query: CallbackQuery) -> Message | None:
    """The bot's message under which the button was pressed; None when Telegram no longer has it."""
    return query.message if isinstance(query.message, Message) else None


def chat_id_of(update: Update) -> int:
    if update.effective_chat is None:
        raise TypeError("an update without a chat")
    return update.effective_chat.id


async def edit_pressed(update: Update, html_text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the message whose button was pressed; pressing twice (same content) is not an error."""
    try:
        await query_of(update).edit_message_text(
            html_text, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=NO_PREVIEW
        )
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


Handler = Callable[Concatenate[Update, BotContext, P], Coroutine[Any, Any, R]]


def requires(*roles: str) -> Callable[[Handler[P, R]], Handler[P, R | None]]:
    """Run the handler only for these roles; others get a kind word about who it is for."""

    def decorate(handler: Handler[P, R]) -> Handler[P, R | None]:
        @functools.wraps(handler)
        async def wrapper(update: Update, context: BotContext, *args: P.args, **kwargs: P.kwargs) -> R | None:
            if context.account is None or context.account.role not in roles:
                await _refuse(update, context, roles)
                return None
            try:
                return await handler(update, context, *args, **kwargs)
            except PermissionDenied:
                await _refuse(update, context, roles)
                return None

        return wrapper

    return decorate


async def _refuse(update: Update, context: BotContext, roles: tuple[str, ...]) -> None:
    key = "lead_only" if "lead" in roles else "admin_only"
    if update.callback_query is not None:
        await toast(update, context, key, alert=True)
    else:
        await answer(update, context, key)


def args_text(context: BotContext) -> str:
    return " ".join(context.args or []).strip()


# -- "the next message is …" -------------------------------------------------------------
# Kept in the database (``StateService``), not in process memory: the next message may reach
# another replica, or the bot after a restart.
async def expect_input(context: BotContext, kind: str, **data: Any) -> None:
    """Take the user's next text message as input of ``kind`` (a flag comment, a prompt text)."""
    await context.services.state.put(context.me.telegram_id, PENDING, {"kind": kind, **data}, PENDING_TTL)


async def pending_input(context: BotContext) -> dict[str, Any] | None:
    return await context.services.state.get(context.me.telegram_id, PENDING)


async def clear_input(context: BotContext) -> bool:
    return await context.services.state.clear(context.me.telegram_id, PENDING)


# -- the customer's message a draft answers ------------------------------------------------------
async def remember_customer(context: BotContext, text: str) -> None:
    """Stored masked, like every text a person gives us; the draft's analysis reads it masked anyway."""
    masked = context.services.masker(text)
    await context.services.state.put(context.me.telegram_id, CONTEXT, {"text": masked}, CONTEXT_TTL)


async def take_customer(context: BotContext) -> str | None:
    """The forwarded customer message, once, if it is recent."""
    saved = await context.services.state.pop(context.me.telegram_id, CONTEXT)
    return saved["text"] if saved else None


async def forget_customer(context: BotContext) -> bool:
    return await context.services.state.clear(context.me.telegram_id, CONTEXT)
