"""'Did you mean' and fuzzy matching without an unstemmed spelling field.

Whoosh can keep an unstemmed twin of each text field for suggestions, but it
costs most of the ingest throughput. Instead, candidates come from the
stemmed lexicon (stems within a small edit distance of the typed word and of
its stem, sharing its first letter), and each candidate stem is turned back
into the word people actually write by looking at one article that uses it.
Correcting stems directly would propose stems ('govern', 'given'), not words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from whoosh.automata.lev import levenshtein_automaton
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .schema import TEXT_ANALYZER

MAX_CANDIDATES = 12
MAX_EXAMINED_TERMS = 10_000
"""Candidate words a fuzzy lookup may read in order, per segment."""
MAX_SEEKS = 200
"""Lexicon seeks (0.3-1 ms each) when there are more candidates than that:
enough for most words within 2 edits."""


def stem(word: str) -> str:
    tokens = [t.text for t in TEXT_ANALYZER(word)]
    return tokens[0] if tokens else word.lower()


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Similar:
    """Stems near a word, and whether looking for them was cut short."""

    stems: set[str]
    complete: bool = True


def similar_stems(
    reader: IndexReader,
    fieldname: str,
    word: str,
    maxdist: int,
    prefix: int = 1,
    *,
    max_examined: int | None = None,
    expired: Callable[[], bool] = lambda: False,
) -> Similar:
    """Stems in `fieldname` within `maxdist` edits of `word` or of its stem.

    Only words sharing the first `prefix` letters are candidates. Up to
    `max_examined` of them per segment are read in one pass; beyond that the
    automaton seeks from match to match, at most `MAX_SEEKS` times. Either
    stops once `expired()` is true; `complete` says whether every match was found.
    """
    word = word.lower()
    limit = MAX_EXAMINED_TERMS if max_examined is None else max_examined
    found = Similar(set())
    probes = {word, stem(word)}
    for leaf, _ in reader.leaf_readers():
        if fieldname not in leaf.schema:
            continue
        for start in {probe[:prefix] for probe in probes}:
            words, complete = _candidates(leaf, fieldname, start, limit, expired)
            for probe in (p for p in probes if p.startswith(start)):
                dfa = levenshtein_automaton(probe, maxdist, prefix).to_dfa()
                if complete:
                    found.stems.update(_within(words, dfa))
                    continue
                # Too many candidates to read: seek from match to match instead.
                stems, done = _seek_within(dfa, leaf.cursor(fieldname), MAX_SEEKS, expired)
                found.stems.update(stems)
                found.complete = found.complete and done
    return found


def _candidates(
    leaf: IndexReader, fieldname: str, start: str, limit: int, expired: Callable[[], bool]
) -> tuple[list[str], bool]:
    """The segment's words beginning with `start`, in order, at most `limit`.

    Read in one sequential pass: whoosh3's cursor seeks, which its own
    automaton walk makes for every skip, cost a third of a millisecond each,
    and its multi-segment reader measures the distance to every word instead.
    """
    words: list[str] = []
    for count, btext in enumerate(leaf.expand_prefix(fieldname, start), 1):
        if count > limit or (count % 256 == 0 and expired()):
            return words, False
        words.append(btext.decode("utf-8"))
    return words, True


def _within(words: list[str], dfa) -> list[str]:
    """Words of the sorted list `words` the Levenshtein automaton accepts: it
    proposes the next acceptable string, bisect finds where it would be."""
    found: list[str] = []
    index = 0
    match = dfa.next_valid_string(words[0]) if words else None
    while match:
        index = bisect_left(words, match, index)
        if index == len(words):
            break
        if words[index] == match:
            found.append(match)
            match = dfa.next_valid_string(match + "\0")
        else:
            match = dfa.next_valid_string(words[index])
    return found


def _seek_within(dfa, cursor, limit: int, expired: Callable[[], bool]) -> tuple[list[str], bool]:
    """`_within` over a segment's lexicon by cursor seeks (Whoosh's own walk),
    stopping after `limit` seeks; returns the words and whether it finished."""
    found: list[str] = []
    term = cursor.text()
    match = dfa.next_valid_string(term) if term is not None else None
    for _ in range(limit):
        if not match or expired():
            return found, not match
        cursor.find(match)
        term = cursor.text()
        if term is None:
            return found, True
        if term == match:
            found.append(term)
            term += "\0"
        match = dfa.next_valid_string(term)
    return found, not match


def surface_form(searcher: Searcher, fieldname: str, term: str) -> str | None:
    """The commonest spelling of `term` in the first article that has it."""
    reader = searcher.reader()
    try:
        postings = reader.postings(fieldname, term)
    except Exception:  # the term vanished (another writer removed it)
        return None
    if not postings.is_active():
        return None
    text = reader.stored_fields(postings.id()).get(fieldname) or ""
    forms = Counter(
        text[token.startchar:token.endchar].lower()
        for token in TEXT_ANALYZER(text, chars=True)
        if token.text == term
    )
    return forms.most_common(1)[0][0] if forms else None


def correct_word(searcher: Searcher, word: str, fieldname: str = "body") -> str | None:
    """The closest real word for a word the library does not contain, if any."""
    reader = searcher.reader()
    lower = word.lower()
    if reader.doc_frequency(fieldname, stem(lower)) or reader.doc_frequency("title", stem(lower)):
        return None
    candidates = similar_stems(reader, fieldname, lower, maxdist=2).stems
    ranked = sorted(candidates, key=lambda t: -reader.doc_frequency(fieldname, t))[:MAX_CANDIDATES]
    best: tuple[int, int, str] | None = None
    for term in ranked:
        form = surface_form(searcher, fieldname, term)
        if not form:
            continue
        distance = edit_distance(lower, form)
        if distance > 2:
            continue
        rank = (distance, -reader.doc_frequency(fieldname, term), form)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None
