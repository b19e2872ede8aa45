"""The human-readable analysis report for a terminal."""

from __future__ import annotations

from coachbot.analysis.types import Analysis
from coachbot.taxonomy import issue_entry, strength_title

LABELS = {
    "ru": {
        "score": "Оценка",
        "good": "можно отправлять",
        "coach": "стоит доработать",
        "issues": "Что стоит поправить",
        "why": "Почему",
        "how": "Как лучше",
        "strengths": "Что уже хорошо",
        "clean": "Замечаний нет — ответ звучит заботливо и по делу.",
        "model": "модель",
    },
    "en": {
        "score": "Score",
        "good": "ready to send",
        "coach": "worth another look",
        "issues": "What to fix",
        "why": "Why",
        "how": "Try",
        "strengths": "What already works",
        "clean": "Nothing to fix: the reply sounds caring and to the point.",
        "model": "model",
    },
}


def bar(score: int, width: int = 10) -> str:
    filled = round(score / 100 * width)
    return "■" * filled + "□" * (width - filled)


def render(analysis: Analysis, language: str | None = None) -> str:
    lang = language or analysis.language
    t = LABELS.get(lang, LABELS["ru"])
    verdict = t["coach"] if analysis.needs_coaching else t["good"]
    lines = [f"{t['score']}: {analysis.score}/100 {bar(analysis.score)}  {verdict}", ""]
    if analysis.issues:
        lines.append(f"{t['issues']}:")
        for n, issue in enumerate(analysis.issues, start=1):
            entry = issue_entry(issue.code, lang)
            lines.append(f" {n}. {entry.title}")
            lines.append(f"    «{issue.quote}»")
            lines.append(f"    {t['why']}: {issue.explanation}")
            lines.append(f"    {t['how']}: {issue.suggestion}")
        lines.append("")
    else:
        lines += [t["clean"], ""]
    if analysis.strengths:
        lines.append(f"{t['strengths']}:")
        for s in analysis.strengths:
            lines.append(f" ✓ {strength_title(s.code, lang)}: «{s.quote}»")
        lines.append("")
    lines.append(f"({t['model']}: {analysis.model.name} {analysis.model.version})")
    return "\n".join(lines)
