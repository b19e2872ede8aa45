"""Plain results the services hand back; no live ORM rows leave a service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from coachbot.analysis.types import Analysis

Role = Literal["employee", "lead", "admin"]


@dataclass(frozen=True)
class UserInfo:
    id: int
    telegram_id: int
    name: str
    username: str | None
    language: str
    role: str
    team_id: int | None
    team_name: str | None
    is_new: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_lead(self) -> bool:
        return self.role in ("lead", "admin")


@dataclass(frozen=True)
class TeamInfo:
    id: int
    name: str
    invite_code: str
    members: int
    lead_role_left: bool = False  # the person led their previous team and joins this one as a member


@dataclass
class DraftResult:
    draft_id: int
    analysis: Analysis


@dataclass(frozen=True)
class ShownRewrite:
    """A rewrite as the employee is shown it: their own words, unmasked."""

    style: str
    text: str
    score: int | None
    backend: str = "offline"


@dataclass(frozen=True)
class RewriteRecord:
    """A rewrite to store, as the rewriter and the gate produced it."""

    style: str
    text: str
    backend: str
    score: int | None = None
    gate: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RewriteInfo:
    id: int
    position: int
    style: str
    text: str
    backend: str
    score: int | None
    chosen: bool


@dataclass(frozen=True)
class DraftSummary:
    id: int
    created_at: datetime
    text: str
    score: int
    needs_coaching: bool
    issue_codes: list[str]
    rewrites: int = 0
    chosen: bool = False

    def preview(self, limit: int = 80) -> str:
        line = " ".join(self.text.split())
        return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class DraftDetail:
    id: int
    created_at: datetime
    text: str
    context: str | None
    analysis: dict[str, Any]
    score: int
    needs_coaching: bool
    issue_codes: list[str]
    model_name: str
    model_version: str
    rewrites: list[RewriteInfo]
    flagged: bool


@dataclass(frozen=True)
class HistoryPage:
    items: list[DraftSummary]
    page: int
    pages: int
    total: int


@dataclass(frozen=True)
class DayPoint:
    day: date
    drafts: int
    avg_score: float | None


@dataclass(frozen=True)
class EmployeeRow:
    user_id: int
    telegram_id: int
    name: str
    username: str | None
    drafts: int
    avg_score: float | None
    trend: float | None  # average of the last 7 days minus the 7 before; None without both
    top_issues: list[tuple[str, int]]
    rewrite_share: float | None  # drafts with a chosen rewrite / drafts that got rewrites
    flags: int
    role: str = "employee"


@dataclass(frozen=True)
class TeamSummary:
    team_id: int
    team_name: str
    days: int
    drafts: int
    avg_score: float | None
    employees: list[EmployeeRow]
    top_issues: list[tuple[str, int]]
    daily: list[DayPoint]


@dataclass(frozen=True)
class PromptInfo:
    name: str
    version: int  # 0 is the default from prompts/
    active: bool
    source: Literal["file", "db"]
    created_at: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class StyleRule:
    id: int
    kind: Literal["banned", "address"]
    phrase: str
    replacement: str | None


@dataclass(frozen=True)
class FlagInfo:
    id: int
    draft_id: int
    user_name: str
    comment: str | None
    status: str
    created_at: datetime
    draft_text: str
    context: str | None
    issue_codes: list[str]
    score: int
