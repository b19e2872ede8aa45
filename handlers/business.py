"""Telegram Business updates: never answered where the customer can see them.

When an employee connects the bot to their Telegram Business account, the
customer's messages (and the employee's own replies) arrive as
``business_message`` updates whose chat is the customer's chat. Replying there
would put the coach's words in front of the customer, so every business update
stops here, before the middleware, the drafts or any other feature sees it.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from coachbot.bot_context import BotContext
from handlers.common import BUSINESS_GROUP

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


async def stop_business(update: Update, context: BotContext) -> None:
    if is_business_update(update):
        log.debug("business update %s not answered", update.update_id)
        raise ApplicationHandlerStop


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, stop_business), group=BUSINESS_GROUP)
