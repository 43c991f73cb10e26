"""Articles that name no outlet (no source, URL or feed: the BBC set) are
shown by the start of their title, but never counted as outlets: a story
of them is not "covered by two or more outlets", and its list rows carry
no story marker."""

from __future__ import annotations

from index.api import Library

from ..conftest import write_article

BODY = (
    "The harbour council in Valmora voted on Tuesday to close the northern terminal for repairs. "
    "Mayor Elena Brask said the closure would last six weeks.\n\n"
    "Shipping firms warned the Valmora terminal closure would delay cargo."
)


def test_a_story_of_articles_with_no_outlet_is_not_covered_by_several(tmp_path):
    write_article(tmp_path / "in", "a.txt", "Valmora harbour terminal to close for repairs", BODY)
    write_article(tmp_path / "in", "b.txt", "Valmora votes to shut northern terminal", BODY + " Unions objected.")
    library = Library.open(tmp_path / "lib", seed=False)
    try:
        added = library.add([str(tmp_path / "in")]).added
        assert len(added) == 2
        [story] = library.story_listing()
        assert story.count == 2 and story.outlets == ()
        assert library.story_listing(min_outlets=2) == []
        assert library.other_outlets(added) == {}
        assert all(summary.outlet.startswith("Valmora") for summary in library.summaries())  # shown by title
    finally:
        library.close()


def test_named_outlets_still_count(tmp_path):
    write_article(tmp_path / "in", "a.txt", "Valmora harbour terminal to close for repairs", BODY, source="Coast Gazette")
    write_article(tmp_path / "in", "b.txt", "Valmora votes to shut northern terminal", BODY + " Unions objected.",
                  source="Metro Herald")
    write_article(tmp_path / "in", "c.txt", "Valmora terminal closure approved", BODY + " Traders worried.")
    library = Library.open(tmp_path / "lib", seed=False)
    try:
        added = library.add([str(tmp_path / "in")]).added
        [story] = library.story_listing(min_outlets=2)
        assert sorted(story.outlets) == ["Coast Gazette", "Metro Herald"]
        markers = library.other_outlets(added)
        assert sorted(markers.values()) == [1, 1, 2]  # the unnamed one is covered by both named outlets
    finally:
        library.close()
