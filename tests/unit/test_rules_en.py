"""English rules: the same stance, in English."""

from __future__ import annotations

import pytest

from coachbot.analysis.analyzer import Analyzer

analyzer = Analyzer()


def codes(text: str, context: str | None = None) -> set[str]:
    return set(analyzer.analyze(text, context).codes)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("blame", "You should have read the terms."),
        ("blame", "That's your own fault."),
        ("internal_excuse", "It's not my department."),
        ("internal_excuse", "Our system doesn't allow that."),
        ("rudeness", "As I already said, the parcel is on its way."),
        ("dismissive", "Calm down, it's not a big deal."),
        ("cold", "Please be advised that your request has been received."),
        ("pushy_sales", "While you're here, why not upgrade to Premium?"),
        ("jargon", "Your ticket was escalated to tier 2."),
        ("commanding", "Wait."),
    ],
)
def test_flags(code: str, text: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry, that's not your fault. I've refunded the $40 today.",
        "Please wait a moment while I check your order.",
        "The nearest store is at 12 Lenin St, open 9 to 9.",
    ],
)
def test_good_replies_pass(text: str) -> None:
    assert not codes(text)


def test_language_is_detected() -> None:
    assert analyzer.analyze("Sorry for the wait!").language == "en"
    assert analyzer.analyze("Извините за ожидание!").language == "ru"
