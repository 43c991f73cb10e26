"""The demo articles: only the default library starts with them (the app's
first launch); `newsreader demo` and the palette put them back anywhere."""

from __future__ import annotations

import json

from index import Library as Core
from index.api import Library
from tui.app import NewsReaderApp

from .conftest import run_cli, settle, write_article


def test_a_new_library_is_empty_unless_seeded(tmp_path):
    core = Core.open(tmp_path / "plain")
    assert core.count() == 0
    core.close()
    library = Library.open(tmp_path / "named")
    assert library.count() == 0
    library.close()
    seeded = Library.open(tmp_path / "seeded", seed=True)
    assert seeded.count() == 5
    seeded.close()


def test_the_default_library_is_seeded_when_the_app_opens_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(tmp_path / "default"))
    library = Library.open()  # what the app does without --library
    assert library.count() == 5
    assert library.unread_ids() == set()  # the demo is not news
    library.close()


def test_add_to_a_new_library_brings_no_demo_articles(capsys, tmp_path):
    write_article(tmp_path / "in", "mine.txt", "My own headline", "My own body text.")
    code, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "add", str(tmp_path / "in"))
    assert code == 0 and out.startswith("Added 1 article.")
    _, out, _ = run_cli(capsys, "--library", str(tmp_path / "lib"), "list", "--json")
    assert [a["title"] for a in json.loads(out)["articles"]] == ["My own headline"]


def test_the_cli_never_seeds_the_default_library(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(tmp_path / "default"))
    write_article(tmp_path / "in", "mine.txt", "My own headline", "My own body text.")
    run_cli(capsys, "add", str(tmp_path / "in"))
    _, out, _ = run_cli(capsys, "list", "--json")
    assert json.loads(out)["total"] == 1


def test_demo_restores_the_articles_once(capsys, tmp_path):
    lib = str(tmp_path / "lib")
    code, out, _ = run_cli(capsys, "--library", lib, "demo")
    assert code == 0 and out == "Added 5 demo articles.\n"
    code, out, _ = run_cli(capsys, "--library", lib, "demo")
    assert code == 0 and out == "The demo articles are already in the library (5 articles); nothing added.\n"
    _, out, _ = run_cli(capsys, "--library", lib, "list", "--json")
    assert json.loads(out)["total"] == 5


def test_demo_puts_back_what_was_removed(capsys, library_dir):
    lib = str(library_dir)
    run_cli(capsys, "--library", lib, "remove", "--query", "courageous", "--yes")
    code, out, _ = run_cli(capsys, "--library", lib, "demo", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["added"]) == 3 and len(data["skipped"]) == 2
    _, out, _ = run_cli(capsys, "--library", lib, "demo")
    assert "nothing added" in out


async def test_the_palette_restores_the_demo_articles(tmp_path):
    app = NewsReaderApp(library_dir=tmp_path / "empty")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.library is not None and app.library.count() == 0
        await pilot.press("ctrl+p", *"restore the demo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        await settle(pilot)
        assert app.library.count() == 5
        assert "Added 5 demo articles." in [str(n.message) for n in app._notifications]
        assert app.sub_title.startswith("5 articles")


async def test_the_first_launch_opens_on_the_demo(tmp_path, monkeypatch):
    """The README's first command: `newsreader` with no library yet opens on the demo."""
    monkeypatch.setenv("NEWSREADER_LIBRARY", str(tmp_path / "first"))
    app = NewsReaderApp(library_dir=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.library is not None and app.library.count() == 5
        assert app.sub_title.startswith("5 articles")
