"""The `feeds` and `refresh` commands: subscribe, list, unsubscribe, fetch new entries."""

from __future__ import annotations

import argparse
import json
import sys

from rich.text import Text

from index.api import Library

from .errors import EXIT_ERROR, EXIT_OK, CommandError, report_error
from .output import console, line


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
            (f"{info.articles} article(s), {info.unread} unread, {refreshed}", "dim"),
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


FEEDS_ACTIONS = {"add": _feeds_add, "list": _feeds_list, "remove": _feeds_remove}


def cmd_feeds(args: argparse.Namespace) -> int:
    library = Library.open(args.library)
    return FEEDS_ACTIONS[args.action](library, args)


def cmd_refresh(args: argparse.Namespace) -> int:
    library = Library.open(args.library)
    report = library.refresh_feeds(args.feeds)
    if args.json:
        _print_json(report.to_json())
    else:
        for result in report.feeds:
            if result.status == "ok":
                console.print(Text.assemble((result.id, "bold"), f"  {result.new} new  ", line(result.url, "dim")))
            elif result.status == "not-modified":
                console.print(Text.assemble((result.id, "bold"), "  unchanged  ", line(result.url, "dim")))
        console.print(
            Text.assemble("Added ", (str(len(report.added)), "bold"), f" article(s); {report.duplicates} duplicate(s)"),
            soft_wrap=True,
        )
    for failed in report.failed:
        report_error(f"feed {failed.id} ({failed.url}): {failed.error}")
    return EXIT_ERROR if report.failed else EXIT_OK
