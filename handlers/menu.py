"""The command menu Telegram shows next to the input field, in both languages."""

from __future__ import annotations

from telegram import BotCommand
from telegram.ext import Application

from handlers.texts import LANGUAGES, plain

COMMANDS = ("start", "history", "progress", "team", "join", "lang", "help", "business", "forgetme")


def menu(lang: str) -> list[BotCommand]:
    return [BotCommand(command, plain(lang, f"cmd_{command}")) for command in COMMANDS]


async def set_menu(application: Application, default_language: str) -> None:
    """The default menu in the configured language, and each language's menu for its speakers."""
    await application.bot.set_my_commands(menu(default_language))
    for lang in LANGUAGES:
        await application.bot.set_my_commands(menu(lang), language_code=lang)
