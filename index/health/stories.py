"""Repairing the story files: keep every correction that survives, name the rest."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..stories.files import SIGNATURES_FILE, STORIES_FILE, parse_stories, read_signatures, read_stories
from ..stories.signature import signature_of
from ..stories.store import StoryStore, set_aside, write_atomically


@dataclass
class StoriesOutcome:
    actions: list[str] = field(default_factory=list)
    corrections_lost: list[str] = field(default_factory=list)
    set_aside: list[Path] = field(default_factory=list)
    """Damaged copies to move out of the library directory."""


def repair_story_files(directory: Path, progress: Callable[[str, int, int], None] | None = None) -> StoriesOutcome:
    """Bring stories.json and the side file (stories.sqlite3, or a library's
    older signatures.jsonl) in step with the (healthy) index.

    Called with the library's write lock held.
    """
    from ..library.core import Library

    outcome = StoriesOutcome()
    library = Library.open(directory, seed=False)
    try:
        live = {term.decode() for term in library.searcher().reader().lexicon("id")}
        _report_earlier_copies(directory, live, outcome)
        _repair_signatures(directory, outcome)
        data = read_stories(directory)
        if data is not None and data.problems:
            outcome.actions.append(f"rewrote stories.json from its readable parts ({'; '.join(data.problems[:3])})")
            outcome.corrections_lost += [
                f"the placement of article {a} made by hand (its story in stories.json is damaged)"
                for a in data.lost_pinned if a in live
            ]
            if data.lost_apart:
                outcome.corrections_lost.append(f"{data.lost_apart} separated pair(s) of articles (unreadable in stories.json)")
            if not data.stories and not data.pinned:
                outcome.corrections_lost.append("stories.json was unreadable as a whole: any placements and separations made by hand in it are lost")
        store = StoryStore(directory, tolerant=True)
        with store.transaction():
            _drop_lost_articles(store, live, outcome)
            _sign_unsigned(store, library, outcome)
        missing = sorted(live - set(store.grouper.story_of))
        if missing:
            store.add([a for a in map(library.get, missing) if a is not None])
            outcome.actions.append(f"grouped {len(missing)} article(s) into stories")
        store.save()
    finally:
        library.close()
    outcome.set_aside += sorted(directory.glob(STORIES_FILE + ".damaged*"))
    return outcome


def _report_earlier_copies(directory: Path, live: set[str], outcome: StoriesOutcome) -> None:
    """Copies set aside by an earlier `add` on a damaged file: say which of
    their corrections the current stories no longer hold."""
    current = read_stories(directory)
    pinned = current.pinned if current else set()
    apart = current.apart if current else set()
    for copy in sorted(directory.glob(STORIES_FILE + ".damaged*")):
        old = parse_stories(copy.read_bytes())
        lost = sorted(a for a in (old.pinned - pinned) | set(old.lost_pinned) if a in live)
        outcome.corrections_lost += [f"the placement of article {a} made by hand (only in {copy.name})" for a in lost]
        pairs = [p for p in old.apart - apart if p <= live]
        if pairs:
            outcome.corrections_lost.append(f"{len(pairs)} separated pair(s) of articles (only in {copy.name})")


def _repair_signatures(directory: Path, outcome: StoriesOutcome) -> None:
    read = read_signatures(directory)
    if not read.problems:
        return
    path = directory / SIGNATURES_FILE
    outcome.set_aside.append(set_aside(path))
    lines = "".join(json.dumps(s.to_json(), ensure_ascii=False) + "\n" for s in read.signatures.values())
    write_atomically(path, lines)
    outcome.actions.append(f"rewrote signatures.jsonl without its {len(read.bad_lines)} damaged line(s)")


def _drop_lost_articles(store: StoryStore, live: set[str], outcome: StoriesOutcome) -> None:
    for story in list(store.stories.values()):
        gone = [a for a in story.articles if a not in live]
        for article in gone:
            if article in store.pinned:
                outcome.corrections_lost.append(f"the placement of article {article} made by hand (the article is lost)")
            store.grouper.forget(article)
            store.pinned.discard(article)
        story.articles = [a for a in story.articles if a in live]
        if not story.articles:
            del store.stories[story.id]


def _sign_unsigned(store: StoryStore, library, outcome: StoriesOutcome) -> None:
    """Articles placed in a story whose signature line was lost get a new one."""
    signed = store.signatures.articles()
    for stray in signed - set(store.grouper.story_of):  # a story write lost in a crash
        store.signatures.drop(stray)
    unsigned = [a for a in store.grouper.story_of if a not in signed]
    signatures = []
    for article_id in unsigned:
        article = library.get(article_id)
        if article is None:
            continue
        signature = signature_of(article)
        story = store.grouper.story_of[article_id]
        store.grouper.forget(article_id)
        store.grouper.remember(signature, story)
        signatures.append(signature)
    if signatures:
        outcome.actions.append(f"signed {len(signatures)} article(s) again")
