"""Retention: drafts (with their rewrites and flags) older than ``retention_days`` go."""

from __future__ import annotations

from datetime import datetime, timedelta

from coachbot.config import Settings
from coachbot.db import utcnow
from coachbot.repositories import DraftRepository
from coachbot.services.access import Sessionmaker
from coachbot.services.settings import read_setting


class RetentionService:
    def __init__(self, sessionmaker: Sessionmaker, settings: Settings | None = None) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    async def purge(self, now: datetime | None = None) -> int:
        """Delete drafts older than the retention period; returns how many drafts went."""
        async with self.sessionmaker.begin() as session:
            days = int(await read_setting(session, "retention_days", self.settings))
            cutoff = (now or utcnow()) - timedelta(days=days)
            return await DraftRepository(session).delete_older_than(cutoff)
