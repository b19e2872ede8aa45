"""coachbot: an empathy coach for frontline customer-service staff."""

__version__ = "0.1.0"
