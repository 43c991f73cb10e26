"""Read a user's query with Whoosh's parser, failing with one readable sentence."""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import qparser, query
from whoosh.util.text import rcompile

from ..errors import QueryError
from ..schema import SEARCH_FIELDS, build_schema
from . import limits
from .boolean import fix_boolean
from .filters import FILTER_PREFIXES, FILTER_TOKEN, StateFilterPlugin
from .limits import SpellingFuzzyTerm

FIELD_NAMES = ("title", "body", "source", "author", "published", "person", "org", "place", "speaker", "quote")
_FIELD_PREFIX = re.compile(r"(?<![\w\\])([A-Za-z_]+):(?=\S)")


class _SpellingFuzzyPlugin(qparser.FuzzyTermPlugin):
    """Fuzzy terms that spell from the typed word, with the distance capped.

    Whoosh reads one digit after `~`, so `election~999` would become
    `election~9 AND 99`; we read the whole number and cap it instead.
    """

    expr = rcompile(r"(?<=\S)~(?P<maxdist>[0-9]+)?(/(?P<prefix>[1-9][0-9]*))?")

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            term = SpellingFuzzyTerm(
                self.fieldname,
                self.text.lower(),
                boost=self.boost,
                maxdist=min(self.maxdist, limits.MAX_FUZZY_EDITS),
                prefixlength=self.prefixlength,
            )
            term.asked = self.maxdist
            return term


@lru_cache(maxsize=1)
def _parser() -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(SEARCH_FIELDS), build_schema())
    parser.add_plugin(_SpellingFuzzyPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(StateFilterPlugin())
    return parser


def parse_query(text: str) -> query.Query:
    """Parse a user query; raises `QueryError` with a readable reason."""
    # A feed's URL (feed:https://...) is not a field.
    for field_match in _FIELD_PREFIX.finditer(_without_phrases(FILTER_TOKEN.sub(" ", text))):
        if field_match.group(1) not in FIELD_NAMES and field_match.group(1).lower() not in FILTER_PREFIXES:
            raise QueryError(
                f"unknown field {field_match.group(1)!r} in {text!r}; "
                f"fields are {', '.join(f + ':' for f in FIELD_NAMES)}; filters are is:unread, is:read, "
                "is:starred and feed:NAME"
            )
    try:
        parsed = _parser().parse(text)
    except QueryError:  # a filter's own message (is:unknown)
        raise
    except Exception as error:  # Whoosh raises plain Exceptions for bad dates
        raise QueryError(_explain(text, error)) from error
    # Whoosh marks parts it could not parse with an `error` attribute.
    errors = list(_query_errors(parsed))
    if errors:
        raise QueryError(_explain(text, errors[0]))
    return fix_boolean(parsed.normalize())


def _without_phrases(text: str) -> str:
    return re.sub(r'"[^"]*"', '""', text)


def _explain(text: str, error: object) -> str:
    """A readable reason for a query Whoosh rejected."""
    if "published" in text:
        return (
            f"cannot understand the query {text!r}: dates are written YYYY, YYYY-MM or YYYY-MM-DD, "
            "ranges as published:[2024-01 to 2024-06]"
        )
    return f"cannot understand the query {text!r} ({error})"


def _query_errors(q: query.Query):
    if getattr(q, "error", None):
        yield q.error
    for child in q.children():
        yield from _query_errors(child)
