"""A phrasebook with a wrong shape does not load, and the error names the key to fix."""

from __future__ import annotations

import copy
import json

import pytest

from coachbot.config import PROMPTS_DIR
from coachbot.rewrite.phrasebook import PhrasebookError, parse_phrasebook

SHIPPED = {lang: json.loads((PROMPTS_DIR / "phrasebook" / f"{lang}.json").read_text("utf-8")) for lang in ("ru", "en")}


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_shipped_phrasebooks_load(lang):
    assert parse_phrasebook(SHIPPED[lang], f"{lang}.json").language == lang


def _broken(change):
    book = copy.deepcopy(SHIPPED["ru"])
    change(book)
    return book


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda b: b["situations"][3]["ack"].update(warm=5), "situations[3].ack.warm: must be a text or a list"),
        (lambda b: b["situations"][0].pop("apology"), "situations[0].apology: missing"),
        (lambda b: b["situations"][1].update(sympathy=["…"]), "situations[1].sympathy: unknown key"),
        (lambda b: b["remove"].append("(unclosed"), "remove[" ),
        (lambda b: b["phrases"].append(["only a pattern"]), "must be a pair [pattern, replacement]"),
        (lambda b: b["terms"].update(тикет=["заявка"]), "terms.тикет: must be a text"),
        (lambda b: b.update(greetings={}), "greetings: unknown section"),
        (lambda b: b["requests"].pop("has_time"), "requests.has_time: missing"),
        (lambda b: b["situations"][2].update(care_when="[a-"), "situations[2].care_when: bad regular expression"),
    ],
)  # fmt: skip
def test_a_wrong_shape_is_refused_naming_the_key(change, named):
    with pytest.raises(PhrasebookError) as error:
        parse_phrasebook(_broken(change), "ru.json")
    assert str(error.value).startswith("ru.json: ") and named in str(error.value)
