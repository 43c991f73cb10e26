"""Turning a library into one made before the stories side file (for migration tests)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def make_legacy(directory: Path, *, members: bool = True) -> None:
    """Write `signatures.jsonl` (and `story-members.jsonl`) from the side file,
    as the older version kept them, and delete the side file."""
    path = directory / "stories.sqlite3"
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT article, day, terms FROM signatures ORDER BY seq").fetchall()
    found = connection.execute("SELECT article, title, outlet, day FROM members").fetchall()
    connection.close()
    (directory / "signatures.jsonl").write_text("".join(
        json.dumps({"id": a, "day": d, "terms": {t: round(w, 2) for t, w in json.loads(terms).items()}},
                   ensure_ascii=False) + "\n" for a, d, terms in rows), encoding="utf-8")
    if members:
        (directory / "story-members.jsonl").write_text("".join(
            json.dumps({"id": a, "title": t, "outlet": o, "day": d}, ensure_ascii=False) + "\n"
            for a, t, o, d in found), encoding="utf-8")
    for name in ("stories.sqlite3", "stories.sqlite3-wal", "stories.sqlite3-shm"):
        (directory / name).unlink(missing_ok=True)
