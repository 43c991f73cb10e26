"""The names file keeps the library's entity counts as articles come and go
(index/names_store/tally.py): after any sequence of adds and removals they
equal counting every article's names from scratch, and a change counts
again only the articles it may affect."""

from __future__ import annotations

import random
import sqlite3

import pytest

from index.facets import _ranked, count_names
from index.names import LibraryNames, NameMerge
from index.names_store import connection as files
from index.names_store import store, tally

PEOPLE = ["Tony Blair", "Cherie Blair", "Euan Blair", "Gordon Brown", "Hillary Clinton", "Bill Clinton",
          "George W. Bush", "George Bush", "Michael Howard", "Howard Hughes", "Charles Kennedy",
          "Helena Kennedy", "Chuck Schumer", "Charles Schumer", "Lord Falconer", "Falconer", "Ray Charles",
          "Charles Clarke"]
SHORT = ["Blair", "Clinton", "Brown", "Kennedy", "Bush", "Howard", "Charles"]
ORGS = ["British Telecom", "BT", "General Motors", "GM", "Department of Homeland Security", "DHS",
        "Granada Men", "the BBC", "Labour Party"]
PLACES = ["London", "Paris", "United States", "U.S.", "US", "Kabul"]
SPEAKERS = ["Blair", "Tony Blair", "Clinton", "BT", "Howard", "Labour Party", "Hughes"]


def random_names(rng: random.Random) -> dict[str, list[str]]:
    names = {
        "PERSON": rng.sample(PEOPLE + SHORT, rng.randint(0, 4)),
        "ORG": rng.sample(ORGS, rng.randint(0, 3)),
        "PLACE": rng.sample(PLACES, rng.randint(0, 2)),
        "SPEAKER": rng.sample(SPEAKERS, rng.randint(0, 2)),
    }
    return {label: values for label, values in names.items() if values}


def from_the_file(directory) -> dict:
    with files.opened(directory, write=True) as connection:
        merged = tally.refresh(connection)
        return _ranked(merged, tally.counts_by_name(connection, merged), None)


def counted_again(directory, monkeypatch) -> list[int]:
    """How many articles the next read counts again."""
    seen: list[int] = []
    real = tally.recount
    monkeypatch.setattr(tally, "recount", lambda c, m, nums: seen.append(len(nums)) or real(c, m, nums))
    from_the_file(directory)
    monkeypatch.undo()
    return seen


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counts_kept_by_changes_equal_counting_everything(tmp_path, seed):
    rng = random.Random(seed)
    live: dict[str, dict[str, list[str]]] = {}
    for step in range(40):
        with files.opened(tmp_path, write=True) as connection:
            if live and rng.random() < 0.35:
                gone = rng.sample(sorted(live), rng.randint(1, min(6, len(live))))
                store.forget(connection, gone)
                for article_id in gone:
                    del live[article_id]
            else:
                rows = [(f"a{step}-{i}", random_names(rng)) for i in range(rng.randint(1, 8))]
                if live and rng.random() < 0.2:  # recorded again: replaced
                    rows.append((rng.choice(sorted(live)), random_names(rng)))
                store.put(connection, rows)
                for article_id, names in rows:
                    live.pop(article_id, None)
                    live[article_id] = names
        if step % 4 == 3:
            assert from_the_file(tmp_path) == count_names(live.values()), f"step {step}"
    assert from_the_file(tmp_path) == count_names(live.values())


def test_a_change_counts_again_only_what_it_may_affect(tmp_path, monkeypatch):
    rng = random.Random(5)
    with files.opened(tmp_path, write=True) as connection:
        store.put(connection, [(f"a{i}", random_names(rng)) for i in range(300)])
    assert counted_again(tmp_path, monkeypatch) == [300]  # the first count reads them all
    assert counted_again(tmp_path, monkeypatch) == []  # nothing changed
    with files.opened(tmp_path, write=True) as connection:
        store.put(connection, [("new", {"PLACE": ["Kabul"]})])
    assert counted_again(tmp_path, monkeypatch) == [1]


def test_a_surname_changing_hands_is_counted_again(tmp_path):
    """'Blair' alone is Tony Blair while he is named far more than Cherie; once
    she is named as often, it is no one, and beside both it is neither."""
    rows = [(f"tony{i}", {"PERSON": ["Tony Blair"]}) for i in range(6)]
    rows += [("cherie", {"PERSON": ["Cherie Blair"]}), ("alone", {"PERSON": ["Blair"]}),
             ("both", {"PERSON": ["Tony Blair", "Cherie Blair", "Blair"]})]
    with files.opened(tmp_path, write=True) as connection:
        store.put(connection, rows)
    live = dict(rows)
    people = {f.name: f.articles for f in from_the_file(tmp_path)["PERSON"]}
    assert people == {"Tony Blair": 8, "Cherie Blair": 2}
    more = [(f"cherie{i}", {"PERSON": ["Cherie Blair"]}) for i in range(6)]
    with files.opened(tmp_path, write=True) as connection:
        store.put(connection, more)
    live.update(more)
    assert from_the_file(tmp_path) == count_names(live.values())
    assert {f.name: f.articles for f in from_the_file(tmp_path)["PERSON"]}["Blair"] == 1


def test_the_merge_from_counts_is_the_merge_from_articles():
    rng = random.Random(9)
    articles = [random_names(rng) for _ in range(200)]
    merged = LibraryNames(articles)
    naming: dict[str, dict[str, int]] = {}
    for names in articles:
        for label, values in names.items():
            for name in set(values):
                naming.setdefault(label, {})[name] = naming.setdefault(label, {}).get(name, 0) + 1
        for name in set(names.get("PERSON", ())) & set(names.get("SPEAKER", ())):
            naming.setdefault("BOTH", {})[name] = naming.setdefault("BOTH", {}).get(name, 0) + 1

    def spelled_out(label):
        from index.names.forms import identity_key

        keys = [{identity_key(n, label) for n in names.get(label, ())} for names in articles]
        return lambda acronym, expansion: any(acronym in k and expansion in k for k in keys)

    again = LibraryNames.from_counts(naming, {label: spelled_out(label) for label in ("PERSON", "ORG", "PLACE")})
    for names in articles:
        assert again.resolve(names, speakers_beside_names=False) == merged.resolve(names, speakers_beside_names=False)
    for label in ("PERSON", "ORG", "PLACE"):
        assert again.merges[label].fingerprints() == merged.merges[label].fingerprints()
        assert again.merges[label]._aliases() == merged.merges[label]._aliases()


def test_dominance_is_kept_as_decisions_not_totals():
    """A surname's meaning changes only when whom it means beside some set of bearers does."""
    def meaning(tony: int, cherie: int) -> str:
        merge = NameMerge("PERSON", [["Tony Blair"]] * tony + [["Cherie Blair"]] * cherie + [["Blair"]])
        return merge.fingerprints()[("blair",)]

    assert meaning(30, 2) == meaning(31, 2)  # Tony far the best known either way
    assert meaning(30, 2) != meaning(30, 20)


def test_a_file_of_the_first_version_is_made_again(tmp_path):
    path = files.names_path(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE articles (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, names TEXT NOT NULL)")
        connection.execute("""INSERT INTO articles (id, names) VALUES ('old', '{"PERSON":["Tony Blair"]}')""")
        connection.execute("PRAGMA user_version = 1")
    with files.opened(tmp_path, write=False) as connection:
        assert connection is None  # not readable as it is
    with files.opened(tmp_path, write=True) as connection:
        assert store.ids(connection) == set()  # made again from the index by the next read (see sync)
        store.put(connection, [("new", {"PERSON": ["Tony Blair"]})])
    assert [f.name for f in from_the_file(tmp_path)["PERSON"]] == ["Tony Blair"]


def test_a_person_and_an_organisation_listed_under_one_name_count_an_article_once(tmp_path):
    """Speakers read as a person and as an organisation whose entities are
    listed under the same name: an article quoting both counts once."""
    rows = [
        ("club", {"ORG": ["Chelsea", "chelsea"]}),
        ("club2", {"ORG": ["Chelsea"]}),
        ("person", {"PERSON": ["Chelsea"]}),
        ("quotes-both", {"SPEAKER": ["chelsea", "Chelsea"]}),
        ("quotes-one", {"SPEAKER": ["Chelsea"]}),
    ]
    with files.opened(tmp_path, write=True) as connection:
        store.put(connection, rows)
    expected = count_names(names for _id, names in rows)
    assert {f.name: f.articles for f in expected["SPEAKER"]} == {"Chelsea": 2}
    assert from_the_file(tmp_path) == expected
