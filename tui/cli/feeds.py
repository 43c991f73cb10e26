"""The `feeds` and `refresh` commands: subscribe, list, rename, unsubscribe,
import and export OPML, fetch new entries."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.text import Text

from index.api import Library

from ..safe import safe
from ..wording import plural
from .errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE, CommandError, report_error
from .output import console, errors, line


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _feeds_add(library: Library, args: argparse.Namespace) -> int:
    if len(args.targets) != 1:
        raise CommandError("feeds add takes one URL: newsreader feeds add URL", 2)
    info = library.add_feed(args.targets[0], source=args.source, full_text=args.full_text)
    if args.json:
        _print_json(info.to_json())
    else:
        console.print(Text.assemble("Subscribed ", (info.id, "bold"), " ", line(info.name)), soft_wrap=True)
    return EXIT_OK


def _feeds_list(library: Library, args: argparse.Namespace) -> int:
    if args.targets:
        raise CommandError("feeds list takes no arguments", 2)
    feeds = library.feeds()
    if args.json:
        _print_json({"feeds": [info.to_json() for info in feeds]})
        return EXIT_OK
    if not feeds:
        console.print("No feeds yet: newsreader feeds add URL")
    for info in feeds:
        refreshed = info.last_refresh.strftime("%Y-%m-%d %H:%M") if info.last_refresh else "never refreshed"
        row = Text.assemble(
            (info.id, "bold"), "  ", line(info.name), "  ",
            (f"{plural(info.articles, 'article')}, {info.unread} unread, {refreshed}", "dim"),
        )  # fmt: skip
        if info.source:
            row.append_text(Text.assemble("  source: ", line(info.source)))
        if info.last_error:
            row.append_text(Text.assemble("  ", ("error:", "red"), " ", line(info.last_error)))
        console.print(row, soft_wrap=True)
        console.print(Text.assemble("    ", line(info.url, "dim")), soft_wrap=True)
    return EXIT_OK


def _feeds_remove(library: Library, args: argparse.Namespace) -> int:
    if len(args.targets) != 1:
        raise CommandError("feeds remove takes one feed: its id, URL or title", 2)
    info = library.remove_feed(args.targets[0])
    if args.json:
        _print_json({"removed": info.id})
    else:
        console.print(Text.assemble("Removed feed ", (info.id, "bold"), " ", line(info.name), "; its articles stay"))
    return EXIT_OK


def _feeds_rename(library: Library, args: argparse.Namespace) -> int:
    info = library.rename_feed(args.targets[0], " ".join(args.name), source=getattr(args, "source", None))
    if args.json:
        _print_json(info.to_json())
    else:
        console.print(Text.assemble("Renamed feed ", (info.id, "bold"), " to ", line(info.name)), soft_wrap=True)
    return EXIT_OK


def _feeds_import(library: Library, args: argparse.Namespace) -> int:
    report = library.import_opml(args.targets[0])
    if args.json:
        _print_json(report.to_json())
    else:
        for feed in report.added:
            console.print(Text.assemble(("added", "green"), "    ", (feed.feed or "", "bold"), "  ",
                                        line(feed.title or feed.url), "  ", line(feed.url, "dim")), soft_wrap=True)
        for feed in report.skipped:
            console.print(Text.assemble(("skipped", "yellow"), "  ", line(feed.url), "  ", line(feed.reason, "dim")),
                          soft_wrap=True)
        for feed in report.failed:
            errors.print(Text.assemble(("failed", "red"), "   ", line(feed.url), ": ", line(feed.reason)), soft_wrap=True)
        console.print(Text.assemble(
            "Subscribed to ", (plural(len(report.added), "feed"), "bold"),
            f"; {len(report.skipped)} already subscribed; {len(report.failed)} could not be added."
            + (" `newsreader refresh` fetches their articles." if report.added else ""),
        ), soft_wrap=True)
    return EXIT_ERROR if report.failed else EXIT_OK


def _feeds_export(library: Library, args: argparse.Namespace) -> int:
    if args.targets:
        raise CommandError("feeds export takes no arguments; it prints OPML: newsreader feeds export > feeds.opml",
                           EXIT_USAGE)
    # XML-escaped already; safe() also drops any control character a title kept.
    sys.stdout.write(safe(library.export_opml()))
    return EXIT_OK


FEEDS_ACTIONS = {
    "add": _feeds_add, "list": _feeds_list, "remove": _feeds_remove, "rename": _feeds_rename,
    "import": _feeds_import, "export": _feeds_export,
}


def cmd_feeds(args: argparse.Namespace) -> int:
    library = Library.open(args.library, seed=False)
    # `newsreader feeds` alone (what error messages point to) lists the feeds.
    action = getattr(args, "action", None) or "list"
    if action not in FEEDS_ACTIONS:
        raise CommandError(f"unknown feeds action {action!r}; choose one of {', '.join(FEEDS_ACTIONS)}", EXIT_USAGE)
    if getattr(args, "targets", None) is None:
        args.targets = []
    return FEEDS_ACTIONS[action](library, args)


def failure_line(result: Any) -> str:
    """One refresh failure: the feed by its name (and address) once, the cause once."""
    if result.name and result.name != result.url:
        return f"feed {result.id} \"{result.name}\" ({result.url}): {result.error}"
    return f"feed {result.id} ({result.url}): {result.error}"


def cmd_refresh(args: argparse.Namespace) -> int:
    library = Library.open(args.library, seed=False)
    report = library.refresh_feeds(args.feeds)
    if args.json:
        _print_json(report.to_json())
    else:
        for result in report.feeds:
            if result.status == "ok":
                counts = f"  {result.new} new  "
                if result.reattached:
                    counts += f"{plural(result.reattached, 'earlier article')} reattached  "
                console.print(Text.assemble((result.id, "bold"), counts, line(result.url, "dim")))
            elif result.status == "not-modified":
                console.print(Text.assemble((result.id, "bold"), "  unchanged  ", line(result.url, "dim")))
        console.print(
            Text.assemble("Added ", (plural(len(report.added), "article"), "bold"), f"; {plural(report.duplicates, 'duplicate')}"),
            soft_wrap=True,
        )
    for failed in report.failed:
        report_error(failure_line(failed))
    return EXIT_ERROR if report.failed else EXIT_OK
