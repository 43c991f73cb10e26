"""`newsreader remove`: articles by id, a story's, or a search's, after a
confirmation that says how many."""

from __future__ import annotations

import argparse
import json
import sys

from index.api import Library

from ..safe import one_line
from ..wording import plural
from .errors import EXIT_ERROR, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, CommandError

SHOWN_TITLES = 5
"""Titles listed above the question, so the user sees what goes."""


def cmd_remove(args: argparse.Namespace) -> int:
    given = [bool(args.ids), args.story is not None, args.query is not None]
    if sum(given) != 1:
        raise CommandError("give article ids, --story STORY or --query Q (one of them)", EXIT_USAGE)
    library = Library.open(args.library, seed=False)
    ids = _chosen(library, args)
    if not ids:
        raise CommandError(f"no article matches the query {args.query!r}; nothing removed", EXIT_NOT_FOUND)
    library.require_writable()  # said before asking, not after the answer
    if not args.yes and not _confirmed(library, ids):
        sys.stderr.write("Nothing removed.\n")
        return EXIT_ERROR
    # One commit: the story files, facets and counts follow the index together.
    removed = list(dict.fromkeys(library.remove(ids)))
    if args.json:
        data: dict[str, object] = {"removed_all": removed, "count": len(removed)}
        if len(removed) == 1:
            data = {"removed": removed[0], **data}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = [f"Removed {one_line(article_id)}" for article_id in removed]
        if len(removed) != 1:
            lines.append(f"Removed {plural(len(removed), 'article')}.")
        sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _chosen(library: Library, args: argparse.Namespace) -> list[str]:
    """The full ids to remove; every id given is resolved before anything is
    removed (a typo in the third must not leave the first two gone)."""
    if args.ids:
        return list(dict.fromkeys(library.resolve(given).id for given in args.ids))
    if args.story is not None:
        if not args.story.strip():
            raise CommandError("--story needs a story id; `newsreader stories` lists them", EXIT_USAGE)
        library.group_stories()
        return list(library.story(args.story).articles)
    if not args.query.strip():
        raise CommandError("--query needs a search; try it with `newsreader search` first", EXIT_USAGE)
    results = library.search(args.query, limit=None, snippets=0)
    if results.notes or not results.total_exact or len(results.hits) != results.total:
        # A search cut short would remove only some of what the query means.
        note = "; ".join(results.notes) or "the search was cut short"
        raise CommandError(f"{note}; nothing removed (narrow the query)", EXIT_ERROR)
    return [hit.id for hit in results.hits]


def _confirmed(library: Library, ids: list[str]) -> bool:
    """Ask `Remove N articles? [y/N]` on the terminal, showing the first few titles."""
    count = plural(len(ids), "article")
    if not sys.stdin.isatty():
        raise CommandError(
            f"this would remove {count}; add --yes to confirm (standard input is not a terminal to ask on)", EXIT_USAGE
        )
    for article_id in ids[:SHOWN_TITLES]:
        article = library.get(article_id)
        sys.stderr.write(f"  {one_line(article_id)}  {one_line(article.title if article else '')}\n")
    if len(ids) > SHOWN_TITLES:
        sys.stderr.write(f"  … and {len(ids) - SHOWN_TITLES} more\n")
    sys.stderr.write(f"Remove {count}? [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")
