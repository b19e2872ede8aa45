"""``coachbot run --webhook``: the aiohttp server checks Telegram's secret token, and serves /healthz and /metrics."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import time

import aiohttp
import pytest
from pydantic import SecretStr

from coachbot.app import serve_webhook

try:
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.samples import RUDE

SECRET = "s3cret_Token-42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def update(user_id: int, text: str, update_id: int = 1) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Анна", "language_code": "ru"}
    return {"update_id": update_id, "message": {
        "message_id": 10 + update_id, "date": int(time.time()), "chat": {"id": user_id, "type": "private"},
        "from": user, "text": text}}  # fmt: skip


@pytest.fixture
async def webhook(fake_telegram, bot_settings):
    """The webhook server as ``coachbot run --webhook`` runs it, stopped (like SIGTERM) afterwards."""
    port = free_port()
    settings = bot_settings.model_copy(update={
        "webhook_url": f"http://127.0.0.1:{port}/tg/hook", "webhook_secret": SecretStr(SECRET),
        "webhook_host": "127.0.0.1", "webhook_port": port})  # fmt: skip
    task = asyncio.create_task(serve_webhook(settings))
    await fake_telegram.wait_for(lambda c: c.method == "setWebhook", timeout=15)
    async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{port}") as client:
        yield client
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    fake_telegram.assert_clean()


async def post(client: aiohttp.ClientSession, body: dict, secret: str | None = SECRET, **kwargs) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    async with client.post("/tg/hook", data=json.dumps(body), headers={"Content-Type": "application/json", **headers},
                           **kwargs) as response:  # fmt: skip
        return response.status


async def test_the_webhook_is_registered_with_its_secret(webhook, fake_telegram):
    (call,) = [c for c in fake_telegram.calls if c.method == "setWebhook"]
    assert call.params["secret_token"] == SECRET
    assert call.params["url"].endswith("/tg/hook")
    assert not [c for c in fake_telegram.calls if c.method in ("getUpdates", "deleteWebhook")]


async def test_a_wrong_or_missing_secret_is_forbidden_and_nothing_runs(webhook, fake_telegram):
    after = len(fake_telegram.calls)
    assert await post(webhook, update(2001, RUDE), secret="wrong") == 403
    assert await post(webhook, update(2001, RUDE, 2), secret=None) == 403
    await asyncio.sleep(0.3)
    assert not [c for c in fake_telegram.calls[after:] if c.method == "sendMessage"]


async def test_a_good_update_is_answered_and_counted(webhook, fake_telegram):
    after = len(fake_telegram.calls)
    assert await post(webhook, update(2002, RUDE)) == 200
    reply = await fake_telegram.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == 2002, after=after)
    assert "/100" in reply.result["text"]
    async with webhook.get("/metrics") as response:
        assert response.status == 200
        metrics = await response.text()
    assert 'coachbot_drafts_analysed_total{language="ru"} 1.0' in metrics
    assert "coachbot_analysis_seconds_count 1.0" in metrics
    assert 'coachbot_updates_total{kind="message"} 1.0' in metrics


async def test_not_json_is_refused(webhook):
    async with webhook.post("/tg/hook", data="hello", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                                               "Content-Type": "text/plain"}) as response:  # fmt: skip
        assert response.status == 415


async def test_health(webhook):
    async with webhook.get("/healthz") as response:
        assert response.status == 200
        assert await response.json() == {"status": "ok", "bot": True, "database": True}
