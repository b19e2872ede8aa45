"""`coachbot run` without a token explains how to get one and offers the local demo."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(("language", "needle"), [("ru", "Откройте в Telegram @BotFather"), ("en", "open @BotFather")])
def test_run_without_token_explains_and_offers_the_demo(language: str, needle: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COACHBOT_TELEGRAM_TOKEN"}
    env["COACHBOT_LANGUAGE"] = language
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "run"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0
    assert needle in result.stderr
    assert "coachbot analyze" in result.stderr
