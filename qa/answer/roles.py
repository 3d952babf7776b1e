"""Who holds an office: whether a sentence makes a person the holder of the office a question asks for.

"Who is Cubic Telecom's CEO?", "Who manages Blackburn Rovers?", "Who runs North Korea?", "Who will replace Dean
Evason?" ask for the holder of an office (`asked_office`). English states a holder in a few ways, each read by
`binding`:

* a title before the name: "Panthers owner David Tepper", "Bloomberg Economics chief economist Tom Orlik",
  "His communications director, Tricia McLaughlin", "under coach Jeff Brohm", "a position held by John Murtough";
* an apposition: "Tom Orlik, chief economist at Bloomberg Economics", "Rob Naylor, the fund's chairman";
* a predicate: "Barry Napier will stay on as CEO", "X was named manager of Y", "X took over as head coach";
* the role verb the question asks with: "Y coaches X", "X is led by Y", "Y, who chairs the board";
* for a successor: "John Hynes as Evason's successor", "X replaces Evason", "Evason ... was replaced by X".

The same words name the holders of other offices, which are no answer: another holder's ("SoftBank CEO Junichi
Miyakawa" asked Cubic Telecom's CEO) or another office of the asked title ("assistant coach Bob Woods" asked the
coach, "former CEO", "Deputy Press Secretary Sabrina Singh" asked who runs North Korea).

A binding is a number in [-1, 1] (`ASKED_HOLDER` ... `OTHER_OFFICE`), so that aggregation can prefer the bound
holder and the ranker can read it as a feature (`AnswerCandidate.titled`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from qa.answer.mentions import TITLES, Mention, asked_title, asked_titles
from qa.lexicon import IRREGULAR, TITLE_SPELLINGS
from qa.query import Query, asked_role_verb, nation_named

ASKED_HOLDER = 1.0  # the asked office of the asked holder: "Cubic Telecom CEO X", "X manages Blackburn Rovers"
TITLED = 0.5  # the asked office, no holder written: "X will stay on as CEO", "His communications director, X"
LOOSELY = 0.25  # the asked title without the question's own modifier ("economist X" asked the chief economist), or
# a predicate in a sentence whose subject is some other name ("U.S. Soccer has appointed X as head coach")
UNBOUND = 0.0
OTHER_OFFICE = -1.0  # the asked title of another holder ("SoftBank CEO X"), or another office ("assistant coach X")

REACH = 60  # characters between a title (or role verb) and the name it gives it to
PREDICATE_REACH = 120  # ... and between a name and the title a predicate gives it, asides dropped ("Richard Teng,
# Binance's former global head of regional markets, will be the exchange's new CEO")
_DETERMINERS = frozenset("the a an its his her their our new current permanent full-time".split())
# words that end a title phrase read backwards: "This is what economist Larry Summers" gives no holder
_FUNCTION = frozenset("""is was are were be been being has have had will would can could what which who whom whose
    that this these those there here it as at by for from in into of on to with and or but said says than then when
    where while also after before since under over about against between among during through s""".split())
# qualifiers that make a title another office: an interim coach is not the coach, a former CEO not the CEO
_QUALIFIERS = {"acting": "acting", "interim": "acting", "caretaker": "acting", "former": "former", "ex": "former",
               "deputy": "deputy", "assistant": "assistant", "vice": "vice", "associate": "associate"}
_PRONOUN_HOLDER = re.compile(r"\b(?:his|her|their|its|our)\s+(?:[a-z-]+\s+){0,2}$", re.I)


@dataclass(frozen=True)
class Office:
    """The office a question asks the holder of.

    `titles`: the title words that name it, lower case ("coach"; "ceo"); `modifiers`: the words the question puts
    before its title ("head" coach, "chief" economist); `qualifier`: "acting", "former", ... when asked ("Who was
    Michigan's acting head coach?"); `holders`: the words of whose office it is ("blackburn", "rovers"), and
    `nation` when that is a country; `verb`: the forms of the role verb asked ("manages", "managed", ...);
    `predecessor`: for "Who replaced X?", X's names, lower case."""

    titles: frozenset[str]
    modifiers: frozenset[str] = frozenset()
    qualifier: str | None = None
    holders: frozenset[str] = frozenset()
    nation: str | None = None
    verb: re.Pattern[str] | None = None
    predecessor: frozenset[str] = frozenset()


# "Who replaced Frank Reich as head coach of the Carolina Panthers?", "Who will succeed Dean Evason?"
_SUCCESSION = re.compile(
    r"^\s*(?i:who)\s+(?i:(?:will|would|is\s+set\s+to|is\s+going\s+to|could|might)\s+)?"
    r"(?i:replace[sd]?|succeed(?:s|ed)?|is\s+replacing|(?:is\s+taking|took|takes|take)\s+over\s+from)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:\s+(?i:as)\s+(?P<office>[^?]+))?")


def asked_office(query: Query) -> Office | None:
    """The office `query` asks the holder of, or None when it asks none: "Who is the R of Y?", "Who is Y's R?",
    "Who heads / manages / runs Y?" (Query.roles) and "Who replaced / will succeed X (as R)?"."""
    if query.answer_type != "person":
        return None
    text = query.text
    succession = _SUCCESSION.match(text)
    if succession is not None:
        office_text = succession.group("office") or ""
        titles = asked_titles(office_text)
        predecessor = frozenset(w.lower().strip(".'’") for w in succession.group("name").split())
        holders = _capitalised(office_text)
        return Office(titles=_heads(office_text, titles), modifiers=_modifiers(office_text, titles),
                      holders=holders, nation=nation_named(office_text), predecessor=predecessor)
    asked = asked_title(text, query.roles)
    if not asked.titles:
        return None
    verb = role_verb_forms(asked_role_verb(text))
    titles = frozenset(query.roles) | _heads(text, asked.titles) if query.roles else _heads(text, asked.titles)
    holders = _holder_of(text, titles) or frozenset(asked.holders) - titles
    return Office(titles=titles, modifiers=frozenset() if query.roles else _modifiers(text, asked.titles),
                  qualifier=asked.qualifier or _qualifier_of(text, titles), holders=holders,
                  nation=nation_named(text), verb=verb)


def _holder_of(text: str, titles: frozenset[str]) -> frozenset[str]:
    """The holder a question writes with its title: "Michigan's acting head coach" (not the "Penn State" of the
    rest of the question), "the head coach of the Chicago Blackhawks"; empty when it writes none so."""
    title = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    owner = re.search(rf"((?:[A-Z][\w&.'’-]*\s+){{0,3}}[A-Z][\w&.'’-]*?)['’]s?\s+(?:[a-z-]+\s+){{0,3}}"
                      rf"(?i:{title})\b", text)
    if owner is None:
        owner = re.search(rf"(?i:{title})s?\s+(?:of|at|for)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*\s*){{1,4}})", text)
    return frozenset(_holder_words(owner.group(1))) if owner is not None else frozenset()


def _capitalised(text: str) -> frozenset[str]:
    return frozenset(re.sub(r"['’]s?$", "", w).lower() for w in re.findall(r"\b[A-Z][\w&.'’-]*", text)
                     if w.lower() not in _DETERMINERS)


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][\w-]*", text)


def _modifiers(text: str, titles: frozenset[str]) -> frozenset[str]:
    """The lower-case words a question writes right before a title ("head coach", "chief economist", "football
    director"): up to two, stopping at a determiner, a capitalised word (the holder's) or a qualifier."""
    words = _words(text)
    out = set()
    for i, w in enumerate(words):
        if w.lower() not in titles:
            continue
        for before in reversed(words[max(0, i - 2): i]):
            low = before.lower()
            # a verb's participle is no part of the title: "Who was appointed CEO of ...?"
            if before[:1].isupper() or low in _DETERMINERS or low in _QUALIFIERS or low in _FUNCTION or \
                    low.endswith("ed"):
                break
            out.add(low)
    return frozenset(out)


def _qualifier_of(text: str, titles: frozenset[str]) -> str | None:
    """A qualifier among the three words before an asked title: "the former British defense attaché"."""
    words = [w.lower() for w in _words(text)]
    for i, w in enumerate(words):
        if w in titles:
            found = next((_QUALIFIERS[b] for b in words[max(0, i - 3): i] if b in _QUALIFIERS), None)
            if found:
                return found
    return None


def _heads(text: str, titles: frozenset[str]) -> frozenset[str]:
    """The titles that are not modifiers of another ("chief economist": economist; "chairman and CEO": both)."""
    return titles - _modifiers(text, titles) or titles


def role_verb_forms(verb: str | None) -> re.Pattern[str] | None:
    """For "Who leads / coaches / chairs X?": the forms of that verb ("leads", "led", "leading"), which state the
    holder as well as an office title does ("X is now led by Y", "Y coaches X")."""
    if verb is None:
        return None
    verb = verb.lower()
    stem = verb[:-2] if verb.endswith(("ches", "shes")) else verb[:-1]
    irregular = [past for past, base in IRREGULAR.items() if base == stem]
    forms = [rf"{stem}(?:e|s|es|ed|d|ing|{stem[-1]}ing)?"] + [re.escape(w) for w in irregular]
    return re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I)


def _title_pattern(office: Office) -> re.Pattern[str]:
    spellings = [re.escape(t) for t in office.titles] + \
        [re.escape(s) for t in office.titles for s in TITLE_SPELLINGS.get(t, ())]
    return re.compile(rf"\b(?:{'|'.join(sorted(spellings, key=len, reverse=True))})(?:s|es)?\b", re.I)


# the holder written just before a title: "Epic Games CEO", "Manchester United's football director", "Bears head"
_HOLDER_BEFORE = re.compile(r"(?P<run>(?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*?)(?:['’]s?)?\s*$")
_OF_HOLDER = re.compile(r"^\s+(?:of|at|for|with)\s+(?:the\s+)?(?P<run>(?:[A-Z][\w&.'’-]*\s*){1,4})")
# between a title and the name it is given: "CEO Tim Sweeney", "CEO and co-founder Sam Altman", "Chairman, Rob
# Naylor", "coach: Jeff Brohm"
_TITLE_THEN_NAME = re.compile(r"^(?:\s+(?:and|&)\s+[\w-]+)?\s*[,:]?\s*(?:[A-Z][a-z]{0,3}\.\s+)?$")
_HELD_BY = re.compile(r"^[^.;]{0,30}\b(?:position|role|post|job|office|seat)\s+(?:held|filled|occupied)\s+by\s+$",
                      re.I)
# between a name and its title in an apposition: "Tom Orlik, chief economist", "Rob Naylor, the fund's chairman"
_APPOSITION = re.compile(r"^\s*(?:,|\(|–|—|-)\s*(?P<pre>(?:[\w'’&.-]+\s+){0,4}?)$")
_ASIDE = re.compile(r"\s*\([^()]{0,80}\)")
# a name right after a title is the one it is given: in "asking Bank of America’s Brian Moynihan, Citigroup CEO Jane
# Fraser", "Citigroup CEO" is Fraser's, no apposition of Moynihan
_NAME_NEXT = re.compile(r"^\s+(?:[A-Z][a-z]{0,3}\.\s+)?[A-Z][\w'’-]+")
# between a name and its title in a predicate: "will stay on as CEO", "was named manager", "is the CEO"
_PREDICATE = re.compile(
    r"^(?:\.?(?:\s+[A-Z][\w'’.-]*)+)?(?:\s*,[^,]{0,80},)?"  # the rest of a name ("J. Ray III"), an aside
    r"\s+(?:(?:[a-z]+\s+){0,3}?as|(?:is|was|has\s+been|had\s+been|will\s+be|became|becomes|"
    r"remains|remained|(?:was|were|is|has\s+been|been|be)\s+(?:named|appointed|hired|installed|confirmed|elected|"
    r"promoted|made|announced\s+as))(?:\s+(?:[a-z]+\s+){0,2}?as)?)\s+(?P<pre>(?:[\w'’&.-]+\s+){0,4}?)$")


def binding(sentence: str, m: Mention, office: Office) -> float:
    """How `sentence` binds the person `m` to `office`: ASKED_HOLDER, TITLED, LOOSELY, UNBOUND or OTHER_OFFICE
    (see the module's docstring). The best reading of the sentence wins, but any reading that gives the asked
    title to another holder or as another office makes it OTHER_OFFICE unless another reading binds it."""
    readings = []
    if office.predecessor:
        readings.append(_succession(sentence, m, office))
    if office.titles:
        readings.extend(_titled(sentence, m, office))
    if office.verb is not None:
        readings.append(_verb(sentence, m, office))
    best = max(readings, default=UNBOUND)
    if best > UNBOUND:
        return best
    return OTHER_OFFICE if any(r < UNBOUND for r in readings) else UNBOUND


def _titled(sentence: str, m: Mention, office: Office) -> list[float]:
    out = []
    for t in _title_pattern(office).finditer(sentence):
        if t.end() <= m.start and m.start - t.end() <= REACH:
            between = sentence[t.end(): m.start]
            if _TITLE_THEN_NAME.match(between) or _HELD_BY.match(between):
                out.append(_given(sentence, t, office, sentence[max(0, t.start() - REACH): t.start()], "",
                                  predicate=False))
        elif t.start() >= m.end and t.start() - m.end <= PREDICATE_REACH:
            # an aside does not part a predicate: "Jubelirer was (some may suggest overdue-ly) named Chair & CEO"
            between = _ASIDE.sub("", sentence[m.end: t.start()])
            apposition, predicate = _APPOSITION.match(between), _PREDICATE.match(between)
            found = apposition or predicate
            if found is not None and not _NAME_NEXT.match(sentence[t.end():]):
                out.append(_given(sentence, t, office, found.group("pre"), sentence[t.end():],
                                  predicate=predicate is not None and apposition is None, person=m))
    return out


def _given(sentence: str, t: re.Match[str], office: Office, before: str, after: str, *, predicate: bool,
           person: Mention | None = None) -> float:
    """The binding of one title `t` given to the person: its qualifier and modifiers against the asked ones, and
    its holder (written before the title, "of Y" after it, or a possessive pronoun) against the asked holder."""
    words = _words(before)
    lower_run = []
    for w in reversed(words):
        if w[:1].isupper() or w.lower() in _DETERMINERS or w.lower() in _FUNCTION or len(lower_run) == 2:
            break
        lower_run.append(w.lower())
    qualifier = next((_QUALIFIERS[w] for w in lower_run if w in _QUALIFIERS), None)
    # the modifiers: the lower-case words before the title, and a capitalised one the question asks ("Game director")
    title_modifiers = {w for w in lower_run if w not in _QUALIFIERS} | \
        {w.lower() for w in words[-2:] if w.lower() in office.modifiers}
    # "Deputy Press Secretary", "Former CEO": a capitalised qualifier among the title's last words
    qualifier = qualifier or next((_QUALIFIERS[w.lower()] for w in words[-3:] if w.lower() in _QUALIFIERS), None)
    if qualifier != office.qualifier:
        return OTHER_OFFICE  # "assistant coach Bob Woods", "former CEO", "Deputy Press Secretary Sabrina Singh"
    level = TITLED if not office.modifiers or office.modifiers & title_modifiers else LOOSELY
    stripped = before.rstrip()
    for w in lower_run:
        stripped = stripped[: stripped.lower().rfind(w)].rstrip()
    while stripped and stripped.split()[-1].lower() in office.modifiers:  # "CHICAGO BEARS | Head coach"
        stripped = stripped[: stripped.rfind(" ") + 1].rstrip() if " " in stripped else ""
    holder = _HOLDER_BEFORE.search(stripped.rstrip("|:–— "))
    of_holder = _OF_HOLDER.match(after) if after else None
    runs = [r for r in ((holder.group("run") if holder else None), (of_holder.group("run") if of_holder else None))
            if r and _holder_words(r) - office.modifiers]
    if runs:
        if not office.holders and office.nation is None:
            return level
        return max(_holder_fit(r, office) for r in runs)
    if _PRONOUN_HOLDER.search(before):
        return level  # "His communications director, Tricia McLaughlin": the holder was named before
    if office.holders and _names_holder(sentence, office):
        return ASKED_HOLDER if level == TITLED else level
    if predicate and person is not None and _names_someone_else(sentence, person, office):
        return LOOSELY  # "U.S. Soccer has appointed Emma Hayes as head coach": the office is the subject's
    return level


def _holder_words(run: str) -> set[str]:
    words = (re.sub(r"['’]s?$", "", w.strip(".,;:!?()\"“”")).lower() for w in run.split())
    return set(words) - _DETERMINERS - _FUNCTION - {""}


def _holder_fit(run: str, office: Office) -> float:
    """ASKED_HOLDER when the holder written is the asked one ("Panthers" for the Carolina Panthers, "Minnesota Wild"
    for the Wild, "North Korean" for North Korea), OTHER_OFFICE when it is another: no word in common, or each has a
    word the other lacks ("Capitol Music Group" asked Universal Music Group's)."""
    words = _holder_words(run) - office.modifiers
    if words <= office.holders or office.holders <= words or \
            (office.nation is not None and nation_named(run) == office.nation):
        return ASKED_HOLDER
    return OTHER_OFFICE


def _names_holder(sentence: str, office: Office) -> bool:
    """Whether the sentence names the asked holder anywhere: every capitalised word of its name ("CHICAGO BEARS"
    names no Chicago Blackhawks), or its nation."""
    written = {w.strip(".,;:!?()\"“”|") for w in _capitalised(sentence)}
    if office.nation is not None and nation_named(sentence) == office.nation:
        return True
    return bool(office.holders) and office.holders <= written


def _names_someone_else(sentence: str, person: Mention, office: Office) -> bool:
    """Whether the sentence, outside the person's name and its first word, names another capitalised thing."""
    rest = sentence[: person.start] + " " + sentence[person.end:]
    words = re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w&.'’-]*", rest.strip())
    return any(w.lower() not in office.titles and w.lower() not in TITLES for w in words if len(w) > 1)


# "Chinedum Okwudire, an associate professor of mechanical engineering who directs the lab": the relative clause
# after the apposition is the person's
_APPOSITION_WHO = re.compile(r"^\s*,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,6}?who\s+(?:[a-z]+ly\s+|now\s+|also\s+)?$")


def _verb(sentence: str, m: Mention, office: Office) -> float:
    """"Y coaches X", "Y, who chairs the board", "X is now led by Y": the role verb asked, with the person as its
    subject or its agent; ASKED_HOLDER when the asked holder is its object (or stands before a passive)."""
    assert office.verb is not None
    for v in office.verb.finditer(sentence):
        if v.start() >= m.end and v.start() - m.end <= REACH:
            between = sentence[m.end: v.start()]
            if (v.start() - m.end <= REACH // 2 and re.match(
                    r"^(?:\s*,(?:\s*who)?)?(?:\s+(?:[a-z]+ly|now|also|still|currently|has|have|had|will|would))*"
                    r"\s+$", between)) or _APPOSITION_WHO.match(between):
                obj = sentence[v.end(): v.end() + REACH]
                return ASKED_HOLDER if _names_holder(obj, office) else TITLED
        elif v.end() <= m.start and m.start - v.end() <= REACH:
            # "led by Chairman, Rob Naylor", "chaired by White House Deputy Chief of Staff Bruce Reed"
            if re.match(r"^\s+by\s+(?:[\w.,'’-]+\s+){0,7}?$", sentence[v.end(): m.start]):
                subject = sentence[max(0, v.start() - REACH): v.start()]
                return ASKED_HOLDER if _names_holder(subject, office) else TITLED
    return UNBOUND


def _succession(sentence: str, m: Mention, office: Office) -> float:
    """"John Hynes as Evason's successor", "X replaces Evason", "Evason was replaced by X", "Evason's successor,
    X": the person is named as the predecessor's successor."""
    names = "|".join(re.escape(n) for n in sorted(office.predecessor, key=len, reverse=True) if len(n) > 2)
    if not names:
        return UNBOUND
    low = sentence.lower()
    after, before = low[m.end: m.end + REACH], low[max(0, m.start - REACH): m.start]
    successor = rf"(?:{names})['’]s?\s+(?:\w+\s+)?(?:successor|replacement)"
    if re.match(rf"^[^.;]{{0,40}}?\b(?:{successor}|(?:replac|succeed)\w*\s+(?:\w+\s+){{0,2}}?(?:{names})\b|"
                rf"(?:takes?|took|taking)\s+over\s+from\s+(?:\w+\s+){{0,2}}?(?:{names})\b)", after):
        return ASKED_HOLDER
    if re.search(rf"\b(?:(?:{names})\b[^.;]{{0,60}}\b(?:replaced|succeeded)\s+by|{successor}\s*,?)\s+"
                 rf"(?:[\w.'’-]+\s+){{0,3}}?$", before):
        return ASKED_HOLDER
    return UNBOUND


def group_binding(levels: Iterable[float]) -> float:
    """A candidate's binding over all its sentences: the best positive one; else OTHER_OFFICE when any sentence
    gives it another office or holder; else UNBOUND."""
    levels = list(levels)
    best = max(levels, default=UNBOUND)
    if best > UNBOUND:
        return best
    return min(levels, default=UNBOUND)


def with_predecessor_title(office: Office, sentences: Iterable[str]) -> Office:
    """"Who will replace Dean Evason?" asks for Evason's office, which the question does not name: the title a
    sentence gives Evason ("relieved head coach Dean Evason") names it, so that "assistant coach Bob Woods" is
    read as another office. `office` unchanged when it has its titles or no sentence gives the predecessor one."""
    names = [n for n in office.predecessor if len(n) > 2]
    if office.titles or not names:
        return office
    last = re.escape(max(names, key=len))
    pattern = re.compile(rf"\b(?P<mods>(?:[a-z][\w-]*\s+){{0,2}}?)(?P<title>[A-Za-z][\w-]*)\s+"
                         rf"(?:[A-Z][\w.'’-]*\s+){{0,2}}(?i:{last})\b")
    for sentence in sentences:
        for t in pattern.finditer(sentence):
            title = t.group("title").lower()
            if title in TITLES:  # "head coach Dean Evason": the office is the coach's, "head" its modifier
                modifiers = frozenset(w for w in t.group("mods").lower().split()[-1:] if w in TITLES)
                return Office(titles=frozenset({title}), modifiers=modifiers, holders=office.holders,
                              nation=office.nation, predecessor=office.predecessor)
    return office
