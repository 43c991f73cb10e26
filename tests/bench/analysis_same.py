"""Does analysis still give the same output? Dump it for a sample of BBC
articles with one checkout, compare with another's.

    cd /work/wt-base && .venv/bin/python /path/to/tests/bench/analysis_same.py dump before.json
    cd /work/wt-NAME && .venv/bin/python tests/bench/analysis_same.py dump after.json
    .venv/bin/python tests/bench/analysis_same.py compare before.json after.json

The checkout whose `index` package is analysed is the current directory's, so
one script serves both sides. Every entity (offsets, text, label, canonical
form), quote and speaker of body and title must match: speed-ups of analysis
are refactors, never changes of output. Run by hand (needs ../shared).
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, is_dataclass
from pathlib import Path


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return {key: _plain(item) for key, item in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def dump(out: Path, count: int, step: int) -> None:
    sys.path.insert(0, os.getcwd())
    from index.ingest import read_article_file
    from index.library.adding import analyse_article

    bbc = Path(os.getcwd()).parent / "shared" / "data" / "bbc"
    if not bbc.is_dir():
        bbc = Path("/work/shared/data/bbc")
    paths = sorted(bbc.rglob("*.txt"))[::step][:count]
    result = {}
    cpu = 0.0
    for path in paths:
        article = read_article_file(path)
        started = time.process_time()
        analyse_article(article, "builtin")
        cpu += time.process_time() - started
        result[str(path.relative_to(bbc))] = {"body": _plain(article.analysis), "title": _plain(article.title_analysis)}
    out.write_text(json.dumps(result, sort_keys=True, ensure_ascii=False))
    print(f"{len(paths)} articles, analysis {cpu / len(paths) * 1000:.2f} ms CPU each")


def compare(first: Path, second: Path) -> int:
    before, after = json.loads(first.read_text()), json.loads(second.read_text())
    differ = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    print(f"{len(before)} vs {len(after)} articles; {len(differ)} differ" + (f": {differ[:10]}" if differ else ""))
    return 1 if differ or not before else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 400, int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
