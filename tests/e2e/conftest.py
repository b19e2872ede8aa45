"""End-to-end fixtures: a fake Bot API on 127.0.0.1 and the real application polling it.

Each test gets its own fake server and its own SQLite file; the analyzer runs
on the rules alone (``use_model=False``) to keep the suite fast.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from coachbot.config import Settings, load_settings

os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB's timedelta durations, as the app opts in

try:  # tests/ is on sys.path under pytest (see tests/conftest.py)
    from support.bot_harness import BotHarness
    from support.fake_telegram import FakeTelegram
    from support.samples import BOT_ADMIN
except ModuleNotFoundError:
    from tests.support.bot_harness import BotHarness
    from tests.support.fake_telegram import FakeTelegram
    from tests.support.samples import BOT_ADMIN


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def bot_settings(tmp_path, db_url: str, fake_telegram: FakeTelegram) -> Settings:
    return load_settings(
        telegram_token=fake_telegram.token,
        telegram_base_url=fake_telegram.base_url,
        telegram_base_file_url=fake_telegram.base_file_url,
        data_dir=tmp_path,
        database_url=db_url,
        admin_ids=[BOT_ADMIN],
        use_model=False,
        language="ru",
        open_access=True,
        llm_base_url="",
        llm_model="",
    )


@pytest.fixture
async def make_bot(
    fake_telegram: FakeTelegram, bot_settings: Settings
) -> AsyncIterator[Callable[..., Awaitable[BotHarness]]]:
    """Start the bot with settings overrides: ``await make_bot(open_access=False)``."""
    started: list[BotHarness] = []

    async def make(app_options: dict[str, Any] | None = None, **overrides: Any) -> BotHarness:
        settings = bot_settings.model_copy(update=overrides)
        harness = BotHarness(fake_telegram, settings, **(app_options or {}))
        started.append(harness)
        return await harness.start()

    try:
        yield make
    finally:
        for harness in started:
            await harness.stop()
    fake_telegram.assert_clean()


@pytest.fixture
async def bot(make_bot) -> BotHarness:
    return await make_bot()
