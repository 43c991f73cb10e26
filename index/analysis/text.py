"""Tokens and sentences with character offsets, as the analysers need them."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Words (with inner hyphens, apostrophes and dots: "al-Qaeda", "O'Brien",
# "U.S"), a possessive "'s" on its own, or one punctuation mark.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}(?![A-Za-z])"  # acronyms with dots: U.S., U.N.
    r"|[^\W\d_](?:[\w\-‐]|['’](?=[^\W\d_]{2,})|\.(?=[^\W\d_]\.?))*|['’]s\b|\d[\d,.:/]*\d|\d|[^\w\s]"
)

# Abbreviations that always lead into a name or a number: a dot after them
# never ends a sentence ("Sen. Warren", "Ft. Bragg", "Cong. Smith", "vs.").
TITLES = frozenset(
    "mr mrs ms messrs mmes dr prof gen col capt cpt lt sgt maj adm cmdr cpl pvt brig gov sen rep reps sens "
    "cong atty supt det insp rev fr msgr hon pres amb mt vs mssrs".split()
)
# Abbreviations that lead into a number ("No. 10", "Jan. 5", "Vol. 2"): only
# before a digit is the dot not a full stop ("He said no. Then ...").
BEFORE_NUMBER = frozenset("no nos vol pp fig art jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations that may end a sentence: companies, suffixes, places and
# dotted initialisms ("Acme Inc.", "King Jr.", "Sacramento, Calif.",
# "D-N.Y.", "the U.S."). The dot ends the sentence only when an ordinary
# sentence opener follows ("... born in the U.S. The family ...").
AMBIGUOUS = frozenset(
    "jr sr inc ltd co corp cos llc plc bros etc al st ste ave blvd rd ft dept univ est approx "
    "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev "
    "okla ore pa tenn tex vt va wash wis wyo".split()
)
ABBREVIATIONS = TITLES | BEFORE_NUMBER | AMBIGUOUS
# Words that open sentences; after an ambiguous abbreviation they mean the
# sentence did end there.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you his her its their our my your this that these those there here "
    "but and or so yet in on at for from with by after before when while as if however meanwhile also "
    "then some many most all one both no not now still since though although because what which who "
    "where why how earlier later last next nothing nobody none every each such".split()
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")
class Token:
    """A token and its offsets; the flags are computed once (the recogniser
    reads them hundreds of thousands of times a second)."""

    __slots__ = ("text", "start", "end", "is_capitalised", "is_word")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        first = text[0]  # tokens are never empty
        self.is_capitalised = first.isupper()
        self.is_word = first.isalpha()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[\"“‘'(\[A-Z0-9])|[.!?…]+(?=[\"”][A-Z])|\n\s*\n|\n")


def sentence_spans(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets; never split inside a `protected` span.

    Quotations are protected so that a quote holding several sentences
    stays in the sentence that introduces or attributes it.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        closing = _closing_quote_after(text, match)
        if closing is not None:
            # 'is wrong. "Perry is ...' where that quote mark closes the
            # quotation: the break goes after the mark, not before it.
            if any(s < closing < e for s, e in protected) or _continues(text, start, match):
                continue
            end = closing + 1
        elif any(s < match.start() < e for s, e in protected):
            continue
        elif _continues(text, start, match):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


_GLUED_QUOTE = re.compile(r"[ \t]*[\"”](?=[A-Z])")


def _closing_quote_after(text: str, match: re.Match[str]) -> int | None:
    """Where a closing quote mark stands after this full stop, glued to the
    next sentence ('wrong. "Perry ...', 'wrong.”Perry ...'), else None.
    A straight mark closes when the paragraph has an odd number before it."""
    if match.group()[-1:] not in ".!?…":
        return None
    glued = _GLUED_QUOTE.match(text, match.end())
    if not glued:
        return None
    at = glued.end() - 1
    if text[at] == "”":
        return at
    paragraph = text.rfind("\n", 0, at) + 1
    return at if text.count('"', paragraph, at) % 2 == 1 else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ATTRIBUTION_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|wrote|writes|tweeted|posted|replied|shouted|yelled|"
    "declared|insisted|explained|warned|stated|recalled|continued|argued|noted|cried|answered|urged|"
    "claimed|responded|acknowledged|admitted|conceded|announced|exclaimed|whispered"
)
# Where and when it was said, ending the attribution's sentence: 'Obama wrote
# in a letter delivered Tuesday.' (no "that", no new quote: a clause of its
# own would make it a sentence of its own).
_ADJUNCT = (
    r"\s+(?:in|on|at|during|from|via|through|before|after|late|early|earlier|later|yesterday|today|"
    r"tonight|last|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?:(?!\bthat\b)[^.!?\"“”\n]){0,80}?(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Ft))[.!?](?=\s|$)"
)
# What follows a closing quote when it is the quote's attribution: "he said",
# "Trump said", "said Sen. Jane Doe", "the spokesman added".
_ATTRIBUTION = re.compile(
    rf"\s+(?:(?:{_ATTRIBUTION_VERBS})\b"
    rf"|(?!(?:That|This|It|There|What|Which|Needless|Enough)\s)(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Z][\w.’'\-]*\s+){{0,4}}(?:{_ATTRIBUTION_VERBS})\b(?P<after>\s*[.,;!?]|{_ADJUNCT})?(?!\s*:))"
)
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]*([\w’'\-]+)")


def _continues(text: str, start: int, match: re.Match[str]) -> bool:
    """Does the sentence go on past this full stop? After an abbreviation or
    an initial, or when a quote ending in it is attributed next."""
    mark = match.group()
    after = text[match.end():]
    if not mark.startswith("\n") and mark[-1] in "\"”’'" and len(mark) > 1:
        attribution = _ATTRIBUTION.match(after)
        # '"We will win!" Trump said.' / '"Why?" asked Smith.': one sentence.
        # After a full stop only an attribution that ends there continues
        # ('"Stop." He said it twice.' stays two); one opening a new quote
        # ('"Why not?" He said: "We need winners."') starts a sentence.
        if attribution and (mark[0] in "!?…" or attribution.group("after")):
            return True
        if mark[0] != ".":
            return False
    if not mark.startswith("."):
        return False
    word = re.search(r"([\w.]+)\.*$", text[start:match.start() + 1])
    if not word:
        return False
    token = word.group(1).rstrip(".")
    lower = token.lower()
    nxt = _NEXT_WORD.match(after)
    next_word = nxt.group(1) if nxt else ""
    if lower in TITLES:
        return True
    if lower in BEFORE_NUMBER:
        return next_word[:1].isdigit()
    if re.fullmatch(r"[A-Z]", token):
        return True  # an initial: "J. K. Rowling"
    if lower in AMBIGUOUS or _DOTTED.fullmatch(token + "."):
        # "in Concord, Calif. Dukes is ...": a place closing its ", State."
        # ends the sentence (mid-sentence it takes another comma).
        if next_word.lower() in TITLES:
            return True  # "..., U.S. Sen. Marco Rubio said"
        if text[:start + word.start(1)].endswith(", ") and next_word[:1].isupper():
            return False
        return re.split(r"['’]", next_word.lower())[0] not in SENTENCE_OPENERS
    return False
