"""Quotations and who said them.

Finds quoted passages (straight and curly double quotes, curly single
quotes for quotes within quotes or British-style quotes), then attributes
each to a speaker with the patterns of reported speech:

- `X said "..."`, `X told AFP: "..."`, `X hailed the move as "..."`
- `"...," X said` and `"...," said X`
- `according to X`
- `He said: "..."` (a pronoun refers back to the subject of its sentence
  or of the one before, never to a name inside a quote, after a preposition
  or in a possessive: "Of Obama, he said", "Grimm's lawyer ... He said")
- a quote standing as its own sentence continues the previous speaker
- `..., saying "..."` shares the subject of its clause; `X accused Y of
  saying "..."` is Y's; `His response: "..."` is whoever was asked
- `the president said`, `the statement said`: the holder or author the
  article named (speaker_refs.py)

A short quoted term with no cue verb in its sentence ('a list of
"terrorist organizations"') is a scare quote, and so is a title ('NBC's
"Today" show', quote_titles.py): no speaker is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import load
from .model import Entity, Quote, SpeakerRef
from .name_rules import GROUP_NOUNS
from .quote_titles import is_title
from .speaker_refs import resolve_speaker, subject_like
from .text import TITLES, sentence_spans

CUE_WORDS = {
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "stated", "states", "added", "adds",
    "announced", "announces", "declared", "declares", "described", "describes", "describing", "called",
    "calls", "calling", "hailed", "hails", "hailing", "labeled", "labelled", "labels", "characterized",
    "characterised", "characterizes", "warned", "warns", "warning", "noted", "notes", "remarked", "wrote",
    "writes", "written", "posted", "tweeted", "claimed", "claims", "insisted", "insists", "argued", "argues",
    "explained", "explains", "asked", "asks", "replied", "responded", "acknowledged", "admitted", "urged",
    "urges", "vowed", "pledged", "promised", "suggested", "stressed", "emphasized", "emphasised", "commented",
    "condemned", "accused", "praised", "welcomed", "dubbed", "branded", "termed", "expressed", "quoted",
    "reiterated", "confirmed", "denied", "predicted", "conceded", "complained", "recalled", "continued",
    "concluded", "cautioned", "announcing", "adding", "noting", "writing", "explaining", "arguing",
    "according", "thinks", "believes", "believed", "hopes", "hoped", "joked", "shouted", "screamed",
    "reports", "reported", "likened", "contends", "contended", "alleged", "boasted", "bragged", "testified",
    "asserted", "countered", "observed", "mused", "quipped", "recounted", "lamented", "tweets", "tweeting",
    "stating", "pointed", "retorted", "wondered", "demanded", "proclaimed",
    # more verbs of saying and judging, with their other forms
    "claiming", "insisting", "urging", "accusing", "accuses", "criticized", "criticised", "criticizes",
    "criticises", "criticizing", "criticising", "dismissed", "dismisses", "dismissing", "blasted", "blasts",
    "blasting", "lauded", "lauds", "lauding", "praising", "praises", "sang", "sings", "singing", "chanted",
    "chanting", "cited", "cites", "citing", "slammed", "slams", "slamming", "mocked", "mocks",
    "mocking", "decried", "decries", "denounced", "denounces", "denouncing", "touted", "touts", "touting",
    "promising", "vowing", "pledging", "predicting", "asking", "answered", "answering", "conceding",
    "acknowledging", "declaring", "reiterating", "stressing", "admitting", "responding", "replying", "recalling",
    "referred", "refers", "referring", "labeling", "labelling", "branding", "dubbing", "questioned",
    "questioning", "reads", "typed", "ruled", "quoting", "quotes", "pleaded", "begged", "echoed",
    "echoing", "scoffed", "sneered", "joking", "blamed", "blaming", "blames", "yells", "yelled", "yelling",
    "shouts", "shouting", "cries", "cried", "exclaimed", "whispered", "muttered", "sighed", "snapped", "fumed",
    "texted", "emailed",
}
PRONOUNS = {"he": "PERSON", "she": "PERSON", "they": "ORG", "it": "ORG", "we": "ORG", "i": "PERSON"}
SCARE_QUOTE_MAX_WORDS = 4

# Openers and the closers they accept: typists mix curly and straight marks.
_PAIRS = {"“": "”\"", "\"": "\"”", "‘": "’"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_APPOSITION = re.compile(r",\s+(?:a|an|the|who|which|whose|one of|his|her|its|their)\b[^,]{0,120},")
_SUBJECT_PHRASE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:and|but|while|as)\s+)((?:the\s+|a\s+|an\s+|some\s+|many\s+|several\s+)?"
    r"(?:[A-Za-z][\w'’-]*\s+){0,4}?(?:groups?|officials?|sources?|critics?|experts?|analysts?|activists?|"
    r"leaders?|diplomats?|residents?|witnesses?|police|ministry|government|spokes(?:man|woman|person)|"
    r"statement|report|agency|authorities|observers|campaigners|organi[sz]ations?|people|members?))"
    r"\s+(?:have\s+|has\s+|had\s+|also\s+|later\s+|then\s+|were\s+|was\s+)?\w*$",
    re.IGNORECASE,
)


_LEADING_SUBJECT = re.compile(
    r"\s*(?:[A-Z]\w+,\s+)?((?:[A-Z][\w'’-]*)(?:\s+[\w'’-]+){0,3}?\s+(?:groups?|officials?|sources?|critics?|"
    r"experts?|analysts?|activists?|leaders?|diplomats?|residents?|witnesses?|authorities|observers|"
    r"campaigners|organi[sz]ations?|members?))\b",
)


# A capitalised name the recogniser did not know, right before the cue
# ("Caddell said"), possibly with an adverb between ("Caddell also said").
_NAME_BEFORE_CUE = re.compile(
    r"(?<![\w.])((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)\s+(?:[a-z]+ly\s+|also\s+|later\s+|then\s+|has\s+|had\s+)?$"
)


@dataclass
class _Raw:
    start: int  # inside the marks
    end: int


def find_quote_spans(text: str) -> list[_Raw]:
    """Quoted passages, paragraph by paragraph; nested quotes stay inside their parent."""
    found: list[_Raw] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        found.extend(_quotes_in(text, paragraph.start(), paragraph.end()))
    return found


def _quotes_in(text: str, start: int, end: int) -> list[_Raw]:
    found: list[_Raw] = []
    i = start
    while i < end:
        char = text[i]
        if char in ("“", "\"") or (char == "‘" and _opens_single(text, i)):
            close = _find_close(text, i, end)
            if close is not None:
                if close > i + 1 and text[i + 1:close].strip():
                    found.append(_Raw(i + 1, close))
                i = close + 1
                continue
        i += 1
    return found


def _opens_single(text: str, i: int) -> bool:
    """‘ opens a quote at a word start (not an apostrophe inside a word)."""
    return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and text[i + 1].isalpha()


def _find_close(text: str, i: int, end: int) -> int | None:
    opener = text[i]
    closers = _PAIRS[opener]
    j = i + 1
    while j < end:
        char = text[j]
        if opener == "\"" and char == "“":
            return None  # mixed styles: give up on this straight quote
        if char in closers and (opener != "‘" or j + 1 >= end or not text[j + 1].isalpha()):
            return j
        if opener == "“" and char == "“":
            return None  # a new quote opens before this one closed
        j += 1
    return None


def attribute_quotes(text: str, entities: list[Entity]) -> list[Quote]:
    """Find quotations in `text` and give each its speaker where the text says."""
    raws = find_quote_spans(text)
    if not raws:
        return []
    # A quote's inner sentences never end a sentence; its last one may.
    protected = [(r.start - 1, r.end - 1) for r in raws]
    sentences = sentence_spans(text, protected)
    speakers_named = [e for e in entities if e.label in ("PERSON", "ORG")]
    quotes: list[Quote] = []
    last_speaker: SpeakerRef | None = None
    last_sentence = -1
    previous_sentence_speaker: tuple[int, SpeakerRef | None, str | None] = (-1, None, None)
    for raw in raws:
        sentence_index = next((k for k, (s, e) in enumerate(sentences) if s <= raw.start < e), -1)
        s_start, s_end = sentences[sentence_index] if sentence_index >= 0 else (raw.start, raw.end)
        quoted = text[raw.start:raw.end]
        if is_title(text, raw.start, raw.end):
            # 'NBC's "Today" show': a name set off by marks, not anyone's words.
            quotes.append(Quote(raw.start, raw.end, quoted, None, None, "scare"))
            continue
        speaker, cue = _speaker_in_sentence(text, raw, s_start, s_end, raws, speakers_named, last_speaker, entities)
        if speaker is None and cue is None:
            # A quote that is its own sentence continues the last speaker, when
            # the sentence before it attributed speech.
            own_sentence = _is_own_sentence(text, raw, s_start, s_end)
            prev_index, prev_speaker, prev_cue = previous_sentence_speaker
            if own_sentence and prev_speaker is not None and prev_index in (sentence_index - 1, sentence_index):
                speaker, cue = prev_speaker, prev_cue
            elif own_sentence and sentence_index > 0:
                speaker, cue = _speaker_in_sentence(
                    text, raw, *sentences[sentence_index - 1], raws, speakers_named, last_speaker, entities, before_only=True
                )
        quoted_spans = [(r.start, r.end) for r in raws]
        speaker = _acceptable(resolve_speaker(text, speaker, entities, sentences, quoted_spans), entities)
        words = len(_WORD.findall(quoted))
        if speaker is not None:
            kind = "direct"
            last_speaker = speaker if speaker.canonical else last_speaker
        elif cue is None and words <= SCARE_QUOTE_MAX_WORDS:
            kind = "scare"
        else:
            kind = "unattributed"
        if speaker is not None or sentence_index != last_sentence:
            previous_sentence_speaker = (sentence_index, speaker, cue)
        last_sentence = sentence_index
        quotes.append(Quote(raw.start, raw.end, quoted, speaker, cue, kind))
    return quotes


# Words that are never a speaker on their own, whatever their capital
# ("After", "Democratic", "Today" opening a clause).
_NOT_SPEAKERS = frozenset(
    "after before when while as if but and or so then now today yesterday tomorrow here there this that these "
    "those it its his her their our my your democratic republican liberal conservative former current new "
    "federal national local state public private".split()
)


def _acceptable(speaker: SpeakerRef | None, entities: list[Entity]) -> SpeakerRef | None:
    """A speaker is a person or an organisation, or a description of one:
    never a place, a date, an amount or a number, and never a pronoun
    nobody was named for."""
    if speaker is None:
        return None
    if speaker.text.lower() in PRONOUNS or speaker.text.lower() in ("we", "i"):
        return speaker if speaker.canonical else None
    if speaker.canonical is not None:
        return speaker
    # A phrase the rules read before or after the cue: refuse it when its
    # last word is a place, a date or a number, or it is one word that
    # names nobody. A country saying something is its government
    # ("Russia urged ..."): that is an organisation speaking.
    for entity in entities:
        if entity.label not in ("PERSON", "ORG") and entity.start < speaker.end and speaker.end <= entity.end:
            if entity.label == "PLACE" and entity.start <= speaker.start and entity.canonical in load().demonym_of:
                return SpeakerRef(speaker.text, speaker.start, speaker.end, entity.canonical)
            if entity.label in ("PLACE", "NUMBER") and entity.start > speaker.start and _OF_NAME.match(speaker.text):
                # "officials in Kabul", "a poll in Wyoming", "the mother of three":
                # the place or number only qualifies who.
                return speaker
            return None
    words = _WORD.findall(speaker.text)
    if not words or (len(words) == 1 and words[0].lower() in _NOT_SPEAKERS):
        return None
    return speaker


def _is_own_sentence(text: str, raw: _Raw, s_start: int, s_end: int) -> bool:
    before = text[s_start:raw.start - 1].strip()
    after = text[raw.end + 1:s_end].strip(" .,!?”\"’")
    return not _WORD.search(before) and not _WORD.search(after)


def _cues(text: str, start: int, end: int, raws: list[_Raw]) -> list[tuple[int, int, str]]:
    """Cue words in text[start:end] that are not inside a quotation."""
    found = []
    for match in _WORD.finditer(text, start, end):
        word = match.group().lower()
        if word not in CUE_WORDS:
            continue
        if any(r.start <= match.start() < r.end for r in raws):
            continue
        if word == "according" and not text[match.end():match.end() + 4].startswith(" to"):
            continue
        found.append((match.start(), match.end(), match.group()))
    return found


def _speaker_in_sentence(
    text, raw, s_start, s_end, raws, named, last_speaker, entities, before_only: bool = False
) -> tuple[SpeakerRef | None, str | None]:
    by_phrase = _from_by_phrase(text, raw, s_end, named) or _dash_byline(text, raw, named)
    if by_phrase is not None:
        return by_phrase, None
    cues = _cues(text, s_start, s_end, raws)
    if not cues:
        return _speaker_without_cue(text, raw, s_start, s_end, named, raws, last_speaker, entities), None
    # The cue nearest before the quote, else the nearest after it.
    before = [c for c in cues if c[1] <= raw.start]
    after = [] if before_only else [c for c in cues if c[0] >= raw.end]
    if before_only and not before:
        return None, None
    # '"...," said X' puts the cue within a few words after the quote;
    # otherwise the cue before the quote governs it.
    after_is_close = (
        bool(after)
        and (text[raw.end - 1] in ",!?" or text[raw.end + 1:raw.end + 2] == ",")
        and len(_WORD.findall(text[raw.end + 1:after[0][0]])) <= 5
        and not after[0][2].endswith("ing")
        # 'They said they want "justice," but pledged ...': a clause joined
        # by a conjunction has its own verb, not the quote's cue.
        and not re.match(r"[\s,”\"’]*(?:but|and|or|yet)\b", text[raw.end + 1:after[0][0]])
    )
    if before and (not after_is_close or before_only):
        cue = before[-1]
        if cue[2].lower() == "according":
            return _first_named_after(text, cue[1], s_end, named, raws), cue[2]
        speaker = _speaker_of_cue_before(text, raw, cue, cues, s_start, named, raws, last_speaker, entities)
        return speaker, cue[2]
    cue = after[0]
    if cue[2].lower() == "according":
        return _first_named_after(text, cue[1], s_end, named, raws), cue[2]
    # '"...," said X' or '"...," X said'
    between = text[raw.end + 1:cue[0]]
    described = re.match(r"[\s,”\"’]*((?:the|a|an|one|another)\s+[\w'’ .-]*\s[a-z]+)\s*$", between, re.IGNORECASE)
    if described and len(_WORD.findall(described.group(1))) <= 6 and _description_before(described.group(1) + " "):
        # '"...," a White House spokesman said': a description, no person invented.
        start = raw.end + 1 + described.start(1)
        return SpeakerRef(described.group(1), start, start + len(described.group(1)), None), cue[2]
    speaker = _named_in(text, raw.end + 1, cue[0], named, raws) or _pronoun_in(text, raw.end + 1, cue[0], last_speaker, entities)
    if speaker is None and (
        not between.strip(" ,.”\"’") or (between.rstrip().endswith(",") and len(_WORD.findall(between)) <= 5)
    ):
        # '"...," said X', and '"..." than a shutdown, said X' (the sentence runs on past the quote)
        speaker = _first_named_after(text, cue[1], min(s_end, cue[1] + 80), named, raws) or _pronoun_in(
            text, cue[1], min(s_end, cue[1] + 6), last_speaker, entities
        )
    if speaker is None and not between.strip(" ,.”\"’"):
        # '"...," said Del. Stacey Plaskett of the Virgin Islands', '"...," said the ruling'
        # A title's full stop may have ended the sentence early ("said Del. Stacey Plaskett").
        near = [e for e in named if cue[1] < e.start <= cue[1] + 12 and "\n" not in text[cue[1]:e.start]]
        if near:
            return _ref(near[0]), cue[2]
        named_after = _SAID_WHO.match(text, cue[1], s_end)
        if named_after and len(_WORD.findall(named_after.group(1))) <= 8:
            start, end = named_after.start(1), named_after.end(1)
            speaker = SpeakerRef(text[start:end], start, end, None)
    if speaker is None:
        # '"We need change," the New York businessman said': the words between.
        phrase = re.match(r"[\s,”\"’]*((?:the\s+|a\s+|an\s+|[A-Z])[\w'’ .-]*[\w.])\s*$", between)
        if phrase and len(_WORD.findall(phrase.group(1))) <= 6:
            start = raw.end + 1 + phrase.start(1)
            speaker = SpeakerRef(phrase.group(1), start, start + len(phrase.group(1)), None)
    if speaker is None:
        speaker = _subject_before(text, cue[0], s_start, named, raws, last_speaker, entities)
    return speaker, cue[2]


def _speaker_of_cue_before(text, raw, cue, cues, s_start, named, raws, last_speaker, entities) -> SpeakerRef | None:
    """Who speaks through a cue that comes before the quote."""
    if not text[s_start:cue[0]].strip(" \n\"“‘'"):
        # "Said Ellis: “...”": a cue opening the sentence has its speaker after it.
        speaker = _first_named_after(text, cue[1], raw.start, named, raws)
        name = _NAME_THEN_QUOTE.match(text, cue[1], raw.start) if speaker is None else None
        if name:
            speaker = SpeakerRef(name.group(1), name.start(1), name.end(1), None)
        if speaker is not None:
            return speaker
    participle = cue[2].endswith("ing")
    gerund_of = _GERUND_AGENT.search(text, s_start, cue[0]) if participle else None
    agents = [e for e in named if gerund_of and e.end == gerund_of.start(1)]
    if agents:
        # "Greene accused Farenthold of telling her he had “...”": the words
        # are the one accused of saying them.
        return _ref(agents[-1])
    speaker = None
    if participle and text[s_start:cue[0]].rstrip().endswith(","):
        # '"...," the mayor said, adding that ...', 'He accused Obama of ...,
        # saying': the participle shares the subject of the clause it hangs
        # on, not the object nearest it.
        earlier = [c for c in cues if c[1] <= cue[0] and c is not cue]
        if earlier:
            # "The Times reports Liz Cheney ... stated her position, saying":
            # after a verb of saying, the clause it reports has its own subject.
            embedded = _CLAUSE_SUBJECT.match(text, earlier[-1][1], cue[0])
            reported = [e for e in named if embedded and e.start == embedded.end() and subject_like(text, e)]
            if earlier[-1][2].lower() in _CLAUSE_CUES and reported:
                return _ref(reported[0])
            speaker = _subject_before(text, earlier[-1][0], s_start, named, raws, last_speaker, entities)
        else:
            speaker = _clause_opening_pronoun(
                text, s_start, cue[0], raws, entities, last_speaker, participle=True
            ) or _subject_before(text, cue[0], s_start, named, raws, last_speaker, entities, prefer_first=True)
    return speaker or _subject_before(text, cue[0], s_start, named, raws, last_speaker, entities)


_NAME_THEN_QUOTE = re.compile(r"\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*[:,]\s*[“\"‘]?$")
_GERUND_AGENT = re.compile(r"(\s+)(?:of|for)\s+(?:(?:[a-z]+ly|also|repeatedly)\s+)?$")


# Verbs of saying that take a reported clause, and where that clause's subject starts.
_CLAUSE_CUES = frozenset(
    "said says reports reported wrote writes claimed claims argued argues noted notes added adds insisted insists "
    "believes believed thinks stated states announced explained suggested contended contends alleged asserted".split()
)
_CLAUSE_SUBJECT = re.compile(r"\s+(?:that\s+)?(?:(?:[A-Z][a-z]{0,4}\.|former|the)\s+)*")


# Who follows "said" when no name was recognised there: a capitalised name
# (after an abbreviated title) or a description, up to the next punctuation.
_SAID_WHO = re.compile(
    r"\s+((?:(?:[A-Z][a-z]{1,3}\.\s+)?[A-Z][\w'’-]*|(?:the|a|an|one|another)\s+[\w'’-]+)(?:\s+[\w'’-]+){0,7}?)"
    r"(?=\s*(?:[,.;:!?()—–]|$))"
)


_CLAIM_NOUNS = (
    r"claims?|statements?|assertions?|remarks?|comments?|words|promises?|pledges?|warnings?|descriptions?|"
    r"messages?|tweets?|predictions?|missive|speech|arguments?|accusations?|insistence|suggestion|charge|view"
)
_POSSESSED_CLAIM = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:" + _CLAIM_NOUNS + r")\b")
_AS_PUT_IT = re.compile(r"\bas\s+((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)\s+(?:put|puts)\s+it\b")
_AS_BEFORE_QUOTE = re.compile(r"\bas\s+(?:(?:a|an|the|being|being\s+in\s+the)\s+)?[“\"‘]?$")


_RESPONSE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:response|reply|answer)\s*:?\s*[“\"]?$")
_ASKED = re.compile(r"\b(?:asked|asks|asking|questioned|pressed)\s+")


def _speaker_without_cue(text, raw, s_start, s_end, named, raws, last_speaker, entities) -> SpeakerRef | None:
    """No verb of saying in the sentence, yet the text says whose words they
    are: "Trump's claim that there were “thousands of shootings”", "as The
    New Yorker put it", "Reid has gone after Trump as a “human leech”"."""
    outside = [e for e in named if s_start <= e.start and e.end <= s_end and not any(r.start <= e.start < r.end for r in raws)]
    if _RESPONSE.search(text, s_start, raw.start):
        # '... asked Trump, "...?" His response: "..."': the one asked answers.
        asked = list(_ASKED.finditer(text, max(0, s_start - 400), s_start))
        addressees = [e for e in named if asked and e.start == asked[-1].end()]
        if addressees:
            return _ref(addressees[0])
    put_it = _AS_PUT_IT.search(text, s_start, s_end)
    if put_it:
        inside = [e for e in outside if put_it.start(1) <= e.start and e.end <= put_it.end(1)]
        if _description_before(put_it.group(1) + " "):
            return SpeakerRef(put_it.group(1), put_it.start(1), put_it.end(1), None)
        if inside:
            return _ref(inside[-1])
        if put_it.group(1)[:1].isupper():
            return SpeakerRef(put_it.group(1), put_it.start(1), put_it.end(1), None)
    before = [e for e in outside if e.end <= raw.start]
    for entity in reversed(before):
        if _POSSESSED_CLAIM.match(text, entity.end) and len(_WORD.findall(text[entity.end:raw.start])) <= 12:
            return _ref(entity)
    if _AS_BEFORE_QUOTE.search(text, s_start, raw.start - 1 if text[raw.start - 1] in "“\"‘" else raw.start):
        # "X describes Y as a “...”": the subject opening the clause.
        opening = [e for e in before if len(_WORD.findall(text[s_start:e.start])) <= 8]
        people = [e for e in opening if e.label == "PERSON"]
        if people or opening:
            return _ref((people or opening)[0])
        return _clause_opening_pronoun(text, s_start, raw.start, [], entities, last_speaker)
    return None


def _ref(entity: Entity) -> SpeakerRef:
    return SpeakerRef(entity.text, entity.start, entity.end, entity.canonical)


def _named_in(text, start, end, named, raws) -> SpeakerRef | None:
    """The name nearest the cue between a quote and its cue, skipping
    appositions ("the commentator Ann Coulter, who pushed Mr. Trump, wrote")."""
    masked = [(start + m.start(), start + m.end()) for m in _APPOSITION.finditer(text[start:end])]
    inside = [
        e for e in named
        if start <= e.start and e.end <= end and not any(r.start <= e.start < r.end for r in raws)
        and not any(a <= e.start < b for a, b in masked)
    ]
    # '"...," Bob Haueter, Farenthold's chief of staff, told': not the possessor.
    subjects = [e for e in inside if subject_like(text, e)]
    return _ref((subjects or inside)[-1]) if inside else None


def _first_named_after(text, start, end, named, raws) -> SpeakerRef | None:
    inside = [e for e in named if start <= e.start and e.end <= end and not any(r.start <= e.start < r.end for r in raws)]
    # 'said the statement from Grimm's attorney, William McGinley': the attorney, not Grimm.
    subjects = [e for e in inside if subject_like(text, e)]
    return _ref((subjects or inside)[0]) if inside else None


def _pronoun_in(text, start, end, last_speaker, entities) -> SpeakerRef | None:
    for match in re.finditer(r"\b(he|she|they|it|we)\b", text[start:end], re.IGNORECASE):
        at = start + match.start()
        return SpeakerRef(match.group(), at, start + match.end(), _antecedent(match.group(), at, entities, last_speaker, text))
    return None


def _subject_before(
    text, cue_start, s_start, named, raws, last_speaker, entities, prefer_first: bool = False
) -> SpeakerRef | None:
    """The speaker before a cue: the nearest person or organisation, skipping appositions."""
    clause_start = s_start
    for r in raws:  # a quote earlier in the sentence ends the clause before it (a title does not)
        if s_start <= r.end < cue_start and not is_title(text, r.start, r.end):
            clause_start = max(clause_start, r.end + 1)
    # "After reporter Michael Scotto finished his report, Grimm ... said":
    # the subordinate clause opening the sentence holds no subject of the cue.
    leading = _LEADING_CLAUSE.match(text, clause_start, cue_start)
    if leading and any(e.start >= leading.end() and e.end <= cue_start for e in named):
        clause_start = leading.end()
    relative = _relative_antecedent(text, clause_start, cue_start, named)
    if relative is not None:
        return relative
    span_text = text[clause_start:cue_start]
    masked = [(clause_start + m.start(), clause_start + m.end()) for m in _APPOSITION.finditer(span_text)]
    candidates = [
        e for e in named
        if clause_start <= e.start and e.end <= cue_start and not any(a <= e.start < b for a, b in masked)
    ]
    # "A lawyer for Mr. Grimm, William McGinley, ... said": objects and
    # possessors are not the subject, when someone else can be.
    objects = candidates
    candidates = [e for e in candidates if subject_like(text, e)]
    if not candidates and objects:
        # "Gary Johnson's doctor said": the possessed noun phrase is the speaker.
        owner = _POSSESSED_BEFORE_CUE.match(text, objects[-1].start, cue_start)
        if owner:
            return SpeakerRef(owner.group(1), owner.start(1), owner.end(1), None)
    pronoun = re.search(r"\b(He|She|They|It|We|he|she|they)\b(?:\s+\w+){0,3}\s*$", text[clause_start:cue_start])
    if pronoun and (not candidates or candidates[-1].end < clause_start + pronoun.start()):
        start = clause_start + pronoun.start(1)
        who = _antecedent(pronoun.group(1), start, entities, last_speaker, text)
        return SpeakerRef(pronoun.group(1), start, start + len(pronoun.group(1)), who)
    clause = text[clause_start:cue_start]
    # Appositions blanked out, offsets kept: "Officials at X, a division of Y, said".
    plain = clause
    for a, b in masked:
        plain = plain[:a - clause_start] + " " * (b - a) + plain[b - clause_start:]
    description = _description_before(plain)
    if description is not None:
        start, end = clause_start + description[0], clause_start + description[1]
        # "a White House spokesman said": the description, not the
        # organisation inside it, and no person invented.
        last = candidates[-1] if candidates else None
        if last is None or last.end <= start or (last.start >= start and text[last.end:end].strip()):
            return SpeakerRef(text[start:end], start, end, None)
    if candidates:
        # Prefer the subject at the start of the clause over names in its middle
        # ("Muttaqi announced after meeting Zhirnov ... that" -> Muttaqi).
        people = [c for c in candidates if c.label == "PERSON"]
        pool = people or candidates
        chosen = pool[-1] if _close(text, pool[-1], cue_start) and not prefer_first else pool[0]
        return _ref(chosen)
    subject = (
        _SUBJECT_PHRASE.search(clause.rstrip())
        or _NAME_BEFORE_CUE.search(clause)
        or _LEADING_SUBJECT.match(clause)
    )
    if subject:
        start = clause_start + subject.start(1)
        return SpeakerRef(subject.group(1), start, start + len(subject.group(1)), None)
    return None


_RELATIVE = re.compile(r",\s*(?:which|who)\s+(?:(?:also|later|then|had|has|have|[a-z]+ly)\s+)*$")
_TRAILING_APPOSITION = re.compile(r",\s+(?:a|an|the|its|his|her|their)\s+[^,]{1,80}$")
_NAME_PHRASE_END = re.compile(r"((?:the\s+)?(?:[A-Z][\w'’.&-]*\s+(?:(?:of|for|and|on)\s+)?){0,6}[A-Z][\w'’&-]*)\s*$")


def _relative_antecedent(text, clause_start, cue_start, named) -> SpeakerRef | None:
    """'... denounced by the Log Cabin Republicans, a gay group, which said':
    the speaker of a relative clause is the name it hangs on."""
    relative = _RELATIVE.search(text, clause_start, cue_start)
    if not relative:
        return None
    head_end = relative.start()
    apposition = _TRAILING_APPOSITION.search(text, clause_start, head_end)
    if apposition:
        head_end = apposition.start()
    ending = [e for e in named if e.end == head_end and e.start >= clause_start]
    if ending:
        return _ref(ending[-1])
    phrase = _NAME_PHRASE_END.search(text, clause_start, head_end)
    if phrase and phrase.end(1) == head_end:
        return SpeakerRef(phrase.group(1), phrase.start(1), phrase.end(1), None)
    return None


# A speaker described, not named, right before the cue: "the Indiana
# governor said", "In a 2013 memo, the agency suggested", "Officials at
# the agency said" (determiner or plural head, then up to eight words).
_DESCRIPTION = re.compile(
    r"(?:^\s*|[,;:—–(]\s*|\b(?:and|but|while|as|when|where|because|after|before|since|until|once|if|although|though|unless)\s+)"
    r"((?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Tt]wo|[Tt]hree|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+"
    r"|[A-Z][\w'’.-]*['’]s\s+|(?=[A-Z][a-z]+s\b))"
    r"(?:[\w'’.-]+\s+){0,8}?[\w'’.-]+)"
    r"\s+(?:(?:also|later|then|previously|recently|once|had|has|have|was|were|[a-z]+ly)\s+)*$"
)
_NOT_IN_DESCRIPTION = frozenset(
    "that who which whom whose he she it they we i you is are was were be been being to not if would will can could "
    "should may might must did do does there this these those what when where why how after before during since "
    "because said says told".split()
)


# "officials at Homeland Security Investigations", "a spokesman for the Kremlin"
_OF_NAME = re.compile(r"(?:(?:the|a|an|one|some|two|three)\s+)?(?:[\w-]+\s+){0,3}(?:[a-z]+|[A-Z][a-z]+s)\s+(?:at|of|for|from|with|in)\s+", re.IGNORECASE)


def _description_before(clause: str) -> tuple[int, int] | None:
    """Offsets in `clause` of a description of the speaker ending right before the cue."""
    match = _DESCRIPTION.search(clause)
    if not match:
        return None
    words = match.group(1).split()
    head = words[-1]
    # A cue word right after the article is an adjective ("an alleged poll").
    if any(w.lower() in _NOT_IN_DESCRIPTION or (w.lower() in CUE_WORDS and n > 1) for n, w in enumerate(words[1:], 1)):
        return None
    if not head.isalpha() or head.endswith("ly") or head.lower() in _NOT_SPEAKERS:
        return None
    if len(words) == 1 and not head.endswith("s"):
        return None
    if len(words) > 1 and not head.islower() and not _OF_NAME.match(" ".join(words)):
        return None  # "the commentator Ann Coulter": a name, not a description
    return match.start(1), match.end(1)


_POSSESSED_BEFORE_CUE = re.compile(
    r"([^,;:]+?['’]s?\s+(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:(?:also|later|then|had|has|have|[a-z]+ly)\s+)*$"
)
_LEADING_CLAUSE = re.compile(
    r"\s*(?:As|After|Before|When|While|Although|Though|Since|Because|If|Once|Until|Unless|Despite)\b[^,;:“\"]{3,150},\s*"
)


_OPENING_PRONOUN = re.compile(r"\s*(?:[A-Z]\w+,\s+)?(He|She|They|It|We)\b")
# "Meanwhile, it attacked Trump, saying": a participle's subject may follow an adverb.
_OPENING_PRONOUN_AFTER_ADVERB = re.compile(r"\s*(?:[A-Z]\w+,\s+(?=[a-z]))?([Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\b")
_OPENING_GROUP = re.compile(
    r"\s*(?:(?:In|On|At|By|During|Last|This|Earlier|Later)\b[^,]{0,40},\s+)?"
    r"((?:[Tt]he|[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive)\s+(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:" + "|".join(sorted(GROUP_NOUNS | {"groups", "organizations", "organisations", "companies", "senators",
                                            "lawmakers", "governments", "agencies", "unions", "states"})) + r"))"
    r"\s+(?:[a-z]+ly\s+)?[a-z]+ed\b"
)


def _clause_opening_pronoun(
    text, s_start, cue_start, raws, entities, last_speaker, participle: bool = False
) -> SpeakerRef | None:
    """'He then defended the remark, saying': the pronoun opening the sentence."""
    if any(s_start <= r.start < cue_start for r in raws):
        return None
    opening = _OPENING_PRONOUN_AFTER_ADVERB if participle else _OPENING_PRONOUN
    match = opening.match(text[s_start:cue_start])
    if not match and participle:
        # "In August, several environmental groups granted ..., saying": a
        # described subject opening the sentence.
        described = _OPENING_GROUP.match(text, s_start, cue_start)
        if described:
            return SpeakerRef(described.group(1), described.start(1), described.end(1), None)
    if not match:
        return None
    start = s_start + match.start(1)
    who = _antecedent(match.group(1), start, entities, last_speaker, text)
    return SpeakerRef(match.group(1), start, start + len(match.group(1)), who)


def _close(text: str, entity: Entity, cue_start: int) -> bool:
    """The entity sits right before the cue, at most a few words away."""
    return len(_WORD.findall(text[entity.end:cue_start])) <= 3


def _after_title(text: str, dot: int) -> bool:
    """Is the full stop at `dot` that of a title ("Mr. Obama")?"""
    word = re.search(r"(\w+)$", text[max(0, dot - 12):dot])
    return word is not None and text[dot] == "." and word.group(1).lower() in TITLES


_PERSONAL_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_SENTENCE_END = re.compile(r"[.!?][”\"’]?\s+(?=[“\"A-Z])|\n")


def _antecedent(
    pronoun: str, before: int, entities: list[Entity], last_speaker: SpeakerRef | None, text: str = ""
) -> str | None:
    label = PRONOUNS.get(pronoun.lower(), "PERSON")
    if label == "PERSON" and text:
        # "he" or "she" most often picks up the subject of its own sentence
        # or of the one before: the first person named there who can be a
        # subject ("Of Obama, he said" is not Obama speaking). A sentence
        # whose subject is itself "he" hands on to the one before it.
        # Whole paragraphs, so that quotes pair up: names and sentence ends
        # inside quoted words are not the narrative's ("'..., Obama ...,' he said").
        window = text.rfind("\n", 0, max(0, before - 1200)) + 1
        quoted = [(window + r.start, window + r.end) for r in find_quote_spans(text[window:before])]

        def outside(at: int) -> bool:
            return not any(a <= at < b for a, b in quoted)

        ends = [window] + [
            m.end() for m in _SENTENCE_END.finditer(text, window, before)
            if outside(m.end() - 1) and not _after_title(text, m.start())
        ]
        # Blank lines between paragraphs end no extra sentence.
        ends = [e for n, e in enumerate(ends) if n + 1 == len(ends) or text[e:ends[n + 1]].strip()]
        stop = before
        for start in reversed(ends[-4:]):
            people = [
                e for e in entities if start <= e.start and e.end <= stop and e.label == "PERSON" and outside(e.start)
            ]
            subjects = [e for e in people if subject_like(text, e)]
            # "As he announced the deal, Mr. Trump ...": a pronoun in an opening
            # subordinate clause looks ahead, not back.
            leading = _LEADING_CLAUSE.match(text, start, stop)
            first = leading.end() if leading else start
            opening = next((m for m in _PERSONAL_PRONOUN.finditer(text, first, stop) if outside(m.start())), None)
            if subjects and (opening is None or subjects[0].start < opening.start()):
                return subjects[0].canonical
            if opening is None and start < ends[-1]:
                break  # a sentence naming no one between: the chain ends
            stop = start
    if last_speaker is not None and last_speaker.canonical:
        previous = [e for e in entities if e.end <= before and e.label == label]
        if previous and previous[-1].start > last_speaker.start and label == "PERSON":
            return previous[-1].canonical
        return last_speaker.canonical
    previous = [e for e in entities if e.end <= before and e.label == label]
    return previous[-1].canonical if previous else None


def _dash_byline(text, raw, named) -> SpeakerRef | None:
    """'“...” ― Esther Tapia': a name after a dash that follows the quote."""
    match = re.match(r"[”\"’]?\s*[―—–-]\s*", text[raw.end:raw.end + 6])
    if not match:
        return None
    start = raw.end + match.end()
    return next((_ref(e) for e in named if start <= e.start <= start + 2 and e.label == "PERSON"), None)


def _from_by_phrase(text, raw, s_end, named) -> SpeakerRef | None:
    """'accusations of "gender apartheid" from the United Nations'."""
    tail = text[raw.end + 1:min(s_end, raw.end + 60)]
    match = re.match(r"[”\"’]?\s*(?:by|from)\s+", tail)
    if not match:
        return None
    head = text[max(0, raw.start - 40):raw.start]
    if not re.search(r"\b(accusations?|allegations?|criticism|warnings?|calls?|claims?|charges?)\s+of\s+[“\"]?$", head):
        return None
    start = raw.end + 1 + match.end()
    return next((_ref(e) for e in named if start <= e.start <= start + 5), None)
