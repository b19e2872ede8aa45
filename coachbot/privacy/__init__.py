"""Personal data never leaves the machine unmasked."""

from coachbot.privacy.masking import Masked, Masker, mask, mask_text, unmask

__all__ = ["Masked", "Masker", "mask", "mask_text", "unmask"]
