"""/team (a lead's own team at a glance, with a chart) and /employee NAME (one person's drafts).

The services decide who sees what: a lead only their own team, an admin any
team they name. Rows speak of growth, not of ranking.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.charts import TeamLabels, team_chart
from coachbot.services import EmployeeRow, NotFound, PermissionDenied, TeamSummary, ValidationFailed
from coachbot.taxonomy import ISSUES, issue_entry
from handlers import buttons, keyboards
from handlers.common import NO_PREVIEW, answer, args_text, chat_id_of, edit_pressed, query_of, requires, send_html
from handlers.history import page_html
from handlers.texts import Html, count, plain, score_text, t

TEAM_DAYS = 30
PER_PAGE = 5
EMPLOYEE_QUERIES = "employee_queries"
QUERIES_TTL = 24 * 3600


def issue_list(lang: str, issues: list[tuple[str, int]], limit: int = 3) -> str:
    named = [f"{issue_entry(code, lang).title} ({n})" for code, n in issues if code in ISSUES][:limit]
    return ", ".join(named) if named else "—"


def _trend(lang: str, value: float | None) -> str:
    if value is None:
        return plain(lang, "team_trend_none")
    if round(value) == 0:
        return plain(lang, "team_trend_flat")
    return plain(lang, "team_trend_up" if value > 0 else "team_trend_down", delta=f"{value:+.0f}")


def _row(lang: str, row: EmployeeRow) -> str:
    share = "—" if row.rewrite_share is None else f"{row.rewrite_share:.0%}"
    issues = t(lang, "team_row_issues", issues=issue_list(lang, row.top_issues)) if row.top_issues else ""
    return t(
        lang, "team_row", name=row.name, drafts=count(lang, "drafts", row.drafts), avg=score_text(row.avg_score),
        trend=_trend(lang, row.trend), share=share, flags=row.flags, issues=Html(issues),
    )  # fmt: skip


def summary_html(lang: str, summary: TeamSummary, viewer: int | None = None) -> str:
    """The team's numbers, then each person with drafts (by name), then who has not started yet."""
    head = t(
        lang, "team_title", team=summary.team_name, days=count(lang, "days", summary.days),
        drafts=count(lang, "drafts", summary.drafts), avg=score_text(summary.avg_score),
    )  # fmt: skip
    active = sorted((r for r in summary.employees if r.drafts), key=lambda r: r.name.casefold())
    parts = [head, *(_row(lang, r) for r in active)]
    idle = sorted(r.name for r in summary.employees if not r.drafts and r.telegram_id != viewer)
    if idle:
        parts.append(t(lang, "team_idle", names=", ".join(idle)))
    if summary.top_issues:
        parts.append(t(lang, "team_top", issues=issue_list(lang, summary.top_issues, 5)))
    return "\n\n".join(parts)


def team_labels(lang: str, summary: TeamSummary) -> TeamLabels:
    return TeamLabels(
        title=plain(lang, "chart_team_title", team=summary.team_name, days=count(lang, "days", summary.days)),
        employees=plain(lang, "chart_employees"),
        score=plain(lang, "chart_avg"),
        drafts=plain(lang, "chart_drafts"),
        drafts_short=plain(lang, "chart_drafts_short"),
        threshold=plain(lang, "chart_threshold"),
        trend=plain(lang, "chart_trend"),
        daily=plain(lang, "chart_daily"),
        issues=plain(lang, "chart_issues"),
        no_data=plain(lang, "chart_no_data"),
        issue_title=lambda code: issue_entry(code, lang).title if code in ISSUES else code,
    )


async def send_summary(
    context: BotContext, chat_id: int, lang: str, summary: TeamSummary, threshold: int, *, details: str | None = None
) -> None:
    """``details`` (the per-person summary by default) at once, then the chart drawn meanwhile.

    ``chat_id`` is the lead's own chat.
    """
    chart = asyncio.create_task(asyncio.to_thread(team_chart, summary, team_labels(lang, summary), threshold))
    try:
        await context.bot.send_message(
            chat_id, details or summary_html(lang, summary, viewer=chat_id), parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
        )  # fmt: skip
    finally:
        png = await chart
    title = t(lang, "chart_team_title", team=summary.team_name, days=count(lang, "days", summary.days))
    await context.bot.send_photo(chat_id, png, caption=title, parse_mode=ParseMode.HTML)


@requires("lead", "admin")
async def team(update: Update, context: BotContext) -> None:
    name = args_text(context) or None
    try:
        summary = await context.services.teams.team_summary(context.me.telegram_id, TEAM_DAYS, team_name=name)
    except (NotFound, PermissionDenied):
        if name and context.me.role != "admin":  # a lead naming another team: never confirm it exists
            await answer(update, context, "team_foreign")
        elif not name and context.me.role == "admin":
            await answer(update, context, "team_admin_usage")
        else:
            await answer(update, context, "team_missing" if name else "team_no_team", name=name or "")
        return
    if not summary.drafts:
        await answer(update, context, "team_empty")
        return
    threshold = await context.services.runtime.coaching_threshold()
    await send_summary(context, chat_id_of(update), context.lang, summary, threshold)


async def _employee_page(update: Update, context: BotContext, name: str, page: int, token: int) -> None:
    lang = context.lang
    result = await context.services.teams.employee_history(context.me.telegram_id, name, page, PER_PAGE)
    title = t(lang, "employee_title", name=name, total=count(lang, "drafts", result.total),
              page=result.page + 1, pages=result.pages)  # fmt: skip
    text = page_html(lang, title, result) if result.total else f"{title}\n\n{t(lang, 'history_empty')}"
    markup = keyboards.pages(lang, result.page, result.pages, lambda n: buttons.EmployeePage(n, token))
    if update.callback_query is not None:
        await query_of(update).answer()
        await edit_pressed(update, text, markup)
    else:
        await send_html(update, context, text, markup)


async def _employee_errors(update: Update, context: BotContext, name: str, page: int, token: int) -> None:
    try:
        await _employee_page(update, context, name, page, token)
    except (NotFound, PermissionDenied):
        await answer(update, context, "employee_missing", name=name)
    except ValidationFailed:
        await answer(update, context, "employee_ambiguous")


@requires("lead", "admin")
async def employee(update: Update, context: BotContext) -> None:
    name = args_text(context)
    if not name:
        await answer(update, context, "employee_usage")
        return
    # Buttons carry a small token, not the name: names can be longer than callback data allows.
    # The tokens live in the database, so a page button works on any replica and after a restart.
    state = context.services.state
    queries = {int(k): v for k, v in (await state.get(context.me.telegram_id, EMPLOYEE_QUERIES) or {}).items()}
    token = max(queries, default=0) + 1
    queries[token] = name
    kept = {str(k): queries[k] for k in sorted(queries)[-20:]}
    await state.put(context.me.telegram_id, EMPLOYEE_QUERIES, kept, QUERIES_TTL)
    await _employee_errors(update, context, name, 0, token)


@requires("lead", "admin")
async def on_employee_page(update: Update, context: BotContext, button: buttons.EmployeePage) -> None:
    queries = await context.services.state.get(context.me.telegram_id, EMPLOYEE_QUERIES) or {}
    name = queries.get(str(button.token))
    if name is None:  # the name behind the token is gone (a day later, or 20 newer searches)
        await buttons.expired(update, context)
        return
    await _employee_errors(update, context, name, button.page, button.token)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("team", team))
    application.add_handler(CommandHandler("employee", employee))
    application.add_handler(buttons.handler(buttons.EmployeePage, on_employee_page))
