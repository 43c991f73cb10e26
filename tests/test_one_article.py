"""One article, however it arrives: URLs compared normalised, canonical and
AMP pages followed to one page, a page the library holds skipped before it is
fetched, and every added article tracked (unread) until it is removed. Pages
come from the local server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from index.api import Library
from index.article import Article
from index.state import StateDB, article_for_url, article_urls, remember_url, set_read
from index.state.urls import track_added
from index.web.pages import AlreadyHeld, is_amp_page, load_page
from index.web.urls import is_amp_url, normalize_url

from .conftest import SEED_IDS, run_cli, write_article
from .test_refresh import rss
from .webserver import news_page, serve


def cli(capsys, library_dir, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--library", str(library_dir), *args)


def add_json(capsys, library_dir, *urls: str) -> dict:
    code, out, err = cli(capsys, library_dir, "add", "--json", *urls)
    assert "Traceback" not in err
    return json.loads(out)


def fetches(server, path: str) -> int:
    return len(server.seen(path))


# -- comparing URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.example.org/world/story-123",
        "https://example.org:443/world/story-123/",
        "https://example.org/world/story-123#comments",
        "https://example.org/world/story-123?utm_source=rss&utm_medium=feed&utm_campaign=x",
        "https://example.org/world/story-123?fbclid=a&gclid=b&gclsrc=aw.ds&gad_source=1&msclkid=c",
        "https://example.org/world/story-123?mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc&_hsenc=4&_hsmi=5",
        "https://example.org/world/story-123?hsa_cam=1&hsa_acc=2&fb_action_ids=3&fb_ref=4&guccounter=1",
        "https://example.org/world/story-123?guce_referrer=x&soc_src=y&s_kwcid=z&_openstat=w&wt.mc_id=v",
        "https://amp.example.org/world/story-123",
        "https://example.org/amp/world/story-123",
        "https://example.org/world/story-123.amp",
        "https://example.org/world/story-123?amp=1",
    ],
)
def test_variants_of_one_page_compare_equal(variant):
    assert normalize_url(variant) == "https://example.org/world/story-123"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/read?id=1", "https://example.org/read?id=2"),
        ("https://example.org/?p=41", "https://example.org/?p=42"),
        ("https://example.org/list?page=2", "https://example.org/list?page=3"),
        ("https://example.org/watch?v=abc", "https://example.org/watch?v=abd"),
        ("https://example.org/a?ref=main", "https://example.org/a?ref=dev"),
        ("https://example.org/#!/story/1", "https://example.org/#!/story/2"),  # hashbang pages
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org/a", "https://example.net/a"),
    ],
)
def test_meaningful_parts_are_kept(one, other):
    assert normalize_url(one) != normalize_url(other)
    assert normalize_url(normalize_url(one)) == normalize_url(one)


def test_amp_addresses_and_amp_markup():
    for url in (
        "https://amp.example.org/a",
        "https://example.org/amp/a",
        "https://example.org/a/amp",
        "https://example.org/a.amp.html",
        "https://example.org/a?amp",
        "https://example.org/a?outputType=amp",
    ):
        assert is_amp_url(url), url
    for url in (
        "https://example.org/lamp",
        "https://example.org/ampersand",
        "https://example.org/a?p=amp",
        "https://example.org/a?outputType=print",
        "https://example.org/camp.html",
    ):
        assert not is_amp_url(url), url
    plain = "https://example.org/a"
    assert is_amp_page("<!doctype html><html amp lang='en'><body>", plain)
    assert is_amp_page("<!-- hi --><HTML lang=en ⚡><body>", plain)
    assert is_amp_page('<html amp=""><body>', plain)
    assert not is_amp_page('<html class="amp" data-x="amp y"><body>', plain)
    assert not is_amp_page("<html lang='en'><body><p>amp</p>", plain)


# -- a page the library holds is skipped --------------------------------------------


def test_a_url_added_twice_is_skipped_with_the_article_holding_it(capsys, library_dir):
    with serve() as server:
        url = server.url("/news/quay.html")
        first = add_json(capsys, library_dir, url)
        (article_id,) = first["added"]
        again = add_json(capsys, library_dir, url)
        assert fetches(server, "/news/quay.html") == 1  # skipped before fetching
        # A tracking-parameter and fragment variant is the same page.
        variant = add_json(capsys, library_dir, url + "?utm_source=x&fbclid=y#frag")
        assert fetches(server, "/news/quay.html") == 1
        code, out, err = cli(capsys, library_dir, "add", url)
    assert again["added"] == [] and again["failed"] == []
    assert again["skipped"] == [{"path": url, "reason": f"already in the library as {article_id}"}]
    assert variant["skipped"][0]["reason"] == f"already in the library as {article_id}"
    assert code == 0 and f"already in the library as {article_id}" in out and "Traceback" not in err


def test_one_page_given_twice_in_one_add_is_fetched_once(capsys, library_dir):
    with serve() as server:
        url = server.url("/news/quay.html")
        report = add_json(capsys, library_dir, url, url + "#top")
        assert fetches(server, "/news/quay.html") == 1
    assert len(report["added"]) == 1
    assert report["skipped"] == [{"path": url + "#top", "reason": f"the same page as {url}, given before it"}]


def test_progress_counts_every_url_given(library_dir):
    done: list[int] = []
    library = Library.open(library_dir)
    try:
        with serve() as server:
            url = server.url("/news/quay.html")
            report = library.add([url, url + "?utm_campaign=x", server.url("/missing")], progress=done.append)
    finally:
        library.close()
    assert (len(report.added), len(report.skipped), len(report.failed)) == (1, 1, 1)
    assert sum(done) == 3


def test_the_address_after_redirects_is_remembered(capsys, library_dir):
    with serve() as server:
        (article_id,) = add_json(capsys, library_dir, server.url("/news/moved-quay"))["added"]
        report = add_json(capsys, library_dir, server.url("/news/quay.html"))
        assert fetches(server, "/news/quay.html") == 1
    assert report["skipped"][0]["reason"] == f"already in the library as {article_id}"


def test_a_page_naming_a_canonical_page_the_library_holds_is_skipped(capsys, library_dir):
    with serve() as server:
        (article_id,) = add_json(capsys, library_dir, server.url("/news/quay.html"))["added"]
        # Another address (a print view, a syndicated copy) naming the same canonical page.
        server.add("/print/7", news_page("Quay reopens", "the print view", canonical="/news/quay.html"))
        report = add_json(capsys, library_dir, server.url("/print/7"))
    assert report["added"] == [] and report["skipped"][0]["reason"] == f"already in the library as {article_id}"


def test_a_page_keeps_its_text_under_its_canonical_url(capsys, library_dir):
    with serve() as server:
        server.add("/syndicated/9", news_page("Harbour opens", "the syndicated copy", canonical="/news/harbour.html"))
        (article_id,) = add_json(capsys, library_dir, server.url("/syndicated/9"))["added"]
        _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
        article = json.loads(out)
        assert article["url"] == server.url("/news/harbour.html")
        assert "the syndicated copy" in article["body"]
        assert fetches(server, "/news/harbour.html") == 0  # not an AMP page: the canonical is not fetched
        report = add_json(capsys, library_dir, server.url("/news/harbour.html"))
        assert fetches(server, "/news/harbour.html") == 0
    assert report["skipped"][0]["reason"] == f"already in the library as {article_id}"


# -- AMP pages ------------------------------------------------------------------


def test_an_amp_page_becomes_its_canonical_pages_article(capsys, library_dir):
    with serve() as server:
        (article_id,) = add_json(capsys, library_dir, server.url("/amp/news/quay.html"))["added"]
        _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
        article = json.loads(out)
        assert article["url"] == server.url("/news/quay.html")
        assert "the full story" in article["body"] and "the AMP story" not in article["body"]
        assert article["body"].count("officials gave details") == 6  # the canonical page's six paragraphs
        for again in ("/news/quay.html", "/amp/news/quay.html"):
            report = add_json(capsys, library_dir, server.url(again))
            assert report["skipped"][0]["reason"] == f"already in the library as {article_id}"
        assert fetches(server, "/amp/news/quay.html") == 1 and fetches(server, "/news/quay.html") == 1


def test_an_amp_page_whose_canonical_page_fails_keeps_its_own_text(capsys, library_dir):
    with serve() as server:
        (article_id,) = add_json(capsys, library_dir, server.url("/news/lost.amp.html"))["added"]
        assert fetches(server, "/news/lost.html") == 1  # tried once: a 404
        _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
    article = json.loads(out)
    assert "only the AMP page" in article["body"]
    assert article["url"] == server.url("/news/lost.html")


def test_amp_pages_naming_each_other_are_fetched_once_each(capsys, library_dir):
    with serve() as server:
        report = add_json(capsys, library_dir, server.url("/amp/ping.html"))
        assert fetches(server, "/amp/ping.html") == 1 and fetches(server, "/ping.html") == 1
    assert len(report["added"]) == 1 and report["failed"] == []


def test_load_page_alone_follows_amp_and_lists_every_address():
    """What feed refreshes call: no library, the same one page."""
    with serve() as server:
        article = load_page(server.url("/amp/news/quay.html"))
        assert isinstance(article, Article)
        assert article.url == server.url("/news/quay.html")
        assert article.extra["urls"] == [server.url("/amp/news/quay.html"), server.url("/news/quay.html")]
        held = load_page(
            server.url("/amp/news/quay.html"), known=lambda key: "quay" if key.endswith("/news/quay.html") else None
        )
        assert isinstance(held, AlreadyHeld) and held.article_id == "quay"
        assert fetches(server, "/amp/news/quay.html") == 1  # the held page was not fetched


# -- feeds and `add` share one record of URLs ---------------------------------------


def test_a_feed_entry_under_a_tracking_url_of_an_added_page_is_not_added_again(capsys, library_dir):
    with serve() as server:
        (article_id,) = add_json(capsys, library_dir, server.url("/news/quay.html"))["added"]
        link = server.url("/news/quay.html") + "?utm_source=rss&utm_medium=feed"
        server.add("/wire.xml", rss("Wire", [("Quay reopens", link, "Ann")]), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", server.url("/wire.xml"))
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        assert json.loads(out)["added"] == []
        assert fetches(server, "/news/quay.html") == 1
        code, out, _ = cli(capsys, library_dir, "list", "--json")
    titles = [a["title"] for a in json.loads(out)["articles"]]
    assert titles.count("Quay reopens") == 1


def test_a_page_a_feed_brought_in_is_skipped_by_add(capsys, library_dir):
    with serve() as server:
        server.add(
            "/wire.xml", rss("Wire", [("Quay reopens", server.url("/news/quay.html"), "Ann")]), "application/rss+xml"
        )
        cli(capsys, library_dir, "feeds", "add", server.url("/wire.xml"))
        _, out, _ = cli(capsys, library_dir, "refresh", "--json")
        (article_id,) = json.loads(out)["added"]
        report = add_json(capsys, library_dir, server.url("/news/quay.html") + "?fbclid=abc")
    assert report["skipped"][0]["reason"] == f"already in the library as {article_id}"


# -- tracking added and removed articles --------------------------------------------


def test_an_added_article_starts_unread_and_remove_forgets_it(tmp_path):
    write_article(
        tmp_path / "in",
        "tide.txt",
        "Tide tables change",
        "The harbour tide tables change on Monday.",
        url="https://example.org/tide",
    )
    library = Library.open(tmp_path / "library")
    try:
        (article_id,) = library.add([str(tmp_path / "in")]).added
        flags = library.flags([article_id])[article_id]
        assert not flags.read and not flags.starred
        assert article_id in library.unread_ids() and article_id not in library.starred_ids()
        library.mark_starred([article_id])
        assert library.remove([article_id]) == [article_id]
        assert article_id not in library.unread_ids() and library.starred_ids() == set()
        with StateDB(library.directory) as db:
            assert article_for_url(db, "https://example.org/tide") is None and article_urls(db, article_id) == []
        # Added again, it is new: unread and unstarred, not the removed one's flags.
        (again,) = library.add([str(tmp_path / "in")]).added
        assert library.flags([again])[again] == type(flags)(read=False, starred=False)
    finally:
        library.close()


def test_the_demo_library_tracks_its_seeds_as_read(library_dir):
    library = Library.open(library_dir)
    try:
        ids = [summary.id for summary in library.summaries()]
        with StateDB(library_dir) as db:
            tracked = {row[0] for row in db.connection().execute("SELECT id FROM articles WHERE read = 1")}
        assert ids and tracked == set(ids) and library.unread_ids() == set()
    finally:
        library.close()


def test_articles_from_before_the_state_database_stay_read(library_dir, tmp_path):
    (library_dir / "state.sqlite3").unlink()
    library = Library.open(library_dir)
    try:
        ids = [summary.id for summary in library.summaries()]
        assert library.unread_ids() == set() and all(f.read for f in library.flags(ids).values())
        write_article(tmp_path / "in", "new.txt", "New headline", "A new article's body text.")
        (added,) = library.add([str(tmp_path / "in")]).added
        assert library.unread_ids() == {added}
    finally:
        library.close()


def test_a_read_only_library_with_state_opens_and_searches(library_dir, monkeypatch):
    with StateDB(library_dir) as db:
        set_read(db, [SEED_IDS[4]], read=False)
    monkeypatch.setattr("index.library.locking.library_writable", lambda directory: False)
    monkeypatch.setattr("index.state.db.library_writable", lambda directory: False)
    library = Library.open(library_dir)
    try:
        assert library.read_only and library.search("Taliban").total > 0
        assert library.unread_ids() == {SEED_IDS[4]}  # read from the read-only state database
    finally:
        library.close()


def test_a_url_held_by_an_article_no_longer_in_the_library_is_added(capsys, library_dir):
    with StateDB(library_dir) as db:
        with serve() as server:
            remember_url(db, server.url("/news/quay.html"), "gone-article")
            report = add_json(capsys, library_dir, server.url("/news/quay.html"))
            (article_id,) = report["added"]
            assert article_for_url(db, server.url("/news/quay.html")) == article_id
            assert article_urls(db, "gone-article") == []


def test_tracking_a_large_add_is_one_transaction(tmp_path):
    """Thousands of added articles are tracked in one transaction, not one
    commit each (which is what made a large add wait; speed itself is the
    benchmarks' job, not a timed test's)."""
    urls = {
        f"article-{n}": [f"https://example.org/news/{n}?utm_source=x", f"https://amp.example.org/news/{n}"]
        for n in range(10_000)
    }
    with StateDB(tmp_path) as db:
        statements: list[str] = []
        db.connection().set_trace_callback(statements.append)
        track_added(db, urls)
        db.connection().set_trace_callback(None)
        assert article_for_url(db, "https://example.org/news/9999") == "article-9999"
    transactions = [s for s in statements if s.split()[0].upper() in {"BEGIN", "COMMIT"}]
    assert transactions == ["BEGIN IMMEDIATE", "COMMIT"]
