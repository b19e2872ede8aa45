"""The offline rewriter with the tone model: the jab goes, the answer stays, the reply fits.

Drafts written for these tests (not from the dev sets); the real analyzer with the
shipped tone model produces the analysis and scores single clauses.
"""

from __future__ import annotations

import pytest

from coachbot.analysis.factory import build_analyzer
from coachbot.config import load_settings
from coachbot.rewrite.facts import answer_lost, answer_words
from coachbot.rewrite.service import RewriteService


@pytest.fixture(scope="module")
def service() -> RewriteService:
    return RewriteService(build_analyzer(load_settings(), use_model=True))


def shown(service: RewriteService, draft: str, context: str) -> str:
    result = service.rewrite_offline_sync(draft, context)
    assert result.rewrites, "no rewrite passed the gate"
    return result.rewrites[0].text


def test_a_reminder_jab_goes_and_the_time_and_room_stay(service):
    text = shown(
        service,
        "Ещё раз 🙂 9:40, кабинет 118, как и писала вчера",
        "я уже второй раз спрашиваю, когда мне к стоматологу??",
    )
    assert "9:40" in text and "118" in text
    assert "как и писала" not in text and "Ещё раз" not in text
    assert "[что сделаем]" not in text  # the answer is the fix: no promise with placeholders


def test_a_snap_after_the_answer_goes_and_the_answer_stays(service):
    text = shown(
        service,
        "форма заявления в разделе «Документы» на сайте, ВСЕГДА там лежит. каждый день одно и то же спрашивают",
        "где взять бланк заявления на отпуск? не могу найти",
    )
    assert "«Документы»" in text
    assert "каждый день" not in text and "ВСЕГДА" not in text
    assert "[что сделаем]" not in text  # the answer is there: no promise with placeholders instead


def test_the_signature_stays_at_the_end(service):
    draft = (
        "Dear Mr. Hale,\n\nUnfortunately, late check-out is not possible per our policy. As I said, read the terms."
        "\n\nBest regards,\nFront Desk"
    )
    text = shown(service, draft, "Can I check out at 2 pm on Sunday? Our flight is at 7 pm.")
    assert text.rstrip().endswith("Best regards, Front Desk")
    assert text.count("Best regards") == 1


def test_a_bereavement_is_acknowledged_before_the_steps(service):
    text = shown(
        service,
        "для закрытия счета умершего необходимо предоставить свидетельство о смерти и паспорт наследника в отделение",
        "мама умерла в мае, как закрыть её счёт?",
    )
    assert "соболезн" in text.lower() or "утрат" in text.lower()
    assert "поблагодар" not in text and "приятно" not in text  # no cheerful closing
    assert "свидетельство о смерти" in text


def test_the_gate_refuses_a_rewrite_that_drops_the_answer(service):
    analysis = service.analyzer.analyze(
        "Пропуск можно забрать на ресепшене второго корпуса после 14:00, паспорт обязателен."
    )
    words = answer_words(analysis.text, analysis.issues)
    assert answer_lost(words, "Здравствуйте! Мы [что сделаем] до [срок] и сообщим вам.")
    assert not answer_lost(
        words, "Здравствуйте! Пропуск ждёт вас на ресепшене второго корпуса после 14:00 — возьмите паспорт."
    )
