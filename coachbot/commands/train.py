"""``coachbot train`` and ``coachbot model build``: the tone model's life cycle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coachbot.config import PROJECT_ROOT, Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train the tone model on data/tone (CPU, fixed seed)")
    p.add_argument("--data", default=str(PROJECT_ROOT / "data" / "tone"), help="labelled JSONL folder")
    p.add_argument("--source", default=str(PROJECT_ROOT / "models" / "tone-src"),
                   help="where the small committed checkpoint source goes")
    p.add_argument("--out", default=str(PROJECT_ROOT / "models" / "tone"),
                   help="where the full checkpoint is built")
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--limit", type=int, default=None, help="train on the first N examples only")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--words", type=int, default=None, help="whole navec words in the vocabulary")
    p.add_argument("--pieces", type=int, default=None, help="WordPiece pieces in the vocabulary")
    p.set_defaults(handler=run_train, needs_analyzer=False)

    m = sub.add_parser("model", help="manage the tone model checkpoint")
    msub = m.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    b = msub.add_parser("build", help="build models/tone from models/tone-src (offline, from natasha's navec)")
    b.add_argument("--source", default=str(PROJECT_ROOT / "models" / "tone-src"))
    b.add_argument("--out", default=str(PROJECT_ROOT / "models" / "tone"))
    b.add_argument("--force", action="store_true", help="rebuild even if up to date")
    b.set_defaults(handler=run_build, needs_analyzer=False)


def run_train(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from coachbot.tone.train import TrainConfig, train

    cfg = TrainConfig(data_dir=Path(args.data), source_dir=Path(args.source), model_dir=Path(args.out),
                      seed=args.seed, limit=args.limit)
    for name in ("epochs", "words", "pieces"):
        if getattr(args, name) is not None:
            setattr(cfg, name, getattr(args, name))
    try:
        train(cfg, log=lambda line: print(line, flush=True))
    except (OSError, ValueError) as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    return 0


def run_build(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from coachbot.tone.checkpoint import is_current, materialize

    source, out = Path(args.source), Path(args.out)
    if not (source / "trained.safetensors").exists():
        print(f"coachbot: no model source in {source}; run `coachbot train` first", file=sys.stderr)
        return 2
    if not args.force and is_current(source, out):
        print(f"tone model in {out} is up to date")
        return 0
    materialize(source, out)
    print(f"built the tone model in {out}")
    return 0
