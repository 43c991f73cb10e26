"""One name spelled two ways: "Qaddafi" and "Gadhafi", "Sutherland Springs"
and "Southerland Springs".

A capitalised word one article writes and the other never does, spelled
like one the other writes and the first never does, is one name spelled two
ways when the two stand in the same place: in two sentences that say much
the same, lined up word by word, or beside the same other name anywhere
("Reince Preibus" / "Reince Priebus"). A transliteration counts (a
fact-checker wants to see it); a nickname ("Chuck"/"Charles"), an
abbreviation ("Ft."/"Fort", "Tex."/"Texas"), a plural or a possessive does
not.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from whoosh.lang.porter import stem

from .align import PassageVectors
from .features import STOP, cosine, words
from .model import Conflict, Passage, Reading
from .values import MONTHS, WEEKDAYS

MIN_LENGTH = 4
"""Shorter words are initials, abbreviations and nicknames ("Ft", "Liz")."""
MAX_GAP = 4
"""Words in a differing stretch where any two may be one name respelled."""
SIMILARITY = 0.2
"""Sentences lined up word by word must say much the same."""
MAX_ANCHORED_GAP = 8
"""In a longer stretch, only words right next to a shared word on the same
side ("in Sutherland Springs" / "the small town of Southerland Springs")."""


Token = tuple[int, int, str]
SpanKey = tuple[str, int, int]


@dataclass(frozen=True)
class Spelling:
    """A stretch of one passage naming what another article names differently."""

    passage: Passage
    start: int
    end: int
    text: str
    left: str
    """The words just before it that both share ('First Baptist Church in')."""
    right: str


@dataclass
class _Text:
    """One article's words, as the spelling checks need them."""

    id: str
    body: str
    passages: list[Passage]
    tokens: list[Token]
    vocabulary: set[str] = field(default_factory=set)
    names: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    """Lower-cased capitalised word -> (as written, where it stands)."""
    beside: dict[str, dict[tuple[str, str], tuple[int, int]]] = field(default_factory=dict)
    """Lower-cased capitalised word -> (side, the name right beside it) -> its first offsets there."""


def spelling_conflicts(bodies: list[tuple[str, str]], pv: PassageVectors, position: dict[tuple[str, int], int]
                       ) -> list[Conflict]:
    """Names the articles ((id, body) each) spell differently, each with every
    article's spelling."""
    texts = [_text(article, body, pv.passages[article]) for article, body in bodies]
    spans: dict[SpanKey, Spelling] = {}
    parent: dict[SpanKey, SpanKey] = {}

    def find(k: SpanKey) -> SpanKey:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def link(x: Spelling, y: Spelling) -> None:
        kx, ky = (x.passage.article, x.start, x.end), (y.passage.article, y.start, y.end)
        if any(_overlaps(x, k) or _overlaps(y, k) for k in spans):
            return  # already found as part of a longer name
        spans.setdefault(kx, x)
        spans.setdefault(ky, y)
        parent[find(kx)] = find(ky)

    for i, one in enumerate(texts):
        for other in texts[i + 1:]:
            alike = _alike(one, other)
            if not alike:
                continue  # the usual case: nothing to line up
            for x, y in _in_like_sentences(one, other, alike, pv):
                link(x, y)
            for x, y in _beside_one_name(one, other, alike):
                link(x, y)
    groups: dict[SpanKey, list[Spelling]] = {}
    for key, span in spans.items():
        groups.setdefault(find(key), []).append(span)
    conflicts = []
    for group in groups.values():
        group.sort(key=lambda s: (position[(s.passage.article, s.passage.index)], s.start))
        if len({s.passage.article for s in group}) < 2 or len({s.text for s in group}) < 2:
            continue
        first = group[0]
        about = f"spelling: the name in “{' '.join(f'{first.left} … {first.right}'.split())}”"
        readings = [Reading(s.passage.article, s.start, s.end, s.text, value=s.text, context=s.passage.text)
                    for s in group]
        conflicts.append(Conflict(about, "name", readings))
    return conflicts


def _text(article: str, body: str, passages: list[Passage]) -> _Text:
    text = _Text(article, body, passages, words(body))
    tokens = text.tokens
    text.vocabulary = {w.lower() for _, _, w in tokens}
    for n, (start, end, word) in enumerate(tokens):
        if not word[:1].isupper():
            continue
        lower = word.lower()
        if len(word) >= MIN_LENGTH:
            text.names.setdefault(lower, (word, []))[1].append(start)
        for side, m in (("L", n - 1), ("R", n + 1)):
            if not 0 <= m < len(tokens):
                continue
            s2, e2, other = tokens[m]
            gap = body[e2:start] if side == "L" else body[end:s2]
            if (other[:1].isupper() and other.lower() not in STOP and other.lower() not in _TITLES
                    and gap.strip() == "" and "\n" not in gap):
                text.beside.setdefault(lower, {}).setdefault((side, other), (start, end))
    return text


def _alike(one: _Text, other: _Text) -> list[tuple[str, str]]:
    """Pairs of names, each written by one article only, spelled alike.

    Names are first paired by their skeleton (see _skeleton) give or take
    one letter, so most pairs are never compared letter by letter."""
    own_b: dict[str, set[str]] = {}
    for name in other.names:
        if name not in one.vocabulary:
            for variant in _variants(_skeleton(name)):
                own_b.setdefault(variant, set()).add(name)
    found = []
    for x in one.names:
        if x in other.vocabulary:
            continue
        candidates = set().union(*(own_b.get(v, set()) for v in _variants(_skeleton(x))))
        for y in sorted(candidates):
            if _respelled(one.names[x][0], other.names[y][0], one.vocabulary, other.vocabulary):
                found.append((x, y))
    return found


_SKELETON = str.maketrans("eiouyzcgqdv", "aaaaaskkktf", "h")


def _skeleton(name: str) -> str:
    """The name as transliterations agree on it: vowels alike, c/g/k/q
    alike, no 'h', no doubled letters ("Qaddafi", "Gadhafi" -> "katafa")."""
    plain = _plain(name).translate(_SKELETON)
    return re.sub(r"(.)\1+", r"\1", plain)


def _variants(skeleton: str) -> set[str]:
    """The skeleton and every form of it one letter short."""
    return {skeleton} | {skeleton[:i] + skeleton[i + 1:] for i in range(len(skeleton))}


def _in_like_sentences(one: _Text, other: _Text, alike: list[tuple[str, str]],
                       pv: PassageVectors) -> list[tuple[Spelling, Spelling]]:
    keys_a = _passages_with(one, {x for x, _ in alike}, pv)
    keys_b = _passages_with(other, {y for _, y in alike}, pv)
    found = []
    for a in keys_a:
        for b in keys_b:
            if cosine(pv.vectors[a], pv.vectors[b]) >= SIMILARITY:
                found += spelling_pairs(one.passages[a[1]], other.passages[b[1]], one.vocabulary, other.vocabulary)
    return found


def _passages_with(text: _Text, names: set[str], pv: PassageVectors) -> list[tuple[str, int]]:
    starts = [p.start for p in text.passages]
    found = set()
    for name in names:
        for offset in text.names[name][1]:
            index = bisect_right(starts, offset) - 1
            if index >= 0 and (text.id, index) in pv.vectors:
                found.add((text.id, index))
    return sorted(found)


def _beside_one_name(one: _Text, other: _Text, alike: list[tuple[str, str]]) -> list[tuple[Spelling, Spelling]]:
    """"Reince Preibus" / "Reince Priebus", "Sutherland Springs" /
    "Southerland Springs": the same name beside each, anywhere."""
    found = []
    for x, y in alike:
        shared = one.beside.get(x, {}).keys() & other.beside.get(y, {}).keys()
        if not shared:
            continue
        context = min(shared)
        left, right = (context[1], "") if context[0] == "L" else ("", context[1])
        spans = [_body_span(text, *text.beside[name][context], left, right)
                 for text, name in ((one, x), (other, y))]
        if spans[0] and spans[1]:
            found.append((spans[0], spans[1]))
    return found


def spelling_pairs(a: Passage, b: Passage, vocabulary_a: set[str], vocabulary_b: set[str]
                   ) -> list[tuple[Spelling, Spelling]]:
    """Names passages a and b spell differently in the same place; a form
    either article also uses elsewhere is not a dispute."""
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
                 if _respelled(tokens_a[i][2], tokens_b[j][2], vocabulary_a, vocabulary_b)]
        pairs = _one_name(pairs, a.text, tokens_a, b.text, tokens_b)
        if not pairs:
            continue
        first_a, last_a = min(i for i, _ in pairs), max(i for i, _ in pairs)
        first_b, last_b = min(j for _, j in pairs), max(j for _, j in pairs)
        left, right = _surroundings(a.text, tokens_a, i1, i2)
        found.append((_span(a, tokens_a, first_a, last_a, left, right), _span(b, tokens_b, first_b, last_b, left, right)))
    return found


_NAME_BREAK = re.compile(r"[()\[\]{},;:!?\"“”/|]")
"""Punctuation no name runs across: "(Libyan strongman Muammar) al-Qaddafi"
holds two names' worth of words, not one name with a bracket in it."""


def _one_name(pairs: list[tuple[int, int]], text_a: str, tokens_a: list, text_b: str, tokens_b: list
              ) -> list[tuple[int, int]]:
    """The respelled pairs that make one name: from the last pair back, as
    long as neither side's span crosses punctuation."""
    kept: list[tuple[int, int]] = []
    for pair in sorted(pairs, reverse=True):
        trial = kept + [pair]
        spans = ((text_a, tokens_a, [i for i, _ in trial]), (text_b, tokens_b, [j for _, j in trial]))
        if all(not _NAME_BREAK.search(text[tokens[min(ix)][0]:tokens[max(ix)][1]]) for text, tokens, ix in spans):
            kept = trial
    return kept


def _surroundings(text: str, tokens: list, i1: int, i2: int) -> tuple[str, str]:
    """The shared words either side of a differing stretch, as written,
    within its clause: ('Baptist Church in', 'Springs')."""
    left = text[tokens[max(0, i1 - 3)][0]:tokens[i1 - 1][1]] if i1 > 0 else ""
    left = re.split(r"[,;:()\[\]—–\"“”]", left)[-1].strip()
    after = re.split(r"[,;:()\[\]—–.!?\"“”]", text[tokens[i2 - 1][1]:].lstrip(" )"))[0]
    right = " ".join(w for _, _, w in words(after)[:2])
    return left, right


def _overlaps(span: Spelling, key: SpanKey) -> bool:
    """Does the span overlap another one (not itself) found before?"""
    return span.passage.article == key[0] and span.start < key[2] and key[1] < span.end and (
        (span.start, span.end) != (key[1], key[2]))


def _body_span(text: _Text, start: int, end: int, left: str, right: str) -> Spelling | None:
    passage = next((p for p in text.passages if p.start <= start and end <= p.end), None)
    if passage is None:
        return None
    return Spelling(passage, start, end, text.body[start:end], left, right)


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
    if x.lower() in vocabulary_y or y.lower() in vocabulary_x:
        return False  # both articles know both forms: two names
    if not (x.isalpha() and y.isalpha()) or x.isupper() or y.isupper():
        return False  # acronyms are not spelled, they are chosen
    if _distance(lx, ly, max(1.0, min(len(lx), len(ly)) / 4)) is None:
        return False
    bx, by = _SUFFIX.sub("", lx), _SUFFIX.sub("", ly)
    sx, sy = stem(lx), stem(ly)
    # One word in two forms: "Mexican"/"Mexico", "Senate"/"Senator".
    return not (bx.startswith(by) or by.startswith(bx) or sx.startswith(sy) or sy.startswith(sx))


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
_ALIKE_PAIRS = frozenset((a, b) for group in _ALIKE for a in group for b in group)
"""Letters transliterations swap ("Kiev"/"Kyiv", "Qaddafi"/"Gadhafi"): half an edit."""


def _distance(a: str, b: str, limit: float) -> float | None:
    """Levenshtein distance, with the swaps of transliteration and a silent
    'h' counting half; None as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) * 0.5 > limit:
        return None
    previous = [0.0]
    for c in b:
        previous.append(previous[-1] + _indel(c))
    for ca in a:
        current = [previous[0] + _indel(ca)]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + _indel(ca), current[j - 1] + _indel(cb),
                               previous[j - 1] + _substitution(ca, cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def _indel(c: str) -> float:
    return 0.5 if c == "h" else 1.0


def _substitution(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if (a, b) in _ALIKE_PAIRS else 1.0
