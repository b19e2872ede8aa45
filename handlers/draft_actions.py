"""The buttons under a coached draft: use version N, another version, wrong verdict, explain more."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.error import BadRequest
from telegram.ext import Application

from coachbot.bot_context import BotContext
from coachbot.rewrite.diff import diff_html
from coachbot.services import NotFound, PermissionDenied
from coachbot.style_check import style_issues
from handlers import buttons, keyboards
from handlers.common import (
    answer,
    chat_id_of,
    clear_input,
    expect_input,
    message_of,
    pending_input,
    pressed_message,
    query_of,
    send_html,
    toast,
)
from handlers.delivery import send, typing
from handlers.inputs import add_input
from handlers.render import explain_html, fits, rewrite_html
from handlers.texts import esc, t

STYLES = ("warm", "concise", "formal")
FLAG_INPUT = "flag_comment"


def shown_text(message: Message | None, number: int) -> str | None:
    """The text of version ``number`` exactly as the message shows it (unmasked, as the person wrote)."""
    if message is None:
        return None
    numbers = keyboards.use_numbers(message.reply_markup)
    pre = message.parse_entities([MessageEntity.PRE])
    blocks = [pre[entity] for entity in sorted(pre, key=lambda e: e.offset)]
    if number not in numbers or len(blocks) != len(numbers):
        return None
    return blocks[numbers.index(number)]


def original_draft(message: Message | None, bot_id: int) -> Message | None:
    """The person's draft the coach's message replies to."""
    replied = message.reply_to_message if message is not None else None
    if replied is None or replied.from_user is None or replied.from_user.id == bot_id or not replied.text:
        return None
    return replied


def _guarded(callback: Callable[[Update, BotContext, Any], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Run the button's callback; a draft that is gone (or someone else's) gets a kind note, not an error."""

    @functools.wraps(callback)
    async def run(update: Update, context: BotContext, button: Any) -> None:
        try:
            await callback(update, context, button)
        except NotFound:
            await buttons.expired(update, context)
        except PermissionDenied:
            await toast(update, context, "not_yours", alert=True)

    return run


@_guarded
async def on_use(update: Update, context: BotContext, button: buttons.Use) -> None:
    number = button.number
    stored = await context.services.coaching.choose_rewrite(context.me.telegram_id, button.draft_id, number - 1)
    await toast(update, context, "use_done", n=number)
    # The clean text alone, ready to paste: no markup, no comment.
    shown = shown_text(pressed_message(query_of(update)), number)
    await context.bot.send_message(chat_id_of(update), shown or stored)


@_guarded
async def on_another(update: Update, context: BotContext, button: buttons.Another) -> None:
    query, services, draft_id = query_of(update), context.services, button.draft_id
    detail = await services.coaching.get_draft(context.me.telegram_id, draft_id)
    remaining = [s for s in STYLES if s not in {r.style for r in detail.rewrites}]
    if not remaining:
        await toast(update, context, "another_none", alert=True)
        return
    await query.answer()
    draft = original_draft(pressed_message(query), context.bot.id)  # the person's words, if the chat has them
    chat_id = chat_id_of(update)
    async with typing(context, chat_id):
        shown = await services.drafts.another(context.me.telegram_id, draft_id, draft.text if draft else None,
                                              remaining[0])  # fmt: skip
    if not shown:
        await answer(update, context, "another_none")
        return
    context.metrics.rewrites.labels(backend=shown[0].backend).inc()
    number = len(detail.rewrites) + 1
    html_text = f"{t(context.lang, 'another_title')}\n\n{rewrite_html(context.lang, number, shown[0])}"
    markup = keyboards.draft_actions(context.lang, draft_id, [number], another=len(remaining) > 1, verdict=False)
    await send(context, chat_id, html_text, markup, reply_to=draft.message_id if draft else None)


@_guarded
async def on_wrong(update: Update, context: BotContext, button: buttons.Wrong) -> None:
    detail = await context.services.coaching.get_draft(context.me.telegram_id, button.draft_id)
    if detail.flagged:
        await toast(update, context, "flag_already", alert=True)
        return
    await query_of(update).answer()
    await expect_input(context, FLAG_INPUT, draft_id=button.draft_id)
    await answer(update, context, "flag_ask", keyboards.flag_skip(context.lang, button.draft_id))


async def on_flag_comment(update: Update, context: BotContext, state: dict[str, Any]) -> None:
    await clear_input(context)
    coaching, draft_id = context.services.coaching, state["draft_id"]
    try:
        if (await coaching.get_draft(context.me.telegram_id, draft_id)).flagged:
            await answer(update, context, "flag_already")
            return
        await coaching.flag_verdict(context.me.telegram_id, draft_id, message_of(update).text)
    except (NotFound, PermissionDenied):
        await answer(update, context, "stale_button")
        return
    await answer(update, context, "flag_saved")


@_guarded
async def on_flag_skip(update: Update, context: BotContext, button: buttons.FlagSkip) -> None:
    """File the flag without a comment; pressing the button again (or a replay) only says it is filed."""
    query, coaching = query_of(update), context.services.coaching
    state = await pending_input(context)
    if state is not None and state.get("draft_id") == button.draft_id:
        await clear_input(context)
    if (await coaching.get_draft(context.me.telegram_id, button.draft_id)).flagged:
        await toast(update, context, "flag_already", alert=True)
        return
    await coaching.flag_verdict(context.me.telegram_id, button.draft_id, None)
    await query.answer()
    with contextlib.suppress(BadRequest):  # already gone, or too old to edit: the flag is filed all the same
        await query.edit_message_reply_markup(None)
    await answer(update, context, "flag_saved")


@_guarded
async def on_show_edit(update: Update, context: BotContext, button: buttons.ShowEdit) -> None:
    """Each shown version as an edit of the person's own draft: removed words struck, new ones bold."""
    query = query_of(update)
    message = pressed_message(query)
    detail = await context.services.coaching.get_draft(context.me.telegram_id, button.draft_id)
    replied = original_draft(message, context.bot.id)
    draft = replied.text if replied is not None and replied.text else detail.text  # the masked copy if the chat lost it
    numbers = keyboards.use_numbers(message.reply_markup if message else None)
    versions = [(n, shown_text(message, n) or detail.rewrites[n - 1].text) for n in numbers
                if 0 < n <= len(detail.rewrites)]  # fmt: skip
    await query.answer()
    for n, text in versions:
        title = t(context.lang, "edit_title", n=n)
        edit = f"{title}\n\n{diff_html(draft, text)}"
        await send_html(update, context, edit if fits(edit) else f"{title}\n\n{esc(text)}")


@_guarded
async def on_explain(update: Update, context: BotContext, button: buttons.Explain) -> None:
    services = context.services
    detail = await services.coaching.get_draft(context.me.telegram_id, button.draft_id)
    rules_broken = bool(style_issues(detail.text, await services.styleguide.rules()))
    await query_of(update).answer()
    await send_html(update, context, explain_html(context.lang, detail.issue_codes, company_rules=rules_broken))


def register(application: Application) -> None:
    for kind, callback in (
        (buttons.Use, on_use),
        (buttons.Another, on_another),
        (buttons.Wrong, on_wrong),
        (buttons.FlagSkip, on_flag_skip),
        (buttons.Explain, on_explain),
        (buttons.ShowEdit, on_show_edit),
    ):
        application.add_handler(buttons.handler(kind, callback))
    add_input(application, FLAG_INPUT, on_flag_comment)
