"""Regenerate the README's screenshots from the real app on the bundled seeds.

    python scripts/screenshots.py

Writes SVG (Textual's own export) and PNG (cairosvg, after mapping the SVG's
Fira Code font to an installed monospace font) into `screenshots/`.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (120, 36)
NARROW = (80, 24)
PNG_FONT = "DejaVu Sans Mono"

sys.path.insert(0, str(ROOT))

from index import Library  # noqa: E402
from tui.app import NewsReaderApp  # noqa: E402
from tui.screens.library import LibraryScreen  # noqa: E402

# Search times vary run to run; leave them out so screenshots only change
# when the app does.
LibraryScreen.show_timings = False
# Show what a default install (no [nlp] extra) shows.
Library.engine = "builtin"


async def settle(app, pilot) -> None:
    await pilot.pause(0.2)
    await app.workers.wait_for_complete()
    await pilot.pause(0.3)


async def capture(library_dir: Path) -> list[Path]:
    from index.api import Library as Facade

    Facade.open(library_dir, seed=True).close()  # only the default library is seeded on its own
    shots: list[Path] = []
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("library.svg", path=str(OUT))))
        await pilot.press("slash", *"courageous")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("search.svg", path=str(OUT))))
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("reader.svg", path=str(OUT))))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("library-80x24.svg", path=str(OUT))))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"koofi", "enter", "enter")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("reader-analysis.svg", path=str(OUT))))
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")  # nothing marked: the story of the selected article, all five
        await settle(app, pilot)
        # The first finding is the conflict: every column at its own date of
        # the terrorist-list removal.
        await pilot.press("n")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("compare.svg", path=str(OUT))))
        await pilot.press("4")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("compare-quotes.svg", path=str(OUT))))
        await pilot.press("3")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("compare-matrix.svg", path=str(OUT))))
        await pilot.press("2")
        await settle(app, pilot)
        shots.append(Path(app.save_screenshot("compare-findings.svg", path=str(OUT))))
    shots += await capture_stories(library_dir.parent / "stories")
    shots += await capture_feeds(library_dir)
    return shots


async def capture_stories(library_dir: Path) -> list[Path]:
    """The stories screen at 80x24 on the tests' small corpus of events
    several outlets cover (the seeds are a single story)."""
    from index.api import Library as Facade
    from tests.stories.corpus import write_story_corpus

    write_story_corpus(library_dir.parent / "stories-in")
    library = Facade.open(library_dir, seed=True)
    library.add([str(library_dir.parent / "stories-in")])
    library.close()
    app = NewsReaderApp(library_dir=library_dir)
    async with app.run_test(size=NARROW) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        return [Path(app.save_screenshot("stories-80x24.svg", path=str(OUT)))]


async def capture_feeds(library_dir: Path) -> list[Path]:
    """The feeds screen and the add dialog, after a refresh of two feeds served
    on 127.0.0.1 (the test suite's fixtures): one good, one answering 500."""
    from index.api import Library as Facade
    from tests.test_refresh import serve_news
    from tests.webserver import serve

    shots: list[Path] = []
    with serve() as server:
        server.add("/wire.xml", b'<rss version="2.0"><channel><title>Harbour Wire</title></channel></rss>',
                   "application/rss+xml")  # fmt: skip
        library = Facade.open(library_dir)
        for url in (serve_news(server), server.url("/wire.xml")):
            library.add_feed(url)
        library.close()
        server.routes["/wire.xml"] = lambda request: request.respond(500, b"down for maintenance")
        app = NewsReaderApp(library_dir=library_dir)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("R")  # every feed
            await settle(app, pilot)
            await settle(app, pilot)
            app.clear_notifications()
            await pilot.press("F")
            await settle(app, pilot)
            shots.append(Path(app.save_screenshot("feeds.svg", path=str(OUT))))
            await pilot.press("escape", "a", *"https://example.org/2025/07/harbour-wall.html")
            await settle(app, pilot)
            shots.append(Path(app.save_screenshot("add.svg", path=str(OUT))))
    return shots


def to_png(svg: Path) -> Path:
    import cairosvg

    text = re.sub(r"Fira Code", PNG_FONT, svg.read_text(encoding="utf-8"))
    png = svg.with_suffix(".png")
    cairosvg.svg2png(bytestring=text.encode("utf-8"), write_to=str(png))
    return png


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        shots = asyncio.run(capture(Path(tmp) / "library"))
    for svg in shots:
        print(svg.relative_to(ROOT), to_png(svg).relative_to(ROOT))


if __name__ == "__main__":
    main()
