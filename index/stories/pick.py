"""Which of a story's articles to put side by side when it has more than fit."""

from __future__ import annotations


def pick_coverage(articles: list[str], sources: dict[str, str], include: str | None, limit: int) -> list[str]:
    """Up to `limit` articles: `include` (the one the user is on) first, then
    one per outlet not yet chosen, in story order, then the rest."""
    chosen: list[str] = [include] if include in articles else []
    outlets = {sources.get(a, "") for a in chosen}
    for article in articles:
        outlet = sources.get(article, "")
        if article not in chosen and (not outlet or outlet not in outlets):
            chosen.append(article)
            if outlet:
                outlets.add(outlet)
    for article in articles:
        if article not in chosen:
            chosen.append(article)
    return chosen[:limit]
