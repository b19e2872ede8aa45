"""Inline mode: type ``@bot <draft>`` in the chat with the customer and coach it before sending.

The first result is the verdict in a line (choosing it inserts the draft as typed); each gated
offline rewrite follows, titled by its style. Results are personal and never cached. Nothing is
stored while the person types: when they choose a result, Telegram reports it
(``chosen_inline_result``, with inline feedback switched on in @BotFather) and the draft, its
rewrites and the one chosen join their history with the channel "inline".
"""

from __future__ import annotations

import hashlib
import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit
from telegram.ext import Application, ApplicationHandlerStop, ChosenInlineResultHandler, InlineQueryHandler

from coachbot.analysis.errors import DraftError
from coachbot.bot_context import BotContext
from coachbot.services import NotFound, RateLimited, ShownRewrite
from coachbot.services.drafts import Assessment
from coachbot.services.users import language_from
from coachbot.taxonomy import ISSUES, issue_entry
from handlers.common import INLINE_GROUP
from handlers.render import style_name
from handlers.texts import plain

log = logging.getLogger(__name__)
PREVIEW = 60  # characters of a rewrite shown under its title


def _result_id(text: str, n: int) -> str:
    """``n`` (0: the draft as typed) with a digest of the draft: ids stay unique per query."""
    return f"{n}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _verdict_line(lang: str, assessed: Assessment) -> tuple[str, str]:
    analysis = assessed.analysis
    main = next((i for i in analysis.issues if i.code in ISSUES), None)
    if assessed.style and main is None:
        what = plain(lang, "inline_company_rule")
    elif main is not None and assessed.needs_coaching:
        what = issue_entry(main.code, lang).title
    else:
        what = plain(lang, "inline_fine")
    return plain(lang, "inline_verdict", score=analysis.score, what=what), plain(lang, "inline_keep")


def _article(result_id: str, title: str, description: str, text: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(result_id, title, InputTextMessageContent(text), description=description)


def _results(lang: str, text: str, assessed: Assessment, shown: list[ShownRewrite]) -> list[InlineQueryResultArticle]:
    title, description = _verdict_line(lang, assessed)
    results = [_article(_result_id(text, 0), title, description, text)]
    for n, rewrite in enumerate(shown, 1):
        style = style_name(lang, rewrite.style)
        first = rewrite.text if len(rewrite.text) <= PREVIEW else rewrite.text[: PREVIEW - 1] + "…"
        results.append(_article(_result_id(text, n), plain(lang, "inline_version", n=n, style=style), first,
                                rewrite.text))  # fmt: skip
    return results


async def on_inline_query(update: Update, context: BotContext) -> None:
    query = update.inline_query
    if query is None:
        return
    account = await context.services.users.get(query.from_user.id)
    # Someone without a profile is answered as /start would set them up.
    lang = account.language if account else language_from(query.from_user.language_code, context.settings.language)
    if account is None:  # a profile is made by /start, never by typing a bot's name in a chat
        button = InlineQueryResultsButton(plain(lang, "inline_start_first"), start_parameter="inline")
        await query.answer([], button=button, cache_time=0, is_personal=True)
    else:
        open_bot = InlineQueryResultsButton(plain(lang, "inline_open_bot"), start_parameter="inline")
        results = await _answer_for(context, lang, query.query)
        await query.answer(results, button=open_bot, cache_time=0, is_personal=True)
    raise ApplicationHandlerStop


async def _answer_for(context: BotContext, lang: str, typed: str) -> list[InlineQueryResultArticle]:
    """The results for what was typed: none for nothing, one note for a cut draft, else the coaching."""
    text = typed.strip()
    if not text:
        return []
    if len(typed) >= InlineQueryLimit.MAX_QUERY_LENGTH:  # Telegram cut it: coach the whole text in the chat
        return [_article(_result_id(text, 0), plain(lang, "inline_too_long"), plain(lang, "inline_too_long_hint"),
                         text)]  # fmt: skip
    try:
        assessed, shown = await context.services.drafts.preview(text)
    except DraftError:
        return []
    return _results(lang, text, assessed, shown)


async def on_chosen(update: Update, context: BotContext) -> None:
    chosen = update.chosen_inline_result
    if chosen is None:
        return
    number = chosen.result_id.partition(":")[0]
    text = chosen.query.strip()
    if not number.isdigit() or _result_id(text, int(number)) != chosen.result_id:
        log.debug("chosen inline result %r does not match its query", chosen.result_id[:40])
        raise ApplicationHandlerStop
    try:
        await context.services.drafts.record_inline(chosen.from_user.id, text, int(number))
    except (NotFound, RateLimited, DraftError) as error:  # forgotten meanwhile, flooding, or too long
        log.debug("chosen inline result not recorded: %s", type(error).__name__)
    raise ApplicationHandlerStop


def register(application: Application) -> None:
    # Before the middleware, which stops updates without a chat (an inline query has none).
    application.add_handler(InlineQueryHandler(on_inline_query), group=INLINE_GROUP)
    application.add_handler(ChosenInlineResultHandler(on_chosen), group=INLINE_GROUP)
