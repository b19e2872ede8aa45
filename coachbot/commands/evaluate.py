"""``coachbot eval FILE``: verdict and per-code metrics on a labelled set."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coachbot.analysis.analyzer import Analyzer, DraftInput
from coachbot.evaluation import Labelled, Report, load_labelled

DEV_SETS = ("dev.jsonl", "realistic.jsonl")  # the textbook set and the realistic one; never trained on


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eval", help="measure the analyzer on labelled JSONL sets (both dev sets by default)")
    p.add_argument("file", nargs="*", help="labelled JSONL (id, text, context?, issues, needs_coaching)")
    p.add_argument("--rules-only", action="store_true", help="skip the tone model")
    p.add_argument("--errors", action="store_true", help="list the drafts the analyzer got wrong")
    p.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF baseline")
    p.set_defaults(handler=run)


def evaluate(analyzer: Analyzer, items: Sequence[Labelled], name: str, errors: bool = False) -> Report:
    report = Report(name)
    drafts = [DraftInput(i.text, i.context, i.id) for i in items]
    analyses = analyzer.analyze_many(drafts)
    for gold, analysis in zip(items, analyses, strict=True):
        report.add(analysis.needs_coaching, analysis.codes, gold)
        if errors and (set(analysis.codes) != set(gold.issues)):
            missed = sorted(gold.issues - set(analysis.codes))
            extra = sorted(set(analysis.codes) - gold.issues)
            print(f"{gold.id}: missed {missed} extra {extra} :: {gold.text[:120]}", file=sys.stderr)
    return report


def run(args: argparse.Namespace, analyzer: Analyzer, language: str) -> int:
    from coachbot.config import PROJECT_ROOT

    files = args.file or [str(PROJECT_ROOT / "data" / "eval" / name) for name in DEV_SETS]
    for n, path in enumerate(files):
        if len(files) > 1:
            print(("\n\n" if n else "") + f"#### {path}")
        code = run_one(args, path, analyzer)
        if code:
            return code
    return 0


def run_one(args: argparse.Namespace, path: str, analyzer: Analyzer) -> int:
    from coachbot.config import PROJECT_ROOT

    try:
        items = load_labelled(path)
    except (OSError, ValueError) as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    reports = []
    if analyzer.combiner is not None:
        reports.append(evaluate(Analyzer(None, analyzer.max_chars), items, "rules only"))
        from coachbot.analysis.combine import ModelCombiner, model_only_report

        if isinstance(analyzer.combiner, ModelCombiner):
            reports.append(model_only_report(analyzer.combiner, items))
        reports.append(evaluate(analyzer, items, "combined", args.errors))
        if not args.no_baseline:
            from coachbot.tone.baseline import baseline_report

            reports.append(baseline_report(PROJECT_ROOT / "data" / "tone", items))
    else:
        reports.append(evaluate(analyzer, items, "rules only", args.errors))
    print("\n\n".join(r.format() for r in reports))
    return 0
