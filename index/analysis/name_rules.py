"""The built-in recogniser's rules for names, in the order they are tried.

`find_names` walks the tokens; at each one the `NAME_RULES` are asked in
order and the first that applies says where to go on (and may record a
name). A capitalised run no earlier rule claimed is judged by its shape,
with the `RUN_RULES`, again in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .context import CONNECTORS, PARTICLES, Pass, Span
from .gazetteer import Gazetteer, name_key
from .name_lists import NOT_FIRST_NAMES, ORG_FIRST_WORDS

# Capitalised only because they start a sentence: never the start of a name.
FUNCTION_WORDS = frozenset(
    "The A An This That These Those In On At By To From With Of For And But Or As If When While After "
    "Before Since Until During Despite Although Though However Meanwhile It He She They We I His Her Its "
    "Their Our There Here Then Now So Yet Also Still Even Only Just Some Many Most Several Both Each Every "
    "All No Not What Which Who Why How Where Plus Instead Indeed Besides Yes Perhaps Maybe Thus Hence Therefore "
    "Nevertheless Otherwise Sometimes Often Never Together".split()
)
# Common words that are also first names ("Mark Hughes", "Guy Forget"): a
# name only when another capitalised word follows.
AMBIGUOUS_FIRST_NAMES = frozenset(
    "Amber Bill Carter Chase Constance Crystal Dawn Earl Faith Frank Grace Grant Guy Hope Hunter Ivy Jade Joy "
    "Lily Mark Mason Miles Parker Pearl Ray Rose Ruby Taylor Tyler Will".split()
)
# ... and surnames ("Gordon Brown", "Peter Such") after a first name.
AMBIGUOUS_SURNAMES = frozenset(
    "Black Brown Carter Chase Cooper Field Frank Grant Gray Green Grey Hall Hill Hunter King Lane Little Long "
    "Mason Miles Parker Price Rich Rose Short Stone Such Taylor Tyler White Wood Young".split()
)
# Lower-case roles right before a name ("spokesman Zabihullah Mujahid"),
# and the marks of cricket scorecards ("c Healy b Fleming").
LOWER_TITLES = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "envoy", "president", "leader", "chief",
    "coach", "manager", "striker", "captain", "analyst", "correspondent", "senator", "secretary", "commander",
    "professor", "director", "official", "MP", "lawmaker", "activist", "Mr", "Mrs", "Ms", "Dr", "c", "b", "lbw",
    "dissident", "lawyer", "attorney", "economist", "journalist", "reporter", "writer", "novelist", "singer",
    "actor", "actress", "chairman", "chairwoman", "governor", "mayor", "dissidents", "businessman",
    "businesswoman", "tycoon", "billionaire", "defender", "midfielder", "goalkeeper", "forward", "winger",
})
# Plural common nouns that open a sentence before a speech verb ("Analysts
# said"): a group described, not a person named.
GROUP_NOUNS = frozenset(
    "analysts officials experts critics witnesses residents sources activists observers investigators "
    "prosecutors economists scientists researchers doctors police protesters demonstrators campaigners lawyers "
    "diplomats leaders organisers organizers authorities officers voters fans supporters opponents aides "
    "insiders executives traders dealers brokers strategists participants organizations organisations "
    "students teachers parents workers employees members people neighbours neighbors relatives friends "
    "villagers locals farmers militants rebels troops soldiers".split()
)
# Titles that stay part of the name they open ("Mawlawi Amir Khan Muttaqi").
HONORIFICS = frozenset("Mawlawi Maulvi Mullah Sheikh Mr Mrs Ms Dr Sir Dame".split())
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "around"})
SPEECH_AFTER = frozenset({"said", "says", "told", "added", "wrote", "insisted", "explained", "argued"})

NameRule = Callable[[Pass, int], int | None]
"""Asked at token i: None when it does not apply, else the token to go on from."""


def find_names(p: Pass) -> None:
    """Walk the tokens, letting the first rule that applies at each one decide."""
    i, n, rules = 0, len(p.tokens), NAME_RULES
    while i < n:
        for rule in rules:
            step = rule(p, i)
            if step is not None:
                i = step
                break
        else:
            raise AssertionError("the last name rule always applies")


# -- name rules, in order --------------------------------------------------------


def skip_non_words(p: Pass, i: int) -> int | None:
    """Lower-case words, numbers and punctuation start no name; a title
    they follow governs nothing. (Skips them all at once: they are most
    tokens.)"""
    tokens = p.tokens
    n = len(tokens)
    j = i
    while j < n and not (tokens[j].is_capitalised and tokens[j].is_word):
        j += 1
    if j == i:
        return None
    p.person_next = False
    return j


def name_after_title(p: Pass, i: int) -> int | None:
    """A title came first: "President Vladimir Putin" is a person."""
    if not p.person_next:
        return None
    size, tokens = p.title_at(i), p.tokens
    if (  # "Lord Chancellor Lord Falconer": titles in a row (but "Mr. Justice" is a name)
        size and tokens[i].text not in HONORIFICS and i + size < len(tokens)
        and tokens[i + size].is_capitalised and tokens[i + size].is_word
    ):
        return i + size
    p.person_next = False
    end = p.capitalised_run(i, allow_connectors=False, particles=True)
    p.spans.append(Span(i, end, "PERSON", titled=True))
    return end


def measure_run(p: Pass, i: int) -> None:
    """Decides nothing: notes the capitalised run and the known name at
    token i (`p.run_end`, `p.known`), which every later rule reads."""
    p.run_end = p.capitalised_run(i)
    p.known = p.known_at(i)


def skip_function_word(p: Pass, i: int) -> int | None:
    """"The Afghan Foreign Ministry": a sentence-initial function word starts
    no name, unless a known name starts with it."""
    if p.tokens[i].text in FUNCTION_WORDS and p.run_end > i + 1 and not p.known:
        return i + 1
    return None


def headline_name(p: Pass, i: int) -> int | None:
    """ALL-CAPS or Title Case headline text: capitals say nothing, so only
    known names and first name + surname count."""
    if not p.shouting[i]:
        return None
    span = _headline_span(p, i)
    if span is None:
        return i + 1
    p.spans.append(span)
    return span.end


def _headline_span(p: Pass, i: int) -> Span | None:
    known = p.known
    if known:
        return Span(i, i + known[0], known[1], known[2])
    tokens = p.tokens
    if tokens[i].text.title() in p.gaz.first_names and i + 1 < len(tokens) and tokens[i + 1].is_capitalised:
        if p.same_line(tokens[i], tokens[i + 1]) and tokens[i + 1].is_word and not p.known_at(i + 1):
            return Span(i, i + 2, "PERSON")
    return None


def organisation_head(p: Pass, i: int) -> int | None:
    """A run ending in an organisation head word is an organisation
    ("Russian Foreign Ministry"), unless the whole run is a known name."""
    end = p.run_end
    known = p.known
    if end - i > 1 and p.tokens[end - 1].text in p.gaz.org_heads and not (known and known[0] == end - i):
        p.spans.append(Span(i, end, "ORG"))
        return end
    return None


def first_name_before_known(p: Pass, i: int) -> int | None:
    """A known first name starting a longer run is a person: "Vladimir
    Putin", not the city of Vladimir."""
    end = p.run_end
    known = p.known
    tokens, gaz = p.tokens, p.gaz
    if (
        known and known[0] < end - i and tokens[i].text in gaz.first_names and tokens[end - 1].text not in p.heads
        and not _title_inside(p, i, end)  # "Washington Gov. Jay Inslee": a place, then a title
    ):
        name_end = p.capitalised_run(i, allow_connectors=False, particles=True)
        p.spans.append(Span(i, name_end, "PERSON"))
        return name_end
    return None


def place_and_more(p: Pass, i: int) -> int | None:
    """A known place followed by capitalised words: "Guadalupe River" is a
    place; "New York Yankees", "China Daily" are organisations."""
    known = p.known
    if not known or known[1] != "PLACE":
        return None
    end = p.run_end
    if end > i + known[0] and p.tokens[end - 1].text in p.gaz.other_heads:
        return end  # "Gulf War", "Australian Open": an event named after a place, not the place
    if not _named_after_place(p, i + known[0], end):
        return None
    kind = "PLACE" if p.tokens[end - 1].text in p.gaz.place_heads else "ORG"
    p.spans.append(Span(i, end, kind))
    return end


def _named_after_place(p: Pass, start: int, end: int) -> bool:
    """Do the capitalised words tokens[start:end] after a place name make a
    team, paper or company of it? Not when they are names, titles or
    calendar words in their own right."""
    if start >= end:
        return False
    gaz = p.gaz
    for k in range(start, end):
        word = p.tokens[k].text
        if p.title_at(k):  # "Texas Gov. Greg Abbott": the place qualifies a title
            return False
        if word in CONNECTORS or word in gaz.not_names or word in gaz.demonyms or word in gaz.first_names:
            return False
        if name_key(word) in gaz.first_words or word in gaz.titles_by_first_word or word.isupper():
            return False
    return True


def known_name(p: Pass, i: int) -> int | None:
    """Known names (countries, cities, organisations, agencies), longest match first."""
    known = p.known
    if not known:
        return None
    length, label, canonical = known
    p.spans.append(Span(i, i + length, label, canonical))
    return i + length


def skip_compound_adjective(p: Pass, i: int) -> int | None:
    """"Ohio-based", "Communist-led": a modifier, not a name."""
    return i + 1 if is_compound_adjective(p.tokens[i].text) else None


def skip_demonym(p: Pass, i: int) -> int | None:
    """"Russian President ...": the demonym qualifies what follows."""
    return i + 1 if p.tokens[i].text in p.gaz.demonyms and p.run_end > i + 1 else None


def title(p: Pass, i: int) -> int | None:
    """A title or role ("Foreign Minister", "spokesperson"): a person's name follows."""
    size = p.title_at(i)
    if not size or p.tokens[p.run_end - 1].text in p.heads:
        return None  # "General Election", "President's Cup": a title word opens another name
    p.person_next = True
    return i + size


def run_shape(p: Pass, i: int) -> int:
    """Any other capitalised run: its shape decides (the RUN_RULES)."""
    end = p.run_end
    span = classify_run(p, i, end)
    if span is None:
        return end if end > i else i + 1
    p.spans.append(span)
    return span.end


NAME_RULES: tuple[NameRule, ...] = (
    skip_non_words,
    name_after_title,
    measure_run,
    skip_function_word,
    headline_name,
    organisation_head,
    first_name_before_known,
    place_and_more,
    known_name,
    skip_compound_adjective,
    skip_demonym,
    title,
    run_shape,
)


# -- the shape of a capitalised run -----------------------------------------------


@dataclass(slots=True)
class Run:
    """A capitalised run being judged: tokens [start, end) and their words."""

    start: int
    end: int
    words: list[str]


class NotAName:
    """A run rule's verdict that the run names nothing: no later rule is asked."""


NOT_A_NAME = NotAName()
RunRule = Callable[[Pass, Run], Span | NotAName | None]
"""None when the rule has no opinion, else the name found or NOT_A_NAME."""


def classify_run(p: Pass, start: int, end: int) -> Span | None:
    run = Run(start, end, p.words(start, end))
    for rule in RUN_RULES:
        verdict = rule(p, run)
        if verdict is not None:
            return verdict if isinstance(verdict, Span) else None
    return None


def first_name_and_surname(p: Pass, run: Run) -> Span | None:
    """"Mark Hughes", "Peter Such": a first name and a surname, even common words."""
    words = run.words
    if (
        2 <= len(words) <= 3
        and words[-1] not in p.heads  # "Guadalupe River", "Grace Road": not people
        and _first_name_then_surname(p.gaz, words[0], words[1])
        and plain_name(p.gaz, words)
        and not _title_inside(p, run.start, run.end)
    ):
        return Span(run.start, run.end, "PERSON")
    return None


def trim_common_words(p: Pass, run: Run) -> NotAName | None:
    """A sentence-initial common word ("Interestingly", "Since") and a
    trailing connector or common word are not part of the name; this rule
    trims the run for the rules after it."""
    gaz, words = p.gaz, run.words
    while words and (run.start in p.sentence_starts or words[0] in gaz.not_names) and (
        words[0] in gaz.not_names or words[0].lower() in p.lower_words or words[0].endswith("ly")
        or (words[0].lower() in LOWER_TITLES and len(words) > 1)  # "Journalist Charlie Rose"
    ):
        run.start += 1
        words = words[1:]
    while words and words[0] in CONNECTORS:  # "[Court] of Appeal" once "Court" went
        run.start += 1
        words = words[1:]
    while words and (words[-1].lower() in CONNECTORS or words[-1] in gaz.not_names):
        if words[-1] in AMBIGUOUS_SURNAMES and len(words) >= 2 and _name_before(gaz, words[-2]):
            break  # "R. Clarke Cooper", "Gordon Brown": a surname, not a common word
        words = words[:-1]
        run.end -= 1
    run.words = words
    return NOT_A_NAME if not words or run.start >= run.end else None


def lone_demonym(p: Pass, run: Run) -> NotAName | None:
    """"Russian" alone is an adjective, not a name."""
    return NOT_A_NAME if len(run.words) == 1 and run.words[0] in p.gaz.demonyms else None


def place_head(p: Pass, run: Run) -> Span | None:
    """"Grace Road", "Changi Prison": a place head word ends a place."""
    if len(run.words) >= 2 and run.words[-1] in p.gaz.place_heads:
        return Span(run.start, run.end, "PLACE")
    return None


def event_head(p: Pass, run: Run) -> NotAName | None:
    """"World Cup", "Labor Day": not a person, place or organisation."""
    return NOT_A_NAME if run.words[-1] in p.gaz.other_heads else None


def organisation_word(p: Pass, run: Run) -> Span | None:
    """An organisation head word at the end ("... Party") or before "of"
    ("Bank of ..."), or a company word at the start ("Deutsche Boerse")."""
    org_heads, words = p.gaz.org_heads, run.words
    head_of = any(w in org_heads and nxt == "of" for w, nxt in zip(words, words[1:], strict=False))
    if words[-1] in org_heads or head_of or (len(words) >= 2 and words[0] in ORG_FIRST_WORDS):
        return Span(run.start, run.end, "ORG")
    return None


def known_whole(p: Pass, run: Run) -> Span | None:
    """The trimmed run is exactly a known name."""
    known = p.known_at(run.start)
    if known and known[0] == run.end - run.start:
        return Span(run.start, run.end, known[1], known[2])
    return None


def place_after_preposition(p: Pass, run: Run) -> Span | None:
    """"in New Haven", "near Arbil": a short plain name after a place preposition."""
    i, words = run.start, run.words
    if i > 0 and p.tokens[i - 1].text in PLACE_PREPOSITIONS and len(words) <= 3 and words[0] not in p.gaz.first_names:
        if i - 1 not in p.sentence_starts and plain_name(p.gaz, words):
            return Span(run.start, run.end, "PLACE")
    return None


def starts_with_first_name(p: Pass, run: Run) -> Span | None:
    """A known first name and up to three more words: a person."""
    words = run.words
    if words[0] in p.gaz.first_names and 2 <= len(words) <= 4 and words[1] not in p.gaz.org_heads:
        if _title_inside(p, run.start, run.end):
            return None
        # "Tim Ryan of Ohio": the name ends before a connector that is no particle.
        cut = next((k for k, w in enumerate(words) if w in CONNECTORS and w not in PARTICLES), len(words))
        return Span(run.start, run.start + cut, "PERSON") if cut >= 2 else None
    return None


def speaker_before_verb(p: Pass, run: Run) -> Span | None:
    """"Dole said", "..., Fleming said": one word before a speech verb is a person."""
    words, end = run.words, run.end
    if (
        len(words) == 1
        and end < len(p.tokens)
        and p.tokens[end].text in SPEECH_AFTER
        and words[0] not in p.gaz.not_names
        and words[0].lower() not in GROUP_NOUNS
    ):
        return Span(run.start, end, "PERSON")
    return None


def initial_and_surname(p: Pass, run: Run) -> Span | None:
    """"A. Mullally": an initial and a surname."""
    words = run.words
    if len(words) == 3 and len(words[0]) == 1 and words[1] == "." and words[2] not in p.gaz.not_names:
        return Span(run.start, run.end, "PERSON")
    return None


def title_inside(p: Pass, run: Run) -> Span | None:
    """"Agriculture Secretary Dan Glickman", "Democratic President Clinton":
    the words after a title inside the run are a person; so are those after
    a title the run starts with once common words were trimmed ("House
    Speaker Nancy Pelosi")."""
    for k in range(run.start, run.end - 1):
        size = p.title_at(k)
        if size and k + size < run.end and p.tokens[k + size].text not in CONNECTORS:
            return Span(k + size, run.end, "PERSON", titled=True)
    return None


def lower_title_before(p: Pass, run: Run) -> Span | None:
    """"spokesman Zabihullah Mujahid", "c Healy b Fleming": a lower-case
    role right before the run."""
    if run.start > 0 and p.tokens[run.start - 1].text in LOWER_TITLES:
        return Span(run.start, run.end, "PERSON", titled=True)
    return None


def acronym(p: Pass, run: Run) -> Span | None:
    """"NATO", "AFP": a short all-capitals word that is no title is an organisation."""
    words = run.words
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and (words[0],) not in p.gaz.person_titles:
        return Span(run.start, run.end, "ORG")
    return None


def plain_capitalised_words(p: Pass, run: Run) -> Span | None:
    """Two to four capitalised words never written in lower case, none a
    known place or organisation: most likely a person."""
    words = run.words
    if (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and w.lower() not in p.lower_words for w in words[1:])
        and not _title_inside(p, run.start, run.end)  # "Democratic Rep. Tim Ryan"
        # "Finding Neverland", "West Ham": a first word the text also uses as a
        # common word, a gerund or a compass point opens no person's name
        and (words[0] in p.gaz.first_names or words[0].lower() not in p.lower_words)
        and not (words[0] not in p.gaz.first_names and len(words[0]) >= 6 and words[0].endswith("ing"))
        and words[0] not in NOT_FIRST_NAMES
        and plain_name(p.gaz, words)
    ):
        return Span(run.start, run.end, "PERSON")
    return None


RUN_RULES: tuple[RunRule, ...] = (
    first_name_and_surname,
    trim_common_words,
    lone_demonym,
    place_head,
    event_head,
    organisation_word,
    known_whole,
    place_after_preposition,
    starts_with_first_name,
    speaker_before_verb,
    initial_and_surname,
    title_inside,
    lower_title_before,
    acronym,
    plain_capitalised_words,
)


# -- word tests the rules share -----------------------------------------------------


def _first_name_then_surname(gaz: Gazetteer, first: str, second: str) -> bool:
    if first in gaz.first_names:
        return second not in gaz.not_names or second in AMBIGUOUS_SURNAMES
    return first in AMBIGUOUS_FIRST_NAMES and second not in gaz.not_names


def _title_inside(p: Pass, start: int, end: int) -> bool:
    """Does a title start after the first word of tokens [start, end), with
    a name after it ("Washington Gov. Jay Inslee"; not "Larry King said")?"""
    tokens = p.tokens
    for k in range(start + 1, end):
        size = p.title_at(k)
        if size and k + size < len(tokens) and tokens[k + size].is_capitalised and tokens[k + size].is_word:
            return True
    return False


def _name_before(gaz: Gazetteer, word: str) -> bool:
    """Could this word come before a surname in a person's name (a given
    name, an initial, any capitalised word that is no common word)?"""
    return word == "." or (word[:1].isupper() and word not in gaz.not_names and word not in gaz.demonyms)


def plain_name(gaz: Gazetteer, words: list[str]) -> bool:
    """Could these words be a person's name, i.e. none is a known place,
    organisation, demonym or compound adjective ("South Korean",
    "Lebed Chechnya", "Ohio-based KeyCorp")?"""
    for word in words:
        if word in gaz.demonyms or is_compound_adjective(word):
            return False
        hit = gaz.names.get(name_key(word))
        if hit and word not in gaz.first_names:
            return False
    return " ".join(words) not in gaz.demonyms


def is_compound_adjective(word: str) -> bool:
    """'Ohio-based', 'Communist-led', 'United Nations-sponsored'."""
    head, dash, tail = word.rpartition("-")
    return bool(dash and head and tail[:1].islower() and tail.isalpha())
