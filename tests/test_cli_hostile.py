"""Every command on the hostile corpus, piped and in a terminal.

Titles, sources and bodies carry Rich markup (`[/]`, `[link=...]`), terminal
escapes, OSC 8 and OSC 52 sequences, bidi overrides and C1 controls. Each
command must exit 0 without a traceback, show the markup exactly as
written, and let nothing drive the terminal: in a pseudo-terminal the only
escapes allowed are the SGR colours Rich itself emits.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli
from .hostile import (
    CLOSING_TITLE,
    MARKUP_TITLE,
    STRAY_SOURCE,
    UPDATED_TITLE,
    VISIBLE,
    assert_terminal_safe,
    hostile_ids,
    write_hostile_corpus,
)

ID = hostile_ids()
HOSTILE_IDS = [ID["hostile-markup"], ID["hostile-updated"], ID["hostile-closing"], ID["hostile-escapes"]]
MARKUP_SOURCE = "Evil [link=http://evil.example]Times[/link]"
BOLD_SOURCE = "[bold]Bold[/bold] Daily"
BODY_MARKUP = ("[bold]good[/bold]", "[i]a step[/i]", "open [/] for now")
# Wide enough that no table cell wraps a title: wrapping is layout, and the
# markup must be found in one piece. A narrow run is checked separately.
COLUMNS = 200
SGR = re.compile(r"\x1b\[[0-9;]*m")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Case:
    """One command line and what it must show."""

    name: str
    args: list[str]
    """`{corpus}`: the hostile corpus directory; `{raw}`: one raw hostile file."""
    visible: tuple[str, ...] = ()
    library: str = "hostile"
    """'hostile' (the seeds and the hostile corpus) or 'seeds' (only the seeds: for add)."""
    stdin: bool = False
    """Feed the raw hostile file on standard input."""
    json: bool = False


RAW_FILE = "hostile-markup.txt"
"""Its body carries ESC[2J and an OSC 52 clipboard write."""
TITLES = (MARKUP_TITLE, UPDATED_TITLE, CLOSING_TITLE)
SOURCES = (MARKUP_SOURCE, STRAY_SOURCE, BOLD_SOURCE)

CASES = [
    Case("add", ["add", "{corpus}", "--engine", "builtin"], ("Added 4 articles",), library="seeds"),
    Case("add-json", ["add", "{corpus}", "--engine", "builtin", "--json"], tuple(HOSTILE_IDS), library="seeds", json=True),
    Case("list", ["list"], VISIBLE + SOURCES),
    Case("list-json", ["list", "--json"], VISIBLE + SOURCES, json=True),
    Case("search", ["search", "kabul", "--limit", "20"], VISIBLE + SOURCES),
    Case("search-json", ["search", "kabul", "--limit", "20", "--json"], VISIBLE + SOURCES, json=True),
    Case("search-markup-query", ["search", "[/]"], ("results for [/]",)),
    Case("show", ["show", ID["hostile-markup"]], (MARKUP_TITLE, MARKUP_SOURCE, *BODY_MARKUP)),
    Case("show-prefix", ["show", ID["hostile-updated"][:5]], (UPDATED_TITLE, STRAY_SOURCE, *BODY_MARKUP)),
    Case("show-json", ["show", ID["hostile-closing"], "--json"], (CLOSING_TITLE, BOLD_SOURCE, *BODY_MARKUP), json=True),
    Case("entities", ["entities"], ("Amir Khan Muttaqi", "Sergei Lavrov")),
    Case("entities-json", ["entities", "--json"], ("Amir Khan Muttaqi",), json=True),
    Case("extract-file", ["extract", "{raw}", "--engine", "builtin"], (MARKUP_TITLE, MARKUP_SOURCE, *BODY_MARKUP)),
    Case("extract-stdin", ["extract", "--engine", "builtin"], (MARKUP_TITLE, *BODY_MARKUP), stdin=True),
    Case("extract-json", ["extract", "-", "--engine", "builtin", "--json"], ("Amir Khan Muttaqi", "[bold]good[/bold]"),
         stdin=True, json=True),
    Case("compare", ["compare", *HOSTILE_IDS], VISIBLE + SOURCES + ("[bold]good[/bold]",)),
    Case("compare-json", ["compare", *HOSTILE_IDS, "--json"], VISIBLE + SOURCES + BODY_MARKUP, json=True),
    Case("compare-markdown", ["compare", *HOSTILE_IDS, "--markdown"], TITLES + ("[bold]good[/bold]",)),
    Case("compare-story", ["compare", "--story", "s1"], VISIBLE + SOURCES),
    Case("stories", ["stories"], VISIBLE + SOURCES),
    Case("stories-json", ["stories", "--json"], tuple(HOSTILE_IDS), json=True),
    Case("stories-move", ["stories", "move", ID["hostile-markup"], "new"], (MARKUP_TITLE, MARKUP_SOURCE, "← changed")),
    Case("remove", ["remove", ID["hostile-markup"], ID["hostile-updated"][:5], "--yes"],
         (f"Removed {ID['hostile-markup']}", f"Removed {ID['hostile-updated']}")),
    Case("remove-json", ["remove", ID["hostile-closing"], "--json", "--yes"], (ID["hostile-closing"],), json=True),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("hostile") / "corpus"
    write_hostile_corpus(directory)
    return directory


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory, _seed_library_template, corpus) -> Path:
    """The seeds and the hostile corpus, added once for the module."""
    from index.api import Library

    directory = tmp_path_factory.mktemp("hostile-library") / "library"
    shutil.copytree(_seed_library_template, directory)
    library = Library.open(directory, engine="builtin")
    report = library.add_paths([corpus])
    library.close()
    assert sorted(report.added) == sorted(HOSTILE_IDS) and not report.failed
    return directory


@pytest.fixture
def prepared(tmp_path, _seed_library_template, hostile_template, corpus):
    """For a case: a fresh library to run it on and its arguments filled in."""

    def prepare(case: Case) -> tuple[list[str], bytes | None]:
        library = tmp_path / "library"
        shutil.copytree(hostile_template if case.library == "hostile" else _seed_library_template, library)
        args = [arg.format(corpus=corpus, raw=corpus / RAW_FILE) for arg in case.args]
        stdin = (corpus / RAW_FILE).read_bytes() if case.stdin else None
        return ["--library", str(library), *args], stdin

    return prepare


def strings_in(data: object) -> list[str]:
    """Every string in decoded JSON, keys and values."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (key, *strings_in(value))]
    if isinstance(data, list):
        return [s for item in data for s in strings_in(item)]
    return []


def assert_shows(case: Case, output: str) -> None:
    for text in case.visible:
        assert text in output, f"{text!r} not shown verbatim by {case.name}"
    if case.json:
        decoded = "\n".join(strings_in(json.loads(output)))
        for text in case.visible:
            assert text in decoded, f"{text!r} not carried verbatim in {case.name} JSON"


def assert_nothing_drives_the_terminal(output: str) -> None:
    """What is left once Rich's own colours (SGR) are removed holds no escape,
    no 8-bit control, no bidi override and no live link."""
    rest = SGR.sub("", output)
    for char in ("\x1b", "\x9b", "\x9d", "\x90", "\x07"):
        assert char not in rest, f"{char!r} reached the terminal"
    assert not BIDI.search(rest), "a bidi control reached the terminal"
    assert "evil.example" not in rest.replace("[link=http://evil.example]", ""), "a link escaped its markup"


class _Stdin:
    """Standard input for an in-process run: bytes on `.buffer`."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_piped(case, prepared, capsys, monkeypatch):
    args, stdin = prepared(case)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    assert "Traceback" not in out + err and err == ""
    assert_terminal_safe(out)
    assert_nothing_drives_the_terminal(out)
    assert_shows(case, out)


def run_in_terminal(args: list[str], stdin: bytes | None = None, columns: int = COLUMNS) -> tuple[int, str]:
    """Run `newsreader ARGS` with stdout and stderr on a pseudo-terminal, as
    a person would: (exit code, everything the terminal received)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES="50", PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.PIPE if stdin is not None else slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
    )
    os.close(slave)
    if stdin is not None and process.stdin is not None:
        process.stdin.write(stdin)
        process.stdin.close()
    received = bytearray()
    try:
        while select.select([master], [], [], 60)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(master)
    code = process.wait(timeout=60)
    return code, received.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_in_a_terminal(case, prepared):
    args, stdin = prepared(case)
    code, output = run_in_terminal(args, stdin)
    assert code == 0, output
    assert "Traceback" not in output
    assert_nothing_drives_the_terminal(output)
    assert_shows(case, SGR.sub("", output))


@pytest.mark.parametrize("command", [["list"], ["stories"], ["compare", *HOSTILE_IDS], ["show", ID["hostile-markup"]]])
def test_a_narrow_terminal_wraps_but_stays_safe(command, prepared):
    args, _ = prepared(Case("narrow", command))
    code, output = run_in_terminal(args, columns=60)
    assert code == 0 and "Traceback" not in output
    assert_nothing_drives_the_terminal(output)
    assert "Kabul" in SGR.sub("", output)


HOSTILE_NAME = "[bold red]empty \x1b[2J\u202e.md"
"""An empty file whose name carries markup, an escape and a bidi override."""


def test_a_hostile_file_name_is_quoted_safely(tmp_path, capsys, library_dir):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / HOSTILE_NAME).write_bytes(b"")
    code, out, err = run_cli(capsys, "--library", str(library_dir), "add", str(tmp_path / "in"))
    assert code == 1 and "Added 0 articles" in out
    assert "[bold red]empty" in err and "is empty" in err
    assert_terminal_safe(out + err)
    code, output = run_in_terminal(["--library", str(library_dir), "add", str(tmp_path / "in" / HOSTILE_NAME)])
    assert code == 1 and "Traceback" not in output
    assert_nothing_drives_the_terminal(output)
    assert "[bold red]empty" in SGR.sub("", output)


def test_an_unknown_hostile_id_is_one_safe_line(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "show", "[/]\x1b]52;c;SGVsbG8=\x07")
    assert code == 3 and out == ""
    assert err.startswith("newsreader: no article with id") and err.count("\n") == 1
    assert_terminal_safe(err)


def test_the_consoles_parse_no_markup(capsys):
    """A slip that hands Rich a raw string still prints it as typed."""
    from tui.cli import output

    hostile = "[/] [bold red]x[/] [link=http://evil.example]click[/link] :smile:"
    output.console.print(hostile)
    output.errors.print(hostile)
    out, err = capsys.readouterr()
    assert out == err == hostile + "\n"


MARKUP_CALLS = re.compile(r"(console|errors)\.print\(\s*f[\"']|\bescape\(|from_markup|render_markup")


def test_no_printer_formats_strings_for_rich():
    """Printers build `Text` from `tui.safe`, never f-strings or escaped markup for Rich."""
    for path in (ROOT / "tui" / "cli").glob("*.py"):
        found = MARKUP_CALLS.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name}: {found.group(0) if found else ''}"
