"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, slow on purpose.

It records every request (so a test can check what left the machine) and
answers with the rewrites the test set, after ``delay`` seconds.
"""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

from aiohttp import web


class FakeLLM:
    def __init__(self, rewrites: dict[str, str], delay: float = 1.0, status: int = 200) -> None:
        self.rewrites, self.delay, self.status = rewrites, delay, status
        self.requests: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def start(self) -> FakeLLM:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._complete)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _complete(self, request: web.Request) -> web.Response:
        self.requests.append(await request.json())
        await asyncio.sleep(self.delay)
        if self.status != 200:
            return web.json_response({"error": {"message": "down"}}, status=self.status)
        content = json.dumps({"rewrites": [{"style": s, "text": t} for s, t in self.rewrites.items()]},
                             ensure_ascii=False)  # fmt: skip
        return web.json_response({"choices": [{"message": {"role": "assistant", "content": content}}]})
