"""`feeds import FILE.opml`, `feeds export` and `feeds rename`, through the
command line and the facade. Import fetches nothing; the refresh test runs
against the local server on 127.0.0.1."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest

from index.api import Library
from index.feeds import read_opml
from index.library import locking as locking_module
from index.state import add_feed

from .hostile import BIDI_OVERRIDE, C1_CSI, MARKUP_TITLE, assert_terminal_safe
from .test_refresh import serve_news
from .webserver import serve


def cli(capsys, library_dir, *args: str) -> tuple[int, str, str]:
    from .conftest import run_cli

    return run_cli(capsys, "--library", str(library_dir), *args)


def opml(*outlines: str, version: str = "1.0") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="{version}"><head><title>Mine</title></head><body>'
        + "".join(outlines) + "</body></opml>\n"
    )


def outline(url: str, title: str | None = None, text: str | None = None) -> str:
    attributes = f' xmlUrl="{escape(url)}" type="rss"'
    if title is not None:
        attributes += f' title="{escape(title)}"'
    if text is not None:
        attributes += f' text="{escape(text)}"'
    return f"<outline{attributes}/>"


SUBSCRIPTIONS = opml(
    '<outline text="News">',
    outline("http://127.0.0.1:9/bbc.xml", "BBC News"),
    outline("http://127.0.0.1:9/world.xml", text="World Desk"),
    "</outline>",
    outline("HTTP://127.0.0.1:9/bbc.xml", "BBC again"),  # the same feed, another spelling
    outline("javascript:alert(1)", "Evil"),
    outline("https://127.0.0.1:9/untitled.xml"),
)


def feeds_of(capsys, library_dir) -> list[dict]:
    code, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
    assert code == 0
    return json.loads(out)["feeds"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_subscribes_with_titles_skips_known_and_reports_failures(capsys, library_dir, tmp_path):
    path = write(tmp_path / "subs.opml", SUBSCRIPTIONS)
    code, out, err = cli(capsys, library_dir, "feeds", "import", str(path), "--json")
    data = json.loads(out)
    assert code == 1  # one outline could not be subscribed; the others were
    assert [(f["feed"], f["title"], f["url"]) for f in data["added"]] == [
        ("f1", "BBC News", "http://127.0.0.1:9/bbc.xml"),
        ("f2", "World Desk", "http://127.0.0.1:9/world.xml"),
        ("f3", "", "https://127.0.0.1:9/untitled.xml"),
    ]
    assert [(f["url"], f["feed"], f["reason"]) for f in data["skipped"]] == [
        ("HTTP://127.0.0.1:9/bbc.xml", "f1", "already subscribed as f1")
    ]
    assert [(f["url"], f["reason"]) for f in data["failed"]] == [
        ("javascript:alert(1)", "is not a web address (http or https)")
    ]
    assert data["file"] == str(path) and err == ""
    feeds = feeds_of(capsys, library_dir)
    assert [(f["title"], f["last_refresh"], f["articles"]) for f in feeds] == [
        ("BBC News", None, 0), ("World Desk", None, 0), ("", None, 0)
    ]

    code, out, err = cli(capsys, library_dir, "feeds", "import", str(path))  # again: everything known
    assert code == 1 and "Subscribed to 0 feeds; 4 already subscribed; 1 could not be added." in out
    assert "skipped  http://127.0.0.1:9/bbc.xml  already subscribed as f1" in out
    assert err == "failed   javascript:alert(1): is not a web address (http or https)\n"
    assert len(feeds_of(capsys, library_dir)) == 3


def test_a_clean_import_exits_0_and_says_refresh_fetches(capsys, library_dir, tmp_path):
    path = write(tmp_path / "subs.opml", opml(outline("http://127.0.0.1:9/a.xml", "Alpha")))
    code, out, err = cli(capsys, library_dir, "feeds", "import", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "added    f1  Alpha  http://127.0.0.1:9/a.xml",
        "Subscribed to 1 feed; 0 already subscribed; 0 could not be added. "
        "`newsreader refresh` fetches their articles.",
    ]


def test_refresh_fills_in_imported_feeds(capsys, library_dir, tmp_path):
    with serve() as server:
        feed_url = serve_news(server, feed_title="Coast Gazette")
        path = write(tmp_path / "subs.opml", opml(outline(feed_url)))
        assert cli(capsys, library_dir, "feeds", "import", str(path))[0] == 0
        assert server.requests == []  # import fetched nothing
        code, _, _ = cli(capsys, library_dir, "refresh")
    assert code == 0
    [feed] = feeds_of(capsys, library_dir)
    assert feed["title"] == "Coast Gazette" and feed["articles"] == 2 and feed["last_status"] == "ok"


def test_export_round_trips_through_an_empty_library(capsys, library_dir, tmp_path):
    library = Library.open(library_dir)
    add_feed(library._state(), "https://127.0.0.1:9/a.xml", title="Alpha & Omega \"news\"", source="Alpha Wire")
    add_feed(library._state(), "https://127.0.0.1:9/b.xml", title="")
    add_feed(library._state(), "https://127.0.0.1:9/c.xml?x=1&y=2", title=MARKUP_TITLE)
    library.close()
    code, first, err = cli(capsys, library_dir, "feeds", "export")
    assert (code, err) == (0, "") and first.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    exported = read_opml(first.encode(), "export")
    assert [(f.url, f.title, f.source) for f in exported] == [
        ("https://127.0.0.1:9/a.xml", "Alpha & Omega \"news\"", "Alpha Wire"),
        ("https://127.0.0.1:9/b.xml", "", ""),
        ("https://127.0.0.1:9/c.xml?x=1&y=2", MARKUP_TITLE, ""),
    ]
    path = write(tmp_path / "export.opml", first)
    empty = tmp_path / "empty"
    code, out, _ = cli(capsys, empty, "feeds", "import", str(path), "--json")
    assert code == 0 and len(json.loads(out)["added"]) == 3
    _, second, _ = cli(capsys, empty, "feeds", "export")

    def without_date(document: str) -> list[str]:
        return [line for line in document.splitlines() if "<dateCreated>" not in line]

    assert without_date(second) == without_date(first)
    assert [(f["url"], f["title"], f["source"]) for f in feeds_of(capsys, empty)] == [
        (f.url, f.title, f.source) for f in exported
    ]


def test_export_of_no_feeds_is_an_empty_opml(capsys, library_dir):
    code, out, _ = cli(capsys, library_dir, "feeds", "export")
    assert code == 0 and read_opml(out.encode(), "export") == []


BAD_FILES = {
    "missing": (None, "cannot be read (No such file or directory)"),
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe" * 40, "is not an OPML file"),
    "empty": (b"", "is not an OPML file"),
    "rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "is not an OPML file"),
    "html": (b"<html><body><p>Feeds</p></body></html>", "is not an OPML file"),
    "directory": ("dir", "is not a regular file"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_is_one_line_naming_it_and_changes_nothing(capsys, library_dir, tmp_path, kind):
    content, message = BAD_FILES[kind]
    path = tmp_path / f"{kind}.opml"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    code, out, err = cli(capsys, library_dir, "feeds", "import", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"newsreader: {path}") and message in err
    assert "Traceback" not in err
    assert feeds_of(capsys, library_dir) == []


def test_hostile_titles_stay_inert(capsys, library_dir, tmp_path):
    title = f"{MARKUP_TITLE} {BIDI_OVERRIDE} {C1_CSI}"
    path = write(tmp_path / "evil.opml", opml(outline("http://127.0.0.1:9/evil.xml", title),
                                              outline(f"javascript:{MARKUP_TITLE}", "x")))
    code, out, err = cli(capsys, library_dir, "feeds", "import", str(path))
    assert code == 1 and MARKUP_TITLE in out and f"javascript:{MARKUP_TITLE}" in err
    for output in (out, err):
        assert_terminal_safe(output)
    _, exported, _ = cli(capsys, library_dir, "feeds", "export")
    assert_terminal_safe(exported)
    assert read_opml(exported.encode(), "x")[0].title.startswith(MARKUP_TITLE)


def test_rename(capsys, library_dir, tmp_path):
    path = write(tmp_path / "subs.opml", opml(outline("http://127.0.0.1:9/a.xml", "Alpha")))
    cli(capsys, library_dir, "feeds", "import", str(path))
    code, out, _ = cli(capsys, library_dir, "feeds", "rename", "Alp", "World", "news")
    assert code == 0 and out == "Renamed feed f1 to World news\n"
    code, out, _ = cli(capsys, library_dir, "feeds", "rename", "f1", "[b]Desk[/b]", "--json")
    assert code == 0 and json.loads(out)["title"] == "[b]Desk[/b]"
    assert [f["title"] for f in feeds_of(capsys, library_dir)] == ["[b]Desk[/b]"]
    code, out, err = cli(capsys, library_dir, "feeds", "rename", "nope", "X")
    assert code == 1 and out == "" and err == "newsreader: no feed has the id, URL or title 'nope'\n"
    code, _, err = cli(capsys, library_dir, "feeds", "rename", "f1", "  ")
    assert code == 1 and "cannot be empty" in err and err.count("\n") == 1


def test_read_only_library_exports_and_refuses_import_and_rename(capsys, library_dir, tmp_path, monkeypatch):
    path = write(tmp_path / "subs.opml", opml(outline("http://127.0.0.1:9/a.xml", "Alpha")))
    cli(capsys, library_dir, "feeds", "import", str(path))
    monkeypatch.setattr(locking_module, "library_writable", lambda directory: False)
    monkeypatch.setattr("index.state.db.library_writable", lambda directory: False)
    code, out, _ = cli(capsys, library_dir, "feeds", "export")
    assert code == 0 and [f.title for f in read_opml(out.encode(), "x")] == ["Alpha"]
    other = write(tmp_path / "more.opml", opml(outline("http://127.0.0.1:9/b.xml", "Beta")))
    for args in (["feeds", "import", str(other)], ["feeds", "rename", "f1", "New"]):
        code, out, err = cli(capsys, library_dir, *args)
        assert code == 1 and out == "" and err.count("\n") == 1 and "is read-only" in err
    monkeypatch.undo()
    assert [f["title"] for f in feeds_of(capsys, library_dir)] == ["Alpha"]


def test_the_facade_imports_and_exports(tmp_path):
    path = write(tmp_path / "subs.opml", SUBSCRIPTIONS)
    library = Library.open(tmp_path / "lib")
    report = library.import_opml(path)
    assert [f.feed for f in report.added] == ["f1", "f2", "f3"] and len(report.skipped) == len(report.failed) == 1
    assert [f.url for f in read_opml(library.export_opml().encode(), "x")] == [
        "http://127.0.0.1:9/bbc.xml", "http://127.0.0.1:9/world.xml", "https://127.0.0.1:9/untitled.xml"
    ]
    library.close()
