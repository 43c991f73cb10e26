"""Web page extraction: pass rate and speed, newsreader's extractor against another.

    .venv/bin/python tests/bench/web.py [--pages DIR] [--show-failures]

A page passes when its extracted text holds every `with` snippet and none of
the `without` snippets of `expectations.json` (whitespace folded). The pages
are the trafilatura evaluation set in ../shared/data/web-pages (never copied
into the project). The comparison extractor is readability-lxml, from the
optional `bench` extra; it is skipped when not installed. Pages/s is the
median of three runs over all pages, decoding included.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.ingest.decode import UnreadableInput  # noqa: E402
from index.ingest.html import article_from_html, decode_html  # noqa: E402

DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "web-pages"

Extractor = Callable[[str, str], str]


def newsreader_text(html: str, url: str) -> str:
    """What newsreader stores and shows as the article's text (the title is
    a field of its own, as with readability's)."""
    try:
        article = article_from_html(html, url=url)
    except UnreadableInput:
        return ""
    return f"{article.standfirst}\n\n{article.body}"


def readability_extractor() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def text(html: str, url: str) -> str:
        try:
            document = Document(html, url=url)
            summary = lxml.html.fromstring(document.summary(html_partial=True))
            return str(summary.text_content())
        except Exception:  # a page it cannot read fails its checks, like ours
            return ""

    return text


def _fold(text: str) -> str:
    return " ".join(text.split())


def passes(text: str, expect: dict[str, list[str]]) -> bool:
    folded = _fold(text)
    return all(_fold(s) in folded for s in expect.get("with", [])) and not any(
        _fold(s) in folded for s in expect.get("without", [])
    )


def load_pages(directory: Path) -> list[tuple[str, str, dict[str, list[str]]]]:
    expectations = json.loads((directory / "expectations.json").read_text(encoding="utf-8"))
    pages = []
    for url, expect in expectations.items():
        data = (directory / "pages" / expect["file"]).read_bytes()
        pages.append((url, decode_html(data).text, expect))
    return pages


def measure(name: str, extract: Extractor, pages: list[tuple[str, str, dict[str, list[str]]]], show: bool) -> None:
    failed = [(url, expect["file"]) for url, html, expect in pages if not passes(extract(html, url), expect)]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        for url, html, _expect in pages:
            extract(html, url)
        timings.append(time.perf_counter() - start)
    rate = len(pages) / statistics.median(timings)
    passed = len(pages) - len(failed)
    print(f"{name:<14} pass {passed}/{len(pages)} = {100 * passed / len(pages):.1f} %   {rate:.1f} pages/s")
    if show:
        for url, file in failed:
            print(f"    failed: {file}  ({url})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    if not (args.pages / "expectations.json").exists():
        print(f"no pages at {args.pages}; nothing to measure")
        return 0
    pages = load_pages(args.pages)
    print(f"Extraction on {len(pages)} saved pages (median of 3 timed runs)")
    measure("trafilatura", newsreader_text, pages, args.show_failures)
    other = readability_extractor()
    if other is None:
        print("readability    skipped (pip install -e '.[bench]')")
    else:
        measure("readability", other, pages, args.show_failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
