"""The coaching data: people, teams, drafts and what happened to them.

Deleting a user cascades (in the database) to their drafts and feedback, and
deleting a draft to its rewrites, issue rows and feedback: that is /forgetme.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachbot.db.base import Base, one_of, utcnow

LANGUAGES = ("ru", "en")
ROLES = ("employee", "lead", "admin")
BACKENDS = ("offline", "llm")
FEEDBACK_STATUSES = ("open", "reviewed")
CHANNELS = ("chat", "inline", "business", "api")


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    invite_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[User]] = relationship(back_populates="team", lazy="raise")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (one_of("language", LANGUAGES), one_of("role", ROLES))

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(2), default="ru")
    role: Mapped[str] = mapped_column(String(16), default="employee")
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    business_daily: Mapped[bool] = mapped_column(default=False)  # Business replies: one summary a day

    team: Mapped[Team | None] = relationship(back_populates="members", lazy="raise")


class Draft(Base):
    """One reply an employee asked about; text and context are stored masked."""

    __tablename__ = "drafts"
    __table_args__ = (
        Index("ix_drafts_user_id_created_at", "user_id", "created_at"),
        Index("ix_drafts_team_id_created_at", "team_id", "created_at"),
        Index("ix_drafts_created_at", "created_at"),
        one_of("channel", CHANNELS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    analysis: Mapped[dict[str, Any]]
    score: Mapped[int] = mapped_column(Integer)
    needs_coaching: Mapped[bool]
    issue_codes: Mapped[list[str]]
    model_name: Mapped[str] = mapped_column(String(100))
    model_version: Mapped[str] = mapped_column(String(50))
    channel: Mapped[str] = mapped_column(String(16), default="chat")  # where it was coached: chat, inline
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    rewrites: Mapped[list[Rewrite]] = relationship(order_by="Rewrite.position", passive_deletes=True, lazy="raise")


class DraftIssue(Base):
    """One issue code of a draft, so team statistics can be counted in SQL."""

    __tablename__ = "draft_issues"

    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


class Rewrite(Base):
    __tablename__ = "rewrites"
    __table_args__ = (
        UniqueConstraint("draft_id", "position"),
        one_of("backend", BACKENDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    position: Mapped[int]
    style: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    backend: Mapped[str] = mapped_column(String(16))
    score: Mapped[int | None]
    gate: Mapped[dict[str, Any]]
    chosen: Mapped[bool] = mapped_column(default=False)
    chosen_at: Mapped[datetime | None]


class Feedback(Base):
    """An employee's flag that a verdict on their draft was wrong."""

    __tablename__ = "feedback"
    __table_args__ = (
        one_of("status", FEEDBACK_STATUSES),
        Index("ix_feedback_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
