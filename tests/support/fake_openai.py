"""A real OpenAI-compatible server on 127.0.0.1 for LLM-backend tests.

The test decides how it behaves (a good answer, malformed JSON, a slow reply,
a run of HTTP 500s, or an "obedient" model that follows whatever instruction
it finds outside the data tags) and reads back every request it received.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

POEM = "Шумит листва, горит закат,\nИ тихо льётся звездопад."
INJECTION = re.compile(r"стихотворени|poem", re.IGNORECASE)
DATA_TAGS = re.compile(r"<(draft|context|issues|style_guide)>.*?</\1>", re.DOTALL)


@dataclass
class Recorded:
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, str]]:
        return self.body.get("messages", [])

    @property
    def text(self) -> str:
        """Everything the server was sent, for "did personal data leak?" checks."""
        return json.dumps(self.body, ensure_ascii=False)


@dataclass
class FakeOpenAI:
    rewrites: list[dict[str, str]] = field(default_factory=list)
    mode: str = "success"  # success | fenced | malformed | obedient | gullible
    delay: float = 0.0
    fail_times: int = 0
    fail_status: int = 500
    requests: list[Recorded] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _closing: asyncio.Event = field(default_factory=asyncio.Event)
    base_url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        self._closing.set()  # wake handlers still "thinking" so shutdown is quick
        if self._runner is not None:
            await self._runner.cleanup()

    def answer(self, *rewrites: tuple[str, str]) -> None:
        self.mode = "success"
        self.rewrites = [{"style": s, "text": t} for s, t in rewrites]

    def _content(self, body: dict[str, Any]) -> str:
        if self.mode == "malformed":
            return "Конечно! Вот что я предлагаю: будьте вежливее с клиентом."
        poem = json.dumps(
            {"rewrites": [{"style": "warm", "text": POEM}, {"style": "concise", "text": POEM}]}, ensure_ascii=False
        )
        user = next((m["content"] for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        if self.mode == "gullible" and INJECTION.search(user):
            return poem
        if self.mode == "obedient" and INJECTION.search(DATA_TAGS.sub("", user)):
            return poem  # an instruction outside the data: an obedient model follows it
        answer = json.dumps({"rewrites": self.rewrites}, ensure_ascii=False)
        return f"Вот варианты:\n```json\n{answer}\n```" if self.mode == "fenced" else answer

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(Recorded(body, dict(request.headers)))
        if self.delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), self.delay)
        if self.fail_times > 0:
            self.fail_times -= 1
            return web.json_response({"error": {"message": "boom"}}, status=self.fail_status)
        return web.json_response(
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "model": body.get("model"),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": self._content(body)},
                    }
                ],
            }
        )
