"""Static checks as tests, so the README's one test command runs them in CI:
ruff (pyflakes, bugbear, import order) over the repository and mypy over index/."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff():
    pytest.importorskip("ruff")
    result = _run("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_on_index():
    pytest.importorskip("mypy")
    result = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr
