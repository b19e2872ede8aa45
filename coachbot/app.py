"""The app factory: python-telegram-bot wired to the coachbot services, by long polling or webhook.

``create_application`` composes the features of ``handlers/``; the services
are built in ``post_init`` (after the migrations) and closed in ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import signal
import sys
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    BaseRateLimiter,
    ContextTypes,
)

from coachbot.bot_context import (
    METRICS_KEY,
    SERVICES_KEY,
    SETTINGS_KEY,
    BotContext,
    BotServices,
    CoachApplication,
)
from coachbot.chat_scheduler import PerChatUpdateProcessor
from coachbot.config import Settings
from coachbot.web.metrics import Metrics
from handlers import (
    admin_flags,
    admin_prompts,
    admin_settings,
    admin_styleguide,
    admin_teams,
    business,
    draft_actions,
    drafts,
    errors,
    fallbacks,
    history,
    inline,
    inputs,
    middleware,
    onboarding,
    privacy,
    team,
)
from handlers.jobs import schedule_jobs
from handlers.menu import set_menu

log = logging.getLogger(__name__)

# Opt in to PTB's timedelta durations (RetryAfter.retry_after and friends), which become the
# default in its next major version; without it every 429 also raises a deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

MAX_CONCURRENT_UPDATES = 16  # handlers mostly await the database and the LLM
RATE_LIMIT_RETRIES = 3  # a 429 waits retry_after and tries again, up to this many times


# The features, in the order their handlers are tried: the middleware first, the fallbacks last.
FEATURES = (
    inline, business, middleware, inputs, onboarding, history, team, admin_teams, admin_prompts, admin_styleguide,
    admin_flags, admin_settings, privacy, draft_actions, drafts, errors, fallbacks,
)  # fmt: skip


def create_application(
    settings: Settings, *, webhook: bool = False, rate_limiter: BaseRateLimiter[int] | None = None,
    concurrent_updates: int = MAX_CONCURRENT_UPDATES,
) -> CoachApplication:  # fmt: skip
    """The PTB application for ``settings``; ``webhook`` builds it without an updater."""
    if settings.telegram_token is None:
        raise ValueError("COACHBOT_TELEGRAM_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .context_types(ContextTypes(context=BotContext))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .concurrent_updates(PerChatUpdateProcessor(concurrent_updates))
        .get_updates_connection_pool_size(2)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    if webhook:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data[SETTINGS_KEY] = settings
    application.bot_data[METRICS_KEY] = Metrics()
    for feature in FEATURES:
        feature.register(application)
    return application


async def post_init(application: CoachApplication) -> None:
    """Migrate the database, build the services, schedule the jobs, publish the command menu."""
    from coachbot.db.migrate import upgrade  # Alembic is only needed once the bot starts

    settings: Settings = application.bot_data[SETTINGS_KEY]
    await upgrade(settings.effective_database_url)
    services = application.bot_data[SERVICES_KEY] = await BotServices.build(settings)
    if isinstance(application.update_processor, PerChatUpdateProcessor):
        application.update_processor.guard = services.state
    await schedule_jobs(application)
    try:
        await set_menu(application, settings.language)
    except TelegramError:
        log.warning("could not set the command menu; the bot works without it")
    log.info("coachbot is ready as @%s", application.bot.username)


async def post_shutdown(application: CoachApplication) -> None:
    services: BotServices | None = application.bot_data.pop(SERVICES_KEY, None)
    if services is not None:
        await services.aclose()


async def start_application(application: CoachApplication) -> None:
    """What ``run_polling`` does before polling: initialize, post_init, start (for webhook mode and tests)."""
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
    except BaseException:
        await stop_application(application)
        raise


async def stop_application(application: CoachApplication) -> None:
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for sig in signals:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


async def serve_webhook(settings: Settings) -> int:
    """Serve Telegram's webhook, /healthz and /metrics on aiohttp until SIGINT or SIGTERM."""
    from coachbot.web.server import webhook_server

    if not settings.webhook_url:
        print("coachbot: --webhook needs COACHBOT_WEBHOOK_URL (the public https URL Telegram posts to)",
              file=sys.stderr)  # fmt: skip
        return 2
    if settings.webhook_secret is not None:
        secret = settings.webhook_secret.get_secret_value()
    else:
        secret = secrets.token_urlsafe(32)
        log.warning("COACHBOT_WEBHOOK_SECRET is not set: using a random one (set it when running several replicas)")
    application = create_application(settings, webhook=True)
    path = urlsplit(settings.webhook_url).path or "/telegram"
    await start_application(application)
    try:
        async with webhook_server(
            application, secret=secret, host=settings.webhook_host, port=settings.webhook_port, webhook_path=path
        ):
            await application.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
            await _until_signalled()
    finally:
        await stop_application(application)
    return 0


def configure_logging() -> None:
    logging.getLogger("coachbot").setLevel(logging.INFO)
    logging.getLogger("handlers").setLevel(logging.INFO)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def run_bot(settings: Settings, webhook: bool = False) -> int:
    """``coachbot run``: long polling by default, the aiohttp webhook server with ``webhook``."""
    configure_logging()
    if webhook:
        return asyncio.run(serve_webhook(settings))
    create_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
