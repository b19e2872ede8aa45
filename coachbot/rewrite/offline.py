"""The offline rewriter: always available, no network.

It fixes what the analyzer found, sentence by sentence (see ``plan.py``), and
frames the result for each style: a greeting with the customer's name, an
acknowledgement and an apology where the situation calls for them, a
concrete next step with placeholders the employee fills in, and a closing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from coachbot.analysis import Analysis, concrete_step, language_rules, split_sentences
from coachbot.rewrite import edits
from coachbot.rewrite.clause_filter import PieceFlagger
from coachbot.rewrite.customer import build_greeting
from coachbot.rewrite.facts import has_fact
from coachbot.rewrite.phrasebook import load_phrasebook
from coachbot.rewrite.plan import Plan, make_plan, stems

FILLER_REPLACEMENTS = frozenset({"blame"})  # «не мой отдел» still needs its «передам коллегам»


def _greeting(plan: Plan, style: str) -> str:
    own = plan.opening.greeting
    if own and (plan.opening.name or not plan.name):
        if plan.language == "en":
            return own if own.endswith((",", "!", ".")) else own + ","
        return own if own.endswith(("!", ".")) else own + "!"
    return build_greeting(plan.name, style, plan.book)


def _body(plan: Plan, style: str) -> list[str]:
    book = plan.book
    out: list[str] = []
    used: set[str] = set()
    previous: list[str] = []
    # A reproach cut from a reply that still answers with facts needs no stock sentence in its
    # place («Давайте разберёмся, что пошло не так»): the facts are the answer.
    answered = any(p.text and has_fact(p.text) for p in plan.pieces)
    for piece in plan.pieces:
        replacement = ""
        if piece.replace and piece.replace[0] in FILLER_REPLACEMENTS and answered:
            used.add(piece.replace[0])
        if piece.replace and piece.replace[0] not in used:
            used.add(piece.replace[0])
            replacement = book.replacement(piece.replace[0], piece.replace[1], style, plan.key)
        if replacement and not piece.replace_after:
            out.append(replacement)
        if piece.reframe and book.fact_reframe:
            out.append(book.styled(book.fact_reframe, style).replace("{np}", piece.reframe))
        text = piece.text
        if text and piece.command:
            time = book.placeholders.get("time", "\0")
            # «…ожидается 14.03. Ждите смс»: the date just given is when to wait till, no «до [срок]»
            known = any(time in sentence or WHEN.search(sentence) for sentence in [*out, *previous])
            text = edits.soften_command(text, piece.command, book, style, time_known=known)
        if text and book.bare_answer and text[0].isdigit() and len(edits.WORDS.findall(text)) <= 2:
            # «9:40, кабинет 118.» alone reads as a snap: it gets a lead-in
            text = book.styled(book.bare_answer, style, plan.key + "bare").replace("{text}", text)
        if text:
            out.append(text)
            previous.append(text)
        if replacement and piece.replace_after:
            out.append(replacement)
    return out


# A date or a clock time: «14.03», «12 марта», «в 15:30», "March 3", "2:14pm".
WHEN = re.compile(
    r"(?i)\b\d{1,2}[./]\d{1,2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|"
    r"октябр|ноябр|декабр)\w*|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{1,2}\b|\b\d{1,2}\s*(?:am|pm)\b|"
    r"\b(?:сегодня|завтра|послезавтра|today|tomorrow)\b"
)


def _has_step(plan: Plan, body: list[str]) -> bool:
    """The draft's own words already name a step, or a placeholder asks for a time."""
    time = plan.book.placeholders.get("time", "")
    if time and any(time in sentence for sentence in body):
        return True
    own = " ".join(p.text for p in plan.pieces if p.text)
    return bool(own) and concrete_step(language_rules(plan.language), split_sentences(own))


APOLOGY = re.compile(r"(?i)\b(?:извин|прости|простите|прошу прощения|жаль|sorry|apologi[sz]e|apologies)")


def _answers(plan: Plan, body: list[str]) -> bool:
    """The kept words answer a question that reported no failure («Ссылка в расписании в личном
    кабинете.»): a promise with placeholders would only pad them."""
    situation = plan.situation
    if situation is not None and situation.failure:
        return False
    own = [p.text for p in plan.pieces if p.text]
    return any(has_fact(t) or len(edits.WORDS.findall(t)) >= 4 for t in own) and bool(body)


def render(plan: Plan, style: str) -> str:
    book = plan.book
    situation = plan.situation or book.situations[-1]
    body = _body(plan, style)
    emptied = not body  # everything the draft said had to go: answer the person, then act
    parts = [_greeting(plan, style)]
    if (plan.ack and (style != "concise" or plan.concise_ack)) or emptied:
        parts.append(book.styled(situation.ack, style, plan.key + "ack"))
    if plan.apology and not any(APOLOGY.search(sentence) for sentence in body):
        said = stems(" ".join(parts[1:]))  # «…а всё сдвинулось. Простите, что ваши планы сдвинулись» repeats itself
        parts.append(book.styled_unlike(situation.apology, style, plan.key + "apology",
                                        lambda text: len(stems(text) & said) < 2))  # fmt: skip
    if plan.care:  # «если станет хуже — сразу к врачу» comes before any promise of ours
        parts.append(book.styled(situation.care, style, plan.key + "care"))
    parts += body
    promised = (plan.step or emptied) and not _has_step(plan, body) and not _answers(plan, body)
    if promised:
        parts.append(book.styled(book.next_step, style, plan.key + "step"))
    # A promise to write back, or a question to the customer, is the last word: a stock
    # «я на связи» after it only pads the reply.
    # (A reply left as it was keeps its closing: it is then the only warmth the rewrite adds.)
    asks = bool(body) and body[-1].rstrip().endswith("?")
    edited = plan.ack or plan.apology or any(p.text != edits.tidy(p.original) for p in plan.pieces)
    if not ((promised or (asks and edited)) and style != "formal"):
        closing = book.closing.get(style, {})
        kind = "complaint" if plan.complaint else "plain" if not plan.polish else "thanks" if plan.thanked else "polish"
        parts.append(book.styled(closing, kind, plan.key + "closing") or book.styled(closing, "plain", plan.key))
    parts = [p.strip() for p in parts if p and p.strip()]
    own_line = len(parts) > 1 and parts[0].endswith(",")  # «Hi John,» opens a line of its own
    text = parts[0] + "\n" + " ".join(parts[1:]) if own_line else " ".join(parts)
    return text + "\n\n" + plan.signature if plan.signature else text


class OfflineRewriter:
    """Rewrites from a draft's analysis, one text per style."""

    def __init__(self, prompts_dir: Path | None = None, flag: PieceFlagger | None = None) -> None:
        self.prompts_dir = prompts_dir
        self.flag = flag  # the tone model scoring single clauses; without it only the analysis counts

    def rewrite(self, analysis: Analysis, styles: Sequence[str] = ("warm", "concise")) -> dict[str, str]:
        book = load_phrasebook(analysis.language, self.prompts_dir)
        plan = make_plan(analysis, book, self.flag)
        return {style: render(plan, style) for style in dict.fromkeys(styles)}

    def fresh_start(self, analysis: Analysis, style: str = "warm") -> str:
        """The last resort when editing the draft cannot get past the gate: answer the
        person, apologise where due and promise a concrete step, keeping nothing of the
        draft's wording. The gate still checks that no fact of the draft is lost."""
        book = load_phrasebook(analysis.language, self.prompts_dir)
        plan = make_plan(analysis, book)  # no clause scoring: none of the draft's pieces is kept
        plan.pieces = []
        plan.ack = True
        return render(plan, style)
