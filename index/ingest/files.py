"""Read article files into clean `Article` records.

Ingest never raises for a bad file: each file yields either an article or a
`Failure` naming the file and what to do, so one broken file in a directory
of thousands costs only itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import Article, slugify
from .decode import UnreadableInput, decode_bytes
from .frontmatter import parse_date, split_front_matter
from .markup import markdown_blocks, strip_inline, text_blocks
from .sanitize import strip_terminal_controls
from .structure import analyse_structure

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str

    def __post_init__(self) -> None:
        # File names are untrusted too: they are printed in messages.
        object.__setattr__(self, "path", strip_terminal_controls(self.path).replace("\n", " "))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def parse_article_text(
    text: str,
    *,
    article_id: str,
    markdown: bool = False,
    source: str = "",
    path: str = "",
) -> Article:
    """Build a clean article from raw text (already decoded)."""
    text = strip_terminal_controls(text)
    fields, rest = split_front_matter(text)
    blocks = markdown_blocks(rest) if markdown else text_blocks(rest)
    title_hint = strip_inline(fields.get("title", ""))
    structure = analyse_structure(blocks, title_hint=title_hint)
    if not structure.paragraphs and not structure.title:
        raise UnreadableInput("has no article text")
    standfirst = strip_inline(fields.get("standfirst", "")) or structure.standfirst
    return Article(
        id=article_id,
        title=structure.title,
        standfirst=standfirst,
        body="\n\n".join(structure.paragraphs),
        source=fields.get("source", "") or source,
        url=fields.get("url", ""),
        author=fields.get("author", ""),
        published=parse_date(fields.get("published", "")),
        path=path,
    )


def article_id_for(path: Path) -> str:
    """The id a file gets: its stem, slugged (seeds keep their stems as is)."""
    return slugify(path.stem)


def read_article_file(path: Path, *, source: str = "") -> Article:
    """Read one file; raises `UnreadableInput` with a user-facing reason."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableInput(f"cannot be read ({error.strerror or error})") from error
    if size > MAX_FILE_BYTES:
        raise UnreadableInput(f"is {size // (1024 * 1024)} MB, too large for an article")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(f"cannot be read ({error.strerror or error})") from error
    decoded = decode_bytes(data)
    return parse_article_text(
        decoded.text,
        article_id=article_id_for(path),
        markdown=path.suffix.lower() in (".md", ".markdown"),
        source=source,
        path=str(path.resolve()),
    )


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path | Failure]:
    """Expand directories (recursively, sorted) into article files."""
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        elif not path.exists():
            yield Failure(str(path), "does not exist; check the path")
        elif not path.name.lower().endswith(ARTICLE_SUFFIXES):
            yield Failure(str(path), f"is not an article file; newsreader reads {', '.join(ARTICLE_SUFFIXES)}")
        else:
            yield path


def read_articles(paths: Iterable[Path], *, source: str = "") -> Iterator[Article | Failure]:
    for item in iter_article_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield read_article_file(item, source=source)
        except UnreadableInput as error:
            yield Failure(str(item), str(error))
