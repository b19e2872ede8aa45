"""``coachbot run``: the Telegram bot (long polling, or ``--webhook``)."""

from __future__ import annotations

import argparse
import sys

from coachbot.config import Settings

NO_TOKEN = {
    "ru": """Чтобы запустить бота, нужен токен Telegram.

1. Откройте в Telegram @BotFather и отправьте /newbot.
2. Придумайте имя и username — BotFather пришлёт токен вида 123456:ABC...
3. Запустите: COACHBOT_TELEGRAM_TOKEN=<токен> make run

А пока можно попробовать коуча прямо в терминале:
  .venv/bin/coachbot analyze "Вы сами виноваты, надо было читать договор."
  .venv/bin/coachbot analyze --context "Заказ опоздал на три дня!" "Ожидайте."
""",
    "en": """The bot needs a Telegram token to start.

1. In Telegram, open @BotFather and send /newbot.
2. Pick a name and a username; BotFather replies with a token like 123456:ABC...
3. Start it: COACHBOT_TELEGRAM_TOKEN=<token> make run

Meanwhile, try the coach right in the terminal:
  .venv/bin/coachbot analyze "You should have read the terms."
  .venv/bin/coachbot analyze --context "My order is three days late!" "Wait."
""",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="run the Telegram bot")
    p.add_argument("--webhook", action="store_true", help="serve the webhook on aiohttp")
    p.set_defaults(handler=run, needs_analyzer=False)


def run(args: argparse.Namespace, settings: Settings, language: str) -> int:
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value().strip():
        print(NO_TOKEN.get(language, NO_TOKEN["ru"]), file=sys.stderr)
        return 0
    from coachbot.app import run_bot

    return run_bot(settings, webhook=args.webhook)
