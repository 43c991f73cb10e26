"""The reader as a user sees it: the header's outlet, date, author and web
address; the side panel's quotes wrapped whole; entity colours from the
theme's variant; the theme remembered from one run to the next."""

from __future__ import annotations

from textual.widgets import Static

from index.api import Library
from tui.app import NewsReaderApp
from tui.config import get_setting
from tui.palette import DARK, LIGHT
from tui.screens.reader import ReaderScreen
from tui.widgets.analysis_panel import QUOTE_INDENT, AnalysisPanel
from tui.widgets.article_view import ArticleView

from .conftest import settle, write_article

LONG_QUOTE = (
    "We will keep the harbour open through the winter, whatever the council decides about the budget, "
    "because the fishing families of this town have nowhere else to land their catch"
)


def add_article(library_dir, tmp_path, **front) -> str:
    """Add one article with this front matter; its id, found by its title."""
    path = write_article(
        tmp_path / "incoming", "harbour.txt", "Harbour stays open for the winter",
        f'Mayor Anna Berg said on Monday: "{LONG_QUOTE}." The council meets again in March.', **front,
    )  # fmt: skip
    library = Library.open(library_dir)
    try:
        library.add_paths([path])
        return next(s.id for s in library.summaries() if s.title.startswith("Harbour stays open"))
    finally:
        library.close()


async def open_reader(app, pilot, article_id: str) -> ReaderScreen:
    await settle(pilot)
    app.open_article(article_id)
    await settle(pilot)
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


def byline(screen: ReaderScreen) -> str:
    view = screen.query_one(ArticleView)
    return next(str(b.widget.render()) for b in view.blocks if b.widget.has_class("byline"))


async def test_the_header_shows_outlet_date_author_and_address(library_dir, tmp_path):
    article_id = add_article(
        library_dir, tmp_path, source="Harbour Gazette", author="Lena Fisk",
        published="2025-07-03", url="https://gazette.example/harbour-winter",
    )  # fmt: skip
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(app, pilot, article_id)
        lines = byline(screen).splitlines()
        assert "Harbour Gazette · 3 July 2025 · Lena Fisk" in lines[0]
        assert lines[1] == "https://gazette.example/harbour-winter"


async def test_an_article_without_a_source_is_headed_by_its_title_not_an_id(library_dir, tmp_path):
    article_id = add_article(library_dir, tmp_path)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(app, pilot, article_id)
        shown = byline(screen)
        assert shown.endswith("Harbour stays open…")
        assert article_id not in shown


async def test_the_side_panel_wraps_a_long_quote_under_its_indent(library_dir, tmp_path):
    article_id = add_article(library_dir, tmp_path)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reader(app, pilot, article_id)
        await pilot.press("p")  # below 120 columns the panel opens on `p`
        await pilot.pause()
        panel = screen.query_one(AnalysisPanel)
        assert app.focused is panel
        quote = next(i for i, row in enumerate(panel.rows) if row.kind == "quote")
        panel.highlighted = quote
        await pilot.pause()
        lines = [panel.render_line(y).text.rstrip() for y in range(panel.scrollable_content_region.height)]
        first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("“We will keep"))
        end = next(i for i in range(first, len(lines)) if lines[i].endswith("catch.”"))
        assert end - first >= 3  # wrapped, not cut
        drawn = " ".join(line.strip() for line in lines[first : end + 1])
        assert drawn == f"“{LONG_QUOTE}.”"
        for line in lines[first : end + 1]:
            assert line.startswith(" " * QUOTE_INDENT) and line[QUOTE_INDENT] != " "
        # `/` searches the library for the speaker of the quote under the cursor.
        await pilot.press("slash")
        await settle(pilot)
        assert not isinstance(app.screen, ReaderScreen)
        assert "Anna Berg" in app.screen.query_one("Input").value


def person_colour(view: ArticleView) -> str:
    """The colour the first person's name is drawn in."""
    for block in view.blocks:
        for start, end, component in block.marks or ():
            if component == "article-view--person":
                content = block.widget.render()
                colours = [s.style.foreground for s in content.spans if (s.start, s.end) == (start, end)]
                return next(c.hex.lower() for c in colours if c is not None and c.a)  # the speaker underline has none
    raise AssertionError("no person drawn")


async def test_the_colours_follow_the_theme_and_the_theme_is_remembered(library_dir, tmp_path):
    article_id = add_article(library_dir, tmp_path)
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_reader(app, pilot, article_id)
        view = screen.query_one(ArticleView)
        assert app.theme == "textual-dark"
        assert person_colour(view) == DARK.kinds["person"]
        # The palette's theme picker, as a user would: ctrl+p, "theme", then the theme's name.
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        await pilot.press(*"textual-light")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "textual-light"
        assert get_setting("theme") == "textual-light"
        assert person_colour(view) == LIGHT.kinds["person"]  # drawn again, not left in the dark colours
        legend = screen.query_one("#reader-legend", Static).render()
        person = next(s for s in legend.spans if legend.plain[s.start : s.end] == "person")
        assert person.style.foreground.hex.lower() == LIGHT.kinds["person"]

    again = NewsReaderApp(library_dir=library_dir)
    async with again.run_test(size=(120, 36)) as pilot:
        screen = await open_reader(again, pilot, article_id)
        assert again.theme == "textual-light"
        assert person_colour(screen.query_one(ArticleView)) == LIGHT.kinds["person"]


async def test_a_theme_that_no_longer_exists_falls_back_to_the_default(library_dir):
    from tui.config import set_setting

    set_setting("theme", "no-such-theme")
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
