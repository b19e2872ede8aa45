"""Business logic. Each service owns its transaction and returns plain dataclasses."""

from coachbot.services.coaching import Analyzer, CoachingService
from coachbot.services.drafts import Assessment, DraftService
from coachbot.services.errors import (
    InvalidInvite,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServiceError,
    ValidationFailed,
)
from coachbot.services.flags import FlagService
from coachbot.services.prompts import PromptService
from coachbot.services.retention import RetentionService
from coachbot.services.settings import SettingsService
from coachbot.services.state import StateService
from coachbot.services.styleguide import StyleGuideService
from coachbot.services.teams import TeamService
from coachbot.services.types import (
    DayPoint,
    DraftDetail,
    DraftResult,
    DraftSummary,
    EmployeeRow,
    FlagInfo,
    HistoryPage,
    PromptInfo,
    RewriteInfo,
    RewriteRecord,
    ShownRewrite,
    StyleRule,
    TeamInfo,
    TeamSummary,
    UserInfo,
)
from coachbot.services.users import UserService

__all__ = [
    "Analyzer",
    "Assessment",
    "CoachingService",
    "DayPoint",
    "DraftDetail",
    "DraftResult",
    "DraftService",
    "DraftSummary",
    "EmployeeRow",
    "FlagInfo",
    "FlagService",
    "HistoryPage",
    "InvalidInvite",
    "NotFound",
    "PermissionDenied",
    "PromptInfo",
    "PromptService",
    "RateLimited",
    "RetentionService",
    "RewriteInfo",
    "RewriteRecord",
    "ServiceError",
    "SettingsService",
    "ShownRewrite",
    "StateService",
    "StyleGuideService",
    "StyleRule",
    "TeamInfo",
    "TeamService",
    "TeamSummary",
    "UserInfo",
    "UserService",
    "ValidationFailed",
]
