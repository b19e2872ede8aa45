"""One consistent analysis: what is flagged, praised, scored and decided never contradicts itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachbot.analysis.analyzer import Analyzer, DraftInput
from coachbot.analysis.factory import build_analyzer
from coachbot.config import load_settings

ROOT = Path(__file__).resolve().parents[2]
LATE = ("Я опоздал, охрана ЖК не пускала", "Вы опоздали на 15 минут. Врач не будет вас ждать")


def _dev_drafts() -> list[DraftInput]:
    rows = []
    for name in ("dev.jsonl", "realistic.jsonl"):
        with open(ROOT / "data" / "eval" / name, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return [DraftInput(r["text"], r.get("context"), r["id"]) for r in rows]


@pytest.fixture(scope="module", params=["rules", "rules+model"])
def analyzer(request) -> Analyzer:
    if request.param == "rules":
        return build_analyzer(load_settings(), use_model=False)
    return build_analyzer(load_settings(), use_model=True)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@pytest.mark.slow
def test_every_dev_analysis_is_self_consistent(analyzer: Analyzer) -> None:
    for analysis in analyzer.analyze_many(_dev_drafts()):
        where = f"{analysis.id}: {analysis.text[:60]}"
        assert analysis.needs_coaching == bool(analysis.issues), where
        assert (analysis.score < 70) == analysis.needs_coaching, where
        for strength in analysis.strengths:
            assert not any(_overlap(strength.span, issue.span) for issue in analysis.issues), where
        for issue in analysis.issues:
            assert analysis.text[issue.span[0] : issue.span[1]] == issue.quote, where


def test_a_reproach_is_not_praised_as_a_solution(analyzer: Analyzer) -> None:
    context, text = LATE
    analysis = analyzer.analyze(text, context)
    assert analysis.needs_coaching
    quoted = {i.quote for i in analysis.issues}
    assert not [s for s in analysis.strengths if s.quote in quoted or any(s.quote in q for q in quoted)]


@pytest.mark.slow
def test_a_greeting_alone_is_never_what_a_flag_quotes(analyzer: Analyzer) -> None:
    """«Добрый день!» shown as the words to fix would tell the employee their greeting is wrong."""
    from coachbot.analysis.text import GREETING_ONLY

    for analysis in analyzer.analyze_many(_dev_drafts()):
        body = GREETING_ONLY.sub("", analysis.text).strip()
        for issue in analysis.issues:
            if body:  # a draft that is nothing but a greeting may be quoted whole
                assert not GREETING_ONLY.match(issue.quote), f"{analysis.id}: {issue.code} quotes {issue.quote!r}"
