"""``coachbot rewrite``: client-centred rewrites of one draft, or of a JSONL batch.

Uses the LLM when COACHBOT_LLM_BASE_URL and COACHBOT_LLM_MODEL are set (and
falls back to the offline rewriter whenever it fails); offline otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from coachbot.analysis.analyzer import validate_draft
from coachbot.analysis.errors import DraftError
from coachbot.analysis.model_errors import ModelLoadError
from coachbot.commands import jsonl
from coachbot.commands.analyze import read_single_text
from coachbot.commands.report import bar
from coachbot.config import Settings
from coachbot.rewrite.diff import diff_plain
from coachbot.rewrite.llm import LLMClient
from coachbot.rewrite.service import RewriteService, check_styles
from coachbot.rewrite.types import RewriteResult

LABELS: dict[str, dict[str, Any]] = {
    "ru": {
        "edit": "Правка",
        "draft": "Черновик",
        "backend": {"offline": "офлайн", "llm": "LLM"},
        "none": ("Лучшего варианта не нашлось: черновик уже звучит заботливо."),
        "fill": ("Метки в [квадратных скобках] заполните сами перед отправкой."),
        "unchecked": "не прошёл все проверки",
    },
    "en": {
        "edit": "Edit",
        "draft": "Draft",
        "backend": {"offline": "offline", "llm": "LLM"},
        "none": ("No better version found: the draft already reads well."),
        "fill": ("Fill in the [bracketed] placeholders before sending."),
        "unchecked": "did not pass every check",
    },
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rewrite", help="suggest client-centred rewrites of a draft")
    p.add_argument("text", nargs="?", help="the draft ('-' reads it from stdin)")
    p.add_argument("--context", help="the customer's message the draft answers")
    p.add_argument("--jsonl", metavar="FILE", help="one {id, text, context} object per line; '-' = stdin")
    p.add_argument("--json", action="store_true", help="print the rewrite result as JSON")
    p.add_argument("--style", default="warm,concise", help="comma-separated: warm, concise, formal")
    p.add_argument("--offline", action="store_true", help="never call the LLM, even if one is configured")
    p.add_argument("--rules-only", action="store_true", help="skip the tone model")
    p.add_argument("--diff", action="store_true", help="also show each rewrite as an edit of the draft")
    p.set_defaults(handler=run, needs_analyzer=False)


def render(result: RewriteResult, language: str, draft: str | None = None) -> str:
    """The rewrites, best first; with ``draft``, each also as the edit: [-removed-] {+added+}."""
    t = LABELS.get(language, LABELS["ru"])
    score = result.draft_score or 0
    lines = [f"{t['draft']}: {score}/100 {bar(score)}", ""]
    if not result.rewrites:
        return "\n".join([*lines, t["none"]])
    for n, rw in enumerate(result.rewrites, start=1):
        note = "" if rw.passed else f" · {t['unchecked']}"
        lines.append(f"{n}. {rw.style} · {rw.score}/100 · {t['backend'][rw.backend]}{note}")
        lines += [f"   {line}" for line in rw.text.splitlines()]
        if draft is not None:
            lines.append(f"   {t['edit']}: " + diff_plain(draft, rw.text).replace("\n", "\n   "))
        lines.append("")
    if any("[" in rw.text for rw in result.rewrites):
        lines.append(t["fill"])
    return "\n".join(lines).rstrip()


def run(args: argparse.Namespace, settings: Settings, language: str) -> int:
    try:
        styles = check_styles(args.style.split(","))
    except ValueError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    text = read_single_text(args)
    from coachbot.analysis.factory import build_analyzer

    try:
        analyzer = build_analyzer(settings, use_model=False if args.rules_only else None)
    except ModelLoadError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    llm = None if args.offline else LLMClient.from_settings(settings)
    service = RewriteService(analyzer, llm=llm, prompts_dir=settings.prompts_dir)
    if text is None:
        return asyncio.run(_batch(args.jsonl, service, styles, language))
    try:
        validate_draft(text, analyzer.max_chars)
        result = asyncio.run(_one(service, text, args.context, styles))
    except DraftError as exc:
        print(f"coachbot: {exc.message(language)}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(result, language, text.strip() if args.diff else None))
    return 0


async def _one(service: RewriteService, text: str, context: str | None, styles: list[str]) -> RewriteResult:
    try:
        return await service.rewrite(text, context, styles=styles)
    finally:
        await service.aclose()


async def _batch(path: str, service: RewriteService, styles: list[str], language: str) -> int:
    """Every line gets one output line, in order: a result or an error object."""
    try:
        stream = jsonl.open_input(path)
    except OSError as exc:
        print(f"coachbot: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        with stream:
            for item in jsonl.read_items(stream):
                if item.error:
                    jsonl.write({"id": item.id, "error": item.error})
                    continue
                try:
                    if service.llm is None:
                        result = service.rewrite_offline_sync(item.text or "", item.context, id=item.id, styles=styles)
                    else:
                        result = await service.rewrite(item.text or "", item.context, id=item.id, styles=styles)
                except DraftError as exc:
                    jsonl.write({"id": item.id, "error": exc.message(language)})
                    continue
                jsonl.write(result.to_dict())
    finally:
        await service.aclose()
    return 0
