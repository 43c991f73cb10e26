"""Every value an article gives that another could give differently: dates,
weekdays, durations, numbers, amounts and titled names, each with the words
around it that say what it is a value of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..analysis.model import Entity
from ..article import Article
from .features import STOP, content_stems, words
from .model import Passage
from .temporal import UNIT_DAYS, Duration, find_times
from .values import MONTHS, WEEKDAYS, Bounds, DateValue, describe_quantity, parse_date, parse_quantity, quantity_bounds

CONTEXT_WORDS = 4
NEAR_WORDS = 6
"""Content words either side of a value, within its clause, that say what it is of."""
_CLAUSE = re.compile(r"[,;:()\[\]—–]|\s-\s|[.!?](?=\s)|\s(?:and|but|while|whereas|although|because|if|unless)\s")
"""Where a value's clause ends: punctuation, or a conjunction starting another
("the trial is expected to last two months and if found guilty he faces ...")."""
_TIME_WORDS = frozenset(m for m in MONTHS) | {w.lower() for w in WEEKDAYS} | {
    "morning", "afternoon", "even", "night", "earlier", "later", "earli", "late", "ago", "week", "month", "dai",
    "today", "yesterdai", "tomorrow"}
_TIME_STEMS = frozenset(content_stems(" ".join(_TIME_WORDS))) | _TIME_WORDS
_SAYS_NOTHING = frozenset(content_stems("million billion trillion thousand bn percent cent dollars pounds euros "
                                        "show shows showed showing according")) | _TIME_STEMS
"""Near a value, these say how big it is or who reports it, not what it is of."""
_CURRENCY = re.compile(
    r"(US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|\b(?:dollars?|pounds?|sterling|euros?|roubles?|rubles?|yen|yuan|rupees?)\b)",
    re.IGNORECASE,
)
_CURRENCY_NAMES = {"dollar": "$", "dollars": "$", "us$": "$", "pound": "£", "pounds": "£", "sterling": "£",
                   "euro": "€", "euros": "€", "rouble": "rub", "roubles": "rub", "ruble": "rub", "rubles": "rub",
                   "yen": "¥", "yuan": "yuan", "rupee": "₹", "rupees": "₹"}
_TITLE = re.compile(
    r"((?:[\w’'-]+\s+){0,3}?(?:minister|ministry|ambassador|envoy|spokes(?:man|woman|person)|president|premier|"
    r"leader|chief|secretary|governor|mayor|chairman|chairwoman|director|commander|general|head)"
    r"(?:\s+(?:to|of|for)\s+(?:the\s+)?[\w’'-]+)?)[\s,]*$",
    re.IGNORECASE,
)


_TITLE_WORDS = ("minist", "ambassador", "envoy", "spokes", "president", "premier", "leader", "chief", "secretary",
                "governor", "mayor", "chair", "director", "commander", "general", "head")


@dataclass
class ValueReading:
    """One value in one passage, and what it is a value of."""

    passage: Passage
    start: int
    end: int
    text: str
    kind: str
    """'date' (dates, weekdays, years, durations), 'number', 'money' or 'name'."""
    date: DateValue | None = None
    duration: Duration | None = None
    quantity: float | None = None
    bounds: Bounds | None = None
    unit: str = ""
    """Stem of the noun a number counts ('peopl', 'page')."""
    unit_word: str = ""
    head: str = ""
    """Stem of the noun a compound value describes: 'indict' in "47-page
    indictment", 'investig' in "two-year investigation"."""
    head_word: str = ""
    context: frozenset[str] = frozenset()
    """Content stems just around the value."""
    near: dict[str, float] = field(default_factory=dict)
    """Content stems of the value's clause, weighted by closeness (1 next to it)."""
    names: frozenset[str] = frozenset()
    """Capitalised words (names) of the value's clause near it: who or what it is about."""
    daypart: str = ""
    """For a weekday: 'late' ("late Friday", "Friday night") or 'early'
    ("early Saturday", "Saturday morning"), where one night may be either."""
    period: str = ""
    """For a span that is a stretch of the calendar: 'last' ("the past three
    weeks"), 'first', 'next'."""
    since: bool = False
    """A date a period starts from ("since 2002"), not one something happened on."""
    subject: frozenset[str] = frozenset()
    """Those of them before the value: mostly who did or has it ("Rosneft will control 16%")."""
    currency: str = ""
    role: frozenset[str] = frozenset()
    """For names: the title before it ('Russian ambassador to Afghanistan'), as stems."""
    name: str = ""
    actor: frozenset[str] = frozenset()
    """For a weekday: its subject when that is a body (a chamber, a court, a
    department), not a person: a body acts once or twice in a story, a
    person every day (see actors.py)."""
    actor_days: int = 0
    """How many days the article gives that actor."""

    @property
    def article(self) -> str:
        return self.passage.article

    def value(self) -> str:
        if self.kind == "name":
            return self.name
        if self.duration:
            return " ".join(self.text.split())  # "two-year", "monthslong": as plain as any reading of them
        if self.date:
            return self.date.describe()
        text = describe_quantity(self.quantity or 0)
        return f"{text} {self.unit_word}".strip() if self.kind == "number" else text


def article_readings(article: Article, passages: list[Passage]) -> dict[int, list[ValueReading]]:
    """Passage index -> the values it gives, in order."""
    found: dict[int, list[ValueReading]] = {}
    if not article.analysis:
        return found
    body = article.body
    reference_year = article.published.year if article.published else None

    def passage_of(start: int, end: int) -> Passage | None:
        return next((p for p in passages if p.start <= start and end <= p.end), None)

    calendar = [(e.start, e.end) for e in article.analysis.entities
                if e.label == "DATE" and (parse_date(e.text) or DateValue()).month]
    times: list[ValueReading] = []
    for passage in passages:
        for time in find_times(body, passage.start, passage.end, article.published):
            if time.date and time.date.weekday is None and any(s < time.end and time.start < e for s, e in calendar):
                continue  # the "this year" of "April this year": read with its month
            reading = ValueReading(passage, time.start, time.end, body[time.start:time.end], "date",
                                   date=time.date, duration=time.duration)
            if time.duration and time.duration.adjective:
                reading.head, reading.head_word = _next_noun(body, time.end, passage.end)
            if time.date and time.date.weekday is not None:
                reading.daypart = _daypart(body[max(passage.start, time.start - 8):time.start],
                                           body[time.end:min(passage.end, time.end + 10)])
            if time.duration:
                period = _PERIOD.search(body[max(passage.start, time.start - 12):time.start])
                reading.period = _PERIODS[period.group(1).lower()] if period else ""
            times.append(reading)
    taken = [(t.start, t.end) for t in times]
    readings = list(times)
    for entity in article.analysis.entities:
        if entity.label not in ("DATE", "NUMBER", "MONEY", "PERSON"):
            continue
        home = passage_of(entity.start, entity.end)
        if home is None or any(s < entity.end and entity.start < e for s, e in taken):
            continue  # a weekday, relative year or duration read above
        found_reading = _entity_reading(body, home, entity, reference_year)
        if found_reading:
            readings.append(found_reading)
    for reading in readings:
        reading.context = _context(body, reading.start, reading.end)
        reading.near = _near(body, reading.passage, reading.start, reading.end)
        reading.subject, reading.names = _names(body, reading.passage, reading.start, reading.end)
        found.setdefault(reading.passage.index, []).append(reading)
    for values in found.values():
        values.sort(key=lambda r: r.start)
    people = {word.lower().strip(".,’'") for e in article.analysis.entities if e.label == "PERSON"
              for word in (e.text.split() + e.canonical.split())}
    _note_actors(readings, people)
    return found


def _note_actors(readings: list[ValueReading], people: set[str]) -> None:
    """Note on each weekday its actor, if a body, and how many days its article gives that actor."""
    days: dict[frozenset[str], set[DateValue]] = {}
    weekdays = [r for r in readings if r.subject and r.date and r.date.weekday is not None
                and not {re.sub(r"['’]s$", "", w) for w in r.subject} & people]
    for reading in weekdays:
        reading.actor = reading.subject
        days.setdefault(reading.subject, set()).add(reading.date)  # type: ignore[arg-type]
    for reading in weekdays:
        reading.actor_days = len(days[reading.subject])


def _entity_reading(body: str, passage: Passage, entity: Entity, reference_year: int | None) -> ValueReading | None:
    start, end, text = entity.start, entity.end, entity.text
    if entity.label == "PERSON":
        role = _role_before(body[max(passage.start, start - 60):start])
        return ValueReading(passage, start, end, text, "name", role=role, name=entity.canonical) if role else None
    if entity.label == "DATE":
        date = parse_date(text, reference_year)
        if date is None or _in_range(body, start, end):
            return None
        reading = ValueReading(passage, start, end, text, "date", date=date,
                               since=bool(_SINCE.search(body[max(passage.start, start - 16):start])))
        if date.month is None and _ATTRIBUTIVE.search(body[max(passage.start, start - 12):start]):
            # "the 1996 Defense of Marriage Act", "the 2001 attacks": which thing, not when
            reading.head, reading.head_word = _next_noun(body, end, passage.end)
        return reading
    quantity = parse_quantity(text)
    if quantity is None or not any(ch.isdigit() for ch in text):
        return None  # "two decades": too vague to dispute
    if re.search(r"\b(?:No|no|number)\.?\s*$", body[max(0, start - 8):start]):
        return None  # a rank ("No. 2"), not a quantity
    if re.match(r"\s*(?:-|–|to)\s*\d", body[end:end + 6]) or re.search(r"\d\s*(?:-|–|to)\s*$", body[max(0, start - 6):start]):
        return None  # one end of a range ("40 to 60 hours") or a tally ("348-77")
    if _CONVERSION.search(body[max(passage.start, start - 40):start]):
        return None  # "$11bn (£5.7bn)": the same sum in another currency, at some day's rate
    bounds = quantity_bounds(text, body[max(passage.start, start - 30):start], body[end:end + 12])
    if entity.label == "MONEY":
        return ValueReading(passage, start, end, text, "money", quantity=quantity, bounds=bounds, unit="money",
                            currency=_currency(text, body[end:end + 12]))
    for w_start, w_end, word in words(body[end:min(passage.end, end + 40)]):
        stems = content_stems(word)
        if not stems:
            continue
        if word.lower().rstrip("s") in UNIT_DAYS:
            return None  # "48 years": a duration, read as one where it is one
        reading = ValueReading(passage, start, end, text, "number", quantity=quantity, bounds=bounds,
                               unit=stems[0], unit_word=word)
        if body[end:end + w_start].strip() == "-":  # "47-page indictment": the indictment's pages
            reading.head, reading.head_word = _next_noun(body, end + w_end, passage.end)
        return reading
    return None


_PERIOD = re.compile(r"\b(first|last|past|previous|final|opening|next|coming)\s+$", re.I)
_PERIODS = {"first": "first", "opening": "first", "last": "last", "past": "last", "previous": "last",
            "final": "final", "next": "next", "coming": "next"}
_SINCE = re.compile(r"\b(?:since|from|starting in|beginning in)\s+$", re.I)
_CONVERSION = re.compile(r"\d[\d.,]*\s*(?:[^\W\d]+\s*)?\((?:[^()]*;\s*)?$")
_ATTRIBUTIVE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|['’]s)\s+$", re.I)
_YEAR_RANGE_AFTER = re.compile(r"\s*(?:-|–|to|through|until|and)\s*(?:19|20)\d\d\b")
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:19|20)\d\d\s*(?:-|–|to|through|until|and)\s*$")


def _daypart(before: str, after: str) -> str:
    if re.search(r"\blate\s+(?:on\s+)?$", before, re.I) or re.match(r"\s*(?:night|evening)\b", after, re.I):
        return "late"
    if re.search(r"\bearly\s+(?:on\s+)?$", before, re.I) or re.match(r"\s*morning\b", after, re.I):
        return "early"
    return ""


def _in_range(body: str, start: int, end: int) -> bool:
    """One end of a span of years ("from 2007 to 2014", "between 2011 and
    2014"): neither end is the date of anything."""
    text = body[start:end]
    return (len(re.findall(r"\b(?:19|20)\d\d\b", text)) > 1 or bool(_YEAR_RANGE_AFTER.match(body, end))
            or bool(_YEAR_RANGE_BEFORE.search(body[max(0, start - 20):start])))


def _next_noun(body: str, start: int, limit: int) -> tuple[str, str]:
    """The content word right after a compound ("-page indictment")."""
    for _, _, word in words(body[start:min(limit, start + 30)])[:2]:
        stems = content_stems(word)
        if stems:
            return stems[0], word
    return "", ""


def _context(body: str, start: int, end: int) -> frozenset[str]:
    before = [w for _, _, w in words(body[max(0, start - 60):start])][-CONTEXT_WORDS:]
    after = [w for _, _, w in words(body[end:end + 60])][:CONTEXT_WORDS]
    return frozenset(content_stems(" ".join(before + after)))


def _clause(body: str, passage: Passage, start: int, end: int) -> tuple[str, str]:
    """The words of the value's own clause before it and after it."""
    before = body[passage.start:start]
    cuts = list(_CLAUSE.finditer(before))
    before = before[cuts[-1].end():] if cuts else before
    after = body[end:passage.end]
    cut = _CLAUSE.search(after)
    return before, after[:cut.start()] if cut else after


def _near(body: str, passage: Passage, start: int, end: int) -> dict[str, float]:
    """The content stems of the value's clause, nearest first: 1 for the
    word next to it, less further off; time words left out (they are the
    values, not what the values are of)."""
    before, after = _clause(body, passage, start, end)
    weights: dict[str, float] = {}
    for side in (reversed(words(before)), words(after)):
        # Distance in content words: "A gunman killed 11 people at a
        # Pittsburgh synagogue on Saturday" keeps its gunman.
        stems = [stem for _, _, word in side for stem in content_stems(word) if stem not in _SAYS_NOTHING]
        for distance, stem in enumerate(stems[:NEAR_WORDS], start=1):
            weights[stem] = max(weights.get(stem, 0.0), 1.0 / (1.0 + 0.25 * (distance - 1)))
    return weights


_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator"})


def _names(body: str, passage: Passage, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words of the value's clause, eight words back, and those
    and six words on: who or what the value is about ("Jeb Bush released 33
    years of returns")."""
    before, after = _clause(body, passage, start, end)
    def capitalised(tokens: list) -> frozenset[str]:
        found = set()
        for _, _, word in tokens:
            lower = re.sub(r"['’]s$", "", word.lower())
            if word[:1].isupper() and lower not in STOP and lower not in _HONORIFICS and lower not in _TIME_WORDS:
                found.add(lower)
        return frozenset(found)

    subject = capitalised(words(before)[-8:])
    return subject, subject | capitalised(words(after)[:6])


def _role_before(text: str) -> frozenset[str]:
    """Stems of the title right before a name ('Chinese Foreign Ministry
    spokesperson Mao Ning' -> chines, foreign, ministri, spokesperson)."""
    lower = text.lower()
    if not any(word in lower for word in _TITLE_WORDS):
        return frozenset()  # the common case, without the costly pattern
    match = _TITLE.search(text)
    if not match:
        return frozenset()
    phrase = re.sub(r"['’]s\b", "", match.group(1).lower())
    return frozenset(stem for stem in content_stems(phrase) if stem not in ("the", "a"))


def _currency(text: str, after: str) -> str:
    """The currency an amount is in, from its text or the word after it ("261bn roubles")."""
    match = _CURRENCY.search(text) or re.match(r"\s*" + _CURRENCY.pattern, after, re.IGNORECASE)
    if not match:
        return ""
    found = match.group(1).lower()
    return _CURRENCY_NAMES.get(found, found)
