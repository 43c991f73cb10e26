"""What one search may cost: fuzzy edits, term expansions and time.

Prefix, wildcard and fuzzy queries stand for every lexicon word they match.
Left to Whoosh, `?*` walks and unions the whole lexicon and `election~9`
builds an automaton for minutes. Here each such query is expanded once,
before the search runs, into a fixed list of words: the most common ones,
found by reading a bounded number of lexicon entries, within the search's
time budget. The word and entry limits are for the whole query, shared
evenly by its expansions. Every cut is reported as a note the user can read.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from whoosh import collectors, matching, query
from whoosh.reading import IndexReader

from ..schema import SEARCH_FIELDS
from ..spelling import similar_stems
from .bulk import PhraseCandidates, PhraseUnion, ScoredPostings
from .topn import OutOfTime, collect_phrase_union, collect_ranked, collect_top

TIME_BUDGET = 1.5
"""Seconds a search may take before it returns what it has found."""
MAX_FUZZY_EDITS = 2
"""Larger distances match most of the lexicon and take minutes to expand."""
MAX_EXPANSION_TERMS = 128
"""Words all the query's prefix, wildcard and fuzzy terms together stand for
(64 each for `govern*` searched in title and body). The most common words
carry nearly all of the ranking signal, and each costs a lexicon lookup per
segment before the first hit is found."""
MAX_EXAMINED_TERMS = 10_000
"""Lexicon entries all its expansions together may read, in alphabetical
order: a leading wildcard would otherwise walk the whole lexicon. Each costs
12 us on an idle machine and up to 70 us on a busy one (measured on BBC
libraries), so this is 0.1-0.7 s of the time budget."""
MIN_SHARE_TERMS = 8
MIN_SHARE_EXAMINED = 1_000


@dataclass(frozen=True)
class Share:
    """One expansion's part of the query's limits."""

    words: int
    examined: int

    @classmethod
    def of(cls, expansions: int) -> Share:
        parts = max(1, expansions)
        return cls(
            max(MIN_SHARE_TERMS, MAX_EXPANSION_TERMS // parts),
            max(MIN_SHARE_EXAMINED, MAX_EXAMINED_TERMS // parts),
        )


@dataclass
class Budget:
    """The time a search has left, and the notes explaining what was cut."""

    seconds: float
    started: float = field(default_factory=time.perf_counter)
    notes: list[str] = field(default_factory=list)
    ran_out: bool = False
    cuts: dict[str, tuple[Share, bool, bool]] = field(default_factory=dict)
    """Per expansion shown to the user: its share, too many matches, unfinished."""

    def expired(self) -> bool:
        if time.perf_counter() - self.started >= self.seconds:
            self.ran_out = True
        return self.ran_out

    def note(self, sentence: str) -> None:
        if sentence not in self.notes:  # title: and body: expand the same pattern
            self.notes.append(sentence)

    def cut(self, what: str, share: Share, too_many: bool, unfinished: bool) -> None:
        """Record an expansion that was limited; title: and body: merge."""
        _, was_too_many, was_unfinished = self.cuts.get(what, (share, False, False))
        self.cuts[what] = (share, too_many or was_too_many, unfinished or was_unfinished)

    def final_notes(self) -> list[str]:
        notes = list(self.notes)
        for what, (share, too_many, unfinished) in self.cuts.items():
            if unfinished:
                notes.append(
                    f"{what} needs more than {share.examined:,} words checked; "
                    f"searched the {f'{share.words} most common ' if too_many else ''}matches "
                    f"among the first {share.examined:,}"
                )
            elif too_many:
                notes.append(f"{what} matched too many words; searched the {share.words} most common")
        if self.ran_out:
            notes.append(f"search stopped after {self.seconds:g} s; results may be incomplete")
        return notes


class SpellingFuzzyTerm(query.FuzzyTerm):
    """Fuzzy matching that starts from the word as typed, not only its stem.

    Whoosh's FuzzyTerm compares the stemmed query word with stemmed index
    terms, so `goverment~` (stem `gover`) matches `over`. We also compare the
    unstemmed word and, as spelling correctors do, keep the first letter.
    `asked` is the distance typed, before it was capped.
    """

    asked: int = 1

    def _btexts(self, ixreader):
        stems = similar_stems(
            ixreader, self.fieldname, self.text, self.maxdist, prefix=max(1, self.prefixlength)
        ).stems
        return sorted(s.encode("utf-8") for s in stems)


Expandable = SpellingFuzzyTerm | query.Prefix | query.Wildcard


class ExpandedTerms(query.MultiTerm):
    """A prefix, wildcard or fuzzy term replaced by the words it was expanded to."""

    def __init__(self, original: Expandable, words: Iterable[bytes], budget: Budget) -> None:
        self.fieldname = original.fieldname
        self.boost = original.boost
        self.constantscore = getattr(original, "constantscore", True)
        self.original = original
        self.words = sorted(words)
        self.budget = budget

    def _btexts(self, ixreader: IndexReader) -> list[bytes]:
        return self.words

    def matcher(self, searcher, context=None):
        # Opening each word's postings costs a lookup per segment, before the
        # collector can look at the clock.
        if self.budget.expired():
            return matching.NullMatcher()
        from .bulk import bounded  # its bounds must hold beside exact ones
        from .expansions import expansion_matcher

        fast = expansion_matcher(self.fieldname, self.words, self.boost, self.constantscore, searcher, context)
        return fast if fast is not None else bounded(super().matcher(searcher, context))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExpandedTerms) and (self.original, self.words) == (other.original, other.words)

    def __hash__(self) -> int:
        return hash((self.original, tuple(self.words)))

    def __repr__(self) -> str:
        return f"ExpandedTerms({self.original!r}, {len(self.words)} words)"

    def __str__(self) -> str:
        return str(self.original)


def expand_query(q: query.Query, reader: IndexReader, budget: Budget) -> query.Query:
    """`q` with every prefix, wildcard and fuzzy term expanded within the limits."""
    share = Share.of(sum(1 for leaf in q.leaves() if _expandable(leaf)))

    def expand(node: query.Query) -> query.Query:
        if isinstance(node, SpellingFuzzyTerm):
            return ExpandedTerms(node, _fuzzy_words(node, reader, budget, share), budget)
        if isinstance(node, query.Prefix | query.Wildcard):  # Prefix is a PatternQuery too
            return ExpandedTerms(node, _pattern_words(node, reader, budget, share), budget)
        return node

    return q.accept(expand)


def _expandable(q: query.Query) -> bool:
    return isinstance(q, Expandable)


def _shown(q: Expandable, text: str) -> str:
    return text if q.fieldname in SEARCH_FIELDS else f"{q.fieldname}:{text}"


def _fuzzy_words(q: SpellingFuzzyTerm, reader: IndexReader, budget: Budget, share: Share) -> list[bytes]:
    shown = _shown(q, f"{q.text}~{q.maxdist}")
    if q.asked > q.maxdist:
        budget.note(f"fuzzy matching allows at most {MAX_FUZZY_EDITS} edits; searched {shown}")
    if budget.expired():
        return []
    similar = similar_stems(
        reader, q.fieldname, q.text, q.maxdist, prefix=max(1, q.prefixlength),
        max_examined=share.examined, expired=budget.expired,
    )
    words = {s.encode("utf-8"): 0 for s in similar.stems}
    if len(words) > share.words:
        words = {w: reader.doc_frequency(q.fieldname, w) for w in words}
    kept = _most_common(words, share.words)
    if len(words) > len(kept) or not similar.complete:
        budget.cut(f"the fuzzy term {shown}", share, len(words) > len(kept), not similar.complete)
    return kept


def _pattern_words(q: query.Prefix | query.Wildcard, reader: IndexReader, budget: Budget, share: Share) -> list[bytes]:
    if isinstance(q, query.Prefix):
        prefix, pattern, shown = q.text, None, f"the prefix {_shown(q, q.text + '*')}"
    else:
        prefix, pattern = q._find_prefix(q.text), re.compile(q._get_pattern())
        shown = f"the wildcard {_shown(q, q.text)}"
    if budget.expired():
        return []
    frequencies, complete = _walk_lexicon(reader, q.fieldname, prefix, pattern, budget, share.examined)
    kept = _most_common(frequencies, share.words)
    if len(frequencies) > len(kept) or (not complete and not budget.ran_out):
        budget.cut(shown, share, len(frequencies) > len(kept), not complete and not budget.ran_out)
    return kept


def _walk_lexicon(
    reader: IndexReader, fieldname: str, prefix: str, pattern: re.Pattern | None, budget: Budget, limit: int
) -> tuple[dict[bytes, int], bool]:
    """Words from `prefix` on that match `pattern`, with their document counts.

    Segment by segment, largest first (whoosh3's merged reader is several
    times slower per word): the largest reads at most `limit` words, and the
    others stop where it stopped, so every segment covers the same
    alphabetical range.
    """
    frequencies: dict[bytes, int] = {}
    stop_at: bytes | None = None
    complete = True
    for leaf in _leaves_by_size(reader, fieldname):
        from_bytes = leaf.schema[fieldname].from_bytes
        for visited, (btext, info) in enumerate(leaf.iter_prefix(fieldname, prefix), 1):
            if stop_at is not None and btext >= stop_at:
                break
            if visited > limit or (visited % 256 == 0 and budget.expired()):
                complete, stop_at = False, btext
                break
            if pattern is None or pattern.match(from_bytes(btext)):
                frequencies[btext] = frequencies.get(btext, 0) + info.doc_frequency()
    return frequencies, complete


def _leaves_by_size(reader: IndexReader, fieldname: str) -> Iterator[IndexReader]:
    leaves = [leaf for leaf, _ in reader.leaf_readers() if fieldname in leaf.schema]
    yield from sorted(leaves, key=lambda leaf: leaf.doc_count_all(), reverse=True)


def _most_common(frequencies: dict[bytes, int], words: int) -> list[bytes]:
    if len(frequencies) <= words:
        return sorted(frequencies)
    ranked = sorted(frequencies, key=lambda w: (-frequencies[w], w))
    return sorted(ranked[:words])


class BudgetCollector(collectors.WrappingCollector):
    """Stops collecting once the budget is spent, keeping what was found.

    Whoosh's TimeLimitCollector needs a timer thread and, on Unix, SIGALRM,
    which may fire after the search has finished; checking the clock after
    each hit costs a fraction of a microsecond.

    A top-N search's segment is collected one of three ways, each ending
    with Whoosh's top N (and leaving counts to `core._total`): one scored
    postings list best score first (`topn.collect_ranked`), a phrase in the
    title or the body likewise by its sides' bound (`collect_phrase_union`),
    or any other matcher in document order, skipping blocks by the current
    N-th best score (`collect_top`).
    """

    def __init__(self, child: collectors.Collector, budget: Budget) -> None:
        super().__init__(child)
        self.budget = budget
        self.pruned = False
        """Whether any segment's matcher could skip by score (then the
        child's count misses what it skipped)."""

    def collect_matches(self) -> None:
        child = self.child
        matcher = getattr(child, "matcher", None)
        if (
            matcher is not None and getattr(child, "usequality", False)
            and matcher.is_active() and matcher.supports_block_quality()
        ):
            self.pruned = True
            if type(child) is collectors.TopCollector and child.limit and not child.replace and child._use_block_quality():
                if type(matcher) in (ScoredPostings, PhraseCandidates) and child.final_fn is None:
                    collect_ranked(child, matcher, self.budget)
                elif type(matcher) is PhraseUnion and child.final_fn is None:
                    collect_phrase_union(child, matcher, self.budget)
                else:
                    collect_top(child, self.budget)
                return
        for sub_docnum in child.matches():
            child.collect(sub_docnum)
            if self.budget.expired():
                raise OutOfTime
