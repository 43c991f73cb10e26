"""Stories: articles from different outlets that cover the same event."""

from __future__ import annotations

from .signature import Signature, signature_of
from .store import Story, StoryError, StoryStore

__all__ = ["Signature", "Story", "StoryError", "StoryStore", "signature_of"]
