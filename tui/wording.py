"""Counts and sentences said the same way by the command line and the app."""

from __future__ import annotations


def plural(count: int, word: str, many: str = "") -> str:
    """'1 article', '2 articles', '0 articles'; `many` for irregular plurals
    ('1 directory', '3 directories')."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def demo_summary(added: int, already: int) -> str:
    """What restoring the demo articles did, in one sentence."""
    if not added:
        return f"The demo articles are already in the library ({plural(already, 'article')}); nothing added."
    if already:
        return f"Added {plural(added, 'demo article')}; {already} {'was' if already == 1 else 'were'} already in the library."
    return f"Added {plural(added, 'demo article')}."
