"""Why an LLM rewrite did not happen; each maps to a fallback reason."""

from __future__ import annotations


class LLMError(Exception):
    reason = "llm_error"


class LLMUnavailable(LLMError):
    """The circuit is open: the endpoint failed too often, calls are paused."""

    reason = "circuit_open"


class LLMTimeout(LLMError):
    reason = "timeout"


class LLMHTTPError(LLMError):
    reason = "http_error"

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class LLMMalformed(LLMError):
    """The endpoint answered, but not with usable rewrites."""

    reason = "malformed"
