"""Group the quotations several articles give of the same statement.

Outlets trim, translate and re-punctuate what someone said, so quotes are
matched on their words, not their characters: two quotes are one statement
when their words largely agree -- the longer holds most of the shorter's
content words, at least two of them -- and either their word sequences are
close (difflib's ratio) or the shorter's words appear in the longer in order.
A quote of a word or two is an excerpt: it only joins a quote holding all of
it from the same speaker ("courageous" inside "This courageous decision will
set an example ..."), and not at all when its own article quotes the fuller
words. A shared "This is" never makes two quotes one. Two speakers the
articles name differently make two statements (one echoing the other), unless
the quote is long and near-identical. Groups are not chained: every two full
quotes in a group are one statement themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from ..analysis.gazetteer import load as load_gazetteer
from ..analysis.model import Quote
from ..analysis.quotes import PRONOUNS
from ..article import Article
from .features import STOP
from .model import QuoteVariant, SharedQuote, WordChange
from .nicknames import same_first_name
from .quote_times import QuoteTime, differ, quote_times

SIMILAR_RATIO = 0.55
"""Word-sequence ratio above which two quotes are the same statement whoever
the articles say spoke."""
_QUOTE_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def quote_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _QUOTE_WORD.findall(text)]


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.canonical if quote.speaker and quote.speaker.canonical else None


_NOT_DESCRIPTIONS = frozenset(PRONOUNS) | {"who", "which", "that", "this", "one", "you", "us", "them"}


def _description(quote: Quote) -> str | None:
    """A speaker the article gives only as a description ('a White House
    spokesman', 'officials'): shown as written, with no invented person."""
    ref = quote.speaker
    if ref is None or ref.canonical or ref.text.lower() in _NOT_DESCRIPTIONS:
        return None
    return " ".join(ref.text.split())


def same_speaker(a: str | None, b: str | None) -> bool:
    """Same canonical name, or one is the other's surname ('Putin', 'Vladimir Putin')."""
    if not a or not b:
        return False
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    # Surnames match people; 'Afghan Foreign Ministry' and 'Russian Foreign
    # Ministry' share a last word but are not one speaker.
    if words_a[-1] != words_b[-1] or words_a[-1] in load_gazetteer().org_heads:
        return False
    if len(words_a) > 1 and len(words_b) > 1:
        # Two full names: 'Mary Cheney' is not 'Dick Cheney', but 'Michael G.
        # Grimm' is 'Michael Grimm', 'Dick Durbin' is 'Richard J. Durbin' and
        # 'J. Smith' may be 'John Smith'.
        return same_first_name(words_a[0], words_b[0])
    return True


def _contained(short: list[str], long: list[str], share: float = 0.8) -> bool:
    """Do the words of `short` appear in `long`, in order (a trimmed quote)?"""
    if not short or len(short) > len(long):
        return False
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched >= max(1, round(share * len(short)))


MIN_SHARED_CONTENT = 2
"""Content words two quotes of three or more words must share to be one statement."""
CONTENT_SHARE = 0.8
"""Share of the shorter quote's content words the longer must hold to be its trimmed form."""
AGREED_CONTENT_SHARE = 0.6
"""The same, when both quotes name the same speaker."""
RATIO_CONTENT_SHARE = 0.5
"""The same, when the word sequences are close anyway (a translation)."""


def content_words(words: list[str]) -> list[str]:
    """The words that carry what was said: not 'this', 'is', 'we', 'very'."""
    return [w for w in words if w not in STOP and len(w) > 1]


def _shared_content(short: list[str], long: list[str]) -> int:
    """How many of `short`'s content words `long` also has (each counted once per use)."""
    available = Counter(content_words(long))
    shared = 0
    for word in content_words(short):
        if available[word] > 0:
            available[word] -= 1
            shared += 1
    return shared


MIN_WORDS = 4
"""Words a full quote has; shorter ones are excerpts, which may join a group
through any quote holding them."""
ECHO_CONTENT = 6
"""Content words a quote needs before two different named speakers can share it."""
ECHO_RATIO = 0.8


def _echoed_at_length(short: list[str], long: list[str]) -> bool:
    """So long and so alike that one of the speakers must be misattributed."""
    if len(content_words(short)) < ECHO_CONTENT:
        return False
    ratio = SequenceMatcher(None, short, long, autojunk=False).ratio()
    return ratio >= ECHO_RATIO or (_contained(short, long, 0.9) and _shared_content(short, long) >= ECHO_CONTENT)


def _match(a: tuple[list[str], str | None], b: tuple[list[str], str | None]) -> bool:
    """Are these one statement? Only when their words largely agree: a shared
    phrase of function words ("This is ...", "We will ...") is not enough."""
    words_a, speaker_a = a
    words_b, speaker_b = b
    if not words_a or not words_b:
        return False
    short, long = sorted((words_a, words_b), key=len)
    speakers_agree = same_speaker(speaker_a, speaker_b)
    content = content_words(short)
    if len(short) < 3:
        # A word or two ("courageous", "ally") is an excerpt: it joins only a
        # quote holding all of it that the articles give to the same speaker.
        return speakers_agree and _contained(short, long, 1.0)
    if speaker_a and speaker_b and not speakers_agree and not _echoed_at_length(short, long):
        # Two people named: "Freedom means freedom for everyone" said by a
        # father and echoed by his daughter are two statements. Only a long,
        # near-identical quote is one statement the articles disagree about.
        return False
    if len(content) < MIN_SHARED_CONTENT:
        # Little said ("This is unconscionable.", "under study for years"):
        # only inside a quote holding every word of it, whoever spoke unless
        # the articles name different speakers.
        return (
            _contained(short, long, 1.0) and _shared_content(short, long) == len(content)
            and (speakers_agree or speaker_a is None or speaker_b is None)
        )
    shared = _shared_content(short, long)
    if shared < MIN_SHARED_CONTENT:
        return False
    ratio = SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()
    if ratio >= SIMILAR_RATIO and shared >= RATIO_CONTENT_SHARE * len(content):
        # Close word sequences: a translation or re-punctuation of one statement.
        return True
    # A trimmed quote: the shorter's words in the longer, in order, most of
    # its content words with them (a little fewer when both name one speaker).
    needed = (AGREED_CONTENT_SHARE if speakers_agree else CONTENT_SHARE) * len(content)
    return (
        _contained(short, long) and shared >= needed
        and (speakers_agree or speaker_a is None or speaker_b is None)
    )


def ledger_speaker(speakers: list[str | None]) -> tuple[str | None, list[str], bool]:
    """The statement's speaker from its variants' attributed speakers: the
    one most variants name ('Putin' counts for 'Vladimir Putin'); on a tie the
    fullest variant's. Also every distinct speaker named, and whether they
    disagree."""
    named = [s for s in speakers if s]
    if not named:
        return None, [], False
    distinct: list[str] = []
    for name in named:
        if name not in distinct:
            distinct.append(name)

    def support(name: str) -> int:
        return sum(same_speaker(name, other) for other in named)

    best = max(support(name) for name in distinct)
    leaders = [name for name in distinct if support(name) == best]
    # The fullest form of the leader ('Vladimir Putin' over 'Putin'), first named on a tie.
    leader = leaders[0]
    speaker = max((n for n in distinct if same_speaker(n, leader)), key=len)
    disputed = any(not same_speaker(name, speaker) for name in distinct)
    return speaker, distinct, disputed


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


def _times(items: list[tuple[Article, Quote, list[str], str | None]]) -> list[QuoteTime]:
    """When each quote was said, read from its article's sentences."""
    by_article: dict[str, dict[int, QuoteTime]] = {}
    for article, *_ in items:
        if article.id not in by_article:
            quotes = article.analysis.quotes if article.analysis else []
            by_article[article.id] = quote_times(article, quotes)
    return [by_article[article.id][quote.start] for article, quote, *_ in items]


def _statements(items: list[tuple[Article, Quote, list[str], str | None]]) -> list[list[int]]:
    """Group the quotes into statements. Matching pairs join, closest first,
    but two groups merge only when every two of their full quotes (from
    different articles) are themselves one statement: two different trims
    of one long quote ("I'm not ashamed ...", "As president, I'll end ...")
    are not thereby one statement. An excerpt ("ally") joins through any
    quote holding it. Quotes the articles say were said at different times
    ("in 2009", and echoed now) are never one statement."""
    times = _times(items)
    pairs = []
    for i, (art_i, _, words_i, speaker_i) in enumerate(items):
        for j in range(i + 1, len(items)):
            art_j, _, words_j, speaker_j = items[j]
            if differ(times[i], times[j]):
                continue
            if art_i.id != art_j.id and _match((words_i, speaker_i), (words_j, speaker_j)):
                pairs.append((-SequenceMatcher(None, words_i, words_j, autojunk=False).ratio(), i, j))
    pairs.sort()
    group_of = list(range(len(items)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(items))}

    def agree(x: int, y: int) -> bool:
        if differ(times[x], times[y]):
            return False
        if items[x][0].id == items[y][0].id or min(len(items[x][2]), len(items[y][2])) < MIN_WORDS:
            return True
        return _match((items[x][2], items[x][3]), (items[y][2], items[y][3]))

    for _, i, j in pairs:
        a, b = group_of[i], group_of[j]
        if a == b or not all(agree(x, y) for x in members[a] for y in members[b]):
            continue
        for k in members[b]:
            group_of[k] = a
        members[a].extend(members.pop(b))
    return list(members.values())


def _echoes(quotes: list[tuple[Quote, list[str]]]) -> set[int]:
    """Quotes an article repeats from a fuller quote of its own ('"badly"'
    after "I feel very badly for him"): that fuller quote stands for it."""
    found = set()
    for n, (_, words) in enumerate(quotes):
        if any(len(other) > len(words) and _contained(words, other, 1.0) for m, (_, other) in enumerate(quotes) if m != n):
            found.add(n)
    return found


def shared_quotes(articles: list[Article]) -> list[SharedQuote]:
    """Statements quoted by two or more of the articles, each with every
    article's wording and how it differs from the fullest one."""
    items: list[tuple[Article, Quote, list[str], str | None]] = []
    for article in articles:
        quotes = [(q, quote_words(q.text)) for q in (article.analysis.quotes if article.analysis else []) if q.kind != "scare"]
        echoes = _echoes(quotes)
        for n, (quote, words) in enumerate(quotes):
            if n not in echoes:
                items.append((article, quote, words, _speaker(quote)))
    order = {article.id: n for n, article in enumerate(articles)}
    result = []
    for members in _statements(items):
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
        speaker, speakers, disputed = ledger_speaker([v.speaker for v in variants])
        if speaker is None:
            speaker = next((d for k in members if (d := _description(items[k][1]))), None)
        result.append(SharedQuote(speaker, variants, speakers=speakers, disputed=disputed))
    result.sort(key=lambda q: (-len({v.article for v in q.variants}), order[q.variants[0].article], q.variants[0].start))
    return result
