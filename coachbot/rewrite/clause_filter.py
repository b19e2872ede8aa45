"""Drop the clauses the analyzer did not flag but that still blame, snap, wave away or sell.

A draft-level verdict names the worst sentence; a second reproach or the tail
of an upsell often slips through. After the sentence edits, each clause of
what is left is scored on its own by the tone model (its fast n-gram half),
and a clause it is sure about goes. A clause that carries a fact (a number,
a contact) stays unless the analyzer itself flagged those words: facts are
the answer, and the gate checks every one of them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from coachbot.rewrite.edits import WORDS
from coachbot.rewrite.facts import has_fact

PieceFlagger = Callable[[Sequence[str], dict[str, float]], list[set[str]]]

# How sure the model must be about a clause it sees without context (above its own threshold).
# Chosen so that under about 2% of the clauses of client-centred reference replies would go
# (rudeness is the noisiest code on short clauses, an upsell the clearest); see the closing note
# of the rewrites issue for the measurement.
FLOORS = {"blame": 0.85, "dismissive": 0.85, "rudeness": 0.92, "pushy_sales": 0.7, "internal_excuse": 0.9}
# Stating a rule is often the answer («early departures are non-refundable»); only a short
# clause that does nothing but hide behind one goes («Такие правила», «Банк за это не отвечает»).
EXCUSE_MAX_WORDS = 6
MIN_WORDS = 2
BREAK = re.compile(r"[,;:—–]\s+|\s-\s|\s(?=(?:но|а|однако|зато|but|however|so)\s)", re.IGNORECASE)


def split_clauses(sentence: str) -> list[str]:
    """The sentence cut at commas, dashes and «но/а/but», each piece with its separator."""
    cuts = [0] + [m.end() for m in BREAK.finditer(sentence)] + [len(sentence)]
    return [sentence[a:b] for a, b in itertools.pairwise(cuts) if sentence[a:b]]


def _words(text: str) -> int:
    return len(WORDS.findall(text))


def filter_sentences(sentences: list[str], flag: PieceFlagger, flagged_quotes: Sequence[str]) -> list[str]:
    """Each sentence without its confidently bad clauses, untidied ("" when nothing sensible is left)."""
    split = [split_clauses(s) for s in sentences]
    texts = [c.strip(" ,;:—–-") for clauses in split for c in clauses]
    if not texts:
        return sentences
    codes = iter(flag(texts, FLOORS))
    quotes = [q.casefold() for q in flagged_quotes if q.strip()]
    out = []
    for sentence, clauses in zip(sentences, split, strict=True):
        kept = []
        for clause in clauses:
            found = next(codes)
            core = clause.strip(" ,;:—–-")
            if found == {"internal_excuse"} and _words(core) > EXCUSE_MAX_WORDS:
                found = set()
            fact_flagged = any(core.casefold() in q or q in core.casefold() for q in quotes)
            if found and _words(core) >= MIN_WORDS and (not has_fact(core) or fact_flagged):
                continue
            kept.append(clause)
        if len(kept) == len(clauses):
            out.append(sentence)
            continue
        body = "".join(kept).strip(" ,;:—–-")
        # what is left of a sentence that was mostly the jab is a fragment («Впрочем, один визит — согласитесь»)
        mostly_gone = _words(body) * 2 <= _words(sentence) and not has_fact(body)
        out.append("" if mostly_gone or _words(body) < 2 else body)
    return out
