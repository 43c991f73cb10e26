"""What a name is made of, for telling which names can be one entity:
its words without case, dots or suffixes, and the initials of an acronym."""

from __future__ import annotations

import re
from functools import lru_cache

from ..analysis.gazetteer import load as load_gazetteer
from ..analysis.gazetteer import name_key

Key = tuple[str, ...]
"""A name's words, case-folded: 'George W. Bush' -> ('george', 'w', 'bush')."""

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes: 'Joseph R. Biden Jr' is still a Biden."""
_ACRONYM = re.compile(r"[A-Z](?:\.?[A-Z&]){1,6}\.?")
"""'DHS', 'U.S.', 'AT&T': capitals only (two to seven), dots allowed."""
_MINOR_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "at", "de", "&"})
"""Lower-case words an acronym skips ('Department of Homeland Security' -> DHS)."""

GAZETTEER_LABELS = {"ORG": "ORG", "PLACE": "PLACE"}
"""Which of the gazetteer's kinds a label's names may be looked up as."""


def name_words(name: str) -> Key:
    """The words of a name, dots dropped so 'U.S.' and 'US' are one word."""
    return tuple(_WORD.findall(name.replace(".", "").casefold()))


@lru_cache(maxsize=1 << 16)  # facets rebuild after every add; names recur
def identity_key(name: str, label: str) -> Key:
    """Names with one key are one entity whatever else the library holds:
    the same words ('George W. Bush', 'George W Bush'), the same person
    with a title ('Lord Falconer', 'Falconer'), or aliases the gazetteer
    gives one canonical name ('U.S.', 'United States')."""
    kind = GAZETTEER_LABELS.get(label)
    if kind is not None:
        entry = load_gazetteer().names.get(name_key(name.removeprefix("the ")))
        if entry is not None and entry[0] == kind:
            return name_words(entry[1])
    if label == "PERSON":
        return _person_key(name_words(_without_lowercase_start(name)))
    return name_words(name)


_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "van", "von", "la", "le", "al", "el", "bin", "ibn", "ben"})


def _without_lowercase_start(name: str) -> str:
    """'of LePage' is LePage: a name starts with a capital or a particle ('de Gaulle')."""
    words = name.split()
    start = 0
    while start < len(words) - 1 and words[start][:1].islower() and words[start] not in _PARTICLES:
        start += 1
    return " ".join(words[start:])


def _person_key(words: Key) -> Key:
    """Without a leading title or initial ('J. Christopher Stevens')."""
    titles = title_words()
    if all(word in titles for word in words):  # 'Home Secretary' is a title, not a Secretary
        return words
    start = 0
    while start < len(words) - 1 and (words[start] in titles or (len(words[start]) == 1 and len(words) - start >= 3)):
        start += 1
    return words[start:]


def formal_words(key: Key) -> Key:
    """A person's name words with familiar first names made formal
    ('chuck schumer' -> 'charles schumer'); the surname is left alone."""
    return (*(_FORMAL.get(word, word) for word in key[:-1]), key[-1]) if len(key) >= 2 else key


_FAMILIAR = {
    "william": "bill billy will willie", "robert": "bob bobby rob robbie bert", "richard": "dick rick ricky rich",
    "charles": "chuck charlie", "james": "jim jimmy jamie", "joseph": "joe joey", "michael": "mike mick mickey",
    "thomas": "tom tommy", "christopher": "chris", "elizabeth": "liz lizzie beth betsy", "margaret": "maggie peggy",
    "anthony": "tony", "daniel": "dan danny", "david": "dave", "steven": "steve stephen", "kenneth": "ken kenny",
    "zachary": "zack zach", "nicholas": "nick", "matthew": "matt", "andrew": "andy", "benjamin": "ben",
    "alexander": "alex", "timothy": "tim", "gregory": "greg", "jeffrey": "jeff", "ronald": "ron", "donald": "don",
    "lawrence": "larry", "douglas": "doug", "peter": "pete", "frederick": "fred", "walter": "walt",
    "susan": "sue", "katherine": "kate kathy katie", "jennifer": "jenny jen", "deborah": "debbie deb",
    "rebecca": "becky", "victoria": "vicky", "edward": "ed eddie", "gerald": "gerry jerry", "patricia": "patty",
    "samuel": "sam", "jonathan": "jon", "raymond": "ray", "leonard": "len lenny", "phillip": "phil", "philip": "phil",
}
"""English familiar forms of first names, each unambiguous enough to read
as its formal name ('Chuck Schumer' may be 'Charles Schumer')."""
_FORMAL = {short: formal for formal, shorts in _FAMILIAR.items() for short in shorts.split() if short != "phil"}
_FORMAL.update({"stephen": "steven"})


_HONORIFICS = (
    "lord", "lady", "sir", "dame", "mr", "mrs", "ms", "miss", "dr", "rev", "sen", "rep", "gov", "pres", "presidents",
    "under-secretary",
)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words of the gazetteer's person titles, and honorifics: a name's
    leading title does not make it another person."""
    words = {w for title in load_gazetteer().person_titles for w in name_words(" ".join(title))} - {"of", "the"}
    return frozenset(words | set(_HONORIFICS))


def looks_like_person(name: str) -> bool:
    """'Frank Arnesen': a known first name and no organisation's head word."""
    words = name.split()
    return len(words) >= 2 and words[0] in load_gazetteer().first_names and not is_org_name(name_words(name))


def is_first_name(word: str) -> bool:
    """Whether the gazetteer knows the (case-folded) word as a first name."""
    return word in _first_names()


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(name.casefold() for name in load_gazetteer().first_names)


def person_words(key: Key) -> Key:
    """A person's name words without a trailing 'Jr', 'III' and the like."""
    end = len(key)
    while end > 1 and key[end - 1] in _SUFFIXES:
        end -= 1
    return key[:end]


def is_org_name(key: Key) -> bool:
    """'Foreign Ministry', 'Labour Party': a last word that heads organisations,
    which no surname rule may join (two ministries share 'Ministry')."""
    return bool(key) and key[-1] in _org_heads()


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(name_words(" ".join(load_gazetteer().org_heads)))


def acronym_letters(name: str) -> str | None:
    """'DHS' -> 'dhs', 'U.S.' -> 'us'; None for a name that is not one acronym."""
    text = name.strip()
    if not _ACRONYM.fullmatch(text):
        return None
    letters = text.replace(".", "").replace("&", "").casefold()
    return letters if len(letters) >= 2 else None


def initials(name: str, *, whole_acronyms: bool = False) -> str | None:
    """The initials of a name's capitalised words ('Department of Homeland
    Security' -> 'dhs'); None when fewer than two words give one, or when a
    word is neither capitalised nor a minor word (not an expansion). With
    `whole_acronyms`, an acronym inside the name counts whole ('UK
    Independence Party' -> 'ukip')."""
    letters = []
    for word in re.findall(r"[\w&'’-]+", name):
        if word.casefold() in _MINOR_WORDS:
            continue
        if not word[0].isupper():
            return None
        if whole_acronyms and len(word) >= 2 and word.isupper() and word.isalpha():
            letters.append(word)
            continue
        for part in word.split("-"):  # 'Anti-Doping Agency': both halves count
            if part and part[0].isupper():
                letters.append(part[0])
    return "".join(letters).casefold() if len(letters) >= 2 else None
