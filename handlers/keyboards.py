"""Inline keyboards; what each button carries is defined (and checked) in ``handlers.buttons``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers import buttons
from handlers.texts import plain


def _button(text: str, button: buttons.Button) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=buttons.encode(button))


def draft_actions(
    lang: str, draft_id: int, numbers: Sequence[int], *, another: bool = True, verdict: bool = True
) -> InlineKeyboardMarkup:
    """ "Use version N" for each shown number, then the edit and another version, wrong verdict, explain more."""
    use = [_button(plain(lang, "btn_use", n=n), buttons.Use(draft_id, n)) for n in numbers]
    rows = [use[i : i + 2] for i in range(0, len(use), 2)]
    second = [_button(plain(lang, "btn_show_edit"), buttons.ShowEdit(draft_id))] if numbers else []
    if another:
        second.append(_button(plain(lang, "btn_another"), buttons.Another(draft_id)))
    if second:
        rows.append(second)
    if verdict:
        rows.append(
            [
                _button(plain(lang, "btn_wrong"), buttons.Wrong(draft_id)),
                _button(plain(lang, "btn_explain"), buttons.Explain(draft_id)),
            ]
        )
    return InlineKeyboardMarkup(rows)


def use_numbers(markup: InlineKeyboardMarkup | None) -> list[int]:
    """The version numbers of the "use" buttons of a message, in the order they appear."""
    rows = markup.inline_keyboard if markup else ()
    pressed = [buttons.decode(button.callback_data) for row in rows for button in row]
    return [button.number for button in pressed if isinstance(button, buttons.Use)]


def flag_skip(lang: str, draft_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(plain(lang, "btn_flag_skip"), buttons.FlagSkip(draft_id))]])


def pages(lang: str, page: int, total_pages: int, make: Callable[[int], buttons.Button]) -> InlineKeyboardMarkup | None:
    """‹ Back / Next › for a zero-based ``page``, each button ``make(page)``; None when everything fits on one page."""
    row = []
    if page > 0:
        row.append(_button(plain(lang, "btn_prev"), make(page - 1)))
    if page + 1 < total_pages:
        row.append(_button(plain(lang, "btn_next"), make(page + 1)))
    return InlineKeyboardMarkup([row]) if row else None


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button("Русский", buttons.Language("ru")), _button("English", buttons.Language("en"))]]
    )


def prompt_list(lang: str, names: Sequence[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(f"{name}: {plain(lang, 'btn_show')}", buttons.PromptAction("show", name)),
                _button(plain(lang, "btn_edit"), buttons.PromptAction("edit", name)),
                _button(plain(lang, "btn_history"), buttons.PromptAction("hist", name)),
            ]
            for name in names
        ]
    )


def prompt_versions(lang: str, name: str, versions: Sequence[int]) -> InlineKeyboardMarkup | None:
    keys = [_button(plain(lang, "btn_rollback", version=v), buttons.PromptRollback(name, v)) for v in versions]
    return InlineKeyboardMarkup([keys[i : i + 3] for i in range(0, len(keys), 3)]) if keys else None


def flags(lang: str, flag_ids: Sequence[int]) -> InlineKeyboardMarkup:
    keys = [_button(plain(lang, "btn_resolve", id=i), buttons.FlagResolve(i)) for i in flag_ids]
    rows = [keys[i : i + 2] for i in range(0, len(keys), 2)]
    rows.append([_button(plain(lang, "btn_export"), buttons.FlagExport())])
    return InlineKeyboardMarkup(rows)


def llm_toggle(lang: str, enabled: bool) -> InlineKeyboardMarkup:
    if enabled:
        return InlineKeyboardMarkup([[_button(plain(lang, "btn_llm_off"), buttons.Setting("llm_enabled", "off"))]])
    return InlineKeyboardMarkup([[_button(plain(lang, "btn_llm_on"), buttons.Setting("llm_enabled", "on"))]])


def forget_confirm(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(plain(lang, "btn_forget_yes"), buttons.Forget("yes")),
                _button(plain(lang, "btn_forget_no"), buttons.Forget("no")),
            ]
        ]
    )


def business_mode(lang: str, daily: bool) -> InlineKeyboardMarkup:
    """Per reply or once a day; the current choice carries a tick."""
    each = ("✓ " if not daily else "") + plain(lang, "btn_business_each")
    day = ("✓ " if daily else "") + plain(lang, "btn_business_daily")
    return InlineKeyboardMarkup(
        [[_button(each, buttons.BusinessMode("each")), _button(day, buttons.BusinessMode("daily"))]]
    )


def business_day(lang: str, draft_id: int) -> InlineKeyboardMarkup:
    """Under the daily summary: a better version of the day's weakest reply, and why it matters."""
    return InlineKeyboardMarkup(
        [[_button(plain(lang, "btn_business_better"), buttons.Another(draft_id)),
          _button(plain(lang, "btn_explain"), buttons.Explain(draft_id))]]
    )  # fmt: skip
