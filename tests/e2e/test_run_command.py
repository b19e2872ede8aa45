"""``coachbot run`` as an operator starts it: a separate process, long polling the Bot API it is pointed at."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from coachbot.config import PROJECT_ROOT

try:
    from support.bot_harness import Reply
except ModuleNotFoundError:
    from tests.support.bot_harness import Reply


async def test_coachbot_run_polls_answers_and_stops_on_sigterm(fake_telegram, tmp_path):
    env = {
        **os.environ,
        "COACHBOT_TELEGRAM_TOKEN": fake_telegram.token,
        "COACHBOT_TELEGRAM_BASE_URL": fake_telegram.base_url,
        "COACHBOT_TELEGRAM_BASE_FILE_URL": fake_telegram.base_file_url,
        "COACHBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "COACHBOT_USE_MODEL": "false",
        "COACHBOT_LLM_BASE_URL": "",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coachbot", "run", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await fake_telegram.wait_for(lambda c: c.method == "deleteWebhook", timeout=60)
        user = {"id": 3001, "is_bot": False, "first_name": "Анна", "language_code": "ru"}
        after = len(fake_telegram.calls)
        await fake_telegram.push_update({"message": {
            "message_id": 1, "date": 1, "chat": {"id": 3001, "type": "private"}, "from": user, "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}})  # fmt: skip
        call = await fake_telegram.wait_for(lambda c: c.method == "sendMessage" and c.ok, after=after, timeout=20)
        assert Reply(call).text.startswith("Здравствуйте, Анна!")
        assert {"setMyCommands", "getMe"} <= {c.method for c in fake_telegram.calls}
    finally:
        process.send_signal(signal.SIGTERM)
        await fake_telegram.release_polls()
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()[-2000:]
    log = stderr.decode()
    assert "coachbot is ready" in log
    assert fake_telegram.token not in log  # request URLs carry the token: httpx stays quiet
    fake_telegram.assert_clean()


async def test_webhook_mode_without_a_url_explains_what_is_missing(fake_telegram, tmp_path):
    env = {**os.environ, "COACHBOT_TELEGRAM_TOKEN": fake_telegram.token, "COACHBOT_WEBHOOK_URL": "",
           "COACHBOT_TELEGRAM_BASE_URL": fake_telegram.base_url, "COACHBOT_DATA_DIR": str(tmp_path)}  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "coachbot", "run", "--webhook", cwd=PROJECT_ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "--webhook needs COACHBOT_WEBHOOK_URL" in stderr.decode()
    assert not fake_telegram.calls
