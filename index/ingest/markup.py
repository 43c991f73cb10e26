"""Strip Markdown markup to plain text blocks with markdown-it-py.

Plain `.txt` articles are usually one paragraph per line, so each line is a
block and only its inline markup (`**bold**`, links, code) is removed.
Markdown files are parsed as documents: soft-wrapped lines join into their
paragraph, headings and list items become blocks of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when first parsing: plain lines never need it (about 23 ms of each add's start)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Characters that can start inline markup; lines without them skip the parser.
_INLINE_MARKUP = re.compile(r"[*_`\[\]<>!\\&]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False
    """True for Markdown headings (`#`, setext); a hint for the headline."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # html off: tags in article text are shown as text, never interpreted.
    return MarkdownIt("commonmark", {"html": False})


def _inline_text(children: list[Token] | None) -> str:
    parts: list[str] = []
    for token in children or []:
        if token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            continue  # alt text of an image is a caption slug, not article text
    return "".join(parts)


def normalise_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def strip_inline(line: str) -> str:
    """Remove inline Markdown (emphasis, links, code) from one line."""
    if not _INLINE_MARKUP.search(line):
        return normalise_spaces(line)
    tokens = _parser().parseInline(line)
    return normalise_spaces("".join(_inline_text(token.children) for token in tokens))


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text article: one per non-empty line."""
    blocks = []
    for line in text.split("\n"):
        stripped = line.strip()
        heading = stripped.startswith("#")
        if heading:
            stripped = stripped.lstrip("#").strip()
        cleaned = strip_inline(stripped)
        if cleaned:
            blocks.append(Block(cleaned, heading))
    return blocks


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of a Markdown article: paragraphs, headings, list items, quotes."""
    blocks: list[Block] = []
    heading = False
    for token in _parser().parse(text):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            cleaned = normalise_spaces(_inline_text(token.children))
            if cleaned:
                blocks.append(Block(cleaned, heading))
        elif token.type in ("code_block", "fence"):
            for line in token.content.splitlines():
                if line.strip():
                    blocks.append(Block(normalise_spaces(line)))
    return blocks
