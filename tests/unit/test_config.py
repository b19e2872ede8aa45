"""Configuration: sensible defaults, normalised URLs, clear errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coachbot.config import load_settings, normalise_database_url


def test_default_database_is_a_sqlite_file_in_the_data_dir(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path)
    assert settings.effective_database_url == f"sqlite+aiosqlite:///{tmp_path / 'coachbot.sqlite3'}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("postgresql+psycopg2://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_database_urls_get_the_async_driver(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_unsupported_database_is_refused() -> None:
    with pytest.raises(ValidationError, match="unsupported database"):
        load_settings(database_url="mysql://u@h/db")


def test_admin_ids_from_a_comma_list(monkeypatch) -> None:
    monkeypatch.setenv("COACHBOT_ADMIN_IDS", "12, 34,56")
    assert load_settings().admin_ids == [12, 34, 56]


def test_token_is_secret(monkeypatch) -> None:
    monkeypatch.setenv("COACHBOT_TELEGRAM_TOKEN", "123:ABC")
    settings = load_settings()
    assert "123:ABC" not in repr(settings)
    assert settings.telegram_token.get_secret_value() == "123:ABC"


def test_language_is_checked(monkeypatch) -> None:
    monkeypatch.setenv("COACHBOT_LANGUAGE", "EN")
    assert load_settings().language == "en"
    monkeypatch.setenv("COACHBOT_LANGUAGE", "de")
    with pytest.raises(ValidationError):
        load_settings()


def test_llm_is_enabled_only_with_url_and_model() -> None:
    assert not load_settings(llm_base_url="http://127.0.0.1:8000/v1").llm_enabled
    assert load_settings(llm_base_url="http://127.0.0.1:8000/v1", llm_model="m").llm_enabled
