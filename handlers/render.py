"""The coach's answer to a draft, as Telegram HTML: score, issues, strengths, rewrites.

Issues of one code are grouped (every quote shown once); titles and advice come
from the taxonomy in the reader's language; rewrites go in ``<pre>`` blocks,
which Telegram lets people copy with one tap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coachbot.analysis.types import Analysis, Issue, Strength
from coachbot.analysis.verdict import needs_coaching
from coachbot.services.types import ShownRewrite
from coachbot.style_check import ADDRESS, BANNED
from coachbot.taxonomy import ISSUES, STRENGTHS, issue_entry, strength_title
from handlers.texts import CATALOGUES, Html, esc, plain, t
from handlers.texts_explain import EXPLAIN, LABELS, STYLEGUIDE

PLACEHOLDER = re.compile(r"\[[^\]\n]{2,40}\]")  # «[срок]»: the offline rewriter's blanks to fill
MAX_ISSUES = 5
MAX_QUOTE = 70
TELEGRAM_LIMIT = 4096


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """One line of at most ``limit`` characters, cut between words."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:—- ") + "…"


def _grouped(issues: Sequence[Issue]) -> list[tuple[str, list[Issue]]]:
    groups: dict[str, list[Issue]] = {}
    for issue in issues:
        key = issue.code if issue.code != BANNED else f"{BANNED}:{issue.explanation.casefold()}"
        groups.setdefault(key, []).append(issue)
    return [(items[0].code, items) for items in groups.values()]


def _quotes(items: Sequence[Issue], opening: str, closing: str) -> str:
    seen = list(dict.fromkeys(quote(i.quote) for i in items if i.quote.strip()))
    return f"{closing}, {opening}".join(esc(q) for q in seen[:3])


def _issue_words(lang: str, code: str, first: Issue) -> tuple[str, Html, Html]:
    """Title, why it matters and how to fix it, for one issue code."""
    if code == BANNED:
        how = t(lang, "style_how", replacement=first.suggestion) if first.suggestion else t(lang, "style_how_none")
        return plain(lang, "style_title"), t(lang, "style_why", phrase=first.explanation), how
    if code == ADDRESS:
        how = (
            t(lang, "address_how", found=first.quote, form=first.suggestion)
            if first.suggestion
            else t(lang, "address_how_informal", form=first.explanation)
        )
        return plain(lang, "style_title"), t(lang, "address_why", form=first.explanation), how
    if code in ISSUES:
        entry = issue_entry(code, lang)
        return entry.title, Html(esc(entry.explanation)), Html(esc(entry.suggestion))
    # a code this version of the bot does not know: show what the analyzer said
    return code, Html(esc(first.explanation)), Html(esc(first.suggestion))


def _issue_html(lang: str, n: int, code: str, items: Sequence[Issue]) -> str:
    title, why, how = _issue_words(lang, code, items[0])
    opening, closing = ("«", "»") if lang == "ru" else ("“", "”")
    quotes = _quotes(items, opening, closing)
    key = "issue_line" if quotes else "issue_line_noquote"
    return t(lang, key, n=n, title=title, quote=Html(quotes), why=Html(why), how=Html(how))


REWORK_BELOW = 40


def analysis_html(
    lang: str, analysis: Analysis, style: Sequence[Issue], *, threshold: int, max_issues: int = MAX_ISSUES
) -> str:
    """Score, context note, issues (grouped, at most ``max_issues``) and strengths."""
    needs = needs_coaching(analysis, style, threshold)
    groups = _grouped(sorted([*analysis.issues, *style], key=lambda i: i.span))
    if needs:  # a low score is told plainly: «немного внимания» would understate it
        verdict = "score_rework" if analysis.score < REWORK_BELOW else "score_needs"
    else:
        verdict = "score_ok" if groups else "score_good"
    parts: list[str] = [t(lang, verdict, score=analysis.score)]
    if analysis.context:
        parts.append(t(lang, "with_context"))
    if groups:
        parts.append(_issues_html(lang, groups, max_issues))
    elif not needs:
        parts.append(t(lang, "no_issues"))
    strengths = [s for s in analysis.strengths if s.code in STRENGTHS]
    if strengths:
        parts.append(_strengths_html(lang, strengths))
    return "\n\n".join(parts)


def _issues_html(lang: str, groups: Sequence[tuple[str, list[Issue]]], max_issues: int) -> str:
    lines: list[str] = [t(lang, "issues_title")]
    lines += [_issue_html(lang, n, code, items) for n, (code, items) in enumerate(groups[:max_issues], 1)]
    if len(groups) > max_issues:
        lines.append(t(lang, "more_issues", n=len(groups) - max_issues))
    return "\n\n".join(lines)


def _strengths_html(lang: str, strengths: Sequence[Strength]) -> str:
    lines = [t(lang, "strengths_title")]
    for s in {s.code: s for s in strengths}.values():
        key = "strength_line" if s.quote.strip() else "strength_line_noquote"
        lines.append(t(lang, key, title=strength_title(s.code, lang), quote=quote(s.quote, 60)))
    return "\n".join(lines)


def style_name(lang: str, style: str) -> str:
    """«тёплый» for ``warm``; a style the catalogue does not know is shown as it is."""
    key = f"style_{style}"
    return plain(lang, key) if key in CATALOGUES["ru"] else style


def rewrite_html(lang: str, number: int, rewrite: ShownRewrite) -> str:
    style = style_name(lang, rewrite.style)
    score = "—" if rewrite.score is None else rewrite.score
    return t(lang, "rewrite_label", n=number, style=style, score=score) + f"\n<pre>{esc(rewrite.text)}</pre>"


def rewrites_html(lang: str, rewrites: Sequence[ShownRewrite], *, pending: bool = False) -> str:
    if pending:
        return t(lang, "rewrites_pending")
    if not rewrites:
        return t(lang, "rewrites_none")
    blocks = [t(lang, "rewrites_title"), *(rewrite_html(lang, n, r) for n, r in enumerate(rewrites, 1))]
    if any(PLACEHOLDER.search(r.text) for r in rewrites):
        blocks.append(t(lang, "rewrites_fill"))
    return "\n\n".join(blocks)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fits(html_text: str) -> bool:
    """Whether the message stays under Telegram's limit (tags count against it only loosely: be safe)."""
    return utf16_len(html_text) <= TELEGRAM_LIMIT - 96


def explain_html(lang: str, codes: Sequence[str], *, company_rules: bool = False) -> str:
    """For each issue code: what the customer hears, and a before/after example."""
    if not codes and not company_rules:
        return t(lang, "explain_none")
    labels = LABELS.get(lang, LABELS["ru"])
    blocks: list[str] = [t(lang, "explain_title")]
    if company_rules:
        blocks.append(f"<b>{esc(plain(lang, 'style_title'))}</b>\n{esc(STYLEGUIDE.get(lang, STYLEGUIDE['ru'])[0])}")
    for code in dict.fromkeys(codes):
        if code not in EXPLAIN:
            continue
        hears, before, after = EXPLAIN[code].get(lang) or EXPLAIN[code]["ru"]
        blocks.append(
            f"<b>{esc(issue_entry(code, lang).title)}</b>\n{esc(hears)}\n"
            f"{esc(labels['before'])}: <i>{esc(before)}</i>\n{esc(labels['after'])}: <i>{esc(after)}</i>"
        )
    return "\n\n".join(blocks)
