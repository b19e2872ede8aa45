"""Inline keyboards and their callback data.

Callback data is ``prefix:arg:arg`` (Telegram allows 64 bytes). Every handler
matches its own prefix; anything else is a stale or foreign button.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.texts import plain

# draft actions
USE, MORE, WRONG, WHY, FLAG_SKIP, EDIT = "use", "more", "wrong", "why", "flagskip", "edit"
HISTORY, EMPLOYEE = "hist", "emp"
LANG = "lang"
PROMPT = "pr"
FLAG_RESOLVE, FLAG_EXPORT = "flres", "flexp"
SETTING = "set"
FORGET = "forget"


def data(*parts: object) -> str:
    value = ":".join(str(p) for p in parts)
    if len(value.encode()) > 64:
        raise ValueError(f"callback data over 64 bytes: {value!r}")
    return value


def pattern(prefix: str) -> str:
    """A CallbackQueryHandler pattern for ``prefix`` and its arguments."""
    return rf"^{prefix}(:|$)"


def _button(text: str, *parts: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data(*parts))


def draft_actions(
    lang: str, draft_id: int, numbers: Sequence[int], *, another: bool = True, verdict: bool = True
) -> InlineKeyboardMarkup:
    """ "Use version N" for each shown number, then the edit and another version, wrong verdict, explain more."""
    use = [_button(plain(lang, "btn_use", n=n), USE, draft_id, n) for n in numbers]
    rows = [use[i : i + 2] for i in range(0, len(use), 2)]
    second = [_button(plain(lang, "btn_show_edit"), EDIT, draft_id)] if numbers else []
    if another:
        second.append(_button(plain(lang, "btn_another"), MORE, draft_id))
    if second:
        rows.append(second)
    if verdict:
        rows.append(
            [_button(plain(lang, "btn_wrong"), WRONG, draft_id), _button(plain(lang, "btn_explain"), WHY, draft_id)]
        )
    return InlineKeyboardMarkup(rows)


def use_numbers(markup: InlineKeyboardMarkup | None) -> list[int]:
    """The version numbers of the "use" buttons of a message, in the order they appear."""
    numbers = []
    for row in markup.inline_keyboard if markup else ():
        for button in row:
            parts = (button.callback_data or "").split(":") if isinstance(button.callback_data, str) else []
            if len(parts) == 3 and parts[0] == USE and parts[2].isdigit():
                numbers.append(int(parts[2]))
    return numbers


def flag_skip(lang: str, draft_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(plain(lang, "btn_flag_skip"), FLAG_SKIP, draft_id)]])


def pages(lang: str, prefix: str, page: int, total_pages: int, *extra: object) -> InlineKeyboardMarkup | None:
    """‹ Back / Next › for a zero-based ``page``; None when everything fits on one page."""
    row = []
    if page > 0:
        row.append(_button(plain(lang, "btn_prev"), prefix, page - 1, *extra))
    if page + 1 < total_pages:
        row.append(_button(plain(lang, "btn_next"), prefix, page + 1, *extra))
    return InlineKeyboardMarkup([row]) if row else None


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("Русский", LANG, "ru"), _button("English", LANG, "en")]])


def prompt_list(lang: str, names: Sequence[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(f"{name}: {plain(lang, 'btn_show')}", PROMPT, "show", name),
                _button(plain(lang, "btn_edit"), PROMPT, "edit", name),
                _button(plain(lang, "btn_history"), PROMPT, "hist", name),
            ]
            for name in names
        ]
    )


def prompt_versions(lang: str, name: str, versions: Sequence[int]) -> InlineKeyboardMarkup | None:
    buttons = [_button(plain(lang, "btn_rollback", version=v), PROMPT, "rb", name, v) for v in versions]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)]) if buttons else None


def flags(lang: str, flag_ids: Sequence[int]) -> InlineKeyboardMarkup:
    buttons = [_button(plain(lang, "btn_resolve", id=i), FLAG_RESOLVE, i) for i in flag_ids]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(plain(lang, "btn_export"), FLAG_EXPORT)])
    return InlineKeyboardMarkup(rows)


def llm_toggle(lang: str, enabled: bool) -> InlineKeyboardMarkup:
    if enabled:
        return InlineKeyboardMarkup([[_button(plain(lang, "btn_llm_off"), SETTING, "llm_enabled", "off")]])
    return InlineKeyboardMarkup([[_button(plain(lang, "btn_llm_on"), SETTING, "llm_enabled", "on")]])


def forget_confirm(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(plain(lang, "btn_forget_yes"), FORGET, "yes"), _button(plain(lang, "btn_forget_no"), FORGET, "no")]]
    )
