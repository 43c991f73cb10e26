"""Choose an analysis engine and run entities and quotes with it."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from .linking import link_acronyms, link_roles
from .model import Analysis, Entity
from .name_lists import ROLE_NOUNS
from .quotes import attribute_quotes


class EngineUnavailable(RuntimeError):
    """The requested engine is not installed; str() says how to install it."""


class Engine(Protocol):
    name: str

    def entities(self, text: str) -> list[Entity]: ...


def available_engines() -> list[str]:
    engines = ["builtin"]
    try:
        from . import nlp

        if nlp.is_installed():
            engines.append("nlp")
    except ImportError:
        pass
    return engines


@lru_cache(maxsize=4)
def get_engine(name: str | None = None) -> Engine:
    """`name` is 'builtin', 'nlp', or None for the best installed one."""
    from .builtin import BuiltinEngine

    if name in (None, "nlp"):
        try:
            from . import nlp

            if nlp.is_installed():
                return nlp.SpacyEngine(BuiltinEngine())
        except ImportError:
            pass
        if name == "nlp":
            raise EngineUnavailable(
                "the nlp engine is not installed; install it with `pip install 'newsreader[nlp]'`"
            )
    if name not in (None, "builtin"):
        raise EngineUnavailable(f"unknown engine {name!r}; choose builtin or nlp")
    return BuiltinEngine()


def analyse(text: str, engine: str | Engine | None = None) -> Analysis:
    """Entities and quotes of `text`, with offsets into exactly that text.
    Whatever engine found the names, mentions are then linked within the
    text: acronyms to their expansions, role nouns to their holder."""
    chosen = get_engine(engine) if engine is None or isinstance(engine, str) else engine
    entities = link_roles(text, link_acronyms(text, chosen.entities(text)), ROLE_NOUNS)
    return Analysis(entities=entities, quotes=attribute_quotes(text, entities))
