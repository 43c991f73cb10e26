"""A small library of generated multi-outlet stories, for the stories screen's tests.

Each event is reported by two or three outlets on nearby days, in different
words around the same names; a few stories have one article. Titles are
fixed so tests can look for them.
"""

from __future__ import annotations

from pathlib import Path

from ..conftest import write_article

OUTLETS = ("Harbour Herald", "Valley Times", "Coast Wire")

EVENTS = [
    # (key, day of July 2025 per outlet, title per outlet, the event's words)
    ("volcano", (3, 4, 5), "Volcano erupts near Reykjavik, grounding flights",
     "The Katla volcano in Iceland erupted on Thursday, sending an ash plume over Reykjavik. "
     "Icelandic authorities grounded flights at Keflavik airport and evacuated farms near Vik."),
    ("shutdown", (10, 10, 11), "Government shutdown ends after budget deal",
     "The federal government shutdown ended after Congress passed a stopgap budget. "
     "Senator Mitchell Ortega said furloughed workers would be paid; the shutdown lasted 35 days."),
    ("merger", (14, 15), "Lumen Rail and Northline agree rail merger",
     "Lumen Rail agreed to buy Northline Freight for 4 billion dollars, creating the largest "
     "freight railway in the Prairie provinces. Regulators in Winnipeg will review the merger."),
    ("chess", (20, 20, 22), "Teenager wins Oslo chess championship",
     "Fifteen-year-old Amara Lindqvist won the Oslo chess championship, beating grandmaster "
     "Pavel Dubrov in the final round. She is the youngest champion in the tournament's history."),
    ("flood", (25, 26), "Floods close the Danube river port at Galati",
     "Floodwater closed the Danube river port at Galati, Romania, halting grain barges. "
     "Port director Ilie Marinescu said the river rose three metres in two days."),
]

SINGLES = [
    (1, "Bakery chain opens in Tromso", "A bakery chain opened its first shop in Tromso, selling cardamom buns."),
    (8, "Museum returns bronze statue", "The museum in Ghent returned a bronze statue to its owners in Benin City."),
    (28, "Cycling race rerouted by roadworks", "The Tour of Flanders stage was rerouted around roadworks near Ypres."),
]

VARIANTS = (
    "{words}",
    "Reports on Friday: {words} Officials gave more details later.",
    "{words} Residents described the scene to reporters.",
)


def write_story_corpus(directory: Path) -> dict[str, list[str]]:
    """Write the corpus; returns each event's key and its files' stems."""
    written: dict[str, list[str]] = {}
    for key, days, title, words in EVENTS:
        for number, day in enumerate(days):
            outlet = OUTLETS[number]
            stem = f"{key}-{number}"
            heading = title if number == 0 else f"{title} ({outlet.split()[0]} report)"
            write_article(directory, f"{stem}.md", heading, VARIANTS[number].format(words=words),
                          source=outlet, published=f"2025-07-{day:02d}")
            written.setdefault(key, []).append(stem)
    for day, title, body in SINGLES:
        stem = title.split()[0].lower()
        write_article(directory, f"{stem}.md", title, body, source="Valley Times", published=f"2025-07-{day:02d}")
        written[stem] = [stem]
    return written

