"""Text analysis: named entities, dates, money, numbers, quotations and speakers.

`analyse(text)` runs the best installed engine. The built-in engine needs no
model; the `[nlp]` extra adds spaCy, used for entities where it is better and
combined with the built-in rules where it errs.
"""

from __future__ import annotations

from .engine import Engine, analyse, available_engines, get_engine
from .model import NAMED_LABELS, Analysis, Entity, Quote, SpeakerRef

__all__ = [
    "NAMED_LABELS", "Analysis", "Engine", "Entity", "Quote", "SpeakerRef", "analyse", "available_engines", "get_engine",
]
