"""The command line's arguments: one subparser per command."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..safe import one_line
from .errors import EXIT_USAGE


def _library_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=default,
        help="library directory (default: $NEWSREADER_LIBRARY or the user data dir)",
    )


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error (they may quote
    what was typed, so they are cleaned like every other message)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"newsreader: {one_line(message)} (see `{self.prog} --help`)\n")

    words_may_start_with_dash = False
    """Set on the `search` parser: its query words may start with `-`.

    argparse reads `-is:read` or `-word` as an unknown option ("the
    following arguments are required: query"). Every word that is not one of
    search's own options (`--json`, `--limit N`, `--library DIR`, `-h`, in
    any position) or a mistyped long one (`--jsn`) is query text: the
    options are moved first and the words after a `--`, so argparse takes
    them as they are. A `--` typed by the user still ends the options.
    """

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if args is not None and self.words_may_start_with_dash:
            args = self._query_last(list(args))
        return super().parse_known_args(args, namespace)

    def _query_last(self, args: list[str]) -> list[str]:
        options: list[str] = []
        words: list[str] = []
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words.extend(rest)
                break
            action = self._option(arg)
            if action is None:
                # `--jsn` stays a mistyped option for argparse to name; `-is:read` is a word.
                (options if arg.startswith("--") else words).append(arg)
                continue
            if action.nargs != 0 and "=" not in arg and arg.startswith("--"):
                value = next(rest, None)  # the option's value, even one starting with -
                arg = arg if value is None else f"{arg}={value}"
            options.append(arg)
        return [*options, "--", *words] if words else options

    def _option(self, arg: str) -> argparse.Action | None:
        """The option `arg` names (exactly, or as an unambiguous start of a long one)."""
        if not arg.startswith("-") or arg == "-":
            return None
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if name in self._option_string_actions:
            return self._option_string_actions[name]
        if name.startswith("--") and len(name) > 2:
            matches = {a for option, a in self._option_string_actions.items() if option.startswith(name)}
            if len(matches) == 1:
                return matches.pop()
        return None


STORY_USAGE = {
    "list": "stories",
    "rebuild": "stories rebuild",
    "move": "stories move ARTICLE STORY|new",
    "merge": "stories merge STORY STORY",
    "split": "stories split STORY ARTICLE...",
}
STORY_ACTION_ARGS: dict[str, tuple[int, int | None]] = {
    "list": (0, 0), "rebuild": (0, 0), "move": (2, 2), "merge": (2, 2), "split": (2, None),
}
"""How many ids each `stories` action takes: (at least, at most)."""


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
    add = commands.add_parser(
        "add", parents=[common, json_option], help="add article files, directories or web pages"
    )
    add.add_argument(
        "paths", nargs="+", metavar="PATH|URL",
        help="article files (.txt, .md, .html), directories, or web page URLs (http, https)",
    )
    add.add_argument("--source", default="", help="outlet name for articles without one")
    add.add_argument("--engine", choices=["builtin", "nlp"], help="analysis engine (default: the best installed)")
    add.add_argument(
        "--date-order", choices=["dmy", "mdy"],
        help="how numeric dates such as 07/03/2025 read: day first (dmy) or month first (mdy); "
        "a file's `date_order:` front matter field wins",
    )
    add.add_argument("--verbose", "-v", action="store_true", help="list every file skipped, duplicate and warning")

    search = commands.add_parser("search", parents=[common, json_option], help="search the library")
    search.words_may_start_with_dash = True  # `newsreader search -is:read`
    search.add_argument(
        "query", nargs="+",
        help="Whoosh query, e.g. 'sanction* AND title:taliban'; filters is:unread, is:read, is:starred, "
        "feed:NAME combine with it (negate with NOT or -, e.g. -is:read)",
    )
    search.add_argument("--limit", type=int, default=10, help="hits to show (default 10)")

    show = commands.add_parser("show", parents=[common, json_option], help="print one article")
    show.add_argument("id", help="article id (a unique prefix is enough)")

    listing = commands.add_parser(
        "list", parents=[common, json_option], help="list every article (● unread, ★ starred)"
    )
    listing.add_argument("--unread", action="store_true", help="only unread articles")
    listing.add_argument("--starred", action="store_true", help="only starred articles")
    for name, what in (("read", "mark articles read"), ("unread", "mark articles unread"),
                       ("star", "star articles"), ("unstar", "unstar articles")):
        flag = commands.add_parser(
            name, parents=[common, json_option], help=f"{what} (every id is checked before any is changed)"
        )
        flag.add_argument("ids", nargs="+", metavar="ID", help="article ids (a unique prefix is enough)")

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
    stories.add_argument("action", nargs="?", default="list", choices=list(STORY_USAGE))
    stories.add_argument("targets", nargs="*", metavar="ID", help="article and story ids the action needs")
    stories.add_argument("--query", "-q", default="", metavar="WORDS",
                         help="only stories whose titles, articles' titles or outlets have words starting so")
    stories.add_argument("--outlets", type=int, default=1, metavar="N", help="only stories N or more outlets cover")
    stories.add_argument("--sort", choices=("newest", "articles", "outlets"), default="newest",
                         help="newest first (default), most articles, or most outlets")

    remove = commands.add_parser(
        "remove", parents=[common, json_option],
        help="remove articles by id, a story's or a search's (asks first, showing how many)",
        description="Remove articles: `remove ID...`, `remove --story S` (every article of a story), or "
        "`remove --query Q` (every article the search finds). Every id is checked before any is removed. "
        "It asks `Remove N articles? [y/N]` first; --yes skips the question, and is needed when standard "
        "input is not a terminal.",
    )
    remove.add_argument("ids", nargs="*", metavar="ID", help="article ids (a unique prefix is enough)")
    remove.add_argument("--story", metavar="STORY", help="remove every article of this story (see `newsreader stories`)")
    remove.add_argument("--query", metavar="Q", help="remove every article this search finds (try it with `search` first)")
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")

    commands.add_parser(
        "demo", parents=[common, json_option],
        help="add the bundled demo articles (five outlets on one story); adds nothing if they are there",
    )

    feeds = commands.add_parser(
        "feeds", parents=[common, json_option], help="subscribe to feeds, list them, or unsubscribe",
        description="`feeds add URL` (a feed, or a page linking one), `feeds list` (or just `feeds`), "
        "`feeds rename FEED NAME`, `feeds remove FEED` (id, URL or title; keeps its articles), "
        "`feeds import FILE.opml`, `feeds export` (OPML 2.0 on standard output).",
    )
    feeds.set_defaults(action="list", targets=[])
    feed_actions = feeds.add_subparsers(dest="action", metavar="ACTION")
    feeds_add = feed_actions.add_parser("add", parents=[common, json_option], help="subscribe to a feed")
    feeds_add.add_argument("targets", nargs=1, metavar="URL", help="the feed, or a page that links it")
    feeds_add.add_argument("--source", default="", help="outlet name for the feed's articles (default: its title)")
    feeds_add.add_argument(
        "--full-text", choices=["auto", "always", "never"], default="auto",
        help="fetch each entry's page: auto (when the feed has only a summary), always, never",
    )
    feed_actions.add_parser("list", parents=[common, json_option], help="list the feeds")
    feeds_remove = feed_actions.add_parser(
        "remove", parents=[common, json_option], help="unsubscribe (the feed's articles stay)"
    )
    feeds_remove.add_argument("targets", nargs=1, metavar="FEED", help="the feed's id, URL or title")
    feeds_rename = feed_actions.add_parser(
        "rename", parents=[common, json_option], help="give a feed a new name",
        description="Rename a feed: its name is what `feeds list` shows and `feed:NAME` searches by, and no "
        "two feeds may share one. Renaming does not change the outlet (source) the articles already in the "
        "library are credited to. New articles are credited to the feed's source (`feeds add --source`, or "
        "--source here), else to its name.",
    )  # fmt: skip
    feeds_rename.add_argument("targets", nargs=1, metavar="FEED", help="the feed's id, URL or title")
    feeds_rename.add_argument("name", nargs="+", metavar="NAME", help="its new name (the words are joined)")
    feeds_rename.add_argument(
        "--source", default=None, metavar="OUTLET",
        help="also set the outlet its new articles are credited to (\"\" for the feed's name)",
    )  # fmt: skip
    feeds_import = feed_actions.add_parser(
        "import", parents=[common, json_option], help="subscribe to every feed of an OPML file",
        description="Subscribes to each feed the OPML file lists, with its title, skipping those already "
        "subscribed. Nothing is fetched now (a long list would take minutes): `newsreader refresh` "
        "fetches the feeds, fills in missing titles and adds their articles.",
    )
    feeds_import.add_argument("targets", nargs=1, metavar="FILE", help="an OPML file, as feed readers export")
    feeds_export = feed_actions.add_parser(
        "export", parents=[common], help="print the feeds as OPML 2.0 (newsreader feeds export > feeds.opml)"
    )
    feeds_export.set_defaults(targets=[])
    refresh = commands.add_parser("refresh", parents=[common, json_option], help="fetch new entries from feeds")
    refresh.add_argument("feeds", nargs="*", metavar="FEED", help="feeds to refresh (default: all)")

    commands.add_parser(
        "check", parents=[common, json_option],
        help="verify the library's files (index, stored articles, stories); changes nothing",
    )
    commands.add_parser(
        "repair", parents=[common, json_option],
        help="rebuild whatever `check` finds damaged from what survives",
    )
    return parser
