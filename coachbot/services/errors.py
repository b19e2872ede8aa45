"""Errors the services raise; handlers turn them into a polite answer.

Messages are plain English sentences meant for the person who caused them
(an admin typing a setting, a lead naming an employee).
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base of every error a service raises on purpose."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PermissionDenied(ServiceError):
    """The user's role (or team) does not allow this."""


class NotFound(ServiceError):
    """The user, team, draft, rule or version does not exist (or is not yours)."""


class InvalidInvite(ServiceError):
    """No team has this invite code (it may have been rotated)."""


class ValidationFailed(ServiceError):
    """The input is wrong; ``message`` says how, in plain words."""


class RateLimited(ServiceError):
    """Too many drafts in a short time; ``retry_after`` is the seconds until the next one is taken."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many drafts; try again in {retry_after} s")
        self.retry_after = retry_after
