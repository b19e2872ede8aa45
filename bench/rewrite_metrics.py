"""Reference-based measures of rewrites, independent of the rewriter and its gate.

The references (``data/eval/*.refs.jsonl``) were written by judges who never
read the rewriter: per flagged draft the spans that must go, the facts that
must stay, the draft's actual answer, and one or two reference rewrites.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")


def norm(text: str) -> str:
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", "", text)  # 1 500 -> 1500
    return re.sub(r"\s+", " ", text).strip()


def removed(spans: Sequence[str], rewrite: str) -> tuple[int, int]:
    """(spans gone, spans) — a span counts as kept if it appears, case and spacing aside."""
    r = norm(rewrite)
    gone = sum(1 for s in spans if norm(s) and norm(s) not in r)
    return gone, len([s for s in spans if norm(s)])


def kept(facts: Sequence[str], rewrite: str) -> tuple[int, int]:
    r = norm(rewrite)
    return sum(1 for f in facts if norm(f) in r), len(facts)


def stems(text: str) -> set[str]:
    return {w[:5] for w in (m.group().casefold() for m in WORD.finditer(text)) if len(w) > 3 or w.isdigit()}


def answer_sentences(draft: str, spans: Sequence[str]) -> list[str]:
    """The draft's sentences that carry no offending span and say something (3+ content words)."""
    out = []
    for sentence in SENTENCE.split(draft):
        if any(norm(s) and norm(s) in norm(sentence) for s in spans):
            continue
        if len(stems(sentence)) >= 3:
            out.append(sentence)
    return out


def answer_kept(draft: str, spans: Sequence[str], rewrite: str, share: float = 0.6) -> bool | None:
    """Each clean sentence of the draft survives in substance (most of its content words stay)."""
    sentences = answer_sentences(draft, spans)
    if not sentences:
        return None
    have = stems(rewrite)
    return all(len(stems(s) & have) >= share * len(stems(s)) for s in sentences)


def sentences_of(rewrite: str) -> list[str]:
    """The rewrite's sentences of three words or more (greetings and sign-offs aside)."""
    return [s.strip() for s in SENTENCE.split(rewrite) if len(WORD.findall(s)) >= 3]


def most_repeated(rewrites: Sequence[str]) -> tuple[float, str]:
    counts: Counter[str] = Counter()
    for text in rewrites:
        counts.update({norm(s) for s in sentences_of(text)})
    if not counts or not rewrites:
        return 0.0, ""
    sentence, n = counts.most_common(1)[0]
    return n / len(rewrites), sentence


def chrf(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """Corpus chrF (sacrebleu) against one or two references per draft."""
    from sacrebleu.metrics import CHRF

    width = max(len(r) for r in references)
    streams = [[refs[i] if i < len(refs) else refs[0] for refs in references] for i in range(width)]
    return CHRF().corpus_score(list(hypotheses), streams).score
