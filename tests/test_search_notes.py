"""When a search limit cuts a query short, the person searching is told, in
the app's status line and on the command line."""

from __future__ import annotations

import json

from tui.app import NewsReaderApp

from .conftest import run_cli, settle
from .test_app import status


async def test_the_status_line_says_when_a_limit_applied(library_dir):
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"taliban~9")
        await settle(pilot)
        assert "fuzzy matching allows at most 2 edits; searched taliban~2" in status(app)


def test_the_command_line_says_when_a_limit_applied(capsys, library_dir):
    code, out, err = run_cli(capsys, "--library", str(library_dir), "search", "taliban~9")
    assert code == 0 and "note: fuzzy matching allows at most 2 edits; searched taliban~2" in err
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "search", "taliban~9", "--json")
    assert json.loads(out)["notes"] == ["fuzzy matching allows at most 2 edits; searched taliban~2"]
