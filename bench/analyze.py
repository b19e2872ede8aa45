"""Benchmark the full analyzer (rules + tone model) against a rubert-tiny2-sized forward pass.

Prints per-draft latency p50/p95 at batch 1, throughput at batch 32, load time
and peak RSS; then the forward pass of a randomly initialised model with
rubert-tiny2's architecture (3 layers, hidden 312, vocabulary 83,828) on the
same drafts, and the ratio. Run: .venv/bin/python bench/analyze.py
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

    lat = []
    for _ in range(args.rounds):
        for text, ctx in drafts:
            _split_cached.cache_clear()  # repeated rounds must not hit a cached draft
            t = time.perf_counter()
            analyzer.analyze(text, ctx)
            lat.append((time.perf_counter() - t) * 1000)
    print(f"full analysis, batch 1: p50 {pct(lat, .5):.2f} ms, p95 {pct(lat, .95):.2f} ms")

    inputs = [DraftInput(t, c) for t, c in drafts]
    t = time.perf_counter()
    for _ in range(args.rounds):
        for i in range(0, len(inputs), 32):
            _split_cached.cache_clear()
            analyzer.analyze_many(inputs[i : i + 32])
    thr = args.rounds * len(inputs) / (time.perf_counter() - t)
    print(f"full analysis, batch 32: {thr:.0f} drafts/s")
    print(f"peak RSS: {rss_mb():.0f} MB (before loading: {rss_before:.0f} MB)")

    from transformers import BertConfig, BertModel

    cfg = BertConfig(vocab_size=83828, hidden_size=312, num_hidden_layers=3, num_attention_heads=12,
                     intermediate_size=600, max_position_embeddings=2048, type_vocab_size=2)
    ref = BertModel(cfg).eval()
    tok = analyzer.combiner.model.tokenizer if analyzer.combiner else None
    ref_lat = []
    with torch.inference_mode():
        for _ in range(args.rounds):
            for text, ctx in drafts:
                enc = tok(text, ctx or "", truncation=True, max_length=128, return_tensors="pt")
                ids = enc["input_ids"] % cfg.vocab_size
                t = time.perf_counter()
                ref(input_ids=ids, attention_mask=enc["attention_mask"])
                ref_lat.append((time.perf_counter() - t) * 1000)
    ref50 = pct(ref_lat, .5)
    print(f"reference rubert-tiny2-sized forward, batch 1: p50 {ref50:.2f} ms, p95 {pct(ref_lat, .95):.2f} ms")
    print(f"ratio full analysis / reference forward (p50): {pct(lat, .5) / ref50:.2f}")


if __name__ == "__main__":
    main()
