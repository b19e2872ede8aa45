"""Storage: declarative models and the session factory."""

from coachbot.db.admin_models import AuditEntry, PromptTemplate, SettingValue, StyleRule
from coachbot.db.base import Base, utcnow
from coachbot.db.models import Draft, DraftIssue, Feedback, Rewrite, Team, User
from coachbot.db.session import create_engine, create_engine_and_sessionmaker, create_sessionmaker
from coachbot.db.state_models import BusinessConnection, ConversationState, JobRun, ProcessedUpdate

__all__ = [
    "AuditEntry",
    "Base",
    "BusinessConnection",
    "ConversationState",
    "Draft",
    "DraftIssue",
    "Feedback",
    "JobRun",
    "ProcessedUpdate",
    "PromptTemplate",
    "Rewrite",
    "SettingValue",
    "StyleRule",
    "Team",
    "User",
    "create_engine",
    "create_engine_and_sessionmaker",
    "create_sessionmaker",
    "utcnow",
]
