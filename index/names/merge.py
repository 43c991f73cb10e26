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

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
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


SpelledOut = Callable[[Key, Key], bool]
"""Whether some article names an acronym (its key) beside an expansion (its key)."""


class NameMerge:
    """Library-wide entities of one label, built from the names each article gives."""

    def __init__(self, label: str, articles: Iterable[Iterable[str]]) -> None:
        # Articles per spelling first (one pass, plain counting), keys after.
        per_name: Counter[str] = Counter()
        acronym_articles: list[frozenset[str]] = []
        for names in articles:
            unique = frozenset(names)
            per_name.update(unique)
            if label in ACRONYM_LABELS:
                acronym_articles.append(unique)
        self._build(label, per_name, lambda merge: _pair_in(merge._acronyms_beside_expansions(acronym_articles)))

    @classmethod
    def from_counts(cls, label: str, per_name: Mapping[str, int], spelled_out: SpelledOut) -> NameMerge:
        """The same merge from what it is made of: articles per name, and which
        acronyms some article names beside which expansions (asked only of the
        few acronyms it decides). What the names file keeps, so a merge of
        100,000 articles needs no pass over them."""
        merge = cls.__new__(cls)
        merge._build(label, per_name, lambda _merge: spelled_out)
        return merge

    def _build(self, label: str, per_name: Mapping[str, int], spelled: Callable[[NameMerge], SpelledOut]) -> None:
        self.label = label
        self._key: dict[str, Key] = {}
        self._entities: dict[Key, _Entity] = {}
        for name, count in per_name.items():
            if count <= 0:
                continue
            key = self._key[name] = identity_key(name, label)
            if key:
                entity = self._entities.get(key) or self._entities.setdefault(key, _Entity(key))
                entity.forms[name] = count
        for entity in self._entities.values():
            entity.choose_spelling(label)
        self._alias_table: dict[str, tuple[Alias, ...]] | None = None
        self._find_owners()
        self._spelled_out = spelled(self)
        self._find_targets()

    def acronym_pairs(self) -> list[tuple[Key, Key]]:
        """(acronym, expansion) pairs whose being named together the merge may ask about."""
        return [(key, owner) for key, entity in self._entities.items() if entity.kind == "acronym"
                for owner in entity.owners]

    def forms_of(self, key: Key) -> tuple[str, ...]:
        """The spellings the library gives an entity's key."""
        entity = self._entities.get(key)
        return tuple(entity.forms) if entity else ()

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
        self._plain_keys = {name: key for name, key in self._key.items() if key and not self._entities[key].owners}
        self._plain = {name: self._display[key] for name, key in self._plain_keys.items()}

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
            spelled = {self._final(o) for o in entity.owners if self._spelled_out(entity.key, o)} - {entity.key}
            return spelled.pop() if len(spelled) == 1 else None
        if len(owners) > 1:
            return None
        best = owners[0]
        if entity.kind == "acronym":
            # Evidence that the acronym is this expansion: some article spells
            # it out, or the expansion is the usual form, named in at least
            # twice as many articles ('NHS' is not 'Norfolk High School'
            # because one article named a school).
            usual = totals[best] >= max(2, 2 * entity.articles)
            # Usual first: the evidence may be a question to the names file.
            return best if usual or any(self._spelled_out(entity.key, o) for o in entity.owners
                                        if self._final(o) == best) else None
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
        display = self._display
        return {name: (display[found] if isinstance(found, tuple) else found)
                for name, found in self.resolve_keys(names).items()}

    def resolve_keys(self, names: Iterable[str]) -> dict[str, Key | str | None]:
        """As `resolve`, by entity key rather than by the name it is listed
        under: the key stays when only the listed spelling changes. A name
        of no words stands for itself (a str)."""
        plain = self._plain_keys
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
        return {name: (name if key is None else resolved.get(key, key)) for name, key in keys.items()}

    def fingerprints(self) -> dict[Key, str]:
        """For each short form's key, all that decides what it resolves to in
        an article beyond the article's own names: its owners, whom it means
        where none is named, and which owner a surname means when several
        are. A key whose fingerprint is unchanged resolves as before in every
        article (names with no owners always resolve to their own key), so
        only articles naming a changed one need resolving again. Its two
        lines: what it is short for, and (for a surname) whom it means beside
        several bearers, which matters only in articles naming two or more."""
        found: dict[Key, str] = {}
        for key, entity in self._entities.items():
            if not entity.owners:
                continue
            base = json.dumps([entity.kind, sorted(entity.owners), sorted(entity.namesakes), self._final(key)],
                              separators=(",", ":"), ensure_ascii=False)
            dominance = self._dominance(entity) if entity.kind == "surname" else []
            found[key] = f"{base}\n{json.dumps(dominance, separators=(',', ':'), ensure_ascii=False)}"
        return found

    def rivals(self, key: Key) -> tuple[Key, ...]:
        """The names a short form may stand for in an article (its owners and namesakes)."""
        entity = self._entities.get(key)
        return (*entity.owners, *entity.namesakes) if entity else ()

    MAXIMAL_SETS = 64
    """Beyond this many sets of rivals a bearer dominates, its meaning keeps
    the totals themselves (exact, but changed by any article naming them)."""

    def _dominance(self, entity: _Entity) -> list:
        """Which bearer a surname means beside each set of them an article may
        name. A bearer named in t articles means it beside rivals named in s
        together when t >= DOMINANCE * s and t >= the namesakes' articles
        (all totals are 1 or more, so it is then the best known, see
        `_dominant`). So per candidate: never ([]), beside any rivals
        ('all'), or beside the sets of rivals small enough, kept as the
        largest such sets. These change far less often than the totals:
        adding 100 articles to 100,000 changed 33 surnames' totals and
        almost none of these."""
        candidates = sorted(self._settled_candidates(entity, set()))
        totals = {c: self._totals.get(c, 0) for c in candidates}
        namesakes = sum(self._totals.get(self._final(o), 0) for o in entity.namesakes)
        found: list = []
        for chosen in candidates:
            own = totals[chosen]
            rivals = sorted((totals[c], c) for c in candidates if c != chosen)
            if own < namesakes or not rivals or own < DOMINANCE * rivals[0][0]:
                found.append([])
            elif own >= DOMINANCE * sum(total for total, _ in rivals):
                found.append("all")
            else:
                largest = _largest_within([total for total, _ in rivals], own, self.MAXIMAL_SETS)
                if largest is None:
                    return [[c, totals[c]] for c in candidates] + [namesakes]
                found.append([[rivals[i][1] for i in chosen_set] for chosen_set in largest])
        return found

    def _settled_candidates(self, entity: _Entity, seen: set[Key]) -> set[Key]:
        """Every key a short form's owners may settle to in some article."""
        found: set[Key] = set()
        for owner in (*entity.owners, *entity.namesakes):
            if owner in seen:
                continue
            seen.add(owner)
            inner = self._entities[owner]
            if inner.owners:
                found |= self._settled_candidates(inner, seen)
                found.add(self._final(owner))
            else:
                found.add(owner)
        return found

    def display(self, key: Key) -> str:
        """The name an entity key is listed under."""
        return self._display[key]

    def key_of(self, name: str) -> Key | None:
        return self._key.get(name)

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


def _largest_within(totals: list[int], own: int, cap: int) -> list[tuple[int, ...]] | None:
    """The largest sets of `totals` (ascending) whose sum times DOMINANCE is
    at most `own`, as index tuples; None if more than `cap`."""
    found: list[tuple[int, ...]] = []
    budget = own // DOMINANCE  # DOMINANCE * s <= own, for whole numbers
    steps = [cap * 50]  # sets tried, at most

    def grow(start: int, chosen: tuple[int, ...], total: int) -> bool:
        steps[0] -= 1
        if steps[0] < 0:
            return False
        extended = False
        for i in range(start, len(totals)):
            if total + totals[i] > budget:
                break  # ascending: nothing after fits either
            extended = True
            if not grow(i + 1, (*chosen, i), total + totals[i]):
                return False
        if not extended and chosen:
            # Largest unless a skipped smaller total still fits.
            if not any(i not in chosen and total + totals[i] <= budget for i in range(len(totals))):
                found.append(chosen)
                if len(found) > cap:
                    return False
        return True

    return found if grow(0, (), 0) else None


def _tagged(label: str, found: Key | str) -> tuple[str, Key | str]:
    return (label, found) if isinstance(found, tuple) else ("", found)


def _pair_in(pairs: set[tuple[Key, Key]]) -> SpelledOut:
    return lambda acronym, expansion: (acronym, expansion) in pairs


def _subsequence(short: Key, long: Key) -> bool:
    words = iter(long)
    return all(word in words for word in short)


NAMED_LABELS = ("PERSON", "ORG", "PLACE")
SPEAKER = "SPEAKER"
BOTH = "BOTH"
"""Counts of names an article gives both as a person and as a speaker."""
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

    @classmethod
    def from_counts(cls, articles_naming: Mapping[str, Mapping[str, int]], spelled_out: Mapping[str, SpelledOut]) -> LibraryNames:
        """The same entities from counts the names file keeps: per label
        ('PERSON', 'ORG', 'PLACE', 'SPEAKER', and BOTH for a name an article
        gives both as a person and as a speaker) the articles giving each
        name, and per label whether an acronym is named beside an expansion."""
        merged = cls.__new__(cls)
        merged.merges = {label: NameMerge.from_counts(label, articles_naming.get(label, {}), spelled_out[label])
                         for label in ("ORG", "PLACE")}
        orgs = articles_naming.get("ORG", {})
        people, speakers, both = (articles_naming.get(label, {}) for label in ("PERSON", SPEAKER, BOTH))
        per_person = dict(people)
        for name, count in speakers.items():
            if not orgs.get(name, 0) and count > 0:  # read as a person, as above: counted once an article
                per_person[name] = per_person.get(name, 0) + count - both.get(name, 0)
        merged.merges["PERSON"] = NameMerge.from_counts("PERSON", per_person, spelled_out["PERSON"])
        return merged

    def speaker_merge(self, speaker: str) -> str:
        """Which label's entities a speaker is resolved among."""
        return "PERSON" if self.merges["PERSON"].knows(speaker) else "ORG"

    def resolve_keys(self, names: Mapping[str, Iterable[str]]) -> dict[str, set[tuple[str, Key | str]]]:
        """label -> the entities one article counts under it, as (merge
        label, key) or ('', name) for a name of no words: what
        `resolve(names, speakers_beside_names=False)` gives, by key."""
        result: dict[str, set[tuple[str, Key | str]]] = {}
        for label, merge in self.merges.items():
            result[label] = {_tagged(label, found) for found in merge.resolve_keys(names.get(label, ())).values()
                             if found is not None}
        speakers = list(dict.fromkeys(names.get(SPEAKER, ())))
        found_speakers: set[tuple[str, Key | str]] = set()
        for label in ("PERSON", "ORG"):
            known = [s for s in speakers if self.merges[label].knows(s)]
            speakers = [s for s in speakers if s not in known]
            if known:
                found_speakers.update(_tagged(label, found) for found in self.merges[label].resolve_keys(known).values()
                                      if found is not None)
        found_speakers.update(("", s) for s in speakers)
        result[SPEAKER] = found_speakers
        return result

    def shown(self, tagged: tuple[str, Key | str]) -> str:
        """The name an entity of `resolve_keys` is listed under."""
        label, found = tagged
        if isinstance(found, tuple):
            return self.merges[label].display(found)
        return found

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
