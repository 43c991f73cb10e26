"""Reading the two story files defensively: every key and type checked.

A damaged file never raises here; what validates is kept and each part
that does not is named in `problems`, so callers can refuse (listing
stories), keep what survives (adding), or repair and report (repair).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from .signature import Signature

STORIES_FILE = "stories.json"
SIGNATURES_FILE = "signatures.jsonl"
STORY_ID = re.compile(r"s[1-9][0-9]*\Z")


@dataclass
class Story:
    id: str
    title: str
    articles: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "articles": list(self.articles)}


@dataclass
class StoriesFile:
    """What `stories.json` holds, as far as it validates."""

    stories: dict[str, Story] = field(default_factory=dict)
    pinned: set[str] = field(default_factory=set)
    apart: set[frozenset[str]] = field(default_factory=set)
    next_number: int = 1
    problems: list[str] = field(default_factory=list)
    lost_pinned: list[str] = field(default_factory=list)
    """Pinned articles whose story did not survive: their placement is lost."""
    lost_apart: int = 0
    """Separated pairs that did not validate."""


def _is_str_list(value: Any) -> bool:
    # map() rather than a generator: stories.json lists every article (100k at a time, on every add).
    return isinstance(value, list) and all(map(isinstance, value, repeat(str)))


def parse_stories(text: bytes) -> StoriesFile:
    result = StoriesFile()
    if not text.strip():
        result.problems.append("the file is empty")
        return result
    try:
        data = json.loads(text.decode("utf-8"))
    except UnicodeDecodeError as error:
        result.problems.append(f"invalid UTF-8 at byte {error.start}")
        return result
    except json.JSONDecodeError as error:
        result.problems.append(f"not valid JSON at line {error.lineno}, column {error.colno}")
        return result
    if not isinstance(data, dict):
        result.problems.append(f"a JSON {type(data).__name__}, not an object")
        return result
    placed = _parse_stories_map(data.get("stories", {}), result)
    pinned = data.get("pinned", [])
    if isinstance(pinned, list):
        result.pinned = {item for item in pinned if isinstance(item, str)}
        if not _is_str_list(pinned):
            result.problems.append("'pinned' has entries that are not article ids")
    else:
        result.problems.append("'pinned' is not a list")
    apart = data.get("apart", [])
    if not isinstance(apart, list):
        result.problems.append("'apart' is not a list")
        apart = []
    for pair in apart:
        if _is_str_list(pair) and len(pair) == 2 and pair[0] != pair[1]:
            result.apart.add(frozenset(pair))
        else:
            result.lost_apart += 1
    if result.lost_apart:
        result.problems.append(f"'apart' has {result.lost_apart} entries that are not pairs of article ids")
    highest = max((int(story_id[1:]) for story_id in result.stories), default=0)
    number = data.get("next", highest + 1)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        result.problems.append("'next' is not a positive whole number")
        number = highest + 1
    result.next_number = max(number, highest + 1)
    result.lost_pinned = sorted(a for a in result.pinned if a not in placed)
    return result


def _parse_stories_map(stories: Any, result: StoriesFile) -> set[str]:
    """Fill `result.stories`; returns every article they place."""
    seen: set[str] = set()
    if not isinstance(stories, dict):
        result.problems.append("'stories' is not an object")
        return seen
    for story_id, item in stories.items():
        if not STORY_ID.match(story_id):
            result.problems.append(f"story id {story_id!r} is not of the form s1, s2, ...")
            continue
        if not isinstance(item, dict) or not _is_str_list(item.get("articles")):
            result.problems.append(f"story {story_id} has no list of article ids")
            continue
        title = item.get("title")
        if not isinstance(title, str):
            result.problems.append(f"story {story_id} has no title")
            title = ""
        articles = list(dict.fromkeys(item["articles"]))
        if not seen.isdisjoint(articles):
            articles = [a for a in articles if a not in seen]
        if len(articles) != len(item["articles"]):
            result.problems.append(f"story {story_id} lists articles twice or that other stories list")
        seen.update(articles)
        if articles:
            result.stories[story_id] = Story(story_id, title, articles)
    return seen


def read_stories(directory: Path) -> StoriesFile | None:
    """`stories.json` in `directory`, or None if there is none."""
    path = directory / STORIES_FILE
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        return StoriesFile(problems=[f"cannot be read ({error.strerror or error})"])
    return parse_stories(text)


@dataclass
class SignaturesFile:
    signatures: dict[str, Signature] = field(default_factory=dict)
    bad_lines: list[int] = field(default_factory=list)
    """1-based numbers of lines that did not parse (skipped)."""
    torn_end: bool = False
    """The last line is cut short (no newline): a crash during an append."""

    @property
    def problems(self) -> list[str]:
        found = []
        if self.torn_end:
            found.append("the last line is cut short (an interrupted add)")
        whole = [n for n in self.bad_lines if not (self.torn_end and n == self.bad_lines[-1])]
        if whole:
            shown = ", ".join(map(str, whole[:5])) + (", ..." if len(whole) > 5 else "")
            found.append(f"{len(whole)} line(s) do not parse (line {shown})")
        return found


def parse_signature(line: bytes) -> Signature | None:
    """One line of `signatures.jsonl`, or None when it is damaged."""
    try:
        data = json.loads(line.decode("utf-8"))
    except ValueError:  # includes UnicodeDecodeError: a line cut inside a character
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    terms, day = data.get("terms"), data.get("day")
    if not isinstance(terms, dict) or not all(
        isinstance(t, str) and isinstance(w, (int, float)) and not isinstance(w, bool) for t, w in terms.items()
    ):
        return None
    if day is not None and (not isinstance(day, int) or isinstance(day, bool)):
        return None
    return Signature.from_json(data)


def read_signatures(directory: Path) -> SignaturesFile:
    """Every signature that parses; later lines for an article win."""
    result = SignaturesFile()
    try:
        data = (directory / SIGNATURES_FILE).read_bytes()
    except FileNotFoundError:
        return result
    except OSError:
        result.bad_lines.append(1)
        return result
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        result.torn_end = bool(lines)
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        signature = parse_signature(line)
        if signature is None:
            result.bad_lines.append(number)
        else:
            result.signatures[signature.article] = signature
    if result.torn_end and (not result.bad_lines or result.bad_lines[-1] != len(lines)):
        result.torn_end = False  # complete JSON, only the newline missing
    return result


def stream_signatures(directory: Path) -> Iterator[Signature]:
    """The signatures that parse, line by line (later lines for an article
    come later; damaged lines are skipped), without holding the file."""
    try:
        handle = (directory / SIGNATURES_FILE).open("rb")
    except OSError:
        return
    with handle:
        for line in handle:
            if line.strip():
                signature = parse_signature(line.rstrip(b"\n"))
                if signature is not None:
                    yield signature


def end_with_newline(path: Path) -> None:
    """Before appending: finish a torn last line, so the next line stays whole."""
    try:
        with path.open("rb+") as handle:
            handle.seek(0, 2)
            if handle.tell() == 0:
                return
            handle.seek(-1, 2)
            if handle.read(1) != b"\n":
                handle.write(b"\n")
    except FileNotFoundError:
        return
