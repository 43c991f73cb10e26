"""Feeds: `feeds add|list|remove` and `refresh`, against a local server on
127.0.0.1 (never the internet): full text fetched once per entry, conditional
GET, one article per story however many feeds carry it, a broken feed beside
a good one."""

from __future__ import annotations

import json
from html import escape

import pytest

from .conftest import run_cli
from .hostile import ESC_CLEAR, MARKUP_TITLE, assert_terminal_safe
from .webserver import serve

ETAG = '"feed-v1"'

STORIES = {
    "harbour-wall": ("Harbour council approves sea wall", "Maria Olsen", "the northern quay flooded twice"),
    "rail-strike": ("Rail workers call off the strike", "Tom Baker", "the union accepted a pay offer"),
}


def story_page(title: str, detail: str) -> bytes:
    paragraphs = "".join(
        f"<p>{escape(title)}: {detail}, and officials gave details number {n} in a long statement "
        f"that explained the decision, its cost and the timetable to residents.</p>"
        for n in range(6)
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<meta property='og:title' content='{escape(title)}'></head>"
        f"<body><nav>Home News</nav><article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed whose items carry only a one-line summary (so auto fetches full text)."""
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<author>{escape(author)}</author><pubDate>Fri, 04 Jul 2025 09:30:00 +0000</pubDate>"
        f"<description>A short summary.</description></item>"
        for t, link, author in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://example.org/</link>{body}</channel></rss>"
    ).encode()


def conditional(body: bytes, content_type: str = "application/rss+xml"):
    def handle(request) -> None:
        if request.headers.get("if-none-match") == ETAG:
            request.respond(304, b"", {"ETag": ETAG})
        else:
            request.respond(200, body, {"Content-Type": content_type, "ETag": ETAG})

    return handle


def cli(capsys, library_dir, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--library", str(library_dir), *args)


def serve_news(server, feed_title: str = "Coast Gazette") -> str:
    for slug, (title, _, detail) in STORIES.items():
        server.add(f"/news/{slug}.html", story_page(title, detail))
    items = [(title, server.url(f"/news/{slug}.html"), author) for slug, (title, author, _) in STORIES.items()]
    server.routes["/feed.xml"] = conditional(rss(feed_title, items))
    return server.url("/feed.xml")


def test_feeds_add_a_feed_or_a_page_linking_one_and_not_a_page_without(capsys, library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        server.add(
            "/home.html",
            '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
            "</head><body><p>Home</p></body></html>".encode(),
        )
        server.add("/plain.html", b"<html><head><title>x</title></head><body><p>No feed here.</p></body></html>")
        code, out, err = cli(capsys, library_dir, "feeds", "add", "--json", feed_url)
        assert code == 0, err
        added = json.loads(out)
        assert added["title"] == "Coast Gazette" and added["url"] == feed_url
        code, out, err = cli(capsys, library_dir, "feeds", "add", server.url("/home.html"))
        assert code == 1 and "already subscribed" in err and err.count("\n") == 1
        cli(capsys, library_dir, "feeds", "remove", added["id"])
        code, out, err = cli(
            capsys, library_dir, "feeds", "add", "--json", "--source", "Gazette", server.url("/home.html")
        )
        assert code == 0, err
        assert json.loads(out)["url"] == feed_url and json.loads(out)["source"] == "Gazette"
        code, out, err = cli(capsys, library_dir, "feeds", "add", server.url("/plain.html"))
        assert code == 1 and "page with no feed link; give the feed's address" in err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_refresh_indexes_each_entry_once_with_outlet_date_and_url(capsys, library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        cli(capsys, library_dir, "feeds", "add", feed_url)
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert len(report["added"]) == 2 and report["duplicates"] == 0
        assert report["feeds"][0]["status"] == "ok" and report["feeds"][0]["new"] == 2
        for article_id in report["added"]:
            _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
            article = json.loads(out)
            assert article["source"] == "Coast Gazette"
            assert article["published"].startswith("2025-07-04")
            slug = next(s for s, (title, _, _) in STORIES.items() if title == article["title"])
            assert article["url"] == server.url(f"/news/{slug}.html")
            assert "number 5 in a long statement" in article["body"]  # the page's full text
            assert article["author"] == STORIES[slug][1]
        pages = [r for r in server.requests if r.path.startswith("/news/")]
        assert len(pages) == 2

        code, out, _ = cli(capsys, library_dir, "refresh", "--json")
        again = json.loads(out)
        assert code == 0 and again["added"] == [] and [f["status"] for f in again["feeds"]] == ["not-modified"]
        assert len([r for r in server.requests if r.path.startswith("/news/")]) == 2

        code, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
        (feed,) = json.loads(out)["feeds"]
        assert feed["articles"] == 2 and feed["unread"] == 2 and feed["last_status"] == "not-modified"
        assert set(feed) == {
            "id",
            "url",
            "title",
            "source",
            "articles",
            "unread",
            "last_refresh",
            "last_status",
            "last_error",
            "failures",
            "failing",
        }

        code, out, _ = cli(capsys, library_dir, "feeds", "remove", "coast")
        assert code == 0
        _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
        assert json.loads(out)["feeds"] == []
        for article_id in report["added"]:
            assert cli(capsys, library_dir, "show", "--json", article_id)[0] == 0


def test_an_entry_in_a_second_feed_under_a_tracking_url_is_not_added_twice(capsys, library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        title, author, _ = STORIES["harbour-wall"]
        tracked = server.url("/news/harbour-wall.html") + "?utm_source=x"
        server.add("/other.xml", rss("Other Wire", [(title, tracked, author)]), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", feed_url)
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert len(json.loads(out)["added"]) == 2
        cli(capsys, library_dir, "feeds", "add", server.url("/other.xml"))
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["added"] == []
        assert not [r for r in server.requests if "utm_source" in r.path]


def test_a_broken_feed_beside_a_good_one(capsys, library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        server.add("/broken.xml", rss("Broken", []), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", feed_url)
        code, out, err = cli(capsys, library_dir, "feeds", "add", "--json", server.url("/broken.xml"))
        broken_id = json.loads(out)["id"]
        server.add("/broken.xml", b"\x00\x01 this is not a feed at all", "application/rss+xml")
        server.add("/gone.xml", rss("Gone", []), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", server.url("/gone.xml"))
        server.add("/gone.xml", b"not found", "text/plain", status=404)
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 1
        report = json.loads(out)
        assert len(report["added"]) == 2
        statuses = {f["url"]: f["status"] for f in report["feeds"]}
        assert statuses == {feed_url: "ok", server.url("/broken.xml"): "error", server.url("/gone.xml"): "error"}
        lines = err.splitlines()
        assert len(lines) == 2 and "Traceback" not in err
        assert any(broken_id in line and "broken.xml" in line for line in lines)
        assert any("gone.xml" in line and "404" in line for line in lines)
        _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
        errors = {f["url"]: f["last_error"] for f in json.loads(out)["feeds"]}
        assert errors[feed_url] is None and errors[server.url("/gone.xml")]


def test_hostile_entry_titles_stay_literal(capsys, library_dir):
    hostile = f"{MARKUP_TITLE} {ESC_CLEAR}\u202e"
    with serve() as server:
        server.add("/evil.html", story_page(hostile, "a detail"))
        feed = rss(f"Feed {MARKUP_TITLE}\x1b]0;pwned\x07", [(hostile, server.url("/evil.html"), "Eve")])
        server.add("/evil.xml", feed, "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", server.url("/evil.xml"))
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        (article_id,) = json.loads(out)["added"]
        for args in (("list",), ("show", article_id), ("feeds", "list"), ("refresh",)):
            code, out, err = cli(capsys, library_dir, *args)
            assert code == 0, err
            assert_terminal_safe(out + err)
        _, out, _ = cli(capsys, library_dir, "list")
        assert MARKUP_TITLE in out
        _, out, _ = cli(capsys, library_dir, "feeds", "list")
        assert MARKUP_TITLE in out


def full_text_rss(title: str, count: int, base: str) -> bytes:
    """An RSS feed of `count` distinct entries carrying their full text (content:encoded)."""
    items = []
    for n in range(count):
        paragraphs = "".join(
            f"<p>Mayor Anna Lindqvist said on Tuesday that plan {n} for the harbour in Bergen would cost "
            f"{n + 2} million crowns, and the Norwegian Coastal Administration agreed to study part {k}.</p>"
            for k in range(9)
        )
        items.append(
            f"<item><title>Harbour plan {n} approved</title><link>{base}/plans/{n}.html</link>"
            f"<guid>plan-{n}</guid><pubDate>Wed, 02 Jul 2025 07:{n % 60:02d}:00 +0000</pubDate>"
            f"<description>Plan {n}.</description><content:encoded>{escape(paragraphs)}</content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>{base}/</link>{''.join(items)}</channel></rss>"
    ).encode()


@pytest.mark.parametrize("cores", [2, 1])
def test_many_full_text_entries_are_analysed_in_workers_and_need_no_page(capsys, library_dir, monkeypatch, cores):
    """70 entries, analysed in worker processes (with one core, by the
    writer), each with the analysis this process would give its text, the
    feed's date, and no page fetched (the entry carries the article)."""
    from index.analysis import analyse
    from index.library.adding import Writing

    count = 70
    monkeypatch.setattr("index.feeds.analysers.os.cpu_count", lambda: cores)
    arrived_analysed: list[bool] = []
    add_articles = Writing.add_articles

    def spy(self, articles, **kwargs):
        articles = list(articles)
        arrived_analysed.extend(article.analysis is not None for article in articles)
        return add_articles(self, articles, **kwargs)

    monkeypatch.setattr(Writing, "add_articles", spy)
    with serve() as server:
        server.routes["/plans.xml"] = conditional(full_text_rss("Bergen Post", count, server.url("")))
        cli(capsys, library_dir, "feeds", "add", server.url("/plans.xml"))
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        report = json.loads(out)
        assert len(report["added"]) == count and report["feeds"][0]["new"] == count
        assert not [r for r in server.requests if r.path.startswith("/plans/")]
        assert arrived_analysed == [cores > 1] * count
        for article_id in report["added"][:: count // 5]:
            _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
            article = json.loads(out)
            assert article["source"] == "Bergen Post" and article["published"].startswith("2025-07-02T07:")
            assert article["body"].count("\n\n") == 8 and "Anna Lindqvist" in article["body"]
            expected = analyse(article["body"], "builtin")
            assert [(e["start"], e["end"], e["label"]) for e in article["entities"]] == [
                (e.start, e.end, e.label) for e in expected.entities
            ]
            assert any(e["text"] == "Anna Lindqvist" and e["label"] == "PERSON" for e in article["entities"])
        _, out, _ = cli(capsys, library_dir, "search", "--json", "person:Lindqvist", "--limit", "100")
        assert json.loads(out)["total"] == count
        code, out, _ = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0 and json.loads(out)["feeds"][0]["status"] == "not-modified"


def test_a_refresh_of_unchanged_feeds_loads_neither_parser_nor_extractor(capsys, library_dir):
    """Start-up is most of a refresh that finds nothing new: feedparser is
    imported only for a feed that changed, trafilatura only to read a page."""
    import subprocess
    import sys

    from .conftest import ROOT

    with serve() as server:
        feed_url = serve_news(server)
        cli(capsys, library_dir, "feeds", "add", feed_url)
        assert cli(capsys, library_dir, "refresh")[0] == 0
        code = (
            "import sys\nfrom tui.cli import main\n"
            f"status = main(['refresh', '--json', '--library', {str(library_dir)!r}])\n"
            "print(status, 'feedparser' in sys.modules, 'trafilatura' in sys.modules, file=sys.stderr)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stderr.split()[-3:] == ["0", "False", "False"], done.stderr
    assert json.loads(done.stdout)["feeds"][0]["status"] == "not-modified"


def test_analysis_workers_are_forked_only_from_the_main_thread(monkeypatch):
    """An app refreshing from a worker thread forks nothing (its other
    threads may hold locks); the writer analyses instead."""
    import threading

    from index.feeds.analysers import Analysers

    monkeypatch.setattr("index.feeds.analysers.os.cpu_count", lambda: 2)

    with Analysers(None) as analysers:
        assert analysers.pool is not None
    assert analysers.pool is None
    pools = []

    def in_thread() -> None:
        with Analysers(None) as analysers:
            pools.append(analysers.pool)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert pools == [None]
