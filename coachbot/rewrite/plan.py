"""Turn a draft's analysis into a style-independent edit plan.

Each sentence of the draft becomes a ``Piece``: its edited text, the order
to soften (style decides the wording) and, where a refusal or a reproach was
cut, the code whose client-centred sentence takes its place.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from coachbot.analysis import Analysis, Issue, has_complaint, language_rules, split_sentences
from coachbot.rewrite import edits
from coachbot.rewrite.anchors import fact_phrase
from coachbot.rewrite.clause_filter import PieceFlagger, filter_sentences
from coachbot.rewrite.customer import Opening, name_from_context, short_name, split_opening
from coachbot.rewrite.facts import REPORTING_VERBS, content_lemmas, has_fact, is_acronym
from coachbot.rewrite.inflect import parses
from coachbot.rewrite.phrasebook import Phrasebook, Situation
from coachbot.rewrite.terms import replace_terms

CLAUSE_CODES = ("blame", "internal_excuse", "rudeness", "dismissive")
REPROACH_CODES = frozenset({"blame", "rudeness", "dismissive"})
REMOVE_CODES = REPROACH_CODES | {"internal_excuse", "pushy_sales"}
EMOJI_STOP = re.compile(
    edits.EMOJI.pattern + r"\s+(?=[A-ZА-ЯЁ])"
)  # «перчатки 😉 Коррекция…»: the emoji ended a sentence


def drop_emoji(text: str) -> str:
    return edits.EMOJI.sub("", EMOJI_STOP.sub(". ", text))


# «Администратор сообщила, что вы сами задели поднос»: once the reproach goes, the report of it goes too.
REPORTING = re.compile(rf"(?i)\b(?:{REPORTING_VERBS}|считает)\W*$")


@dataclass
class Piece:
    text: str
    command: str | None = None  # an imperative to turn into a request
    replace: tuple[str, str] | None = None  # (code, quote): a phrasebook sentence goes here
    replace_after: bool = False  # the cut clause came after what is kept of the sentence
    reframe: str | None = None  # a fact-carrying noun phrase lifted out of a cut clause
    kept_issue: bool = False  # the clause carried facts and could not be rephrased, so it stayed
    original: str = ""  # the sentence as the draft had it


@dataclass
class Plan:
    language: str
    book: Phrasebook
    opening: Opening
    name: str | None
    pieces: list[Piece] = field(default_factory=list)
    situation: Situation | None = None
    ack: bool = False
    concise_ack: bool = False
    apology: bool = False
    step: bool = False
    complaint: bool = False
    polish: bool = False  # nothing to fix: a warmer variant of a fine reply
    harsh: bool = False  # the draft blames, snaps or waves the customer away
    thanked: bool = False  # the customer thanks us: the closing answers the thanks
    care: bool = False  # the customer describes harm still going on: safety advice first
    topic: frozenset[str] = frozenset()  # stems of what the customer wrote about
    signature: str = ""  # the draft's sign-off («С уважением, Михаил»): it stays last
    key: str = ""  # the draft itself: picks the phrasebook's variants the same way every time


CONNECTIVE = re.compile(r"^\W*(однако|но|а|и|тоже|также|поэтому|however|but|and|also|so|therefore)\b", re.IGNORECASE)


# «…уточните у них» once «кто-то из ваших близких забрал» is cut, «Такое бывает» once «это нормально»
# is: the pronoun points at nothing
DANGLING_PRONOUN = re.compile(r"(?i)\b(?:у\s+них|с\s+ними|им|их|они|ими|такое|такой|так|them|they|that|this)\b")


# When or how the customer gets what they need: a date, a clock time, a period, a phone, a link.
ROUTE = re.compile(
    r"(?i)\b\d{1,2}[./]\d{1,2}\b|\b\d{1,2}:\d{2}\b|\bв\s+течение\s+\d|\bwithin\s+\d|"
    r"\+?\d[\d ()-]{8,}\d|https?://|\bwww\.|@\w"
)


def is_fragment(sentence: str) -> bool:
    """What is left of an edited sentence that no longer says anything on its own: «Тоже болеют.»,
    "However." — one word, or a short connective leftover, with no fact in it («Можно отключить.»
    is an answer and stays), or a short leftover whose pronoun lost its noun («уточните у них»)."""
    if not sentence.strip() or has_fact(sentence):
        return False
    words = len(edits.WORDS.findall(sentence))
    leftover = bool(CONNECTIVE.match(sentence) or REPORTING.search(sentence) or DANGLING_PRONOUN.search(sentence))
    return words < 2 or (words < 5 and leftover)


def _find(sentence: str, quote: str) -> int:
    m = re.search(re.escape(quote.strip()), sentence, re.IGNORECASE)
    return m.start() if m else -1


def _cut_sales(sentence: str, start: int, book: Phrasebook) -> str:
    """Everything from the clause where the upsell begins to the end of the sentence goes
    (the whole sentence when it opens as an aside: «Кстати, …»)."""
    body, _ = edits.split_end(sentence)
    if book.sales_openers is not None and book.sales_openers.search(body):
        return ""
    bounds = [m.start() for m in edits.CLAUSE_BOUNDARY.finditer(body) if m.end() <= start]
    if not bounds:
        return ""
    return body[: bounds[-1]].rstrip(" ,;:—–-") + "."


def stems(text: str) -> set[str]:
    """Five-letter stems of the content words: «расторжение» and «расторгнуть» meet at «расто»."""
    return {lemma[:5] for lemma in content_lemmas(text)}


def _is_vague_filler(sentence: str, language: str) -> bool:
    """A promise with nothing concrete («Мы разберёмся.»): the next step replaces it.

    «Ожидайте в лобби» says where, so it stays (and becomes a request).
    """
    sents = split_sentences(sentence)
    if not sents or has_fact(sentence):
        return False
    words = sum(t.is_word for t in sents[0].tokens)
    covered = sum(last - first + 1 for _, first, last in language_rules(language).vague.search(sents[0]))
    return words > 0 and covered / words >= 0.6


def _locate(s: str, issue: Issue) -> tuple[int, int] | None:
    """Where the issue's quote is in the edited sentence; a model's sentence-level flag covers it all."""
    pos = _find(s, issue.quote)
    if pos >= 0:
        return pos, pos + len(issue.quote.strip())
    if issue.source == "model" and s.strip():
        return 0, len(s)
    return None


def imperative(quote: str, language: str) -> str | None:
    """The order in a quote: the word itself, or the first imperative in a model's sentence."""
    words: list[str] = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", quote)  # no groups: the matches themselves
    if len(words) <= 1:
        return words[0] if words else None
    if language == "en":
        return words[0]
    for word in words:
        if any("impr" in p.tag for p in parses(word)[:2]):
            return word
    return None


def _cut_clause(s: str, issue: Issue, piece: Piece, plan: Plan) -> str:
    """Remove the clause with the issue; facts in it survive through a reframe or a noun phrase."""
    book = plan.book
    where = _locate(s, issue)
    if where is None:
        return s
    rest, lost = edits.remove_clause(s, where[0], where[1], book)
    if issue.code == "internal_excuse" and book.redirect and book.redirect.search(rest) and not has_fact(rest):
        rest = ""  # «…, звоните в бухгалтерию»: the replacement sentence takes over the redirect
    if has_fact(lost):
        reframed = edits.reframe(s, book)
        if reframed != s and _find(reframed, issue.quote) < 0:
            return reframed
        phrase = fact_phrase(lost, plan.language, book.fact_reframe.get("case", ""))
        if phrase is None and issue.code in REPROACH_CODES:
            return rest  # no neutral fact to lift out («Вы опоздали на 15 минут»): the numbers are the reproach
        if phrase is None or piece.reframe is not None:
            piece.kept_issue = True
            return s
        piece.reframe = phrase
        return rest
    if issue.code in book.replace_sentence and piece.replace is None:
        piece.replace = (issue.code, issue.quote)
        piece.replace_after = bool(rest) and not s.lstrip().startswith(lost.strip())
    return rest


BOILERPLATE_WORDS = 10
THANKS = re.compile(r"(?i)спасиб|благодар|thank|\bthx\b|appreciate")


def _unknown_acronyms(s: str, local: list[Issue], book: Phrasebook) -> str:
    """An abbreviation the phrasebook cannot explain becomes a placeholder the employee fills in."""
    placeholder = book.placeholders.get("plain_name")
    for issue in local:
        if issue.code == "jargon" and placeholder and is_acronym(issue.quote):
            s = re.sub(rf"(?<![\w-]){re.escape(issue.quote.strip())}(?![\w-])", placeholder, s)
    return s


def _within(issue: Issue, start: int, stop: int) -> Issue:
    """The part of an issue's quote that lies in the sentence ``[start, stop)``: a model's quote may
    run over two sentences («ВСЕГДА там. каждый раз одно и то же спрашивают»)."""
    a, b = max(issue.span[0], start), min(issue.span[1], stop)
    if (a, b) == issue.span:
        return issue
    return replace(issue, span=(a, b), quote=issue.quote[a - issue.span[0] : b - issue.span[0]])


def _first_imperative(sentence: str, language: str) -> str | None:
    """A kept sentence that opens with an order («перезапишитесь на другой день»)."""
    m = re.match(r"\W*([^\W\d_]+)", sentence)
    if m is None or language != "ru":
        return None
    tags = [p.tag for p in parses(m.group(1))[:2]]
    return m.group(1) if any("impr" in t and "plur" in t for t in tags) else None


def _spared(s: str, issue: Issue) -> bool:
    """A model's whole-sentence reproach flag on «Thanks for letting us know!» is too blunt to act on."""
    if issue.source != "model" or issue.code not in REPROACH_CODES or _find(s, issue.quote) > 0:
        return False
    return len(s.split()) <= 6 and bool(THANKS.search(s))


def edit_sentence(sentence: str, local: list[Issue], offset: int, plan: Plan) -> Piece:
    book = plan.book
    local = [_within(i, offset, offset + len(sentence)) for i in local]
    piece = Piece(sentence, original=sentence)
    sales = [i for i in local if i.code == "pushy_sales"]
    s = _cut_sales(sentence, max(0, sales[0].span[0] - offset), book) if sales else sentence
    s = edits.remove_fragments(s, book)
    for issue in local:
        gone = _find(s, issue.quote) < 0 and _find(sentence, issue.quote) >= 0  # an earlier edit took it
        if issue.code in CLAUSE_CODES and not gone and not _spared(s, issue):
            s = _cut_clause(s, issue, piece, plan)
    s = edits.strip_openers(s, book) if s != sentence else s
    ordered = any(i.code == "commanding" for i in local)  # «Ожидайте.» becomes a request instead
    if not ordered and any(i.code == "no_next_step" for i in local) and _is_vague_filler(s, plan.language):
        s = ""
    phrased = edits.apply_phrases(s, book)
    boilerplate = len(edits.WORDS.findall(s)) <= BOILERPLATE_WORDS  # a long cold sentence is still the answer
    cold = any(i.code == "cold" and i.source == "model" for i in local)
    on_topic = bool(stems(s) & plan.topic)  # «Расторжение договора — только в офисе» answers «хочу расторгнуть»
    if phrased == s and boilerplate and cold and not has_fact(s) and not on_topic:
        phrased = ""  # boilerplate the model flagged and no phrase could mend
    s = replace_terms(phrased, book)
    s = _unknown_acronyms(s, local, book)
    if local:
        s = drop_emoji(s)  # a wink after a complaint reads as mockery
    if any(i.code == "rudeness" for i in local):
        s = edits.unshout(s)
    commands = [i for i in local if i.code == "commanding"]
    if commands and s:
        piece.command = imperative(commands[0].quote, plan.language)
    elif plan.harsh and s:
        piece.command = _first_imperative(s, plan.language)  # after a snap, a bare order reads as one too
    s = edits.tidy(s)
    piece.text = "" if s != edits.tidy(sentence) and is_fragment(s) else s
    return piece


def _redirect(piece: Piece, book: Phrasebook) -> bool:
    """A sentence that only sends the customer elsewhere («Contact billing.»)."""
    text = piece.text
    return bool(book.redirect and text and book.redirect.search(text) and not has_fact(text)) and len(text.split()) <= 6


CONTRAST = re.compile(
    r"(?i)^\W*(?:тем\s+не\s+менее|однако|но|зато|впрочем|в\s+любом\s+случае|так\s+или\s+иначе|however|"
    r"nevertheless|still|but|anyway|anyhow|regardless)\b[,\s]*"
)


def _drop_dangling_contrast(pieces: list[Piece]) -> None:
    """«Тем не менее готовы предложить…» once the sentence it answered is cut: the contrast goes too."""
    for before, piece in itertools.pairwise(pieces):
        if piece.text and before.text != edits.tidy(before.original) and CONTRAST.match(piece.text):
            piece.text = edits.tidy(CONTRAST.sub("", piece.text))


def _filter_clauses(plan: Plan, analysis: Analysis, flag: PieceFlagger) -> None:
    """What the sentence edits kept, without the clauses the model is sure still blame or sell."""
    live = [p for p in plan.pieces if p.text]
    quotes = [i.quote for i in analysis.issues if i.code in REMOVE_CODES]
    for piece, text in zip(live, filter_sentences([p.text for p in live], flag, quotes), strict=True):
        if text != piece.text:
            text = edits.tidy(edits.strip_openers(text, plan.book)) if text else ""
            piece.text = "" if is_fragment(text) else text


SIGN_OFF = re.compile(
    r"(?i)(?:^|(?<=[.!?\n]))\s*(?:с\s+уважением|с\s+наилучшими\s+пожеланиями|всегда\s+ваш[аи]?|"
    r"(?:best|kind|warm|warmest)\s+regards|regards|sincerely|best\s+wishes|yours\s+(?:truly|sincerely))"
    r"\s*,?\s*(?:\n|\s)\s*[^\n.!?]{0,60}[.!]?\s*(?:\n[^\n.!?]{0,60})?\s*$"
)


def make_plan(analysis: Analysis, book: Phrasebook, flag: PieceFlagger | None = None) -> Plan:
    text, language = analysis.text, analysis.language
    opening = split_opening(text, language, book)
    name = opening.name
    if name is None:
        from_context = name_from_context(analysis.context, language)
        name = short_name(from_context, language) if from_context else None
    plan = Plan(language, book, opening, name, key=text, harsh=bool(set(analysis.codes) & REPROACH_CODES),
                topic=frozenset(stems(analysis.context or "")))  # fmt: skip
    body_stop = len(text)
    sign_off = SIGN_OFF.search(text)
    if sign_off is not None and sign_off.start() > opening.body_start:
        plan.signature, body_stop = " ".join(sign_off.group().split()), sign_off.start()
    spans = [(sent.start, sent.stop) for sent in split_sentences(text)]  # lower-case run-ons split there
    for sent_start, sent_stop in spans:
        stop = min(sent_stop, body_stop)
        start = max(sent_start, opening.body_start)
        if stop <= start or not text[start:stop].strip(" ,!."):
            continue
        local = [i for i in analysis.issues if i.span[0] < stop and i.span[1] > start]
        raw = text[start:stop]
        piece = edit_sentence(raw.strip(), local, start + len(raw) - len(raw.lstrip()), plan)
        previous = plan.pieces[-1] if plan.pieces else None
        if previous and previous.replace and previous.replace[0] == "internal_excuse" and _redirect(piece, book):
            continue  # «Звоните в бухгалтерию.» after «не мой отдел»: the replacement already routes it
        plan.pieces.append(piece)
    if flag is not None and analysis.issues:
        _filter_clauses(plan, analysis, flag)
    _drop_dangling_contrast(plan.pieces)
    codes = set(analysis.codes)
    strengths = {s.code for s in analysis.strengths}
    plan.complaint = bool(analysis.context and has_complaint(analysis.context, language))
    # The customer's own words say what happened; the draft is the fallback.
    reported = book.situation(analysis.context) if analysis.context else None
    # Without the customer's words only the neutral acknowledgement fits.
    plan.situation = reported if reported is not None else book.situations[-1]
    if plan.complaint and plan.situation.id == "info":
        plan.situation = book.situations[-1]  # «почему никто не предупредил?» is no friendly question
    failure = reported is not None and reported.failure and reported.match is not None
    # Acknowledge only what the customer's words show went wrong; a draft's own harshness is
    # fixed by removing it, not by a stock sentence of sympathy.
    grave = reported is not None and reported.always_ack  # a death in the family is acknowledged, always
    plan.ack = (plan.complaint or failure or grave) and "empathy" not in strengths
    if plan.ack:  # a smiley beside someone's trouble reads as mockery, wherever it stands
        for piece in plan.pieces:
            piece.text = edits.tidy(drop_emoji(piece.text)) if piece.text else piece.text
    care_when = plan.situation.care_when
    plan.care = bool(plan.ack and plan.situation.care and care_when and care_when.search(analysis.context or ""))
    plan.concise_ack = bool(codes & {"dismissive", "blame", "rudeness"})
    # Something of ours went wrong and the customer says so: an apology is due even when the
    # model let the draft's lack of one pass.
    plan.apology = ("no_apology" in codes or failure) and "apology" not in strengths
    # A complaint wants to know what happens next, unless the kept words already say when or
    # how (a date, a time, a phone number): a stock promise on top of those is boilerplate.
    routed = any(p.text and ROUTE.search(p.text) for p in plan.pieces)
    plan.step = "no_next_step" in codes or (plan.complaint and not routed)
    plan.polish = not codes
    plan.thanked = bool(analysis.context and THANKS.search(analysis.context))
    return plan
