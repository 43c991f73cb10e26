"""Find where articles give different dates, numbers or amounts for the same thing.

Two readings are of the same thing when they sit in passages of different
articles that say much the same (similar content words, beyond the values
themselves), and when they are the same kind of value: dates of the same
month, numbers counting the same noun ("15,000 casualties"), or amounts in
the same currency with the same words around them -- or, in sentences that
say much the same in other words, amounts within a tenth of each other
("bought the unit for $9.3bn" / "was bought for $9.4bn"). Amounts more than
twice apart are never one figure, and "$27bn" is "$27.5bn" rounded, not a
dispute. Readings
linked that way form a group; a group whose readings disagree is a conflict,
listed with every article's reading, agreeing ones included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.model import Entity
from ..article import Article
from .align import PassageVectors
from .features import content_stems, cosine, words
from .model import Conflict, Passage, Reading
from .values import _AMOUNT, _SCALES, MONTHS, DateValue, describe_quantity, parse_date, parse_quantity

CONFLICT_SIMILARITY = 0.15
"""Lower than the alignment threshold: the sentence that gets a date wrong
often words the rest differently too."""
MIN_SHARED_WORDS = 2
QUANTITY_SIMILARITY = 0.22
"""Numbers and amounts need passages as close as aligned ones."""
CONTEXT_WORDS = 4
MIN_SHARED_CONTEXT = 2
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
_CURRENCY = re.compile(
    r"(US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|\b(?:dollars?|pounds?|sterling|euros?|roubles?|rubles?|yen|yuan|rupees?)\b)",
    re.IGNORECASE,
)
_CURRENCY_NAMES = {"dollar": "$", "dollars": "$", "us$": "$", "pound": "£", "pounds": "£", "sterling": "£",
                   "euro": "€", "euros": "€", "rouble": "rub", "roubles": "rub", "ruble": "rub", "rubles": "rub",
                   "yen": "¥", "yuan": "yuan", "rupee": "₹", "rupees": "₹"}


@dataclass
class _Reading:
    passage: Passage
    entity: Entity
    kind: str
    date: DateValue | None = None
    quantity: float | None = None
    unit: str = ""
    """Stem of the noun the number counts, for matching ("peopl")."""
    unit_word: str = ""
    """... and that noun as written, for display ("people")."""
    context: frozenset[str] = frozenset()
    """Content stems just around the value: what it is a value of."""
    currency: str = ""
    """For amounts: '$', '£', 'rub' ...; '' when the text does not say."""
    role: frozenset[str] = frozenset()
    """For names: the title before it ('Russian ambassador to Afghanistan'), as stems."""
    name: str = ""

    def value(self) -> str:
        if self.kind == "name":
            return self.name
        if self.date:
            return self.date.describe()
        text = describe_quantity(self.quantity or 0)
        return f"{text} {self.unit_word}".strip() if self.kind == "number" else text

    def same_thing(self, other: _Reading) -> bool:
        if self.kind != other.kind:
            return False
        if self.kind == "name":
            return bool(self.role) and self.role == other.role  # the same post, word for word
        if self.date and other.date:
            return self.date.month is not None and self.date.month == other.date.month
        if self.currency and other.currency and self.currency != other.currency:
            return False  # "$9.3bn (£5bn)": one amount in two currencies
        if self.kind == "money" and not _comparable(self.quantity or 0, other.quantity or 0):
            return False  # "$27.5bn back-tax bill" and "$35.7m back-tax claim": two bills
        # Amounts are everywhere in a story about money: only the same noun
        # with the same words around it ("$716 billion from Medicare").
        shared = (self.context & other.context) - {self.unit}
        return self.unit == other.unit and self.unit != "" and len(shared) >= MIN_SHARED_CONTEXT

    def same_amount_reworded(self, other: _Reading, shared_stems: set[str]) -> bool:
        """One amount in two differently worded sentences that say much the
        same: close values, same currency, several content words in common."""
        if self.kind != "money" or other.kind != "money":
            return False
        if self.currency and other.currency and self.currency != other.currency:
            return False
        a, b = self.quantity or 0, other.quantity or 0
        if not a or not b or abs(a - b) > CLOSE_AMOUNTS * max(abs(a), abs(b)):
            return False
        return len(shared_stems - _AMOUNT_WORDS) >= MIN_SHARED_PARAPHRASE

    def disagrees(self, other: _Reading) -> bool:
        if self.kind == "name":
            return not (_name_words(self.name) & _name_words(other.name))
        if self.date and other.date:
            return self.date.conflicts_with(other.date)
        a, b = self.quantity or 0, other.quantity or 0
        if self.kind == "money" and abs(a - b) < max(_precision(self.entity.text), _precision(other.entity.text)):
            return False  # "$27bn" is "$27.5bn" rounded, not another figure
        return abs(a - b) > 0.01 * max(abs(a), abs(b))


def find_conflicts(articles: list[Article], pv: PassageVectors) -> list[Conflict]:
    readings = {key: rs for key, rs in _readings(articles, pv).items() if rs}
    keys = sorted(readings, key=lambda k: (list(pv.passages).index(k[0]), k[1]))
    stems = {key: set(content_stems(_passage(pv, key).text)) for key in keys}
    parent: dict[int, int] = {}
    flat: list[_Reading] = [r for key in keys for r in readings[key]]
    index_of = {id(r): n for n, r in enumerate(flat)}
    disputed: set[tuple[int, int]] = set()

    def find(k: int) -> int:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if a[0] == b[0] or a not in pv.vectors or b not in pv.vectors:
                continue
            similarity = cosine(pv.vectors[a], pv.vectors[b])
            if similarity < CONFLICT_SIMILARITY:
                continue
            shared_stems = stems[a] & stems[b]
            if len(shared_stems) < MIN_SHARED_WORDS:
                continue
            for ra in readings[a]:
                for rb in readings[b]:
                    if ra.kind != "date" and similarity < QUANTITY_SIMILARITY:
                        continue
                    if ra.same_thing(rb) or ra.same_amount_reworded(rb, shared_stems):
                        x, y = index_of[id(ra)], index_of[id(rb)]
                        parent[find(x)] = find(y)
                        if ra.disagrees(rb):
                            disputed.add((x, y))
    groups: dict[int, list[int]] = {}
    for k in parent:
        groups.setdefault(find(k), []).append(k)
    disputed_roots = {find(x) for x, _ in disputed}
    order = {article.id: n for n, article in enumerate(articles)}
    conflicts = []
    for root, members in groups.items():
        if root not in disputed_roots:
            continue
        members.sort(key=lambda k: (order[flat[k].passage.article], flat[k].entity.start))
        group = [flat[k] for k in members]
        if _self_contradicting(group):
            continue  # an article giving two values: the group mixes different facts
        conflicts.append(Conflict(_about(group, stems), group[0].kind, [_to_reading(r) for r in group]))
    conflicts.sort(key=lambda c: (order[c.readings[0].article], c.readings[0].start))
    return conflicts


_TITLE = re.compile(
    r"((?:[\w’'-]+\s+){0,3}?(?:minister|ministry|ambassador|envoy|spokes(?:man|woman|person)|president|premier|"
    r"leader|chief|secretary|governor|mayor|chairman|chairwoman|director|commander|general|head)"
    r"(?:\s+(?:to|of|for)\s+(?:the\s+)?[\w’'-]+)?)[\s,]*$",
    re.IGNORECASE,
)


def _name_words(name: str) -> set[str]:
    """The words that identify a person: no initials, no 'Jr.'."""
    words = {w.strip(".,").lower() for w in name.split()}
    return {w for w in words if len(w) > 1 and w not in ("jr", "sr", "ii", "iii", "mr", "mrs", "ms", "dr")}


def _role_before(text: str) -> frozenset[str]:
    """Stems of the title right before a name ('Chinese Foreign Ministry
    spokesperson Mao Ning' -> chines, foreign, ministri, spokesperson)."""
    match = _TITLE.search(text)
    if not match:
        return frozenset()
    phrase = re.sub(r"['’]s\b", "", match.group(1).lower())
    return frozenset(stem for stem in content_stems(phrase) if stem not in ("the", "a"))


def _self_contradicting(group: list[_Reading]) -> bool:
    by_article: dict[str, list[_Reading]] = {}
    for reading in group:
        by_article.setdefault(reading.passage.article, []).append(reading)
    return any(
        a.disagrees(b) for readings in by_article.values() for i, a in enumerate(readings) for b in readings[i + 1:]
    )


def _context(body: str, start: int, end: int) -> frozenset[str]:
    before = [w for _, _, w in words(body[max(0, start - 60):start])][-CONTEXT_WORDS:]
    after = [w for _, _, w in words(body[end:end + 60])][:CONTEXT_WORDS]
    return frozenset(content_stems(" ".join(before + after)))


def _passage(pv: PassageVectors, key: tuple[str, int]) -> Passage:
    return pv.passages[key[0]][key[1]]


def _readings(articles: list[Article], pv: PassageVectors) -> dict[tuple[str, int], list[_Reading]]:
    found: dict[tuple[str, int], list[_Reading]] = {}
    for article in articles:
        if not article.analysis:
            continue
        reference_year = article.published.year if article.published else None
        passages = pv.passages[article.id]
        for entity in article.analysis.entities:
            if entity.label not in ("DATE", "NUMBER", "MONEY", "PERSON"):
                continue
            passage = next((p for p in passages if p.start <= entity.start and entity.end <= p.end), None)
            if passage is None:
                continue
            reading = _reading(article, passage, entity, reference_year)
            if reading:
                found.setdefault((article.id, passage.index), []).append(reading)
    return found


def _reading(article: Article, passage: Passage, entity: Entity, reference_year: int | None) -> _Reading | None:
    if entity.label == "PERSON":
        role = _role_before(article.body[max(passage.start, entity.start - 60):entity.start])
        return _Reading(passage, entity, "name", role=role, name=entity.canonical) if role else None
    if entity.label == "DATE":
        date = parse_date(entity.text, reference_year)
        return _Reading(passage, entity, "date", date=date) if date else None
    quantity = parse_quantity(entity.text)
    if quantity is None or not any(ch.isdigit() for ch in entity.text):
        return None  # "two decades": too vague to dispute
    body = article.body
    if re.search(r"\b(?:No|no|number)\.?\s*$", body[max(0, entity.start - 8):entity.start]):
        return None  # a rank ("No. 2"), not a quantity
    if re.match(r"\s*(?:-|–|to)\s*\d", body[entity.end:entity.end + 6]) or re.search(
        r"\d\s*(?:-|–|to)\s*$", body[max(0, entity.start - 6):entity.start]
    ):
        return None  # one end of a range ("40 to 60 hours")
    context = _context(body, entity.start, entity.end)
    if entity.label == "MONEY":
        return _Reading(passage, entity, "money", quantity=quantity, unit="money", context=context,
                        currency=_currency(entity.text, body[entity.end:entity.end + 12]))
    following = body[entity.end:entity.end + 40]
    for _, _, word in words(following):
        stems = content_stems(word)
        if stems:
            return _Reading(passage, entity, "number", quantity=quantity, unit=stems[0], unit_word=word, context=context)
    return None


def _comparable(a: float, b: float) -> bool:
    """Could two amounts be one figure reported differently? Outlets that
    disagree on a sum disagree by less than half of it."""
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high <= MAX_AMOUNT_RATIO * low


def _precision(text: str) -> float:
    """The last digit's worth in an amount as written: 1e9 for "$27bn",
    1e8 for "$27.5bn", 1 for "$300"."""
    match = _AMOUNT.search(text)
    if not match:
        return 0.0
    number, scale = match.group(1), (match.group(2) or "").lower()
    decimals = len(number.split(".")[1]) if "." in number else 0
    return 10.0 ** -decimals * _SCALES.get(scale, 1)


def _currency(text: str, after: str) -> str:
    """The currency an amount is in, from its text or the word after it
    ("261bn roubles")."""
    match = _CURRENCY.search(text) or re.match(r"\s*" + _CURRENCY.pattern, after, re.IGNORECASE)
    if not match:
        return ""
    found = match.group(1).lower()
    return _CURRENCY_NAMES.get(found, found)


def _about(group: list[_Reading], stems: dict) -> str:
    """What the readings disagree on: the words before the first reading's
    value in its sentence, from the first word the other passages share
    ("when: the removal of the group from its list of terrorist organizations")."""
    first = group[0]
    passage = first.passage
    keys = [(r.passage.article, r.passage.index) for r in group]
    others = set().union(*(stems[k] for k in keys if k != keys[0])) if len(set(keys)) > 1 else set()
    before = words(passage.text[:first.entity.start - passage.start])[-11:]
    start = next(
        (n for n, (_, _, word) in enumerate(before) if set(content_stems(word)) & others and word.lower() not in MONTHS),
        None,
    )
    if start is not None and len(before) - start >= 2:
        phrase = passage.text[before[start][0]:before[-1][1]]
        phrase = re.sub(r"\s+(?:in|on|at|of|from|since|by|for|to)$", "", phrase)
    else:
        shared = [w for _, _, w in words(passage.text) if set(content_stems(w)) & others and w.lower() not in MONTHS]
        phrase = " ".join(dict.fromkeys(shared[:7])) or passage.text[:60]
    noun = {"date": "when", "money": "how much", "number": "how many", "name": "who"}[first.kind]
    return f"{noun}: {' '.join(phrase.split())}"


def _to_reading(r: _Reading) -> Reading:
    p = r.passage
    return Reading(p.article, r.entity.start, r.entity.end, r.entity.text, value=r.value(), context=p.text)
