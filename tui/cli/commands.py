"""What each subcommand does: open the library through `index.api`, ask it
one thing, print the answer for people or (`--json`) for scripts.

Library errors are not caught here: `main` turns each into one line on
stderr and its documented exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from index.api import (
    CompareError,
    Library,
    analyse_bytes,
    check_engine,
    comparison_markdown,
    count_added_items,
    grouping_notice,
)

from ..safe import safe
from ..wording import plural
from .errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, CommandError, report_error
from .parser import STORY_ACTION_ARGS, STORY_USAGE
from .removing import cmd_remove

PROGRESS_FROM = 20
"""Adds of more files than this show a progress bar (in a terminal)."""
EXTRACT_MAX_BYTES = 64 * 1024 * 1024
"""`extract` reads at most this much: `/dev/zero` must not exhaust memory."""


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_add(args: argparse.Namespace) -> int:
    check_engine(args.engine)
    library = Library.open(args.library, engine=args.engine, seed=False)
    expected = count_added_items(args.paths)
    if args.json:  # no progress bar, nothing for Rich to print: not imported (about 40 ms)
        report = library.add(args.paths, source=args.source, date_order=args.date_order, on_stop=_stopping_notice)
        _print_json(report.to_json())
    else:
        from .output import add_progress, print_add_report, stopping_notice

        with add_progress(expected, enabled=expected > PROGRESS_FROM) as advance:
            report = library.add(
                args.paths, source=args.source, progress=advance, date_order=args.date_order, on_stop=stopping_notice
            )
        print_add_report(report, verbose=args.verbose)
    if report.interrupted:
        # Ctrl-C: what was done is committed; say how much, and exit as interrupted.
        report_error(f"interrupted; kept the {plural(len(report.added), 'article')} added before it")
        return EXIT_INTERRUPTED
    # Anything that could not be read is bad input: say so in the exit code,
    # after adding everything that could. So is an add that found nothing to add.
    nothing = not report.added and not report.skipped
    return EXIT_ERROR if report.failed or nothing else EXIT_OK


def _stopping_notice() -> None:
    from .output import stopping_notice

    stopping_notice()


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", EXIT_USAGE)
    library = Library.open(args.library, seed=False)
    results = library.search(" ".join(args.query), limit=args.limit, snippets=args.limit)
    if args.json:
        data = results.to_json()
        flags = library.flags(hit["id"] for hit in data["hits"])  # one query for the page of hits
        for hit in data["hits"]:
            hit.update(read=flags[hit["id"]].read, starred=flags[hit["id"]].starred)
        _print_json(data)
    else:
        from .output import print_search_results

        print_search_results(results)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    library = Library.open(args.library, seed=False)
    article = library.resolve(args.id)
    copies = library.near_duplicates(article.id)
    also = library.also_published(article.id)
    if args.json:
        data = article.to_json()
        data["also_published"] = also
        data["near_duplicates"] = [copy.id for copy in copies]
        _print_json(data)
    else:
        from .output import print_article

        print_article(article, also)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .flags import listed_articles, write_list_json

    # Streamed: at 100k articles the whole list is never held at once.
    listed = listed_articles(Library.open(args.library, seed=False), unread=args.unread, starred=args.starred)
    if args.json:
        write_list_json(listed, sys.stdout)
    else:
        from .output import print_summaries

        print_summaries((item.summary, item.marks) for item in listed)
    return EXIT_OK


def _read_input(file: str) -> tuple[bytes, str]:
    """The bytes of a file or of standard input ('-'), at most
    EXTRACT_MAX_BYTES of them, and a name for messages."""
    name = "standard input" if file == "-" else file
    try:
        if file == "-":
            data = sys.stdin.buffer.read(EXTRACT_MAX_BYTES + 1)
        else:
            with Path(file).open("rb") as handle:
                data = handle.read(EXTRACT_MAX_BYTES + 1)
    except OSError as error:
        raise CommandError(f"{name}: cannot be read ({error.strerror or error})") from error
    if len(data) > EXTRACT_MAX_BYTES:
        raise CommandError(f"{name}: is larger than {EXTRACT_MAX_BYTES // (1024 * 1024)} MB; extract takes plain text")
    return data, name


def cmd_extract(args: argparse.Namespace) -> int:
    data, name = _read_input(args.file)
    # Decoded and cleaned as ingest does: no escape sequence survives, and the
    # offsets point into the text printed with them.
    text, analysis = analyse_bytes(data, name, args.engine)
    if args.json:
        _print_json(analysis.to_json())
    else:
        from .output import print_analysis

        print_analysis(text, analysis)
    return EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", EXIT_USAGE)
    facets = Library.open(args.library, seed=False).facets(limit=args.limit)
    if args.json:
        _print_json({label.lower(): [f.to_json() for f in items] for label, items in facets.items()})
    else:
        from .output import print_facets

        print_facets(facets)
    return EXIT_OK


def _group_stories(library: Library, quiet: bool) -> None:
    """Group the articles no story lists yet, saying so first if it takes a while."""
    waiting = library.ungrouped()
    if not waiting:
        return
    notice = grouping_notice(waiting)
    if notice and not quiet:
        sys.stderr.write(safe(notice) + "\n")
    library.group_stories()


def cmd_compare(args: argparse.Namespace) -> int:
    if args.json and args.markdown:
        raise CommandError("choose one of --json and --markdown", EXIT_USAGE)
    library = Library.open(args.library, seed=False)
    ids = _compared_ids(library, args)
    articles = [library.resolve(article_id).id for article_id in ids]
    try:
        comparison = library.compare(articles)
    except CompareError as error:  # listed twice, too many: the user's call to fix
        raise CommandError(str(error), EXIT_USAGE) from error
    if args.json:
        _print_json(comparison.to_json())
    elif args.markdown:
        sys.stdout.write(safe(comparison_markdown(comparison)))
    else:
        from .compare_output import print_comparison

        print_comparison(comparison)
    return EXIT_OK


def _compared_ids(library: Library, args: argparse.Namespace) -> list[str]:
    ids = list(args.ids)
    if args.story is not None and not args.story.strip():
        raise CommandError("--story needs a story id; `newsreader stories` lists them", EXIT_USAGE)
    if args.story:
        if ids:
            raise CommandError("give either article ids or --story, not both", EXIT_USAGE)
        _group_stories(library, quiet=args.json or args.markdown)
        story = library.story(args.story)
        if len(story.articles) < 2:
            raise CommandError(f"story {args.story} has one article; nothing to compare it with", EXIT_USAGE)
        ids = list(story.articles)
    if len(ids) < 2:
        raise CommandError("compare needs two or more article ids; `newsreader list` shows them", EXIT_USAGE)
    return ids


def cmd_stories(args: argparse.Namespace) -> int:
    low, high = STORY_ACTION_ARGS[args.action]
    if len(args.targets) < low or (high is not None and len(args.targets) > high):
        raise CommandError(f"usage: newsreader {STORY_USAGE[args.action]}", EXIT_USAGE)
    library = Library.open(args.library, seed=False)
    targets = args.targets
    _group_stories(library, quiet=args.json)
    changed = None
    if args.action == "move":
        changed = library.move_to_story(targets[0], None if targets[1] == "new" else targets[1])
    elif args.action == "merge":
        changed = library.merge_stories(targets[0], targets[1])
    elif args.action == "split":
        changed = library.split_story(targets[0], targets[1:])
    elif args.action == "rebuild":
        library.rebuild_stories()
    stories = library.story_listing(query=args.query, min_outlets=args.outlets, sort=args.sort)
    if args.json:
        data: dict[str, object] = {"stories": [s.to_json() for s in stories]}
        if changed is not None:
            data["changed"] = changed.id
        _print_json(data)
    else:
        from .output import print_stories

        filtered = bool(args.query.strip()) or args.outlets > 1
        shown = [s.id for s in stories if s.count > 1 or filtered or (changed is not None and s.id == changed.id)]
        print_stories(stories, library.members_of_stories(shown), changed, filtered=filtered)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    report = Library.open(args.library, seed=False).add_demo()
    if args.json:
        _print_json(report.to_json())
    else:
        from ..wording import demo_summary

        sys.stdout.write(demo_summary(len(report.added), len(report.skipped)) + "\n")
    return EXIT_OK


def _imported_when_run(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """Command `name` of `module`, imported only when it runs: these print
    through Rich, so `add --json` and `search --json` start without it."""

    def run(args: argparse.Namespace) -> int:
        return getattr(import_module(f"{__package__}.{module}"), name)(args)

    return run


cmd_feeds = _imported_when_run("feeds", "cmd_feeds")
cmd_refresh = _imported_when_run("feeds", "cmd_refresh")
cmd_flag = _imported_when_run("flags", "cmd_flag")
cmd_check = _imported_when_run("health", "cmd_check")
cmd_repair = _imported_when_run("health", "cmd_repair")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "remove": cmd_remove,
    "demo": cmd_demo,
    "extract": cmd_extract,
    "entities": cmd_entities,
    "compare": cmd_compare,
    "stories": cmd_stories,
    "check": cmd_check,
    "repair": cmd_repair,
    "feeds": cmd_feeds,
    "refresh": cmd_refresh,
    "read": cmd_flag,
    "unread": cmd_flag,
    "star": cmd_flag,
    "unstar": cmd_flag,
}
