"""Near duplicates: wire copy republished by other outlets with small edits is
paired (not merged), other reports of the same event are not, and the pairs
follow adds and removals on disk."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from index.api import ArticleNotFound, Library
from index.article import Article
from index.dupes import connection as dupes_file
from index.dupes import dupes_path, record_added, unrecorded
from index.dupes import store as dupes_store
from index.dupes.lsh import MIN_SHINGLES, band_keys
from index.dupes.minhash import NUM_HASHES, signature, similarity
from index.dupes.shingles import jaccard, shingles

WIRE = [
    "The port authority of Valmora said on Tuesday it would close its northern container terminal for six weeks "
    "from March to repair storm damage, diverting about 40 ships a week to the smaller harbour at Castel Rin.",
    "The closure follows January's storms, which tore away part of the breakwater and flooded two warehouses. "
    "Engineers found cracks in the quay wall that could not be fixed while cranes were working, the authority said.",
    "\"We would rather lose six weeks now than a terminal next winter,\" said Ilse Marrow, the authority's chief "
    "executive, at a news conference in the city. \"Every shipping line has been told, and most have already "
    "rebooked their calls.\"",
    "Shipping lines said the diversion would add a day to some routes. The Castel Rin harbour handles about a "
    "third of Valmora's traffic and will open at night for the first time since it was built in 1974.",
    "Freight forwarders warned that rates for goods bound for the inland markets could rise by as much as 15 "
    "percent while the terminal is shut, because trucks will have to travel an extra 90 kilometres.",
    "The repair is expected to cost 120 million euros, two thirds of it paid by the regional government and the "
    "rest by the authority from its reserves, according to figures released with the announcement.",
    "Dock workers' unions said they had been promised that no jobs would be lost and that staff would be moved to "
    "Castel Rin on their current pay, with transport laid on from the city every morning.",
    "The northern terminal was last closed in 2009, for three weeks, after a fire in a grain store. It handled "
    "1.2 million containers last year, a record, and had been due for an upgrade of its cranes in 2027.",
]

REWRITE = (  # the same event in another outlet's own words, sharing its quote and figures
    "Valmora's busiest container terminal is to shut for six weeks this spring after January's storms left its "
    "quay wall cracked and its breakwater broken, port bosses announced yesterday.\n\n"
    "Ships will be sent instead to Castel Rin, a harbour a third of the size that will now have to work through "
    "the night. Around 40 vessels a week are affected.\n\n"
    "Chief executive Ilse Marrow told reporters: \"We would rather lose six weeks now than a terminal next "
    "winter.\" She insisted that shipping companies had been warned well in advance.\n\n"
    "Hauliers are less relaxed. Longer truck journeys to the inland markets could push freight rates up by "
    "15 percent, one forwarding agent said, and smaller importers fear they will bear the brunt.\n\n"
    "The bill, put at 120 million euros, will be shared between the regional government and the port. Unions "
    "say they have been assured there will be no redundancies."
)


def wire_copy(*, cut_last: bool = True, dateline: str = "VALMORA (Reuters) - ") -> str:
    """The wire story as another outlet runs it: a dateline, a few words
    changed, the last paragraph cut, a closing line added."""
    paragraphs = list(WIRE[:-1] if cut_last else WIRE)
    paragraphs[0] = dateline + paragraphs[0].replace("said on Tuesday", "says")
    paragraphs[4] = paragraphs[4].replace("percent", "per cent")
    paragraphs.append("Additional reporting by staff in Castel Rin.")
    return "\n\n".join(paragraphs)


def article(article_id: str, title: str, body: str, source: str, day: int) -> Article:
    return Article(article_id, title, body, source=source, published=datetime(2026, 3, day, 9, tzinfo=timezone.utc))


def original() -> Article:
    return article("wire-original", "Valmora port to shut northern terminal for storm repairs", "\n\n".join(WIRE),
                   "Reuters", 3)


def copy(article_id: str = "herald-copy", source: str = "Metro Herald", day: int = 4, **edits) -> Article:
    return article(article_id, "Storm-hit Valmora terminal to close for six weeks", wire_copy(**edits), source, day)


def add(library: Library, *articles: Article) -> list[str]:
    return library._core.add_articles(list(articles)).added


@pytest.fixture
def lib(tmp_path):
    from index.library import Library as Core

    library = Library(Core.open(tmp_path / "library", seed=False))
    yield library
    library.close()


def pair_rows(directory) -> int:
    with sqlite3.connect(dupes_path(directory)) as connection:
        return connection.execute("SELECT count(*) FROM pairs").fetchone()[0]


# -- shingles and signatures ---------------------------------------------------


def test_signature_estimates_the_shingle_resemblance():
    first, second = shingles("\n\n".join(WIRE)), shingles(wire_copy())
    exact = jaccard(first, second)
    estimate = similarity(signature(first), signature(second))
    assert 0.6 < exact < 0.95
    assert abs(estimate - exact) < 0.12
    assert jaccard(first, shingles(REWRITE)) < 0.1
    assert similarity(signature(first), signature(shingles(REWRITE))) < 0.2


def test_shingles_ignore_case_punctuation_and_spacing():
    assert shingles("The  port, said: \u201cno\u201d to the plan today") == shingles("the port said \"No\" to the plan today")
    assert shingles("too short to shingle") == set()


def test_signatures_are_stable_across_runs():
    """Signatures are stored: the same text must give the same values in every
    process and version (crc32, not `hash`), or old records stop matching."""
    sig = signature(shingles("\n\n".join(WIRE)))
    assert sig is not None and len(sig) == NUM_HASHES
    assert sig[:4] == (498475492, 355845598, 2433338701, 4073870236)
    assert band_keys(sig)[:2] == [-1592201102017220180, -4953174466835059792]


# -- the library ---------------------------------------------------------------


def test_republished_copy_is_found_with_its_outlet(lib):
    assert add(lib, original(), copy()) == ["wire-original", "herald-copy"]
    assert [s.id for s in lib.near_duplicates("wire-original")] == ["herald-copy"]
    assert [s.source for s in lib.near_duplicates("herald-copy")] == ["Reuters"]
    assert lib.also_published("wire-original") == ["Metro Herald"]
    assert lib.also_published("herald-copy") == ["Reuters"]
    assert lib.count() == 2  # kept as two articles, not merged


def test_copies_found_within_one_add_and_across_adds(lib):
    add(lib, original())
    add(lib, copy("herald-copy", "Metro Herald", 5), copy("post-copy", "Northern Post", 4, dateline="(AFP) - "))
    add(lib, copy("courier-copy", "Daily Courier", 6, cut_last=False, dateline="By Staff Reporter\n\n"))
    ids = [s.id for s in lib.near_duplicates("wire-original")]
    assert ids == ["post-copy", "herald-copy", "courier-copy"]  # first published first
    assert lib.also_published("wire-original") == ["Northern Post", "Metro Herald", "Daily Courier"]
    assert lib.also_published("post") == ["Reuters", "Metro Herald", "Daily Courier"]  # a unique prefix works


def test_own_outlet_and_repeats_are_left_out_of_also_published(lib):
    add(lib, original(), copy("herald-copy", "Metro Herald", 4), copy("herald-again", " metro  herald", 5,
                                                                       dateline="(AFP) - "))
    add(lib, copy("reuters-update", "Reuters", 6, dateline="UPDATE 1-"))
    assert len(lib.near_duplicates("wire-original")) == 3
    assert lib.also_published("wire-original") == ["Metro Herald"]


def test_other_reports_of_the_same_event_are_not_near_duplicates(lib):
    add(lib, original(), article("tribune-report", "Valmora terminal closure: hauliers fear price rises", REWRITE,
                                 "Tribune", 3))
    assert lib.near_duplicates("wire-original") == []
    assert lib.also_published("tribune-report") == []


def test_removing_an_article_forgets_its_pairs(lib):
    add(lib, original(), copy(), copy("post-copy", "Northern Post", 5, dateline="(AFP) - "))
    assert pair_rows(lib.directory) == 3
    assert lib.remove(["herald-copy"]) == ["herald-copy"]
    assert [s.id for s in lib.near_duplicates("wire-original")] == ["post-copy"]
    assert pair_rows(lib.directory) == 1
    with sqlite3.connect(dupes_path(lib.directory)) as connection:
        assert connection.execute("SELECT count(*) FROM signatures WHERE id = 'herald-copy'").fetchone()[0] == 0
        numbers = {row[0] for row in connection.execute("SELECT num FROM signatures")}
        assert {row[0] for row in connection.execute("SELECT DISTINCT num FROM bands")} == numbers


def test_exact_duplicates_are_still_merged(lib):
    add(lib, original())
    report = lib._core.add_articles([original()])
    assert report.added == [] and len(report.skipped) == 1
    assert lib.count() == 1
    assert lib.near_duplicates("wire-original") == []


def test_adding_again_is_idempotent(lib):
    add(lib, original(), copy())
    assert add(lib, original(), copy()) == []  # duplicates, skipped
    assert record_added(lib.directory, [original(), copy(), copy()])  # recorded again: replaced, not doubled
    assert pair_rows(lib.directory) == 1
    assert [s.id for s in lib.near_duplicates("wire-original")] == ["herald-copy"]


def test_short_articles_are_not_compared(lib):
    teaser = "Valmora port to close its northern terminal for six weeks."
    assert len(shingles(teaser)) < MIN_SHINGLES
    add(lib, article("teaser-1", "Port closure", teaser, "Reuters", 3),
        article("teaser-2", "Port closure", teaser + " More soon.", "Metro Herald", 3))
    assert lib.near_duplicates("teaser-1") == []


def test_unknown_article_is_a_library_error(lib):
    with pytest.raises(ArticleNotFound):
        lib.near_duplicates("nothing-like-it")


def test_articles_older_than_the_file_are_recorded_on_request(lib):
    add(lib, original(), copy(), article("teaser", "Port closure", "Valmora port to close for six weeks.", "Wire", 3))
    dupes_file.drop_writer(dupes_path(lib.directory).absolute())
    dupes_path(lib.directory).unlink()  # as in a library made before near duplicates
    assert lib.near_duplicates("wire-original") == []
    assert list(unrecorded(lib.directory, ["wire-original", "herald-copy"])) == ["wire-original", "herald-copy"]
    add(lib, copy("post-copy", "Northern Post", 5, dateline="(AFP) - "))
    assert list(unrecorded(lib.directory, ["wire-original", "post-copy", "teaser"])) == ["wire-original", "teaser"]
    seen: list[int] = []
    assert lib.record_near_duplicates(progress=seen.append) == 3  # the short teaser too, so it is not looked at again
    assert sum(seen) == 4
    assert [s.id for s in lib.near_duplicates("wire-original")] == ["herald-copy", "post-copy"]
    assert lib.record_near_duplicates() == 0
    assert pair_rows(lib.directory) == 3


# -- stories -------------------------------------------------------------------


def test_copies_from_other_outlets_share_a_story_as_separate_outlets(lib):
    add(lib, original(), copy(), article("tribune-report", "Valmora terminal closure: hauliers fear price rises",
                                         REWRITE, "Tribune", 3))
    story = lib.story_of("wire-original")
    assert story is not None and story == lib.story_of("herald-copy")
    choice = lib.coverage(article_id="wire-original")
    assert set(choice.articles) >= {"wire-original", "herald-copy"}
    sources = {lib.get(a).source for a in choice.articles}
    assert {"Reuters", "Metro Herald"} <= sources


# -- failures never cost an add ------------------------------------------------


def test_a_failure_to_record_does_not_lose_the_add(lib, monkeypatch):
    def broken(connection, entries):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(dupes_store, "record_batch", broken)
    assert add(lib, original()) == ["wire-original"]
    monkeypatch.setattr(dupes_store, "record_batch", lambda connection, entries: 1 / 0)  # a bug, not a disk
    assert add(lib, copy()) == ["herald-copy"]
    assert lib.count() == 2
    assert lib.near_duplicates("herald-copy") == []


def test_a_damaged_file_is_set_aside_and_started_afresh(lib):
    add(lib, original())
    path = dupes_path(lib.directory)
    dupes_file.drop_writer(path.absolute())
    path.write_bytes(b"this is not an SQLite database" * 100)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    assert lib.near_duplicates("wire-original") == []  # reading a damaged file finds nothing, no traceback
    assert add(lib, copy()) == ["herald-copy"]
    assert list(lib.directory.glob("dupes.sqlite3.damaged-*"))
    assert lib.near_duplicates("herald-copy") == []  # the original's record went with the damaged file
    add(lib, copy("post-copy", "Northern Post", 5, dateline="(AFP) - "))
    assert [s.id for s in lib.near_duplicates("post-copy")] == ["herald-copy"]


def test_check_is_unaffected_by_the_file(lib):
    from index.api import check_library

    add(lib, original(), copy())
    assert check_library(lib.directory).ok


def test_a_file_from_a_newer_version_is_left_alone(lib):
    add(lib, original())
    path = dupes_path(lib.directory)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    assert add(lib, copy()) == ["herald-copy"]
    assert not list(lib.directory.glob("dupes.sqlite3.damaged-*"))
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 99
        assert connection.execute("SELECT count(*) FROM signatures").fetchone()[0] == 1


def test_articles_signed_where_they_were_read_are_recorded_the_same(tmp_path):
    """A bulk add signs in its reader processes; the writer records what they made."""
    from index.dupes import sign
    from index.dupes.hooks import SIGNED

    plain, ahead = tmp_path / "plain", tmp_path / "ahead"
    plain.mkdir()
    ahead.mkdir()
    signed = [sign(original()), sign(copy())]
    assert all(SIGNED in a.extra for a in signed)
    signed[1].id = "herald-copy-2"  # a clash settled after signing: recorded under the id it took
    assert record_added(plain, [original(), copy("herald-copy-2")]) and record_added(ahead, signed)
    assert not any(SIGNED in a.extra for a in signed)  # nothing of it stays with the article
    query = "SELECT id, shingles, signature FROM signatures ORDER BY num"
    with sqlite3.connect(dupes_path(plain)) as first, sqlite3.connect(dupes_path(ahead)) as second:
        rows = second.execute(query).fetchall()
        assert first.execute(query).fetchall() == rows
    assert [row[0] for row in rows] == ["wire-original", "herald-copy-2"]
    assert pair_rows(plain) == pair_rows(ahead) == 1
