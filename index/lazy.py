"""Names a module exports on first use (PEP 562), so importing it stays cheap:
the app paints before Whoosh, feedparser or the extractor are imported."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(module: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` loading `name` from `exports[name]`, a module path
    relative to `module`'s package (".search") or absolute; each name is
    imported once, then kept in the module."""
    package = module if hasattr(sys.modules[module], "__path__") else module.rpartition(".")[0]

    def __getattr__(name: str) -> Any:
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(import_module(source, package), name)
        setattr(sys.modules[module], name, value)
        return value

    return __getattr__
