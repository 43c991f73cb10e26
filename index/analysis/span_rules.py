"""The built-in recogniser's second look: rules over the names found in a
whole text, in the order they run (`SPAN_RULES`).

Each takes the pass and returns its new list of spans: government bodies
added, overlaps resolved, clubs told from their cities, and later mentions
of a name recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .context import Pass, Span
from .gazetteer import name_key
from .span_context import firms_and_works, not_after_the, organisations_with_and

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
_YEAR = re.compile(r"(1[5-9]|20)\d\d")
_RESULT_VERBS = frozenset({"beat", "beats", "drew", "lost", "won", "v", "vs", "vs."})

SpanRule = Callable[[Pass], list[Span]]


def government_bodies(p: Pass) -> list[Span]:
    """'Russia's foreign ministry', 'the Russian Ministry of Foreign Affairs':
    a country and a government body, named as the country's."""
    found = []
    for k, token in enumerate(p.tokens):
        if token.text.lower() in ("ministry", "government", "embassy"):
            span = _government_body_at(p, k)
            if span:
                found.append(span)
    return p.spans + found


def _government_body_at(p: Pass, k: int) -> Span | None:
    """The government body whose head word is token k, looking up to four words back."""
    tokens = p.tokens
    end = _ministry_of_end(p, k)
    for back in range(1, 5):
        start = k - back
        if start < 0:
            return None
        match = _GOV_BODY.match(p.text[tokens[start].start:tokens[end - 1].end])
        if not match:
            continue
        country = _country_of(p, match.group("country"))
        if not country:
            continue
        portfolio = (match.group("portfolio") or match.group("of") or "").lower().removeprefix("the ")
        head = match.group("head").split()[0].title()
        portfolio_name = PORTFOLIOS.get(portfolio, portfolio.title())
        canonical = " ".join(part for part in (p.gaz.demonym_of.get(country, country), portfolio_name, head) if part)
        return Span(start, end, "ORG", canonical)
    return None


def _ministry_of_end(p: Pass, k: int) -> int:
    """End of "Ministry of Foreign Affairs" / "of Defence" / "of the Interior" after head word k."""
    tokens = p.tokens
    end = k + 1
    if tokens[k].text.lower() == "ministry" and end + 2 < len(tokens) and tokens[end].text == "of":
        tail = tokens[end + 1].text.lower()
        if tail == "foreign" and end + 2 < len(tokens):
            end += 3
        elif tail in PORTFOLIOS or tail == "the":
            end += 2 if tail != "the" else 3
    return end


def _country_of(p: Pass, word: str) -> str | None:
    if word in p.gaz.demonyms:
        return p.gaz.demonyms[word]
    hit = p.gaz.names.get(name_key(word))
    if hit and hit[0] == "PLACE":
        return hit[1]
    return None


def drop_overlaps(p: Pass) -> list[Span]:
    """Keep the longest of overlapping spans (ties: the earlier)."""
    chosen: list[Span] = []
    for span in sorted(p.spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def teams(p: Pass) -> list[Span]:
    """A city followed by a score ('Karlsruhe 3 Bayern Munich 1') or beating
    someone is a club, not a place; so is an unknown word in a results line
    ('Blackburn 2 Everton 0')."""
    result = [_club_or_place(p, span) for span in p.spans]
    covered = {k for s in result for k in range(s.start, s.end)}
    tokens = p.tokens
    before_score = [k for k in range(len(tokens) - 1) if tokens[k + 1].text[:1].isdigit() and k not in covered]
    result.extend(Span(k, k + 1, "ORG") for k in before_score if _results_team(p, k))
    return sorted(result, key=lambda s: s.start)


def _club_or_place(p: Pass, span: Span) -> Span:
    tokens = p.tokens
    if span.label != "PLACE" or span.end >= len(tokens):
        return span
    if span.canonical in p.gaz.demonym_of or span.canonical in p.gaz.countries:
        return span  # a national side is named as its country
    following = tokens[span.end].text
    if following[:1].isdigit() and p.same_line(tokens[span.end - 1], tokens[span.end]):
        if not _YEAR.fullmatch(following) and _score_line(p, span.end):
            return Span(span.start, span.end, "ORG", span.canonical)
    elif following in _RESULT_VERBS:
        return Span(span.start, span.end, "ORG", span.canonical)
    return span


def _results_team(p: Pass, k: int) -> bool:
    """Is token k, followed by a number, a capitalised word starting a line
    (or after a score) with its score on the same line?"""
    tokens = p.tokens
    token, following = tokens[k], tokens[k + 1]
    if not (token.is_word and token.is_capitalised) or token.text in p.gaz.not_names:
        return False
    if _YEAR.fullmatch(following.text):  # a dateline, not a score
        return False
    before = p.text[tokens[k - 1].end:token.start] if k else "\n"
    return (
        p.same_line(token, following) and ("\n" in before or tokens[k - 1].text[:1].isdigit())
        and _score_line(p, k + 1)
    )


_SCORE = re.compile(r"\d{1,3}")
_NUMBER = re.compile(r"\d[\d,.:/-]*")


def _score_line(p: Pass, k: int) -> bool:
    """Is the number at token k a score in a results or standings line:
    two names each with a score ("Blackburn 2 Everton 0"), or a name and
    a row of three figures and no words ("Barcelona 5 4 1 0")? Not "Aged 18 years",
    "Chapter 11 bankruptcy" or "Halo 2 has"."""
    tokens = p.tokens
    start = end = k
    while start > 0 and p.same_line(tokens[start - 1], tokens[start]):
        start -= 1
    while end + 1 < len(tokens) and p.same_line(tokens[end], tokens[end + 1]):
        end += 1
    line = tokens[start:end + 1]
    scores = [n for n in range(1, len(line)) if _SCORE.fullmatch(line[n].text) and line[n - 1].is_capitalised]
    if len(scores) >= 2:
        return True
    rest = tokens[k:end + 1]  # "CHICAGO 72 64 .529 9": a row of figures, no words
    return sum(bool(_NUMBER.fullmatch(t.text)) for t in rest) >= 3 and not any(t.is_word for t in rest)


def one_sense_per_article(p: Pass) -> list[Span]:
    """A city the article uses as a team or company ("Karlsruhe 3") is that
    organisation in its other mentions too ("Karlsruhe won", "Karlsruhe 's")."""
    tokens = p.tokens
    org_texts = {" ".join(p.words(s.start, s.end)) for s in p.spans if s.label == "ORG" and s.end - s.start <= 3}
    if not org_texts:
        return p.spans
    result = []
    for span in p.spans:
        dateline = span.end < len(tokens) and _YEAR.fullmatch(tokens[span.end].text)
        if span.label == "PLACE" and span.canonical not in p.gaz.demonym_of and not dateline:
            if " ".join(p.words(span.start, span.end)) in org_texts:
                span = Span(span.start, span.end, "ORG", span.canonical)
        result.append(span)
    return result


# Words no person's name contains: numbers ("Six Nations", "Million Dollar
# Baby") and the words of party politics ("Liberal Democrat", "Lib Dem").
NOT_IN_PERSON_NAMES = frozenset(
    "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty Fifty Hundred Thousand "
    "Million Billion First Second Third Liberal Democrat Democrats Dem Dems Lib Republican Republicans Tory Tories "
    "Conservative Conservatives Labour Socialist Socialists Communist Communists Nationalist Nationalists "
    # ... and of the names of government departments ("Homeland Security").
    "Democratic Homeland Security Affairs Services Commerce Agriculture Transportation Intelligence Management Budget "
    "Defense Defence".split()
)
# Capitalised abbreviations of things, units and times, not organisations.
COMMON_ACRONYMS = frozenset(
    "TV PC ID DVD CD GMT BST EST EDT CST CDT PST PDT CET UTC MP3 P2P GDP GNP HIV AIDS HD HDTV RFID DRM IPTV UWB "
    "HSDPA MMS SMS USB PIN VAT DNA CEO CFO COO IT AI GPS LCD PDA ISP PS2 AM PM FM UHF VHF SUV ATM IQ PhD MBA "
    "OK RSS URL WWW HTML PDF CCTV LDL HDL PSP DS GSM GPRS VHS ADSL DJ PR MP3 SIM LED LCD WiFi ATM CES".split()
)
NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
"""'Joseph R. Biden Jr.': not a surname of its own."""
PARTY_MEMBERS = frozenset({"Democrat", "Republican", "Conservative", "Liberal", "Independent"})
"""'a California Democrat': a politician's party and state, not an organisation."""
_AFFILIATION = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")
"""'(D-N.Y.)', 'R-S.C.': a party and a state after a politician's name."""
_ROMAN = re.compile(r"[IVX]+")


def not_names(p: Pass) -> list[Span]:
    """Drop what only looks like a name: a 'person' with a number or a party
    word in it, or mixing an acronym into capitalised words ("Nintendo DS");
    an 'organisation' that is a common abbreviation ("TV", "GMT") or a
    party-and-state affiliation ("D-N.Y")."""
    kept = []
    for span in p.spans:
        if span.label == "PERSON" and not span.titled and not span.canonical:
            # "Virginia AFL-CIO President Doris Crouse-Mays": the name follows the title.
            for k in range(span.start + 1, span.end - 1):
                size = p.title_at(k)
                if size and k + size < span.end and p.tokens[k + size].is_capitalised:
                    span = Span(k + size, span.end, "PERSON", titled=True)
                    break
        words = p.words(span.start, span.end)
        if span.label == "PERSON" and not span.titled and not span.canonical:
            # "Republican Donald Trump": the party word goes, the name stays.
            lead = 0
            while lead < len(words) and words[lead] in NOT_IN_PERSON_NAMES:
                lead += 1
            if lead and len(words) - lead >= 2 and words[lead] in p.gaz.first_names:
                span = Span(span.start + lead, span.end, "PERSON")
                words = words[lead:]
            if any(w in NOT_IN_PERSON_NAMES for w in words):
                continue
            if _ROMAN.fullmatch(words[-1]) and words[0] not in p.gaz.first_names:
                continue  # "Article II", "World War II"; but "Henry VIII"
            acronyms = [w for w in words if len(w) >= 2 and w.isupper() and not _ROMAN.fullmatch(w)]
            if acronyms and (len(acronyms) < len(words) or not p.shouting[span.start]) and not _initials(p, words):
                continue
        if span.label == "PERSON" and not span.canonical and len(words) >= 2 and p.title_at(span.end - 1) == 1:
            after = p.tokens[span.end] if span.end < len(p.tokens) else None
            if after is not None and after.is_capitalised and after.is_word:
                continue  # "America's Toughest Sheriff Joe Arpaio": a title, then the name
        if span.label == "ORG" and not span.canonical and len(words) >= 2:
            if words[-1] in PARTY_MEMBERS:
                continue
            known = p.known_at(span.start + 1)
            if words[0] in NOT_IN_PERSON_NAMES and known and known[0] == len(words) - 1:
                span = Span(span.start + 1, span.end, known[1], known[2])  # "Republican Senate": the Senate
        if span.label == "ORG" and not span.canonical and len(words) == 1:
            if words[0] in COMMON_ACRONYMS or _AFFILIATION.fullmatch(words[0]):
                continue
            if words[0] in p.gaz.org_heads and not p.tokens[span.start].text.isupper():
                continue  # "Party leaders", "the Office": a common noun, not a name
        kept.append(span)
    return kept


def _initials(p: Pass, words: list[str]) -> bool:
    """"JK Rowling", "DJ Shadow": two capitals for given names, then a surname."""
    first = words[0]
    return (
        2 <= len(words) <= 3 and len(first) == 2 and first.isupper() and first.isalpha()
        and first not in COMMON_ACRONYMS and name_key(first) not in p.gaz.names
        and all(not w.isupper() for w in words[1:])
    )


def repeated_names(p: Pass) -> list[Span]:
    """Later single-word mentions of a person's surname ('Muttaqi', 'Trump'
    after 'Mr. Trump'), and single words taken for something else that are
    such a surname."""
    tokens, gaz = p.tokens, p.gaz
    surnames = {
        tokens[s.end - 1].text
        for s in p.spans
        if s.label == "PERSON" and (s.end - s.start >= 2 or s.titled) and len(tokens[s.end - 1].text) > 1
        and not _ROMAN.fullmatch(tokens[s.end - 1].text) and tokens[s.end - 1].text not in NAME_SUFFIXES
        and name_key(tokens[s.end - 1].text) not in gaz.names and tokens[s.end - 1].text not in gaz.demonyms
    }
    # Names written family name first ("dissident Wang Donghai", then "Wang"):
    # a first word that is no known given name, place or common word.
    surnames |= {
        tokens[s.start].text
        for s in p.spans
        if s.label == "PERSON" and s.end - s.start == 2 and s.titled
        and tokens[s.start].text not in gaz.first_names and name_key(tokens[s.start].text) not in gaz.names
        and tokens[s.start].text.lower() not in p.lower_words and tokens[s.start].text.isalpha()
        and not tokens[s.start].text.isupper()
    }
    covered = {k for s in p.spans for k in range(s.start, s.end)}
    extra = [Span(k, k + 1, "PERSON") for k, t in enumerate(tokens) if t.text in surnames and k not in covered]
    result = [
        Span(s.start, s.end, "PERSON")
        if s.end - s.start == 1 and tokens[s.start].text in surnames and s.label != "PERSON" else s
        for s in p.spans
    ]
    return sorted(result + extra, key=lambda s: s.start)


SPAN_RULES: tuple[SpanRule, ...] = (
    government_bodies,
    drop_overlaps,
    organisations_with_and,
    teams,
    one_sense_per_article,
    firms_and_works,
    not_after_the,
    not_names,
    repeated_names,
)
