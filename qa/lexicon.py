"""Domain words as data: the one place where qa keeps English and news-domain vocabulary.

Rules for what may live here (and nowhere else in `qa/`):

* only words that are general to English news writing — question words, irregular verb forms,
  reporting verbs, office titles, nouns that name a kind of organisation or place, units of
  measure, the countries of the world and their demonyms;
* never the names, places or phrases of one story or one benchmark: a word belongs here only
  if it would be as useful on sports, business or science news as on the sample articles;
* every table says what reads it.

Terms are BM25 stems where they are compared with tokenised text (`qa.retrieval.bm25.tokenize`).
"""

from __future__ import annotations

# --- question analysis (qa/query.py)
# Words that say what kind of answer is wanted but are not what it is about.
QUESTION_WORDS = frozenset(
    """many much far long name named names say tell told according describe described kind type number numbers
    amount date dates day time exactly currently approximately roughly estimate estimated happen happened
    main question know known report reported reports reporting individual person entity article articles whose""".split()
)

# Words of a question's frame that say where its answer is written, not what it asks ("the president
# mentioned in the article", "the study discussed by Reuters"): the abstention model's focus leaves them
# out (abstain.focus_terms); 323 of MultiHop-RAG's 2,556 queries say "mentioned".
FRAME_WORDS = frozenset("mention mentioned mentions mentioning discussed cited featured".split())

# Irregular verb forms and British spellings, mapped to the form the tokenizer gives the regular one.
IRREGULAR = {
    "fought": "fight", "sent": "send", "led": "lead", "began": "begin", "begun": "begin", "went": "go",
    "gone": "go", "paid": "pay", "made": "make", "held": "hold", "told": "tell", "brought": "bring",
    "thought": "think", "met": "meet", "won": "win", "lost": "lose", "left": "leave", "defence": "defense",
    "offence": "offense", "kilometre": "kilometer", "kilometres": "kilometer", "seen": "see", "saw": "see",
    "known": "know", "knew": "know", "taken": "take", "took": "take", "bought": "buy", "sold": "sell",
    "chose": "choose", "chosen": "choose", "wrote": "write", "written": "write", "spoke": "speak",
    "spoken": "speak", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow",
    "grown": "grow", "hit": "hit", "ran": "run", "gave": "give", "given": "give", "got": "get",
    "came": "come", "became": "become", "fled": "flee", "kept": "keep", "stood": "stand",
    "shot": "shoot", "drew": "draw", "drawn": "draw", "withdrew": "withdraw", "withdrawn": "withdraw",
    "meant": "mean", "sought": "seek", "spent": "spend", "struck": "strike", "threw": "throw",
    "thrown": "throw", "understood": "understand", "stole": "steal", "stolen": "steal", "felt": "feel",
    "built": "build", "caught": "catch", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly",
    "hid": "hide", "hidden": "hide", "froze": "freeze", "frozen": "freeze", "broke": "break",
    "broken": "break", "forgot": "forget", "forgotten": "forget", "swore": "swear",
    "sworn": "swear", "overtook": "overtake", "overtaken": "overtake", "undertook": "undertake",
    "upheld": "uphold", "sank": "sink", "sunk": "sink", "wore": "wear", "worn": "wear", "woke": "wake",
    "bore": "bear", "borne": "bear", "dealt": "deal", "lent": "lend", "bent": "bend",
    "slid": "slide", "hung": "hang", "sang": "sing", "sung": "sing", "rang": "ring",
    "shook": "shake", "shaken": "shake", "forbade": "forbid", "forbidden": "forbid", "ate": "eat",
    "eaten": "eat", "beaten": "beat", "bitten": "bite", "rode": "ride", "ridden": "ride",
}

# News-domain synonym groups (BM25 stems): a question says "sent", the article "deployed".
SYNONYM_GROUPS = (
    "send deploy dispatch transferr transport sent",
    "fight combat battle clash engage engagement fire shell attack",
    "kill dead death casualty die mortality",
    "troop soldier force fighter men personnel",  # military personnel, in any war
    "expect anticipate predict forecast",
    "say stat report tell claim",
    "arrive reach",
    "defense defence",
    "buy acquir acquisit purchas",
    "win won victori beat",
    "ceo chief execut boss",
    "firm compani busi corpor",
    "fire dismiss oust remov",
    "sue lawsuit litig",
    # general English verbs and adjectives a reworded question uses for the article's word (base forms: the
    # matcher adds their inflections, qa/answer/question.py)
    "start begin launch commence",
    "go head travel journey move",
    "go enter invade incursion",
    "hard difficult tough challenge challenging",
    "identify distinguish recognize recognise tell",
    "still remain continue",
    "live reside resident",
    "work employ employee",
    "fight engage",
    "talk speak communicate converse",
    "give provide issue supply hand",
    "army military",
    "use utilize",
    # more general news English (session 11): verbs and nouns a reader swaps for the reporter's word
    "check audit inspect examine verify scrutinize scrutinise",
    "prepare brace",
    "move relocate transport transferr",
    "replace succeed substitute",
    "rise increase climb jump gain grow soar surge",
    "fall drop dropp decline slide sink sank plunge tumble slump dip dipp",
    "cross enter invade incursion",
    "lead head direct chair helm",
    "cost price",
    "arrest detain apprehend",
    "ban prohibit outlaw forbid",
    "allow permit",
    "help assist aid",
    "reveal disclose unveil",
    "hire recruit",
    "quit resign",
    "build construct",
    "marry wed",
    "injure wound hurt",
    "warn caution",
    "choose select pick",
    "appoint nominate",
    "cancel scrap",
    "delay postpone",
    "child kid children kids",
    "doctor physician",
    "film movie",
    "need require",
    "try attempt",
    "stop stopp halt",
    "study research",
    "researcher scientist",
    "release publish",
    "protest demonstrat rally",
    "assault raid offensive",
    "kidnap kidnapp abduct",
    "vaccinate immunize immunise inoculate",
    "refuse reject",
    "flu influenza",
    "interpreter translator",
    "labour labor worker workforce",
)

# What happened to the people a count asks about ("How many soldiers have died / were arrested?"): a figure
# answers only from a sentence that states that outcome, not the size of the group ("1.3 million soldiers").
# Base forms; read by qa/answer/extractive.py through the term matcher (inflections and synonyms count).
COUNT_OUTCOMES = frozenset(
    """kill die dead death casualty wound injure injury arrest detain evacuate displace hospitalize infect rescue
    capture""".split()
)

# The nouns of a hyphenated count of a group's members ("the nine-person jury", "a 12-member council", "a five-man
# crew", "a 15,000-strong force"): the figure counts the people who make up the noun after it (jurors, councillors).
# Read by qa/answer/quantities.py.
MEMBER_NOUNS = frozenset("person member man woman strong player".split())

# Nouns that stand for a number of people, so that a figure written without a noun of its own counts people when
# the sentence gives it to one of them: "The population in the camp ... is estimated at around 40,000", "a crowd of
# 45,000", "the death toll rose to 120". Read by qa/answer/quantities.py (`implied_unit`).
PEOPLE_COUNTED_BY = frozenset(
    """population populations attendance crowd crowds turnout toll tolls headcount workforce membership enrollment
    enrolment audience""".split()
)

# Capitals and seats of government named for their country ("Pyongyang has 7.6 million reservists" is
# North Korea's; "Moscow sent" is Russia's): the metonymy of all news writing. Read by the term matcher
# (qa/answer/question.py), which lets a capital in a question match its country or demonym in a sentence.
# Extend freely (`country: capital, seat;`, country names as in COUNTRIES).
CAPITALS = """
afghanistan: kabul; argentina: buenos aires; australia: canberra; austria: vienna; belarus: minsk;
belgium: brussels; brazil: brasilia; canada: ottawa; china: beijing; colombia: bogota; cuba: havana;
denmark: copenhagen; egypt: cairo; ethiopia: addis ababa; finland: helsinki; france: paris, elysee;
germany: berlin; greece: athens; hungary: budapest; india: new delhi, delhi; indonesia: jakarta;
iran: tehran; iraq: baghdad; ireland: dublin; israel: jerusalem; italy: rome; japan: tokyo; kenya: nairobi;
lebanon: beirut; mexico: mexico city; netherlands: amsterdam, the hague; nigeria: abuja; north korea: pyongyang;
norway: oslo; pakistan: islamabad; philippines: manila; poland: warsaw; portugal: lisbon; qatar: doha;
russia: moscow, kremlin; saudi arabia: riyadh; serbia: belgrade; south korea: seoul; spain: madrid;
sweden: stockholm; switzerland: bern; syria: damascus; taiwan: taipei; thailand: bangkok; turkey: ankara;
ukraine: kyiv, kiev; united kingdom: london, downing street, whitehall; united states: washington, white house;
venezuela: caracas; vietnam: hanoi
"""

# "Who heads NATO?": verbs that ask for the person holding an office (present tense only: "who led the
# funding round" asks about an event, not an office), and the titles that hold one. A
# question "who heads/leads/runs X" is answered by a sentence naming X's head by title ("NATO Secretary
# General Mark Rutte"), which never says "heads" (qa/query.py drops the verb from the terms; the
# answer's sentence must carry one of the titles, qa/answer/evidence.py).
ROLE_VERBS = frozenset(
    "heads leads runs chairs commands directs manages governs captains coaches owns".split()
)
# A verb that names one office ("Who chairs the council?") is answered by that office's holder ("chaired by
# ... Bruce Reed", "owner David Tepper"), not by any leader named nearby ("Vice President Harris"); the
# general verbs (heads, leads, runs) take any of LEADER_TITLES.
TITLES_OF_ROLE_VERB: dict[str, frozenset[str]] = {
    "chairs": frozenset("chair chairman chairwoman chairperson".split()),
    "commands": frozenset("commander".split()),
    "directs": frozenset("director".split()),
    "manages": frozenset("manager".split()),
    "governs": frozenset("governor".split()),
    "captains": frozenset("captain skipper".split()),
    "coaches": frozenset("coach".split()),
    "owns": frozenset("owner".split()),
}
# Titles English also writes out in words: "Cubic Telecom chief executive Barry Napier" is its CEO (qa/answer/roles.py).
TITLE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ceo": ("chief executive officer", "chief executive"),
    "cfo": ("chief financial officer",),
    "coo": ("chief operating officer",),
    "cto": ("chief technology officer",),
}
LEADER_TITLES = frozenset(
    """head chief leader secretary general president chairman chairwoman chair chairperson director ceo executive
    commander governor mayor premier chancellor minister boss founder captain coach manager principal
    dean""".split()
)

# Words of a question that name the kind of answer, not its topic: a sentence holding a value of that kind
# ($10, "August", "Los Angeles", "36 percent") satisfies them whatever its own words ("It will run you $10"
# answers "how much does it cost"). Base forms; qa/query.py matches their inflections.
TYPE_WORDS: dict[str, frozenset[str]] = {
    # "pay", "price", "spend" stay terms: they name the payment's own event ("pay to settle the investigation",
    # "the price Apple set"), which a figure of another payment does not answer (mixed set, session 3)
    "money": frozenset("cost worth".split()),
    "place": frozenset("live locate base situate headquarter reside".split()),
    "organisation": frozenset("work employ company firm organization organisation".split()),
    "percent": frozenset("percentage percent share proportion fraction".split()),
    "age": frozenset("old age".split()),
    "score": frozenset("score scoreline margin".split()),  # "By what score did A beat B?": "a 26-14 win"
    # "What is the size of the army?", "What range do estimates give?": a sentence with a count answers them
    "count": frozenset("size total tally strength range figure".split()),
}

# Month and weekday names as written: a capitalised word that dates, names no one ("On Monday, 32-year-old ...").
# How news writes a currency before an amount ("$600", "US$171", "C$20 billion", "NIS 15 million", "Rs 230 crore") and
# after it ("15 million shekels"): regular expressions for money mentions and figures (qa/answer/mentions.py,
# qa/answer/quantities.py).
CURRENCY_BEFORE = (r"(?:US|A|C|NZ|HK|S|R)?\$|[€£¥₹₪₩₽]|(?:USD|EUR|GBP|NIS|ILS|INR|Rs\.?|CHF|CAD|AUD|JPY|CNY|RMB|"
                   r"SEK|NOK|DKK|ZAR|BRL|MXN|KRW)")
CURRENCY_AFTER = (r"dollars|euros|pounds|yen|yuan|rupees|roubles|rubles|shekels|francs|pesos|lira|naira|baht|rand|"
                  r"cents?|pence")

# The periods a rate is written over: "550 patients a day", "$10 per month", "30 points a game" (a rate asked and a
# rate written meet on them: qa/query.py, qa/answer/quantities.py).
RATE_PERIODS = ("hour", "day", "night", "week", "month", "year", "game", "match", "season")
# ... and the adverbs that write a rate ("NIS 15 million annually"), each with its period; also how often something
# happens, which is no date (qa/answer/mentions.py)
RATE_ADVERBS = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week", "monthly": "month",
                "yearly": "year", "annually": "year"}

# Days named, not numbered: "Officially released on Valentine's Day" dates a release as "February 14" does
# (date mentions, qa/answer/mentions.py). Regular expressions, apostrophes either way.
HOLIDAYS = (
    r"(?:Valentine|New\s+Year|Mother|Father|St\.?\s+Patrick|Saint\s+Patrick|Presidents)['’]s\s+Day",
    r"(?:Christmas|Boxing|Independence|Thanksgiving|Memorial|Labou?r|Veterans|Election|Inauguration|Armistice|"
    r"Remembrance|Bastille|Australia|Canada|Columbus|Victoria)\s+Day",
    r"Christmas(?:\s+Eve)?", r"New\s+Year['’]s\s+Eve", r"Easter(?:\s+(?:Sunday|Monday))?", r"Good\s+Friday",
    r"Thanksgiving", r"Halloween", r"Hanukkah", r"Diwali", r"Ramadan", r"Yom\s+Kippur", r"Rosh\s+Hashanah",
)

CALENDAR_WORDS = frozenset(
    """January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday""".split()
)

# The verbs that introduce who said something ("X said", "according to X"): the attribution of a figure
# (qa/answer/quantities.py).
REPORTING_VERBS = (
    "said says say reported reports report stated states confirmed confirms estimated estimates estimate "
    "anticipates anticipated expects expected believes believe believed indicated indicate indicates claimed "
    "claims claim suggest suggests suggested told warned warns revealed reveals alerted announced cites cited "
    "assessed assesses put puts noted notes added wrote writes according"
).split()
# ... and the verbs that give someone's account more broadly: a sentence with one of these reports what its subject
# said, for "What did X say about ...?" (qa/answer/extractive.py `_reports`).
ACCOUNT_VERBS = REPORTING_VERBS + "described describes emphasized emphasised expressed argued argues insisted denied " \
    "predicted responded responds replied replies reacted reacts condemned condemns dismissed dismisses".split()

# Office titles: "which colonel ...", and the words that mark a capitalised phrase as a role, not a name.
ROLES = frozenset(
    """general colonel spokesman spokeswoman spokesperson minister secretary analyst expert president commander
    founder cofounder head chief official ambassador leader director envoy attaché attache veteran officer adviser
    advisor governor mayor senator professor journalist reporter editor ceo cfo cto chairman chairwoman chair
    executive player coach manager quarterback pitcher striker goalkeeper actor actress singer author judge
    prosecutor lawyer attorney agent economist investor billionaire entrepreneur scientist researcher candidate
    lawmaker deputy staff chemist physicist biologist warden sheriff chancellor principal inspector captain
    admiral""".split()
)

# Nouns for people that are no title: "the aid worker", "a passenger" are not offices held ("CEO Brian Armstrong"),
# but they ask for a person's name ("What is the name of the aid worker ...?"). Read by qa/query.py and, as no
# title, by qa/answer/mentions.py.
UNTITLED_PERSON_NOUNS = frozenset(
    """individual person people man woman figure star celebrity champion veteran staff worker employee volunteer
    staffer resident passenger student patient survivor witness gunman shooter attacker hostage prisoner inmate
    defendant plaintiff customer citizen migrant refugee tourist visitor climber surfer hiker runner swimmer
    cyclist rider jockey trainer referee umpire teammate rookie""".split()
)
# The noun after "which" that says the answer is a person / an organisation / a place.
PERSON_NOUNS = frozenset(
    """individual person people man woman official minister spokesman spokeswoman spokesperson analyst colonel
    general expert secretary president leader founder commander attaché attache ceo executive player athlete coach
    manager quarterback pitcher star celebrity actor actress singer author judge lawyer investor billionaire
    entrepreneur scientist researcher figure candidate lawmaker senator governor mayor batter batsman bowler
    boxer heavyweight fighter driver golfer striker goalkeeper defender midfielder winger receiver champion
    writer novelist director producer host presenter journalist reporter editor chairman chairwoman owner
    rapper musician artist comedian officer commissioner character bishop archbishop priest pastor rabbi imam
    cardinal pope reverend nun monk exorcist linebacker cornerback lineman shortstop outfielder infielder
    catcher scholar historian economist academic activist doctor surgeon physician nurse teacher professor
    warden guard sheriff detective inspector investigator chancellor principal pilot sergeant
    lieutenant captain admiral mogul tycoon designer architect engineer inventor
    composer conductor dancer photographer filmmaker screenwriter playwright poet prospect rookie draftee recruit""".split()
) | UNTITLED_PERSON_NOUNS
# Kinship and acquaintance: "What is the name of Erin Spiceland's daughter?" asks a person's name.
KIN_NOUNS = frozenset(
    """daughter son child wife husband spouse partner mother father parent brother sister sibling grandfather
    grandmother grandson granddaughter uncle aunt nephew niece cousin friend girlfriend boyfriend fiancé fiancée
    victim suspect""".split()
)
ORGANISATION_NOUNS = frozenset(
    """company companies organisation organization agency firm corporation startup start-up business team club
    group outlet publication newspaper network platform brand bank exchange university party government
    ministry department institution manufacturer maker retailer studio label league union regulator
    entity service app publisher magazine broadcaster channel airline automaker carmaker insurer lender
    chain institute nonprofit charity foundation association laboratory hospital clinic""".split()
)
# Things measured by their length: "How long is the bus line?" asks a distance ("a 20-mile line"), where "How long
# is the trial?" asks a duration.
LENGTH_NOUNS = frozenset(
    """line road bridge tunnel river border wall pipeline track runway coastline coast route trail canal railway
    railroad highway motorway street cable fence frontline front corridor lane path beach""".split()
)
# Buildings and grounds that answer "Where?" though the recogniser reads their names as organisations ("taken to
# Taylorville Memorial Hospital", "detained at Rikers Island Jail", "played at Wembley Stadium")
FACILITY_NOUNS = frozenset(
    """hospital clinic airport stadium arena prison jail penitentiary school university college campus church mosque
    cathedral temple synagogue museum gallery hotel station courthouse court hall theatre theater academy base
    barracks port harbour harbor mall library centre center park ballpark racecourse observatory zoo palace castle
    restaurant camp""".split()
)
PLACE_NOUNS = frozenset("country city region state place location nation town area province capital continent venue "
                        "village county district island neighborhood neighbourhood suburb kibbutz site".split()) | \
    (FACILITY_NOUNS & frozenset(  # asked as places too: "At which observatory ...?" -> "the W.M. Keck Observatory"; not
        # the ones that also name a body ("Which court ruled?", "Which TV station ...?", "Which school ...?")
        """observatory museum stadium arena airport prison jail penitentiary cathedral church mosque temple synagogue
        hotel mall park ballpark racecourse zoo palace castle restaurant courthouse barracks harbour harbor port
        camp""".split()))
# Places smaller than a country that a question may ask for by their noun ("In which US city ...?"): a country or a
# continent does not answer them ("America" for the city where Germany played Mexico; qa/answer/aggregate.py).
# The states of the United States, Canada's provinces and Australia's states: a region, which does not answer a
# question asking a city, town or suburb ("In which Phoenix suburb ...?" is not answered by "Arizona").
REGIONS = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
    indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
    montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
    wisconsin wyoming""".split()
    + ["new hampshire", "new jersey", "new mexico", "new york state", "north carolina", "north dakota",
       "rhode island", "south carolina", "south dakota", "west virginia", "ontario", "quebec", "alberta",
       "british columbia", "manitoba", "saskatchewan", "nova scotia", "new south wales", "queensland",
       "tasmania", "western australia", "south australia"]  # not Washington, Victoria: cities too
)
SETTLEMENT_NOUNS = frozenset("city town village suburb neighborhood neighbourhood kibbutz municipality capital".split())
CONTINENTS = frozenset(["africa", "america", "americas", "asia", "europe", "oceania", "antarctica", "australasia",
                        "eurasia", "north america", "south america", "latin america", "central america", "middle east"])

# Answer-type cues for numbers with a unit.
MONEY_WORDS = frozenset(
    """pay paid paying cost costs spend spent salary salaries price priced worth money budget revenue revenues
    sales profit profits loss losses valuation valued fine fined raise raised funding fund invest invested
    overspend overspent overspending underspend
    dollar dollars euro euros yen yuan rupee rupees
    investment earn earned earnings income fee fees debt debts loan loans sell sells sold selling fetch fetched
    donate donates donated donating donation donations charge charges charged charging lose loses losing""".split()
)

# What an amount of money is the amount of (qa/answer/money_kinds.py; Query.money_kinds): a question asking one
# kind is not answered by an amount a sentence binds to another ("What revenue ...?" by "a $55 price target").
# Words of one group are the same kind; generic verbs ("pay", "earn", "worth") name none and are left out.
MONEY_KINDS: dict[str, frozenset[str]] = {
    "sales": frozenset("revenue revenues sales turnover takings grossed gross".split() + ["box office"]),
    "profit": frozenset("profit profits".split() + ["net income", "operating income", "net loss", "operating loss"]),
    "valuation": frozenset("valuation valuations valued".split() + ["market cap", "market capitalization",
                                                                      "market capitalisation", "market value"]),
    "price": frozenset("price prices priced cost costs costing fee fees retail retails msrp spend spent spending "
                       "budget acquire acquired acquires acquisition buy buys bought purchase purchased charge charges "
                       "charged charging".split() + ["price tag"]),
    "funding": frozenset("raised raise raises raising funding financing round investment investments invested "
                         "invest".split()),
    "salary": frozenset("salary salaries wage wages compensation paycheck".split()),
    "penalty": frozenset("fine fines fined penalty penalties settlement settle settled damages".split()),
    "target": frozenset(["price target", "price targets"]),
    "debt": frozenset("debt debts loan loans".split()),
    "prize": frozenset("prize jackpot purse".split() + ["prize money"]),
}

# Unit nouns by class (qa/answer/quantities.py reads them to type a figure).
UNIT_CLASSES: dict[str, frozenset[str]] = {
    "personnel": frozenset(
        "troop troops soldier soldiers force forces fighter fighters men man servicemen personnel "
        "combatant combatants infantry infantrymen recruit recruits mercenary mercenaries "
        "commando commandos people strong".split()
    ),
    "people": frozenset(
        "persons residents citizens users customers employees workers staff members fans viewers "
        "subscribers students patients voters visitors players spectators attendees".split()
    ),
    "reservists": frozenset("reservist reservists".split()),
    "distance": frozenset(
        "mile miles kilometer kilometers kilometre kilometres km kms meter meters metre metres feet foot yards "
        "ground territory far distance acres hectares square".split()
    ),
    "money": frozenset(
        "dollar dollars $ usd euro euros € won rouble roubles ruble rubles pound pounds £ yen yuan rupees pay paid "
        "paying payment salary cost costs spend spent price shekels francs pesos lira naira baht rand".split()
    ),
    # not "points" alone: "how many points did he score" counts points ("percentage points" is typed by "percentage")
    "percent": frozenset("percent per cent % percentage".split()),
    "time": frozenset("second seconds minute minutes day days week weeks month months year years hour hours "
                      "decade decades long".split()),
    "age": frozenset("year-old years-old aged age".split()),
    # measures of physical quantities: "how much electricity" is answered by "2.8 gigawatt-hours of electricity"
    "energy": frozenset(
        "electricity watt watts kilowatt kilowatts megawatt megawatts gigawatt gigawatts terawatt terawatts kwh mwh gwh "
        "twh kilowatt-hour kilowatt-hours megawatt-hour megawatt-hours gigawatt-hour gigawatt-hours terawatt-hours".split()
    ),
    "weight": frozenset("weight tons tonnes ton tonne kilograms kilogram kg kilos grams ounces lb lbs".split()),
    "temperature": frozenset("degrees degree celsius fahrenheit".split()),
    "liquid": frozenset("litres liters litre liter gallons gallon barrels barrel".split()),
    "formation": frozenset(
        "unit units brigade brigades battalion battalions division divisions corps regiment "
        "regiments group groups".split()
    ),
}

# Countries and their demonyms: what lets "how many Brazilian fans" match "Brazil's fans" and keeps
# a figure about one nation's group from answering a question about another's. The major nations by
# population and news coverage; extend freely (`country: demonym, demonym;`).
COUNTRIES = """
afghanistan: afghan, afghans; albania: albanian; algeria: algerian; argentina: argentine, argentinian;
armenia: armenian; australia: australian, australians; austria: austrian; azerbaijan: azerbaijani;
bangladesh: bangladeshi; belarus: belarusian; belgium: belgian; bolivia: bolivian; brazil: brazilian, brazilians;
bulgaria: bulgarian; cambodia: cambodian; canada: canadian, canadians; chile: chilean; china: chinese;
colombia: colombian; croatia: croatian; cuba: cuban; czechia: czech; denmark: danish, dane; egypt: egyptian;
estonia: estonian; ethiopia: ethiopian; finland: finnish, finn; france: french; georgia: georgian;
germany: german, germans; ghana: ghanaian; greece: greek; hungary: hungarian; india: indian, indians;
indonesia: indonesian; iran: iranian, iranians; iraq: iraqi, iraqis; ireland: irish; israel: israeli, israelis;
italy: italian, italians; japan: japanese; jordan: jordanian; kazakhstan: kazakh; kenya: kenyan;
latvia: latvian; lebanon: lebanese; libya: libyan; lithuania: lithuanian; malaysia: malaysian; mexico: mexican;
moldova: moldovan; morocco: moroccan; myanmar: burmese; netherlands: dutch; new zealand: new zealander;
nigeria: nigerian; north korea: north korean, north koreans, dprk; norway: norwegian; pakistan: pakistani;
palestine: palestinian, palestinians; peru: peruvian; philippines: filipino; poland: polish, pole, poles;
portugal: portuguese; qatar: qatari; romania: romanian; russia: russian, russians; saudi arabia: saudi, saudis;
serbia: serbian, serb; singapore: singaporean; slovakia: slovak; south africa: south african;
south korea: south korean, south koreans; spain: spanish, spaniard; sudan: sudanese; sweden: swedish, swede;
switzerland: swiss; syria: syrian, syrians; taiwan: taiwanese; thailand: thai; turkey: turkish, turk, turks;
ukraine: ukrainian, ukrainians; united arab emirates: emirati; united kingdom: british, briton, britons, uk;
united states: american, americans, u.s., usa; venezuela: venezuelan; vietnam: vietnamese; yemen: yemeni;
bahamas: bahamian, bahamians; barbados: barbadian, barbadians, bajan; belize: belizean; costa rica: costa rican;
ecuador: ecuadorian; el salvador: salvadoran; guatemala: guatemalan; guyana: guyanese; haiti: haitian, haitians;
honduras: honduran; jamaica: jamaican, jamaicans; nicaragua: nicaraguan; panama: panamanian; paraguay: paraguayan;
puerto rico: puerto rican; trinidad and tobago: trinidadian, trinidadians; uruguay: uruguayan; iceland: icelandic;
cyprus: cypriot; malta: maltese; slovenia: slovenian; bosnia: bosnian; montenegro: montenegrin; mongolia: mongolian;
nepal: nepali, nepalese; sri lanka: sri lankan; uzbekistan: uzbek; oman: omani; kuwait: kuwaiti; bahrain: bahraini;
tunisia: tunisian; senegal: senegalese; uganda: ugandan; tanzania: tanzanian; rwanda: rwandan; somalia: somali;
zimbabwe: zimbabwean; zambia: zambian; cameroon: cameroonian; angola: angolan; mozambique: mozambican;
fiji: fijian; samoa: samoan; tonga: tongan; scotland: scottish, scot, scots; wales: welsh
"""


def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in COUNTRIES.split(";"):
        name, _, demonyms = entry.partition(":")
        name = " ".join(name.split())
        if not name:
            continue
        table[name] = name
        for d in demonyms.split(","):
            if d.strip():
                table[" ".join(d.split())] = name
    return table


NATION_OF: dict[str, str] = _country_table()  # "brazilian" -> "brazil", "north korean" -> "north korea"


def _nation_forms() -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for word, nation in NATION_OF.items():
        forms.setdefault(nation, {nation}).add(word)
    return {nation: frozenset(words) for nation, words in forms.items()}


NATION_FORMS: dict[str, frozenset[str]] = _nation_forms()  # "barbados" -> {barbados, barbadian, barbadians, bajan}


def _capital_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in CAPITALS.split(";"):
        country, _, capitals = entry.partition(":")
        country = " ".join(country.split())
        for c in capitals.split(","):
            if c.strip():
                table[" ".join(c.split())] = country
    return table


COUNTRY_OF_CAPITAL: dict[str, str] = _capital_table()  # "pyongyang" -> "north korea", "white house" -> "united states"


# English number words and their values, as news writes small and round figures ("five units", "a thousand")
NUMBER_WORD_VALUES = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "a hundred": 100,
    "a thousand": 1000,
}
