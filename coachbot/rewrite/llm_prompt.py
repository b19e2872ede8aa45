"""Build the chat messages for the LLM: masked draft and context, passed as data.

The draft, the customer's message, the issues and the style guide go inside
tags the system message declares to be data; anything that looks like one of
those tags inside the data is defused, so a draft cannot close its own tag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coachbot.analysis import Analysis
from coachbot.privacy.masking import Masker
from coachbot.rewrite.prompts import DATA_GUARD, SYSTEM, USER, render
from coachbot.taxonomy import issue_entry

LANGUAGE_NAMES = {"ru": "русский (Russian)", "en": "английский (English)"}
_TAG = re.compile(r"<\s*/?\s*(draft|context|issues|style_guide)\b", re.IGNORECASE)
NONE = {"ru": "(нет)", "en": "(none)"}


def defuse(text: str) -> str:
    return _TAG.sub(lambda m: m.group(0).replace("<", "‹"), text)


def tagged(tag: str, text: str) -> str:
    return f"<{tag}>\n{defuse(text)}\n</{tag}>"


def issues_block(analysis: Analysis, masker: Masker) -> str:
    lines = []
    for issue in analysis.issues:
        entry = issue_entry(issue.code, analysis.language)
        lines.append(f"- {issue.code}: «{masker.mask(issue.quote)}» — {entry.explanation}")
    return "\n".join(lines) or NONE.get(analysis.language, NONE["en"])


def build_messages(
    analysis: Analysis,
    masker: Masker,
    templates: dict[str, str],
    styles: Sequence[str],
    style_guide: str = "",
) -> list[dict[str, str]]:
    """System and user messages; every value that came from a person is masked and tagged."""
    language = analysis.language
    none = NONE.get(language, NONE["en"])
    draft = masker.mask(analysis.text)
    context = masker.mask(analysis.context) if analysis.context else none
    values = {
        "draft": tagged("draft", draft),
        "context": tagged("context", context),
        "issues": tagged("issues", issues_block(analysis, masker)),
        "style_guide": tagged("style_guide", masker.mask(style_guide.strip()) if style_guide.strip() else none),
        "language": LANGUAGE_NAMES.get(language, language),
        "styles": ", ".join(styles),
    }
    guard = DATA_GUARD.get(language, DATA_GUARD["en"])
    system = render(templates[SYSTEM], **values).rstrip() + "\n\n" + guard
    user = render(templates[USER], **values).rstrip()
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
