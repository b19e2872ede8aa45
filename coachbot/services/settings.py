"""Runtime settings admins change from the bot, typed and checked, stored as JSON."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.config import Settings
from coachbot.repositories import AuditRepository, SettingRepository
from coachbot.services.access import Sessionmaker, require_admin
from coachbot.services.errors import ValidationFailed

TRUE = {"true", "yes", "on", "1", "да", "вкл"}
FALSE = {"false", "no", "off", "0", "нет", "выкл"}


def _int_in(low: int, high: int, message: str) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValidationFailed(message)
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationFailed(message) from None
        if not low <= number <= high:
            raise ValidationFailed(message)
        return number

    return parse


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE | FALSE:
        return word in TRUE
    raise ValidationFailed("llm_enabled must be on or off (true/false)")


def _time(value: Any) -> str:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", str(value).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationFailed("digest_time must be a time of day as HH:MM, for example 09:30")
    return f"{int(match[1]):02d}:{match[2]}"


@dataclass(frozen=True)
class Spec:
    parse: Callable[[Any], Any]
    default: Callable[[Settings | None], Any]
    help: str


SPECS: dict[str, Spec] = {
    "coaching_threshold": Spec(
        _int_in(0, 100, "coaching_threshold must be a whole number from 0 to 100"),
        lambda s: s.coaching_threshold if s else 70,
        "drafts scoring below this get coaching (0-100)",
    ),
    "llm_enabled": Spec(
        _bool,
        lambda s: s.llm_enabled if s else False,
        "use the configured LLM for rewrites (on/off)",
    ),
    "retention_days": Spec(
        _int_in(1, 36_500, "retention_days must be a whole number of days, at least 1"),
        lambda s: 365,
        "drafts older than this many days are deleted",
    ),
    "digest_day": Spec(
        _int_in(0, 6, "digest_day must be a weekday number from 0 (Monday) to 6 (Sunday)"),
        lambda s: 0,
        "weekday of the leads' digest, 0 = Monday",
    ),
    "digest_time": Spec(_time, lambda s: "09:00", "time of the leads' digest, HH:MM (UTC)"),
}


def _spec(key: str) -> Spec:
    try:
        return SPECS[key]
    except KeyError:
        raise ValidationFailed(f"there is no setting '{key}'; settings: {', '.join(SPECS)}") from None


async def read_setting(session: AsyncSession, key: str, settings: Settings | None = None) -> Any:
    """The stored value of ``key`` inside an open transaction, or its default."""
    spec = _spec(key)
    stored = await SettingRepository(session).get(key)
    if stored is not None:
        try:
            return spec.parse(stored)
        except ValidationFailed:
            pass  # a hand-edited bad value must not break the bot; the default applies
    return spec.default(settings)


class SettingsService:
    def __init__(self, sessionmaker: Sessionmaker, settings: Settings | None = None) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    async def get(self, key: str) -> Any:
        async with self.sessionmaker.begin() as session:
            return await read_setting(session, key, self.settings)

    async def all(self) -> dict[str, Any]:
        async with self.sessionmaker.begin() as session:
            return {key: await read_setting(session, key, self.settings) for key in SPECS}

    async def set(self, actor_tid: int, key: str, value: Any) -> Any:
        """Check and store a setting (admin only); returns the value as stored."""
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor_tid)
            parsed = _spec(key).parse(value)
            previous = await read_setting(session, key, self.settings)
            await SettingRepository(session).put(key, parsed)
            await AuditRepository(session).add(admin.id, "settings.set", {"key": key, "from": previous, "to": parsed})
            return parsed

    async def coaching_threshold(self) -> int:
        return int(await self.get("coaching_threshold"))

    async def llm_enabled(self) -> bool:
        return bool(await self.get("llm_enabled"))

    async def retention_days(self) -> int:
        return int(await self.get("retention_days"))

    async def digest_day(self) -> int:
        return int(await self.get("digest_day"))

    async def digest_time(self) -> str:
        return str(await self.get("digest_time"))

    @staticmethod
    def describe() -> dict[str, str]:
        """Each setting with a one-line explanation, for /settings."""
        return {key: spec.help for key, spec in SPECS.items()}
