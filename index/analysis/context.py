"""Per-call state of the built-in recogniser, and the token look-ups its rules share.

One `Pass` is made for each text analysed and handed to every rule. Nothing
about a call is kept on the engine, so the one engine `get_engine()` caches
can analyse several texts at once from different threads.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .gazetteer import Gazetteer, name_key
from .model import Entity
from .text import TITLES as ABBREVIATED_TITLES
from .text import Token, tokenize

CONNECTORS = frozenset({"of", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn",
                        "van", "von", "der", "den", "for", "on", "the", "y"})
"""Lower-case words that may join the parts of a name ("Bank of England", "Osama bin Laden")."""

PARTICLES = frozenset({"de", "del", "della", "da", "di", "du", "la", "le", "van", "von", "der", "den", "bin", "ibn",
                       "al", "el", "y", "dos", "das"})
"""Lower-case words inside a person's name ("Bill de Blasio", "Osama bin Laden")."""

CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()
)
"""Days and months: a connector before one ("Wang on Friday") joins no name."""

Known = tuple[int, str, str]
"""A gazetteer name at a token: (length in tokens, label, canonical)."""


@dataclass(slots=True)
class Span:
    """A name found by the rules, in token indexes [start, end)."""

    start: int
    end: int
    label: str
    canonical: str = ""
    titled: bool = False
    """A title named it a person ("Mr. Trump", "Sen. Graham"): its one word is a surname."""


@dataclass(slots=True)
class Pass:
    """Everything one call of the recogniser knows and finds about its text."""

    gaz: Gazetteer
    heads: frozenset[str]
    """Last words that make a run a place, organisation or event, never a person."""
    text: str
    tokens: list[Token]
    sentence_starts: set[int]
    shouting: list[bool]
    """Per token: does it sit on a headline line, where capitals say nothing?"""
    lower_words: set[str]
    """Words the text also writes in lower case: common words, not names."""
    spans: list[Span] = field(default_factory=list)
    person_next: bool = False
    """A title was just read: the next capitalised run is a person."""
    run_end: int = 0
    """End of the capitalised run at the token the name rules are looking at."""
    known: Known | None = None
    """The known name starting at that token."""
    _known: dict[int, Known | None] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, gaz: Gazetteer, heads: frozenset[str]) -> Pass:
        tokens = tokenize(text)
        return cls(
            gaz=gaz,
            heads=heads,
            text=text,
            tokens=tokens,
            sentence_starts=sentence_starts(text, tokens),
            shouting=headline_tokens(text, tokens),
            lower_words={t.text for t in tokens if t.text[:1].islower()},
        )

    def entity(self, span: Span) -> Entity:
        start, end = self.tokens[span.start].start, self.tokens[span.end - 1].end
        value = self.text[start:end]
        return Entity(start, end, value, span.label, span.canonical or value)

    def words(self, start: int, end: int) -> list[str]:
        return [t.text for t in self.tokens[start:end]]

    def same_line(self, before: Token, after: Token) -> bool:
        return "\n" not in self.text[before.end:after.start]

    def known_at(self, i: int) -> Known | None:
        """Longest gazetteer name starting at token i (several rules ask: computed once)."""
        if i not in self._known:
            self._known[i] = self._longest_known(i)
        return self._known[i]

    def _longest_known(self, i: int) -> Known | None:
        gaz, tokens = self.gaz, self.tokens
        if name_key(tokens[i].text) not in gaz.first_words:
            return None
        words: list[str] = []
        best = None
        for j in range(i, min(len(tokens), i + gaz.longest)):
            text = tokens[j].text
            if text in ("'s", "’s") or not tokens[j].is_word:
                break
            words.append(text)
            hit = gaz.names.get(name_key(" ".join(words)))
            if hit:
                best = (j - i + 1, hit[0], hit[1])
        # A one-word name written in lower case is a common word ("china",
        # "turkey"); an acronym not in capitals is a word ("Who is ...").
        if best and best[0] == 1 and not tokens[i].text.isupper():
            if tokens[i].text.lower() == tokens[i].text or name_key(tokens[i].text) in gaz.acronym_keys:
                return None
        return best

    def capitalised_run(self, i: int, allow_connectors: bool = True, particles: bool = False) -> int:
        """End (exclusive) of the run of capitalised words starting at i;
        `particles` lets a person's name run on over "de", "bin", "van"."""
        tokens, text = self.tokens, self.text
        j = i
        n = len(tokens)
        while j < n:
            t = tokens[j]
            if j > i and tokens[j - 1].end < t.start and "\n" in text[tokens[j - 1].end:t.start]:
                break  # names never run across lines
            if t.is_word and t.is_capitalised:
                j += 1
                continue
            if t.text == "." and j > i and len(tokens[j - 1].text) == 1 and j + 1 < n and tokens[j + 1].is_capitalised:
                j += 1  # an initial: "A. Mullally"
                continue
            if (
                allow_connectors and t.text == "of" and j > i and j + 2 < n and tokens[j + 1].text == "the"
                and tokens[j - 1].text in self.gaz.org_heads  # "Department of the Treasury", not "X of the Y Court"
                and tokens[j + 2].is_capitalised and tokens[j + 2].is_word
                and tokens[j + 2].text not in CALENDAR_WORDS
            ):
                j += 2
                continue
            if (
                (allow_connectors or (particles and t.text in PARTICLES))
                and t.text in CONNECTORS
                and j + 1 < n
                and tokens[j + 1].is_capitalised
                and tokens[j + 1].is_word
                and tokens[j + 1].text not in CALENDAR_WORDS  # "Wang on Friday"
                and j > i
            ):
                j += 1
                continue
            break
        return j

    def title_at(self, i: int) -> int:
        """Length of the person title ("Foreign Minister") starting at token i, else 0.

        An abbreviated title takes its full stop with it ("Mr." "Sen." "Gov."),
        so the name after it is still read as a person's."""
        tokens = self.tokens
        if i + 1 < len(tokens) and tokens[i + 1].text == "." and tokens[i].end == tokens[i + 1].start:
            if (tokens[i].text + ".",) in self.gaz.titles_by_first_word.get(tokens[i].text + ".", ()):
                return 2
            if (tokens[i].text,) in self.gaz.titles_by_first_word.get(tokens[i].text, ()) and (
                tokens[i].text.lower() in ABBREVIATED_TITLES  # "Mr. Trump"; not "Hi, Congressman. How are you?"
            ):
                return 2
        for title in self.gaz.titles_by_first_word.get(self.tokens[i].text, ()):
            size = len(title)
            if tuple(t.text for t in self.tokens[i:i + size]) == title:
                return size
        return 0


_SENTENCE_OPENERS = frozenset((".", "!", "?", ":", "…", "“", "\"", "(", "—", "-"))


def sentence_starts(text: str, tokens: list[Token]) -> set[int]:
    """Indexes of tokens that start a sentence or a line, where capitals say little."""
    starts = {0}
    for k in range(1, len(tokens)):
        previous, token = tokens[k - 1], tokens[k]
        if previous.text in _SENTENCE_OPENERS or (previous.end < token.start and "\n" in text[previous.end:token.start]):
            starts.add(k)
    return starts


_LINE = re.compile(r"[^\n]+")
_LINK_WORDS = ("of", "and", "the", "in", "to", "for", "on", "with")


def headline_tokens(text: str, tokens: list[Token], all_caps: bool = True) -> list[bool]:
    """Per token: does it sit on a line where capitals carry no information
    (mostly ALL CAPS, or Title Case Of Every Word)?"""
    flags = [False] * len(tokens)
    starts = [t.start for t in tokens]
    for line in _LINE.finditer(text):
        line_start, k = bisect_left(starts, line.start()), bisect_left(starts, line.end())
        if k - line_start >= 3 and _is_headline(text, tokens[line_start:k], all_caps):
            flags[line_start:k] = [True] * (k - line_start)
    return flags


def _is_headline(text: str, line: list[Token], all_caps: bool) -> bool:
    words = [t.text for t in line if t.is_word]
    if len(words) < 3:
        return False
    caps = titled = long_words = 0
    for word in words:
        if len(word) > 3:
            long_words += 1
            titled += word[0].isupper()
        caps += len(word) > 1 and word.isupper()
    if all_caps and caps >= 0.6 * len(words):
        return True
    if titled != long_words or len(words) > 20:
        return False
    return long_words >= 6 or _is_heading(text[line[0].start:line[-1].end], words, long_words)


def _is_heading(line_text: str, words: list[str], long_words: int) -> bool:
    """A section heading ("Complex History of Russia and Afghanistan"), not
    a results line ("Jesper Parnevik ( Sweden ) 69 70"): no digits or
    brackets, no closing punctuation, a lower-case link word."""
    return (
        long_words >= 3
        and not re.search(r"[\d()]|[.!?:;,\"”’]$", line_text)
        and any(w in _LINK_WORDS for w in words)
    )
