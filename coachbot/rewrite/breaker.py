"""A circuit breaker: after N failures in a row, stop calling the LLM for a while.

closed -> (N consecutive failures) -> open -> (cool-down passes) -> half-open:
one trial call; success closes the circuit, failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


class CircuitBreaker:
    def __init__(self, threshold: int = 5, cooldown: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        self.threshold = threshold
        self.cooldown = cooldown
        self.clock = clock
        self.failures = 0
        self._state = CLOSED
        self._opened_at = 0.0
        self._trial = False

    @property
    def state(self) -> str:
        if self._state == OPEN and self.clock() - self._opened_at >= self.cooldown:
            return HALF_OPEN
        return self._state

    def allow(self) -> bool:
        """May a call go out now? In half-open state only one trial call may."""
        state = self.state
        if state == CLOSED:
            return True
        if state == HALF_OPEN and not self._trial:
            self._state = HALF_OPEN
            self._trial = True
            return True
        return False

    def record_success(self) -> None:
        self.failures = 0
        self._state = CLOSED
        self._trial = False

    def record_failure(self) -> None:
        self.failures += 1
        if self._state == HALF_OPEN or self.failures >= self.threshold:
            self._state = OPEN
            self._opened_at = self.clock()
            self._trial = False
