"""Group the quotations several articles give of the same statement.

Outlets trim, translate and re-punctuate what someone said, so quotes are
matched on their words, not their characters: two quotes are one statement
when their word sequences are close (difflib's ratio), or when the shorter
one's words all appear in the longer one in order and the speakers agree
("courageous" inside "This courageous decision will set an example ...").
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..analysis.gazetteer import load as load_gazetteer
from ..analysis.model import Quote
from ..article import Article
from .model import QuoteVariant, SharedQuote, WordChange

SIMILAR_RATIO = 0.55
"""Word-sequence ratio above which two quotes are the same statement whoever
the articles say spoke."""
_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quote_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _QUOTE_WORD.findall(text)]


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.canonical if quote.speaker and quote.speaker.canonical else None


def same_speaker(a: str | None, b: str | None) -> bool:
    """Same canonical name, or one is the other's surname ('Putin', 'Vladimir Putin')."""
    if not a or not b:
        return False
    if a == b:
        return True
    last_a, last_b = a.split()[-1], b.split()[-1]
    # Surnames match people; 'Afghan Foreign Ministry' and 'Russian Foreign
    # Ministry' share a last word but are not one speaker.
    return last_a == last_b and last_a not in load_gazetteer().org_heads


def _contained(short: list[str], long: list[str]) -> bool:
    """Do the words of `short` appear in `long`, in order (a trimmed quote)?"""
    if not short or len(short) > len(long):
        return False
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= max(1, round(0.8 * len(short)))


def _match(a: tuple[list[str], str | None], b: tuple[list[str], str | None]) -> bool:
    words_a, speaker_a = a
    words_b, speaker_b = b
    if not words_a or not words_b:
        return False
    ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    if ratio >= SIMILAR_RATIO and min(len(words_a), len(words_b)) >= 3:
        return True
    short, long = sorted((words_a, words_b), key=len)
    speakers_agree = same_speaker(speaker_a, speaker_b)
    if len(short) >= 3 and _contained(short, long) and (speakers_agree or speaker_a is None or speaker_b is None):
        return True
    return speakers_agree and _contained(short, long)


_TRIVIAL = frozenset({"a", "an", "the", "and", "of", "to"})


def word_changes(base: list[str], other: list[str]) -> tuple[WordChange, ...]:
    """Word-level differences, leaving out a dropped or added article or 'and'."""
    changes = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, base, other, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        old, new = base[i1:i2], other[j1:j2]
        if op != "replace" and set(old + new) <= _TRIVIAL:
            continue
        changes.append(WordChange(op, " ".join(old), " ".join(new)))
    if not changes and base != other:
        # Only trivial words differ: still say so, as the one change.
        for op, i1, i2, j1, j2 in SequenceMatcher(None, base, other, autojunk=False).get_opcodes():
            if op != "equal":
                changes.append(WordChange(op, " ".join(base[i1:i2]), " ".join(other[j1:j2])))
                break
    return tuple(changes)


def shared_quotes(articles: list[Article]) -> list[SharedQuote]:
    """Statements quoted by two or more of the articles, each with every
    article's wording and how it differs from the fullest one."""
    items: list[tuple[Article, Quote, list[str], str | None]] = []
    for article in articles:
        for quote in article.analysis.quotes if article.analysis else []:
            if quote.kind == "scare":
                continue
            items.append((article, quote, quote_words(quote.text), _speaker(quote)))
    parent = list(range(len(items)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, (art_i, _, words_i, speaker_i) in enumerate(items):
        for j in range(i + 1, len(items)):
            art_j, _, words_j, speaker_j = items[j]
            if art_i.id != art_j.id and _match((words_i, speaker_i), (words_j, speaker_j)):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for k in range(len(items)):
        groups.setdefault(find(k), []).append(k)
    order = {article.id: n for n, article in enumerate(articles)}
    result = []
    for members in groups.values():
        if len({items[k][0].id for k in members}) < 2:
            continue
        # The fullest wording first; the others are shown as changes from it.
        members.sort(key=lambda k: (-len(items[k][2]), order[items[k][0].id], items[k][1].start))
        base_words = items[members[0]][2]
        variants = []
        for n, k in enumerate(members):
            article, quote, words, speaker = items[k]
            changes = () if n == 0 else word_changes(base_words, words)
            variants.append(QuoteVariant(article.id, quote.start, quote.end, quote.text, speaker=speaker, changes=changes))
        speakers = [v.speaker for v in variants if v.speaker]
        speaker = max(speakers, key=lambda s: (sum(same_speaker(s, o) for o in speakers), len(s))) if speakers else None
        result.append(SharedQuote(speaker, variants))
    result.sort(key=lambda q: (-len({v.article for v in q.variants}), order[q.variants[0].article], q.variants[0].start))
    return result
