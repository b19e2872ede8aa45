"""The company style guide: banned phrases with replacements, and how customers are addressed."""

from __future__ import annotations

from coachbot.db import StyleRule as StyleRuleRow
from coachbot.repositories import AuditRepository, StyleRuleRepository
from coachbot.services.access import Sessionmaker, require_admin
from coachbot.services.errors import NotFound, ValidationFailed
from coachbot.services.types import StyleRule

ADDRESS_FORMS = ("вы", "Вы")
MAX_PHRASE = 200


def _info(row: StyleRuleRow) -> StyleRule:
    return StyleRule(row.id, row.kind, row.phrase, row.replacement)  # type: ignore[arg-type]


def _clean(text: str | None, what: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationFailed(f"the {what} is empty")
    if len(text) > MAX_PHRASE:
        raise ValidationFailed(f"the {what} is longer than {MAX_PHRASE} characters")
    return text


class StyleGuideService:
    def __init__(self, sessionmaker: Sessionmaker) -> None:
        self.sessionmaker = sessionmaker

    async def rules(self) -> list[StyleRule]:
        async with self.sessionmaker.begin() as session:
            return [_info(r) for r in await StyleRuleRepository(session).all()]

    async def address_form(self) -> str | None:
        """'вы' or 'Вы' if the company set one, else None."""
        async with self.sessionmaker.begin() as session:
            rows = await StyleRuleRepository(session).of_kind("address")
            return rows[0].phrase if rows else None

    async def add_banned(self, actor: int, phrase: str, replacement: str | None) -> StyleRule:
        """Ban a phrase; adding one that exists (in any letter case) updates its replacement."""
        phrase = _clean(phrase, "phrase")
        replacement = _clean(replacement, "replacement") if replacement else None
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor)
            rules = StyleRuleRepository(session)
            same = [r for r in await rules.of_kind("banned") if r.phrase.casefold() == phrase.casefold()]
            if same:
                row = same[0]
                row.phrase, row.replacement = phrase, replacement
                await session.flush()
            else:
                row = await rules.add(StyleRuleRow(kind="banned", phrase=phrase, replacement=replacement))
            await AuditRepository(session).add(admin.id, "style.ban", {"phrase": phrase, "replacement": replacement})
            return _info(row)

    async def set_address(self, actor: int, form: str) -> StyleRule:
        """Choose how customers are addressed: 'вы' or the more formal capitalised 'Вы'."""
        form = form.strip()
        if form not in ADDRESS_FORMS:
            raise ValidationFailed("the form of address must be «вы» or «Вы»")
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor)
            rules = StyleRuleRepository(session)
            existing = await rules.of_kind("address")
            for extra in existing[1:]:
                await rules.delete(extra)
            if existing:
                row = existing[0]
                row.phrase = form
                await session.flush()
            else:
                row = await rules.add(StyleRuleRow(kind="address", phrase=form))
            await AuditRepository(session).add(admin.id, "style.address", {"form": form})
            return _info(row)

    async def remove(self, actor: int, rule_id: int) -> None:
        async with self.sessionmaker.begin() as session:
            admin = await require_admin(session, actor)
            rules = StyleRuleRepository(session)
            row = await rules.get(rule_id)
            if row is None:
                raise NotFound(f"no style rule {rule_id}")
            await AuditRepository(session).add(
                admin.id, "style.remove", {"id": rule_id, "kind": row.kind, "phrase": row.phrase}
            )
            await rules.delete(row)
