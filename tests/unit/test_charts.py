"""The charts' arithmetic, and that they render to PNG with the words they are given."""

from __future__ import annotations

from datetime import date, timedelta

from coachbot.charts import ProgressLabels, progress_chart, rolling_average, week_over_week
from coachbot.services.types import DayPoint

START = date(2026, 3, 1)
LABELS = ProgressLabels("Прогресс", "Оценка", "черновиков", "порог", "среднее", "Пока пусто")


def series(scores: list[int | None]) -> list[DayPoint]:
    return [DayPoint(START + timedelta(days=i), 0 if s is None else 2, s) for i, s in enumerate(scores)]


def test_week_over_week_compares_the_last_seven_days_with_the_seven_before():
    assert week_over_week(series([50] * 7 + [60] * 7)) == 10.0
    assert week_over_week(series([None] * 7 + [60] * 7)) is None


def test_the_rolling_average_skips_days_without_drafts():
    assert rolling_average(series([40, None, 60]), window=7) == [40.0, 40.0, 50.0]


def test_progress_chart_is_a_png_even_without_drafts():
    assert progress_chart(series([None] * 5), LABELS).startswith(b"\x89PNG")
    assert len(progress_chart(series([40, 50, 60, 70, 80]), LABELS)) > 10_000
