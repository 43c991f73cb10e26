"""Stories: articles from different outlets that cover the same event."""

from __future__ import annotations

from .signature import Signature, signature_of
from .store import Story, StoryError, StoryNotFound, StoryStore

__all__ = ["Signature", "Story", "StoryError", "StoryNotFound", "StoryStore", "signature_of"]
