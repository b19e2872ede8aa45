"""How long a team lead waits for /team: 10 employees, 1,000 drafts over 30 days.

    .venv/bin/python bench/team_summary.py [--employees 10] [--drafts 1000] [--runs 20]

Seeds a fresh migrated SQLite file (or --url) and prints the time of TeamService.team_summary.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from coachbot.db import Draft, DraftIssue, Feedback, Rewrite, Team, User, create_engine_and_sessionmaker, utcnow
from coachbot.db.migrate import upgrade
from coachbot.services import TeamService
from coachbot.taxonomy import ISSUE_CODES

LEAD_TID = 1


async def seed(sessionmaker, employees: int, drafts: int, rng: random.Random) -> None:
    now = utcnow()
    async with sessionmaker.begin() as session:
        team = Team(name="Bench", invite_code="BENCH234")
        session.add(team)
        await session.flush()
        session.add(User(telegram_id=LEAD_TID, name="Lead", role="lead", team_id=team.id))
        people = [User(telegram_id=100 + i, name=f"Employee {i}", team_id=team.id) for i in range(employees)]
        session.add_all(people)
        await session.flush()
        for n in range(drafts):
            codes = rng.sample(ISSUE_CODES, rng.randint(0, 3))
            draft = Draft(
                user_id=people[n % employees].id,
                team_id=team.id,
                text="Ваше обращение зарегистрировано. Ожидайте.",
                context=None,
                analysis={"issues": [{"code": c} for c in codes]},
                score=rng.randint(10, 100),
                needs_coaching=bool(codes),
                issue_codes=codes,
                model_name="bench",
                model_version="0",
                # within the 30 calendar days the summary covers (today included)
                created_at=now - timedelta(minutes=rng.randint(0, 29 * 24 * 60)),
            )
            session.add(draft)
            await session.flush()
            session.add_all(DraftIssue(draft_id=draft.id, code=c) for c in codes)
            if codes:
                chosen = rng.random() < 0.5
                session.add(
                    Rewrite(
                        draft_id=draft.id,
                        position=0,
                        style="warm",
                        text="…",
                        backend="offline",
                        score=90,
                        gate={},
                        chosen=chosen,
                        chosen_at=now if chosen else None,
                    )
                )
            if rng.random() < 0.05:
                session.add(Feedback(draft_id=draft.id, user_id=draft.user_id))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10)
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--url", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        await upgrade(url)
        engine, sessionmaker = create_engine_and_sessionmaker(url)
        try:
            await seed(sessionmaker, args.employees, args.drafts, random.Random(7))
            service = TeamService(sessionmaker)
            first = time.perf_counter()
            summary = await service.team_summary(LEAD_TID)
            cold = time.perf_counter() - first
            timings = []
            for _ in range(args.runs):
                started = time.perf_counter()
                await service.team_summary(LEAD_TID)
                timings.append(time.perf_counter() - started)
        finally:
            await engine.dispose()

    print(f"{args.employees} employees, {summary.drafts} drafts in the last 30 days")
    print(
        f"team_summary: first call {cold * 1000:.1f} ms, "
        f"median {statistics.median(timings) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms over {args.runs} runs"
    )


if __name__ == "__main__":
    asyncio.run(main())
