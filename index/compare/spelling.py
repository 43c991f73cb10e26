"""One name spelled two ways: "Qaddafi" and "Gadhafi", "Sutherland Springs"
and "Southerland Springs".

Two sentences that say the same thing are lined up word by word; where one
has a capitalised word and the other a different one in the same place,
spelled alike but not the same, and neither article ever writes the other's
form, the outlets spell one name differently. A transliteration counts (a
fact-checker wants to see it); a nickname ("Chuck"/"Charles"), an
abbreviation ("Ft."/"Fort", "Tex."/"Texas"), a plural or a possessive does
not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from whoosh.lang.porter import stem

from .features import STOP, words
from .model import Passage
from .values import MONTHS, WEEKDAYS

MIN_LENGTH = 4
"""Shorter words are initials, abbreviations and nicknames ("Ft", "Liz")."""
MAX_GAP = 4
"""Words in a differing stretch where any two may be one name respelled."""
MAX_ANCHORED_GAP = 8
"""In a longer stretch, only words right next to a shared word on the same
side ("in Sutherland Springs" / "the small town of Southerland Springs")."""


@dataclass(frozen=True)
class Spelling:
    """A stretch of one passage naming what the other passage names differently."""

    passage: Passage
    start: int
    end: int
    text: str
    left: str
    """The words just before it that both passages share ('First Baptist Church in')."""
    right: str


def spelling_pairs(a: Passage, b: Passage, vocabulary: dict[str, set[str]]) -> list[tuple[Spelling, Spelling]]:
    """Names a and b spell differently; `vocabulary` is each article's set of
    lower-cased words, so a form either article also uses is not a dispute."""
    tokens_a, tokens_b = words(a.text), words(b.text)
    lower_a = [w.lower() for _, _, w in tokens_a]
    lower_b = [w.lower() for _, _, w in tokens_b]
    found = []
    matcher = SequenceMatcher(None, lower_a, lower_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > MAX_ANCHORED_GAP or j2 - j1 > MAX_ANCHORED_GAP:
            continue
        if i1 == 0 and i2 == len(tokens_a):
            continue  # no shared word on either side: not in the same place
        small = i2 - i1 <= MAX_GAP and j2 - j1 <= MAX_GAP and i1 > 0
        anchored = [(i1, j1)] if i1 > 0 else []
        if i2 < len(tokens_a) and j2 < len(tokens_b):
            anchored.append((i2 - 1, j2 - 1))
        options = [(i, j) for i in range(i1, i2) for j in range(j1, j2)] if small else anchored
        pairs = [(i, j) for i, j in options
                 if _respelled(tokens_a[i][2], tokens_b[j][2], vocabulary[a.article], vocabulary[b.article])]
        if not pairs:
            continue
        first_a, last_a = min(i for i, _ in pairs), max(i for i, _ in pairs)
        first_b, last_b = min(j for _, j in pairs), max(j for _, j in pairs)
        left, right = _surroundings(a.text, tokens_a, i1, i2)
        found.append((_span(a, tokens_a, first_a, last_a, left, right), _span(b, tokens_b, first_b, last_b, left, right)))
    return found


def _surroundings(text: str, tokens: list, i1: int, i2: int) -> tuple[str, str]:
    """The shared words either side of a differing stretch, as written,
    within its clause: ('Baptist Church in', 'Springs')."""
    left = text[tokens[max(0, i1 - 3)][0]:tokens[i1 - 1][1]] if i1 > 0 else ""
    left = re.split(r"[,;:()\[\]—–\"“”]", left)[-1].strip()
    after = re.split(r"[,;:()\[\]—–.!?\"“”]", text[tokens[i2 - 1][1]:].lstrip(" )"))[0]
    right = " ".join(w for _, _, w in words(after)[:2])
    return left, right


def named_pairs(a: tuple[str, str, list[Passage]], b: tuple[str, str, list[Passage]],
                vocabulary: dict[str, set[str]]) -> list[tuple[Spelling, Spelling]]:
    """Names the two articles spell differently next to the same other name,
    wherever they stand: "Reince Preibus" / "Reince Priebus", "Sutherland
    Springs" / "Southerland Springs". Each of a and b is (article id, body,
    passages)."""
    index_a, index_b = _name_contexts(a[1]), _name_contexts(b[1])
    found: dict[tuple[str, str], tuple[Spelling, Spelling]] = {}
    for context in index_a.keys() & index_b.keys():
        for x, (xs, xe) in index_a[context].items():
            for y, (ys, ye) in index_b[context].items():
                if (x, y) in found or not _respelled(a[1][xs:xe], b[1][ys:ye], vocabulary[a[0]], vocabulary[b[0]]):
                    continue
                left, right = (context[1], "") if context[0] == "L" else ("", context[1])
                spans = [_body_span(article, start, end, left, right)
                         for article, start, end in ((a, xs, xe), (b, ys, ye))]
                if spans[0] and spans[1]:
                    found[(x, y)] = (spans[0], spans[1])
    return list(found.values())


def _name_contexts(body: str) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
    """(side, the capitalised word right beside it) -> capitalised word ->
    its first offsets there: ('L', 'Reince') -> {'priebus': (s, e)}."""
    tokens = words(body)
    index: dict[tuple[str, str], dict[str, tuple[int, int]]] = {}
    for n, (start, end, word) in enumerate(tokens):
        if not word[:1].isupper():
            continue
        for side, m in (("L", n - 1), ("R", n + 1)):
            if not 0 <= m < len(tokens):
                continue
            s2, e2, other = tokens[m]
            gap = body[e2:start] if side == "L" else body[end:s2]
            if (other[:1].isupper() and other.lower() not in STOP and other.lower() not in _TITLES
                    and gap.strip() == "" and "\n" not in gap):
                index.setdefault((side, other), {}).setdefault(word.lower(), (start, end))
    return index


def _body_span(article: tuple[str, str, list[Passage]], start: int, end: int, left: str, right: str) -> Spelling | None:
    passage = next((p for p in article[2] if p.start <= start and end <= p.end), None)
    if passage is None:
        return None
    return Spelling(passage, start, end, article[1][start:end], left, right)


def _span(passage: Passage, tokens: list, first: int, last: int, left: str, right: str) -> Spelling:
    start, end = tokens[first][0], tokens[last][1]
    return Spelling(passage, passage.start + start, passage.start + end, passage.text[start:end], left, right)


def _respelled(x: str, y: str, vocabulary_x: set[str], vocabulary_y: set[str]) -> bool:
    if not (x[:1].isupper() and y[:1].isupper()) or len(x) < MIN_LENGTH or len(y) < MIN_LENGTH:
        return False
    lx, ly = _plain(x), _plain(y)
    if lx in _CALENDAR or ly in _CALENDAR:
        return False  # "Tuesday"/"Thursday": a date, not a name
    if lx == ly or lx.startswith(ly) or ly.startswith(lx) or lx in STOP or ly in STOP:
        return False  # a plural, possessive, abbreviation or short form
    bx, by = _SUFFIX.sub("", lx), _SUFFIX.sub("", ly)
    sx, sy = stem(lx), stem(ly)
    if bx.startswith(by) or by.startswith(bx) or sx.startswith(sy) or sy.startswith(sx):
        return False  # one word in two forms: "Mexican"/"Mexico", "Senate"/"Senator"
    if x.lower() in vocabulary_y or y.lower() in vocabulary_x:
        return False  # both articles know both forms: two names
    if not (x.isalpha() and y.isalpha()) or x.isupper() or y.isupper():
        return False  # acronyms are not spelled, they are chosen
    return _distance(lx, ly) <= max(1.0, min(len(lx), len(ly)) / 4)


_SUFFIX = re.compile(r"(?:ians?|ans?|ese|ish|ics?|ists?|ites?|ers?|ern|is|es|s|i)$")
"""Endings that make a people, a plural or an adjective of a name."""


_TITLES = frozenset(
    "president vice senator sen rep representative congressman congresswoman gov governor mr mrs ms miss dr "
    "judge justice speaker leader secretary chairman chairwoman chair minister prime king queen prince princess "
    "pope mayor director chief general gen col lt sgt adm admiral officer attorney former first lady sir lord dame "
    "rev reverend father sister st saint the republican democrat democratic gop conservative liberal".split()
)
"""Words before a name that many people share: "President Ronald Reagan" and
"President Donald Trump" are two people, not one spelled two ways."""
_CALENDAR = frozenset(w.lower() for w in WEEKDAYS) | frozenset(MONTHS)


def _plain(word: str) -> str:
    """Lower case, no possessive, no accents: "Sánchez" is "Sanchez" in
    another house style, not another spelling."""
    word = unicodedata.normalize("NFKD", re.sub(r"['’]s$", "", word.lower()))
    return "".join(c for c in word if not unicodedata.combining(c))


_ALIKE = [frozenset("aeiouy"), frozenset("cgkq"), frozenset("sz"), frozenset("dt"), frozenset("fv")]
"""Letters transliterations swap ("Kiev"/"Kyiv", "Qaddafi"/"Gadhafi"): half an edit."""


def _distance(a: str, b: str) -> float:
    """Levenshtein distance, with the swaps of transliteration and a silent
    'h' counting half."""
    previous = [0.0] + [sum(_indel(c) for c in b[:j]) for j in range(1, len(b) + 1)]
    for ca in a:
        current = [previous[0] + _indel(ca)]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + _indel(ca), current[j - 1] + _indel(cb),
                               previous[j - 1] + _substitution(ca, cb)))
        previous = current
    return previous[-1]


def _indel(c: str) -> float:
    return 0.5 if c == "h" else 1.0


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if any(a in group and b in group for group in _ALIKE) else 1.0


def vocabulary(body: str) -> set[str]:
    """An article's words, lower-cased."""
    return {w.lower() for _, _, w in words(body)}
