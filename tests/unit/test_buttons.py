"""The callback-data codec: what the bot encodes decodes to the same button; nothing else decodes."""

from __future__ import annotations

import pytest

from handlers import buttons

LARGEST = [
    buttons.Use(buttons.MAX_ID, 9),
    buttons.Another(buttons.MAX_ID),
    buttons.Wrong(buttons.MAX_ID),
    buttons.Explain(buttons.MAX_ID),
    buttons.FlagSkip(buttons.MAX_ID),
    buttons.ShowEdit(buttons.MAX_ID),
    buttons.HistoryPage(100_000),
    buttons.EmployeePage(100_000, buttons.MAX_ID),
    buttons.Language("en"),
    buttons.PromptAction("hist", "x" * 40),
    buttons.PromptRollback("x" * 40, buttons.MAX_ID),
    buttons.FlagResolve(buttons.MAX_ID),
    buttons.FlagExport(),
    buttons.Setting("llm_enabled", "off"),
    buttons.Forget("yes"),
    buttons.BusinessMode("daily"),
]


def test_every_kind_of_button_is_covered():
    assert {type(b) for b in LARGEST} == set(buttons.KINDS.values())


@pytest.mark.parametrize("button", LARGEST, ids=lambda b: b.prefix)
def test_the_largest_button_of_each_kind_fits_telegram_and_comes_back(button):
    data = buttons.encode(button)
    assert len(data.encode()) <= 64
    assert buttons.decode(data) == button


@pytest.mark.parametrize(
    "button",
    [buttons.Use(0, 1), buttons.Use(1, 10), buttons.HistoryPage(-1), buttons.Language("de"),
     buttons.PromptAction("show", "Bad Name"), buttons.FlagResolve(2**31), buttons.Use(True, 1)],
)  # fmt: skip
def test_a_value_out_of_bounds_is_refused_when_the_bot_builds_the_button(button):
    with pytest.raises(ValueError):
        buttons.encode(button)


@pytest.mark.parametrize(
    "data", [None, 5, "", ":", "use::", "use:01x:1", "hist:+1", "hist: 1", "lang:RU", "forget:yes:"]
)
def test_anything_else_decodes_to_nothing(data):
    assert buttons.decode(data) is None
