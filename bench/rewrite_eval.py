"""Measure rewrites against independent references, per dev set and per backend.

For every draft a team lead marked ``needs_coaching`` in a dev set that has a
``.refs.jsonl`` beside it, the rewrites the product would show are compared
with what the judges wrote:

  offending words removed   the judges' must-go spans absent from the rewrite (target >= 95%)
  facts kept                 the judges' must-stay facts present                (target >= 98%)
  answer kept                every clean sentence of the draft survives in substance (>= 98%)
  most repeated sentence     the share of rewrites one sentence appears in      (target <= 15%)
  chrF                       against the one or two reference rewrites (sacrebleu)
  gate pass rate             offline candidates the product's own gate accepts

The LLM backend is measured the same way when ``--llm URL`` names an
OpenAI-compatible server (the tests run it against a local fake).

Usage: .venv/bin/python bench/rewrite_eval.py [SET ...] [--styles warm,concise] [--samples 5] [--llm URL --model M]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rewrite_metrics import answer_kept, chrf, kept, most_repeated, removed  # noqa: E402

from coachbot.analysis.factory import build_analyzer  # noqa: E402
from coachbot.config import load_settings  # noqa: E402
from coachbot.rewrite.service import RewriteService  # noqa: E402

SETS = [ROOT / "data" / "eval" / "dev.jsonl", ROOT / "data" / "eval" / "realistic.jsonl"]


def load(path: Path) -> list[tuple[dict, dict]]:
    rows = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}
    refs_path = path.with_suffix(".refs.jsonl")
    refs = [json.loads(line) for line in refs_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(rows[ref["id"]], ref) for ref in refs if ref["id"] in rows]


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}% ({part:.0f}/{whole:.0f})" if whole else "  n/a"


async def rewrites_for(service: RewriteService, items, styles) -> list[tuple[dict, dict, list, int, int]]:
    out = []
    for row, ref in items:
        analysis = await service.analyzer.analyze_async(row["text"], row.get("context") or None, row["id"])
        result = await service.rewrite(row["text"], row.get("context") or None, analysis, row["id"], styles)
        passed = sum(1 for r in result.rewrites if r.gate.get("passed"))
        candidates = len(styles)
        out.append((row, ref, [r.text for r in result.rewrites], passed, candidates))
    return out


def report(name: str, results, samples: int, seed: int) -> None:
    gone = spans = have = facts = answered = answerable = with_rewrite = passed = candidates = 0
    shown: list[str] = []
    hyps: list[str] = []
    refs: list[list[str]] = []
    for row, ref, texts, ok, tried in results:
        passed, candidates = passed + ok, candidates + tried
        if not texts:
            continue
        with_rewrite += 1
        hyps.append(texts[0])
        refs.append(ref["references"])
        for text in texts:
            shown.append(text)
            g, s = removed(ref["must_remove"], text)
            h, f = kept(ref["must_keep"], text)
            gone, spans, have, facts = gone + g, spans + s, have + h, facts + f
            verdict = answer_kept(row["text"], ref["must_remove"], text) if ref.get("answer") else None
            if verdict is not None:
                answerable += 1
                answered += verdict
    share, sentence = most_repeated(shown)
    print(f"== {name}: {len(results)} flagged drafts, {len(shown)} rewrites shown")
    print(f"drafts with a rewrite ........ {pct(with_rewrite, len(results))}")
    print(f"offending words removed ...... {pct(gone, spans)}")
    print(f"facts kept ................... {pct(have, facts)}")
    print(f"answer kept .................. {pct(answered, answerable)}")
    print(f"most repeated sentence ....... {100 * share:5.1f}% «{sentence[:90]}»")
    print(f"chrF vs references (first) ... {chrf(hyps, refs):5.1f}" if hyps else "chrF: n/a")
    print(f"gate pass rate ............... {pct(passed, candidates)}")
    for row, _ref, texts, _, _ in random.Random(seed).sample(results, min(samples, len(results))):
        print(f"\n[{row['id']}] context: {row.get('context') or '-'}\n  draft:   {row['text']}")
        print(f"  rewrite: {texts[0] if texts else '(none shown)'}")
    print()


async def main_async(args: argparse.Namespace) -> int:
    settings = load_settings()
    analyzer = build_analyzer(settings)
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    backends = [("offline", None)]
    if args.llm:
        from coachbot.rewrite.llm import LLMClient

        llm_settings = settings.model_copy(update={"llm_base_url": args.llm, "llm_model": args.model})
        backends.append(("llm", LLMClient.from_settings(llm_settings)))
    print(f"analyzer: {analyzer.model_info.name} {analyzer.model_info.version}; styles: {', '.join(styles)}\n")
    for backend, llm in backends:
        service = RewriteService(analyzer, llm=llm)
        for path in map(Path, args.sets or SETS):
            report(f"{path.name} · {backend}", await rewrites_for(service, load(path), styles), args.samples, args.seed)
        await service.aclose()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="labelled JSONL sets with a .refs.jsonl beside each")
    parser.add_argument("--styles", default="warm,concise")
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--llm", default="", help="base URL of an OpenAI-compatible server")
    parser.add_argument("--model", default="coachbot-test")
    return asyncio.run(main_async(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
