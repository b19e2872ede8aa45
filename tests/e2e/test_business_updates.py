"""A bot connected to Telegram Business never writes into the customer's chat (its coaching goes
to the employee's private chat with the bot).

The customer's messages and the employee's replies in a business chat arrive as
``business_message`` updates; nothing the bot sends may reach that chat, or use
the business connection to speak for the employee.
"""

from __future__ import annotations

import asyncio
import time

try:
    from support.samples import RUDE
except ModuleNotFoundError:
    from tests.support.samples import RUDE

CONNECTION = "biz-connection-1"


def _business_message(chat: dict, sender: dict, text: str, message_id: int) -> dict:
    return {"business_connection_id": CONNECTION, "message_id": message_id, "date": int(time.time()),
            "chat": chat, "from": sender, "text": text}  # fmt: skip


async def test_business_updates_get_no_answer_and_the_bot_keeps_coaching(bot):
    employee = bot.user()
    await employee.ask("/start")
    customer = {"id": 777_000_111, "is_bot": False, "first_name": "Клиент"}
    customer_chat = {"id": customer["id"], "type": "private", "first_name": "Клиент"}
    fake = bot.fake
    after = employee.mark()
    await fake.push_update({"business_connection": {
        "id": CONNECTION, "user": employee.user, "user_chat_id": employee.id, "date": int(time.time()),
        "is_enabled": True, "rights": {"can_reply": True},
    }})  # fmt: skip
    # The customer's complaint, then the employee's real reply (a draft would be coached if it came to the bot).
    await fake.push_update(
        {
            "business_message": _business_message(
                customer_chat, customer, "Заказ опоздал на три дня, где он?!", fake.new_message_id()
            )
        }
    )
    await fake.push_update({"business_message": _business_message(customer_chat, employee.user, RUDE, 5001)})
    await fake.push_update(
        {"edited_business_message": _business_message(customer_chat, employee.user, RUDE + " Ожидайте.", 5001)}
    )
    await fake.push_update(
        {
            "deleted_business_messages": {
                "business_connection_id": CONNECTION,
                "chat": customer_chat,
                "message_ids": [5001],
            }
        }
    )
    # The bot is still there for the employee's own chat, and the answer comes after all of the above.
    reply = await employee.ask(RUDE)
    assert "Упрёк клиенту" in reply.text
    await asyncio.sleep(0.2)
    sent = [c for c in fake.calls[after:] if c.method not in {"getUpdates", "answerCallbackQuery"}]
    assert sent, "the draft in the bot's own chat is answered"
    assert all(c.chat_id == employee.id for c in sent), [(c.method, c.chat_id) for c in sent]
    assert not [c for c in sent if "business_connection_id" in c.params]
    # Two answers, both in the bot's own chat: the private note on the business reply, and the draft.
    texts = [c.params.get("text", "") for c in sent if c.method == "sendMessage"]
    assert len(texts) == 2 and sum(t.startswith("💼") for t in texts) == 1, [t[:30] for t in texts]
