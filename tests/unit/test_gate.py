"""The quality gate: better score, none of the draft's issues, every fact kept."""

from __future__ import annotations

import pytest

from coachbot.analysis.analyzer import Analyzer
from coachbot.rewrite.facts import Fact, extract_facts, missing_facts
from coachbot.rewrite.gate import QualityGate

CONTEXT = "Где мой заказ 45821? Жду уже неделю!"
DRAFT = "Анна, ваш заказ 45821 на 1 500 ₽ задержался на складе до 12 марта. Ожидайте."
GOOD = (
    "Анна, здравствуйте! Простите за задержку: заказ 45821 на 1 500 ₽ задержался на складе до 12 марта. "
    "Я сегодня проверю, где он, и до 18:00 напишу вам точный срок доставки."
)


@pytest.fixture
def gate() -> QualityGate:
    return QualityGate(Analyzer())


@pytest.fixture
def draft(gate):
    return gate.analyzer.analyze(DRAFT, CONTEXT)


def test_facts_of_a_draft():
    facts = set(extract_facts(DRAFT, "ru"))
    assert {
        Fact("number", "45821"),
        Fact("number", "1500"),
        Fact("number", "12"),
        Fact("month", "март"),
        Fact("name", "Анна"),
    } <= facts


def test_numbers_may_change_their_spacing_but_not_their_value():
    facts = extract_facts("Сумма 1 500 ₽, заказ AB-1234.", "ru")
    assert missing_facts(facts, "Сумма 1500 ₽, заказ AB-1234.") == []
    assert [f.value for f in missing_facts(facts, "Сумма 1 600 ₽, заказ AB-1234.")] == ["1500"]


def test_a_name_may_be_inflected():
    facts = extract_facts("Ивану Петровичу перезвонят.", "ru")
    assert missing_facts(facts, "Иван Петрович, здравствуйте!") == []


def test_a_good_rewrite_passes(gate, draft):
    ((analysis, verdict),) = gate.judge(draft, [GOOD])
    assert verdict.passed, verdict.reasons
    assert verdict.score == analysis.score > draft.score
    assert verdict.to_dict() == {"passed": True, "reasons": [], "score": analysis.score, "draft_score": draft.score}


def test_placeholders_are_allowed_additions(gate, draft):
    text = GOOD.replace("до 18:00", "до [срок]")
    assert gate.judge(draft, [text])[0][1].passed


def test_a_rewrite_dropping_facts_is_rejected(gate, draft):
    poem = "Шумит листва, горит закат, и тихо льётся звездопад. Простите нас, мы всё исправим сегодня."
    verdict = gate.judge(draft, [poem])[0][1]
    assert not verdict.passed
    assert {"missing_fact:number:45821", "missing_fact:name", "missing_fact:month:март"} <= set(verdict.reasons)


def test_a_rewrite_keeping_the_issue_is_rejected(gate, draft):
    verdict = gate.judge(draft, [GOOD + " Ожидайте."])[0][1]
    assert "still_has:commanding" in verdict.reasons and not verdict.passed


def test_a_rewrite_with_a_new_issue_is_rejected(gate, draft):
    verdict = gate.judge(draft, [GOOD + " Кстати, не хотите оформить нашу карту?"])[0][1]
    assert "new_issue:pushy_sales" in verdict.reasons


def test_a_rewrite_that_is_not_better_is_rejected(gate):
    fine = gate.analyzer.analyze("Спасибо, заказ 45821 отправлен, курьер привезёт его завтра до 18:00.")
    verdict = gate.judge(fine, ["Заказ 45821 отправлен, курьер привезёт его завтра до 18:00."])[0][1]
    assert "score_not_higher" in verdict.reasons


def test_an_empty_candidate_is_invalid_not_an_error(gate, draft):
    verdict = gate.judge(draft, ["   "])[0][1]
    assert verdict.reasons == ["invalid:empty"]


def test_the_price_of_a_removed_upsell_is_not_a_fact(gate):
    draft = gate.analyzer.analyze("Заказ 45821 приедет завтра. Кстати, не хотите оформить подписку за 199 ₽?")
    facts = gate.facts(draft)
    assert Fact("number", "45821") in facts and Fact("number", "199") not in facts


def test_missing_personal_data_is_reported_by_kind_only(gate):
    draft = gate.analyzer.analyze("Перезвоним на +7 912 345-67-89, ожидайте.")
    verdict = gate.judge(draft, ["Пожалуйста, подождите: мы перезвоним сегодня до 18:00."])[0][1]
    assert "missing_fact:phone" in verdict.reasons
    assert "912" not in " ".join(verdict.reasons)
