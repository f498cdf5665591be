"""Compatibility: entity recognition now lives in `parkgraph.extract` (one module per
recogniser under `extract/recognizers/`, the overlap policy in `extract/arbiter.py`)."""

from .extract.arbiter import prioritize_longest
from .extract.recognizer import Recognizer, recognize
from .extract.spans import Occupancy, Tokens

__all__ = ["Occupancy", "Recognizer", "Tokens", "prioritize_longest", "recognize"]
