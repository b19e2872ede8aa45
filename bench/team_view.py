"""Benchmark a lead's /team end to end: 10 employees, 1,000 drafts, through the real bot.

The real application polls a local fake Bot API (tests/support/fake_telegram.py);
the timer runs from the moment the /team update is queued to the moment the
bot's last answer (the chart, sent after the per-person details) reaches the fake.
The promise is under a second. Saves the chart PNG the lead would see.

Run: .venv/bin/python bench/team_view.py [--runs 5] [--out var/bench/team_view.png]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from support.bot_harness import BotHarness  # noqa: E402
from support.fake_telegram import FakeTelegram  # noqa: E402

from coachbot.config import load_settings  # noqa: E402
from coachbot.db import Draft, DraftIssue, Feedback, Rewrite, Team, User, utcnow  # noqa: E402
from coachbot.taxonomy import ISSUE_CODES  # noqa: E402

LEAD = 9000
NAMES = [
    "Анна Смирнова", "Борис Иванов", "Вера Соколова", "Глеб Петров", "Дарья Кузнецова",
    "Егор Попов", "Жанна Лебедева", "Зоя Козлова", "Илья Новиков", "Кирилл Морозов",
]  # fmt: skip
DRAFTS = 1000
DAYS = 30


async def populate(sessionmaker, rng: random.Random) -> None:
    """10 employees with 100 drafts each over 30 days; each improves at their own pace."""
    now = utcnow()
    async with sessionmaker.begin() as session:
        team = Team(name="Поддержка", invite_code="BENCH234")
        session.add(team)
        await session.flush()
        session.add(User(telegram_id=LEAD, name="Ольга Руководитель", role="lead", team_id=team.id))
        people = [User(telegram_id=LEAD + 1 + i, name=name, team_id=team.id) for i, name in enumerate(NAMES)]
        session.add_all(people)
        await session.flush()
        for n in range(DRAFTS):
            person = people[n % len(people)]
            age = rng.uniform(0, DAYS - 0.5)
            skill = 45 + 4 * (n % len(people)) + (DAYS - age) * rng.uniform(-0.2, 0.9)
            score = max(0, min(100, int(rng.gauss(skill, 12))))
            codes = rng.sample(ISSUE_CODES, k=0 if score > 85 else rng.randint(1, 3))
            draft = Draft(user_id=person.id, team_id=team.id, text=f"Черновик {n}", context=None,
                          analysis={"score": score}, score=score, needs_coaching=score < 70, issue_codes=codes,
                          model_name="bench", model_version="0", created_at=now - timedelta(days=age))  # fmt: skip
            session.add(draft)
            await session.flush()
            session.add_all(DraftIssue(draft_id=draft.id, code=c) for c in codes)
            if codes:
                session.add(Rewrite(draft_id=draft.id, position=0, style="warm", text="…", backend="offline",
                                    score=90, gate={"passed": True}, chosen=rng.random() < 0.6))  # fmt: skip
            if rng.random() < 0.03:
                session.add(Feedback(draft_id=draft.id, user_id=person.id, comment=None))


async def main(runs: int, out: Path, show: bool = False) -> float:
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(
            telegram_token=fake.token, telegram_base_url=fake.base_url, telegram_base_file_url=fake.base_file_url,
            data_dir=tmp, database_url=f"sqlite+aiosqlite:///{tmp}/bench.sqlite3", use_model=False,
            llm_base_url="", llm_model="", admin_ids=[],
        )  # fmt: skip
        harness = await BotHarness(fake, settings).start()
        try:
            await populate(harness.services.users.sessionmaker, random.Random(7))
            lead = harness.user(LEAD, "Ольга")
            timings, chart = [], b""
            for _ in range(runs):
                after = lead.mark()
                started = time.perf_counter()
                await lead.send("/team")
                details = await lead.next(after, {"sendMessage"}, timeout=30)
                photo = await lead.next(after, {"sendPhoto"}, timeout=30)
                timings.append(time.perf_counter() - started)
                chart = photo.photo
            fake.assert_clean()
        finally:
            await harness.stop()
            await fake.stop()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(chart)
    median = statistics.median(timings)
    print(f"/team for {len(NAMES)} employees and {DRAFTS} drafts, end to end through the handler:")
    print("  runs: " + ", ".join(f"{t * 1000:.0f} ms" for t in timings))
    print(f"  first {timings[0] * 1000:.0f} ms, median {median * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms")
    print(f"  answer: chart ({len(chart) // 1024} KiB PNG) + {len(details.text)} characters of details")
    print(f"  chart saved to {out}")
    if show:
        print("\n" + details.text + "\n")
    verdict = "OK" if max(timings) < 1.0 else "TOO SLOW"
    print(f"  {verdict}: the promise is under a second")
    return max(timings)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "team_view.png")
    parser.add_argument("--show", action="store_true", help="print the details message the lead gets")
    args = parser.parse_args()
    slowest = asyncio.run(main(args.runs, args.out, args.show))
    sys.exit(0 if slowest < 1.0 else 1)
