"""The ingest pipeline: bytes of a file to a clean `Article`.

decode (bytes to text, any encoding) -> sanitize (no terminal controls) ->
frontmatter (explicit fields) -> markup (Markdown to plain blocks) ->
structure (headline, standfirst, boilerplate) -> limits (the size cap).
walk (directories to files) and reading (capped reads of regular files only)
feed files, which yields one `Failure` per bad file, never an exception.
"""

from __future__ import annotations

from .decode import DecodedText, UnreadableInput, decode_bytes
from .files import (
    ARTICLE_SUFFIXES,
    Failure,
    article_id_for,
    iter_article_paths,
    parse_article_text,
    read_article_file,
    read_articles,
)
from .reading import READ_CAP, FileBytes, read_capped
from .sanitize import sanitize_text, strip_terminal_controls

__all__ = [
    "ARTICLE_SUFFIXES",
    "DecodedText",
    "Failure",
    "FileBytes",
    "READ_CAP",
    "UnreadableInput",
    "article_id_for",
    "decode_bytes",
    "iter_article_paths",
    "parse_article_text",
    "read_article_file",
    "read_articles",
    "read_capped",
    "sanitize_text",
    "strip_terminal_controls",
]
