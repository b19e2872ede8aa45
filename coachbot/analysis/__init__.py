"""The analyzer: a draft in, the issues the customer would feel out (``Analysis``).

What other packages (the rewriter, the services) use is exported here; the modules behind it —
rules and their word lists, the tone model, scoring — are this package's own business.
"""

from coachbot.analysis.analyzer import Analyzer, DraftInput, validate_draft
from coachbot.analysis.errors import DraftError
from coachbot.analysis.rule_words import ACRONYM_OK
from coachbot.analysis.rules import concrete_step, has_complaint, language_rules
from coachbot.analysis.text import morph_parse, split_sentences
from coachbot.analysis.types import Analysis, Issue, Strength

__all__ = [
    "ACRONYM_OK",
    "Analysis",
    "Analyzer",
    "DraftError",
    "DraftInput",
    "Issue",
    "Strength",
    "concrete_step",
    "has_complaint",
    "language_rules",
    "morph_parse",
    "split_sentences",
    "validate_draft",
]
