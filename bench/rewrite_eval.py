"""Measure the offline rewriter on a labelled JSONL set.

For every draft a team lead marked ``needs_coaching``:
  1. the share that gets at least one rewrite            (target 100%)
  2. the share of rewrites keeping every number of the draft (target 100%)
  3. the share of offline rewrites the analyzer judges fine  (target >= 90%)
and five random draft -> rewrite pairs (seeded), to read with one's own eyes.

Usage: .venv/bin/python bench/rewrite_eval.py [data/eval/dev.jsonl] [--seed 7] [--styles warm,concise]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coachbot.analysis.analyzer import DraftInput  # noqa: E402
from coachbot.analysis.factory import build_analyzer  # noqa: E402
from coachbot.analysis.model_errors import ModelLoadError  # noqa: E402
from coachbot.config import load_settings  # noqa: E402
from coachbot.rewrite.facts import NUMBER, exempt_spans, normalise_number  # noqa: E402
from coachbot.rewrite.service import RewriteService  # noqa: E402


def numbers(text: str, skip: list[tuple[int, int]] | None = None) -> set[str]:
    skip = skip or []
    return {
        normalise_number(m.group())
        for m in NUMBER.finditer(text)
        if not any(s <= m.start() < e for s, e in skip)
    }


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "  n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "data" / "eval" / "dev.jsonl"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--styles", default="warm,concise")
    args = parser.parse_args(argv)

    rows = [json.loads(line) for line in Path(args.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    flagged = [r for r in rows if r.get("needs_coaching")]
    if len(rows) < 200:
        print(f"note: {args.file} has {len(rows)} lines; the set is not complete yet (>= 200 expected)",
              file=sys.stderr)
    settings = load_settings()
    try:
        analyzer = build_analyzer(settings)
    except ModelLoadError as exc:
        print(f"note: {exc}; measuring with the rule analyzer alone", file=sys.stderr)
        analyzer = build_analyzer(settings, use_model=False)
    service = RewriteService(analyzer)
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]

    with_rewrite = shown = kept_strict = kept = fine = 0
    raw = raw_fine = 0
    pairs: list[tuple[dict, str, str]] = []
    for row in flagged:
        analysis = analyzer.analyze(row["text"], row.get("context") or None, row.get("id"))
        result = service.rewrite_offline_sync(row["text"], analysis=analysis, styles=styles)
        candidates = service.offline.rewrite(analysis, styles)
        raw += len(candidates)
        texts = [t for t in candidates.values() if t.strip()]
        judged = analyzer.analyze_many([DraftInput(t, analysis.context) for t in texts])
        raw_fine += sum(not a.needs_coaching for a in judged)
        if result.rewrites:
            with_rewrite += 1
        every = numbers(analysis.text)
        outside_upsell = numbers(analysis.text, exempt_spans(analysis.text, analysis.issues))
        for rewrite in result.rewrites:
            shown += 1
            got = numbers(rewrite.text)
            kept_strict += every <= got
            kept += outside_upsell <= got
            fine += not analyzer.analyze(rewrite.text, analysis.context).needs_coaching
            pairs.append((row, rewrite.style, rewrite.text))

    print(f"file: {args.file}  drafts: {len(rows)}  needing coaching: {len(flagged)}  styles: {', '.join(styles)}")
    print(f"analyzer: {analyzer.model_info.name} {analyzer.model_info.version}")
    print(f"drafts with >=1 rewrite ............................ {pct(with_rewrite, len(flagged))}")
    print(f"rewrites keeping every number of the draft ......... {pct(kept, shown)}")
    print("  (numbers inside a removed upsell or a replaced abbreviation such as «P3» excepted)")
    print(f"  strictly, upsell prices included ................. {pct(kept_strict, shown)}")
    print(f"offline rewrites judged needs_coaching: false ...... {pct(fine, shown)}")
    print(f"  all offline candidates, before the gate .......... {pct(raw_fine, raw)}")
    print()
    for row, style, text in random.Random(args.seed).sample(pairs, min(args.samples, len(pairs))):
        print(f"[{row.get('id')}] context: {row.get('context') or '-'}")
        print(f"  draft:   {row['text']}")
        print(f"  {style + ':':8s} {text}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
