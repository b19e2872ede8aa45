"""The Docker image and the Compose file, checked without a Docker engine: the Compose file against
the Compose specification's JSON schema, and both against what the project really has."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

from coachbot.config import PROJECT_ROOT, Settings, normalise_database_url

# The Compose specification's schema, as shipped in docker-compose 1.29.2 (compose/config/compose_spec.json,
# Apache-2.0); vendored so the test needs no network.
SCHEMA = Path(__file__).resolve().parent.parent / "support" / "schemas" / "compose_spec.json"
COMPOSE = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text(encoding="utf-8"))
DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")


def _schema_errors(document: object) -> list[str]:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(document)]


def test_compose_file_follows_the_compose_specification():
    assert _schema_errors(COMPOSE) == []
    broken = {**COMPOSE, "services": {**COMPOSE["services"], "bot": {**COMPOSE["services"]["bot"], "depends_onn": []}}}
    assert _schema_errors(broken), "the schema check catches a misspelt key"


def test_compose_runs_the_webhook_on_postgresql_and_waits_for_it():
    bot, db = COMPOSE["services"]["bot"], COMPOSE["services"]["db"]
    assert bot["command"] == ["coachbot", "run", "--webhook"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy" and "pg_isready" in db["healthcheck"]["test"][1]
    url = re.sub(r"\$\{[^}]*\}", "secret", bot["environment"]["COACHBOT_DATABASE_URL"])
    assert normalise_database_url(url).startswith("postgresql+asyncpg://coachbot:secret@db:5432/coachbot")
    assert "/healthz" in " ".join(bot["healthcheck"]["test"])
    assert COMPOSE["services"]["llm"]["profiles"] == ["llm"], "the LLM server is optional"


def test_every_variable_compose_sets_is_a_setting_the_bot_reads():
    fields = {f"COACHBOT_{name.upper()}" for name in Settings.model_fields}
    names = set(COMPOSE["services"]["bot"]["environment"])
    assert names <= fields, names - fields


def test_the_image_builds_the_model_in_its_build_stage_and_runs_as_a_non_root_user_with_a_healthcheck():
    stages = re.findall(r"^FROM \S+ AS (\w+)$", DOCKERFILE, re.MULTILINE)
    assert stages == ["build", "run"]
    build, run = DOCKERFILE.split("AS run", 1)
    torch = build.index('pip install "torch==2.13.0" --index-url https://download.pytorch.org/whl/cpu')
    assert torch < build.index("pip install -e ."), "CPU torch goes in before anything that depends on torch"
    assert "coachbot model build" in build and "HF_HUB_OFFLINE=1" in run
    user = re.search(r"^USER (\S+)$", run, re.MULTILINE)
    assert user and user.group(1) not in ("root", "0")
    assert "HEALTHCHECK" in run and "/healthz" in run
    copied = re.findall(r"^COPY (?!--from)(\S+) ", build, re.MULTILINE)
    missing = [source for source in copied if not (PROJECT_ROOT / source).exists()]
    assert copied and not missing, missing
