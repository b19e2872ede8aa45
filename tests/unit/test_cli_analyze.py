"""The command-line contract of DESIGN.md, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

RULES_ONLY = {"COACHBOT_USE_MODEL": "false"}


def coachbot(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **RULES_ONLY, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "coachbot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def test_json_lists_blame_with_quote_and_span() -> None:
    text = "Вы сами виноваты, надо было читать договор."
    result = coachbot("analyze", "--json", text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["needs_coaching"] is True
    assert data["language"] == "ru"
    blame = [i for i in data["issues"] if i["code"] == "blame"]
    assert blame
    start, stop = blame[0]["span"]
    assert text[start:stop] == blame[0]["quote"] == "Вы сами виноваты"
    assert {"explanation", "suggestion", "source"} <= blame[0].keys()
    assert 0 <= data["score"] <= 100
    assert data["model"]["name"]


def test_report_reads_like_a_coach() -> None:
    result = coachbot("analyze", "--context", "Заказ опоздал на три дня!", "Ожидайте.")
    assert result.returncode == 0
    out = result.stdout
    assert "Оценка:" in out and "/100" in out
    assert "«Ожидайте»" in out
    assert "Почему:" in out and "Как лучше:" in out


def test_clean_reply_says_so() -> None:
    result = coachbot("analyze", "Ближайший пункт — ул. Ленина, 12, с 9 до 21.")
    assert result.returncode == 0
    assert "Замечаний нет" in result.stdout


def test_text_from_stdin() -> None:
    result = coachbot("analyze", "--json", "-", stdin="Не положено.")
    assert result.returncode == 0
    assert "internal_excuse" in {i["code"] for i in json.loads(result.stdout)["issues"]}


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_fails_clearly(text: str) -> None:
    result = coachbot("analyze", text)
    assert result.returncode != 0
    assert "пуст" in result.stderr
    assert result.stdout == ""


def test_empty_text_message_follows_the_interface_language() -> None:
    result = coachbot("analyze", "", env={"COACHBOT_LANGUAGE": "en"})
    assert result.returncode != 0
    assert "empty" in result.stderr


def test_text_over_the_limit_fails_clearly() -> None:
    result = coachbot("analyze", "слово " * 1000, env={"COACHBOT_MAX_DRAFT_CHARS": "200"})
    assert result.returncode != 0
    assert "200" in result.stderr


def test_jsonl_keeps_order_and_reports_bad_lines() -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "a", "text": ""}),
            "{broken",
            json.dumps({"id": "c", "text": "Вы сами виноваты."}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"id": "e", "text": "Хорошего дня!", "context": 5}),
            json.dumps({"id": 6, "text": "Простите за ожидание, заказ приедет завтра до 12:00."}),
        ]
    )
    result = coachbot("analyze", "--jsonl", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "2", "c", "4", "e", "6"]
    assert "error" in out[0] and "error" in out[1] and "error" in out[3] and "error" in out[4]
    assert "blame" in {i["code"] for i in out[2]["issues"]}
    assert out[5]["needs_coaching"] is False


def test_jsonl_from_a_file(tmp_path) -> None:
    path = tmp_path / "drafts.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "Ожидайте."}) + "\n", encoding="utf-8")
    result = coachbot("analyze", "--jsonl", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "1"


def test_missing_jsonl_file_fails_clearly(tmp_path) -> None:
    result = coachbot("analyze", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert "nope.jsonl" in result.stderr


def test_unknown_command_fails() -> None:
    result = coachbot("analyse-this")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_bad_configuration_is_named() -> None:
    result = coachbot("analyze", "Привет", env={"COACHBOT_ADMIN_IDS": "alice,bob"})
    assert result.returncode != 0
    assert "COACHBOT_ADMIN_IDS" in result.stderr


def test_eval_prints_metrics(tmp_path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "text": "Вы сами виноваты.", "issues": ["blame"], "needs_coaching": True},
        {"id": "2", "text": "Готово, заказ отменён, деньги вернутся за 3 дня.", "issues": [], "needs_coaching": False},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = coachbot("eval", str(path))
    assert result.returncode == 0, result.stderr
    assert "needs_coaching  precision 1.000  recall 1.000  F1 1.000" in result.stdout
    assert "blame" in result.stdout
