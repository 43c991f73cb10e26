"""'Did you mean' and fuzzy matching without an unstemmed spelling field.

Whoosh can keep an unstemmed twin of each text field for suggestions, but it
costs most of the ingest throughput. Instead, candidates come from the
stemmed lexicon (stems within a small edit distance of the typed word and of
its stem, sharing its first letter), and each candidate stem is turned back
into the word people actually write by looking at one article that uses it.
Correcting stems directly would propose stems ('govern', 'given'), not words.
"""

from __future__ import annotations

from collections import Counter

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .schema import TEXT_ANALYZER

MAX_CANDIDATES = 12


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


def similar_stems(reader: IndexReader, fieldname: str, word: str, maxdist: int, prefix: int = 1) -> set[str]:
    """Stems in `fieldname` within `maxdist` edits of `word` or of its stem."""
    word = word.lower()
    found: set[str] = set()
    for probe in {word, stem(word)}:
        found.update(reader.terms_within(fieldname, probe, maxdist, prefix=prefix))
    return found


def surface_form(searcher: Searcher, fieldname: str, term: str) -> str | None:
    """The commonest spelling of `term` in the first article that has it."""
    reader = searcher.reader()
    try:
        postings = reader.postings(fieldname, term)
    except Exception:  # the term vanished (another writer removed it)
        return None
    if not postings.is_active():
        return None
    text = searcher.stored_fields(postings.id()).get(fieldname) or ""
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
    candidates = similar_stems(reader, fieldname, lower, maxdist=2)
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
