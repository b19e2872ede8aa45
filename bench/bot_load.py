"""Load on the real bot: a flood from one person, and everyone else's latency meanwhile.

The real application (the shipped tone model, the offline rewriter, a SQLite
file) polls a local fake Bot API (tests/support/fake_telegram.py) on 127.0.0.1.
One person sends ``--flood`` drafts in a burst; while the bot works through it,
a second person sends a draft every ``--every`` seconds. Latency runs from the
moment an update is queued at the fake to the moment the answer reaches it.
The flood runs twice: with the per-person limit as configured in production,
and with the limit off (scheduling alone).

Run: .venv/bin/python bench/bot_load.py [--flood 200] [--probes 20] [--every 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from support.bot_harness import BotHarness  # noqa: E402
from support.fake_telegram import FakeTelegram  # noqa: E402

from coachbot.config import Settings, load_settings  # noqa: E402

DRAFTS = [
    "Вы сами виноваты, надо было читать договор. Ожидайте.",
    "Это не мой отдел, звоните в бухгалтерию.",
    "Ну бывает, ничего страшного, подождите ещё пару дней.",
    "Как я уже писала выше, заказ 4521 приедет 12 марта 🙃",
    "Здравствуйте! Простите за задержку, заказ 4521 привезём завтра до 14:00.",
    "Ваше обращение зарегистрировано. Ожидайте ответа специалиста.",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def answered_at(fake: FakeTelegram, chat_id: int, message_id: int, timeout: float) -> float:
    def is_answer(call) -> bool:  # type: ignore[no-untyped-def]
        if call.method != "sendMessage" or call.chat_id != chat_id or not isinstance(call.result, dict):
            return False
        return (call.result.get("reply_to_message") or {}).get("message_id") == message_id

    return (await fake.wait_for(is_answer, timeout=timeout)).at


def bench_settings(fake: FakeTelegram, tmp: str, **overrides: Any) -> Settings:
    """The production settings, pointed at the fake Bot API and a SQLite file in ``tmp``, no LLM."""
    return load_settings(
        telegram_token=fake.token, telegram_base_url=fake.base_url, telegram_base_file_url=fake.base_file_url,
        data_dir=Path(tmp), database_url=f"sqlite+aiosqlite:///{tmp}/bench.sqlite3", llm_base_url="",
        llm_model="", **overrides,
    )  # fmt: skip


async def flood(args: argparse.Namespace, rate_limit: int | None) -> dict[str, float]:
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(fake, tmp, **({} if rate_limit is None else {"draft_rate_limit": rate_limit}))
        harness = await BotHarness(fake, settings).start()
        try:
            flooder, probe = harness.user(), harness.user(first_name="Борис")
            for person in (flooder, probe):
                await person.ask("/start")
            started = time.monotonic()
            for n in range(args.flood):
                await flooder.send(f"{DRAFTS[n % len(DRAFTS)]} (#{n})")
            latencies = []
            for n in range(args.probes):
                sent = time.monotonic()
                message = await probe.send(DRAFTS[n % len(DRAFTS)])
                latencies.append(await answered_at(fake, probe.id, message["message_id"], 60) - sent)
                await asyncio.sleep(max(0.0, args.every - (time.monotonic() - sent)))
            drained = await _drain(fake, flooder.id, args.flood, rate_limit)
            return {"p50": statistics.median(latencies), "p95": percentile(latencies, 0.95),
                    "max": max(latencies), "flood_done": drained - started,
                    "flood_answered": _coached(fake, flooder.id), "notices": _notices(fake, flooder.id)}  # fmt: skip
        finally:
            await harness.stop()
            await fake.stop()


def _to(fake: FakeTelegram, chat_id: int, marker: str) -> int:
    return sum(1 for c in fake.calls
               if c.method == "sendMessage" and c.chat_id == chat_id and marker in c.params["text"])  # fmt: skip


def _coached(fake: FakeTelegram, chat_id: int) -> int:
    return _to(fake, chat_id, "/100")


def _notices(fake: FakeTelegram, chat_id: int) -> int:
    return _to(fake, chat_id, "помедленнее")


async def _drain(fake: FakeTelegram, chat_id: int, flood_size: int, rate_limit: int | None) -> float:
    """When the flood was dealt with: every draft answered (limit off), or the chat quiet for 2 s."""
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if rate_limit == 0 and _coached(fake, chat_id) >= flood_size:
            break
        last = max(c.at for c in fake.calls if c.chat_id == chat_id)
        if rate_limit != 0 and time.monotonic() - last > 2.0:
            break
        await asyncio.sleep(0.05)
    return max(c.at for c in fake.calls if c.chat_id == chat_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--probes", type=int, default=20)
    parser.add_argument("--every", type=float, default=0.5)
    args = parser.parse_args()
    production = load_settings().draft_rate_limit
    print(f"flood of {args.flood} drafts from one person; {args.probes} drafts from another, one every {args.every} s")
    for label, limit in ((f"per-person limit {production}/min (production)", None), ("limit off", 0)):
        r = asyncio.run(flood(args, limit))
        print(f"{label}: second person's answer p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, "
              f"max {r['max'] * 1000:.0f} ms; flood: {r['flood_answered']:.0f} coached, "
              f"{r['notices']:.0f} slow-down notice(s), done after {r['flood_done']:.1f} s")  # fmt: skip
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
