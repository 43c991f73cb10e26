"""The `newsreader` command: the app with no subcommand, scripting commands with.

Every subcommand can answer in JSON (`--json`) with stable keys, so the
library can be scripted and tested without a screen. Errors are one line
on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3


class CommandError(Exception):
    """A user-facing failure with its exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _library_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=default,
        help="library directory (default: $NEWSREADER_LIBRARY or the user data dir)",
    )


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader",
        description="A keyboard-driven terminal news reader. Run without a command to open the app.",
    )
    _library_option(parser, None)
    # Subcommands accept --library too; SUPPRESS keeps the top-level value.
    common = _Parser(add_help=False)
    _library_option(common, argparse.SUPPRESS)
    json_option = _Parser(add_help=False)
    json_option.add_argument("--json", action="store_true", help="print JSON for scripts")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add = commands.add_parser("add", parents=[common, json_option], help="add article files or directories")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--source", default="", help="outlet name for articles without one")
    add.add_argument("--engine", choices=["builtin", "nlp"], help="analysis engine (default: the best installed)")

    search = commands.add_parser("search", parents=[common, json_option], help="search the library")
    search.add_argument("query", nargs="+", help="Whoosh query, e.g. 'sanction* AND title:taliban'")
    search.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")

    show = commands.add_parser("show", parents=[common, json_option], help="print one article")
    show.add_argument("id")

    commands.add_parser("list", parents=[common, json_option], help="list every article")

    extract = commands.add_parser(
        "extract", parents=[json_option], help="find entities and quotes in plain text (a file or - for stdin)"
    )
    extract.add_argument("file", nargs="?", default="-", help="text file, or - (the default) for standard input")
    extract.add_argument("--engine", choices=["builtin", "nlp"], help="analysis engine (default: the best installed)")

    entities = commands.add_parser(
        "entities", parents=[common, json_option], help="people, organisations and places in the library"
    )
    entities.add_argument("--limit", type=int, default=30, help="names to show per kind (default 30)")

    compare = commands.add_parser(
        "compare", parents=[common, json_option],
        help="compare two or more articles' coverage: aligned, unique, shared quotes, conflicts",
    )
    compare.add_argument("ids", nargs="*", metavar="ID", help="article ids (a unique prefix is enough)")
    compare.add_argument("--markdown", action="store_true", help="print a Markdown report")
    compare.add_argument("--story", metavar="STORY", help="compare every article of a story (see `newsreader stories`)")

    stories = commands.add_parser(
        "stories", parents=[common, json_option],
        help="list stories (articles covering one event) or correct them",
        description="With no action, list the stories. Corrections persist: "
        "`move ARTICLE STORY|new`, `merge STORY STORY`, `split STORY ARTICLE...`; "
        "`rebuild` groups everything again, keeping what you placed by hand.",
    )
    stories.add_argument("action", nargs="?", default="list", choices=["list", "move", "merge", "split", "rebuild"])
    stories.add_argument("targets", nargs="*", metavar="ID", help="article and story ids the action needs")

    remove = commands.add_parser("remove", parents=[common, json_option], help="remove an article")
    remove.add_argument("id")
    return parser


def _open_library(path: Path | None):
    from index import Library

    return Library.open(path)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_add(args: argparse.Namespace) -> int:
    from index.ingest import iter_article_paths

    from .output import add_progress, print_add_report

    from index.analysis.engine import EngineUnavailable, get_engine

    try:
        get_engine(args.engine)
    except EngineUnavailable as error:
        raise CommandError(str(error)) from error
    library = _open_library(args.library)
    library.engine = args.engine
    files = [p for p in iter_article_paths(args.paths)]
    with add_progress(len(files), enabled=not args.json and len(files) > 20) as advance:
        report = library.add_paths(args.paths, source=args.source, progress=advance, expected=len(files))
    if args.json:
        _print_json(report.to_json())
    else:
        print_add_report(report)
    # Anything that could not be read is bad input: say so in the exit code,
    # after adding everything that could.
    return EXIT_ERROR if report.failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from index.search import search

    if args.limit < 1:
        raise CommandError("--limit must be at least 1", EXIT_USAGE)
    library = _open_library(args.library)
    results = search(library, " ".join(args.query), limit=args.limit, snippets=args.limit)
    if args.json:
        _print_json(results.to_json())
    else:
        from .output import print_search_results

        print_search_results(results)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from index.errors import AmbiguousId, ArticleNotFound

    library = _open_library(args.library)
    try:
        article = library.resolve(args.id)
    except ArticleNotFound as error:
        raise CommandError(str(error), EXIT_NOT_FOUND) from error
    except AmbiguousId as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    if args.json:
        _print_json(article.to_json())
    else:
        from .output import print_article

        print_article(article)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    library = _open_library(args.library)
    summaries = library.summaries()
    if args.json:
        _print_json({"total": len(summaries), "articles": [s.to_json() for s in summaries]})
    else:
        from .output import print_summaries

        print_summaries(summaries)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from index.analysis import analyse
    from index.analysis.engine import EngineUnavailable
    from index.ingest import UnreadableInput, decode_bytes

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as error:
        raise CommandError(f"{args.file}: cannot be read ({error.strerror or error})") from error
    try:
        text = decode_bytes(data).text
    except UnreadableInput as error:
        raise CommandError(f"{'standard input' if args.file == '-' else args.file} {error}") from error
    try:
        analysis = analyse(text, args.engine)
    except EngineUnavailable as error:
        raise CommandError(str(error)) from error
    if args.json:
        _print_json(analysis.to_json())
    else:
        from .output import print_analysis

        print_analysis(text, analysis)
    return EXIT_OK


def cmd_entities(args: argparse.Namespace) -> int:
    from index.facets import library_facets

    library = _open_library(args.library)
    facets = library_facets(library, limit=args.limit)
    if args.json:
        _print_json({label.lower(): [f.to_json() for f in items] for label, items in facets.items()})
    else:
        from .output import print_facets

        print_facets(facets)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from index.compare import CompareError, compare

    library = _open_library(args.library)
    if args.json and args.markdown:
        raise CommandError("choose one of --json and --markdown", EXIT_USAGE)
    articles = _compared_articles(library, args)
    try:
        comparison = compare(articles)
    except CompareError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    if args.json:
        _print_json(comparison.to_json())
    elif args.markdown:
        from index.compare.report import to_markdown

        sys.stdout.write(to_markdown(comparison))
    else:
        from .output import print_comparison

        print_comparison(comparison)
    return EXIT_OK


def _compared_articles(library, args: argparse.Namespace) -> list:
    from index.errors import AmbiguousId, ArticleNotFound

    ids = list(args.ids)
    if args.story is not None and not args.story.strip():
        raise CommandError("--story needs a story id; `newsreader stories` lists them", EXIT_USAGE)
    if args.story:
        if ids:
            raise CommandError("give either article ids or --story, not both", EXIT_USAGE)
        story = library.stories().stories.get(args.story)
        if story is None:
            raise CommandError(f"no story with id {args.story!r}; `newsreader stories` lists them", EXIT_NOT_FOUND)
        if len(story.articles) < 2:
            raise CommandError(f"story {args.story} has one article; nothing to compare it with", EXIT_USAGE)
        ids = story.articles
    if len(ids) < 2:
        raise CommandError("compare needs two or more article ids; `newsreader list` shows them", EXIT_USAGE)
    try:
        return [library.resolve(article_id) for article_id in ids]
    except ArticleNotFound as error:
        raise CommandError(str(error), EXIT_NOT_FOUND) from error
    except AmbiguousId as error:
        raise CommandError(str(error), EXIT_USAGE) from error


STORY_ACTION_ARGS = {"list": (0, 0), "rebuild": (0, 0), "move": (2, 2), "merge": (2, 2), "split": (2, None)}


def cmd_stories(args: argparse.Namespace) -> int:
    from index.errors import AmbiguousId, ArticleNotFound
    from index.stories import StoryError, StoryNotFound

    low, high = STORY_ACTION_ARGS[args.action]
    if len(args.targets) < low or (high is not None and len(args.targets) > high):
        usage = {
            "list": "stories", "rebuild": "stories rebuild", "move": "stories move ARTICLE STORY|new",
            "merge": "stories merge STORY STORY", "split": "stories split STORY ARTICLE...",
        }[args.action]
        raise CommandError(f"usage: newsreader {usage}", EXIT_USAGE)
    library = _open_library(args.library)
    titles = {s.id: s.title for s in library.summaries()} if args.action != "list" else {}
    try:
        if args.action == "move":
            article = library.resolve(args.targets[0])
            target = None if args.targets[1] == "new" else args.targets[1]
            changed = library.change_stories(lambda store: store.move(article.id, target, article.title, titles))
        elif args.action == "merge":
            changed = library.change_stories(lambda store: store.merge(args.targets[0], args.targets[1]))
        elif args.action == "split":
            articles = [library.resolve(a) for a in args.targets[1:]]
            changed = library.change_stories(
                lambda store: store.split(args.targets[0], [a.id for a in articles], articles[0].title, titles)
            )
        elif args.action == "rebuild":
            library.change_stories(lambda store: store.rebuild(titles), rebuild=True)
            changed = None
        else:
            changed = None
    except (ArticleNotFound, StoryNotFound) as error:
        raise CommandError(str(error), EXIT_NOT_FOUND) from error
    except StoryError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    except AmbiguousId as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    stories = sorted(library.stories().stories.values(), key=lambda s: (-len(s.articles), int(s.id[1:])))
    if args.json:
        data = {"stories": [s.to_json() for s in stories]}
        if changed is not None:
            data["changed"] = changed.id
        _print_json(data)
    else:
        from .output import print_stories

        print_stories(stories, {s.id: s for s in library.summaries()}, changed)
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    library = _open_library(args.library)
    if not library.remove(args.id):
        raise CommandError(f"no article with id {args.id!r}; `newsreader list` shows the ids", EXIT_NOT_FOUND)
    if args.json:
        _print_json({"removed": args.id})
    else:
        print(f"Removed {args.id}")
    return EXIT_OK


def run_app(library_dir: Path | None) -> int:
    from ..app import NewsReaderApp

    app = NewsReaderApp(library_dir=library_dir)
    app.run()
    return app.return_code or EXIT_OK


COMMANDS = {
    "add": cmd_add,
    "search": cmd_search,
    "show": cmd_show,
    "list": cmd_list,
    "remove": cmd_remove,
    "extract": cmd_extract,
    "entities": cmd_entities,
    "compare": cmd_compare,
    "stories": cmd_stories,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from index.errors import LibraryError

    try:
        if args.command is None:
            return run_app(args.library)
        return COMMANDS[args.command](args)
    except CommandError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return error.code
    except LibraryError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("newsreader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def entry_point() -> None:
    sys.exit(main())
