"""Passages that are page furniture or too slight to be news on their own.

An "only this outlet" passage that is a byline, a photo caption, an
embedded tweet, a "Read more" link, a sign-off or a sentence of a few
words tells a reader nothing about how outlets differ; such passages are
kept but marked trivial, so findings collapse them.
"""

from __future__ import annotations

import re

SHORT_WORDS = 6
"""A passage this short is a fragment, a dateline or a sign-off."""
SLIGHT_WORDS = 10
"""Up to this long, a passage naming no one and giving no number is a
transition ("But other costs will be more permanent.")."""

# Furniture at the start of a passage.
_OPENERS = re.compile(
    r"^\W*(?:read (?:the full|more|the rest|it)|related(?: coverage| stories| articles)?\b|click here|sign up|"
    r"subscribe\b|follow (?:us|him|her|them|@)|like us on|watch:|listen:|see also|more:|advertisement|"
    r"this (?:story|article|post|report) (?:has been|was|is being) (?:updated|corrected|developing)|"
    r"updated? to (?:include|reflect|add|correct)|editor'?s note|correction:|clarification:|"
    r"(?:photo|image|video|picture)s?(?: credit)?\s*:|credit\s*:|contributing:|reporting by|editing by|"
    r"additional reporting|writing by|by [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*(?:$|,|\||and\b)|"
    r"copyright|©|all rights reserved|contact (?:the )?(?:author|reporter|us)|email (?:the author|us))",
    re.IGNORECASE,
)
# Furniture anywhere in a passage.
_ANYWHERE = re.compile(
    r"pic\.twitter\.com/|\bclick here\b|\(@\w+\)\s+\w+ \d{1,2}, \d{4}|https?://\S+$|"
    r"\b(?:contributed|contributing) to this (?:report|story|article)\b|"
    r"\b(?:AP|AFP|Getty|Reuters|EPA|Bloomberg)(?: Photo| Images)?/|\(AP Photo|Getty Images|"
    r"[a-z.]Credit[A-Z]|\bphoto(?:graph)? (?:by|courtesy|credit)\b|"
    r"\b(?:spoke|speaking) on (?:the )?condition of anonymity\b|"
    r"\bdid not (?:immediately )?(?:respond|return) (?:to )?(?:a |an )?(?:request|requests|call|calls|e-?mails?|messages?)",
    re.IGNORECASE,
)
_NAME_OR_NUMBER = re.compile(r"\d|(?<=\s)[A-Z][a-z]")


def is_furniture(text: str) -> bool:
    """A byline, caption, link, embedded tweet, sign-off or note on sourcing."""
    line = " ".join(text.split())
    return bool(_OPENERS.match(line) or _ANYWHERE.search(line))


def is_slight(text: str) -> bool:
    """Too short or too empty to be news on its own."""
    words = text.split()
    if len(words) <= SHORT_WORDS:
        return True
    # Past the first word, no capitalised name and no number.
    return len(words) <= SLIGHT_WORDS and not _NAME_OR_NUMBER.search(" " + " ".join(words[1:]))


def is_trivial(text: str) -> bool:
    return is_furniture(text) or is_slight(text)
