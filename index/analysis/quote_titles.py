"""Quoted titles: the names of shows, ads, books and films.

`NBC's "Today" show`, `an ad titled "Strong."`, `said on "Meet the Press"`:
the marks set off a name, not somebody's words, so the quote has no
speaker. A title is short and capitalised word by word, and its context
says it is a name: a possessive before it, a naming verb, a preposition
of appearing, or the kind of work before or after it ('the ad "Strong"').
"""

from __future__ import annotations

import re

MAX_TITLE_WORDS = 6
# Words a title leaves in lower case ("Face the Nation", "War on Religion").
_SMALL = frozenset("a an the of on in at to for and or but nor by with from as vs".split())
_WORD = re.compile(r"[^\W_][\w'’.-]*")
# The kind of work named: 'the "Today" show', 'the "Celebrity Apprentice" star'.
_WORK_AFTER = re.compile(
    r"[.,]?[”\"’]?\s*(?:show|program|programme|star|host|segment|series|ad|advert|advertisement|spot|film|movie|"
    r"book|memoir|novel|album|song|episode|broadcast|documentary|podcast|column|newsletter|play|musical)s?\b"
)
# What names a title before it: "NBC's", "titled", "called", "on", "told".
_NAMING_BEFORE = re.compile(
    r"(?:\b\w+['’]s|\b(?:titled|entitled|named|called|dubbed|on|told|in)(?:\s+(?:the|a|an))?"
    r"|\b(?:ad|show|program|programme|film|movie|book|song|album|series|documentary|podcast|column|episode))"
    r"\s*[“\"‘]$"
)


def is_title(text: str, start: int, end: int) -> bool:
    """Is text[start:end], a quoted passage (offsets inside the marks), a title?"""
    inner = text[start:end].strip().rstrip(".,")
    words = _WORD.findall(inner)
    if not words or len(words) > MAX_TITLE_WORDS or re.search(r"[!?;:]|[.,]\s", inner):
        return False
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words):
        return False
    if not words[0][:1].isupper() and not words[0][:1].isdigit():
        return False
    before = text[max(0, start - 40):start]
    return bool(_NAMING_BEFORE.search(before) or _WORK_AFTER.match(text, end))
