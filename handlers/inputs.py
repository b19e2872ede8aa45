"""When the bot asked for a text (a comment on a verdict, a new prompt), the next message is that text.

Features register a consumer per kind with :func:`add_input`; this router runs
in group -1, before a message could be taken for a draft.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, filters

from coachbot.bot_context import BotContext
from handlers.common import INPUT_GROUP, clear_input, pending_input

Consumer = Callable[[Update, BotContext, dict[str, Any]], Awaitable[None]]
CONSUMERS_KEY = "coachbot.input_consumers"


def add_input(application: Application, kind: str, consumer: Consumer) -> None:
    application.bot_data.setdefault(CONSUMERS_KEY, {})[kind] = consumer


async def route(update: Update, context: BotContext) -> None:
    state = await pending_input(context)
    if state is None:
        return
    consumer = context.bot_data.get(CONSUMERS_KEY, {}).get(state["kind"])
    if consumer is None:
        await clear_input(context)
        return
    await consumer(update, context, state)
    raise ApplicationHandlerStop


def register(application: Application) -> None:
    text = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(text, route), group=INPUT_GROUP)
