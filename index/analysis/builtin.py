"""The built-in entity recogniser: gazetteers, title cues and capitalisation.

No model and no heavy dependency: a pass over the tokens with dictionary
look-ups, fast enough to analyse a library of thousands of articles in
seconds. Its rules, in order of trust:

1. Known names (countries, cities, regions, organisations, news agencies),
   longest match first.
2. Titles and roles before a name ("Foreign Minister X", "spokesperson X").
3. The shape of a capitalised run: an organisation head word at its end
   ("... Ministry", "... Party"), a known first name at its start, an
   acronym, a country or demonym before a government body.
4. Mentions that repeat part of a name already found ("Muttaqi").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .gazetteer import Gazetteer, load, name_key
from .grammar import find_dates_money_numbers
from .model import Entity
from .text import Token, tokenize

CONNECTORS = frozenset({"of", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn",
                        "van", "von", "der", "den", "for", "on", "the", "y"})
# Capitalised only because they start a sentence: never the start of a name.
FUNCTION_WORDS = frozenset(
    "The A An This That These Those In On At By To From With Of For And But Or As If When While After "
    "Before Since Until During Despite Although Though However Meanwhile It He She They We I His Her Its "
    "Their Our There Here Then Now So Yet Also Still Even Only Just Some Many Most Several Both Each Every "
    "All No Not What Which Who Why How Where".split()
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
PORTFOLIOS = {
    "foreign": "Foreign", "foreign affairs": "Foreign", "defence": "Defence", "defense": "Defence",
    "interior": "Interior", "finance": "Finance", "justice": "Justice", "health": "Health",
    "education": "Education", "economy": "Economy", "trade": "Trade", "energy": "Energy",
}
_GOV_BODY = re.compile(
    r"^(?:the\s+)?(?P<country>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:['’]s)?\s+"
    r"(?:(?P<portfolio>foreign|defen[cs]e|interior|finance|justice|health|education|economy|trade|energy)\s+)?"
    r"(?P<head>ministry|ministry of (?P<of>foreign affairs|defen[cs]e|the interior|interior|finance|justice|health|education|trade|energy)|"
    r"government|embassy|parliament|army|military|cabinet)$",
    re.IGNORECASE,
)


@dataclass
class _Span:
    start: int  # token indexes
    end: int
    label: str
    canonical: str = ""


class BuiltinEngine:
    """Rule-based recogniser; `entities(text)` returns offsets into `text`."""

    name = "builtin"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or load()
        self._heads = self.gaz.place_heads | self.gaz.org_heads | self.gaz.other_heads
        """Last words that make a run a place, organisation or event, never a person."""

    # -- public --------------------------------------------------------------

    def entities(self, text: str) -> list[Entity]:
        self._text = text
        tokens = tokenize(text)
        spans = self._named_spans(text, tokens)
        entities = [self._entity(text, tokens, span) for span in spans]
        entities = canonicalise(entities, self.gaz)
        taken = [(e.start, e.end) for e in entities]
        for start, end, label in find_dates_money_numbers(text):
            if all(end <= s or start >= e for s, e in taken):
                entities.append(Entity(start, end, text[start:end], label, text[start:end]))
        entities.sort(key=lambda e: e.start)
        return entities

    # -- named entities ---------------------------------------------------------

    def _entity(self, text: str, tokens: list[Token], span: _Span) -> Entity:
        start, end = tokens[span.start].start, tokens[span.end - 1].end
        return Entity(start, end, text[start:end], span.label, span.canonical or text[start:end])

    def _named_spans(self, text: str, tokens: list[Token]) -> list[_Span]:
        gaz = self.gaz
        sentence_starts = _sentence_starts(text, tokens)
        shouting = _headline_tokens(text, tokens)
        lower_words = {t.text for t in tokens if t.text[:1].islower()}
        spans: list[_Span] = []
        i = 0
        n = len(tokens)
        person_next = False
        while i < n:
            token = tokens[i]
            if not token.is_capitalised or not token.is_word:
                i += 1
                person_next = False
                continue
            if person_next:  # a title came first: "President Vladimir Putin"
                name_end = self._capitalised_run(tokens, i, allow_connectors=False)
                spans.append(_Span(i, name_end, "PERSON"))
                i = name_end
                person_next = False
                continue
            run_end = self._capitalised_run(tokens, i)
            if token.text in FUNCTION_WORDS and run_end > i + 1 and not self._known_at(tokens, i):
                i += 1  # "The Afghan Foreign Ministry"
                continue
            if shouting[i]:
                # ALL-CAPS or Title Case headline text: capitals say nothing,
                # so only known names and first name + surname count.
                span = self._headline_token(tokens, i)
                if span:
                    spans.append(span)
                    i = span.end
                else:
                    i += 1
                continue
            words = [t.text for t in tokens[i:run_end]]
            known = self._known_at(tokens, i)
            if words[-1] in gaz.org_heads and len(words) > 1 and not (known and known[0] == len(words)):
                spans.append(_Span(i, run_end, "ORG"))  # "Russian Foreign Ministry"
                i = run_end
                continue
            if known and known[0] < len(words) and words[0] in gaz.first_names and words[-1] not in self._heads:
                name_end = self._capitalised_run(tokens, i, allow_connectors=False)
                spans.append(_Span(i, name_end, "PERSON"))  # "Vladimir Putin", not the city
                i = name_end
                continue
            if known:
                length, label, canonical = known
                if label == "PLACE" and self._named_after_place(tokens, i + length, run_end):
                    # "Guadalupe River" is a place; "New York Yankees", "China Daily" are not.
                    kind = "PLACE" if tokens[run_end - 1].text in gaz.place_heads else "ORG"
                    spans.append(_Span(i, run_end, kind))
                    i = run_end
                    continue
                spans.append(_Span(i, i + length, label, canonical))
                i += length
                continue
            if _is_compound_adjective(token.text):
                i += 1  # "Ohio-based", "Communist-led": a modifier, not a name
                continue
            if token.text in gaz.demonyms and run_end > i + 1:
                i += 1  # "Russian President ...": the demonym qualifies what follows
                continue
            title_len = self._title_at(tokens, i)
            if title_len:
                i += title_len
                person_next = True
                continue
            span = self._classify_run(tokens, i, run_end, sentence_starts, lower_words)
            if span:
                spans.append(span)
                i = span.end
            else:
                i = run_end if run_end > i else i + 1
        spans.extend(self._government_bodies(text, tokens, spans))
        spans = _drop_overlaps(spans)
        spans = self._teams(text, tokens, spans)
        spans = self._one_sense_per_article(tokens, spans)
        return self._repeated_names(tokens, spans)

    def _named_after_place(self, tokens: list[Token], start: int, end: int) -> bool:
        """Do the capitalised words tokens[start:end] after a place name make a
        team, paper or company of it? Not when they are names, titles or
        calendar words in their own right."""
        if start >= end:
            return False
        gaz = self.gaz
        for k in range(start, end):
            word = tokens[k].text
            if word in CONNECTORS or word in gaz.not_names or word in gaz.demonyms or word in gaz.first_names:
                return False
            if name_key(word) in gaz.first_words or word in gaz.titles_by_first_word or word.isupper():
                return False
        return True

    def _headline_token(self, tokens: list[Token], i: int) -> _Span | None:
        known = self._known_at(tokens, i)
        if known:
            return _Span(i, i + known[0], known[1], known[2])
        if tokens[i].text.title() in self.gaz.first_names and i + 1 < len(tokens) and tokens[i + 1].is_capitalised:
            same_line = "\n" not in self._text[tokens[i].end:tokens[i + 1].start]
            if same_line and tokens[i + 1].is_word and not self._known_at(tokens, i + 1):
                return _Span(i, i + 2, "PERSON")
        return None

    def _known_at(self, tokens: list[Token], i: int) -> tuple[int, str, str] | None:
        """Longest gazetteer name starting at token i: (length, label, canonical)."""
        if name_key(tokens[i].text) not in self.gaz.first_words:
            return None
        words: list[str] = []
        best = None
        for j in range(i, min(len(tokens), i + self.gaz.longest)):
            text = tokens[j].text
            if text in ("'s", "’s") or not tokens[j].is_word:
                break
            words.append(text)
            hit = self.gaz.names.get(name_key(" ".join(words)))
            if hit:
                best = (j - i + 1, hit[0], hit[1])
        if best and best[0] == 1 and tokens[i].text.isupper() is False and tokens[i].text.lower() == tokens[i].text:
            return None
        return best

    def _title_at(self, tokens: list[Token], i: int) -> int:
        for title in self.gaz.titles_by_first_word.get(tokens[i].text, ()):
            size = len(title)
            if tuple(t.text for t in tokens[i:i + size]) == title:
                return size
        return 0

    def _capitalised_run(self, tokens: list[Token], i: int, allow_connectors: bool = True) -> int:
        """End (exclusive) of the run of capitalised words starting at i."""
        j = i
        n = len(tokens)
        while j < n:
            t = tokens[j]
            if j > i and tokens[j - 1].end < t.start and "\n" in self._text[tokens[j - 1].end:t.start]:
                break  # names never run across lines
            if t.is_word and t.is_capitalised:
                j += 1
                continue
            if t.text == "." and j > i and len(tokens[j - 1].text) == 1 and j + 1 < n and tokens[j + 1].is_capitalised:
                j += 1  # an initial: "A. Mullally"
                continue
            if (
                allow_connectors
                and t.text in CONNECTORS
                and j + 1 < n
                and tokens[j + 1].is_capitalised
                and tokens[j + 1].is_word
                and j > i
            ):
                j += 1
                continue
            break
        return j

    def _classify_run(self, tokens, i, end, sentence_starts, lower_words) -> _Span | None:
        gaz = self.gaz
        words = [t.text for t in tokens[i:end]]
        if (
            2 <= len(words) <= 3
            and words[-1] not in self._heads  # "Guadalupe River", "Grace Road": not people
            and self._first_name_then_surname(words[0], words[1])
            and self._plain_name(words)
        ):
            return _Span(i, end, "PERSON")  # "Mark Hughes", "Peter Such"
        # A sentence-initial common word ("Interestingly", "Since") is not a name.
        while words and (i in sentence_starts or words[0] in gaz.not_names) and (
            words[0] in gaz.not_names or words[0].lower() in lower_words or words[0].endswith("ly")
        ):
            i += 1
            words = words[1:]
        while words and (words[-1].lower() in CONNECTORS or words[-1] in gaz.not_names):
            words = words[:-1]
            end -= 1
        if not words or i >= end:
            return None
        if len(words) == 1 and words[0] in gaz.demonyms:
            return None
        if len(words) >= 2 and words[-1] in gaz.place_heads:
            return _Span(i, end, "PLACE")  # "Grace Road", "Changi Prison"
        if words[-1] in gaz.other_heads:
            return None  # "World Cup", "Labor Day": not a person, place or organisation
        if words[-1] in gaz.org_heads or any(
            w in gaz.org_heads and nxt == "of" for w, nxt in zip(words, words[1:])
        ):
            return _Span(i, end, "ORG")
        known = self._known_at(tokens, i)
        if known and known[0] == end - i:
            return _Span(i, end, known[1], known[2])
        if i > 0 and tokens[i - 1].text in _PLACE_PREPOSITIONS and len(words) <= 3 and words[0] not in gaz.first_names:
            if i - 1 not in sentence_starts and self._plain_name(words):
                return _Span(i, end, "PLACE")  # "in New Haven", "near Arbil"
        if words[0] in gaz.first_names and 2 <= len(words) <= 4 and words[1] not in gaz.org_heads:
            return _Span(i, end, "PERSON")
        if len(words) == 1 and end < len(tokens) and tokens[end].text in _SPEECH_AFTER and words[0] not in gaz.not_names:
            return _Span(i, end, "PERSON")  # "Dole said", "..., Fleming said"
        if len(words) == 3 and len(words[0]) == 1 and words[1] == "." and words[2] not in gaz.not_names:
            return _Span(i, end, "PERSON")  # "A. Mullally"
        title_end = self._title_inside(tokens, i, end)
        if title_end:
            return _Span(title_end, end, "PERSON")  # "Agriculture Secretary Dan Glickman"
        if i > 0 and self._lower_title_before(tokens, i):
            return _Span(i, end, "PERSON")
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and (words[0],) not in gaz.person_titles:
            return _Span(i, end, "ORG")
        if (
            2 <= len(words) <= 4
            and all(w[:1].isupper() and w.lower() not in lower_words for w in words[1:])
            and self._plain_name(words)
        ):
            return _Span(i, end, "PERSON")
        return None

    def _title_inside(self, tokens: list[Token], start: int, end: int) -> int:
        """End of a person title inside the run tokens[start:end] when a name
        follows it ("Democratic President Clinton"), else 0."""
        for k in range(start + 1, end - 1):
            size = self._title_at(tokens, k)
            if size and k + size < end:
                return k + size
        return 0

    def _first_name_then_surname(self, first: str, second: str) -> bool:
        if first in self.gaz.first_names:
            return second not in self.gaz.not_names or second in AMBIGUOUS_SURNAMES
        return first in AMBIGUOUS_FIRST_NAMES and second not in self.gaz.not_names

    def _plain_name(self, words: list[str]) -> bool:
        """Could these words be a person's name, i.e. none is a known place,
        organisation, demonym or compound adjective ("South Korean",
        "Lebed Chechnya", "Ohio-based KeyCorp")?"""
        gaz = self.gaz
        for word in words:
            if word in gaz.demonyms or _is_compound_adjective(word):
                return False
            hit = gaz.names.get(name_key(word))
            if hit and word not in gaz.first_names:
                return False
        return " ".join(words) not in gaz.demonyms

    def _lower_title_before(self, tokens: list[Token], i: int) -> bool:
        previous = tokens[i - 1].text
        return previous in {"spokesman", "spokeswoman", "spokesperson", "minister", "ambassador", "envoy",
                            "president", "leader", "chief", "coach", "manager", "striker", "captain",
                            "analyst", "correspondent", "senator", "secretary", "commander", "professor",
                            "director", "official", "MP", "lawmaker", "activist", "Mr", "Mrs", "Ms", "Dr",
                            "c", "b", "lbw"}  # cricket scorecards: "c Healy b Fleming"

    def _government_bodies(self, text: str, tokens: list[Token], spans: list[_Span]) -> list[_Span]:
        """'Russia's foreign ministry', 'the Russian Ministry of Foreign Affairs'."""
        found = []
        for k, token in enumerate(tokens):
            if token.text.lower() not in ("ministry", "government", "embassy"):
                continue
            for back in range(1, 5):
                start = k - back
                if start < 0:
                    break
                end = k + 1
                if token.text.lower() == "ministry" and end + 2 < len(tokens) and tokens[end].text == "of":
                    tail = [tokens[end + 1].text.lower()]
                    if tail[0] == "foreign" and end + 2 < len(tokens):
                        end += 3
                    elif tail[0] in PORTFOLIOS or tail[0] == "the":
                        end += 2 if tail[0] != "the" else 3
                phrase = text[tokens[start].start:tokens[end - 1].end]
                match = _GOV_BODY.match(phrase)
                if not match:
                    continue
                country = self._country_of(match.group("country"))
                if not country:
                    continue
                portfolio = (match.group("portfolio") or match.group("of") or "").lower().removeprefix("the ")
                head = match.group("head").split()[0].title()
                portfolio_name = PORTFOLIOS.get(portfolio, portfolio.title())
                canonical = " ".join(p for p in (self.gaz.demonym_of.get(country, country), portfolio_name, head) if p)
                found.append(_Span(start, end, "ORG", canonical))
                break
        return found

    def _teams(self, text: str, tokens: list[Token], spans: list[_Span]) -> list[_Span]:
        """A city followed by a score ('Karlsruhe 3 Bayern Munich 1') or beating
        someone is a club, not a place."""
        countries = {c for c, _ in self.gaz.demonym_of.items()}
        result = []
        for span in spans:
            if span.label == "PLACE" and span.canonical not in countries and span.end < len(tokens):
                following = tokens[span.end].text
                if following[:1].isdigit() and "\n" not in text[tokens[span.end - 1].end:tokens[span.end].start]:
                    if not re.fullmatch(r"(1[5-9]|20)\d\d", following):
                        span = _Span(span.start, span.end, "ORG", span.canonical)
                elif following in {"beat", "beats", "drew", "lost", "won", "v", "vs", "vs."}:
                    span = _Span(span.start, span.end, "ORG", span.canonical)
            result.append(span)
        # Unknown words in a results line ("Blackburn 2 Everton 0") are teams.
        covered = {k for s in result for k in range(s.start, s.end)}
        for k in range(len(tokens) - 1):
            token, following = tokens[k], tokens[k + 1]
            if k in covered or not (token.is_word and token.is_capitalised) or token.text in self.gaz.not_names:
                continue
            if not following.text[:1].isdigit() or re.fullmatch(r"(1[5-9]|20)\d\d", following.text):
                continue
            gap = text[token.end:following.start]
            before = text[tokens[k - 1].end:token.start] if k else "\n"
            if "\n" in gap or not ("\n" in before or tokens[k - 1].text[:1].isdigit()):
                continue
            result.append(_Span(k, k + 1, "ORG"))
        return sorted(result, key=lambda s: s.start)

    def _one_sense_per_article(self, tokens: list[Token], spans: list[_Span]) -> list[_Span]:
        """A city the article uses as a team or company ("Karlsruhe 3") is that
        organisation in its other mentions too ("Karlsruhe won", "Karlsruhe 's")."""
        countries = self.gaz.demonym_of
        org_texts = {
            " ".join(t.text for t in tokens[s.start:s.end]) for s in spans if s.label == "ORG" and s.end - s.start <= 3
        }
        if not org_texts:
            return spans
        result = []
        for span in spans:
            dateline = span.end < len(tokens) and re.fullmatch(r"(1[5-9]|20)\d\d", tokens[span.end].text)
            if span.label == "PLACE" and span.canonical not in countries and not dateline:
                if " ".join(t.text for t in tokens[span.start:span.end]) in org_texts:
                    span = _Span(span.start, span.end, "ORG", span.canonical)
            result.append(span)
        return result

    def _country_of(self, word: str) -> str | None:
        if word in self.gaz.demonyms:
            return self.gaz.demonyms[word]
        hit = self.gaz.names.get(name_key(word))
        if hit and hit[0] == "PLACE":
            return hit[1]
        return None

    def _repeated_names(self, tokens: list[Token], spans: list[_Span]) -> list[_Span]:
        """Later single-word mentions of a person's surname ('Muttaqi')."""
        gaz = self.gaz
        surnames = {
            tokens[s.end - 1].text
            for s in spans
            if s.label == "PERSON" and s.end - s.start >= 2
            and name_key(tokens[s.end - 1].text) not in gaz.names and tokens[s.end - 1].text not in gaz.demonyms
        }
        covered = set()
        for s in spans:
            covered.update(range(s.start, s.end))
        extra = [
            _Span(k, k + 1, "PERSON")
            for k, t in enumerate(tokens)
            if t.text in surnames and k not in covered
        ]
        # Single capitalised words classified as something else but which are surnames.
        result = []
        for s in spans:
            if s.end - s.start == 1 and tokens[s.start].text in surnames and s.label != "PERSON":
                s = _Span(s.start, s.end, "PERSON")
            result.append(s)
        return sorted(result + extra, key=lambda s: s.start)


def _is_compound_adjective(word: str) -> bool:
    """'Ohio-based', 'Communist-led', 'United Nations-sponsored'."""
    head, dash, tail = word.rpartition("-")
    return bool(dash and head and tail[:1].islower() and tail.isalpha())


_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "around"})
_SPEECH_AFTER = frozenset({"said", "says", "told", "added", "wrote", "insisted", "explained", "argued"})


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines written in Title Case (headings,
    headlines): capitals there say nothing about names."""
    tokens = tokenize(text)
    flags = _headline_tokens(text, tokens, all_caps=False)
    spans: list[tuple[int, int]] = []
    for token, flagged in zip(tokens, flags):
        if not flagged:
            continue
        if spans and "\n" not in text[spans[-1][1]:token.start]:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


def _headline_tokens(text: str, tokens: list[Token], all_caps: bool = True) -> list[bool]:
    """Per token: does it sit on a line where capitals carry no information
    (mostly ALL CAPS, or Title Case Of Every Word)?"""
    flags = [False] * len(tokens)
    starts = [t.start for t in tokens]
    for line in _LINE.finditer(text):
        line_start, k = bisect_left(starts, line.start()), bisect_left(starts, line.end())
        if k - line_start >= 3:
            words = [t.text for t in tokens[line_start:k] if t.is_word]
            if len(words) >= 3:
                caps = sum(w.isupper() and len(w) > 1 for w in words)
                titled = sum(w[:1].isupper() for w in words if len(w) > 3)
                long_words = sum(len(w) > 3 for w in words)
                line_text = text[tokens[line_start].start:tokens[k - 1].end]
                # A section heading ("Complex History of Russia and Afghanistan"),
                # not a results line ("Jesper Parnevik ( Sweden ) 69 70"): no
                # digits or brackets, no closing punctuation, a lower-case link word.
                heading = (
                    long_words >= 3
                    and not re.search(r"[\d()]|[.!?:;,\"”’]$", line_text)
                    and any(w in ("of", "and", "the", "in", "to", "for", "on", "with") for w in words)
                )
                if (all_caps and caps >= 0.6 * len(words)) or (
                    (long_words >= 6 or heading) and titled == long_words and len(words) <= 20
                ):
                    flags[line_start:k] = [True] * (k - line_start)
    return flags


_LINE = re.compile(r"[^\n]+")


def _sentence_starts(text: str, tokens: list[Token]) -> set[int]:
    starts = {0}
    for k in range(1, len(tokens)):
        previous = tokens[k - 1].text
        if previous in (".", "!", "?", ":", "…", "“", "\"", "(", "—", "-") or "\n" in text[tokens[k - 1].end:tokens[k].start]:
            starts.add(k)
    return starts


def _drop_overlaps(spans: list[_Span]) -> list[_Span]:
    """Keep the longest of overlapping spans (ties: the earlier)."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


_HONORIFIC = re.compile(r"^(?:(?:Mawlawi|Maulvi|Mullah|Sheikh|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|Dame)\s+)+")


def canonicalise(entities: list[Entity], gaz: Gazetteer) -> list[Entity]:
    """Group mentions: people by their fullest name, places and organisations by alias."""
    people = [e for e in entities if e.label == "PERSON"]
    full_names = sorted({_HONORIFIC.sub("", e.text) for e in people}, key=len, reverse=True)
    result = []
    for entity in entities:
        canonical = entity.canonical
        if entity.label == "PERSON":
            name = _HONORIFIC.sub("", entity.text)
            words = name.split()
            canonical = next(
                (full for full in full_names if full.split()[-1] == words[-1] and set(words) <= set(full.split())),
                name,
            )
        elif entity.label in ("PLACE", "ORG"):
            hit = gaz.names.get(name_key(entity.text.removeprefix("the ")))
            if hit and hit[0] == entity.label:
                canonical = hit[1]
            elif canonical == entity.text:
                canonical = entity.text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
        result.append(Entity(entity.start, entity.end, entity.text, entity.label, canonical))
    return result
