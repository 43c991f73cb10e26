"""stories.json is validated as it was read before, only faster."""

from __future__ import annotations

import json

from index.stories.files import parse_stories


def _parse(data: dict):
    return parse_stories(json.dumps(data).encode())


def test_articles_listed_twice_or_by_two_stories_keep_their_first_place():
    found = _parse({
        "next": 4,
        "pinned": ["a", "c", "gone"],
        "stories": {
            "s1": {"title": "One", "articles": ["a", "b", "a"]},
            "s2": {"title": "Two", "articles": ["b", "c"]},
            "s3": {"title": "Three", "articles": ["a"]},
        },
    })
    assert {sid: s.articles for sid, s in found.stories.items()} == {"s1": ["a", "b"], "s2": ["c"]}
    assert sum("lists articles twice" in p for p in found.problems) == 3
    assert found.lost_pinned == ["gone"]
    assert found.next_number == 4


def test_a_story_whose_list_holds_other_than_ids_is_dropped():
    found = _parse({"stories": {"s1": {"title": "One", "articles": ["a", 3]}, "s2": {"title": "Two", "articles": ["b"]}}})
    assert list(found.stories) == ["s2"]
    assert found.problems == ["story s1 has no list of article ids"]
    assert found.next_number == 3


def test_a_clean_file_has_no_problems():
    found = _parse({"next": 3, "pinned": ["a"], "apart": [["a", "b"]],
                    "stories": {"s1": {"title": "One", "articles": ["a"]}, "s2": {"title": "Two", "articles": ["b"]}}})
    assert found.problems == [] and found.lost_pinned == []
    assert found.apart == {frozenset(("a", "b"))}
