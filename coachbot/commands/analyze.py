"""``coachbot analyze``: one draft as a report or JSON, or a JSONL batch."""

from __future__ import annotations

import argparse
import json
import sys

from coachbot.analysis.analyzer import Analyzer, DraftInput, validate_draft
from coachbot.analysis.errors import DraftError
from coachbot.commands import jsonl
from coachbot.commands.report import render

BATCH = 32


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("analyze", help="analyse a draft reply to a customer")
    add_input_arguments(p)
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.set_defaults(handler=run)


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", help="the draft ('-' reads it from stdin)")
    p.add_argument("--context", help="the customer's message the draft answers")
    p.add_argument("--jsonl", metavar="FILE", help="one {id, text, context} object per line; '-' = stdin")
    p.add_argument("--rules-only", action="store_true", help="skip the tone model")


def read_single_text(args: argparse.Namespace) -> str | None:
    if args.jsonl is not None and args.text is not None:
        raise SystemExit("coachbot: give either a text or --jsonl, not both")
    if args.jsonl is not None:
        return None
    if args.text is None:
        raise SystemExit("coachbot: give the draft as an argument, '-' for stdin, or --jsonl FILE")
    return sys.stdin.read() if args.text == "-" else args.text


def run(args: argparse.Namespace, analyzer: Analyzer, language: str) -> int:
    text = read_single_text(args)
    if text is None:
        return run_batch(args.jsonl, analyzer, language)
    try:
        analysis = analyzer.analyze(text, args.context)
    except DraftError as exc:
        print(f"coachbot: {exc.message(language)}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(analysis))
    return 0


def run_batch(path: str, analyzer: Analyzer, language: str) -> int:
    """Every line gets one output line, in order: a result or an error object."""
    try:
        stream = jsonl.open_input(path)
    except OSError as exc:
        print(f"coachbot: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    pending: list[jsonl.JsonlItem] = []
    with stream:
        for item in jsonl.read_items(stream, language):
            pending.append(item)
            if len(pending) >= BATCH:
                _flush(pending, analyzer, language)
                pending = []
        _flush(pending, analyzer, language)
    return 0


def _flush(items: list[jsonl.JsonlItem], analyzer: Analyzer, language: str) -> None:
    results: dict[int, dict[str, object]] = {}
    good: list[tuple[int, DraftInput]] = []
    for n, item in enumerate(items):
        if item.error:
            results[n] = {"id": item.id, "error": item.error}
            continue
        try:
            validate_draft(item.text or "", analyzer.max_chars)
        except DraftError as exc:
            results[n] = {"id": item.id, "error": exc.message(language)}
            continue
        good.append((n, DraftInput(item.text or "", item.context, item.id)))
    if good:
        for (n, _), analysis in zip(good, analyzer.analyze_many([d for _, d in good]), strict=True):
            results[n] = analysis.to_dict()
    for n in range(len(items)):
        jsonl.write(results[n])
