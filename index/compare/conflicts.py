"""Find where articles give different dates, numbers, amounts or names for the same thing.

Two readings are of the same thing when they sit in passages of different
articles that say much the same, are the same kind of value, and the words
around them say what they are of in the same way:

- numbers counting the same noun with the same words about ("15,000
  casualties"), or describing the same thing ("47-page indictment" /
  "48-page indictment");
- amounts in one currency with the same words around them ("$500,000 ad buy
  attacking Moore" / "$1 million on television ads attacking Mr. Moore"),
  or close amounts in sentences saying much the same in other words
  ("bought the unit for $9.3bn" / "was bought for $9.4bn");
- dates of the same month; weekdays, years ("in 2017" / "earlier this
  year", read against each article's publication date) and durations
  ("two-year investigation" / "monthslong investigation") whose own clauses
  share what happened and where ("arrested Sayoc on Friday outside an auto
  parts store" / "taken into custody on Saturday at an auto parts store"),
  never about different people or firms; or weekdays of one act of one
  body told by one clause and borrowed by the other ("followed by the
  House on Thursday", see actors.py);
- names after the same post ("Foreign Ministry spokesperson Mao Ning" /
  "... Lin Jian"), and one name spelled two ways (see spelling.py).

Each reading is matched with at most one reading of each other article, the
best-supported first, so a sentence giving two dates does not muddle them.
Matched readings form a group; a group whose readings cannot all be true
(see values.Bounds: "$27bn" is "$27.5bn" rounded, "at least $10,000" and
"more than $10,000" agree) is a conflict, listed with every article's
reading, agreeing ones included.
"""

from __future__ import annotations

from ..article import Article
from .about import describe
from .actors import same_act
from .align import PassageVectors
from .features import content_stems, cosine
from .model import Conflict, Passage, Reading
from .readings import ValueReading, article_readings
from .spelling import spelling_conflicts

CONFLICT_SIMILARITY = 0.15
"""Lower than the alignment threshold: the sentence that gets a date wrong
often words the rest differently too."""
MIN_SHARED_WORDS = 2
QUANTITY_SIMILARITY = 0.22
"""Numbers and amounts need passages as close as aligned ones."""
MIN_SHARED_CONTEXT = 2
MIN_ROLE_WORDS = 2
"""A post is "Foreign Ministry spokesperson", not a bare "President"."""
MIN_EVIDENCE = 2
"""Words of one value's clause the other value's sentence must have (and the
other way round) for a duration to be of the same thing."""
DAY_CLAUSE_WORDS = (3, 2)
"""Words both clauses of two weekdays must share, and how many of them not
names: a story's days share their actors ("Trump announced on Wednesday" /
"Trump announced Sunday that Mattis ..."), so only what was done, and
where, tells one day's event from the next ("arrested Sayoc on Friday
outside an auto parts store")."""
YEAR_CLAUSE_WORDS = (2, 1)
"""The same for years ("Pelosi has led House Democrats since 2002")."""
CLOSE_AMOUNTS = 0.1
"""Amounts this close (relative difference) in passages that say much the
same are one figure reported two ways ("$9.3bn" and "$9.4bn" for one sale),
however each sentence words the rest; amounts further apart need the words
right around them to agree ("$27bn tax bill" and "$9.3bn sale" are two)."""
MAX_AMOUNT_RATIO = 2.0
"""Amounts further apart than this are different sums, however alike their words."""
MIN_SHARED_PARAPHRASE = 3
"""Content words (amount words aside) two passages must share for that."""
_AMOUNT_WORDS = frozenset({"bn", "billion", "million", "mn", "trillion", "thousand", "dollar", "pound", "euro",
                           "roubl", "rubl", "yen", "yuan", "worth", "cost", "paid", "pai", "price"})
_NAME_FILLER = frozenset({"jr", "sr", "ii", "iii", "mr", "mrs", "ms", "dr"})

Key = tuple[str, int]


def find_conflicts(articles: list[Article], pv: PassageVectors) -> list[Conflict]:
    readings: dict[Key, list[ValueReading]] = {}
    for article in articles:
        for index, found in article_readings(article, pv.passages[article.id]).items():
            readings[(article.id, index)] = found
    order = {article.id: n for n, article in enumerate(articles)}
    position = {key: n for n, key in enumerate((a, p.index) for a, ps in pv.passages.items() for p in ps)}
    stems = {key: _stems(_passage(pv, key).text) for key in readings}
    conflicts = _value_conflicts(readings, pv, stems, position)
    conflicts += spelling_conflicts([(a.id, a.body) for a in articles], pv, position)
    conflicts.sort(key=lambda c: (order[c.readings[0].article], c.readings[0].start))
    return conflicts


# -- values: dates, numbers, amounts, titled names ---------------------------------------------------


def _value_conflicts(readings: dict[Key, list[ValueReading]], pv: PassageVectors, stems: dict[Key, set[str]],
                     position: dict[Key, int]) -> list[Conflict]:
    keys = sorted(readings, key=position.__getitem__)
    candidates: list[tuple[float, int, ValueReading, ValueReading]] = []
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a[0] == b[0] or a not in pv.vectors or b not in pv.vectors:
                continue
            shared = stems[a] & stems[b]
            if len(shared) < MIN_SHARED_WORDS:
                continue
            similarity = cosine(pv.vectors[a], pv.vectors[b])
            if similarity < CONFLICT_SIMILARITY:
                continue
            for ra in readings[a]:
                for rb in readings[b]:
                    score = _same_thing(ra, rb, similarity, shared, stems[a], stems[b], pv)
                    if score > 0:
                        candidates.append((score, len(candidates), ra, rb))
    flat = [r for key in keys for r in readings[key]]
    index_of = {id(r): n for n, r in enumerate(flat)}
    parent = list(range(len(flat)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Strongest evidence first; a reading meets each other article once.
    matched: set[tuple[int, str]] = set()
    disputed: set[int] = set()
    linked: set[int] = set()
    for _, _, ra, rb in sorted(candidates, key=lambda c: (-c[0], c[1])):
        x, y = index_of[id(ra)], index_of[id(rb)]
        if (x, rb.article) in matched or (y, ra.article) in matched:
            continue
        matched |= {(x, rb.article), (y, ra.article)}
        parent[find(x)] = find(y)
        linked |= {x, y}
        if _disagree(ra, rb):
            disputed.add(x)
    groups: dict[int, list[int]] = {}
    for k in linked:
        groups.setdefault(find(k), []).append(k)
    disputed_roots = {find(x) for x in disputed}
    conflicts = []
    for root, members in groups.items():
        if root not in disputed_roots:
            continue
        group = sorted((flat[k] for k in members), key=lambda r: (position[(r.article, r.passage.index)], r.start))
        if _self_contradicting(group):
            continue  # an article giving two values: the group mixes different facts
        conflicts.append(Conflict(describe(group, stems), group[0].kind, [_to_reading(r) for r in group]))
    return conflicts


def _same_thing(a: ValueReading, b: ValueReading, similarity: float, shared: set[str], stems_a: set[str],
                stems_b: set[str], pv: PassageVectors) -> float:
    """How well two readings are shown to be of one thing; 0 when they are not."""
    if a.kind != b.kind:
        return 0.0
    if a.kind == "name":
        # The same post, word for word, and a post one person holds ("Foreign
        # Ministry spokesperson"), not a bare "President" of any country or year.
        return 1.0 if len(a.role) >= MIN_ROLE_WORDS and a.role == b.role else 0.0
    if (a.names and b.names and not a.names & b.names) or (a.subject and b.subject and not a.subject & b.subject):
        return 0.0  # about different people or firms ("Jeb Bush released 33 years of returns")
    evidence = _evidence(a, b, stems_a, stems_b, pv)
    score = _same_value(a, b, similarity, shared, evidence)
    # Between equally likely matches, the same value: an outlet giving both
    # a figure and another one has said the figure, not disputed it.
    return score + 0.5 if score and not _disagree(a, b) else score


def _same_value(a: ValueReading, b: ValueReading, similarity: float, shared: set[str],
                evidence: tuple[int, float]) -> float:
    if a.kind == "date":
        return _same_time(a, b, evidence)
    if similarity < QUANTITY_SIMILARITY:
        return 0.0
    if a.kind == "number":
        if a.unit != b.unit or not a.unit:
            return 0.0
        if a.head and a.head == b.head:
            return 2.0 + evidence[1]  # "47-page indictment" / "48-page indictment"
        return 1.0 + evidence[1] if len((a.context & b.context) - {a.unit}) >= MIN_SHARED_CONTEXT else 0.0
    if a.currency and b.currency and a.currency != b.currency:
        return 0.0  # "$9.3bn (£5bn)": one amount in two currencies
    if not _comparable(a.quantity or 0, b.quantity or 0):
        return 0.0  # "$27.5bn back-tax bill" and "$35.7m back-tax claim": two bills
    if len((a.context & b.context) - {a.unit} - _AMOUNT_WORDS) >= MIN_SHARED_CONTEXT:
        return 1.0 + evidence[1]
    qa, qb = a.quantity or 0, b.quantity or 0
    if abs(qa - qb) <= CLOSE_AMOUNTS * max(abs(qa), abs(qb)) and len(shared - _AMOUNT_WORDS) >= MIN_SHARED_PARAPHRASE:
        return 0.5 + evidence[1]  # one amount in two differently worded sentences
    return 0.0


def _same_time(a: ValueReading, b: ValueReading, evidence: tuple[int, float]) -> float:
    count, weight = evidence
    if a.duration or b.duration:
        if not (a.duration and b.duration and a.duration.comparable(b.duration)) or a.period != b.period:
            return 0.0  # "the last three weeks" and "the first three months" are two stretches
        if a.head and a.head == b.head:
            return 2.0 + weight  # "two-year investigation" / "monthslong investigation"
        return 1.0 + weight if count >= MIN_EVIDENCE and _clauses_agree(a, b, YEAR_CLAUSE_WORDS) else 0.0
    da, db = a.date, b.date
    if da is None or db is None:
        return 0.0
    if da.weekday is None and db.weekday is None and da.month and db.month:
        return 1.0 + weight if da.month == db.month else 0.0  # dates of one month in like sentences
    if da.granularity != db.granularity or da.granularity == "month":
        return 0.0  # "April" and "2017", "Friday" and "in July": not one reading of one date
    if da.granularity == "year" and (da.year is None or db.year is None):
        return 0.0  # "this year" with no publication date to count from
    if (a.head or b.head) and a.head != b.head:
        return 0.0  # "the 1976 law" and "the 2001 attacks", or "in 2010" and "the 1996 act"
    if a.since != b.since:
        return 0.0  # "paid taxes since 2007" and "earned $10 million in 2013"
    needed = DAY_CLAUSE_WORDS if da.granularity == "day" else YEAR_CLAUSE_WORDS
    if count >= MIN_EVIDENCE and (_clauses_agree(a, b, needed) or (da.granularity == "day" and same_act(a, b))):
        return 1.0 + weight
    return 0.0


def _clauses_agree(a: ValueReading, b: ValueReading, needed: tuple[int, int]) -> bool:
    """Do the two values' own clauses share enough words, enough of them not names?"""
    both = set(a.near) & set(b.near)
    names = set(content_stems(" ".join(a.names | b.names)))
    return len(both) >= needed[0] and len(both - names) >= needed[1]


def _evidence(a: ValueReading, b: ValueReading, stems_a: set[str], stems_b: set[str],
              pv: PassageVectors) -> tuple[int, float]:
    """Words of each value's clause that the other's sentence has too: how
    many, and their weight (rarer words and nearer ones weigh more)."""
    found: dict[str, float] = {}
    for near, other in ((a.near, stems_b), (b.near, stems_a)):
        seen = {stem: closeness for stem, closeness in near.items() if stem in other}
        if not seen:
            return 0, 0.0  # one value's own clause says nothing the other sentence says
        for stem, closeness in seen.items():
            found[stem] = max(found.get(stem, 0.0), closeness)
    weight = sum(closeness * pv.weights.idf(stem) for stem, closeness in found.items())
    return len(found), weight


def _disagree(a: ValueReading, b: ValueReading) -> bool:
    if a.kind == "name":
        return not (_name_words(a.name) & _name_words(b.name))
    if a.duration and b.duration:
        return not a.duration.agrees(b.duration)
    if a.date and b.date:
        if _same_night(a, b) or _same_night(b, a):
            return False  # "late Friday" and "early Saturday": one night, two clocks
        return a.date.conflicts_with(b.date)
    if a.bounds and b.bounds:
        return not a.bounds.agrees(b.bounds)
    return False


def _same_night(a: ValueReading, b: ValueReading) -> bool:
    da, db = a.date, b.date
    return (da is not None and db is not None and da.weekday is not None and db.weekday is not None
            and (da.weekday + 1) % 7 == db.weekday and a.daypart == "late" and b.daypart == "early")


def _self_contradicting(group: list[ValueReading]) -> bool:
    by_article: dict[str, list[ValueReading]] = {}
    for reading in group:
        by_article.setdefault(reading.article, []).append(reading)
    return any(_disagree(a, b) for rs in by_article.values() for i, a in enumerate(rs) for b in rs[i + 1:])


def _comparable(a: float, b: float) -> bool:
    """Could two amounts be one figure reported differently? Outlets that
    disagree on a sum disagree by less than half of it."""
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high <= MAX_AMOUNT_RATIO * low


def _name_words(name: str) -> set[str]:
    """The words that identify a person: no initials, no 'Jr.'."""
    found = {w.strip(".,").lower() for w in name.split()}
    return {w for w in found if len(w) > 1 and w not in _NAME_FILLER}


def _stems(text: str) -> set[str]:
    return set(content_stems(text))


def _passage(pv: PassageVectors, key: Key) -> Passage:
    return pv.passages[key[0]][key[1]]


def _to_reading(r: ValueReading) -> Reading:
    p = r.passage
    return Reading(p.article, r.start, r.end, r.text, value=r.value(), context=p.text)
