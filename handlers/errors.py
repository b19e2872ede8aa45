"""The last line of defence: log the failure (never the message text) and say sorry kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from coachbot.bot_context import BotContext
from handlers.common import answer, query_of

log = logging.getLogger("coachbot.errors")


def kind_of(error: BaseException | None) -> str:
    if isinstance(error, Forbidden):
        return "forbidden"
    if isinstance(error, RetryAfter):
        return "rate_limited"
    if isinstance(error, TimedOut | NetworkError):
        return "network"
    if isinstance(error, BadRequest):
        return "bad_request"
    return "internal"


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    kind = kind_of(error)
    context.metrics.errors.labels(kind=kind).inc()
    update_id = update.update_id if isinstance(update, Update) else None
    # The traceback names the code that failed; the update itself (the person's text) stays out of the log.
    log.error("update %s failed (%s): %s", update_id, kind, type(error).__name__, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None or kind in ("forbidden", "network"):
        return
    try:
        if update.callback_query is not None:
            await query_of(update).answer()
        await answer(update, context, "error")
    except Exception:  # the apology itself failed (blocked bot, network): nothing more to do
        log.warning("could not tell the user about the failure of update %s", update_id)


def register(application: Application) -> None:
    application.add_error_handler(on_error)
