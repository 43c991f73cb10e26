"""Cut an article's body into passages: its sentences, and its headings."""

from __future__ import annotations

import re

from ..analysis.text import sentence_spans
from ..article import Article
from ..ingest.limits import without_cut_note
from .model import Passage

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def split_passages(article: Article) -> list[Passage]:
    body = without_cut_note(article.body)  # our note on a cut article is not the outlet's passage
    # Never split inside a quotation; its closing punctuation may end a sentence.
    quotes = [(q.start, q.end - 1) for q in article.analysis.quotes] if article.analysis else []
    passages: list[Passage] = []
    for paragraph, match in enumerate(_PARAGRAPH.finditer(body)):
        start, text = match.start(), match.group()
        if not text.strip():
            continue
        if _is_heading(text):
            passages.append(_passage(article.id, body, start, match.end(), len(passages), paragraph, heading=True))
            continue
        inside = [(s - start, e - start) for s, e in quotes if start <= s and e <= match.end()]
        for s, e in sentence_spans(text, inside):
            passages.append(_passage(article.id, body, start + s, start + e, len(passages), paragraph))
    return passages


def _passage(article: str, body: str, start: int, end: int, index: int, paragraph: int, heading: bool = False) -> Passage:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Passage(article, start, end, body[start:end], index=index, paragraph=paragraph, heading=heading)


def _is_heading(text: str) -> bool:
    """A one-line paragraph of a few words without closing punctuation."""
    stripped = text.strip()
    return "\n" not in stripped and len(stripped.split()) <= 12 and not re.search(r"[.!?:;,\"”’)]$", stripped)
