"""Settings from the environment (prefix ``COACHBOT_``), split by concern."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
DEFAULT_TONE_MODEL = PROJECT_ROOT / "models" / "tone"
PROMPTS_DIR = PROJECT_ROOT / "prompts"

Language = Literal["ru", "en"]


def normalise_database_url(url: str) -> str:
    """Give a database URL the async driver the app uses.

    ``sqlite://`` becomes ``sqlite+aiosqlite://``; ``postgres://`` and
    ``postgresql://`` (and ``+psycopg2``) become ``postgresql+asyncpg://``.
    """
    url = url.strip()
    if not url:
        raise ValueError("the database URL is empty")
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(
            f"'{url}' is not a database URL; expected sqlite+aiosqlite:///path or "
            "postgresql+asyncpg://user:password@host/db"
        )
    base = scheme.split("+", 1)[0].lower()
    if base == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    if base in ("postgres", "postgresql"):
        return f"postgresql+asyncpg://{rest}"
    raise ValueError(f"unsupported database '{scheme}': use SQLite or PostgreSQL")


class Settings(BaseSettings):
    """Everything configurable, read from ``COACHBOT_*`` variables."""

    model_config = SettingsConfigDict(env_prefix="COACHBOT_", extra="ignore")

    # storage
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str = ""

    # telegram
    telegram_token: SecretStr | None = None
    telegram_base_url: str | None = None
    telegram_base_file_url: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    open_access: bool = True
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)

    # analysis
    tone_model: str = str(DEFAULT_TONE_MODEL)
    use_model: bool = True
    tone_quantize: bool = True
    max_draft_chars: int = Field(default=4000, ge=10, le=100_000)
    coaching_threshold: int = Field(default=70, ge=0, le=100)
    # drafts one person may send per window; 0 turns the limit off
    draft_rate_limit: int = Field(default=20, ge=0, le=100_000)
    draft_rate_window: float = Field(default=60.0, gt=0, le=86_400)

    # rewrites
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(default=20.0, gt=0, le=600)
    llm_retries: int = Field(default=2, ge=0, le=10)
    llm_concurrency: int = Field(default=4, ge=1, le=256)
    llm_breaker_threshold: int = Field(default=5, ge=1, le=1000)
    llm_breaker_cooldown: float = Field(default=30.0, gt=0, le=3600)
    prompts_dir: Path = PROMPTS_DIR

    # interface
    language: Language = "ru"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return [int(p) for p in parts]
            except ValueError:
                raise ValueError(
                    f"COACHBOT_ADMIN_IDS must be comma-separated Telegram user ids, got '{value}'"
                ) from None
        return value

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return normalise_database_url(value) if value else value

    @field_validator("language", mode="before")
    @classmethod
    def _lower_language(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("telegram_base_url", "llm_base_url", "llm_model", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'coachbot.sqlite3').resolve()}"

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


def load_settings(**overrides: object) -> Settings:
    """Build settings from the environment; tests pass overrides."""
    return Settings(**overrides)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
