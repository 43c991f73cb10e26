"""`read`, `unread`, `star`, `unstar` and `list --unread/--starred` on the command line."""

from __future__ import annotations

import json

import pytest

from index.library import locking as locking_module

from .conftest import SEED_IDS, file_id, run_cli, write_article
from .hostile import MARKUP_TITLE

A = SEED_IDS[0]
B = SEED_IDS[1]
C = SEED_IDS[2]


def cli(capsys, library_dir, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--library", str(library_dir), *args)


def listed(capsys, library_dir, *flags: str) -> dict[str, dict]:
    code, out, _ = cli(capsys, library_dir, "list", "--json", *flags)
    assert code == 0
    return {article["id"]: article for article in json.loads(out)["articles"]}


def test_flag_commands_round_trip_in_json(capsys, library_dir):
    code, out, err = cli(capsys, library_dir, "unread", A[:4], B[:4], "--json")
    assert (code, err) == (0, "") and json.loads(out) == {"unread": [A, B]}
    code, out, _ = cli(capsys, library_dir, "star", B[:4], C[:6], "--json")
    assert code == 0 and json.loads(out) == {"starred": [B, C]}
    articles = listed(capsys, library_dir)
    assert [articles[i]["read"] for i in (A, B, C)] == [False, False, True]
    assert [articles[i]["starred"] for i in (A, B, C)] == [False, True, True]
    assert set(listed(capsys, library_dir, "--unread")) == {A, B}
    assert set(listed(capsys, library_dir, "--starred")) == {B, C}
    assert set(listed(capsys, library_dir, "--unread", "--starred")) == {B}

    code, out, _ = cli(capsys, library_dir, "read", A[:4], "--json")
    assert code == 0 and json.loads(out) == {"read": [A]}
    code, out, _ = cli(capsys, library_dir, "unstar", C[:4], "--json")
    assert code == 0 and json.loads(out) == {"unstarred": [C]}
    assert set(listed(capsys, library_dir, "--unread")) == {B}
    assert set(listed(capsys, library_dir, "--starred")) == {B}


def test_flag_commands_print_one_line_per_article(capsys, library_dir):
    code, out, _ = cli(capsys, library_dir, "star", A[:4], A[:6], B[:4])
    assert code == 0 and out == f"Marked starred: {A}\nMarked starred: {B}\n"


@pytest.mark.parametrize("ids, code, message, lines", [
    ([A[:4], "nope"], 3, "no article with id 'nope'", 1),
    ([A[:4], "7"], 2, "matches several articles", 3),  # the error, then 771f… and 7955…
])
@pytest.mark.parametrize("command", ["read", "unread", "star", "unstar"])
def test_a_bad_id_changes_nothing(capsys, library_dir, command, ids, code, message, lines):
    cli(capsys, library_dir, "unread", A[:4])
    cli(capsys, library_dir, "star", A[:4])
    before = listed(capsys, library_dir)
    got, out, err = cli(capsys, library_dir, command, *ids)
    assert got == code and out == "" and message in err and err.count("\n") == lines
    assert listed(capsys, library_dir) == before


def test_list_json_keeps_every_key_and_adds_flags_url_and_feed(capsys, library_dir, tmp_path):
    write_article(tmp_path / "in", "linked.txt", "Linked story", "Body about the port.", url="https://example.org/a")
    cli(capsys, library_dir, "add", str(tmp_path / "in"))
    articles = listed(capsys, library_dir)
    keys = {"id", "slug", "title", "source", "outlet", "published", "standfirst", "word_count", "read", "starred", "url",
            "feed"}
    assert all(set(article) == keys for article in articles.values())
    [linked] = [a for a in articles.values() if a["title"] == "Linked story"]
    assert linked["url"] == "https://example.org/a" and linked["outlet"] == "example.org"
    assert articles[A]["url"] == "" and articles[A]["feed"] is None


def test_list_json_names_the_feed_an_article_came_from(capsys, library_dir):
    from index.api import Library
    from index.state import add_article, add_feed

    library = Library.open(library_dir)
    feed = add_feed(library._state(), "http://127.0.0.1:9/feed.xml", title="World [b]news[/b]")
    add_article(library._state(), B, feed)
    library.mark_read([B], read=False)  # the seeds start read; attaching to a feed keeps a flag
    library.close()
    articles = listed(capsys, library_dir)
    assert articles[B]["feed"] == "World [b]news[/b]" and articles[B]["read"] is False
    assert articles[A]["feed"] is None


def test_plain_list_shows_unread_and_star_marks(capsys, library_dir):
    cli(capsys, library_dir, "unread", A[:4])
    cli(capsys, library_dir, "star", B[:4])
    code, out, _ = cli(capsys, library_dir, "list")  # captured: piped, tab-separated
    rows = {row.split("\t")[0]: row.split("\t") for row in out.splitlines()}
    assert code == 0 and all(len(row) == 5 for row in rows.values())
    assert rows[A][4] == "●" and rows[B][4] == "★" and rows[C][4] == ""
    code, out, _ = cli(capsys, library_dir, "list", "--starred")
    assert out.splitlines() == ["\t".join(rows[B])]


def test_plain_list_keeps_hostile_titles_inert(capsys, library_dir, tmp_path):
    write_article(tmp_path / "in", "evil.txt", MARKUP_TITLE, "Body \x1b[2J text.", source="[bold]Wire[/bold]")
    cli(capsys, library_dir, "add", str(tmp_path / "in"))
    evil = file_id(tmp_path / "in" / "evil.txt")
    cli(capsys, library_dir, "unread", evil)
    cli(capsys, library_dir, "star", evil)
    code, out, _ = cli(capsys, library_dir, "list", "--unread")
    assert code == 0 and "\x1b" not in out
    assert out.split("\t")[1:3] == [MARKUP_TITLE, "[bold]Wire[/bold]"] and out.rstrip("\n").endswith("●★")


def test_flags_are_read_on_a_read_only_library_and_writes_refused(capsys, library_dir, monkeypatch):
    cli(capsys, library_dir, "unread", A[:4])
    monkeypatch.setattr(locking_module, "library_writable", lambda directory: False)
    monkeypatch.setattr("index.state.db.library_writable", lambda directory: False)
    assert set(listed(capsys, library_dir, "--unread")) == {A}
    for command in ("read", "unread", "star", "unstar"):
        code, out, err = cli(capsys, library_dir, command, A[:4])
        assert code == 1 and out == "" and err.count("\n") == 1 and "is read-only" in err
    monkeypatch.undo()
    assert set(listed(capsys, library_dir, "--unread")) == {A}
