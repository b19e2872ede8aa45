"""Benchmark the full analyzer (rules + tone model) against a bare forward pass of its own encoder.

Prints per-draft latency p50/p95 at batch 1, throughput at batch 32, load time
and peak RSS, and the forward pass alone of the same tone model (inputs
tokenized beforehand), timed on each draft just before its analysis, and the ratio.
Run: .venv/bin/python bench/analyze.py [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "eval" / "dev.jsonl"))
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1 is safer on a shared machine)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    with open(args.data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    drafts = [(r["text"], r.get("context")) for r in rows]
    print(f"{len(drafts)} drafts from {args.data}; torch threads {args.threads}")

    rss_before = rss_mb()
    t0 = time.perf_counter()
    from coachbot.analysis.analyzer import DraftInput
    from coachbot.analysis.factory import build_analyzer
    from coachbot.config import load_settings

    analyzer = build_analyzer(load_settings(), use_model=True)
    analyzer.analyze("Прогрев.")
    load = time.perf_counter() - t0
    quantized = load_settings().tone_quantize
    print(f"tone model linear layers: {'int8 dynamic quantization' if quantized else 'fp32'}")
    print(f"load: {load:.2f} s (imports + rules + {analyzer.model_info.name} {analyzer.model_info.version})")

    from coachbot.analysis.text import _split_cached

    # The bare forward pass of the same (quantized) encoder and head, inputs tokenized beforehand,
    # timed on each draft right before its full analysis, so both run under the same conditions
    # (a forward pass timed alone in a tight loop has the caches to itself and runs faster).
    tone = analyzer.combiner.model if analyzer.combiner is not None else None
    encoded = [tone.tokenizer(t, c or "", truncation=True, max_length=128, return_tensors="pt")
               for t, c in drafts] if tone is not None else []  # fmt: skip
    lat, ref_lat = [], []
    for _ in range(args.rounds):
        for n, (text, ctx) in enumerate(drafts):
            if tone is not None:
                with torch.inference_mode():
                    t = time.perf_counter()
                    tone.model(**encoded[n])
                    ref_lat.append((time.perf_counter() - t) * 1000)
            _split_cached.cache_clear()  # repeated rounds must not hit a cached draft
            t = time.perf_counter()
            analyzer.analyze(text, ctx)
            lat.append((time.perf_counter() - t) * 1000)
    print(f"full analysis, batch 1: p50 {pct(lat, 0.5):.2f} ms, p95 {pct(lat, 0.95):.2f} ms")

    inputs = [DraftInput(t, c) for t, c in drafts]
    t = time.perf_counter()
    for _ in range(args.rounds):
        for i in range(0, len(inputs), 32):
            _split_cached.cache_clear()
            analyzer.analyze_many(inputs[i : i + 32])
    thr = args.rounds * len(inputs) / (time.perf_counter() - t)
    print(f"full analysis, batch 32: {thr:.0f} drafts/s")
    print(f"peak RSS: {rss_mb():.0f} MB (before loading: {rss_before:.0f} MB)")

    if not ref_lat:
        print("no tone model loaded; no forward pass to compare with")
        return
    ref50 = pct(ref_lat, 0.5)
    print(f"bare forward of the same encoder, batch 1: p50 {ref50:.2f} ms, p95 {pct(ref_lat, 0.95):.2f} ms")
    print(f"ratio full analysis / bare forward (p50): {pct(lat, 0.5) / ref50:.2f}")


if __name__ == "__main__":
    main()
