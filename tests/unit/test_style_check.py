"""The company style guide applied to drafts: banned phrases and the form of address."""

from __future__ import annotations

from coachbot.services.types import StyleRule
from coachbot.style_check import ADDRESS, BANNED, style_issues

BANNED_RULE = StyleRule(1, "banned", "не положено", "так сделать не получится, но могу предложить")
FORMAL = StyleRule(2, "address", "Вы", None)


def test_a_banned_phrase_is_found_in_any_letter_case_and_spacing():
    issues = style_issues("Извините, но НЕ  положено так делать.", [BANNED_RULE])
    assert [(i.code, i.quote, i.source) for i in issues] == [(BANNED, "НЕ  положено", "styleguide")]
    assert issues[0].suggestion == BANNED_RULE.replacement


def test_a_phrase_inside_another_word_is_not_a_match():
    assert style_issues("Это неположенность какая-то.", [BANNED_RULE]) == []


def test_lower_case_vy_is_reported_when_the_company_writes_it_capitalised():
    issues = style_issues("Мы отправим вам чек. Вы получите его завтра.", [FORMAL])
    assert [(i.code, i.quote, i.suggestion) for i in issues] == [(ADDRESS, "вам", "Вам")]


def test_informal_address_is_always_reported():
    issues = style_issues("Я тебе перезвоню.", [StyleRule(3, "address", "вы", None)])
    assert [(i.code, i.quote, i.suggestion) for i in issues] == [(ADDRESS, "тебе", "")]


def test_no_rules_no_issues():
    assert style_issues("Вы сами виноваты.", []) == []
