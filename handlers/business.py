"""Telegram Business: every reply an employee sends a customer is coached, in private.

When an employee connects the bot to their Telegram Business account (Settings → Business →
Chatbots), the customer's messages and the employee's replies arrive as ``business_message``
updates whose chat is the customer's chat. Nothing is ever sent there: the customer's message
is remembered (masked) as the context of the next reply, and a reply that needs coaching gets
a note in the bot's own chat with the employee. Fine replies stay quiet. Every business update
stops here, before the middleware or any other feature sees it.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, TypeHandler

from coachbot.analysis.errors import DraftError
from coachbot.bot_context import BotContext
from coachbot.services import NotFound, RateLimited
from handlers.common import BUSINESS_GROUP, answer
from handlers.delivery import deliver
from handlers.drafts import safe_rewrites
from handlers.render import analysis_html
from handlers.texts import t

log = logging.getLogger(__name__)


def is_business_update(update: Update) -> bool:
    """Anything that comes from, or describes, a business chat."""
    return any(
        (
            update.business_message is not None,
            update.edited_business_message is not None,
            update.deleted_business_messages is not None,
            update.business_connection is not None,
        )
    )


async def on_business(update: Update, context: BotContext) -> None:
    """Every business update stops here; nothing is ever sent to a business chat."""
    if not is_business_update(update):
        return
    if update.business_connection is not None:
        await _connection(update, context)
    elif update.business_message is not None:
        await _message(update.business_message, context)
    log.debug("business update %s handled privately", update.update_id)
    raise ApplicationHandlerStop


async def _connection(update: Update, context: BotContext) -> None:
    connection = update.business_connection
    if connection is None:
        return
    rights = connection.rights
    stored = await context.services.business.update(
        connection.id, connection.user.id, enabled=connection.is_enabled,
        can_reply=bool(rights and rights.can_reply),
    )  # fmt: skip
    if not stored:
        log.debug("business connection of someone without a profile ignored")


async def _message(message: Message, context: BotContext) -> None:
    """The customer's message is remembered (masked); the employee's reply is coached in private."""
    services = context.services
    owner = await services.business.owner(message.business_connection_id or "")
    text = message.text or message.caption
    if owner is None or not text or message.from_user is None:
        return
    if message.from_user.id != owner:
        await services.business.remember_customer(owner, message.chat.id, services.masker(text))
        return
    context.account = await services.users.get(owner)
    if context.account is None:
        return
    await coach_reply(context, owner, text, await services.business.customer_said(owner, message.chat.id))


async def coach_reply(context: BotContext, owner: int, text: str, customer: str | None) -> None:
    """A reply that needs coaching gets a private note to its author; a fine one stays quiet."""
    try:
        assessed = await context.services.drafts.assess(owner, text, customer, channel="business")
    except (DraftError, RateLimited, NotFound):
        return
    if not assessed.needs_coaching:
        return
    lang = context.lang
    head = t(lang, "business_intro") + "\n\n" + analysis_html(lang, assessed.analysis, assessed.style,
                                                             threshold=assessed.threshold)  # fmt: skip
    shown = await safe_rewrites(context, assessed)
    await deliver(context, owner, assessed.draft_id, head, shown, reply_to=None)  # the bot's own chat


async def business_status(update: Update, context: BotContext) -> None:
    """/business: whether replies to customers are being coached, and how to connect."""
    connected = await context.services.business.connected(context.me.telegram_id)
    await answer(update, context, "business_on" if connected else "business_off")


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, on_business), group=BUSINESS_GROUP)
    application.add_handler(CommandHandler("business", business_status))
