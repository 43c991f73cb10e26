from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"



def seed_id(number: int, library=None) -> str:
    """The id of seed file `number` (0 for `seeds/000_….txt`): made from the
    article itself, so the same in every library (`library`, if given, is
    checked to hold it)."""
    from index.ingest import read_article_file

    (path,) = SEEDS.glob(f"{number:03d}_*.txt")
    article_id = read_article_file(path).id
    if library is not None:
        assert library.get(article_id) is not None, f"seed {number} ({article_id}) is not in the library"
    return article_id


def file_id(path: Path) -> str:
    """The id the article in this file gets (made from the article, not the file's name)."""
    from index.ingest import read_article_file

    return read_article_file(path).id


def stem_ids(*places: Path) -> dict[str, str]:
    """File stem -> the id of its article, for the article files in `places`
    (files or directories, as `add` walks them)."""
    from index.ingest import iter_article_paths

    return {path.stem: file_id(path) for path in iter_article_paths(list(places)) if isinstance(path, Path)}


SEED_IDS = [seed_id(number) for number in range(5)]
"""Every seed's id, in file order."""

COURAGEOUS_SEEDS = {SEED_IDS[0], SEED_IDS[1], SEED_IDS[2]}


def seed_number(article_id: str) -> str:
    """'000' for the id of seed file 000, and so on: the id itself for any other article."""
    return f"{SEED_IDS.index(article_id):03d}" if article_id in SEED_IDS else article_id


@pytest.fixture(autouse=True)
def _private_config(tmp_path_factory, monkeypatch):
    """The app's remembered settings go to a temporary directory, never the user's."""
    monkeypatch.setenv("NEWSREADER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session", autouse=True)
def _builtin_engine():
    """Tests expect the built-in engine's results whatever else is installed."""
    from index import Library

    Library.engine = "builtin"
    yield


@pytest.fixture(scope="session")
def _seed_library_template(tmp_path_factory) -> Path:
    from index import Library

    directory = tmp_path_factory.mktemp("template") / "library"
    Library.open(directory, seed=True).close()
    return directory


@pytest.fixture
def library_dir(tmp_path, _seed_library_template) -> Path:
    """A fresh copy of a library built from the bundled seeds."""
    directory = tmp_path / "library"
    shutil.copytree(_seed_library_template, directory)
    return directory


@pytest.fixture
def library(library_dir):
    from index import Library

    lib = Library.open(library_dir)
    yield lib
    lib.close()


def write_article(directory: Path, name: str, title: str, body: str, **front: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    lines = []
    if front:
        lines.append("---")
        lines += [f"{key}: {value}" for key, value in front.items()]
        lines.append("---")
    lines += [title, "", body]
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_articles(directory: Path, count: int, prefix: str = "gen") -> list[Path]:
    """`count` distinct small articles, each with a unique word."""
    return [
        write_article(
            directory,
            f"{prefix}-{i:05d}.txt",
            f"Generated report number {i} from {prefix}",
            f"This is generated paragraph one about {prefix}{i}word and harbour policy.\n\n"
            f"A second paragraph mentions the council meeting {i} times.",
        )
        for i in range(count)
    ]


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run `newsreader ARGS` in this process: (exit code, stdout, stderr)."""
    from tui.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


async def settle(pilot) -> None:
    """Let the app finish what the last key started: workers, then a repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def interrupt_nth_document(monkeypatch, n: int) -> None:
    """Ctrl-C (a KeyboardInterrupt no handler caught) while the add makes its
    `n`th document, once: as a stray signal would land mid-write."""
    from index.library import adding

    real = adding.to_document
    calls = []

    def interrupted_once(article):
        calls.append(article.id)
        if len(calls) == n:
            raise KeyboardInterrupt
        return real(article)

    monkeypatch.setattr(adding, "to_document", interrupted_once)
