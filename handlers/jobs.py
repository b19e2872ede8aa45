"""Scheduled work: the leads' weekly digest, the employees' daily Business summary and the daily
retention purge (PTB's job queue).

The digest's day and time come from the SettingsService; /settings calls
:func:`schedule_digest` again after a change.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram.ext import Application

from coachbot.bot_context import SERVICES_KEY, BotContext, BotServices
from handlers.business import schedule_days
from handlers.delivery import send_each
from handlers.team import issue_list, send_summary
from handlers.texts import count, score_text, t

log = logging.getLogger(__name__)
DIGEST_JOB = "weekly_digest"
RETENTION_JOB = "retention_purge"
RETENTION_AT = dt.time(3, 30, tzinfo=dt.UTC)  # a quiet hour
DIGEST_DAYS = 7


def ptb_weekday(monday_first: int) -> int:
    """SettingsService counts 0 = Monday; PTB's run_daily counts 0 = Sunday."""
    return (monday_first + 1) % 7


async def send_digest(context: BotContext) -> int:
    """Each lead's week: a short summary and the team chart. Returns how many were sent."""
    services: BotServices = context.bot_data[SERVICES_KEY]
    if not await services.state.claim_job(DIGEST_JOB, "week"):
        log.info("weekly digest: another replica sends it this week")
        return 0
    threshold = await services.runtime.coaching_threshold()

    async def digest_to(lead_tid: int) -> bool:
        lead = await services.users.get(lead_tid)
        lang = lead.language if lead is not None else context.settings.language
        summary = await services.teams.team_summary(lead_tid, DIGEST_DAYS)
        if not summary.drafts:
            return False
        body = t(lang, "digest_body", drafts=count(lang, "drafts", summary.drafts),
                 avg=score_text(summary.avg_score), issues=issue_list(lang, summary.top_issues))  # fmt: skip
        digest = f"{t(lang, 'digest_title', team=summary.team_name)}\n{body}"
        await send_summary(context, lead_tid, lang, summary, threshold, details=digest)
        return True

    return await send_each([lead for lead, _team in await services.teams.digest_targets()], digest_to, "weekly digest")


async def purge_old_drafts(context: BotContext) -> None:
    services = context.bot_data[SERVICES_KEY]
    if not await services.state.claim_job(RETENTION_JOB, "day"):
        log.info("retention: another replica purges today")
        return
    deleted = await services.retention.purge()
    expired = await services.state.purge()
    log.info("retention: %d old drafts and %d expired state rows deleted", deleted, expired)


async def schedule_digest(application: Application) -> None:
    """(Re)schedule the weekly digest at the day and time the admins set."""
    if application.job_queue is None:
        log.warning("no job queue: install python-telegram-bot[job-queue] for the weekly digest")
        return
    services: BotServices = application.bot_data[SERVICES_KEY]
    day = await services.runtime.digest_day()
    hours, minutes = (int(part) for part in (await services.runtime.digest_time()).split(":"))
    for job in application.job_queue.get_jobs_by_name(DIGEST_JOB):
        job.schedule_removal()
    application.job_queue.run_daily(
        send_digest, dt.time(hours, minutes, tzinfo=dt.UTC), days=(ptb_weekday(day),), name=DIGEST_JOB
    )


async def schedule_jobs(application: Application) -> None:
    await schedule_digest(application)
    schedule_days(application)
    if application.job_queue is not None and not application.job_queue.get_jobs_by_name(RETENTION_JOB):
        application.job_queue.run_daily(purge_old_drafts, RETENTION_AT, name=RETENTION_JOB)
