"""The bot's sentences: both languages say the same things, and user text cannot break the markup."""

from __future__ import annotations

from string import Formatter

import pytest

from coachbot.taxonomy import ISSUE_CODES
from handlers.texts import CATALOGUES, PLURAL_FORMS, Html, count, russian_plural, t
from handlers.texts_explain import EXPLAIN

try:
    from support.telegram_html import parse_html
except ModuleNotFoundError:
    from tests.support.telegram_html import parse_html


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_russian_and_english_have_the_same_sentences_and_placeholders():
    ru, en = CATALOGUES["ru"], CATALOGUES["en"]
    assert ru.keys() == en.keys()
    for key in ru:
        assert fields(ru[key]) == fields(en[key]), key
    assert PLURAL_FORMS["ru"].keys() == PLURAL_FORMS["en"].keys()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_sentence_is_valid_telegram_html(lang):
    for key, template in CATALOGUES[lang].items():
        filled = t(lang, key, **{name: "x" for name in fields(template)})
        parse_html(filled)  # raises on a tag Telegram would refuse


def test_parameters_are_escaped_unless_marked_safe():
    assert t("en", "unknown_command", command="<b>/x&</b>") == (
        "I don't know the command &lt;b&gt;/x&amp;&lt;/b&gt;. All commands: /help."
    )
    assert "<i>ok</i>" in t("en", "team_line", team=Html("<i>ok</i>"))


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "1 черновик"), (3, "3 черновика"), (5, "5 черновиков"), (11, "11 черновиков"), (21, "21 черновик"),
     (22, "22 черновика"), (112, "112 черновиков")],
)  # fmt: skip
def test_russian_plurals(n, expected):
    assert count("ru", "drafts", n) == expected
    assert russian_plural(n) in (0, 1, 2)


def test_english_plurals():
    assert count("en", "drafts", 1) == "1 draft"
    assert count("en", "drafts", 2) == "2 drafts"


def test_every_issue_has_an_explanation_with_an_example_in_both_languages():
    for code in ISSUE_CODES:
        for lang in ("ru", "en"):
            hears, before, after = EXPLAIN[code][lang]
            assert hears and before and after and before != after
