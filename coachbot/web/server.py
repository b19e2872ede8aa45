"""The aiohttp app: Telegram's webhook (secret-token checked), /healthz and /metrics.

The PTB application is built with ``.updater(None)``; this server puts each
update on its queue and answers Telegram at once, before the handler runs.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from coachbot.bot_context import METRICS_KEY, SERVICES_KEY, BotServices, CoachApplication
from coachbot.web.metrics import Metrics

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PTB_APP: web.AppKey[CoachApplication] = web.AppKey("ptb_application", Application)
SECRET = web.AppKey("webhook_secret", str)
METRICS = web.AppKey("metrics", Metrics)


async def telegram_webhook(request: web.Request) -> web.Response:
    given = request.headers.get(SECRET_HEADER, "")
    if not secrets.compare_digest(given.encode(), request.app[SECRET].encode()):
        log.warning("webhook call with a wrong or missing secret token from %s", request.remote)
        raise web.HTTPForbidden(text="wrong secret token")
    if request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType(text="send application/json")
    application = request.app[PTB_APP]
    try:
        update = Update.de_json(await request.json(), application.bot)
    except (ValueError, TypeError, KeyError):
        request.app[METRICS].errors.labels(kind="bad_webhook_body").inc()
        raise web.HTTPBadRequest(text="not a Telegram update") from None
    await application.update_queue.put(update)
    return web.Response(text="ok")


async def healthz(request: web.Request) -> web.Response:
    application = request.app[PTB_APP]
    services: BotServices | None = application.bot_data.get(SERVICES_KEY)
    database = services is not None and await services.database_ok()
    healthy = application.running and database
    body = {"status": "ok" if healthy else "unavailable", "bot": application.running, "database": database}
    return web.json_response(body, status=200 if healthy else 503)


async def metrics(request: web.Request) -> web.Response:
    body, content_type = request.app[METRICS].render()
    return web.Response(body=body, headers={"Content-Type": content_type})


def create_web_app(application: CoachApplication, *, secret: str, webhook_path: str = "/telegram") -> web.Application:
    """The web app for ``application``; ``webhook_path`` is the path of the webhook URL."""
    app = web.Application(client_max_size=2 * 1024 * 1024)
    app[PTB_APP] = application
    app[SECRET] = secret
    app[METRICS] = application.bot_data[METRICS_KEY]
    app.router.add_post(webhook_path, telegram_webhook)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    return app


@asynccontextmanager
async def webhook_server(
    application: CoachApplication, *, secret: str, host: str, port: int, webhook_path: str = "/telegram"
) -> AsyncIterator[web.AppRunner]:
    """Serve the web app on ``host:port`` while the block runs (the application is started by the caller)."""
    runner = web.AppRunner(create_web_app(application, secret=secret, webhook_path=webhook_path), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        log.info("webhook server listening on %s:%s%s", host, port, webhook_path)
        yield runner
    finally:
        await runner.cleanup()
