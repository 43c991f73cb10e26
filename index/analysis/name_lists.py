"""Hand-kept word lists the built-in recogniser adds to the generated
gazetteer (gazetteer.json is rebuilt by scripts/build_gazetteer.py; these
are kept here so a rebuild never loses them). Each list is merged into the
`Gazetteer` by `gazetteer.load()`."""

from __future__ import annotations

PERSON_TITLES = (
    # Roles in US house style and in government ("White House Counsel Don
    # McGahn", "Press Secretary Sarah Sanders", "Sens. Warren and Sanders").
    "Counsel", "Adviser", "Advisor", "Administrator", "Attorney", "Sheriff", "Treasurer", "Comptroller",
    "Press Secretary", "Chief of Staff", "Majority Leader", "Minority Leader", "Whip", "Rev.", "Reverend",
    "Pastor", "Sgt.", "Lt.", "Cong.", "Atty.", "Supt.", "Det.", "Sens.", "Reps.", "Senators", "Governors",
    "Representatives", "Congressmen", "Justices", "Judges", "Chancellor of the Exchequer",
)
ORG_HEADS = (
    "Research", "Consulting", "Labs", "Software", "Studios", "Records", "Pictures",
    # Newspapers ("Evening Standard", "Daily Mirror").
    "Standard", "Mirror", "Express", "Mail", "Observer", "Chronicle", "Courier", "Inquirer", "Examiner",
    "Corps", "Foods",
)
PLACE_HEADS = ("Tower", "Towers", "Building", "End", "County")
OTHER_HEADS = (
    # Awards and competitions: events and things, not people ("Golden Globe").
    "Globe", "Globes", "Oscar", "Oscars", "Bafta", "Baftas", "Emmy", "Emmys", "Grammy", "Grammys",
    "Premiership", "Election", "Elections", "Nations", "Lecture", "Tonight",
)
PLACES = {
    # Dotted US state abbreviations of AP and NYT style, which read as acronyms.
    "Washington, D.C.": ("D.C.",),
    "New York": ("N.Y.",),
    "New Jersey": ("N.J.",),
    "New Hampshire": ("N.H.",),
    "New Mexico": ("N.M.",),
    "North Carolina": ("N.C.",),
    "South Carolina": ("S.C.",),
    "North Dakota": ("N.D.",),
    "South Dakota": ("S.D.",),
    "Rhode Island": ("R.I.",),
    "United Kingdom": ("GB",),
}
NOT_FIRST_NAMES = frozenset({"North", "South", "East", "West", "General", "Grand", "Golden", "Royal"})
"""In the census first-name lists, but in news they open a place or a title."""
ORGANISATIONS = {
    # Other spellings and forms of names the generated list holds.
    "Liberal Democrats": ("Liberal Democrat", "Lib Dems", "Lib Dem"),
    "World Trade Organization": ("World Trade Organisation", "WTO"),
    "World Health Organization": ("World Health Organisation",),
    # Clubs as headlines and match reports shorten them.
    "Manchester United": ("Man Utd", "Man United"),
    "Manchester City": ("Man City",),
}
ROLE_NOUNS = (
    # Roles one person holds at a time, which an article may use for a
    # person it has named with that title ("President Trump" ... "the
    # president"); longest first.
    "prime minister", "foreign minister", "foreign secretary", "home secretary", "secretary of state",
    "attorney general", "chancellor", "president", "vice president", "senator", "governor", "mayor",
    "speaker", "chairman", "chairwoman", "chief executive", "coach", "manager", "premier", "pope", "king",
    "queen", "congressman", "congresswoman", "sheriff", "prosecutor",
)
ORG_FIRST_WORDS = frozenset({"Deutsche", "Banco", "Banca", "Banque", "Compagnie", "Societe", "Société", "Groupe",
                             "Grupo", "Crédit"})
"""Foreign words that open company names ("Deutsche Boerse", "Banco Santander")."""
