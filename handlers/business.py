"""Telegram Business: every reply an employee sends a customer is coached, in private.

When an employee connects the bot to their Telegram Business account (Settings → Business →
Chatbots), the customer's messages and the employee's replies arrive as ``business_message``
updates whose chat is the customer's chat. Nothing is ever sent there: the customer's message
is remembered (masked) as the context of the next reply, and a reply that needs coaching gets
a note in the bot's own chat with the employee. Fine replies stay quiet. Every business update
stops here, before the middleware or any other feature sees it.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, TypeHandler

from coachbot.analysis.errors import DraftError
from coachbot.bot_context import SERVICES_KEY, BotContext, BotServices
from coachbot.services import NotFound, RateLimited
from coachbot.services.business import BusinessDay
from coachbot.taxonomy import ISSUES, issue_entry
from handlers import buttons, keyboards
from handlers.common import BUSINESS_GROUP, edit_pressed, send_html, toast
from handlers.delivery import deliver, send, send_each
from handlers.drafts import safe_rewrites
from handlers.render import analysis_html, quote
from handlers.team import issue_list
from handlers.texts import count, quoted, score_text, t

log = logging.getLogger(__name__)
DAY_JOB = "business_day"
DAY_AT = dt.time(15, 0, tzinfo=dt.UTC)  # the end of a shift in Moscow (18:00)


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
    if not assessed.needs_coaching or await context.services.business.daily(owner):
        return  # stored either way: a daily summary reads it
    lang = context.lang
    head = t(lang, "business_intro") + "\n\n" + analysis_html(lang, assessed.analysis, assessed.style,
                                                             threshold=assessed.threshold)  # fmt: skip
    shown = await safe_rewrites(context, assessed)
    await deliver(context, owner, assessed.draft_id, head, shown, reply_to=None)  # the bot's own chat


async def business_status(update: Update, context: BotContext) -> None:
    """/business: whether replies to customers are being coached, how to connect, and how often."""
    daily = await context.services.business.daily(context.me.telegram_id)
    await send_html(update, context, await _status_html(context, daily), keyboards.business_mode(context.lang, daily))


async def on_mode(update: Update, context: BotContext, button: buttons.BusinessMode) -> None:
    daily = button.mode == "daily"
    await context.services.business.set_daily(context.me.telegram_id, daily)
    await toast(update, context, "business_mode_set_daily" if daily else "business_mode_set_each")
    await edit_pressed(update, await _status_html(context, daily), keyboards.business_mode(context.lang, daily))


async def _status_html(context: BotContext, daily: bool) -> str:
    lang = context.lang
    connected = await context.services.business.connected(context.me.telegram_id)
    mode = t(lang, "business_mode_daily", time=DAY_AT.strftime("%H:%M")) if daily else t(lang, "business_mode_each")
    return f"{t(lang, 'business_on' if connected else 'business_off')}\n\n{mode}"


def day_html(lang: str, day: BusinessDay) -> str:
    """The daily summary: how many replies, how many to improve, and the weakest one quoted."""
    replies, avg = count(lang, "replies", day.replies), score_text(day.avg_score)
    if not day.to_improve:
        return f"{t(lang, 'business_day_title')}\n{t(lang, 'business_day_fine', replies=replies, avg=avg)}"
    body = t(lang, "business_day_body", replies=replies, to_improve=day.to_improve, avg=avg,
             issues=issue_list(lang, day.top_issues))  # fmt: skip
    parts = [f"{t(lang, 'business_day_title')}\n{body}"]
    if day.weakest is not None:
        parts.append(t(lang, "business_day_weakest", score=day.weakest.score, text=quote(day.weakest.text, 300)))
        known = [i for i in day.weakest.analysis.get("issues", []) if i.get("code") in ISSUES]
        if known:
            first = known[0]
            parts.append(t(lang, "business_day_issue", title=issue_entry(first["code"], lang).title,
                           quote=quoted(lang, quote(first.get("quote", "")))))  # fmt: skip
    return "\n\n".join(parts)


async def send_days(context: BotContext) -> int:
    """The daily summary to everyone who asked for it and replied to customers. Returns how many."""
    services: BotServices = context.bot_data[SERVICES_KEY]
    if not await services.state.claim_job(DAY_JOB, "day"):
        log.info("business summaries: another replica sends them today")
        return 0

    async def day_to(telegram_id: int) -> bool:
        day = await services.business.day(telegram_id)
        user = await services.users.get(telegram_id)
        if not day.replies or user is None:
            return False
        markup = keyboards.business_day(user.language, day.weakest.draft_id) if day.weakest else None
        await send(context, telegram_id, day_html(user.language, day), markup)
        return True

    return await send_each(await services.business.daily_targets(), day_to, "business summary")


def schedule_days(application: Application) -> None:
    if application.job_queue is not None and not application.job_queue.get_jobs_by_name(DAY_JOB):
        application.job_queue.run_daily(send_days, DAY_AT, name=DAY_JOB)


def register(application: Application) -> None:
    application.add_handler(TypeHandler(Update, on_business), group=BUSINESS_GROUP)
    application.add_handler(CommandHandler("business", business_status))
    application.add_handler(buttons.handler(buttons.BusinessMode, on_mode))
