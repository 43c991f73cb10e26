"""`Library.search_pages`: a whole result set in an order, read a page at a time."""

from __future__ import annotations

import pytest

from index.api import SORTS, Library

from .conftest import write_article

OUTLETS = ("Zeta Post", "Alpha Daily", "Mid Herald")


@pytest.fixture
def dated(library_dir, tmp_path):
    """The seeds (undated, no outlet) and 30 dated harbour reports from three outlets."""
    library = Library.open(library_dir)
    library.add_paths([
        write_article(
            tmp_path, f"h{i:02d}.txt", f"Harbour report {i}", f"The harbour{'s' * (i % 3)} of town {i} reopened.",
            published=f"2025-01-{i + 1:02d}", source=OUTLETS[i % 3],
        )
        for i in range(30)
    ])
    yield library
    library.close()


def every_row(library: Library, pages, size: int = 7) -> list:
    rows = list(pages.results.hits)
    while len(rows) < pages.total:
        more = library.page(pages, len(rows), size)
        assert more, "a page came back empty before the end"
        rows += more
    return rows


@pytest.mark.parametrize("sort", SORTS)
def test_paging_reads_every_article_once_in_every_order(dated, sort):
    pages = dated.search_pages("", sort=sort, first=5)
    rows = every_row(dated, pages)
    assert pages.total == 35 and len({row.id for row in rows}) == 35
    assert dated.page(pages, 35, 10) == []


def test_a_list_is_newest_first_with_the_undated_last(dated):
    pages = dated.search_pages("", sort="relevance", first=50)
    assert pages.sort == "newest"  # nothing to rank a list by
    titles = [hit.title for hit in pages.results.hits]
    assert titles[:3] == ["Harbour report 29", "Harbour report 28", "Harbour report 27"]
    assert all(hit.published is None for hit in pages.results.hits[30:])


def test_the_outlet_order_groups_outlets_newest_first_within_each(dated):
    rows = every_row(dated, dated.search_pages("harbour", sort="outlet", first=4))
    outlets = [row.source for row in rows]
    assert outlets == sorted(outlets, key=str.casefold)
    alpha = [row.published for row in rows if row.source == "Alpha Daily"]
    assert alpha == sorted(alpha, reverse=True)


def test_relevance_pages_continue_the_ranking_the_first_page_began(dated):
    pages = dated.search_pages("harbour", sort="relevance", first=4)
    rows = every_row(dated, pages, size=5)
    ranked = dated.search("harbour", limit=None)
    assert [row.id for row in rows] == [hit.id for hit in ranked.hits]
    assert pages.results.hits[0].snippet is not None  # the first page comes with snippets


def test_a_query_in_the_newest_order_counts_exactly(dated):
    pages = dated.search_pages("harbour", sort="newest", first=3)
    assert pages.total == 30 and pages.results.total_exact
    rows = every_row(dated, pages)
    dates = [row.published for row in rows]
    assert dates == sorted(dates, reverse=True)


def test_filters_alone_list_their_articles(dated):
    ids = [s.id for s in dated.summaries() if s.title.startswith("Harbour report 1")]
    dated.mark_starred(ids)
    pages = dated.search_pages("is:starred", first=2)
    assert pages.total == len(ids)
    assert {row.id for row in every_row(dated, pages)} == set(ids)


def test_story_markers_count_other_outlets(dated, tmp_path):
    body = "Valmora's port closed its northern terminal for six weeks of storm repairs, the port authority said."
    dated.add_paths([
        write_article(tmp_path / "story", f"{name}.txt", "Valmora port shuts terminal", f"{body} ({name})", source=name)
        for name in ("Coast Gazette", "Metro Herald", "Harbour Times")
    ])
    dated.group_stories()
    story = [s.id for s in dated.summaries() if s.title == "Valmora port shuts terminal"]
    outlets = dated.other_outlets(story)
    assert outlets == dict.fromkeys(story, 2)
