"""Fixes from a user trial of feeds: `feeds` alone lists them, refresh failures
name the feed once and the cause once, malformed feeds are refused, names stay
unique, a feed subscribed again gets its old articles back, and stored entry
links lose their tracking parameters. Network only to 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from index.feeds.errors import FeedError
from index.feeds.parse import parse_feed
from index.web.urls import without_tracking

from .test_refresh import cli, rss, serve_news
from .webserver import serve

TRUNCATED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Broken Wire</title>'
    b"<link>http://example.org/</link><item><title>Half a sto"
)


def recovered(link: str) -> bytes:
    """Malformed (cut off in the second item) but with one whole entry feedparser recovers."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Shaky Wire</title>'
        f"<item><title>Harbour council approves sea wall</title><link>{link}</link><guid>{link}</guid>"
        "<description>A short summary.</description></item><item><title>Cut off</tit"
    ).encode()


# --- 1. `feeds` alone ----------------------------------------------------------


def test_feeds_alone_lists_the_feeds(capsys, library_dir):
    code, out, err = cli(capsys, library_dir, "feeds")
    assert code == 0 and err == "" and "No feeds yet" in out
    with serve() as server:
        feed_url = serve_news(server)
        cli(capsys, library_dir, "feeds", "add", feed_url)
    code, out, err = cli(capsys, library_dir, "feeds")
    assert code == 0 and err == "" and "Coast Gazette" in out and feed_url in out
    code, out, err = cli(capsys, library_dir, "feeds", "--json")
    assert code == 0 and [feed["url"] for feed in json.loads(out)["feeds"]] == [feed_url]


# --- 2. refresh failures name the feed once and the cause once ------------------


def test_a_failed_refresh_names_the_feed_once_and_the_cause_once(capsys, library_dir):
    with serve() as server:
        server.add("/full.rss", rss("Daily Planet", []), "application/rss+xml")
        url = server.url("/full.rss")
        _, out, _ = cli(capsys, library_dir, "feeds", "add", "--json", url)
        feed_id = json.loads(out)["id"]
        server.add("/full.rss", b"not found", "text/plain", status=404)
        code, out, err = cli(capsys, library_dir, "refresh")
        assert code == 1
        (line,) = err.splitlines()
        assert line == f'newsreader: feed {feed_id} "Daily Planet" ({url}): the server answered 404 Not Found; check the address'
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        (result,) = json.loads(out)["feeds"]
        assert result["status"] == "error" and result["url"] == url and result["name"] == "Daily Planet"
        assert url not in result["error"] and result["error"].startswith("the server answered 404")
        assert {"id", "url", "status", "new", "error"} <= set(result)
        _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
        (feed,) = json.loads(out)["feeds"]
        assert feed["last_error"] == result["error"]


# --- 3. malformed feeds --------------------------------------------------------


def test_a_feed_cut_off_mid_item_is_not_readable():
    with pytest.raises(FeedError) as raised:
        parse_feed(TRUNCATED, url="http://127.0.0.1/broken.rss")
    message = str(raised.value)
    assert message.startswith("http://127.0.0.1/broken.rss is not a readable feed: ")
    assert message.endswith("; check the address") and "\n" not in message


def test_a_malformed_feed_with_whole_entries_keeps_them():
    feed = parse_feed(recovered("http://127.0.0.1/news/a.html"), url="http://127.0.0.1/shaky.rss")
    assert feed.title == "Shaky Wire"
    assert [entry.link for entry in feed.entries] == ["http://127.0.0.1/news/a.html"]


@pytest.mark.parametrize("body", [TRUNCATED, b"Sorry, this is plain text and not a feed at all."])
def test_feeds_add_refuses_a_malformed_feed_and_refresh_reports_it(capsys, library_dir, body):
    with serve() as server:
        server.add("/broken.rss", body, "application/rss+xml")
        url = server.url("/broken.rss")
        code, out, err = cli(capsys, library_dir, "feeds", "add", url)
        assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
        assert url in err and "check the address" in err and "not a" in err and "feed" in err
        _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
        assert json.loads(out)["feeds"] == []

        # Subscribed while it was fine, broken since: every refresh is an error.
        server.add("/broken.rss", rss("Once Fine", []), "application/rss+xml")
        _, out, _ = cli(capsys, library_dir, "feeds", "add", "--json", url)
        feed_id = json.loads(out)["id"]
        server.add("/broken.rss", body, "application/rss+xml")
        for failures in (1, 2):
            code, out, err = cli(capsys, library_dir, "refresh", "--json")
            assert code == 1
            (result,) = json.loads(out)["feeds"]
            assert result["status"] == "error" and result["new"] == 0 and url not in result["error"]
            assert result["error"].startswith("not a") and "check the address" in result["error"]
            _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
            (feed,) = json.loads(out)["feeds"]
            assert feed["id"] == feed_id and feed["last_status"] == "error" and feed["failures"] == failures


def test_a_malformed_feed_that_still_has_entries_keeps_working(capsys, library_dir):
    with serve() as server:
        serve_news(server)
        link = server.url("/news/harbour-wall.html")
        server.add("/shaky.rss", recovered(link), "application/rss+xml")
        code, out, err = cli(capsys, library_dir, "feeds", "add", "--json", server.url("/shaky.rss"))
        assert code == 0, err
        assert json.loads(out)["title"] == "Shaky Wire"
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        (result,) = json.loads(out)["feeds"]
        assert result["status"] == "ok" and result["new"] == 1 and result["error"] is None


# --- 4. unique names -----------------------------------------------------------


def test_renaming_to_another_feeds_name_is_refused(capsys, library_dir):
    with serve() as server:
        server.add("/a.rss", rss("Alpha Wire", []), "application/rss+xml")
        server.add("/b.rss", rss("Beta Wire", []), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", server.url("/a.rss"))
        cli(capsys, library_dir, "feeds", "add", server.url("/b.rss"))
    code, out, err = cli(capsys, library_dir, "feeds", "rename", "Beta Wire", "alpha", "wire")
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "already named 'Alpha Wire'" in err and "choose another name" in err
    _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
    assert [feed["title"] for feed in json.loads(out)["feeds"]] == ["Alpha Wire", "Beta Wire"]
    # Its own name, in other letters, and a new one are fine; --source sets the outlet.
    code, out, err = cli(capsys, library_dir, "feeds", "rename", "Beta Wire", "BETA", "WIRE")
    assert code == 0, err
    code, out, err = cli(capsys, library_dir, "feeds", "rename", "--json", "--source", "Beta Ltd", "f2", "Gamma")
    assert code == 0, err
    renamed = json.loads(out)
    assert renamed["title"] == "Gamma" and renamed["source"] == "Beta Ltd"


def test_rename_help_says_the_outlet_of_existing_articles_stays(capsys):
    from .conftest import run_cli

    with pytest.raises(SystemExit):
        run_cli(capsys, "feeds", "rename", "--help")
    out = capsys.readouterr().out
    assert "outlet" in " ".join(out.split()) and "--source" in out


# --- 5. subscribing again ------------------------------------------------------


def test_a_feed_subscribed_again_gets_its_old_articles_back(capsys, library_dir):
    with serve() as server:
        feed_url = serve_news(server)
        server.add("/other.xml", rss("Other Wire", []), "application/rss+xml")
        cli(capsys, library_dir, "feeds", "add", feed_url)
        _, out, _ = cli(capsys, library_dir, "refresh", "--json")
        first = json.loads(out)["added"]
        assert len(first) == 2
        cli(capsys, library_dir, "star", first[0])
        cli(capsys, library_dir, "read", first[1])
        cli(capsys, library_dir, "feeds", "remove", "f1")

        # Another feed carrying one of the stories first: it takes that one, never the other's.
        title, author = "Harbour council approves sea wall", "Maria Olsen"
        server.add("/other.xml", rss("Other Wire", [(title, server.url("/news/harbour-wall.html"), author)]),
                   "application/rss+xml")  # fmt: skip
        cli(capsys, library_dir, "feeds", "add", server.url("/other.xml"))
        cli(capsys, library_dir, "refresh", "f2")

        _, out, _ = cli(capsys, library_dir, "feeds", "add", "--json", feed_url)
        again = json.loads(out)["id"]
        assert again == "f3"
        code, out, err = cli(capsys, library_dir, "refresh", "--json", again)
        assert code == 0, err
        report = json.loads(out)
        assert report["added"] == [] and report["feeds"][0]["new"] == 0 and report["feeds"][0]["reattached"] == 1
        code, out, err = cli(capsys, library_dir, "refresh", again)
        assert code == 0, err

    _, out, _ = cli(capsys, library_dir, "feeds", "list", "--json")
    counts = {feed["id"]: feed["articles"] for feed in json.loads(out)["feeds"]}
    assert counts == {"f2": 1, "f3": 1}
    _, out, _ = cli(capsys, library_dir, "list", "--json")
    feeds = {article["id"]: article for article in json.loads(out)["articles"] if article["id"] in first}
    assert {article["feed"] for article in feeds.values()} == {"Other Wire", "Coast Gazette"}
    # Flags kept.
    assert feeds[first[0]]["starred"] and feeds[first[1]]["read"]
    _, out, _ = cli(capsys, library_dir, "search", "--json", "feed:f3")
    found = json.loads(out)
    (hit,) = {result["id"] for result in found["hits"]}
    assert found["total"] == 1 and feeds[hit]["feed"] == "Coast Gazette"


# --- 6. entry links without tracking parameters ------------------------------


def test_without_tracking_keeps_everything_else():
    assert without_tracking("http://h/school.html?utm_source=rss&utm_medium=feed") == "http://h/school.html"
    assert without_tracking("http://www.H/a?id=3&fbclid=x&b=2#part") == "http://www.H/a?id=3&b=2#part"
    assert without_tracking("https://h/a?b=2&a=1") == "https://h/a?b=2&a=1"
    assert without_tracking("not a url?utm_source=x") == "not a url?utm_source=x"


def test_an_article_from_the_feeds_own_text_is_stored_without_tracking_parameters(capsys, library_dir):
    with serve() as server:
        link = server.url("/school.html") + "?id=7&utm_source=rss&utm_medium=feed"
        body = "".join(f"<p>Paragraph {n} about the new school building and its opening.</p>" for n in range(3))
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>School News</title>'
            f"<item><title>School opens</title><link>{link.replace('&', '&amp;')}</link>"
            f"<description>{body.replace('<', '&lt;').replace('>', '&gt;')}</description></item></channel></rss>"
        ).encode()
        server.add("/school.xml", feed, "application/rss+xml")
        server.add("/school.html", b"gone", "text/plain", status=404)
        cli(capsys, library_dir, "feeds", "add", server.url("/school.xml"))
        code, out, err = cli(capsys, library_dir, "refresh", "--json")
        assert code == 0, err
        (article_id,) = json.loads(out)["added"]
        _, out, _ = cli(capsys, library_dir, "show", "--json", article_id)
        assert json.loads(out)["url"] == server.url("/school.html") + "?id=7"
