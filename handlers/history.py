"""/history (one's own drafts, page by page) and /progress (one's own trend as a chart)."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CommandHandler

from coachbot.bot_context import BotContext
from coachbot.charts import ProgressLabels, progress_chart, week_over_week
from coachbot.services import HistoryPage
from coachbot.taxonomy import ISSUES, issue_entry
from handlers import buttons, keyboards
from handlers.common import answer, chat_id_of, edit_pressed, query_of, send_html
from handlers.texts import Html, count, plain, score_text, t, trend_text

PER_PAGE = 5
PROGRESS_DAYS = 30


def issues_line(lang: str, codes: list[str], limit: int = 2) -> str:
    titles = [issue_entry(c, lang).title for c in codes if c in ISSUES][:limit]
    return ", ".join(titles) if titles else plain(lang, "history_clean")


def page_html(lang: str, title: Html, page: HistoryPage) -> str:
    """A page of drafts: date, score, the main issues and the first words of the text."""
    lines: list[str] = [title]
    for item in page.items:
        line = t(
            lang,
            "history_item",
            date=item.created_at.strftime("%d.%m %H:%M"),
            score=item.score,
            issues=issues_line(lang, item.issue_codes),
            preview=item.preview(90),
        )
        lines.append(line + (t(lang, "history_chosen") if item.chosen else ""))
    return "\n\n".join(lines)


def own_page(lang: str, page: HistoryPage) -> tuple[str, InlineKeyboardMarkup | None]:
    title = t(lang, "history_title", total=count(lang, "drafts", page.total), page=page.page + 1, pages=page.pages)
    return page_html(lang, title, page), keyboards.pages(lang, page.page, page.pages, buttons.HistoryPage)


async def history(update: Update, context: BotContext) -> None:
    page = await context.services.coaching.history(context.me.telegram_id, 0, PER_PAGE)
    if not page.total:
        await answer(update, context, "history_empty")
        return
    text, markup = own_page(context.lang, page)
    await send_html(update, context, text, markup)


async def on_history_page(update: Update, context: BotContext, button: buttons.HistoryPage) -> None:
    query = query_of(update)
    page = await context.services.coaching.history(context.me.telegram_id, button.page, PER_PAGE)
    await query.answer()
    if not page.total:
        await edit_pressed(update, t(context.lang, "history_empty"))
        return
    text, markup = own_page(context.lang, page)
    await edit_pressed(update, text, markup)


def progress_labels(lang: str, days: int) -> ProgressLabels:
    return ProgressLabels(
        title=plain(lang, "chart_progress_title", days=count(lang, "days", days)),
        score=plain(lang, "chart_score"),
        drafts=plain(lang, "chart_drafts"),
        threshold=plain(lang, "chart_threshold"),
        trend=plain(lang, "chart_trend"),
        no_data=plain(lang, "chart_no_data"),
    )


async def progress(update: Update, context: BotContext) -> None:
    lang, services = context.lang, context.services
    points = await services.coaching.progress(context.me.telegram_id, PROGRESS_DAYS)
    drafts = sum(p.drafts for p in points)
    if not drafts:
        await answer(update, context, "progress_empty")
        return
    threshold = await services.runtime.coaching_threshold()
    png = await asyncio.to_thread(progress_chart, points, progress_labels(lang, PROGRESS_DAYS), threshold)
    average = sum(p.avg_score * p.drafts for p in points if p.avg_score is not None) / drafts
    caption = t(
        lang,
        "progress_caption",
        days=count(lang, "days", PROGRESS_DAYS),
        drafts=count(lang, "drafts", drafts),
        avg=score_text(average),
        trend=trend_text(lang, week_over_week(points)),
    )
    await context.bot.send_photo(chat_id_of(update), png, caption=caption, parse_mode=ParseMode.HTML)


def register(application: Application) -> None:
    application.add_handler(CommandHandler("history", history))
    application.add_handler(CommandHandler("progress", progress))
    application.add_handler(buttons.handler(buttons.HistoryPage, on_history_page))
