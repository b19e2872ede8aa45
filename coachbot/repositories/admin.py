"""SQL for what admins tune: prompts, style rules, settings, and the audit log. Never commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from coachbot.db import AuditEntry, PromptTemplate, SettingValue, StyleRule, User


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, actor_id: int | None, action: str, details: dict[str, Any]) -> None:
        """Record an admin write; call it in the same transaction as the write."""
        self.session.add(AuditEntry(actor_id=actor_id, action=action, details=details))
        await self.session.flush()

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        return list(await self.session.scalars(query))


class PromptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active(self, name: str) -> PromptTemplate | None:
        query = select(PromptTemplate).where(PromptTemplate.name == name, PromptTemplate.active.is_(True))
        return await self.session.scalar(query)

    async def all_active(self) -> dict[str, PromptTemplate]:
        query = select(PromptTemplate).where(PromptTemplate.active.is_(True))
        return {p.name: p for p in await self.session.scalars(query)}

    async def versions(self, name: str) -> list[tuple[PromptTemplate, str | None]]:
        """Every stored version of a prompt with its author's name, newest first."""
        query = (
            select(PromptTemplate, User.name)
            .outerjoin(User, User.id == PromptTemplate.author_id)
            .where(PromptTemplate.name == name)
            .order_by(PromptTemplate.version.desc())
        )
        return [(p, author) for p, author in await self.session.execute(query)]

    async def version(self, name: str, version: int) -> PromptTemplate | None:
        query = select(PromptTemplate).where(PromptTemplate.name == name, PromptTemplate.version == version)
        return await self.session.scalar(query)

    async def latest_version(self, name: str) -> int:
        query = select(func.max(PromptTemplate.version)).where(PromptTemplate.name == name)
        return int(await self.session.scalar(query) or 0)

    async def deactivate(self, name: str) -> None:
        await self.session.execute(
            update(PromptTemplate)
            .where(PromptTemplate.name == name, PromptTemplate.active.is_(True))
            .values(active=False)
        )

    async def add(self, prompt: PromptTemplate) -> PromptTemplate:
        self.session.add(prompt)
        await self.session.flush()
        return prompt


class StyleRuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[StyleRule]:
        query = select(StyleRule).order_by(StyleRule.kind, StyleRule.id)
        return list(await self.session.scalars(query))

    async def of_kind(self, kind: str) -> list[StyleRule]:
        query = select(StyleRule).where(StyleRule.kind == kind).order_by(StyleRule.id)
        return list(await self.session.scalars(query))

    async def get(self, rule_id: int) -> StyleRule | None:
        return await self.session.get(StyleRule, rule_id)

    async def add(self, rule: StyleRule) -> StyleRule:
        self.session.add(rule)
        await self.session.flush()
        return rule

    async def delete(self, rule: StyleRule) -> None:
        await self.session.delete(rule)
        await self.session.flush()


class SettingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> dict[str, Any]:
        return {s.key: s.value for s in await self.session.scalars(select(SettingValue))}

    async def get(self, key: str) -> Any | None:
        row = await self.session.get(SettingValue, key)
        return None if row is None else row.value

    async def put(self, key: str, value: Any) -> None:
        row = await self.session.get(SettingValue, key)
        if row is None:
            self.session.add(SettingValue(key=key, value=value))
        else:
            row.value = value
        await self.session.flush()
