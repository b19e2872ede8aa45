"""Verdicts employees flagged as wrong: admins review them and export them for retraining."""

from __future__ import annotations

import json

from coachbot.repositories import AuditRepository, FeedbackRepository
from coachbot.services.access import Sessionmaker, require_admin
from coachbot.services.errors import NotFound
from coachbot.services.types import FlagInfo


class FlagService:
    def __init__(self, sessionmaker: Sessionmaker) -> None:
        self.sessionmaker = sessionmaker

    async def open_flags(self, actor: int) -> list[FlagInfo]:
        """Flags not yet reviewed, oldest first."""
        async with self.sessionmaker.begin() as session:
            await require_admin(session, actor)
            rows = await FeedbackRepository(session).with_drafts(status="open")
            return [
                FlagInfo(
                    id=f.id,
                    draft_id=d.id,
                    user_name=name,
                    comment=f.comment,
                    status=f.status,
                    created_at=f.created_at,
                    draft_text=d.text,
                    context=d.context,
                    issue_codes=list(d.issue_codes),
                    score=d.score,
                )
                for f, d, name in rows
            ]

    async def resolve(self, actor: int, flag_id: int) -> None:
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor)
            flag = await FeedbackRepository(session).get(flag_id)
            if flag is None:
                raise NotFound(f"no flag {flag_id}")
            flag.status = "reviewed"
            await AuditRepository(session).add(admin.id, "flag.resolve", {"id": flag_id})

    async def export_jsonl(self, actor: int) -> str:
        """Every flag as one JSON object per line: masked draft, context, codes, comment.

        No names or ids of people: the file is meant for relabelling and retraining.
        """
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor)
            rows = await FeedbackRepository(session).with_drafts()
            await AuditRepository(session).add(admin.id, "flag.export", {"count": len(rows)})
        lines = [
            json.dumps(
                {
                    "id": str(d.id),
                    "text": d.text,
                    "context": d.context,
                    "codes": list(d.issue_codes),
                    "score": d.score,
                    "needs_coaching": d.needs_coaching,
                    "comment": f.comment,
                    "status": f.status,
                },
                ensure_ascii=False,
            )
            for f, d, _name in rows
        ]
        return "".join(line + "\n" for line in lines)
