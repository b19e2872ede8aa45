"""Inline mode on the real bot: how long from typing ``@bot <draft>`` to the results list.

The real application (the shipped tone model, the offline rewriter, a SQLite file)
polls a local fake Bot API (tests/support/fake_telegram.py) on 127.0.0.1. One person
types each draft as an inline query, one at a time; latency runs from the moment the
update is queued at the fake to the moment ``answerInlineQuery`` reaches it, so it
includes the long poll, the analysis, the rewrites and the HTTP round trip.

Run: .venv/bin/python bench/inline_latency.py [--rounds 5] [--show]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from support.bot_harness import BotHarness  # noqa: E402
from support.fake_telegram import FakeTelegram  # noqa: E402

from bench.bot_load import bench_settings, percentile  # noqa: E402

DRAFTS = [
    "Вы сами виноваты, надо было читать договор. Ожидайте.",
    "Это не мой отдел, звоните в бухгалтерию.",
    "ну бывает, подождите ещё пару дней",
    "Как я уже писала выше, заказ 4521 приедет 12 марта",
    "Здравствуйте! Простите за задержку, заказ 4521 привезём завтра до 14:00.",
    "Ваше обращение зарегистрировано. Ожидайте ответа специалиста.",
    "по регламенту возврат только через 14 дней, раньше никак",
    "You should have read the terms before ordering. Wait for the email.",
    "курьер был у вас в 10:15 и никто не открыл, перенос платный 300р",
    "Добрый день, понимаю ваше недовольство. Кстати, у нас сейчас скидка на премиум-тариф!",
]


async def run(rounds: int, show: bool) -> list[float]:
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(fake, tmp, draft_rate_limit=0)
        harness = await BotHarness(fake, settings).start()
        try:
            person = harness.user()
            await person.ask("/start")
            await person.inline("прогрев")  # the first query loads nothing new, but warms the caches
            latencies = []
            for n in range(rounds * len(DRAFTS)):
                draft = DRAFTS[n % len(DRAFTS)]
                sent = time.monotonic()
                params = await person.inline(draft if n < len(DRAFTS) else f"{draft} ({n})")
                latencies.append(time.monotonic() - sent)
                if show and n == 0:
                    print(f"@bot {draft}")
                    for result in params["results"]:
                        print(f"  [{result['title']}] {result.get('description', '')}")
                    print(json.dumps(params["results"][1:2], ensure_ascii=False, indent=1)[:600])
            return latencies
        finally:
            await harness.stop()
            await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="times through the drafts")
    parser.add_argument("--show", action="store_true", help="print the first result list")
    args = parser.parse_args()
    latencies = asyncio.run(run(args.rounds, args.show))
    print(f"inline queries answered: {len(latencies)}; p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
