"""An OpenAI-compatible ``/v1/chat/completions`` client (hosted APIs, vLLM, llama.cpp, Ollama).

Per attempt timeout, retries with exponential backoff on timeouts, connection
errors, 429 and 5xx; a circuit breaker so a dead endpoint costs nothing while
it is open; a semaphore so a burst of drafts does not flood a small server.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any

import aiohttp
from pydantic import SecretStr

from coachbot.config import Settings
from coachbot.rewrite.breaker import CircuitBreaker
from coachbot.rewrite.errors import LLMHTTPError, LLMMalformed, LLMTimeout, LLMUnavailable
from coachbot.rewrite.llm_response import message_content

log = logging.getLogger(__name__)
RETRYABLE = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


def chat_endpoint(base_url: str) -> str:
    """``http://host:8000``, ``…/v1`` or the full ``…/v1/chat/completions`` all work."""
    url = base_url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


class _Retry(Exception):
    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class LLMClient:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: SecretStr | str | None = None,
        timeout: float = 20.0,
        retries: int = 2,
        concurrency: int = 4,
        breaker: CircuitBreaker | None = None,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        temperature: float = 0.3,
    ) -> None:
        self.endpoint = chat_endpoint(base_url)
        self.model = model
        self._api_key = api_key if isinstance(api_key, SecretStr) or api_key is None else SecretStr(api_key)
        self.timeout = timeout
        self.retries = retries
        self.breaker = breaker or CircuitBreaker()
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.temperature = temperature
        self._semaphore = asyncio.Semaphore(concurrency)
        self._session: aiohttp.ClientSession | None = None
        self._json_mode = True  # dropped once if the server rejects response_format

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMClient | None:
        """The client the settings describe, or None when no endpoint is configured."""
        if not settings.llm_enabled:
            return None
        return cls(
            base_url=settings.llm_base_url or "",
            model=settings.llm_model or "",
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout,
            retries=settings.llm_retries,
            concurrency=settings.llm_concurrency,
            breaker=CircuitBreaker(
                threshold=settings.llm_breaker_threshold,
                cooldown=settings.llm_breaker_cooldown,
            ),
        )

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self._api_key is not None and self._api_key.get_secret_value():
            headers["Authorization"] = f"Bearer {self._api_key.get_secret_value()}"
        return headers

    def _payload(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        payload: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": self.temperature}
        if self._json_mode:
            payload["response_format"] = {"type": "json_object"}
        return payload

    async def _post(self, messages: list[dict[str, str]]) -> Any:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with self._semaphore:
            try:
                async with self._session.post(
                    self.endpoint, json=self._payload(messages), headers=self._headers(), timeout=timeout
                ) as resp:
                    if resp.status == 400 and self._json_mode:
                        self._json_mode = False  # an older server without JSON mode: ask again plainly
                        raise _Retry("response_format rejected", resp.status)
                    if resp.status in RETRYABLE:
                        raise _Retry(f"HTTP {resp.status}", resp.status)
                    if resp.status >= 400:
                        raise LLMHTTPError(f"HTTP {resp.status}", resp.status)
                    try:
                        return await resp.json(content_type=None)
                    except ValueError:
                        raise LLMMalformed("the response body is not JSON") from None
            except TimeoutError:
                raise _Retry("timeout") from None
            except aiohttp.ClientError as exc:
                raise _Retry(type(exc).__name__) from None

    async def complete(self, messages: list[dict[str, str]]) -> str:
        """The assistant's message content; raises an ``LLMError`` subclass on failure."""
        if not self.breaker.allow():
            raise LLMUnavailable("the LLM circuit is open")
        last: _Retry | None = None
        attempt = 0
        while attempt <= self.retries:
            try:
                data = await self._post(messages)
            except _Retry as exc:
                last = exc
                if exc.status == 400:  # JSON mode was just switched off: ask again at once
                    continue
                log.debug("llm attempt %d failed: %s", attempt + 1, exc)
                attempt += 1
                if attempt <= self.retries:
                    delay = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                    await asyncio.sleep(delay * (0.5 + random.random() / 2))
                continue
            except LLMHTTPError:
                self.breaker.record_failure()
                raise
            except LLMMalformed:
                self.breaker.record_success()  # the endpoint is up; the answer was just unusable
                raise
            self.breaker.record_success()
            return message_content(data)
        self.breaker.record_failure()
        if last is not None and last.status is None and str(last) == "timeout":
            raise LLMTimeout(f"no answer within {self.timeout:g}s")
        raise LLMHTTPError(f"the LLM endpoint failed: {last}", last.status if last else None)

    async def aclose(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
