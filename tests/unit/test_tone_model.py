"""The shipped tone model: loads offline, through AutoModel and pipeline, and is right on clear cases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer, pipeline

from coachbot.analysis.analyzer import Analyzer
from coachbot.analysis.combine import load_combiner
from coachbot.analysis.factory import build_analyzer
from coachbot.analysis.model_errors import ModelLoadError
from coachbot.analysis.tone_model import ToneModel
from coachbot.config import DEFAULT_TONE_MODEL, load_settings
from coachbot.taxonomy import ISSUE_CODES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return build_analyzer(load_settings())


@pytest.fixture(scope="module")
def tone() -> ToneModel:
    return ToneModel.load(str(DEFAULT_TONE_MODEL))


def test_loads_offline_with_automodel_and_pipeline(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = AutoModelForSequenceClassification.from_pretrained(
        DEFAULT_TONE_MODEL, local_files_only=True, dtype=torch.float32
    )
    tokenizer = AutoTokenizer.from_pretrained(DEFAULT_TONE_MODEL, local_files_only=True)
    assert model.config.problem_type == "multi_label_classification"
    assert "blame" in model.config.label2id and "needs_coaching" in model.config.label2id
    clf = pipeline("text-classification", model=model, tokenizer=tokenizer, top_k=None, function_to_apply="sigmoid")
    out = clf("Вы сами виноваты, надо было читать договор.")
    out = out[0] if out and isinstance(out[0], list) else out
    scores = {r["label"]: r["score"] for r in out}
    assert scores["blame"] > 0.5
    assert scores["needs_coaching"] > 0.5


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Вы сами виноваты, надо было читать договор.", None, "blame"),
        ("Ничего страшного, не преувеличивайте, у всех бывает.", "У меня сгорел новый чайник!", "dismissive"),
        ("Кстати, у нас акция: оформите премиум-подписку со скидкой 30%!", "Хочу отменить подписку.", "pushy_sales"),
        # The model alone ranks «не мой отдел» third; the rules catch it (see the combined test below).
    ],
)
def test_flags_unambiguous_problems(tone: ToneModel, text: str, context: str | None, expected: str) -> None:
    row = tone.predict([text], [context])[0]
    probs = dict(zip(tone.labels, row, strict=True))
    codes = sorted((c for c in tone.labels if c in ISSUE_CODES), key=lambda c: -probs[c])
    assert expected in codes[:2], probs
    assert probs["needs_coaching"] > 0.5, probs


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Простите за задержку! Курьер привезёт заказ № 4512 завтра с 10 до 14, я прослежу лично.",
            "Где мой заказ? Жду уже неделю!",
        ),
        (
            "I'm so sorry about the double charge — I've refunded $40, it will reach your card by Friday.",
            "You charged me twice!",
        ),
    ],
)
def test_model_passes_caring_replies(tone: ToneModel, text: str, context: str) -> None:
    row = tone.predict([text], [context])[0]
    probs = dict(zip(tone.labels, row, strict=True))
    assert probs["needs_coaching"] < 0.5, probs


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Ближайший пункт выдачи — ул. Ленина, 12, работает с 9 до 21.", "Где ближайший пункт выдачи?"),
        ("Готово, заказ отменён, деньги вернутся на карту за 3 дня.", "Отмените, пожалуйста, заказ."),
        (
            "Простите за задержку! Курьер привезёт заказ № 4512 завтра с 10 до 14, я прослежу лично.",
            "Где мой заказ? Жду уже неделю!",
        ),
    ],
)
def test_combined_analyzer_passes_fine_replies(analyzer: Analyzer, text: str, context: str) -> None:
    analysis = analyzer.analyze(text, context)
    assert not analysis.needs_coaching, analysis.to_dict()


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Это не мой отдел, бухгалтерии так неудобно.", "Верните деньги за двойное списание.", "internal_excuse"),
        ("Благодарим за обращение, мы ценим каждого клиента!", "Мне привезли разбитый телевизор!", "no_next_step"),
        ("Обращение передано ответственным сотрудникам.", "Третий день нет горячей воды!", "no_apology"),
    ],
)
def test_combined_analyzer_flags_problems(analyzer: Analyzer, text: str, context: str, expected: str) -> None:
    analysis = analyzer.analyze(text, context)
    assert analysis.needs_coaching
    assert expected in analysis.codes, analysis.to_dict()


def test_model_only_flag_names_a_sentence(analyzer: Analyzer) -> None:
    text = "Спасибо за обращение. Мы передали информацию. Хорошего дня!"
    analysis = analyzer.analyze(text, "Мне третий день не включают свет, у меня ребёнок маленький!")
    assert analysis.needs_coaching
    for issue in analysis.issues:
        start, stop = issue.span
        assert text[start:stop] == issue.quote and issue.quote.strip()
    assert analysis.model.name.startswith("rules+")


def test_stored_model_version_is_named() -> None:
    combiner = load_combiner(str(DEFAULT_TONE_MODEL))
    assert combiner.info.version and combiner.info.version != "hub"


def test_missing_path_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelLoadError, match="not found"):
        ToneModel.load(str(tmp_path / "no-such-model"))


def test_unreachable_model_id_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="needs network access"):
        ToneModel.load("someone/rubert-tiny2-coachbot")


def test_cli_reports_an_unloadable_model(tmp_path) -> None:
    env = {**os.environ, "COACHBOT_TONE_MODEL": str(tmp_path / "missing"), "HF_HUB_OFFLINE": "1"}
    env.pop("COACHBOT_USE_MODEL", None)
    result = subprocess.run(
        [sys.executable, "-m", "coachbot", "analyze", "Ожидайте."], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 2
    assert "tone model was not found" in result.stderr


def test_a_verdict_does_not_depend_on_the_other_texts_in_the_batch(tone: ToneModel) -> None:
    """The gate judges several rewrites at once and the bot one draft at a time: the same text
    must get the same probabilities either way (dynamic quantization scales per batch)."""
    context = "второй раз спрашиваю, во сколько запись к окулисту?"
    text = "Здравствуйте! Простите, что не ответили сразу. Подсказываю: 11:20, кабинет 305."
    others = ["Простите за ожидание. 11:20.", "ну я же писала!!! читайте внимательно " * 8]
    alone = tone.predict([text], [context])[0]
    for other in others:
        together = tone.predict([other, text], [context, context])[1]
        assert np.allclose(alone, together, atol=1e-5), (other, float(np.abs(alone - together).max()))


def test_the_plain_pytorch_bert_gives_transformers_probabilities():
    from coachbot.analysis.bert_native import BertClassifier, PairTokenizer

    path = Path(DEFAULT_TONE_MODEL)
    native, pairs = BertClassifier.load(path), PairTokenizer(path)
    assert native is not None, "the shipped checkpoint runs without transformers"
    reference = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    texts = ["Вы сами виноваты.", "Здравствуйте! Простите за задержку, привезём завтра до 14:00.", "ж" * 3000, "Wait."]
    contexts = ["Заказ опоздал!", "", "очень длинный контекст " * 100, "Where is my order?"]
    a = pairs(texts, contexts, padding=True, truncation=True, max_length=128, return_tensors="pt")
    b = tokenizer(texts, contexts, padding=True, truncation=True, max_length=128, return_tensors="pt")
    assert torch.equal(a["input_ids"], b["input_ids"]) and torch.equal(a["attention_mask"], b["attention_mask"])
    with torch.inference_mode():
        ours, theirs = torch.sigmoid(native(**a).logits), torch.sigmoid(reference(**b).logits)
    assert torch.allclose(ours, theirs, atol=1e-4), (ours - theirs).abs().max()


def test_loading_the_shipped_model_does_not_import_transformers_modeling():
    code = (
        "import sys; from coachbot.analysis.tone_model import ToneModel; ToneModel.load(sys.argv[1]); "
        "print('transformers.modeling_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code, DEFAULT_TONE_MODEL], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "the three seconds of transformers' imports are back"
