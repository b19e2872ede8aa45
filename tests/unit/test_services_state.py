"""StateService: conversation state that expires, is taken once, and goes with the person."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from coachbot.db import ConversationState, utcnow
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


async def test_an_update_is_answered_once_and_a_dead_replicas_claim_is_taken_over(sessionmaker):
    import asyncio

    lease = timedelta(seconds=0.3)
    first, second = StateService(sessionmaker, lease), StateService(sessionmaker, lease)
    assert await first.claim_update(500)
    duplicate = asyncio.create_task(second.claim_update(500, poll=0.01))  # a redelivery while the first works
    await asyncio.sleep(0.1)
    await first.finish_update(500)
    assert await duplicate is False, "answered once: the duplicate is dropped"

    assert await first.claim_update(501)  # and then this replica is killed: no keep-alive, no finish
    started = asyncio.get_running_loop().time()
    assert await second.claim_update(501, poll=0.01), "the restarted bot answers what Telegram sends again"
    assert asyncio.get_running_loop().time() - started >= 0.25  # only once the dead claim ran out

    assert await first.claim_update(502)
    alive = asyncio.create_task(first.keep_alive(502))  # a live replica on a long update
    waiting = asyncio.create_task(second.claim_update(502, poll=0.01))
    await asyncio.sleep(1.0)  # more than three leases
    assert not waiting.done(), "a live claim is never taken over"
    await first.finish_update(502)
    alive.cancel()
    assert await waiting is False


def _update(update_id: int, chat_id: int):
    from telegram import Update

    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "text": "черновик",
                "chat": {"id": chat_id, "type": "private"},
            },
        },
        None,
    )


async def test_two_replicas_keep_a_chats_order_and_run_other_chats_meanwhile(sessionmaker):
    """Two update processors (one per replica) on one database: the chat's second update, taken by
    the second replica, waits until the first replica has answered the first; another chat doesn't."""
    import asyncio

    from coachbot.chat_scheduler import PerChatUpdateProcessor

    replicas = [PerChatUpdateProcessor(4), PerChatUpdateProcessor(4)]
    for processor in replicas:
        processor.guard = StateService(sessionmaker)
    order: list[str] = []
    first_started = asyncio.Event()

    async def handler(name: str, delay: float = 0.0) -> None:
        order.append(f"{name} start")
        if name == "chat1 #1":
            first_started.set()
        await asyncio.sleep(delay)
        order.append(f"{name} end")

    slow = asyncio.create_task(replicas[0].process_update(_update(101, 1), handler("chat1 #1", 0.6)))
    await first_started.wait()
    second = asyncio.create_task(replicas[1].process_update(_update(102, 1), handler("chat1 #2")))
    other = asyncio.create_task(replicas[1].process_update(_update(103, 2), handler("chat2")))
    await asyncio.gather(slow, second, other)
    assert order.index("chat1 #2 start") > order.index("chat1 #1 end"), order
    assert order.index("chat2 end") < order.index("chat1 #1 end"), order  # other chats never wait


async def test_a_claim_left_by_a_killed_replica_holds_the_chat_only_briefly(sessionmaker):
    state = StateService(sessionmaker)
    assert await state.claim_update(201, "7")  # the replica that took it died before answering
    assert await state.claim_update(202, "7")
    assert await state.wait_turn(202, "7", poll=0.01, limit=0.1) is False  # gave up waiting, goes on
    await state.finish_update(201)
    assert await state.wait_turn(202, "7", poll=0.01, limit=0.1) is True


async def test_a_scheduled_job_runs_once_per_period_across_replicas(sessionmaker):
    first, second = StateService(sessionmaker), StateService(sessionmaker)
    from datetime import UTC, datetime

    monday, sunday = datetime(2026, 12, 7, 9, tzinfo=UTC), datetime(2026, 12, 13, 23, tzinfo=UTC)
    assert await first.claim_job("weekly_digest", "week", now=monday)
    assert not await second.claim_job("weekly_digest", "week", now=sunday)  # the same ISO week
    assert await second.claim_job("weekly_digest", "week", now=sunday + timedelta(hours=2))  # the next one
    assert await second.claim_job("retention_purge", "day", now=monday)
    assert not await first.claim_job("retention_purge", "day", now=monday + timedelta(hours=3))
    assert await first.claim_job("retention_purge", "day", now=monday + timedelta(days=1))
