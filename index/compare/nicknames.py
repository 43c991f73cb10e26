"""Common English first names and their familiar forms ("Dick" Durbin is
Richard J. Durbin), so that two full names with one surname are told apart
only when their first names really differ ("Mary Cheney", "Dick Cheney")."""

from __future__ import annotations

_FORMS = {
    "alexander": "alex", "andrew": "andy drew", "anthony": "tony", "benjamin": "ben", "catherine": "kate cathy",
    "charles": "chuck charlie", "christopher": "chris", "daniel": "dan danny", "david": "dave", "deborah": "deb debbie",
    "donald": "don", "edward": "ed ted eddie", "elizabeth": "liz beth betsy eliza", "gerald": "jerry",
    "gregory": "greg", "james": "jim jimmy jamie", "jeffrey": "jeff", "jennifer": "jen jenny", "john": "jack johnny",
    "jonathan": "jon", "joseph": "joe", "joshua": "josh", "katherine": "kate kathy katie", "kenneth": "ken",
    "lawrence": "larry", "margaret": "peggy maggie meg", "matthew": "matt", "michael": "mike mick",
    "mitchell": "mitch", "nicholas": "nick", "patricia": "pat patty", "patrick": "pat", "peter": "pete",
    "rebecca": "becky", "richard": "dick rich rick", "robert": "bob rob bobby", "ronald": "ron", "samuel": "sam",
    "stephen": "steve", "steven": "steve", "susan": "sue", "theodore": "ted", "thomas": "tom", "timothy": "tim",
    "william": "bill will billy",
}
_FORMAL: dict[str, set[str]] = {}
for _formal, _familiar in _FORMS.items():
    for _name in [_formal, *_familiar.split()]:
        _FORMAL.setdefault(_name, set()).add(_formal)


def same_first_name(a: str, b: str) -> bool:
    """'Richard' and 'Dick', 'J.' and 'John': may these be one person's first name?"""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (min(len(a), len(b)) == 1 and a[:1] == b[:1]):
        return True
    return bool(_FORMAL.get(a, {a}) & _FORMAL.get(b, {b}))
