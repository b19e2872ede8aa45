"""`coachbot train` end to end on a tiny subset: corpus -> cached encoder layers -> fine-tuning -> a loadable model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from transformers import AutoModelForSequenceClassification

from coachbot.analysis.tone_model import ToneModel
from coachbot.tone.e5_checkpoint import is_current, materialize_e5

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_train_on_a_tiny_subset_builds_a_loadable_model(tmp_path) -> None:
    source, out, base = tmp_path / "src", tmp_path / "model", tmp_path / "e5-small"
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "train", "--data", str(ROOT / "data" / "tone"), "--source", str(source),
         "--out", str(out), "--base", str(base), "--limit", "64", "--epochs", "1", "--frozen", "11"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "epoch 1/1" in result.stdout
    # git holds only what training changed: the top layer, the pooler and the classifier
    committed = sum(p.stat().st_size for p in source.iterdir())
    assert committed < 10 * 1024 * 1024
    assert not (source / "model.safetensors").exists()
    assert json.loads((source / "base.json").read_text())["frozen_layers"] == 11
    model = AutoModelForSequenceClassification.from_pretrained(out, local_files_only=True)
    assert model.config.num_labels == len(json.loads((out / "config.json").read_text())["id2label"])
    tone = ToneModel.load(str(out))
    probs = tone.predict(["Ожидайте."], ["Где заказ?"])
    assert probs.shape == (1, len(tone.labels))
    assert ((probs >= 0) & (probs <= 1)).all()

    # building again from the same source gives the same bytes
    assert is_current(source, out)
    again = materialize_e5(source, tmp_path / "again", base)
    assert (again / "model.safetensors").read_bytes() == (out / "model.safetensors").read_bytes()


def test_train_reports_a_missing_corpus(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "train", "--data", str(tmp_path), "--source",
         str(tmp_path / "s"), "--out", str(tmp_path / "m")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no training examples" in result.stderr
