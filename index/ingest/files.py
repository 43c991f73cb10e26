"""Read article files into clean `Article` records.

Ingest never raises for a bad file: each file yields either an article or a
`Failure` naming the file and what to do, so one broken file in a directory
of thousands costs only itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article, slugify
from ..identity import article_slug
from .decode import UnreadableInput, decode_bytes
from .failure import Failure
from .frontmatter import DATE_ORDERS, read_date, read_front_matter
from .html import HTML_SUFFIXES, read_html_file
from .limits import cut_note, cut_text
from .markup import markdown_blocks, strip_inline, text_blocks
from .reading import read_capped
from .sanitize import strip_terminal_controls
from .structure import analyse_structure
from .walk import ARTICLE_SUFFIXES, iter_article_paths

__all__ = [
    "ARTICLE_SUFFIXES",
    "Failure",
    "article_id_for",
    "iter_article_paths",
    "parse_article_text",
    "read_article_file",
    "read_articles",
]


def parse_article_text(
    text: str,
    *,
    article_id: str = "",
    markdown: bool = False,
    source: str = "",
    path: str = "",
    original_size: int | None = None,
    complete: bool = True,
    date_order: str | None = None,
    stem: str = "",
) -> Article:
    """Build a clean article from raw text (already decoded).

    Text past the size cap is cut at a paragraph boundary and a note saying
    so (with `original_size`, the input's size in bytes) ends the body.
    `complete=False` says `text` is only the start of a longer input.
    `date_order` ('dmy', 'mdy') reads numeric dates; a `date_order` field wins.
    What was wrong but did not stop the article (a broken front matter block,
    a date that cannot be read) is listed in `extra["warnings"]`.
    `article_id` "" (the default) has the id made from the article itself;
    `stem` (the file's) names its slug when the title has no words.
    """
    text = strip_terminal_controls(text)
    front = read_front_matter(text)
    fields, rest, warnings = front.fields, front.rest, list(front.problems)
    order = fields.get("date_order", "").strip().lower() or date_order
    if order and order not in DATE_ORDERS:
        warnings.append(f"its date_order {order!r} is not dmy or mdy; ignored")
        order = date_order
    date = read_date(fields.get("published", ""), order)
    if date.problem:
        warnings.append(date.problem)
    rest, was_cut = cut_text(rest, force=not complete)
    blocks = markdown_blocks(rest) if markdown else text_blocks(rest)
    title_hint = strip_inline(fields.get("title", ""))
    structure = analyse_structure(blocks, title_hint=title_hint)
    if not structure.paragraphs and not structure.title:
        raise UnreadableInput("has no article text")
    paragraphs = structure.paragraphs
    if was_cut:
        size = original_size if original_size is not None else len(text.encode("utf-8", "surrogatepass"))
        paragraphs = [*paragraphs, cut_note(size)]
    standfirst = strip_inline(fields.get("standfirst", "")) or structure.standfirst
    return Article(
        id=article_id,
        title=structure.title,
        standfirst=standfirst,
        body="\n\n".join(paragraphs),
        source=fields.get("source", "") or source,
        url=fields.get("url", ""),
        author=fields.get("author", ""),
        published=date.value,
        path=path,
        extra={"warnings": warnings} if warnings else {},
        slug=article_slug(structure.title, stem),
    )


def article_id_for(path: Path) -> str:
    """The id files got before ids were made from the article itself: the
    stem, slugged (`000_f2f3f3720328d6d9`). Kept for libraries made then."""
    return slugify(path.stem)


def read_article_file(path: Path, *, source: str = "", date_order: str | None = None) -> Article:
    """Read one file; raises `UnreadableInput` with a user-facing reason, and
    nothing else, whatever the file holds or the filesystem does."""
    try:
        return _read_article_file(path, source, date_order)
    except UnreadableInput:
        raise
    except (RecursionError, MemoryError) as error:
        raise UnreadableInput(f"is too deeply nested or too large to parse ({type(error).__name__})") from error
    except Exception as error:  # one strange file must not end a whole add
        raise UnreadableInput(
            f"could not be read ({type(error).__name__}: {error}); please report this with the file"
        ) from error


def _read_article_file(path: Path, source: str, date_order: str | None = None) -> Article:
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_file(path, source=source)
    content = read_capped(path)
    decoded = decode_bytes(content.data, partial=not content.complete)
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):
        resolved = str(path.absolute())
    return parse_article_text(
        decoded.text,
        markdown=path.suffix.lower() in (".md", ".markdown"),
        source=source,
        path=resolved,
        original_size=content.size,
        complete=content.complete,
        date_order=date_order,
        stem=path.stem,
    )


def read_articles(paths: Iterable[Path], *, source: str = "") -> Iterator[Article | Failure]:
    for item in iter_article_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield read_article_file(item, source=source)
        except UnreadableInput as error:
            yield Failure(str(item), str(error))
