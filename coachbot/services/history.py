"""Shared shapes of looking back: paged draft history and day-by-day series."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta

from coachbot.repositories import DraftRepository
from coachbot.services.errors import ValidationFailed
from coachbot.services.types import DayPoint, DraftSummary, HistoryPage

MAX_DAYS = 366


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationFailed(f"days must be from 1 to {MAX_DAYS}")


def window_start(now: datetime, days: int) -> datetime:
    """Midnight UTC of the first of the last ``days`` days, today included."""
    first = (now.astimezone(UTC) - timedelta(days=days - 1)).date()
    return datetime.combine(first, time.min, tzinfo=UTC)


def day_series(counts: dict[date, tuple[int, float | None]], since: datetime, days: int) -> list[DayPoint]:
    """One point per day from ``since``, oldest first; days without drafts count zero."""
    start = since.date()
    points = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        drafts, avg = counts.get(day, (0, None))
        points.append(DayPoint(day, drafts, avg))
    return points


async def user_history(
    drafts: DraftRepository,
    user_id: int,
    page: int,
    per_page: int,
    team_id: int | None = None,
) -> HistoryPage:
    """One page of a user's drafts, newest first.

    A page past the end (a stale "next" button) gives the last page, not an empty one.
    """
    if per_page < 1:
        raise ValidationFailed("per_page must be at least 1")
    total = await drafts.count_for_user(user_id, team_id)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 0), pages - 1)
    rows = await drafts.page(user_id, offset=page * per_page, limit=per_page, team_id=team_id)
    items = [
        DraftSummary(
            id=d.id,
            created_at=d.created_at,
            text=d.text,
            score=d.score,
            needs_coaching=d.needs_coaching,
            issue_codes=list(d.issue_codes),
            rewrites=int(n),
            chosen=bool(chosen),
        )
        for d, n, chosen in rows
    ]
    return HistoryPage(items, page, pages, total)
