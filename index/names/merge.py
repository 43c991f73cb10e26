"""One entity per name across many articles: 'Blair' and 'Tony Blair',
'George W. Bush' and 'George Bush', 'DHS' and 'Department of Homeland
Security' are counted once, under the fuller name.

Each article's analysis gives canonical names of its own; this joins them
across articles, for one label at a time (a PERSON joins only a PERSON), and
only where the library's evidence agrees:

- names with the same words are one entity, and so are gazetteer aliases
  of one name ('U.S.', 'United States'), a person with or without a title
  ('Lord Falconer') and with a familiar first name ('Chuck Schumer');
- a short form (a surname, a first name, a full name without its middle
  initial, a full name after a role, an acronym) has *owners*: the names it
  may stand for;
- in an article that names exactly one owner, the short form is that owner
  (the article's own full name comes first); naming several, the far
  best-known of them if a surname, else it is left out (the article's people
  are counted under their full names anyway);
- elsewhere it is the library's one owner, or for a surname the bearer
  named in at least three times as many articles as all others together
  ('Blair' is Tony Blair in British news of 2005; 'Clinton' stays apart
  while Hillary and Bill are both in the news).

Library-wide, only the names themselves are evidence: a facet's search must
find its articles again from the stored names (see `Alias`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .forms import (
    Key,
    acronym_letters,
    formal_words,
    identity_key,
    initials,
    is_first_name,
    is_org_name,
    looks_like_person,
    name_words,
    person_words,
    title_words,
)

PERSON_LABELS = frozenset({"PERSON"})
ACRONYM_LABELS = frozenset({"ORG", "PLACE"})

DOMINANCE = 3
"""A surname alone means its best-known bearer only when that bearer is named
in at least this many times as many articles as every other bearer together."""


@dataclass(frozen=True)
class Alias:
    """Another form counted under an entity, and the names whose presence in
    an article means that form is someone else there."""

    name: str
    unless: tuple[str, ...] = ()


@dataclass
class _Entity:
    key: Key
    forms: dict[str, int] = field(default_factory=dict)
    """Each spelling seen -> articles naming it."""
    owners: tuple[Key, ...] = ()
    """Longer names this one may be short for."""
    kind: str = ""
    """How it is short for them: 'surname', 'first name', 'middle' (a full
    name without a middle name or initial), 'prefixed' (a full name after a
    role or a stray word) or 'acronym'."""
    namesakes: tuple[Key, ...] = ()
    """For a surname that is also a first name: the names it begins ('Howard Hughes')."""
    target: Key | None = None
    """The entity it is across the library, when that is clear."""

    shown: str = ""
    """The spelling it is listed under."""

    @property
    def articles(self) -> int:
        return sum(self.forms.values())

    def choose_spelling(self, label: str) -> None:
        """The spelling most articles use, then one without a leading title
        ('Steve Scalise' over 'Majority Whip Steve Scalise'), the longest on
        a tie; for places and organisations the gazetteer's spelling first, if seen."""
        def rank(item: tuple[str, int]) -> tuple:
            canonical = label != "PERSON" and name_words(item[0]) == self.key
            words = name_words(item[0])
            untitled = not (label == "PERSON" and len(words) > 1 and words[0] in title_words())
            return (canonical, item[1], untitled, len(item[0]), item[0])

        self.shown = max(self.forms.items(), key=rank)[0]


class NameMerge:
    """Library-wide entities of one label, built from the names each article gives."""

    def __init__(self, label: str, articles: Iterable[Iterable[str]]) -> None:
        self.label = label
        self._key: dict[str, Key] = {}
        self._entities: dict[Key, _Entity] = {}
        # Articles per spelling first (one pass, plain counting), keys after.
        per_name: Counter[str] = Counter()
        acronym_articles: list[frozenset[str]] = []
        for names in articles:
            unique = frozenset(names)
            per_name.update(unique)
            if self.label in ACRONYM_LABELS:
                acronym_articles.append(unique)
        for name, count in per_name.items():
            key = self._key[name] = identity_key(name, label)
            if key:
                entity = self._entities.get(key) or self._entities.setdefault(key, _Entity(key))
                entity.forms[name] = count
        for entity in self._entities.values():
            entity.choose_spelling(label)
        self._alias_table: dict[str, tuple[Alias, ...]] | None = None
        self._find_owners()
        self._spelled_out = self._acronyms_beside_expansions(acronym_articles)
        self._find_targets()

    # -- building ---------------------------------------------------------

    def _find_owners(self) -> None:
        by_last: dict[str, list[Key]] = {}
        by_first: dict[str, list[Key]] = {}
        by_ends: dict[tuple[str, str], list[Key]] = {}
        by_initials: dict[str, list[Key]] = {}
        person = self.label in PERSON_LABELS
        for key, entity in self._entities.items():
            words = person_words(key)
            if person and len(words) >= 2 and not is_org_name(key):
                by_last.setdefault(words[-1], []).append(key)
                by_first.setdefault(words[0], []).append(key)
                # Whole words here: 'Donald Trump Jr' is not 'Donald Trump'.
                by_ends.setdefault((key[0], key[-1]), []).append(key)
            if self.label in ACRONYM_LABELS and len(key) >= 2:
                spellings = {initials(entity.shown), initials(entity.shown, whole_acronyms=True)}
                for letters in spellings:
                    if letters:
                        by_initials.setdefault(letters, []).append(key)
        for key, entity in self._entities.items():
            letters = acronym_letters(entity.shown) if self.label in ACRONYM_LABELS and len(key) == 1 else None
            if letters:
                # 'FA' is not 'Frank Arnesen', whatever his initials.
                entity.owners = tuple(
                    k for k in by_initials.get(letters, ()) if k != key and not looks_like_person(self._entities[k].shown)
                )
                entity.kind = "acronym"
                continue
            if not person or is_org_name(key):
                continue
            words = person_words(key)
            if len(words) == 1:
                surname = tuple(k for k in by_last.get(words[0], ()) if k != key)
                begun = tuple(k for k in by_first.get(words[0], ()) if k != key)
                if surname:
                    entity.owners, entity.kind = surname, "surname"
                    entity.namesakes = begun if is_first_name(words[0]) else ()
                else:
                    entity.owners, entity.kind = begun, "first name"
            elif plain := self._without_leading_words(key, by_ends):
                entity.owners, entity.kind = plain, "prefixed"
            else:  # 'George Bush' for 'George W Bush': the same ends, more in between
                middle = [k for k in by_ends.get((key[0], key[-1]), ()) if len(k) > len(key) and _subsequence(key, k)]
                entity.owners = tuple(dict.fromkeys([*middle, *self._formal_owners(key, by_last)]))
                entity.kind = "middle"

    def _formal_owners(self, key: Key, by_last: dict[str, list[Key]]) -> list[Key]:
        """'Chuck Schumer' for 'Charles Schumer' or 'Charles E. Schumer', when
        every person of that surname has that first name: two Joneses,
        Steve and Stephen, may be two people."""
        formal = formal_words(key)
        # Names that start with no first name ('Standard Editor Bill Kristol') are no one else.
        namesakes = [k for k in by_last.get(key[-1], ()) if k != key and is_first_name(formal_words(k)[0])]
        if formal == key or not namesakes or any(formal_words(k)[0] != formal[0] for k in namesakes):
            return []
        # The same last word: 'Donald Trump Jr' is not 'Donald Trump'.
        return [k for k in namesakes if k[-1] == key[-1] and _subsequence(formal, formal_words(k))]

    def _without_leading_words(self, key: Key, by_ends: dict[tuple[str, str], list[Key]]) -> tuple[Key, ...]:
        """'Majority Whip Steve Scalise', 'Counsel Robert Bauer': a full name
        the library holds (or one with a middle name, 'Robert F. Bauer')
        after words that are no first name (a role, a stray word); none when
        a first name comes first ('Omar Mir Seddique Mateen' keeps his)."""
        for start in range(1, len(key) - 1):
            if is_first_name(key[start - 1]):
                return ()
            rest = key[start:]
            if rest in self._entities:
                return (rest,)
            longer = tuple(k for k in by_ends.get((rest[0], rest[-1]), ()) if len(k) > len(rest) and _subsequence(rest, k))
            if longer:
                return longer
        return ()

    def _acronyms_beside_expansions(self, articles: list[frozenset[str]]) -> set[tuple[Key, Key]]:
        """(acronym, expansion) pairs some article names together."""
        acronyms = {key for key, entity in self._entities.items() if entity.kind == "acronym" and entity.owners}
        pairs: set[tuple[Key, Key]] = set()
        if not acronyms:
            return pairs
        for names in articles:
            keys = {self._key[name] for name in names}
            for key in keys & acronyms:
                pairs.update((key, owner) for owner in self._entities[key].owners if owner in keys)
        return pairs

    def _find_targets(self) -> None:
        """Longest first, so an owner's own target is known before its short forms'."""
        totals = {key: entity.articles for key, entity in self._entities.items()}
        for key in sorted(self._entities, key=lambda k: (-len(k), k)):
            entity = self._entities[key]
            target = self._library_target(entity, totals)
            if target is not None:
                entity.target = target
                totals[target] += totals[key]
        self._totals = totals
        self._display = self._choose_display()
        # Most names are no one's short form: their entity is the same in every article.
        self._plain = {
            name: self._display[key] for name, key in self._key.items() if key and not self._entities[key].owners
        }

    def _library_target(self, entity: _Entity, totals: dict[Key, int]) -> Key | None:
        """Whom a short form stands for in articles that name none of its owners."""
        owners = sorted({self._final(o) for o in entity.owners} - {entity.key}, key=lambda o: (-totals[o], o))
        if not owners:
            return None
        if entity.kind == "surname":
            return self._dominant(entity, owners, totals)
        if entity.kind == "acronym" and len(owners) > 1:
            # 'GM' is General Motors, which articles spell out beside it, not
            # 'Granada Men', named once: the one expansion with that evidence.
            spelled = {self._final(o) for o in entity.owners if (entity.key, o) in self._spelled_out} - {entity.key}
            return spelled.pop() if len(spelled) == 1 else None
        if len(owners) > 1:
            return None
        best = owners[0]
        if entity.kind == "acronym":
            # Evidence that the acronym is this expansion: some article spells
            # it out, or the expansion is the usual form, named in at least
            # twice as many articles ('NHS' is not 'Norfolk High School'
            # because one article named a school).
            evidence = any((entity.key, o) in self._spelled_out for o in entity.owners if self._final(o) == best)
            usual = totals[best] >= max(2, 2 * entity.articles)
            return best if evidence or usual else None
        return best

    def _dominant(self, entity: _Entity, owners: Iterable[Key], totals: dict[Key, int] | None = None) -> Key | None:
        """Of several owners, the one a bare surname means: news names a person
        in full first and by surname after, so a bare surname is its best-known
        bearer, one named far more than all other bearers together and no less
        than the people it is the first name of ('Charles' is not Ray Charles
        beside Charles Kennedy and Charles Clarke). No one for other short forms."""
        if entity.kind != "surname":
            return None
        totals = totals if totals is not None else self._totals
        ranked = sorted(owners, key=lambda o: (-totals.get(o, 0), o))
        best, others = ranked[0], sum(totals.get(o, 0) for o in ranked[1:])
        namesakes = sum(totals.get(self._final(o), 0) for o in entity.namesakes)
        return best if totals.get(best, 0) >= DOMINANCE * others and totals.get(best, 0) >= namesakes else None

    def _choose_display(self) -> dict[Key, str]:
        """Each entity is listed under its full name that most articles use
        ('Donald Trump' rather than 'Donald J. Trump' or 'Trump'); a
        one-word form (a surname, an acronym) only when it has no other."""
        best: dict[Key, tuple[bool, int, int, str]] = {}
        for key, entity in self._entities.items():
            final = self._final(key)
            full = key == final or (len(key) > 1 and entity.kind != "prefixed")
            rank = (full, entity.forms[entity.shown], len(entity.shown), entity.shown)
            if final not in best or rank > best[final]:
                best[final] = rank
        return {key: rank[3] for key, rank in best.items()}

    def _final(self, key: Key) -> Key:
        while (target := self._entities[key].target) is not None:
            key = target
        return key

    # -- using ------------------------------------------------------------

    def knows(self, name: str) -> bool:
        """Whether any article gave this name."""
        return name in self._key

    def shown(self, name: str) -> str:
        """The name an entity is listed under, across the library."""
        key = self._key.get(name)
        return self._display[self._final(key)] if key else name

    def resolve(self, names: Iterable[str]) -> dict[str, str | None]:
        """One article's names -> the entity each is counted under there,
        or None for a short form the article leaves ambiguous."""
        plain = self._plain
        names = list(names)
        if all(name in plain for name in names):  # most articles
            return {name: plain[name] for name in names}
        key_of, entities = self._key, self._entities
        keys = {name: key_of.get(name) or None for name in names}  # a name of no words stays as it is
        present = set(keys.values())
        short: list[Key] = [k for k in present if k and entities[k].owners]
        resolved: dict[Key, Key | None] = {}

        def settle(key: Key) -> Key | None:
            """Owners first: 'DiCaprio' waits for 'Actor Leonardo DiCaprio',
            which is 'Leonardo DiCaprio'."""
            if key in resolved:
                return resolved[key]
            entity = entities[key]
            if not entity.owners:
                return key
            resolved[key] = None  # a guard, should names ever own each other
            # A namesake the article names is whom it means ('Howard' beside 'Howard Hughes').
            owners = {r for o in (*entity.owners, *entity.namesakes) if o in present and (r := settle(o)) is not None}
            if len(owners) == 1:
                resolved[key] = owners.pop()
            elif owners:  # several here: the best known, if far the best known, else no one
                resolved[key] = self._dominant(entity, sorted(owners))
            else:
                resolved[key] = self._final(key)
            return resolved[key]

        for short_key in short:
            settle(short_key)
        result: dict[str, str | None] = {}
        for name, key in keys.items():
            if key is None:
                result[name] = name
            else:
                settled = resolved.get(key, key)
                result[name] = self._display[settled] if settled is not None else None
        return result

    def aliases(self, shown: str) -> tuple[Alias, ...]:
        """The other forms counted under the entity listed as `shown`: each
        with the names that, named in the same article, make it someone else."""
        return self._aliases().get(shown, ())

    def _aliases(self) -> dict[str, tuple[Alias, ...]]:
        if self._alias_table is None:
            found: dict[str, list[Alias]] = {}
            for key, entity in self._entities.items():
                final = self._final(key)
                shown = self._display[final]
                rivals = tuple(sorted(
                    form
                    for o in (*entity.owners, *entity.namesakes)
                    if self._final(o) != final
                    for form in self._entities[o].forms
                ))
                for form in entity.forms:
                    if form != shown:
                        found.setdefault(shown, []).append(Alias(form, rivals))
            self._alias_table = {shown: tuple(sorted(a, key=lambda a: a.name)) for shown, a in found.items()}
        return self._alias_table


def _subsequence(short: Key, long: Key) -> bool:
    words = iter(long)
    return all(word in words for word in short)


NAMED_LABELS = ("PERSON", "ORG", "PLACE")
SPEAKER = "SPEAKER"
"""Speakers are people or organisations: their names merge as those do."""


class LibraryNames:
    """The entities of a set of articles, each article's names given per
    label ('PERSON', 'ORG', 'PLACE', and 'SPEAKER' for whom it quotes)."""

    def __init__(self, names_per_article: Iterable[Mapping[str, Iterable[str]]]) -> None:
        articles = list(names_per_article)
        self.merges = {label: NameMerge(label, (a.get(label, ()) for a in articles)) for label in ("ORG", "PLACE")}
        # A speaker no article names as an organisation is read as a person,
        # so 'Bloomberg' quoted joins 'Michael Bloomberg' named elsewhere.
        orgs = self.merges["ORG"]
        self.merges["PERSON"] = NameMerge("PERSON", (
            [*a.get("PERSON", ()), *(s for s in a.get(SPEAKER, ()) if not orgs.knows(s))] for a in articles
        ))

    def resolve(self, names: Mapping[str, Iterable[str]], *, speakers_beside_names: bool = True) -> dict[str, dict[str, str | None]]:
        """label -> each of one article's names -> the entity it counts as
        there (None: a short form the article leaves ambiguous).

        Speakers are read beside the article's people and organisations
        ('Kennedy' quoted where 'Helena Kennedy' is named), or, for what a
        search on the speaker field must find again, beside its speakers alone."""
        speakers = list(names.get(SPEAKER, ()))
        result = {label: merge.resolve(names.get(label, ())) for label, merge in self.merges.items()}
        result[SPEAKER] = {}
        for label in ("PERSON", "ORG"):
            known = [s for s in speakers if self.merges[label].knows(s) and s not in result[SPEAKER]]
            if known:
                context = [*names.get(label, ()), *known] if speakers_beside_names else known
                resolved = self.merges[label].resolve(context)
                result[SPEAKER].update((s, resolved[s]) for s in known)
        result[SPEAKER].update((s, s) for s in speakers if s not in result[SPEAKER])
        return result

    def aliases(self, label: str, shown: str) -> tuple[Alias, ...]:
        if label != SPEAKER:
            return self.merges[label].aliases(shown)
        return self.merges["PERSON"].aliases(shown) or self.merges["ORG"].aliases(shown)


def merge_counts(label: str, names_per_article: Iterable[Iterable[str]]) -> tuple[NameMerge, list[set[str]]]:
    """Build the merge from articles' names and give each article's entities."""
    articles = [list(dict.fromkeys(names)) for names in names_per_article]
    merge = NameMerge(label, articles)
    return merge, [{e for e in merge.resolve(names).values() if e is not None} for names in articles]
