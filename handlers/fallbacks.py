"""Whatever no feature took: media, unknown commands, buttons from old messages. Registered last."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from coachbot.bot_context import BotContext
from handlers import buttons
from handlers.common import answer
from handlers.middleware import command_of

MEDIA = (
    (filters.Sticker.ALL, "sticker"),
    (filters.PHOTO, "photo"),
    (filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE, "voice"),
    (filters.Document.ALL, "document"),
)


def _reply_with(key: str):
    async def reply(update: Update, context: BotContext) -> None:
        await answer(update, context, key)

    return reply


async def unknown_command(update: Update, context: BotContext) -> None:
    await answer(update, context, "unknown_command", command="/" + (command_of(update) or ""))


def register(application: Application) -> None:
    for media_filter, key in MEDIA:
        application.add_handler(MessageHandler(media_filter, _reply_with(key)))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    # Videos, locations, contacts, polls…: only text can be coached.
    application.add_handler(MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, _reply_with("only_text")))
    application.add_handler(CallbackQueryHandler(buttons.expired))
