"""What every handler can reach: the services (built once at start-up) and the acting user.

Handlers get a :class:`BotContext` (registered with ``ContextTypes``), so
``context.services.coaching`` is typed and nothing lives in module globals.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import Application, CallbackContext, ExtBot

from coachbot.config import Settings
from coachbot.services import (
    CoachingService,
    DraftService,
    FlagService,
    PromptService,
    RetentionService,
    SettingsService,
    StateService,
    StyleGuideService,
    TeamService,
    UserInfo,
    UserService,
)
from coachbot.services.business import BusinessService
from coachbot.web.metrics import Metrics

if TYPE_CHECKING:
    from coachbot.analysis.analyzer import Analyzer
    from coachbot.rewrite.service import RewriteService

log = logging.getLogger(__name__)

SERVICES_KEY = "coachbot.services"
SETTINGS_KEY = "coachbot.settings"
METRICS_KEY = "coachbot.metrics"
THROTTLE_NOTICE_KEY = "coachbot.throttle_notice_until"

# PTB's user_data, chat_data and bot_data are plain dicts; coachbot keys them by str and keeps
# values of several types in them (bot_data's are read through BotContext's typed properties).
DataDict: TypeAlias = dict[str, Any]
# The bot's rate limiter is AIORateLimiter, a BaseRateLimiter[int] (see coachbot.app).
CoachBot: TypeAlias = ExtBot[int]


@dataclass
class BotServices:
    """Everything the handlers call, built in ``post_init`` and closed in ``post_shutdown``."""

    settings: Settings
    engine: AsyncEngine
    analyzer: Analyzer
    users: UserService
    coaching: CoachingService
    rewriter: RewriteService
    offline_rewriter: RewriteService
    teams: TeamService
    prompts: PromptService
    styleguide: StyleGuideService
    runtime: SettingsService
    flags: FlagService
    retention: RetentionService
    state: StateService
    drafts: DraftService
    business: BusinessService
    masker: Callable[[str], str]
    llm: Any = None

    @classmethod
    async def build(cls, settings: Settings, analyzer: Analyzer | None = None) -> BotServices:
        """Open the database, load the analyzer (off the event loop) and wire the services."""
        from coachbot.db import create_engine_and_sessionmaker
        from coachbot.privacy.masking import mask_text
        from coachbot.rewrite.llm import LLMClient
        from coachbot.rewrite.prompts import REQUIRED_FIELDS, default_templates
        from coachbot.rewrite.service import RewriteService
        from coachbot.style_check import guide_for_prompt

        if analyzer is None:
            analyzer = await asyncio.to_thread(load_analyzer, settings)
        engine, sessionmaker = create_engine_and_sessionmaker(settings.effective_database_url)
        prompts = PromptService(sessionmaker, default_templates(settings.prompts_dir), REQUIRED_FIELDS)
        styleguide = StyleGuideService(sessionmaker)
        llm = LLMClient.from_settings(settings)

        async def style_guide_text() -> str:
            return guide_for_prompt(await styleguide.rules())

        def rewriter(client: LLMClient | None) -> RewriteService:
            return RewriteService(
                analyzer, llm=client, prompts=prompts, style_guide=style_guide_text, prompts_dir=settings.prompts_dir
            )

        coaching = CoachingService(
            sessionmaker,
            analyzer,
            mask_text,
            max_chars=settings.max_draft_chars,
            rate_limit=settings.draft_rate_limit,
            rate_window=settings.draft_rate_window,
        )
        runtime = SettingsService(sessionmaker, settings)
        state = StateService(sessionmaker)
        with_llm, offline = rewriter(llm), rewriter(None)
        drafts = DraftService(
            coaching,
            styleguide,
            runtime,
            lambda use_llm: with_llm if use_llm else offline,
            mask_text,
            llm_configured=llm is not None,
            max_chars=settings.max_draft_chars,
        )
        services = cls(
            settings=settings,
            engine=engine,
            analyzer=analyzer,
            users=UserService(sessionmaker, settings),
            coaching=coaching,
            rewriter=with_llm,
            offline_rewriter=offline,
            teams=TeamService(sessionmaker),
            prompts=prompts,
            styleguide=styleguide,
            runtime=runtime,
            flags=FlagService(sessionmaker),
            retention=RetentionService(sessionmaker, settings),
            state=state,
            drafts=drafts,
            business=BusinessService(sessionmaker, state),
            masker=mask_text,
            llm=llm,
        )
        # Load the name recogniser, morphology and phrasebooks now, not on the first person's draft.
        await asyncio.to_thread(services.warm_up)
        return services

    def warm_up(self) -> None:
        sample = "Анна, вы сами виноваты, заказ 4521 придёт завтра. Ожидайте."
        self.masker(sample)
        self.offline_rewriter.rewrite_offline_sync(sample)

    async def aclose(self) -> None:
        await self.rewriter.aclose()  # closes the LLM client
        await self.engine.dispose()

    async def database_ok(self) -> bool:
        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            log.exception("database health check failed")
            return False
        return True


def load_analyzer(settings: Settings) -> Analyzer:
    """The configured analyzer; the rules alone if the tone model cannot be loaded (the bot still coaches)."""
    from coachbot.analysis.factory import build_analyzer
    from coachbot.analysis.model_errors import ModelLoadError

    try:
        return build_analyzer(settings)
    except ModelLoadError as error:
        log.warning("tone model not loaded (%s); coaching with the rules alone", error)
        return build_analyzer(settings, use_model=False)


class BotContext(CallbackContext[CoachBot, DataDict, DataDict, DataDict]):
    """The handlers' context: typed services, metrics, settings and the acting user."""

    __slots__ = ("account",)

    def __init__(self, application: CoachApplication, chat_id: int | None = None, user_id: int | None = None) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        # Set by the user middleware (group -1) for every update that has a user.
        self.account: UserInfo | None = None

    @property
    def services(self) -> BotServices:
        services: BotServices = self.bot_data[SERVICES_KEY]
        return services

    @property
    def settings(self) -> Settings:
        settings: Settings = self.bot_data[SETTINGS_KEY]
        return settings

    @property
    def metrics(self) -> Metrics:
        metrics: Metrics = self.bot_data[METRICS_KEY]
        return metrics

    def throttle_notice_due(self, retry_after: float) -> bool:
        """Whether to say "slow down" now: once per pause, not once per refused draft.

        Only a courtesy lives in process memory here; the limit itself is counted in the database.
        """
        now = time.monotonic()
        if self.user_data is None or self.user_data.get(THROTTLE_NOTICE_KEY, 0.0) > now:
            return False
        self.user_data[THROTTLE_NOTICE_KEY] = now + retry_after
        return True

    @property
    def lang(self) -> str:
        """The interface language of the acting user (the configured default before /start)."""
        return self.account.language if self.account is not None else self.settings.language

    @property
    def me(self) -> UserInfo:
        """The acting user; handlers only run after the middleware loaded them."""
        if self.account is None:
            raise RuntimeError("no user on this update")
        return self.account


# The application coachbot.app builds. The last parameter, the builder's job-queue type, is left
# open as in PTB's own signatures (CallbackContext's): PTB does not re-parameterise it after
# context_types(), and Application.job_queue is typed from the context type (JobQueue[BotContext]).
CoachApplication: TypeAlias = Application[CoachBot, BotContext, DataDict, DataDict, DataDict, Any]
