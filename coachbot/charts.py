"""PNG charts of progress: one person's trend, and a team at a glance (matplotlib, Agg).

Pure functions from the services' dataclasses to PNG bytes. Words come in as
labels, so the charts speak the reader's language; the bot renders them in a
worker thread (``asyncio.to_thread``), which is why no pyplot state is used.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ParamSpec

import matplotlib
import matplotlib.dates

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coachbot.services.types import DayPoint, TeamSummary

# Figures are independent, but matplotlib's font and text caches are not thread-safe: one chart at a time.
_RENDER_LOCK = threading.Lock()

GOOD, FAIR, WEAK, MUTED = "#2e7d32", "#f9a825", "#c62828", "#b0bec5"
LINE = "#1565c0"
P = ParamSpec("P")


@dataclass(frozen=True)
class ProgressLabels:
    title: str
    score: str
    drafts: str
    threshold: str
    trend: str
    no_data: str


@dataclass(frozen=True)
class TeamLabels:
    title: str
    employees: str
    score: str
    drafts: str
    drafts_short: str
    threshold: str
    trend: str
    daily: str
    issues: str
    no_data: str
    issue_title: Callable[[str], str]


def band_colour(score: float | None, threshold: int) -> str:
    if score is None:
        return MUTED
    if score >= threshold:
        return GOOD
    return FAIR if score >= threshold - 20 else WEAK


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def rolling_average(points: Sequence[DayPoint], window: int = 7) -> list[float | None]:
    """Per day, the average score of the drafts of the last ``window`` days (weighted by drafts)."""
    result: list[float | None] = []
    for i in range(len(points)):
        recent = [p for p in points[max(0, i - window + 1) : i + 1] if p.avg_score is not None]
        total = sum(p.drafts for p in recent)
        result.append(sum((p.avg_score or 0.0) * p.drafts for p in recent) / total if total else None)
    return result


def _daily(ax: Axes, points: Sequence[DayPoint], labels_score: str, labels_drafts: str, labels_trend: str) -> None:
    """Average score per day as dots, its 7-day trend as a line, the number of drafts as bars."""
    days = [p.day for p in points]
    # The x values are dates: matplotlib plots them (its units registry), but its stubs type x as
    # numbers only (matplotlib/matplotlib#27140), hence the three arg-type ignores.
    bars = ax.twinx()
    bars.bar(days, [p.drafts for p in points], color=MUTED, alpha=0.5, width=0.8, label=labels_drafts)  # type: ignore[arg-type]
    bars.set_ylabel(labels_drafts, color="#607d8b")
    bars.tick_params(axis="y", colors="#607d8b")
    bars.set_ylim(0, max(1, max((p.drafts for p in points), default=1)) * 1.6)
    scored = [(p.day, p.avg_score) for p in points if p.avg_score is not None]
    ax.scatter([d for d, _ in scored], [s for _, s in scored], s=14, color=LINE, alpha=0.45, label=labels_score)  # type: ignore[arg-type]
    trend = [(d, v) for d, v in zip(days, rolling_average(points), strict=True) if v is not None]
    ax.plot([d for d, _ in trend], [v for _, v in trend], color=LINE, lw=2.4, label=labels_trend)  # type: ignore[arg-type]
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.set_ylim(0, 100)
    ax.set_ylabel(labels_score, color=LINE)
    ax.grid(axis="y", alpha=0.3)
    ax.xaxis.set_major_locator(matplotlib.dates.AutoDateLocator(minticks=3, maxticks=6))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%d.%m"))
    ax.tick_params(axis="x", labelsize=8)


def _serialised(render: Callable[P, bytes]) -> Callable[P, bytes]:
    @functools.wraps(render)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with _RENDER_LOCK:
            return render(*args, **kwargs)

    return wrapper


@_serialised
def progress_chart(points: Sequence[DayPoint], labels: ProgressLabels, threshold: int = 70) -> bytes:
    """One person's average score per day with the drafts they sent."""
    fig = Figure(figsize=(8, 4.2))
    fig.subplots_adjust(left=0.08, right=0.92, top=0.9, bottom=0.09)
    ax = fig.add_subplot()
    ax.set_title(labels.title, fontsize=13, loc="left")
    if not any(p.drafts for p in points):
        ax.text(0.5, 0.5, labels.no_data, ha="center", va="center", fontsize=12, transform=ax.transAxes)
        ax.set_axis_off()
        return _png(fig)
    _daily(ax, points, labels.score, labels.drafts, labels.trend)
    _threshold(ax, threshold, labels.threshold, horizontal=True)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    return _png(fig)


def _threshold(ax: Axes, threshold: int, label: str, *, horizontal: bool) -> None:
    """The coaching threshold as a dashed line, labelled at its end."""
    if horizontal:
        ax.axhline(threshold, color=GOOD, ls="--", lw=1)
        ax.annotate(f"{label} {threshold}", (1, threshold), xycoords=("axes fraction", "data"),
                    xytext=(-4, 3), textcoords="offset points", ha="right", color=GOOD, fontsize=8)  # fmt: skip
    else:
        ax.axvline(threshold, color=GOOD, ls="--", lw=1)
        ax.annotate(f"{label} {threshold}", (threshold, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -10), textcoords="offset points", color=GOOD, fontsize=8)  # fmt: skip


def _short(name: str, limit: int = 20) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _trend(value: float | None) -> str:
    if value is None or round(value) == 0:
        return "" if value is None else "  =0"
    return f"  ▲{value:+.0f}" if value > 0 else f"  ▼{value:+.0f}"


def _employees(ax: Axes, summary: TeamSummary, labels: TeamLabels, threshold: int) -> None:
    # By name, top to bottom: a picture of growth, not a league table.
    rows = sorted((r for r in summary.employees if r.drafts), key=lambda r: r.name.casefold(), reverse=True)
    names = [_short(r.name) for r in rows]
    scores = [r.avg_score or 0 for r in rows]
    ax.barh(names, scores, color=[band_colour(r.avg_score, threshold) for r in rows], height=0.6)
    for y, row in enumerate(rows):
        text = "—" if row.avg_score is None else f"{row.avg_score:.0f}"
        note = f"{text} · {row.drafts} {labels.drafts_short}{_trend(row.trend)}"
        ax.text(min(scores[y], 100) + 1.5, y, note, va="center", fontsize=9,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})  # fmt: skip
    _threshold(ax, threshold, labels.threshold, horizontal=False)
    ax.set_xlim(0, 135)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel(labels.score)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_title(labels.employees, fontsize=11, loc="left")
    ax.tick_params(axis="y", labelsize=9)
    ax.grid(axis="x", alpha=0.3)


def _issues(ax: Axes, summary: TeamSummary, labels: TeamLabels) -> None:
    top = list(reversed(summary.top_issues[:5]))
    ax.set_title(labels.issues, fontsize=11, loc="left")
    if not top:
        ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    ax.barh([_short(labels.issue_title(code), 28) for code, _ in top], [n for _, n in top], color=WEAK, alpha=0.75)
    for y, (_code, n) in enumerate(top):
        ax.text(n, y, f" {n}", va="center", fontsize=9)
    ax.set_xlim(0, max(n for _, n in top) * 1.25)
    ax.tick_params(axis="y", labelsize=9)
    ax.set_xticks([])


@_serialised
def team_chart(summary: TeamSummary, labels: TeamLabels, threshold: int = 70) -> bytes:
    """Per employee: average score, drafts and trend; the team's days; its top recurring issues."""
    height = max(5.5, 2.2 + 0.42 * len(summary.employees))
    # Fixed margins rather than a layout engine: the engine's extra passes cost most of a second.
    fig = Figure(figsize=(12, height))
    fig.suptitle(labels.title, fontsize=14, x=0.01, y=0.985, ha="left")
    if not summary.drafts:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, labels.no_data, ha="center", va="center", fontsize=12, transform=ax.transAxes)
        ax.set_axis_off()
        return _png(fig)
    grid = fig.add_gridspec(2, 2, width_ratios=[1.25, 1], left=0.15, right=0.955, top=1 - 0.75 / height,
                            bottom=0.6 / height, wspace=0.4, hspace=0.4)  # fmt: skip
    _employees(fig.add_subplot(grid[:, 0]), summary, labels, threshold)
    daily = fig.add_subplot(grid[0, 1])
    daily.set_title(labels.daily, fontsize=11, loc="left")
    _daily(daily, summary.daily, labels.score, labels.drafts, labels.trend)
    _threshold(daily, threshold, labels.threshold, horizontal=True)
    _issues(fig.add_subplot(grid[1, 1]), summary, labels)
    return _png(fig)


def week_over_week(points: Sequence[DayPoint]) -> float | None:
    """The average score of the last 7 days minus that of the 7 before (None without both)."""

    def average(chunk: Sequence[DayPoint]) -> float | None:
        scored = [p for p in chunk if p.avg_score is not None and p.drafts]
        total = sum(p.drafts for p in scored)
        return sum((p.avg_score or 0.0) * p.drafts for p in scored) / total if total else None

    last, before = average(points[-7:]), average(points[-14:-7])
    return None if last is None or before is None else round(last - before, 1)
