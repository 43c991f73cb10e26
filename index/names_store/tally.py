"""The whole library's entity counts, kept up to date by changes rather than
counted again from every article.

Adding and removing keep, in the names file, the articles giving each name
(`store.put`, `store.forget`). The library-wide merge (`LibraryNames`) is
made from those counts alone: about 0.3 s for the 12,000 names of 100,000
BBC-derived articles, with no pass over the articles. Each article keeps
the entities it was counted under, and the library the articles under each
entity. After a change only the articles that may count differently are
counted again: those never counted, and those naming a short form whose
meaning changed (`NameMerge.fingerprints`: its owners, whom it means
alone, and which owner a surname means beside several) or a speaker now
read as the other kind. A name with no owners always counts under its own
key, so a new spelling becoming the listed one changes no article.

At 100,000 articles (tests/bench/facets.py --change, CPU, same run):
`newsreader entities` right after adding 100 took 0.83 s against 4.9 s
counting everything again, right after removing them 0.85 s against 5.2 s.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from ..names import LibraryNames
from ..names.forms import Key
from ..names.merge import SpelledOut
from . import store
from .store import BOTH, CHUNK, LABELS

MERGES = ("PERSON", "ORG", "PLACE")
ROUTE = "ROUTE"
"""Meanings kept for speakers: which kind's entities each is read among."""
SLOTS = {"PERSON": ("PERSON", "SPEAKER"), "ORG": ("ORG", "SPEAKER"), "PLACE": ("PLACE",)}
"""The labels whose names each merge resolves (speakers among people or organisations)."""
RESOLVE_CHUNK = 1000
"""Articles counted again at a time: memory stays bounded on a first count."""

Tagged = tuple[str, Any]
"""An entity as `LibraryNames.resolve_keys` gives it: (merge label, key) or ('', name)."""


def entity_text(tagged: Tagged) -> str:
    label, found = tagged
    return json.dumps([label, *found] if label else ["", found], separators=(",", ":"), ensure_ascii=False)


def entity_of(text: str) -> Tagged:
    label, *rest = json.loads(text)
    return (label, tuple(rest)) if label else ("", rest[0])


class _NameCounts:
    """The names rows: articles giving each name per label, and their ids."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.naming: dict[str, dict[str, int]] = {label: {} for label in (*LABELS, BOTH)}
        self.nids: dict[tuple[str, str], int] = {}
        for nid, label, name, articles in connection.execute("SELECT nid, label, name, articles FROM names"):
            if label in self.naming and articles > 0:
                self.naming[label][name] = articles
                self.nids[label, name] = nid


def _spelled_out(connection: sqlite3.Connection, counts: _NameCounts, label: str,
                 key_of: Callable[[str], Key]) -> SpelledOut:
    """Whether some article gives an acronym beside an expansion: asked of the
    mentions, only for the few acronyms whose meaning rests on it."""
    forms: dict[Key, list[int]] | None = None
    asked: dict[tuple[Key, Key], bool] = {}

    def nids(key: Key) -> list[int]:
        nonlocal forms
        if forms is None:
            forms = {}
            for name in counts.naming[label]:
                forms.setdefault(key_of(name), []).append(counts.nids[label, name])
        return forms.get(key, [])

    def ask(acronym: Key, expansion: Key) -> bool:
        if (acronym, expansion) not in asked:
            first, second = sorted((nids(acronym), nids(expansion)), key=len)
            found = False
            if first and second:
                a, b = ",".join("?" * len(first)), ",".join("?" * len(second))
                found = connection.execute(
                    f"SELECT EXISTS (SELECT 1 FROM mentions x CROSS JOIN mentions y ON y.num = x.num "
                    f"WHERE x.nid IN ({a}) AND y.nid IN ({b}))", [*first, *second]).fetchone()[0] == 1
            asked[acronym, expansion] = found
        return asked[acronym, expansion]

    return ask


def _key_as(label: str, name: str) -> Key:
    from ..names.forms import identity_key

    return identity_key(name, label)


def _no_acronyms(_acronym: Key, _expansion: Key) -> bool:
    return False  # people have no acronyms


def library_names(connection: sqlite3.Connection) -> tuple[LibraryNames, _NameCounts]:
    """The library-wide merge, made from the names' counts."""
    counts = _NameCounts(connection)
    spelled: dict[str, SpelledOut] = {
        label: _spelled_out(connection, counts, label, partial(_key_as, label)) for label in ("ORG", "PLACE")}
    spelled["PERSON"] = _no_acronyms
    return LibraryNames.from_counts(counts.naming, spelled), counts


def meanings(merged: LibraryNames, counts: _NameCounts) -> dict[tuple[str, str], str]:
    """(kind, key) -> what decides how its names count (see the module's doc)."""
    found: dict[tuple[str, str], str] = {}
    for label in MERGES:
        for key, meaning in merged.merges[label].fingerprints().items():
            found[label, json.dumps(key, ensure_ascii=False)] = meaning
    for speaker in counts.naming["SPEAKER"]:
        found[ROUTE, speaker] = merged.speaker_merge(speaker)
    return found


def refresh(connection: sqlite3.Connection) -> LibraryNames:
    """Bring every article's entities, and the counts under them, in step
    with the names as they are now (in the caller's write transaction);
    the merge they are counted with."""
    merged, counts = library_names(connection)
    stamp = str(store.stamp(connection))
    if store.meta(connection, "counted") == stamp:
        return merged
    now = meanings(merged, counts)
    before = {(kind, key): meaning for kind, key, meaning in connection.execute("SELECT kind, key, meaning FROM meanings")}
    changed = {item for item in now.keys() | before.keys() if now.get(item) != before.get(item)}
    nums = _Mentions(connection, merged, counts).changed(changed, before, now)
    nums.update(num for (num,) in connection.execute("SELECT num FROM articles WHERE entities IS NULL"))
    recount(connection, merged, sorted(nums))
    connection.executemany("DELETE FROM meanings WHERE kind = ? AND key = ?", [item for item in changed if item not in now])
    connection.executemany("INSERT OR REPLACE INTO meanings (kind, key, meaning) VALUES (?, ?, ?)",
                           [(*item, now[item]) for item in changed if item in now])
    store.set_meta(connection, "counted", stamp)
    return merged


class _Mentions:
    """Which articles give which names, asked of the mentions table."""

    def __init__(self, connection: sqlite3.Connection, merged: LibraryNames, counts: _NameCounts) -> None:
        self.connection, self.merged, self.counts = connection, merged, counts
        self.by_key: dict[str, dict[Key, list[int]]] = {}

    def changed(self, changed: Iterable[tuple[str, str]], before: dict, now: dict) -> set[int]:
        """The articles that may count differently now that these meanings changed."""
        nums: set[int] = set()
        for kind, key in changed:
            if kind == ROUTE:
                nid = self.counts.nids.get(("SPEAKER", key))
                nums |= self.articles([nid] if nid is not None else [])
                continue
            entity_key = tuple(json.loads(key))
            naming = self.articles(self.nids(kind, entity_key))
            old, new = before.get((kind, key), ""), now.get((kind, key), "")
            if old.split("\n")[0] != new.split("\n")[0]:
                nums |= naming
                continue
            # Only whom a surname means beside several bearers changed: the
            # articles naming it and two or more of them.
            seen: dict[int, int] = {}
            for rival in self.merged.merges[kind].rivals(entity_key):
                for num in self.articles(self.nids(kind, rival)) & naming:
                    seen[num] = seen.get(num, 0) + 1
            nums.update(num for num, rivals in seen.items() if rivals >= 2)
        return nums

    def nids(self, label: str, key: Key) -> list[int]:
        """The ids of the names a merge reads as `key`, in the labels it resolves."""
        if label not in self.by_key:
            merge = self.merged.merges[label]
            found: dict[Key, list[int]] = {}
            for slot in SLOTS[label]:
                for name in self.counts.naming[slot]:
                    name_key = merge.key_of(name)
                    if name_key:
                        found.setdefault(name_key, []).append(self.counts.nids[slot, name])
            self.by_key[label] = found
        return self.by_key[label].get(key, [])

    def articles(self, nids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(nids), CHUNK):
            chunk = nids[start:start + CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(num for (num,) in self.connection.execute(f"SELECT num FROM mentions WHERE nid IN ({marks})", chunk))
        return found


class _EntityIds:
    """Entity ids by (label, entity), made as new entities are first counted."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.ids = {(label, entity): eid for eid, label, entity in connection.execute("SELECT eid, label, entity FROM entities")}
        self.texts: dict[Tagged, str] = {}

    def eid(self, label: str, tagged: Tagged) -> int:
        text = self.texts.get(tagged)
        if text is None:
            text = self.texts[tagged] = entity_text(tagged)
        found = self.ids.get((label, text))
        if found is None:
            found = self.ids[label, text] = self.connection.execute(
                "INSERT INTO entities (label, entity, articles) VALUES (?, ?, 0) RETURNING eid", (label, text)).fetchone()[0]
        return found


def recount(connection: sqlite3.Connection, merged: LibraryNames, nums: list[int]) -> int:
    """Count these articles again under `merged`; how many count differently."""
    changed, ids = 0, _EntityIds(connection)
    for start in range(0, len(nums), RESOLVE_CHUNK):
        chunk = nums[start:start + RESOLVE_CHUNK]
        delta: dict[int, int] = {}
        updates: list[tuple[str, int]] = []
        for part in range(0, len(chunk), CHUNK):
            marks = ",".join("?" * len(chunk[part:part + CHUNK]))
            rows = connection.execute(f"SELECT num, id, names, entities FROM articles WHERE num IN ({marks})",
                                      chunk[part:part + CHUNK]).fetchall()
            for num, article_id, text, entities in rows:
                names = store.clean(store.decode(article_id, text))
                now = {ids.eid(label, t) for label, tagged in merged.resolve_keys(names).items() for t in tagged}
                encoded = store.entities_text(now)
                if encoded == entities:
                    continue
                for eid in store.counted_under(article_id, entities):
                    delta[eid] = delta.get(eid, 0) - 1
                for eid in now:
                    delta[eid] = delta.get(eid, 0) + 1
                updates.append((encoded, num))
        # Entities left with no article are dropped once all are counted:
        # a later chunk may count under them again.
        store.change_entities(connection, delta, drop=False)
        connection.executemany("UPDATE articles SET entities = ? WHERE num = ?", updates)
        changed += len(updates)
    connection.execute("DELETE FROM entities WHERE articles <= 0")
    return changed


def counts_by_name(connection: sqlite3.Connection, merged: LibraryNames) -> dict[str, dict[str, int]]:
    """label -> the name each entity is listed under -> articles counted under it."""
    found: dict[str, dict[str, int]] = {label: {} for label in LABELS}
    clashes: dict[str, dict[str, set[str]]] = {}
    entities_of: dict[tuple[str, str], str] = {}
    for label, entity, articles in connection.execute("SELECT label, entity, articles FROM entities"):
        if label not in found or articles <= 0:
            continue
        shown = merged.shown(entity_of(entity))
        if shown in found[label]:
            # Two kinds' entities listed under one name (a speaker read as a
            # person, another as an organisation): an article naming both counts once.
            clashes.setdefault(label, {}).setdefault(shown, {entities_of[label, shown]}).add(entity)
        found[label][shown] = found[label].get(shown, 0) + articles
        entities_of[label, shown] = entity
    for label, by_name in clashes.items():
        for shown, entities in by_name.items():
            found[label][shown] = _articles_under_any(connection, label, entities)
    return found


def _articles_under_any(connection: sqlite3.Connection, label: str, entities: set[str]) -> int:
    """Articles counted under any of `entities` (rare: read from every article's entities)."""
    marks = ",".join("?" * len(entities))
    wanted = {eid for (eid,) in connection.execute(f"SELECT eid FROM entities WHERE label = ? AND entity IN ({marks})",
                                                   [label, *entities])}
    return sum(1 for article_id, text in connection.execute("SELECT id, entities FROM articles WHERE entities != ''")
               if wanted.intersection(store.counted_under(article_id, text)))
