"""Repositories: SQL only. Each takes a session and never commits; services own transactions."""

from coachbot.repositories.admin import (
    AuditRepository,
    PromptRepository,
    SettingRepository,
    StyleRuleRepository,
)
from coachbot.repositories.drafts import DraftRepository
from coachbot.repositories.feedback import FeedbackRepository
from coachbot.repositories.stats import StatsRepository
from coachbot.repositories.users import TeamRepository, UserRepository

__all__ = [
    "AuditRepository",
    "DraftRepository",
    "FeedbackRepository",
    "PromptRepository",
    "SettingRepository",
    "StatsRepository",
    "StyleRuleRepository",
    "TeamRepository",
    "UserRepository",
]
