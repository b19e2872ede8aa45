"""Getting the coach's answer to the person: one message when it fits, several when it does not.

The answer replies to the draft (so the buttons can find its text again),
shows "typing" while an LLM works, and edits the first message once the
rewrites are in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence

from telegram import InlineKeyboardMarkup, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import Forbidden, TelegramError

from coachbot.bot_context import BotContext
from coachbot.services.types import ShownRewrite
from handlers import keyboards
from handlers.common import NO_PREVIEW
from handlers.render import fits, rewrite_html, rewrites_html

log = logging.getLogger(__name__)
TYPING_EVERY = 4.0  # Telegram shows "typing…" for about five seconds


@contextlib.asynccontextmanager
async def typing(context: BotContext, chat_id: int) -> AsyncIterator[None]:
    """Keep "typing…" on screen while the block runs."""

    async def keep_typing() -> None:
        while True:
            with contextlib.suppress(TelegramError):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def _reply_to(message_id: int | None) -> ReplyParameters | None:
    return None if message_id is None else ReplyParameters(message_id, allow_sending_without_reply=True)


async def send(
    context: BotContext, chat_id: int, html_text: str, markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> Message:  # fmt: skip
    return await context.bot.send_message(
        chat_id, html_text, parse_mode=ParseMode.HTML, reply_markup=markup,
        reply_parameters=_reply_to(reply_to), link_preview_options=NO_PREVIEW,
    )  # fmt: skip


async def edit(context: BotContext, message: Message, html_text: str, markup: InlineKeyboardMarkup | None) -> None:
    await context.bot.edit_message_text(
        html_text, chat_id=message.chat_id, message_id=message.message_id, parse_mode=ParseMode.HTML,
        reply_markup=markup, link_preview_options=NO_PREVIEW,
    )  # fmt: skip


async def deliver(
    context: BotContext, chat_id: int, draft_id: int, analysis_part: str, shown: Sequence[ShownRewrite] | None,
    *, reply_to: int | None, placeholder: Message | None = None,
) -> Message:  # fmt: skip
    """Send (or, with ``placeholder``, edit into place) the analysis with its rewrites and buttons.

    ``shown`` is None for a draft that needs no coaching: no rewrites, no "another version".
    """
    lang = context.lang
    coached = shown is not None
    rewrites = list(shown or [])
    markup = keyboards.draft_actions(lang, draft_id, range(1, len(rewrites) + 1), another=coached)
    whole = analysis_part if not coached else f"{analysis_part}\n\n{rewrites_html(lang, rewrites)}"
    if fits(whole):
        return await _put(context, chat_id, whole, markup, reply_to, placeholder)
    # Too long for one message: the analysis first, then each rewrite with its own button.
    head = analysis_part if fits(analysis_part) else analysis_part[:3500].rsplit("\n\n", 1)[0]
    first = await _put(context, chat_id, head, None if rewrites else markup, reply_to, placeholder)
    await _send_one_by_one(context, chat_id, draft_id, rewrites, another=coached, reply_to=reply_to)
    return first


async def _send_one_by_one(
    context: BotContext, chat_id: int, draft_id: int, rewrites: Sequence[ShownRewrite], *, another: bool,
    reply_to: int | None,
) -> None:  # fmt: skip
    """Each rewrite as a message of its own, the verdict buttons under the last one."""
    for n, rewrite in enumerate(rewrites, 1):
        last = n == len(rewrites)
        text = rewrite_html(context.lang, n, rewrite)
        if not fits(text):
            log.warning("rewrite %s of draft %s is too long to show", n, draft_id)
            continue
        button = keyboards.draft_actions(context.lang, draft_id, [n], another=last and another, verdict=last)
        await send(context, chat_id, text, button, reply_to)


async def send_each(people: Iterable[int], send_one: Callable[[int], Awaitable[bool]], what: str) -> int:
    """A scheduled message to each person (``send_one`` says whether it sent anything); someone
    who blocked the bot, or one failed send, never stops the rest. Returns how many were sent."""
    sent = 0
    for telegram_id in people:
        try:
            sent += bool(await send_one(telegram_id))
        except Forbidden:
            log.info("%s has blocked the bot; %s skipped", telegram_id, what)
        except TelegramError:
            log.exception("%s to %s failed", what, telegram_id)
    log.info("%s sent to %d people", what, sent)
    return sent


async def _put(
    context: BotContext, chat_id: int, html_text: str, markup: InlineKeyboardMarkup | None,
    reply_to: int | None, placeholder: Message | None,
) -> Message:  # fmt: skip
    if placeholder is None:
        return await send(context, chat_id, html_text, markup, reply_to)
    await edit(context, placeholder, html_text, markup)
    return placeholder
