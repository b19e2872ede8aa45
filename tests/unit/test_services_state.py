"""StateService: conversation state that expires, is taken once, and goes with the person."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from coachbot.db import ConversationState, ProcessedUpdate, utcnow
from coachbot.services import StateService, UserService


async def test_state_expires_is_taken_once_and_is_per_person(sessionmaker, build):
    await build.user(1, "Анна")
    await build.user(2, "Борис")
    state = StateService(sessionmaker)
    await state.put(1, "customer", {"text": "Где заказ [NUMBER_1]?"}, ttl=60)
    assert await state.get(2, "customer") is None
    assert await state.pop(1, "customer") == {"text": "Где заказ [NUMBER_1]?"}
    assert await state.pop(1, "customer") is None  # a second replica asking next gets nothing
    await state.put(1, "pending", {"kind": "flag_comment", "draft_id": 7}, ttl=60)
    async with sessionmaker.begin() as session:
        await session.execute(update(ConversationState).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert await state.get(1, "pending") is None
    assert await state.purge() == 1
    assert await build.count(ConversationState) == 0


async def test_nobody_without_a_profile_gets_state(sessionmaker, build):
    state = StateService(sessionmaker)
    await state.put(99, "pending", {"kind": "x"}, ttl=60)
    assert await build.count(ConversationState) == 0


async def test_forgetting_a_person_removes_their_state(sessionmaker, settings, build):
    await build.user(1, "Анна")
    state = StateService(sessionmaker)
    await state.put(1, "customer", {"text": "…"}, ttl=60)
    await UserService(sessionmaker, settings).forget(1)
    assert await build.count(ConversationState) == 0


async def test_an_update_is_claimed_once_and_a_dead_claim_is_retried(sessionmaker, build):
    state = StateService(sessionmaker)
    assert await state.claim_update(500)
    assert not await state.claim_update(500)  # another replica, or a redelivery, while the first works
    async with sessionmaker.begin() as session:  # the first process died three minutes ago
        await session.execute(update(ProcessedUpdate).values(created_at=utcnow() - timedelta(minutes=3)))
    assert await state.claim_update(500)
    await state.finish_update(500)
    async with sessionmaker.begin() as session:
        await session.execute(update(ProcessedUpdate).values(created_at=utcnow() - timedelta(minutes=3)))
    assert not await state.claim_update(500)  # answered: never again
