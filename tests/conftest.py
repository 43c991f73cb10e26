from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"

COURAGEOUS_SEEDS = {"000_f2f3f3720328d6d9", "001_45ab43f7df5b0445", "002_e0a781dd2dda1269"}


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
