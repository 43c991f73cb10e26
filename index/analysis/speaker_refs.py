"""Who a speaker mention stands for, when the mention is not a name.

Reported speech often names its source once and then refers back to it:

- by role: "the president said", "the four-term congressman said" -- the
  person the article named with that title ("President Trump", "Rep. Blake
  Farenthold"), when it named exactly one;
- by document: "the statement said", "the letter said" -- whoever the
  article said issued it ("a statement from Grimm's attorney, William
  McGinley", "Every former secretary of ... sent a letter").

Also here: which name mentions can be the subject of a clause at all
(`subject_like`), used both for speakers and for what a pronoun stands for.
"""

from __future__ import annotations

import re

from .model import Entity, SpeakerRef
from .text import TITLES

_PREPOSITIONS = frozenset(
    "of on to for with against about at by from into onto over toward towards between among than like under "
    "behind via upon including".split()
)
_CLAIM_HEADS = frozenset(
    "statement statements tweet tweets words remarks comments claim claims letter post posts message speech "
    "testimony interview brief filing submission memo lawsuit complaint ad book email essay column op-ed "
    "announcement response reply answer account".split()
)
# Words ending in -ed that are not verbs before a name ("retired General X").
_NOT_VERBS = frozenset("retired embattled indicted jailed disgraced celebrated noted acclaimed named ousted elected".split())
_TITLE_WORD = re.compile(r"^(?:[A-Z][a-z]{0,4}\.|former|then|the|late)$")
_WORDS_BEFORE = re.compile(r"([\w.'’-]+)[\s,]*$")


def subject_like(text: str, entity: Entity) -> bool:
    """Can this mention be the subject of its clause? Not as a possessive
    modifier ("Grimm's lawyer"; but "Trump's tweet" is Trump's), the object
    of a preposition ("a lawyer for Mr. Grimm", "Of Obama, he said"), or a
    person's name modifying a noun after an article ("the Obama
    administration")."""
    if entity.text.split()[-1].rstrip(".").lower() in TITLES:
        return False  # "Democratic Sen" cut before its name: a title names nobody
    possessive = re.match(r"['’]s?\s+((?:[\w-]+\s+){0,2}[\w-]+)", text[entity.end:entity.end + 50])
    if possessive and possessive.group(1)[:1].islower():
        if not any(word.lower() in _CLAIM_HEADS for word in possessive.group(1).split()):
            return False
    before = text[max(0, entity.start - 60):entity.start]
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    words = before.split()
    # Step back over titles ("for Mr. Grimm", "of former President Obama").
    while words and _TITLE_WORD.match(words[-1]) and words[-1].lower() != "the":
        words.pop()
    if not words or before.rstrip().endswith((",", ";", ":", "—", "(")):
        return True
    previous = words[-1].lower()
    if previous in _PREPOSITIONS:
        return False
    if previous.endswith("ed") and previous.isalpha() and previous not in _NOT_VERBS and len(words) > 1 and (
        not re.search(r"[,”\"’]\s*$", before[: before.rstrip().rfind(words[-1])])
    ):
        # "prompted Vieira to ask", "accused Obama of": the object of a verb.
        # ('"...," asked Trump' puts the speaker after its verb: kept.)
        return False
    if previous in ("the", "a", "an"):
        return entity.label != "PERSON" and not (len(words) > 1 and words[-2].lower() in _PREPOSITIONS)
    return True


# -- roles ------------------------------------------------------------------------------------

# A role noun and the titles that name its holder.
_ROLE_TITLES: dict[str, str] = {
    "president": r"President|Pres\.",
    "vice president": r"Vice\s+President|Vice\s+Pres\.",
    "senator": r"Sen\.|Senator",
    "congressman": r"Rep\.|Representative|Congressman",
    "congresswoman": r"Rep\.|Representative|Congresswoman",
    "representative": r"Rep\.|Representative",
    "governor": r"Gov\.|Governor",
    "mayor": r"Mayor",
    "speaker": r"Speaker",
    "prime minister": r"Prime\s+Minister|PM",
    "chancellor": r"Chancellor",
    "secretary": r"Secretary",
    "attorney general": r"Attorney\s+General",
    "judge": r"Judge",
}
_ROLE = re.compile(
    r"^(?:the|The)\s+((?:former|then|current|outgoing|incoming|new|embattled|[\w-]+-term|[A-Z][\w.-]*)\s+){0,3}?"
    r"(" + "|".join(sorted(_ROLE_TITLES, key=len, reverse=True)) + r")$"
)


def _role_holder(text: str, speaker: SpeakerRef, people: list[Entity]) -> str | None:
    """The one person the article named with this role's title before the mention."""
    match = _ROLE.match(speaker.text)
    if not match:
        return None
    role = match.group(2)
    former = "former" in speaker.text.lower()
    title = re.compile(
        r"(?:^|[\s(])(former\s+|ex-)?(?:[A-Z][\w.-]*\s+){0,2}?(" + _ROLE_TITLES[role] + r")\s+(?:[A-Z][\w.'’-]*\s+){0,3}$",
        re.IGNORECASE if role != "president" else 0,
    )
    holders: dict[str, bool] = {}
    for person in people:
        if person.end > speaker.start or not person.canonical:
            continue
        # "former Vice President Dick Cheney": the title before the surname,
        # inside the entity or just before it.
        lead = text[max(0, person.start - 40):person.start] + person.text
        lead = lead[: len(lead) - len(person.text.split()[-1])]
        hit = title.search(lead)
        if hit is None or (role == "president" and re.search(r"Vice[\s-]+$", lead[: hit.start(2)])):
            continue
        holders[person.canonical] = holders.get(person.canonical, False) or bool(hit.group(1))
    # "the former vice president" is whoever was named "former"; "the
    # president" is not the former one.
    if any(was == former for was in holders.values()):
        holders = {name: was for name, was in holders.items() if was == former}
    return next(iter(holders)) if len(holders) == 1 else None


# -- documents --------------------------------------------------------------------------------

_DOCUMENT = re.compile(
    r"^(?:the|The|that|That|this|This)\s+(?:[\w-]+\s+){0,2}?"
    r"(statement|letter|memo|memorandum|e-?mail|note|message|release|tweet|post|filing|complaint|ad)$"
)
_OPENING_DESCRIPTION = re.compile(
    r"\s*((?:Every|Each|All|Both|Most|The|A|An|Some|Several|Many|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\s+"
    r"[^,;:“\"()]{3,90}?)(?=,|\s+(?:sent|issued|released|wrote|signed|published|posted|put\s+out|delivered)\b)"
)


def _document_author(
    text: str, speaker: SpeakerRef, named: list[Entity], sentences: list[tuple[int, int]], quoted: list[tuple[int, int]]
) -> SpeakerRef | None:
    """Who issued "the statement" or "the letter": the last one the article mentioned before."""
    match = _DOCUMENT.match(speaker.text)
    if not match:
        return None
    noun = match.group(1)
    window = max(0, speaker.start - 3000)
    for mention in reversed(list(re.finditer(rf"\b{noun}s?\b", text[window:speaker.start], re.IGNORECASE))):
        at, end = window + mention.start(), window + mention.end()
        # "The statement said ...": a mention referring back itself; look further back.
        definite = re.search(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", text[max(0, at - 30):at], re.IGNORECASE)
        author = _author_at(text, at, end, named, sentences, quoted, definite is None)
        if author is not None:
            return author
    return None


def _author_at(
    text: str, at: int, end: int, named: list[Entity], sentences: list[tuple[int, int]],
    quoted: list[tuple[int, int]], introduced: bool,
) -> SpeakerRef | None:
    """Who issued the document mentioned at text[at:end]: its "from" phrase,
    its possessor, or (where the mention introduces it) the subject of its sentence."""
    s_start, s_end = next(((s, e) for s, e in sentences if s <= at < e), (max(0, at - 300), min(len(text), end + 300)))
    outside = [
        e for e in named
        if s_start <= e.start and e.end <= s_end and not any(a <= e.start < b for a, b in quoted) and subject_like(text, e)
    ]
    # "a statement from Grimm's attorney, William McGinley", "a letter by 40 senators"
    if re.match(r"\s+(?:from|by|of)\s+", text[end:end + 10]):
        following = [e for e in outside if end <= e.start <= end + 80]
        if following:
            return _ref(following[0])
    # "Grimm's statement"
    possessor = [e for e in named if e.end <= at and re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", text[e.end:at])]
    if possessor:
        return _ref(possessor[-1])
    if not introduced:
        return None
    # "Every former secretary of ... sent a letter": the subject opening its sentence.
    opening = _OPENING_DESCRIPTION.match(text, s_start, at)
    if opening:
        start, stop = opening.start(1), opening.end(1)
        return SpeakerRef(text[start:stop], start, stop, None)
    subjects = [e for e in outside if e.start < at] or [e for e in outside if e.start > end]
    return _ref(subjects[0]) if subjects else None


def _ref(entity: Entity) -> SpeakerRef:
    return SpeakerRef(entity.text, entity.start, entity.end, entity.canonical)


def resolve_speaker(
    text: str,
    speaker: SpeakerRef | None,
    entities: list[Entity],
    sentences: list[tuple[int, int]],
    quoted: list[tuple[int, int]],
) -> SpeakerRef | None:
    """The speaker a role or document mention stands for, where the article
    says; otherwise the mention as it is."""
    if speaker is None or speaker.canonical is not None:
        return speaker
    people = [e for e in entities if e.label == "PERSON"]
    holder = _role_holder(text, speaker, people)
    if holder is not None:
        return SpeakerRef(speaker.text, speaker.start, speaker.end, holder)
    named = [e for e in entities if e.label in ("PERSON", "ORG")]
    author = _document_author(text, speaker, named, sentences, quoted)
    return author if author is not None else speaker
