"""The Bot API methods :class:`FakeTelegram` implements, as Telegram answers them (a mixin)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from typing import Any

try:  # tests/ is on sys.path under pytest (see tests/conftest.py)
    from support.telegram_html import parse_html, utf16_len
except ModuleNotFoundError:
    from tests.support.telegram_html import parse_html, utf16_len

BOT_ID = 777000
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Coach", "username": "coach_test_bot"}
TEXT_LIMIT, CAPTION_LIMIT = 4096, 1024


class BotApiMethods:
    """``_m_<method>(params, files)`` for each method the bot uses; state lives in FakeTelegram."""

    messages: dict[tuple[int, int], dict[str, Any]]
    polls_released: bool
    _updates: list[dict[str, Any]]
    _changed: asyncio.Condition
    _file_ids: itertools.count

    def new_message_id(self) -> int:
        raise NotImplementedError

    def _m_getMe(self, p: dict, f: dict) -> dict:
        return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}  # fmt: skip

    def _m_deleteWebhook(self, p: dict, f: dict) -> bool:
        return True

    def _m_setWebhook(self, p: dict, f: dict) -> bool:
        return True

    def _m_setMyCommands(self, p: dict, f: dict) -> bool:
        return True

    def _m_sendChatAction(self, p: dict, f: dict) -> bool:
        return True

    def _m_answerCallbackQuery(self, p: dict, f: dict) -> bool:
        return True

    def _m_answerInlineQuery(self, p: dict, f: dict) -> bool:
        """Telegram's limits: at most 50 results, ids unique and 1-64 bytes, article text 1-4096."""
        results = json.loads(p.get("results") or "[]")
        ids = [r.get("id", "") for r in results]
        if len(results) > 50 or len(set(ids)) != len(ids) or any(not 0 < len(i.encode()) <= 64 for i in ids):
            raise ApiError("RESULTS_INVALID")
        for r in results:
            text = r.get("input_message_content", {}).get("message_text", "")
            if r.get("type") == "article" and not 0 < len(text) <= 4096:
                raise ApiError("MESSAGE_TEXT_INVALID")
        return True

    def _m_deleteMessage(self, p: dict, f: dict) -> bool:
        self.messages.pop((int(p["chat_id"]), int(p["message_id"])), None)
        return True

    async def _m_getUpdates(self, p: dict, f: dict) -> list[dict]:
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        limit = int(p.get("limit") or 100)
        deadline = time.monotonic() + timeout
        async with self._changed:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                left = deadline - time.monotonic()
                if self._updates or left <= 0 or self.polls_released:
                    return self._updates[:limit]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    def _m_sendMessage(self, p: dict, f: dict) -> dict:
        message = self._new_message(p)
        message.update(_formatted(p, "text", "entities", TEXT_LIMIT))
        return self._store(message, p)

    def _m_sendPhoto(self, p: dict, f: dict) -> dict:
        message = self._new_message(p)
        size = len(f.get("photo", b""))
        message["photo"] = [{**self._file_ref(), "width": 1200, "height": 800, "file_size": size}]
        message.update(_formatted(p, "caption", "caption_entities", CAPTION_LIMIT))
        return self._store(message, p)

    def _m_sendDocument(self, p: dict, f: dict) -> dict:
        message = self._new_message(p)
        message["document"] = {**self._file_ref(), "file_name": p.get("_filename_document", "file")}
        message.update(_formatted(p, "caption", "caption_entities", CAPTION_LIMIT))
        return self._store(message, p)

    def _m_editMessageText(self, p: dict, f: dict) -> dict:
        message = self._existing(p)
        new = _formatted(p, "text", "entities", TEXT_LIMIT)
        same_text = new.get("text") == message.get("text") and new.get("entities") == message.get("entities")
        if same_text and p.get("reply_markup") == message.get("reply_markup"):
            raise ApiError("message is not modified: specified new message content and reply markup are exactly "
                            "the same as a current content and reply markup of the message")  # fmt: skip
        for key in ("text", "entities", "reply_markup"):
            message.pop(key, None)
        message.update(_formatted(p, "text", "entities", TEXT_LIMIT))
        if "reply_markup" in p:
            message["reply_markup"] = p["reply_markup"]
        message["edit_date"] = int(time.time())
        return message

    def _m_editMessageReplyMarkup(self, p: dict, f: dict) -> dict:
        message = self._existing(p)
        message.pop("reply_markup", None)
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        return message

    # -- helpers -------------------------------------------------------------------------------
    def _new_message(self, p: dict) -> dict:
        chat_id = int(p["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        message = {"message_id": self.new_message_id(), "date": int(time.time()), "chat": chat, "from": BOT_USER}
        replied = (p.get("reply_parameters") or {}).get("message_id")
        if replied is not None and (chat_id, int(replied)) in self.messages:
            original = dict(self.messages[(chat_id, int(replied))])
            original.pop("reply_to_message", None)  # Telegram nests one level only
            message["reply_to_message"] = original
        return message

    def _store(self, message: dict, p: dict) -> dict:
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        self.messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def _existing(self, p: dict) -> dict:
        key = (int(p["chat_id"]), int(p["message_id"]))
        if key not in self.messages:
            raise ApiError("message to edit not found")
        return self.messages[key]

    def _file_ref(self) -> dict:
        n = next(self._file_ids)
        return {"file_id": f"file-{n}", "file_unique_id": f"u{n}"}


class ApiError(Exception):
    pass


def _formatted(p: dict, key: str, entities_key: str, limit: int) -> dict:
    raw = str(p.get(key, ""))
    if p.get("parse_mode") == "HTML":
        text, entities = parse_html(raw)
    else:
        text, entities = raw.strip(), list(p.get(entities_key) or [])
    if key == "text" and not text:
        raise ApiError("message text is empty")
    if utf16_len(text) > limit:
        raise ApiError(f"{key} is too long ({utf16_len(text)} > {limit})")
    result: dict[str, Any] = {key: text} if text else {}
    if entities:
        result[entities_key] = entities
    return result
