"""Names a sentence describes by the noun a "Which <noun> ...?" question asks for.

"Which Arkansas publisher filed the suit?" is answered by the name the evidence calls a publisher ("filed by
Arkansas-based publisher Helena World Chronicle"), not by the court or the company sued beside it; "In which
kibbutz ...?" by "the kibbutz of Be'eri"; "For which magazine ...?" by "M Le Monde magazine". English writes such
a description in a few fixed places around a name:

* before it: "publisher Helena World Chronicle", "heavyweight Joseph Parker", "the kibbutz of Be'eri", "the
  city of Brisbane";
* right after it: "M Le Monde magazine", "the Koronus Expanse region";
* in an apposition: "Accel, a venture firm that ...", "Mila, an AI research institute", "Accel, one of the
  firms that ...".

The noun is read in the singular: a plural describes a set the name qualifies or belongs to ("both Manchester
clubs", "7 clubs League One"). The question's words before its noun qualify it ("England batter", "Japanese club"):
a description that repeats them (a nation by any of its names: "Japanese" and "Japan") fits the question better
than one that does not, and the proper ones alone, right before a name, describe it ("England's in-form Phil Salt").

A name also answers as asked when it does what the question asks of it: "Which firm led the $8.5 million seed
round ...?" by the doer of that verb as `qa.answer.agents` reads it ("Accel led the company's $8.5 million seed
round", "the round, led by Accel"), with one of the question's other words beside it (`does_as_asked`).

`described_mentions` adds the names so described (or doing so) as mentions of the asked type (the recogniser reads
many short or foreign names as the wrong kind or none: "Be'eri" ORG, "Accel" nothing); `prefer_described` weighs
down the other candidates when one is so described, as `aggregate._prefer_introduced` does for a title.

Pure; no model. The nouns come from `qa.lexicon` through `qa.query.asked_noun`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, MutableMapping, Protocol, Sequence

from qa.answer.agents import asked_verb, is_agent
from qa.answer.mentions import _ADJECTIVE_PART, Mention, _caps_runs, _nation, _org_key, _surname_key
from qa.answer.question import content_terms, term_match
from qa.lexicon import COUNTRY_OF_CAPITAL
from qa.query import Query

NOT_DESCRIBED, DESCRIBED, DESCRIBED_AS_ASKED = 0, 1, 2
# a candidate no sentence describes by the asked noun, when another one is so described (as aggregate's
# NOT_INTRODUCED for a title): kept, since many right answers are written without their kind ("Accel led ...")
NOT_DESCRIBED_WEIGHT = 0.6
# nouns that only restate the answer type: every candidate of the type is one, so a sentence calling one of them so
# singles nothing out ("accuses Google and parent company Alphabet" for "Which company ...?", MultiHop-RAG)
GENERIC_NOUNS = frozenset("company organisation organization business entity group person individual people man "
                          "woman figure place location".split())
MODIFIER_REACH = 40  # characters before the noun read for the question's qualifying words ("Arkansas-based")
APPOSITION_WORDS = 4  # words between an apposition's article and its noun ("a venture capital firm")


class _Statement(Protocol):
    text: str


class _Group(Protocol):
    """What `prefer_described` reads and weighs of an aggregated candidate (`aggregate.AnswerCandidate`)."""

    support: float

    @property
    def statements(self) -> Sequence[tuple[_Statement, Mention]]: ...


# an apposition's words before its noun hold no preposition or relative ("a city with a bank")
_APPOSITION_LEAD = (r"(?:(?!(?:with|of|in|at|on|for|from|by|to|and|or|that|which|who|whose)\b)[\w'’-]+\s+)"
                    rf"{{0,{APPOSITION_WORDS}}}?")


def _noun_pattern(noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "(?:e?s)?"
    return rf"(?:{re.escape(noun)}|{plural})"


def described_level(sentence: str, start: int, end: int, noun: str, modifiers: Sequence[str] = (),
                    noun_written: bool = False) -> int:
    """How `sentence` describes the name at `start:end` by `noun` (before or after it, in an apposition, or as the
    name's own last word: "Spanish Town Hospital"): DESCRIBED_AS_ASKED when it also writes the
    question's qualifying words near the noun (all of `modifiers`), DESCRIBED when it writes the noun alone (or,
    unless `noun_written`, the question's proper qualifiers right before the name), NOT_DESCRIBED otherwise."""
    if not noun:
        return NOT_DESCRIBED
    if noun in GENERIC_NOUNS or (noun[:-1] if noun.endswith("y") else noun) not in sentence.lower():  # most sentences ("companies" too)
        return _led_by_qualifiers(sentence[max(0, start - MODIFIER_REACH - 30): start], modifiers, noun_written)
    # the noun in the singular: a plural describes a set the name is one of or qualifies ("7 clubs League One", "both
    # Manchester clubs", "the Third Round, the eight Premier League clubs"), except after "one of the"
    n, plural = re.escape(noun), _noun_pattern(noun)
    before = sentence[max(0, start - MODIFIER_REACH - 30): start]
    after = sentence[end: end + 80]
    windows = []
    if re.search(rf"\b{n}$", sentence[start:end], re.I):  # "Spanish Town Hospital" for "Which hospital ...?"
        windows.append(sentence[max(0, start - MODIFIER_REACH): end])
    lead = re.search(rf"\b{n}\s+(?:(?:of|called|named)\s+)?(?:the\s+)?$", before, re.I)
    if lead is not None:  # "publisher Helena World Chronicle", "the kibbutz of Be'eri"
        windows.append(before[max(0, lead.start() - MODIFIER_REACH): lead.start()])
    if re.match(rf"\s+{n}\b(?!\s+[A-Z])", after, re.I):  # "M Le Monde magazine"; not "Premier League club Everton",
        windows.append(sentence[max(0, start - MODIFIER_REACH): end])  # where the name after the noun is described
    apposition = re.match(rf"\s*,\s+(?:(?:a|an|the)\s+(?P<lead>{_APPOSITION_LEAD}){n}|one\s+of\s+the\s+"
                          rf"(?P<leads>{_APPOSITION_LEAD}){plural})\b", after, re.I)
    if apposition is not None:  # "Accel, a venture firm that ...", "Accel, one of the firms that ..."
        windows.append(apposition.group("lead") or apposition.group("leads") or "")
    if not windows:
        return _led_by_qualifiers(before, modifiers, noun_written)
    return DESCRIBED_AS_ASKED if modifiers and any(_fits(w, modifiers) for w in windows) else DESCRIBED


OBJECT_REACH = 100  # characters around a doer read for the question's other words ("led the $8.5 million seed round")


_PARTICIPLE_BY = re.compile(r"\s+[a-z]+\s+by\b")


def does_as_asked(sentence: str, start: int, end: int, verb: str | None, terms: frozenset[str]) -> bool:
    """Whether the name at `start:end` does what the question asks of its answer: the doer of the asked verb
    (`agents.is_agent`: "Accel led ..." for "Which firm led the $8.5 million seed round ...?", or "the round, led by
    Accel"), with one of the question's other words (`terms`) beside it, so that it did it to the asked thing."""
    if not verb or not is_agent(sentence, start, end, verb) or _PARTICIPLE_BY.match(sentence, end):
        return False  # "the Community Shield won by Arsenal": a participle after the name, its doer after "by"
    around = frozenset(content_terms(sentence[max(0, start - OBJECT_REACH): end + OBJECT_REACH]))
    return any(term_match(t, around) >= 1.0 for t in terms)


def _led_by_qualifiers(before: str, modifiers: Sequence[str], noun_written: bool) -> int:
    """"England's in-form Phil Salt" for "Which England batter ...?": a name the question's proper qualifiers (a
    nation, a place, a team) lead, with the noun left out, is DESCRIBED (unless `noun_written` is asked for)."""
    proper = [m for m in modifiers if m[:1].isupper()]
    if not noun_written and proper and len(proper) == len(modifiers) and _fits(_leading_words(before), proper):
        return DESCRIBED
    return NOT_DESCRIBED


def _leading_words(before: str) -> str:
    """The words that lead a name as its own modifiers: "England's in-form " in "dismissing England's in-form "; a
    capitalised word or its possessive, then at most two lower-case words."""
    m = re.search(r"(?:^|\s)([A-Z][\w'’-]*(?:['’]s)?(?:\s+[a-z][\w-]*){0,2}\s+)$", before)
    return m.group(1) if m else ""


def _fits(window: str, modifiers: Iterable[str]) -> bool:
    """Whether a description writes every qualifying word of the question ("Arkansas-based" for "Arkansas", "Japan"
    for "Japanese")."""
    words = {w.lower() for w in re.findall(r"[\w]+", window.replace("’", "'"))}
    nations = {_nation(w) for w in words} - {None}
    return all(m.lower() in words or (_nation(m) is not None and _nation(m) in nations) for m in modifiers)


def described_mentions(query: Query, sentence: str, found: Sequence[Mention], answer_type: str = "") -> list[Mention]:
    """Capitalised names of `sentence` that it describes by the question's asked noun or that do what the question
    asks (`does_as_asked`), and that no mention in `found` covers, as mentions of `answer_type` (default the
    question's) keyed as `mentions` keys that type ("the kibbutz of Be'eri" for "In which kibbutz ...?", "Accel led
    the ... seed round" for "Which firm led the seed round ...?")."""
    answer_type = answer_type or query.answer_type
    if not query.asked_noun:
        return []
    verb, terms = _asked_deed(query)
    out = []
    for text, s, e in _caps_runs(sentence):
        if any(s < m.end and m.start < e for m in found) or len(text.split()) > 5 or _ADJECTIVE_PART.search(text):
            continue  # "Arkansas-based publisher": the compound describes the publisher, names none
        if described_level(sentence, s, e, query.asked_noun, query.asked_modifiers, noun_written=True) == NOT_DESCRIBED \
                and not does_as_asked(sentence, s, e, verb, terms):
            continue
        if answer_type == "person":
            if _nation(text) or text.lower() in COUNTRY_OF_CAPITAL:
                continue  # "a Kyiv official", "the Ukrainian official": where the official is from, not who
            key = _surname_key(text.split()[-1])
        elif answer_type == "place":
            key = _nation(text) or text.lower()
        else:
            key = _org_key(text)
        out.append(Mention(text, key, s, e))
    return out


def prefer_described(groups: MutableMapping[str, _Group], query: Query) -> None:
    """When some candidate is described by the asked noun or does what the question asks (and, best, is described
    by the question's qualifying words too), weigh the others NOT_DESCRIBED_WEIGHT as much: "Which Arkansas
    publisher ...?" prefers "Arkansas-based publisher Helena World Chronicle" to "the U.S. District Court" of the
    same report."""
    if not query.asked_noun or not groups:
        return
    verb, terms = _asked_deed(query)
    level = {k: max(max(described_level(c.text, m.start, m.end, query.asked_noun, query.asked_modifiers),
                        DESCRIBED if does_as_asked(c.text, m.start, m.end, verb, terms) else NOT_DESCRIBED)
                    for c, m in g.statements) for k, g in groups.items()}
    top = max(level.values())
    if top == NOT_DESCRIBED:
        return
    for key, group in groups.items():
        if level[key] < top:
            group.support *= NOT_DESCRIBED_WEIGHT


def _asked_deed(query: Query) -> tuple[str | None, frozenset[str]]:
    """The verb a question asks its answer to have done (`agents.asked_verb`) and the question's other terms (not
    its asked noun, not that verb): what the answer must have done it to."""
    return _deed(query.text, query.asked_noun, query.terms)


@lru_cache(maxsize=64)
def _deed(text: str, noun: str, terms: tuple[str, ...]) -> tuple[str | None, frozenset[str]]:
    verb = asked_verb(text)
    own = set(content_terms(noun)) | set(content_terms(verb or ""))
    return verb, frozenset(t for t in terms if t not in own)
