"""Find an article's headline and standfirst and drop page furniture.

Saved pages carry more than the article: site navigation, a summary sentence
from the page's metadata, the headline repeated, image captions, and trailing
blocks of related links, comment forms and buttons. These rules look at the
shape of each block (length, punctuation, casing, well-known furniture
phrases), not at any one site, so they carry over to pages we have not seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import Block

# Headers that start a block of furniture lasting to the end of the page.
_TRAILER_HEADERS = re.compile(
    r"^(related( articles| stories| posts| content| news| coverage)?|"
    r"(you )?(might|may) (also )?(like|be interested( in)?|enjoy)|"
    r"you might also be interested in|more (stories|news|from|on this|like this|to read)\b.*|"
    r"read (more|next|also)|recommended( for you| stories| reading)?|"
    r"(most )?(popular|read|viewed)( stories| articles)?|trending( now)?|"
    r"(leave|post|add) a (reply|comment)|\d* ?comments?|"
    r"sign up( for| to)?.*newsletter.*|subscribe( to| now|\b).*|"
    r"about the author|tags?|topics|filed under)$"
)

# Single lines of furniture that can appear anywhere.
_FURNITURE_LINES = re.compile(
    r"^(back to top( button)?|skip to (main )?content|advertisement|advert|"
    r"share( this( article| story| page)?| on (facebook|twitter|x|whatsapp|linkedin))?|print|email|"
    r"(click|tap) here( to .*)?|follow us( on .*)?|"
    r"your email address will not be published.*|required fields are marked.*|"
    r"(photo|image|picture|video|credit|source|caption)\s*(credit)?\s*[:|].*|"
    r"(getty images|afp|reuters|ap photo|shutterstock)( via .*)?)$"
)

_TERMINAL_PUNCTUATION = re.compile(r"[.!?…:;\"”’')\]]$")
_GLUED_WORDS = re.compile(r"[a-z][A-Z]")
_NAV_SEPARATORS = re.compile(r"\s[|»›/•·]\s|\s>\s")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,40}(\([A-Za-z .]+\))?\s*[:—–-]\s+\S")
_WORD = re.compile(r"\w+")
# A lede reports when and who said it; a standfirst sums up. A paragraph
# naming a day or a date, or attributing speech, is the start of the story.
_REPORTS_EVENT = re.compile(
    r"\b(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:yesterday|today|tonight)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b(?:said|told|announced|according to)\b"
)


@dataclass
class Structure:
    title: str
    standfirst: str
    paragraphs: list[str]


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_navigation(text: str) -> bool:
    """Menu text: short, unpunctuated, with words glued together or separators."""
    if _word_count(text) > 12 or _TERMINAL_PUNCTUATION.search(text):
        return False
    return len(_GLUED_WORDS.findall(text)) >= 1 or len(_NAV_SEPARATORS.findall(text)) >= 2


def is_caption_slug(text: str) -> bool:
    """Image alt text or a file-name slug: a few lowercase words, no punctuation."""
    words = text.split()
    return (
        0 < len(words) <= 12
        and text[0].islower()
        and not re.search(r"[.,;:!?\"“”‘’()]", text)
    )


def is_trailer_header(text: str) -> bool:
    return _word_count(text) <= 8 and bool(_TRAILER_HEADERS.match(_normal(text)))


def is_furniture_line(text: str) -> bool:
    return _word_count(text) <= 14 and bool(_FURNITURE_LINES.match(text.strip().casefold()))


def is_headline_like(text: str) -> bool:
    """A headline: at most ~25 words and not ending as a sentence does."""
    return 0 < _word_count(text) <= 25 and not text.rstrip().endswith((".", ":", ";"))


def _is_standfirst(candidate: Block, following: list[Block]) -> bool:
    """The dek under a headline: one or two sentences, not the dated lede."""
    words = _word_count(candidate.text)
    if words < 6 or words > 45 or _DATELINE.match(candidate.text) or _REPORTS_EVENT.search(candidate.text):
        return False
    if not following:
        return False
    # The standfirst summarises; the text after it must carry the article.
    return sum(_word_count(block.text) for block in following) > 2 * words


def _find_repeated_headline(blocks: list[Block], window: int = 6) -> int | None:
    """Index of the first occurrence of a headline that is repeated near the top."""
    seen: dict[str, int] = {}
    for index, block in enumerate(blocks[:window]):
        key = _normal(block.text)
        if key in seen and is_headline_like(block.text):
            return seen[key]
        seen.setdefault(key, index)
    return None


def analyse_structure(blocks: list[Block], title_hint: str = "") -> Structure:
    """Split blocks into headline, standfirst and body paragraphs."""
    blocks = [b for b in blocks if not is_furniture_line(b.text)]
    while blocks and is_navigation(blocks[0].text):
        blocks.pop(0)
    # Everything from a trailing furniture header on is not the article. Only
    # look past the first few blocks so a headline "Related ..." survives.
    for index in range(2, len(blocks)):
        if is_trailer_header(blocks[index].text):
            blocks = blocks[:index]
            break

    title = title_hint
    lead_summary = ""
    if title:
        key = _normal(title)
        # Drop the headline where the body repeats it.
        blocks = [b for i, b in enumerate(blocks) if not (i < 4 and _normal(b.text) == key)]
    else:
        repeated = _find_repeated_headline(blocks)
        if repeated is not None:
            title = blocks[repeated].text
            key = _normal(title)
            before = [b.text for b in blocks[:repeated]]
            # A sentence before the headline is the page's summary line.
            lead_summary = " ".join(before)
            blocks = [b for b in blocks[repeated:] if _normal(b.text) != key]
        else:
            headings = [i for i, b in enumerate(blocks[:3]) if b.heading]
            first = headings[0] if headings else 0
            if blocks and is_headline_like(blocks[first].text):
                title = blocks[first].text
                blocks = blocks[:first] + blocks[first + 1:]
            elif blocks:
                title = _title_from_sentence(blocks[0].text)

    standfirst = ""
    if blocks and _is_standfirst(blocks[0], blocks[1:]):
        standfirst = blocks.pop(0).text
    elif lead_summary:
        standfirst = lead_summary

    paragraphs = [b.text for b in blocks if not is_caption_slug(b.text)]
    return Structure(title=title.strip(), standfirst=standfirst, paragraphs=paragraphs)


def _title_from_sentence(text: str, max_words: int = 14) -> str:
    """A title for text without a headline: its first sentence, shortened."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    words = sentence.split()
    if len(words) > max_words:
        return " ".join(words[:max_words]) + "…"
    return sentence
