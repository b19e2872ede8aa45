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

from coachbot.analysis.analyzer import validate_draft
from coachbot.analysis.errors import DraftError
from coachbot.analysis.types import Analysis
from coachbot.bot_context import BotContext
from coachbot.services import RateLimited, RewriteRecord
from coachbot.style_check import style_issues
from handlers.common import answer, forget_customer, message_of, remember_customer, send_html, take_customer
from handlers.delivery import deliver, send, typing
from handlers.render import ShownRewrite, analysis_html, fits, needs_coaching, rewrites_html
from handlers.texts import esc

log = logging.getLogger(__name__)
DEFAULT_STYLES = ("warm", "concise")


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


async def rewrite(
    context: BotContext, text: str, customer: str | None, analysis: Analysis | None, draft_id: int,
    styles: tuple[str, ...], llm: bool,
) -> list[ShownRewrite]:  # fmt: skip
    """The rewrites the service offers (gated, best first); stored masked for the history and the buttons."""
    services = context.services
    rewriter = services.rewriter if llm else services.offline_rewriter
    # The stored analysis is of the masked text; the rewriter gets the person's own words.
    same_text = analysis is not None and analysis.text == text.strip()
    result = await rewriter.rewrite(
        text, context=customer, analysis=analysis if same_text else None, id=str(draft_id), styles=styles
    )
    passed = list(result.rewrites)
    if passed:
        await services.coaching.add_rewrites(
            draft_id,
            [RewriteRecord(r.style, services.masker(r.text), r.backend, r.score, dict(r.gate)) for r in passed],
        )
    for r in passed:
        context.metrics.rewrites.labels(backend=r.backend).inc()
    return [ShownRewrite(r.style, r.text, r.score) for r in passed]


async def coach(update: Update, context: BotContext, text: str, customer: str | None) -> None:
    """The whole answer to one draft."""
    started = time.perf_counter()
    services, lang, message = context.services, context.lang, message_of(update)
    try:
        validate_draft(text, context.settings.max_draft_chars)
    except DraftError as error:
        await send_html(update, context, esc(error.message(lang)))
        return
    try:
        result = await services.coaching.submit_draft(context.me.telegram_id, text, customer)
    except RateLimited as limited:
        if context.throttle_notice_due(limited.retry_after):
            await answer(update, context, "slow_down", seconds=limited.retry_after)
        return
    analysis = result.analysis
    context.metrics.drafts.labels(language=analysis.language).inc()
    style = style_issues(text, await services.styleguide.rules())
    threshold = await services.runtime.coaching_threshold()
    head = analysis_html(lang, analysis, style, threshold=threshold)
    chat_id = message.chat_id
    if not needs_coaching(analysis, style, threshold):
        await deliver(context, chat_id, result.draft_id, head, None, reply_to=message.message_id)
        context.metrics.latency.observe(time.perf_counter() - started)
        return
    llm = services.llm is not None and await services.runtime.llm_enabled()
    placeholder = None
    pending = f"{head}\n\n{rewrites_html(lang, [], pending=True)}"
    if llm and fits(pending):  # the analysis now; the rewrites when the LLM is done
        placeholder = await send(context, chat_id, pending, reply_to=message.message_id)
        context.metrics.latency.observe(time.perf_counter() - started)
    async with typing(context, chat_id) if llm else contextlib.nullcontext():
        shown = await safe_rewrite(context, text, customer, analysis, result.draft_id, llm)
    await deliver(context, chat_id, result.draft_id, head, shown, reply_to=message.message_id, placeholder=placeholder)
    if placeholder is None:
        context.metrics.latency.observe(time.perf_counter() - started)


async def safe_rewrite(
    context: BotContext, text: str, customer: str | None, analysis: Analysis, draft_id: int, llm: bool
) -> list[ShownRewrite]:
    """Rewrites, or none if the rewriter fails: the analysis still reaches the person."""
    try:
        return await rewrite(context, text, customer, analysis, draft_id, DEFAULT_STYLES, llm)
    except Exception:
        log.exception("rewrites for draft %s failed; answering with the analysis alone", draft_id)
        context.metrics.errors.labels(kind="rewrite").inc()
        return []


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
