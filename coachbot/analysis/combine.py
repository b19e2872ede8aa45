"""Rules + tone model: rules give the quotes, the model catches the rest.

A model-only flag still names a sentence: the one the model scores highest
for that code on its own (the opening sentence for a missing apology, the
closing one for a missing next step).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import numpy as np

from coachbot.analysis import scoring
from coachbot.analysis.analyzer import DraftInput
from coachbot.analysis.rules import firm_spans, has_complaint
from coachbot.analysis.text import GREETING_ONLY, Sentence, split_sentences
from coachbot.analysis.tone_model import ToneModel
from coachbot.analysis.types import Analysis, Issue, ModelInfo
from coachbot.analysis.verdict import settle
from coachbot.evaluation import Labelled, Report
from coachbot.taxonomy import ISSUE_CODES, issue_entry

OPENING_CODES = frozenset({"no_apology", "cold"})
CLOSING_CODES = frozenset({"no_next_step"})
# Rule hits on these rest on heuristics; a confident "no" from the model overrules them.
SOFT_RULE_CODES = frozenset({"no_apology", "no_next_step", "cold", "commanding"})
VETO = 0.12
# When the model is this sure the whole draft is fine, a rule hit it does not back is dropped too
# (chosen on the corpus validation split; see the model card).
VERDICT_VETO = 0.3
Sentiment = Literal["negative", "neutral", "positive"]
SENTIMENTS: tuple[Sentiment, ...] = ("negative", "neutral", "positive")
CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\s-\s|\s(?=(?:но|а|однако|зато|but|however)\s)", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{2,}")
# Making amends is not selling: «начислили вам 300 бонусов» stays unless it also pushes a purchase.
AMENDS = re.compile(
    r"(?i)(?:начислил|вернул|верн[её]м|компенсир|компенсаци|в качестве (?:извинени|компенсаци)|в подарок|"
    r"дарим|подарим|бесплатн|за наш сч[её]т|не возьм[её]м|аннулир|refund|credited|complimentary|"
    r"free of charge|on (?:us|the house)|as an apology|compensat|we(?:'ve| have)? (?:added|credited|waived))"
)
PURCHASE = re.compile(
    r"(?i)(?:закажите|купите|оформите|подключите|попробуйте|успейте|только сегодня|до конца (?:дня|недели|акции)|"
    r"предложение (?:действует )?до|акци[яию]|премиум|upgrade|\bbuy\b|order now|today only|limited|subscribe|"
    r"sign up)"
)


def clauses(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The clauses of ``text[start:stop]`` with two words or more; none when it is one clause."""
    cuts = [start] + [start + m.end() for m in CLAUSE_BREAK.finditer(text[start:stop])] + [stop]
    pieces = [(a, text[a:b].strip(" ,;:—–-")) for a, b in itertools.pairwise(cuts)]
    pieces = [(a, piece) for a, piece in pieces if WORD.search(piece)]
    if len(pieces) < 2:
        return []
    spans = []
    for a, piece in pieces:
        if len(WORD.findall(piece)) >= 2:
            offset = text.index(piece, a)
            spans.append((offset, offset + len(piece)))
    return spans


def load_combiner(name_or_path: str, quantize: bool = True) -> ModelCombiner:
    return ModelCombiner(ToneModel.load(name_or_path, quantize=quantize))


class ModelCombiner:
    def __init__(self, model: ToneModel) -> None:
        self.model = model
        self.info: ModelInfo = ModelInfo(f"rules+{model.info.name}", model.info.version)
        self.col = {label: i for i, label in enumerate(model.labels)}
        self.verdict_veto = VERDICT_VETO

    def prob(self, row: np.ndarray, label: str) -> float | None:
        j = self.col.get(label)
        return None if j is None else float(row[j])

    def model_codes(self, row: np.ndarray) -> dict[str, float]:
        """Codes the model flags on its own, with their probabilities."""
        out = {}
        for code in ISSUE_CODES:
            p = self.prob(row, code)
            if p is not None and p >= self.model.threshold(code):
                out[code] = p
        return out

    def combine(self, drafts: Sequence[DraftInput], analyses: list[Analysis]) -> list[Analysis]:
        probs = self.model.predict([a.text for a in analyses], [a.context for a in analyses])
        decided = [self._decide(a, row) for a, row in zip(analyses, probs, strict=True)]
        located = self._locate_all([(a, flagged) for a, (_, flagged, _) in zip(analyses, decided, strict=True)])
        return [
            self._finish(a, row, kept + extra, verdict)
            for a, row, (kept, _, verdict), extra in zip(analyses, probs, decided, located, strict=True)
        ]

    def _decide(self, analysis: Analysis, row: np.ndarray) -> tuple[list[Issue], dict[str, float], float | None]:
        """Rule issues the model does not overrule, and the codes only the model sees."""
        issues = []
        verdict = self.prob(row, "needs_coaching")
        sure_fine = verdict is not None and verdict < self.verdict_veto
        # «totally normal, no need to worry» to someone whose face keeps swelling: the customer's
        # complaint makes a wave-away a fault whatever the model thinks of the words alone.
        complaint = bool(analysis.context) and has_complaint(analysis.context or "", analysis.language)
        firm = firm_spans(analysis.text, analysis.language) if analysis.issues else []
        for issue in analysis.issues:
            if any(code == issue.code and a < issue.span[1] and b > issue.span[0] for code, a, b in firm):
                issues.append(issue)  # «Видимо, кто-то из ваших близких забрал»: courteous words, still blame
                continue
            p = self.prob(row, issue.code)
            if issue.code in SOFT_RULE_CODES and p is not None and p < VETO:
                continue
            kept_anyway = complaint and issue.code == "dismissive"
            if sure_fine and not kept_anyway and p is not None and p < self.model.threshold(issue.code):
                continue
            issues.append(issue)
        rule_codes = {i.code for i in issues}
        flagged = {c: p for c, p in self.model_codes(row).items() if c not in rule_codes}
        if not issues and not flagged and verdict is not None and verdict >= self.model.threshold("needs_coaching"):
            ranked = sorted(((self.prob(row, c) or 0.0, c) for c in ISSUE_CODES), reverse=True)
            if ranked and ranked[0][0] >= 0.2:
                flagged[ranked[0][1]] = ranked[0][0]
        return issues, flagged, verdict

    def _finish(self, analysis: Analysis, row: np.ndarray, issues: list[Issue], verdict: float | None) -> Analysis:
        score = scoring.score(issues, analysis.strengths)
        if verdict is not None:
            score = round(0.5 * score + 0.5 * 100 * (1.0 - verdict))
        settled = settle(issues, analysis.strengths, score)
        needs = settled.needs_coaching
        sentiment = analysis.sentiment
        senti = [self.prob(row, f"sentiment:{s}") for s in SENTIMENTS]
        if sentiment != "negative" and all(p is not None for p in senti):
            sentiment = SENTIMENTS[int(np.argmax([p or 0.0 for p in senti]))]
            if sentiment == "positive" and needs:
                sentiment = "neutral"
        return replace(analysis, issues=settled.issues, strengths=settled.strengths, needs_coaching=needs,
                       score=settled.score, sentiment=sentiment, model=self.info)  # fmt: skip

    def _locate_all(self, work: list[tuple[Analysis, dict[str, float]]]) -> list[list[Issue]]:
        """Name the sentence behind each model-only flag; all sentences go through the model at once."""
        sentences = [[s for s in split_sentences(a.text) if s.text.strip()] if flagged else [] for a, flagged in work]
        batch: list[tuple[int, int]] = []
        parts: list[tuple[int, int, tuple[int, int]]] = []  # (draft, sentence, clause span)
        for n, ((analysis, flagged), sents) in enumerate(zip(work, sentences, strict=True)):
            if any(c not in OPENING_CODES | CLOSING_CODES for c in flagged):
                if len(sents) > 1:
                    batch += [(n, k) for k in range(len(sents))]
                parts += [(n, k, span) for k, s in enumerate(sents) for span in clauses(analysis.text, s.start, s.stop)]
        # Which sentence (and clause) carries blame or an upsell shows in the words themselves: no
        # context needed. The n-gram half of the model scores them in microseconds; a checkpoint
        # without one runs the encoder on the short pieces.
        texts = [sentences[n][k].text for n, k in batch] + [work[n][0].text[a:b] for n, _, (a, b) in parts]
        rows: np.ndarray | list[np.ndarray] = self._piece_scores(texts) if texts else []
        per_draft: dict[int, list[np.ndarray]] = {}
        for (n, _), row in zip(batch, rows[: len(batch)], strict=True):
            per_draft.setdefault(n, []).append(row)
        per_clause: dict[tuple[int, int], list[tuple[tuple[int, int], np.ndarray]]] = {}
        for (n, k, span), row in zip(parts, rows[len(batch) :], strict=True):
            per_clause.setdefault((n, k), []).append((span, row))
        out: list[list[Issue]] = []
        for n, ((analysis, flagged), sents) in enumerate(zip(work, sentences, strict=True)):
            issues = []
            scores = np.array(per_draft[n]) if n in per_draft else None
            said = [k for k, s in enumerate(sents) if not GREETING_ONLY.match(s.text)] or list(range(len(sents)))
            for code, p in flagged.items():
                if not sents:
                    break
                if code in OPENING_CODES:
                    picked = [said[0]]
                elif code in CLOSING_CODES:
                    picked = [len(sents) - 1]
                elif scores is None:
                    picked = [said[0]]
                else:
                    # the strongest sentence, and any other the model flags on its own (an upsell
                    # often runs over two sentences)
                    column = scores[:, self.col[code]]
                    strongest = max(said, key=lambda k: float(column[k]))
                    limit = self.model.threshold(code)
                    picked = sorted({strongest, *(k for k in said if column[k] >= limit)})
                entry = issue_entry(code, analysis.language)
                for idx in picked:
                    start, stop = self._words_of(per_clause.get((n, idx), []), code, sents[idx])
                    quote = analysis.text[start:stop]
                    if code == "pushy_sales" and AMENDS.search(quote) and not PURCHASE.search(quote):
                        continue
                    issues.append(
                        Issue(
                            code,
                            (start, stop),
                            quote,
                            entry.explanation,
                            entry.suggestion,
                            "model",
                            p,
                        )
                    )
            out.append(issues)
        return out

    def flag_pieces(self, texts: Sequence[str], floors: dict[str, float]) -> list[set[str]]:
        """The codes each short piece of text (a clause) carries on its own, scored without context:
        a code counts when its probability reaches both the model's threshold and ``floors[code]``."""
        if not texts:
            return []
        rows = self._piece_scores(list(texts))
        return [
            {code for code, floor in floors.items()
             if code in self.col and float(row[self.col[code]]) >= max(floor, self.model.threshold(code))}
            for row in rows
        ]  # fmt: skip

    def _piece_scores(self, texts: list[str]) -> np.ndarray:
        ngram = self.model.ngram
        if ngram is not None:
            return ngram.predict(texts, [None] * len(texts))
        return self.model.predict(texts, [None] * len(texts))

    def _words_of(self, scored: list[tuple[tuple[int, int], np.ndarray]], code: str, sent: Sentence) -> tuple[int, int]:
        """The clause that carries ``code`` when one clearly does; otherwise the whole sentence."""
        if code in OPENING_CODES | CLOSING_CODES or not scored:
            return sent.start, sent.stop
        span, row = max(scored, key=lambda item: float(item[1][self.col[code]]))
        return span if float(row[self.col[code]]) >= self.model.threshold(code) else (sent.start, sent.stop)


def model_only_report(combiner: ModelCombiner, items: Sequence[Labelled]) -> Report:
    """The model's own verdicts, without the rules, for ``coachbot eval``."""
    report = Report("model only")
    probs = combiner.model.predict([i.text for i in items], [i.context for i in items])
    for gold, row in zip(items, probs, strict=True):
        codes = set(combiner.model_codes(row))
        verdict = combiner.prob(row, "needs_coaching")
        flag = bool(codes) if verdict is None else verdict >= combiner.model.threshold("needs_coaching")
        report.add(flag, codes, gold)
    return report
