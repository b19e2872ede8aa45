"""Raised when the configured tone model cannot be loaded."""


class ModelLoadError(RuntimeError):
    pass
