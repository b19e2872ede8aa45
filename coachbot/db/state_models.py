"""What a conversation waits for, in the database: any replica, or the bot after a restart, goes on.

A row is one piece of a person's conversation state (the customer message they forwarded, "the
next message is a flag comment", the paging tokens of a search), masked like every stored text
and gone with the person on /forgetme. ``processed_updates`` remembers which Telegram updates
were handled, so one delivered twice is answered once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coachbot.db.base import Base, utcnow


class ConversationState(Base):
    __tablename__ = "conversation_state"
    __table_args__ = (UniqueConstraint("user_id", "key"), Index("ix_conversation_state_expires_at", "expires_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32))
    value: Mapped[dict[str, Any]]
    expires_at: Mapped[datetime]


class BusinessConnection(Base):
    """An employee's Telegram Business account connected to the bot: their replies to customers
    are coached privately, in the bot's own chat, never in the customer's."""

    __tablename__ = "business_connections"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # Telegram's connection id
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    enabled: Mapped[bool]
    can_reply: Mapped[bool] = mapped_column(default=False)  # stored; the bot never replies for them
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class JobRun(Base):
    """A scheduled job's run for one period (a day, a week): the replica that adds the row runs it."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)  # «2026-12-08», «2026-W50»
    started_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"
    __table_args__ = (
        Index("ix_processed_updates_created_at", "created_at"),
        Index("ix_processed_updates_queue_done", "queue", "done"),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when a replica took it
    done: Mapped[bool] = mapped_column(default=False)  # answered; a claim never finished may be retried
    queue: Mapped[str | None] = mapped_column(String(80))  # the chat (or business connection) it belongs to
