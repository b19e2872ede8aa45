"""Any text is a draft: analyse it, store it, answer with the coaching and the rewrites.

A forwarded message is the customer's: it is remembered as the context of the
next draft. A draft sent as a reply to a message takes that message as context.
"""

from __future__ import annotations

import contextlib
import logging
import time

from telegram import Message, MessageOriginUser, Update
from telegram.ext import Application, MessageHandler, filters

from coachbot.analysis.errors import DraftError
from coachbot.bot_context import BotContext
from coachbot.services import Assessment, RateLimited, ShownRewrite
from handlers.common import answer, forget_customer, message_of, remember_customer, send_html, take_customer
from handlers.delivery import deliver, send, typing
from handlers.render import analysis_html, fits, rewrites_html
from handlers.texts import esc

log = logging.getLogger(__name__)


def is_customer_forward(message: Message, context: BotContext) -> bool:
    """A forward of someone else's message (the person's own old draft is just a draft)."""
    origin = message.forward_origin
    if origin is None:
        return False
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.id not in (context.me.telegram_id, context.bot.id)
    return True


async def _customer_of(message: Message, context: BotContext) -> str | None:
    """The customer's message this draft answers: the replied-to message, else a recent forward."""
    replied = message.reply_to_message
    if replied is not None and (replied.text or replied.caption):
        author = replied.from_user
        if author is None or author.id != context.bot.id:
            await forget_customer(context)
            return replied.text or replied.caption
    return await take_customer(context)


async def coach(update: Update, context: BotContext, text: str, customer: str | None) -> None:
    """The whole answer to one draft: the service decides, this renders and delivers."""
    started, lang, message = time.perf_counter(), context.lang, message_of(update)
    assessed = await _assess(update, context, text, customer)
    if assessed is None:
        return
    context.metrics.drafts.labels(language=assessed.analysis.language).inc()
    head = analysis_html(lang, assessed.analysis, assessed.style, threshold=assessed.threshold)
    placeholder, shown = None, None
    if assessed.needs_coaching:
        placeholder = await _llm_placeholder(context, assessed, head, message, started)
        async with typing(context, message.chat_id) if assessed.llm else contextlib.nullcontext():
            shown = await safe_rewrites(context, assessed)
    await deliver(context, message.chat_id, assessed.draft_id, head, shown, reply_to=message.message_id,
                  placeholder=placeholder)  # fmt: skip
    if placeholder is None:
        context.metrics.latency.observe(time.perf_counter() - started)


async def _assess(update: Update, context: BotContext, text: str, customer: str | None) -> Assessment | None:
    """The service's assessment, or None once the person was told why the draft cannot be coached."""
    try:
        return await context.services.drafts.assess(context.me.telegram_id, text, customer)
    except DraftError as error:
        await send_html(update, context, esc(error.message(context.lang)))
    except RateLimited as limited:
        if context.throttle_notice_due(limited.retry_after):
            await answer(update, context, "slow_down", seconds=limited.retry_after)
    return None


async def _llm_placeholder(
    context: BotContext, assessed: Assessment, head: str, message: Message, started: float
) -> Message | None:
    """With the LLM, the analysis goes out at once with «rewriting…»; the rewrites replace it."""
    pending = f"{head}\n\n{rewrites_html(context.lang, [], pending=True)}"
    if not (assessed.llm and fits(pending)):
        return None
    placeholder = await send(context, message.chat_id, pending, reply_to=message.message_id)
    context.metrics.latency.observe(time.perf_counter() - started)
    return placeholder


async def safe_rewrites(context: BotContext, assessed: Assessment) -> list[ShownRewrite]:
    """Rewrites, or none if the rewriter fails: the analysis still reaches the person."""
    try:
        shown = await context.services.drafts.rewrite(assessed)
    except Exception:
        log.exception("rewrites for draft %s failed; answering with the analysis alone", assessed.draft_id)
        context.metrics.errors.labels(kind="rewrite").inc()
        return []
    for r in shown:
        context.metrics.rewrites.labels(backend=r.backend).inc()
    return shown


async def on_text(update: Update, context: BotContext) -> None:
    message = message_of(update)
    text = message.text or ""
    if is_customer_forward(message, context):
        await remember_customer(context, text)
        await answer(update, context, "context_saved")
        return
    await coach(update, context, text, await _customer_of(message, context))


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
