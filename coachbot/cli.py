"""The ``coachbot`` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from pydantic import ValidationError

from coachbot import __version__
from coachbot.commands import analyze, db, evaluate, rewrite, run, train
from coachbot.config import Settings, load_settings

if TYPE_CHECKING:
    from coachbot.analysis.analyzer import Analyzer

COMMANDS = [analyze, evaluate, train, db, rewrite, run]
# Each sub-command sets ``handler``: given the settings when it sets ``needs_analyzer=False``, else the analyzer.
SettingsHandler: TypeAlias = "Callable[[argparse.Namespace, Settings, str], int]"
AnalyzerHandler: TypeAlias = "Callable[[argparse.Namespace, Analyzer, str], int]"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coachbot", description="An empathy coach for customer-service replies.")
    parser.add_argument("--version", action="version", version=f"coachbot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def settings_or_exit() -> Settings:
    try:
        return load_settings()
    except ValidationError as exc:
        problems = "; ".join(f"COACHBOT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors())
        raise SystemExit(f"coachbot: bad configuration: {problems}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    settings = settings_or_exit()
    if not getattr(args, "needs_analyzer", True):
        settings_handler: SettingsHandler = args.handler
        return settings_handler(args, settings, settings.language)
    from coachbot.analysis.factory import build_analyzer
    from coachbot.analysis.model_errors import ModelLoadError

    try:
        use_model = False if getattr(args, "rules_only", False) else None
        analyzer = build_analyzer(settings, use_model=use_model)
    except ModelLoadError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    analyzer_handler: AnalyzerHandler = args.handler
    return analyzer_handler(args, analyzer, settings.language)
