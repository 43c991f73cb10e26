"""A hostile corpus: articles whose titles, sources and text carry terminal
escapes, OSC 8 links and OSC 52 clipboard writes, bidi overrides and
Rich/Textual markup. Every command and screen must show the markup as typed
and let no escape reach the terminal."""

from __future__ import annotations

from pathlib import Path

ESC_CLEAR = "\x1b[2J"
OSC52_CLIPBOARD = "\x1b]52;c;SGVsbG8=\x07"
OSC8_LINK = "\x1b]8;;http://evil.example\x1b\\click me\x1b]8;;\x1b\\"
BIDI_OVERRIDE = "\u202egnp.exe"
C1_CSI = "\x9b31m"

# Titles and sources as written in the files; the markup must appear verbatim.
MARKUP_TITLE = "[bold red]x[/] Kabul talks [link=http://evil.example]click[/link] stall"
UPDATED_TITLE = "[Updated] Kabul talks resume"
STRAY_SOURCE = "Stray [/bold] Post"
CLOSING_TITLE = "Taliban envoy [/] leaves Moscow"

VISIBLE = (MARKUP_TITLE, UPDATED_TITLE, STRAY_SOURCE, CLOSING_TITLE)
"""Strings that must show exactly as written somewhere in the output."""

FORBIDDEN = ("\x1b", "\x9b", "\x9d", "\x90", "\u202e", "\x07")
"""Characters that must never reach the terminal from article content."""

_BODY = (
    "Taliban officials met Russian diplomats in Moscow on Thursday, the foreign ministry said. "
    "{hostile} The talks covered trade and security in Afghanistan.\n\n"
    "\"We want [bold]good[/bold] relations with every country,\" Amir Khan Muttaqi said. "
    "Analysts in Kabul called the meeting [i]a step[/i] towards recognition.\n\n"
    "Sergei Lavrov said Russia would keep its embassy in Kabul open [/] for now."
)


def write_hostile_corpus(directory: Path) -> list[Path]:
    """Four hostile articles on one event (so they form a story and can be compared)."""
    directory.mkdir(parents=True, exist_ok=True)
    articles = [
        ("hostile-markup.txt", MARKUP_TITLE, "Evil [link=http://evil.example]Times[/link]", ESC_CLEAR + OSC52_CLIPBOARD),
        ("hostile-updated.txt", UPDATED_TITLE, STRAY_SOURCE, OSC8_LINK),
        ("hostile-closing.txt", CLOSING_TITLE, "[bold]Bold[/bold] Daily", BIDI_OVERRIDE + C1_CSI),
        ("hostile-escapes.txt", "Escapes \x1b[31mred\x1b[0m in Kabul", "Plain Wire", ESC_CLEAR),
    ]
    paths = []
    for name, title, source, hostile in articles:
        text = (
            f"---\ntitle: {title}\nsource: {source}\npublished: 2025-07-04\n---\n"
            f"{title}\n\n{_BODY.format(hostile=hostile)}\n"
        )
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def hostile_ids() -> dict[str, str]:
    """File stem -> the id its article gets (made from the article itself, not the file's name)."""
    import tempfile

    from .conftest import file_id

    with tempfile.TemporaryDirectory() as directory:
        return {path.stem: file_id(path) for path in write_hostile_corpus(Path(directory))}


def assert_terminal_safe(output: str) -> None:
    """No escape, C1 control or bidi override from article content in `output`.

    Only for output that is not itself a terminal rendering (JSON, piped text,
    what widgets render); a pty capture carries the app's own escapes.
    """
    for char in FORBIDDEN:
        assert char not in output, f"{char!r} reached the output"
    assert "evil.example" not in output or "[link=http://evil.example]" in output
