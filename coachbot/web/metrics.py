"""Prometheus metrics of the bot, in a registry of its own (one per application)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

# An answer within a second is the promise; the buckets resolve around it.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """What an operator watches: drafts analysed, how fast, and what failed."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.drafts = Counter(
            "coachbot_drafts_analysed",
            "Drafts analysed, by the language of the draft",
            ["language"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "coachbot_analysis_seconds",
            "Seconds from a draft arriving to the first answer with its analysis",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.rewrites = Counter(
            "coachbot_rewrites",
            "Rewrites shown, by backend",
            ["backend"],
            registry=self.registry,
        )
        self.errors = Counter(
            "coachbot_errors",
            "Errors while handling updates, by kind",
            ["kind"],
            registry=self.registry,
        )
        self.updates = Counter(
            "coachbot_updates",
            "Updates received, by kind",
            ["kind"],
            registry=self.registry,
        )

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
