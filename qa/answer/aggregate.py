"""Answers are aggregated, not picked: candidate values of the asked type, grouped across articles.

For a question whose answer is a value (a person, an organisation, a place, a date, a number with
a unit), every relevant sentence of the retrieved passages is read for mentions of that type
(`qa.answer.mentions`). Mentions are grouped by their normalised key ("Bankman-Fried" and "Sam
Bankman-Fried" are one candidate) and each group is scored by the support of the sentences that
state it:

    support = sum over the articles stating it, best first, of relevance * DECAY**i
              * OUTLET_FIT when an article is from an outlet the question names
              * DATE_FIT when it is from a date the question names

where relevance is the sentence's own score for the question's other terms (evidence.py). So a
value stated by three independent articles beats one stated once, and a value from the outlet the
question asks about beats one from elsewhere. Values named in the question itself are not answers.

The answer is the best candidate first, cited by every article that states it, then its best
supporting sentence: "Sam Bankman-Fried [1][2]. The criminal trial for Sam Bankman-Fried ... [1]."
When a second distinct value has strong support from other articles (`is_conflict`), both are
given with who said them: "Sources disagree: Geneva [1][2] (2 articles: Reuters, AP); Vienna [3]
(1 article: DW)." An answer every sentence of which is about a sibling of what the question names ("the Nobel
Prize in medicine" for "the Nobel Prize in Literature", siblings.py) is no answer: the question abstains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Sequence

from qa.answer.abstain import focus_terms
from qa.answer.citations import Target
from qa.answer.described import DESCRIBED, described_level, described_mentions, prefer_described
from qa.answer.evidence import Candidate, Evidence, called_by_age, coverage, described_with_age
from qa.answer.mentions import (Mention, asked_prepositions, asks_calendar_date, asks_clock_time, asks_day, asks_year,
                                clock_mentions, counted_years, day_without_date, introduced_by_terms, mentions,
                                names_a_day, place_mentions, refines, where_anchor, with_direction, writes_a_year)
from qa.answer.money_kinds import amount_kind, of_other_kind, only_other_kinds
from qa.answer.protocols import Draft, Proposal
from qa.answer import ranker
from qa.answer.quantities import age_of_someone_else, age_of_the_asked, figure_year, written_in
from qa.answer.siblings import names_a_sibling
from qa.answer.roles import (OTHER_OFFICE, TITLED, asked_office, binding, group_binding, role_verb_forms,
                             with_predecessor_title)
from qa.lexicon import (CONTINENTS, COUNTRY_OF_CAPITAL, FACILITY_NOUNS, KIN_NOUNS, NATION_FORMS, NATION_OF,
                        PERSON_NOUNS, REGIONS, SETTLEMENT_NOUNS)
from qa.answer.question import content_terms, question_word_spans, term_match
from qa.query import Query, asked_role_verb, nation_named, nations_in

POOL_RATIO = 0.45  # sentences below this share of the best relevance are not read for candidates
DECAY = 0.5  # each further article stating a value adds half as much as the one before
OUTLET_FIT = 1.25
DATE_FIT = 1.1
MAX_CITED = 3  # articles cited on the short answer
CONFLICT_SUPPORT = 0.45  # the runner-up's support, as a share of the leader's, to count as disagreement: one strong
# article against three (support 1 against 1.75) is a disagreement to report, not noise
CONFLICT_RELEVANCE = 0.7  # ... and its best sentence this close to the leader's best sentence, naming every name of
# the question that the leader's names (a sentence about another race shares "won" and "race", not the race's name).
# 0.6 also caught "was re-elected in Tarnow county" against "won the Tarnow county sheriff race" (conflicts_fresh dev
# +1) but called 4 false disagreements on the other development sets and lost one answer (mixed m01)
SECONDARY_REACH = 10  # characters a value may stand further from the question's words than the sentence's closest one
# (a value named beside the one its sentence states keeps its support: halving it found no further conflict on
# conflicts_fresh dev and changed other sets' answers, some for the worse: kursk_reworded r27 lost its sentence)
MAX_CANDIDATES = 5  # candidates listed with an answer
RANKED_POOL = 12  # candidates the learned order chooses among (ranker.py): a name the support puts sixth, from a
# sentence that also names five others, can still be the one the question asks for
OTHER_THING = 0.7  # an amount that premodifies a noun the question does not name ("a $23-million data centre")
LEAD_RELEVANCE = 0.8  # the answer's best sentence must be this close to the best sentence overall, else the
# best sentence says something the type patterns cannot read ("stationed in temporary barracks") and is quoted
BOUND_LEAD_RELEVANCE = 0.6  # ... or this close when it gives the person the asked office ("Barry Napier will stay on
# as CEO" names neither the company nor its other words, which the best sentence does), or the amount the asked kind
# ("Revenue: $12.94 billion vs. $12.98 billion expected")


@dataclass
class AnswerCandidate:
    """One distinct value of the asked type and the sentences (best first) that state it."""

    value: str
    key: str
    support: float = 0.0
    statements: list[tuple[Candidate, Mention]] = field(default_factory=list)
    # the sentences (doc id, start) that name this value beside another one they state (`secondary_mentions`), and
    # among them those that set it against that one ("beating Sweden": `set_against`)
    secondary: set[tuple[str, int]] = field(default_factory=set)
    against: set[tuple[str, int]] = field(default_factory=set)
    # the support of the articles' statements alone, before any preference between candidates (`_prefer_introduced`):
    # a preference picks the answer, while a disagreement is between what the articles state ("Westhaven mayor Clara
    # Diaz" against "Mayor Peter Olsen of Westhaven")
    stated_support: float = 0.0
    # the share of its statements whose weight `_support` discounted as being of something else than asked (another
    # holder of the office, an amount of another thing, a part of another whole): the ranker reads it (ranker.py)
    discounted: float = 0.0
    # for a question asking an office's holder, how its sentences bind this person to the office, in [-1, 1]: 1 the
    # asked office of the asked holder, 0.5 the office with no holder written, 0 not given it, -1 only given another
    # holder's or another office (`qa.answer.roles`); `bindings` holds each statement's, in the statements' order
    titled: float = 0.0
    bindings: list[float] = field(default_factory=list)
    # for a place question with its own preposition ("In which town was X born?"), whether a sentence writes this
    # place right after the question's words and that preposition ("Born in Alice Springs": `_prefer_introduced`)
    introduced: bool = False

    def states(self, c: Candidate) -> bool:
        """Whether sentence `c` states this value as its own (not only beside another value)."""
        return (c.doc_id, c.start) not in self.secondary

    @property
    def stating_documents(self) -> list[str]:
        """The articles with a sentence that states this value as its own."""
        return list(dict.fromkeys(c.doc_id for c, _ in self.statements if self.states(c)))

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(c.doc_id for c, _ in self.statements))

    def best_per_document(self, stating_only: bool = False) -> list[Candidate]:
        """The best sentence of each article naming this value (`stating_only`: of each article stating it, in a
        sentence that does not only name it beside another value)."""
        seen: dict[str, Candidate] = {}
        for c, _ in self.statements:
            if not stating_only or self.states(c):
                seen.setdefault(c.doc_id, c)
        return list(seen.values())


def aggregate(query: Query, evidence: Evidence) -> list[AnswerCandidate]:
    """Candidate values of `query.answer_type` in `evidence`, best supported first. "Who ...?" is asked of
    organisations too ("Who led the funding round?"): without a person, organisations are candidates; not for
    a role verb ("Who commands the troops?" asks for the office's holder, whom no organisation answers)."""
    ranked = _aggregate(query, evidence, query.answer_type)
    if not ranked and query.answer_type == "person" and not query.roles and \
            re.match(r"^\s*(?:and\s+)?who\b", query.text, re.I):
        ranked = _aggregate(query, evidence, "organisation")
    return ranked


def _aggregate(query: Query, evidence: Evidence, answer_type: str) -> list[AnswerCandidate]:
    if not evidence.candidates:
        return []
    best = max(c.relevance for c in evidence.candidates)
    asked = query.text.lower()
    asked_nations = nations_in(query.text)
    outlets = {s.lower() for s in query.sources_mentioned}
    known_outlets = {(h.source or "").lower() for h in evidence.hits if h.source}
    groups: dict[str, AnswerCandidate] = {}
    role_verb = role_verb_forms(asked_role_verb(query.text)) if query.roles else None
    asks_a_year = answer_type == "date" and asks_year(query.text)
    asks_calendar = answer_type == "date" and asks_calendar_date(query.text)
    asks_clock = answer_type == "date" and asks_clock_time(query.text)
    asks_one_day = answer_type == "date" and asks_day(query.text)
    asks_age_now = answer_type == "age" and bool(_ASKS_AGE_NOW.search(query.text))
    asks_settlement = answer_type == "place" and query.asked_noun in SETTLEMENT_NOUNS
    asks_nation = answer_type == "place" and query.asked_noun in ("country", "nation")
    asks_future = answer_type == "date" and bool(_FUTURE_ASKED.search(query.text))
    acronyms = frozenset(_ACRONYM.findall(query.text))
    asked_way = asked_way_of(query.text) if answer_type in _AMOUNTS_OF_SOMEONE else 0
    for c in sorted(evidence.candidates, key=lambda c: -c.relevance):
        if c.relevance < POOL_RATIO * best:
            break
        if query.roles and answer_type == "person" and c.cue <= 0 and not (role_verb and role_verb.search(c.text)):
            continue  # "who heads NATO": only a sentence naming someone by an office title, or by the verb asked
            # ("The Verano Party is now led by Tomas Ibarra"), answers
        found = mentions(c.text, answer_type, query.unit_head, c.entities)
        if answer_type in _AMOUNTS_OF_SOMEONE and found and \
                about_someone_else(query, c, found[0].start, _document_text(evidence, c)):
            continue  # "How much did Adaptive raise?" is not answered by "Poolside recently raised $126 million"
        if answer_type == "place" and c.entities:
            found = found + mislabelled_places(c.text, c.entities, found)
        if answer_type == "place":
            found = found + countries_by_demonym(query, c.text, found)
        found = found + described_mentions(query, c.text, found, answer_type)  # "the kibbutz of Be’eri"
        if answer_type == "date" and not found and not asks_future:
            # a sentence that writes its own date is dated by it; not an event a question asks about as to come
            # ("When will Lucas receive his second transplant?" is not answered by "As of now, Lucas is at home")
            found = dated_by_article(c)
        if answer_type == "date":
            found = counted_years(c.text, found)  # "in 2011 ... four years later": 2015
        if asks_a_year:
            found = [m for m in found if writes_a_year(m.value)]  # "In what year ...?" is not answered by "20-year"
        if asks_calendar:
            found = [m for m in found if not day_without_date(m.value)]  # "On what date ...?": not "on Monday"
        if asks_age_now:
            # "How old is Diane Bazella?" is not answered by "When Bazella was five years old": an age she was then
            found = [m for m in found if not (_AGE_THEN.search(c.text[max(0, m.start - 24): m.start]) and
                                              not _ATTRIBUTIVE_AGE.match(c.text[m.start: m.end + 12]))]
        if asks_clock:
            found = clock_mentions(c.text)  # "What time ...?": "5:30 p.m.", not "December 22"
        elif asks_one_day:
            found = [m for m in found if names_a_day(m.value)]  # "Which day ...?": "Wednesday", not "last week"
        if answer_type == "place" and not asks_nation:
            found = [with_direction(c.text, m) for m in found]  # "eastern Russia" says more than "Russia"
        if asks_settlement:
            found = [m for m in found if not country_or_region(m.value)]  # "In which US city ...?": not "America"
        elif asks_nation:
            found = [m for m in found if not _continent(m.value)]  # "Which EU country was the first ...?": not "Europe"
        kept = []
        for m in found:
            if _named_in_question(m, asked) or m.value.lower() in known_outlets or _initials(m.value) in acronyms:
                continue  # ... or spelt out: "Indian Premier League" for the question's "IPL"
            if _DATELINE.match(c.text[:m.end + 1]):
                continue  # "LONDON (Reuters) - A healthcare worker ...": the wire that filed the story
            if asked_nations and NATION_OF.get(m.value.lower().replace("’", "'")) in asked_nations:
                continue  # "Ukraine" does not answer a question about "the Ukrainian border"
            if answer_type == "place" and _INITIALS_PLACE.fullmatch(m.value) and \
                    _PLACE_AS_ADJECTIVE.match(c.text, m.end):
                continue  # "loss of correspondent banking due to US banks": whose banks, not where anything is
            if answer_type == "age" and age_of_someone_else(query.text, c.text, m.start):
                continue  # "James Lee, 68, ...; Han Lee, 41": each age is the name's before it (quantities.py)
            if answer_type in _AMOUNTS_OF_SOMEONE and asked_way and moved_the_other_way(asked_way, c.text, m.start):
                continue  # "By how much did the Hang Seng drop?" is not answered by "was last trading up about 1%"
            if answer_type == "money" and of_other_kind(query.money_kinds, c.text, m.start, m.end):
                continue  # "a $55 price target" does not say what revenue was reported (money_kinds.py)
            kept.append(m)
        aside = secondary_mentions(query, c.text, kept)
        opposed = set_against(c.text, kept) & aside
        for m in kept:
            key = group_key(m)
            group = groups.setdefault(key, AnswerCandidate(m.value, key))
            group.statements.append((c, m))
            if m.key in aside:
                group.secondary.add((c.doc_id, c.start))
            if m.key in opposed:
                group.against.add((c.doc_id, c.start))
    if query.rate and (rated := {k: g for k, g in groups.items() if any(_written_as_rate(c, m, query.rate)
                                                                          for c, m in g.statements)}):
        groups = rated  # "How many patients a day ...?": "550 patients a day", not "10,000 cancer patients"
    for group in groups.values():
        group.value = _fullest(_display(group), evidence) if answer_type == "person" else _display(group)
    if answer_type == "person":
        groups = _merge_partial_names(groups)
        _bind_to_office(groups, query, evidence)
    for group in groups.values():
        group.support = group.stated_support = _support(group, query, outlets)
    if answer_type in ("person", "place"):
        _prefer_introduced(groups, query, answer_type)
    prefer_described(groups, query)  # "Which Arkansas publisher ...?": the name the evidence calls so
    if answer_type == "person":  # a hyphenated word alone ("All-Pro") is a name only if written in full somewhere,
        # or if the recogniser read it as a person ("Zelensky said")
        groups = {k: g for k, g in groups.items() if " " in g.value or
                  (any(m.recognised for _, m in g.statements) and not _group_name(g.value, evidence))}
    ranked = sorted(groups.values(), key=lambda g: (-g.support, g.statements[0][0].hit_rank))
    return ranked[:RANKED_POOL]


FULLER_DATE_SUPPORT = 0.9  # of the first date's support: a fuller date around it with this much is the answer


def _fuller_date_first(ranked: list[AnswerCandidate]) -> list[AnswerCandidate]:
    """The first date, or a fuller one around it with nearly its support: "2020" (the "model 2020 LC 500") and
    "summer 2020" ("will go on sale in summer 2020") both answer when it goes on sale, and the second says more (as
    "eastern Russia" says more than "Russia")."""
    top = ranked[0]
    within = re.compile(rf"(?<![\w-]){re.escape(top.value)}(?![\w-])", re.I)
    for group in ranked[1:]:
        rest = within.sub(" ", group.value) if within.search(group.value) else ""
        # not two dates of one kind ("Tuesday, Wednesday", "2019 and 2020"): a list, not one fuller date
        if rest.strip() and group.support >= FULLER_DATE_SUPPORT * top.support and \
                not any(part.search(rest) and part.search(top.value) for part in _DATE_PARTS):
            return [group] + [g for g in ranked if g is not group]
    return ranked


_DATE_PARTS = (re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I), re.compile(r"\b\d{4}\b"),
               re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I))


def _countries_first(ranked: list[AnswerCandidate], query: Query) -> list[AnswerCandidate]:
    """For "Which country ...?", the best candidate the lexicon knows as a country (or a capital, which stands for its
    country: "Pyongyang supplies ...") ahead of a place it does not ("In which country is Blinken meeting the
    ministers?": Panama, not Los Angeles, the summit's city). Only the one answer's choice: a disagreement between
    two places stands, as the lexicon does not know every country's every name ("Czech Republic")."""
    if query.answer_type != "place" or not _ASKS_COUNTRY.search(query.text) or not ranked or _is_country(ranked[0]):
        return ranked
    country = next((g for g in ranked if _is_country(g)), None)
    return ranked if country is None else [country] + [g for g in ranked if g is not country]


def _described_place_first(ordered: list[AnswerCandidate], query: Query) -> list[AnswerCandidate]:
    """"In which suburb of Milan ...?": a place its sentence calls by the asked noun ("the Milan suburb of Sesto San
    Giovanni") goes before the learned order's first when that one is not so called and has no more support (the
    order reads no description: "Berlin", of "the Berlin attack", came first)."""
    if query.answer_type != "place" or not query.asked_noun or len(ordered) < 2:
        return ordered

    def described(g: AnswerCandidate) -> bool:
        return any(described_level(c.text, m.start, m.end, query.asked_noun, query.asked_modifiers) >= DESCRIBED
                   for c, m in g.statements)

    if described(ordered[0]):
        return ordered
    best = next((g for g in ordered[1:] if described(g)), None)
    if best is None or best.support < ordered[0].support:
        return ordered
    return [best] + [g for g in ordered if g is not best]


def _is_country(group: AnswerCandidate) -> bool:
    return group.key in NATION_FORMS or group.key in COUNTRY_OF_CAPITAL



NOT_INTRODUCED = 0.6  # a candidate no sentence introduces as the question asks, when another one is so introduced


def _bind_to_office(groups: dict[str, AnswerCandidate], query: Query, evidence: Evidence) -> None:
    """For a question asking an office's holder (`roles.asked_office`), each statement's binding of its person to
    that office, and each candidate's best (`AnswerCandidate.titled`)."""
    office = asked_office(query)
    if office is None:
        return
    office = with_predecessor_title(office, (c.text for c in evidence.candidates))
    for group in groups.values():
        group.bindings = [binding(c.text, m, office) for c, m in group.statements]
        group.titled = group_binding(group.bindings)


def _introducing(query: Query) -> tuple[frozenset[str], frozenset[str]]:
    """The question's words and prepositions that introduce a place answering it (`introduced_by_terms`)."""
    prepositions = asked_prepositions(query.text)
    return (frozenset(query.terms), prepositions) if prepositions else where_anchor(query.text)


def _prefer_introduced(groups: dict[str, AnswerCandidate], query: Query, answer_type: str) -> None:
    """"Who is the CEO of Coinbase?": when some person is introduced by a title the question names ("CEO Brian
    Armstrong"), the others, named near the title words but not given them, weigh NOT_INTRODUCED as much. "In
    which town was X born?": a place that follows the question's own words ("Born in Alice Springs") is preferred
    likewise, but only over the other places of its own articles: another article's "held in Geneva" for "Which
    city will host ...?" is a report to weigh against "hosted in Vienna", not a weaker reading of it."""
    if answer_type == "person":
        top = max((g.titled for g in groups.values()), default=0.0)
        introduced = {k for k, g in groups.items() if top > 0 and g.titled == top}
    else:
        terms, prepositions = _introducing(query)
        introduced = {k for k, g in groups.items()
                      if any(introduced_by_terms(c.text, m, terms, prepositions) for c, m in g.statements)}
    if answer_type == "place":
        for k in introduced:
            groups[k].introduced = True
    if not introduced:
        return
    their_articles = {d for k in introduced for d in groups[k].documents}
    for key, group in groups.items():
        if key not in introduced and (answer_type == "person" or their_articles & set(group.documents)):
            group.support *= NOT_INTRODUCED


_MONTHS = ("january february march april may june july august september october november december").split()
_DAY_MONTH = re.compile(rf"^(\d{{1,2}}) ({'|'.join(_MONTHS)})((?: \d{{4}})?)$")
_MONEY_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*(trillion|billion|million|thousand|bn|mn|tn|b|m|k)?\b", re.I)
_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6,
          "thousand": 1e3, "k": 1e3}


def group_key(m: Mention) -> str:
    """The key one value is grouped by, whichever way a snippet writes it: "$2.1bn" and "$2.1 billion", "$300m"
    and "$300 million" are one amount; "14 June" and "June 14" one date."""
    if m.key.startswith("money:"):
        amount = _MONEY_TEXT.search(m.value.replace(",", ""))
        if amount is not None and amount.group(2):
            return f"money:{float(amount.group(1)) * _SCALE[amount.group(2).lower()]:g}"
        return m.key
    day_month = _DAY_MONTH.match(m.key)
    if day_month:
        return f"{day_month.group(2)} {day_month.group(1)}{day_month.group(3)}"
    return m.key


_ASKS_COUNTRY = re.compile(r"\b(?:which|what)\s+(?:country|nation|nationality)\b", re.I)
_DEMONYM = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=\s+(?:[a-z]|[A-Z]{2,}\b))")  # "Japanese GDP" too


_AMOUNTS_OF_SOMEONE = frozenset({"count", "money", "percent"})


# Which way an amount moved: the words news writes right before a change ("was last trading up about 1%", "fell
# 2.4%"); "up to" is a bound, not a rise
MOVED_UP = re.compile(r"\b(?:up(?!\s+to\b)|higher|r[oi]se[ns]?|rising|gain(?:ed|s|ing)?|climb(?:ed|s|ing)?|"
                      r"jump(?:ed|s|ing)?|increas(?:e|ed|es|ing)|gr[eo]w(?:s|n|ing)?|surg(?:e|ed|es|ing)|"
                      r"soar(?:ed|s|ing)?|advanc(?:e|ed|es|ing))\b", re.I)
MOVED_DOWN = re.compile(r"\b(?:down|lower|fell|falls?|falling|fallen|drop(?:ped|s|ping)?|declin(?:e|ed|es|ing)|"
                        r"slid(?:e|es|ing)?|sank|sinks?|sinking|plung(?:e|ed|es|ing)|tumbl(?:e|ed|es|ing)|"
                        r"slump(?:ed|s|ing)?|dip(?:ped|s)?|shrank|shrinks?|shrinking|lost|los(?:e|es|ing))\b", re.I)
MOVE_REACH = 30  # characters before an amount read for the way it moved


def asked_way_of(question: str) -> int:
    """+1 when a question asks how much something rose, -1 how much it fell ("By how much did the index drop?"),
    0 when it asks neither or both."""
    if not re.search(r"\bhow\s+much\b|\bby\s+what\b|\bhow\s+many\s+(?:points|percent)", question, re.I):
        return 0
    up, down = bool(MOVED_UP.search(question)), bool(MOVED_DOWN.search(question))
    return 1 if up and not down else -1 if down and not up else 0


def words_before_amount(sentence: str, start: int) -> str:
    """The words right before an amount that begins at `start`, read for the way it moved (`MOVE_REACH`)."""
    return sentence[max(0, start - MOVE_REACH): start]


def moved_the_other_way(asked_way: int, sentence: str, start: int) -> bool:
    """Whether the words right before an amount say it moved against the asked way (and not the asked way too)."""
    before = words_before_amount(sentence, start)
    up, down = bool(MOVED_UP.search(before)), bool(MOVED_DOWN.search(before))
    return (down and not up) if asked_way > 0 else (up and not down)


def _document_text(evidence: Evidence, c: Candidate) -> str:
    document = evidence.documents.get(c.doc_id)
    return document.text if document is not None else ""


def about_someone_else(query: Query, c: Candidate, before: int, document: str = "") -> bool:
    """Whether sentence `c` names none of the question's entities (in full, itself or in what it refers back to)
    but names another organisation or person before `before` (where its amount is), and speaks of no one by a
    pronoun: its amounts are that other party's ("Poolside, a company that recently raised a $126 million seed round"
    for "How much did Adaptive raise?"; not "his support among the state's black voters fell from 54%"). False
    without stored entities."""
    if not query.entities or c.entities is None or _REFERRING.search(c.text) or _SPEAKS_OF_PEOPLE.search(query.text):
        return False
    said = c.terms | c.context_terms
    asked: set[str] = set()
    for entity in query.entities:
        tokens = content_terms(entity)
        if tokens and all(t in said for t in tokens):
            return False
        asked.update(tokens)
    parties = [x.text for x in c.entities if x.label == "PERSON" and x.start < before]
    parties += [m.value for m in mentions(c.text, "organisation", "", c.entities)  # "Poolside, a company that ..."
                if m.start < before]
    return any(not asked & set(content_terms(name)) and not _introduced_as_theirs(name, query.entities, document)
               for name in parties)


def _introduced_as_theirs(party: str, entities: Sequence[str], document: str) -> bool:
    """Whether `document` introduces `party` as the asked entity's own body, by the initials it then goes by:
    "South Korea’s Ministry of Trade, Industry and Energy (MOTIE)" makes "identified by MOTIE" South Korea's."""
    return any(re.search(rf"\b{re.escape(entity)}['’]s\s+[^.()]{{0,80}}\(\s*{re.escape(party)}\s*\)", document)
               for entity in entities)


_REFERRING = re.compile(r"\b(?:he|she|his|her|its|it|they|their)\b", re.I)
# "How much bond must each of the prison officers ... put up?": a question that speaks of people by what they are may
# be answered by a sentence that names them ("Noel and Thomas ... each post $100,000 bond")
_SPEAKS_OF_PEOPLE = re.compile(r"\b(?:the|each\s+of\s+the|both|two|three|four)\s+(?:[a-z][\w-]*\s+){0,2}(?:"
                               + "|".join(sorted((PERSON_NOUNS | KIN_NOUNS) - {"people", "person", "individual"}))
                               + r")s?\b")


_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'’-]{1,40}\([^()]{1,30}\)$")


_ASKS_AGE_NOW = re.compile(r"\bhow\s+old\s+(?:is|are)\b|\bwhat\s+age\s+(?:is|are)\b|\bwhat\s+is\s+the\s+age\b", re.I)
_ATTRIBUTIVE_AGE = re.compile(r"[\w-]*-years?-old\b", re.I)  # "It was 17-year-old Rocco Zikarsky who ...": his age
_AGE_THEN = re.compile(r"\b(?:was|were)\s+(?:just\s+|only\s+|about\s+|barely\s+|around\s+)?$", re.I)


def country_or_region(name: str) -> bool:
    """A country, a continent or a state or province (`lexicon.REGIONS`): no answer to "Which city ...?"."""
    low = name.lower().replace("’", "'").removeprefix("the ")
    return low in NATION_OF or low in REGIONS or _continent(name)


def _continent(name: str) -> bool:
    return name.lower().removeprefix("the ") in CONTINENTS


def _written_as_rate(c: Candidate, m: Mention, period: str) -> bool:
    """Whether the amount `m` of sentence `c` is written as a rate over `period` ("550 patients a day")."""
    return any(f.rate == period and f.start < m.end and m.start < f.end for f in c.figures)


def countries_by_demonym(query: Query, sentence: str, found: list[Mention]) -> list[Mention]:
    """For "Which country ...?": a demonym before a noun states a country as well as its name does
    ("Portuguese cyclist Nuno Alves" rides for Portugal), keyed as the country is."""
    if not _ASKS_COUNTRY.search(query.text):
        return []
    out = []
    for d in _DEMONYM.finditer(sentence):
        word = d.group(1)
        nation = NATION_OF.get(word.lower())
        if nation is None or nation == word.lower() or any(d.start() < f.end and f.start < d.end() for f in found):
            continue
        name = nation.title().replace(" Of ", " of ").replace(" And ", " and ")  # "Portugal", "North Korea"
        out.append(Mention(name, nation, d.start(), d.end()))
    return out


# "open in Ostrava", "born in Cork": a name right after "in" / "near" is where something is
_IN_PLACE = re.compile(r"\b(?:in|near)\s+(?:the\s+)?$")
_AT_PLACE = re.compile(r"\b(?:in|near|at|outside|inside|in\s+front\s+of|opposite)\s+(?:the\s+)?$")
_MISLABELLED = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "NORP"})


def mislabelled_places(sentence: str, entities: list, found: list[Mention]) -> list[Mention]:
    """Places the recogniser found as names but typed as something else: a country's name ("Slovakia's
    Tomas Rehak", read as an organisation), or a name written right after "in" / "near" ("will open in
    Ostrava", read as an organisation; "born in Cork", as a person). The small model types unfamiliar
    place names at random; the name itself and the words before it say what it is."""
    out = []
    for m in place_mentions(sentence):
        if any(m.start < f.end and f.start < m.end for f in found):
            continue
        named = next((e for e in entities if e.label in _MISLABELLED and e.start <= m.start and m.end <= e.end + 2
                      and m.end - m.start >= (e.end - e.start) - 4), None)
        if named is None:
            # a name the recogniser missed, but for an adjective inside it ("Spanish" of "the Spanish Town Police
            # Station"), written where a place is ("took place in front of the Spanish Town Police Station"), in a
            # sentence where it found no place
            missed = all(e.label == "NORP" for e in entities if m.start < e.end and e.start < m.end)
            if missed and not found and _AT_PLACE.search(sentence[max(0, m.start - 24): m.start]):
                out.append(m)  # only where the recogniser found no place at all ("the Atacama desert in Chile" has
                # Chile: a second place beside it would make Chile an aside)
            continue
        if NATION_OF.get(m.value.lower()) is not None or m.key in NATION_FORMS or \
                _IN_PLACE.search(sentence[max(0, m.start - 12): m.start]):
            out.append(m)
    return out


def _group_name(value: str, evidence: Evidence) -> bool:
    """"Penguins", "Lionesses": a one-word plural the passages write after "the" ("the Penguins held on") names
    a team or a group, which the recogniser often reads as a person; a person's surname alone is not so
    written ("the Jones family" names the family, and a person named in full keeps the full name)."""
    if " " in value or not value.endswith("s") or value.endswith("ss"):
        return False
    written = re.compile(rf"\b[Tt]he\s+{re.escape(value)}\b"
                         r"(?!\s+(?:family|families|administration|sisters|brothers|estate)\b)")
    return any(written.search(h.chunk.text) for h in evidence.hits)


# a place written in initials before a plural common noun, as an adjective: "US banks", "UK officials", "EU leaders"
_INITIALS_PLACE = re.compile(r"(?:[A-Z]\.?){2,3}")
_PLACE_AS_ADJECTIVE = re.compile(r"[ \t]+(?!(?:is|was|has|its|this|thus|as|us|plus|yes|always|perhaps|besides)\b)"
                                 r"[a-z]{3,}[^su\W]s\b")
_FUTURE_ASKED = re.compile(r"\bwhen\s+(?:will|would|shall|is\s+\S+(?:\s+\S+){0,5}?\s+going\s+to|"
                           r"are\s+\S+(?:\s+\S+){0,5}?"
                           r"\s+going\s+to)\b", re.I)
_NOW = re.compile(r"\b(?:now|today|this\s+(?:morning|afternoon|evening|week))\b", re.I)


def dated_by_article(c: Candidate) -> list[Mention]:
    """"Python 3.6.0 is now available!": a sentence that states its event as happening now is dated by its
    article's publication date (the article's own date, as written "December 23, 2016")."""
    published = c.hit.published_at
    m = _NOW.search(c.text)
    if m is None or not published or len(published) < 10:
        return []
    try:
        day = date.fromisoformat(published[:10])
    except ValueError:
        return []
    value = f"{day:%B} {day.day}, {day.year}"
    return [Mention(value, " ".join(value.lower().replace(",", "").split()), m.start(), m.end())]


def _merge_partial_names(groups: dict[str, AnswerCandidate]) -> dict[str, AnswerCandidate]:
    """A one-word name that is a word of exactly one fuller name among the candidates is that person:
    "Dean" joins "Dean Evason" (people are grouped by surname, and a first name alone has another key)."""
    full = [g for g in groups.values() if " " in g.value]
    out = {}
    for key, group in groups.items():
        if " " not in group.value:
            owners = [g for g in full if group.value in g.value.split()]
            if len(owners) == 1:
                stated = {(c.doc_id, c.start) for c, _ in owners[0].statements if owners[0].states(c)}
                owners[0].statements.extend(group.statements)
                owners[0].secondary |= group.secondary - stated
                owners[0].statements.sort(key=lambda cm: -cm[0].relevance)  # best first, as grouped
                continue
        out[key] = group
    return out


# a value named as the one set against the answer: "beating Sweden", "replacing Ingrid Dahl", "overtook Japan"
_SET_AGAINST = re.compile(r"\b(?:beat(?:s|ing)?|defeat(?:s|ed|ing)?|over|against|versus|vs\.?|replac(?:es|ed|ing)|"
                          r"succeed(?:s|ed|ing)?|overt(?:ook|akes|aking)|ahead\s+of|instead\s+of|rather\s+than|"
                          r"edg(?:ed|ing)(?:\s+out)?|oust(?:ed|ing)|unseat(?:ed|ing))\s+"
                          r"(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$",
                          re.I)


def secondary_mentions(query: Query, sentence: str, found: list[Mention]) -> set[str]:
    """The keys of the values a sentence names beside the one it states: "Finland won the Cup, beating Sweden"
    states Finland, "won by Montoya, with Claes second" states Montoya, "will be in Lyon; last year's edition
    was held in Madrid" states Lyon. A value set against another ("beating", "replacing") is beside it; else
    a value further than SECONDARY_REACH characters beyond the closest one from the question's own words is.
    Empty when the sentence names one value."""
    if len({m.key for m in found}) < 2:
        return set()
    against = [_is_set_against(sentence, m) for m in found]
    rest = [m for m, a in zip(found, against) if not a]
    if not rest:
        return set()
    aside = list(against)
    spans = [(m.start, m.end) for m in found]
    asked = [(s, e) for s, e in question_word_spans(query.terms, sentence)
             if not any(ms <= s < me for ms, me in spans)]
    if asked:
        def distance(m: Mention) -> int:
            return min(max(s - m.end, m.start - e, 0) for s, e in asked)
        closest = min(distance(m) for m in rest)
        aside = [a or distance(m) > closest + SECONDARY_REACH for m, a in zip(found, aside)]
    stated = {m.key for m, a in zip(found, aside) if not a}
    return {m.key for m in found} - stated


def _is_set_against(sentence: str, m: Mention) -> bool:
    return bool(_SET_AGAINST.search(sentence[max(0, m.start - 30): m.start]))


def set_against(sentence: str, found: list[Mention]) -> set[str]:
    """The keys of the values a sentence sets against another it names ("beating Sweden", "replacing Ingrid Dahl")."""
    if len({m.key for m in found}) < 2:
        return set()
    stated = {m.key for m in found if not _is_set_against(sentence, m)}
    return {m.key for m in found} - stated if stated else set()


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _initials(value: str) -> str:
    """"Indian Premier League" -> "IPL": the initials of a name of two or more capitalised words ("" otherwise)."""
    words = [w for w in value.split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 and len(words) == len(value.split()) else ""


def _named_in_question(m: Mention, asked: str) -> bool:
    words = [w for w in m.value.lower().replace("’", "'").split() if len(w) > 1]
    if m.key.startswith(("count:", "pct:", "money:", "age:", "dur:", "dist:")):
        return written_in(m.value, asked)
    return bool(words) and all(w in asked for w in words) or (len(m.key) > 3 and m.key in asked)


def _display(group: AnswerCandidate) -> str:
    """The fullest form used: 'Sam Bankman-Fried' over 'Bankman-Fried'; ties go to the most frequent."""
    counts: dict[str, int] = {}
    for _, m in group.statements:
        counts[m.value] = counts.get(m.value, 0) + 1
    return max(counts, key=lambda v: (len(v.split()), counts[v], -len(v)))


def _fullest(name: str, evidence: Evidence) -> str:
    """'Bankman-Fried' -> 'Sam Bankman-Fried' when any retrieved sentence writes the name in full."""
    if " " in name:
        return name
    pattern = re.compile(rf"\b((?:[A-Z][\w’'.-]+\s+){{1,2}}){re.escape(name)}\b")
    for c in evidence.candidates:
        m = pattern.search(c.text)
        if m:
            full = [m for m in mentions(m.group(0), "person") if m.value.endswith(name)]
            if full:
                return full[0].value
    return name


_AMOUNT_NOUN = re.compile(r"^\s*(?:\([^)]{0,40}\)\s*)?(?P<words>(?:[a-z][\w-]*\s*){1,3})")
_NOT_A_NOUN = frozenset("""to in for on of and or per a an the from by as after before at with than that which who
    while when since until over under into about is are was were be been has have had will would could can may
    might said says each apiece annually""".split())


def amount_of_something_else(query: Query, sentence: str, m: Mention) -> bool:
    """Whether an amount of money is the price of another thing than the question's: "a $23-million
    data-processing centre" does not say what the telescope cost. Only the words that the amount premodifies
    count ("$10", "$4.3 billion to resolve ..." modify nothing). So is a length of time that is a hyphenated
    premodifier: "the war approaches its 1,000-day milestone" does not say how long a training course lasts."""
    if not (m.key.startswith("money:") or (m.key.startswith("dur:") and "-" in m.value)):
        return False
    after = _AMOUNT_NOUN.match(sentence[m.end:])
    if after is None:
        return False
    words = []
    for w in after.group("words").split():
        if w in _NOT_A_NOUN:
            break
        words.append(w)
    terms = frozenset(content_terms(" ".join(words)))
    return bool(terms) and not any(term_match(t, terms) > 0 for t in query.terms)


_SHARE_OF = re.compile(r"\b(?:percentage|percent|per\s+cent|share|proportion|fraction)\s+of\s+(?P<whole>.+?)"
                       r"(?=\s+(?:is|are|was|were|has|have|had|will|would|did|do|does|can|could)\b|[?.,]|$)", re.I)
_OF_PHRASE = re.compile(r"^\s*of\s+(?P<whole>[^,.;:()]+)")
SHARE_FLOOR = 0.4  # a percentage of another whole keeps this much of its weight
NO_WHOLE = 0.5  # the coverage credited to a percentage that names no whole ("rose 12%")


def share_of_asked_whole(query: Query, sentence: str, m: Mention) -> float:
    """For "what percentage of X ...": how much the whole a percentage is of ("36.2 percent of the world's intact
    forest landscape area") covers X, as a weight in [SHARE_FLOOR, 1]; 1.0 when the question names no whole."""
    asked = _SHARE_OF.search(query.text)
    if not m.key.startswith("pct:") or asked is None:
        return 1.0
    whole = frozenset(content_terms(asked.group("whole")))
    if not whole:
        return 1.0
    stated = _OF_PHRASE.match(sentence[m.end:])
    if stated is None:
        covered = NO_WHOLE
    else:
        have = frozenset(content_terms(stated.group("whole")))
        covered = sum(term_match(t, have) for t in whole) / len(whole)
    return SHARE_FLOOR + (1 - SHARE_FLOOR) * covered


# "Who is the president of Ukraine?", "Who is Acme's CEO?": a role of a named holder
_ROLE_OF = re.compile(
    r"^\s*(?i:who\s+(?:is|was|are|were))\s+(?:the\s+)?(?:new\s+|current\s+|former\s+)?"
    r"(?P<role>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
    r"\s+(?:of|at|for)\s+(?:the\s+)?(?P<holder>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s*\??\s*$"
    r"|^\s*(?i:who\s+(?:is|was))\s+(?P<holder2>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})['’]s\s+"
    r"(?:new\s+|current\s+|former\s+)?(?P<role2>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\??\s*$")
ROLE_REACH = 40  # characters between the role word and the name it introduces ("President Volodymyr Zelensky")
HOLDER_REACH = 25  # characters between the holder ("Ukrainian", "Wells Fargo") and the role word
OTHER_HOLDER = 0.6  # a person named by the role asked, but of another holder ("President Vladimir Putin")


def role_of_other_holder(query: Query, sentence: str, m: Mention) -> bool:
    """For "Who is the R of Y?" / "Who is Y's R?": whether the sentence names this person by the role R but
    not as Y's ("President Vladimir Putin" for the president of Ukraine), where it would name Y's R
    as "Y's R X", "Ydemonym R X" or "X, R of Y"."""
    asked = _ROLE_OF.match(query.text)
    if asked is None:
        return False
    role = (asked.group("role") or asked.group("role2")).lower()
    holder = asked.group("holder") or asked.group("holder2")
    words = re.findall(r"[A-Za-z][\w&'’-]*", holder)
    names = {w.lower() for w in (words[0], words[-1])} if words else set()
    nation = nation_named(holder)
    low = sentence.lower()
    seen_role = False
    for r in re.finditer(rf"\b{re.escape(role)}\b", low):
        if not (m.start <= r.end() + ROLE_REACH and m.end >= r.start() - ROLE_REACH):
            continue  # the role word is about someone else in the sentence
        seen_role = True
        before, after = sentence[max(0, r.start() - HOLDER_REACH): r.start()], low[r.end(): r.end() + HOLDER_REACH + 10]
        if re.search(r"\b(?:his|her|their|its)\s+(?:[a-z-]+\s+)?$", before.lower()):
            return False  # "His communications director, Tricia McLaughlin": the holder is named before
        near = set(re.findall(r"[a-z][\w&'’-]*", before.lower().replace("’s", "").replace("'s", "")))
        of_phrase = re.match(r"\s+(?:of|at|for)\s+(?:the\s+)?([^,.;]*)", after)
        if of_phrase:
            near |= set(re.findall(r"[a-z][\w&'’-]*", of_phrase.group(1)))
        if names & near or (nation is not None and nation in nations_in(before + " " + (of_phrase.group(1)
                                                                                          if of_phrase else ""))):
            return False
    return seen_role


OTHER_YEAR = 0.5  # an amount its sentence gives for another year than the one the question names
EARLIER_VALUE = 0.6  # an amount a sentence gives as the one before ("down from an earlier forecast of 1.8%")
_EARLIER_VALUE = re.compile(r"\b(?:down|up|higher|lower|unchanged|revised)?\s*from\s+(?:(?:an?|the|its|their)\s+)?"
                            r"(?:(?:earlier|previous|prior|initial|original)\s+)?(?:(?:forecast|estimate|projection|"
                            r"figure|level|reading)\s+(?:of\s+)?)?(?:just\s+|about\s+|around\s+|some\s+)?$", re.I)
_ASKS_EARLIER = re.compile(r"\b(?:earlier|previous|prior|previously|original|initial|initially|before|from\s+what|"
                           r"used\s+to|last\s+year|a\s+year\s+(?:ago|earlier))\b", re.I)
_ASKED_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _support(group: AnswerCandidate, query: Query, outlets: set[str]) -> float:
    per_doc: dict[str, float] = {}
    asked_years = {int(y) for y in _ASKED_YEAR.findall(query.text)}
    earlier_weighed = query.answer_type in _AMOUNTS_OF_SOMEONE and not _ASKS_EARLIER.search(query.text)
    discounted = 0
    for i, (c, m) in enumerate(group.statements):
        share = share_of_asked_whole(query, c.text, m)
        weight = c.relevance * share
        other_holder = query.answer_type == "person" and (role_of_other_holder(query, c.text, m) or
                                                          bool(group.bindings) and group.bindings[i] == OTHER_OFFICE)
        if other_holder:
            weight *= OTHER_HOLDER
        other_thing = amount_of_something_else(query, c.text, m)
        if other_thing:
            weight *= OTHER_THING
        discounted += share < 1.0 or other_holder or other_thing
        if outlets and (c.hit.source or "").lower() in outlets:
            weight *= OUTLET_FIT
        if query.date_ranges and any(r.contains(c.hit.published_at, slack_days=1) for r in query.date_ranges):
            weight *= DATE_FIT
        if asked_years and query.answer_type in _AMOUNTS_OF_SOMEONE and \
                (year := figure_year(c.text, m.start, m.end, c.hit.published_at)) is not None and \
                year not in asked_years:
            weight *= OTHER_YEAR  # "the 2023 forecast" is not "a modest 3.2% this year" in a 2022 article
        if earlier_weighed and _EARLIER_VALUE.search(c.text, max(0, m.start - 60), m.start):
            weight *= EARLIER_VALUE  # "down from an earlier forecast of 1.8%": the value it replaced
        per_doc[c.doc_id] = max(per_doc.get(c.doc_id, 0.0), weight)
    group.discounted = discounted / len(group.statements) if group.statements else 0.0
    total = sum(w * DECAY**i for i, w in enumerate(sorted(per_doc.values(), reverse=True)))
    return total * (date_specificity(group.value) if query.answer_type == "date" else 1.0)


_WEEKDAY_OR_RELATIVE = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
                                  r"tomorrow|(?:last|next|this|earlier this|later this)\s+\w+)$", re.I)


def date_specificity(value: str) -> float:
    """A calendar date answers "when" better than "Monday" or "last week", which depend on the article's date."""
    if _WEEKDAY_OR_RELATIVE.match(value.strip()):
        return 0.6
    return 1.0 if re.search(r"\d", value) else 0.8


def _proper_terms(query: Query) -> frozenset[str]:
    """The terms of the names the question is about: its capitalised words after the first ("Tarnow")."""
    words = query.text.split()[1:]
    return frozenset(t for w in words if w[:1].isupper() for t in content_terms(w))


def rival(ranked: list[AnswerCandidate], query: Query | None = None) -> AnswerCandidate | None:
    """The value that disagrees with the leader `ranked[0]`, if any: the first other value (by support) stated on
    its own in an article that names the leader nowhere else, if it is strongly supported in its own right
    (CONFLICT_SUPPORT, CONFLICT_RELEVANCE) and its sentence names what the leader's names of the question. A value
    only named beside another ("A beat B", "A, with B second", "1.2 billion yuan (US$171 million)":
    `secondary_mentions`) or in the leader's articles relates to the leader; it does not disagree with it, except
    where the sentence sets the leader against it ("Finland won, beating Sweden" against "Sweden won"). The leader
    must be stated on its own somewhere too."""
    if len(ranked) < 2:
        return None
    a = ranked[0]
    if not a.stating_documents:
        return None
    a_best = a.statements[0][0]
    a_named: dict[str, set[int]] = {}
    for c, _ in a.statements:
        a_named.setdefault(c.doc_id, set()).add(c.start)
    names = _proper_terms(query) if query is not None else frozenset()
    # ... in its words or in what it refers back to ("The 34-year-old posted ..." after "Richelle Cranston")
    named = {t for t in names if term_match(t, a_best.terms | a_best.context_terms) > 0}

    def independent(c: Candidate) -> bool:
        """`c` states b, and its article names a at most in `c` itself, set against b ("b won, beating a")."""
        beside = a_named.get(c.doc_id, set())
        return not beside or (beside == {c.start} and (c.doc_id, c.start) in a.against)

    a_sentences = {(c.doc_id, c.start) for c, _ in a.statements}
    for b in ranked[1:]:
        if all((c.doc_id, c.start) in a_sentences and not b.states(c) for c, _ in b.statements):
            continue  # only named beside the leader ("in La Palma, in the Canary Islands")
        if refines(a.value, b.value) or refines(b.value, a.value):
            continue  # "eastern Russia" and "Russia" say the same, one more closely
        if query is not None and query.answer_type in ("person", "organisation", "place") and \
                spelt_alike(a.value, b.value):
            continue  # "Connor Stalions" and "Connor Stallions": one name, spelt two ways
        if b.titled == OTHER_OFFICE:
            continue  # given only another holder's office or another office ("Globex CEO Ken Mori" asked Lumen
            # Telecom's CEO): no other claim of who holds the asked one (roles.py). A rival merely not given the office
            # still counts: requiring it lost a true disagreement on each conflicts set
        own = [c for c, _ in b.statements if b.states(c) and independent(c)]
        if not own:
            return None
        best = own[0]  # statements are kept best first
        if b.stated_support < CONFLICT_SUPPORT * a.stated_support or \
                best.relevance < CONFLICT_RELEVANCE * a_best.relevance:
            return None
        # the names may be in its passage rather than its sentence ("In November, he made his way to Buenos Aires")
        return None if any(term_match(t, best.terms | best.chunk_terms | best.context_terms) <= 0 for t in named) else b
    return None


def is_conflict(ranked: list[AnswerCandidate], query: Query | None = None) -> bool:
    """Whether a second value disagrees with the leader (`rival`)."""
    return rival(ranked, query) is not None


def _target(c: Candidate) -> Target:
    return Target(doc_id=c.doc_id, chunk_id=c.chunk_id, start=c.start, end=c.end, score=c.score)


def follows_best(c: Candidate, evidence: Evidence) -> bool:
    """Whether `c` is the sentence right after the best sentence overall, in the same article. The best sentence
    then introduces whom the value is about ("Throgs Neck resident Michael Lopiano shared that sentiment on
    Wednesday.") and `c` states it ("“It’s safe over here,” said Lopiano, 52."): quoting `c` quotes the right place,
    though it matches the question's words less well (`LEAD_RELEVANCE`). Only when `c` refers back to it (a
    pronoun, or a name the best sentence wrote): a sentence about someone else does not ride on it."""
    top = max(evidence.candidates, key=lambda x: x.relevance)
    document = evidence.documents.get(c.doc_id)
    if top.doc_id != c.doc_id or c.start < top.end or document is None or document.text[top.end:c.start].strip():
        return False
    # and it refers back to it: by a pronoun ("He was 25 years old.") or by a name the best sentence wrote
    return bool(c.context_terms) or bool(_names(top.text) & _names(c.text))


CONTINUES_CHARS = 600  # how far after a leading sentence, in its passage, a value's sentence still continues it
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|their)\b", re.I)


def states_the_focus(group: AnswerCandidate, evidence: Evidence, floor: float) -> bool:
    """Whether a sentence stating the value (relevance at least `floor`, naming one of the question's entities) says
    more of what the question asks of them (`abstain.focus_terms`: "do an internship") than the best sentence overall,
    which names the entities and not that: "Benioff said ... ever since he did an internship at the company" for "In
    what year did Salesforce founder Marc Benioff do an internship at Apple?", where the best sentence is "... a
    fireside chat with Salesforce founder and co-CEO Marc Benioff"."""
    focus = focus_terms(evidence.question)
    if not focus or not evidence.question.entities:
        return False
    top = max(evidence.candidates, key=lambda x: x.relevance)
    top_focus = coverage(focus, top.terms | top.context_terms, evidence.idf)
    # ... and names one of the question's entities, itself or in what it refers back to ("Benioff said"): a sentence
    # about something else that happens to say the same verb does not state it
    return any(c.relevance >= floor and coverage(focus, c.terms | c.context_terms, evidence.idf) > top_focus and
               _names_an_entity(evidence.question, c.terms | c.context_terms)
               for c, _ in group.statements[:STATES_FOCUS_STATEMENTS])


def _names_an_entity(query: Query, said: frozenset[str]) -> bool:
    """Whether `said` (a sentence's terms) holds the last term of one of the question's entities: its surname, or the
    head of its name ("Benioff" for "Marc Benioff")."""
    return any((terms := content_terms(entity)) and terms[-1] in said for entity in query.entities)


STATES_FOCUS_STATEMENTS = 3  # the value's best sentences read for `states_the_focus`


def continues_best(c: Candidate, evidence: Evidence, floor: float) -> bool:
    """Whether `c` continues, in the same passage and a few sentences on, a sentence that matches the question at
    least `floor`, and speaks of what that sentence introduced: by a pronoun, by a name it wrote, or by opening on
    what it spoke of (`context_terms`). A passage often introduces whom a figure is about in one sentence ("The first
    was a victim: Marc-Antoine Julliard, a Paris-born cocoa trader") and gives the figure in a later, terse one
    ("How much? Almost $100,000, he said."), which matches the question's words less well (`LEAD_RELEVANCE`)."""
    for t in evidence.candidates:
        if t.chunk_id != c.chunk_id or t.relevance < floor or t.end > c.start or c.start - t.end > CONTINUES_CHARS:
            continue
        # c's own first word counts as a name too ("Julliard decided ..."): `_names` skips a sentence's first word
        if c.context_terms or _PRONOUN.search(c.text) or _names(t.text) & _names(f"_ {c.text}"):
            return True
    return False


_NAME_WORD = re.compile(r"[A-Z][a-z][\w'’-]+")


def _names(sentence: str) -> set[str]:
    """The capitalised words of `sentence` but its first word (which every sentence capitalises)."""
    words = (w.strip(".,;:!?()\"“”'’") for w in sentence.split()[1:])
    return {w for w in words if _NAME_WORD.fullmatch(w)}


def _third_value_first(first: AnswerCandidate, sides: Sequence[AnswerCandidate], evidence: Evidence) -> bool:
    """The learned order puts first a value that is neither side of a disagreement, and the best sentence of all
    names it and neither side ("Ryan Blaney's recent championship victory in his Ford Mustang" over two drivers
    named in passing elsewhere): the two do not disagree on the answer, they are beside it. A side that says the
    same more closely ("eastern Russia" for "Russia") is no third value."""
    if any(first.value == g.value or refines(g.value, first.value) or refines(first.value, g.value) for g in sides):
        return False
    top = max(evidence.candidates, key=lambda c: c.relevance, default=None)

    def in_top(g: AnswerCandidate) -> bool:
        return top is not None and any(c is top for c, _ in g.statements)

    return in_top(first) and not any(in_top(g) for g in sides)


def typed_answer(query: Query, evidence: Evidence) -> Draft | None:
    """The short answer of the best candidate (or both sides of a disagreement), cited; None when the
    evidence holds no value of the asked type."""
    ranked = aggregate(query, evidence)
    if not ranked:
        return None
    if unheld_office(query, ranked):
        return Draft(text="", abstained=True, answer_type=query.answer_type)
    # the best sentence overall, but one whose every amount is of another kind than asked: it answers another
    # question ("a $55 price target" for "What revenue ...?"), however well it matches this one's words
    best = max((c.relevance for c in evidence.candidates if not only_other_kinds(query.money_kinds, c.text)),
               default=0.0)
    other = rival(ranked, query)
    ordered = _described_place_first(_countries_first(ranker.order(ranked, query, evidence), query), query)
    if other is not None and _third_value_first(ordered[0], (ranked[0], other), evidence):
        other = None
    conflict = other is not None
    if not conflict:  # a disagreement is judged on the support order; one answer is the learned order's first
        ranked = _fuller_date_first(ordered) if query.answer_type == "date" else ordered
    if not conflict and all(names_a_sibling(query.text, c.text) for c, _ in ranked[0].statements):
        # every sentence stating the answer is about a sibling of what the question names ("the Nobel Prize in
        # medicine" for "the Nobel Prize in Literature", siblings.py): the value answers another question
        return Draft(text="", abstained=True, answer_type=query.answer_type)
    leads = [ranked[0], other] if other is not None else ranked[:1]
    if query.asked_noun in FACILITY_NOUNS and query.answer_type == "place" and not any(
            described_level(c.text, m.start, m.end, query.asked_noun) >= DESCRIBED
            for g in leads for c, m in g.statements):
        # "At which stadium ...?" is answered by a name its sentence calls a stadium ("Narendra Modi Stadium"), not
        # by the city or the country beside it
        return None
    if max(g.statements[0][0].relevance for g in leads) < LEAD_RELEVANCE * best and \
            not any(follows_best(g.statements[0][0], evidence) for g in leads) and \
            not (other is None and continues_best(ranked[0].statements[0][0], evidence, LEAD_RELEVANCE * best)) and \
            not any(bound_lead(g, query) >= BOUND_LEAD_RELEVANCE * best for g in leads) and \
            not (other is None and states_the_focus(ranked[0], evidence, BOUND_LEAD_RELEVANCE * best)):
        return None
    targets: dict[int, Target] = {}
    proposals: list[Proposal] = []

    def cite(group: AnswerCandidate, stating_only: bool = False) -> list[int]:
        numbers = []
        for c in ((stating_only and group.best_per_document(True)) or group.best_per_document())[:MAX_CITED]:
            n = len(targets) + 1
            targets[n] = _target(c)
            numbers.append(n)
        return numbers

    if conflict:
        parts = []
        for group in leads:
            numbers = cite(group, stating_only=True)  # each side cited by the articles that state it
            proposals.append(Proposal(group.value, group.support, tuple(numbers)))
            docs = group.stating_documents or group.documents
            outlets = list(dict.fromkeys(c.hit.source for c in (group.best_per_document(True) or
                                                                group.best_per_document()) if c.hit.source))
            who = f"{len(docs)} article{'s' if len(docs) != 1 else ''}" + (f": {', '.join(outlets)}" if outlets else "")
            parts.append(f"{group.value} {''.join(f'[{n}]' for n in numbers)} ({who})")
        text = "Sources disagree: " + "; ".join(parts) + "."
        _add_runners_up([g for g in ranked[1:] if g is not other][:MAX_CANDIDATES - len(leads)], proposals)
        return Draft(text=text, targets=targets, short_answer=None, answer_type=query.answer_type,
                     candidates=proposals, conflict=True)
    top = ranked[0]
    numbers = cite(top)
    proposals.append(Proposal(top.value, top.support, tuple(numbers)))
    lead = top.best_per_document()[0]
    sentence = lead.text.strip()
    end = sentence[-1] if sentence[-1] in ".!?" else "."
    body = sentence[:-1].rstrip() if sentence[-1] in ".!?" else sentence
    text = f"{top.value} {''.join(f'[{n}]' for n in numbers)}. {body} [{numbers[0]}]{end}"
    _add_runners_up(ranked[1:MAX_CANDIDATES], proposals)
    return Draft(text=text, targets=targets, short_answer=top.value, answer_type=query.answer_type,
                 candidates=proposals, conflict=False)


def unheld_office(query: Query, ranked: list[AnswerCandidate]) -> bool:
    """"Who succeeded Bill Kenwright as Everton chairman?": the question asks who took over an office it names and
    no candidate is given that office by any sentence (`roles.binding`; a title without the question's own
    modifier, or in a sentence about another's office, is too loose), so the names found are of people the articles
    mention, not of its successor, and no name answers."""
    office = asked_office(query)
    return office is not None and bool(office.titles) and bool(office.predecessor) and \
        all(g.titled < TITLED for g in ranked)


def bound_lead(group: AnswerCandidate, query: Query) -> float:
    """The relevance of the best sentence that binds the candidate to what the question asks: gives it the asked
    office (roles.py), binds the amount to the asked kind of money ("Revenue: $12.94 billion" for "What
    revenue ...?", money_kinds.py), or calls the name by the noun a "Which <noun> ...?" question asks ("her photo
    shoot with M Le Monde magazine", described.py); 0 when none does."""
    bound = [c.relevance for (c, _), level in zip(group.statements, group.bindings) if level >= TITLED]
    if query.money_kinds:
        bound += [c.relevance for c, m in group.statements if amount_kind(c.text, m.start, m.end) in query.money_kinds]
    if query.asked_noun:
        bound += [c.relevance for c, m in group.statements
                  if described_level(c.text, m.start, m.end, query.asked_noun, query.asked_modifiers) >= DESCRIBED]
    if query.answer_type == "age":
        bound += [c.relevance for c, m in group.statements if _age_of_the_asked(query, c, m)]
    if group.introduced:  # "Where was X born?": "McLean — born in New Rochelle, New York — said ..."
        terms, prepositions = _introducing(query)
        bound += [c.relevance for c, m in group.statements if introduced_by_terms(c.text, m, terms, prepositions)]
    return max(bound, default=0.0)


SPELT_ALIKE = 0.9  # difflib ratio of the two spellings of the one word in which two names differ


def spelt_alike(a: str, b: str) -> bool:
    """Whether two names differ only by a letter or so of one word of six or more letters ("Connor Stalions" /
    "Connor Stallions", "Zelensky" / "Zelenskyy"), not by a word ("eastern Russia" / "western Russia", "Kim Jong-un" /
    "Kim Yo-jong")."""
    a_words, b_words = a.lower().split(), b.lower().split()
    differ = [(x, y) for x, y in zip(a_words, b_words) if x != y]
    return len(a_words) == len(b_words) and len(differ) == 1 and min(map(len, differ[0])) >= 6 and \
        SequenceMatcher(None, *differ[0]).ratio() >= SPELT_ALIKE


def age_bound(group: AnswerCandidate, query: Query) -> bool:
    """Whether a sentence gives the asked person the age `group` is (`_age_of_the_asked`)."""
    return query.answer_type == "age" and any(_age_of_the_asked(query, c, m) for c, m in group.statements)


def _age_of_the_asked(query: Query, c: Candidate, m: Mention) -> bool:
    """"How old is Yoon Suk Yeol?": "Yoon, 63, a former chief prosecutor"; "The 34-year-old posted ..." after the
    text has named Richelle Cranston (evidence.named_referent)."""
    return age_of_the_asked(query.text, c.text, m.start) or _called_by_age_of_the_asked(query, c, m)


def _called_by_age_of_the_asked(query: Query, c: Candidate, m: Mention) -> bool:
    """Whether the age is of someone the sentence calls by it alone ("The 34-year-old posted ...") whom the text
    before named as the question does (the sentence's `context_terms` hold a name the question writes)."""
    return (called_by_age(c.text[max(0, m.start - 4): m.end + 10]) or described_with_age(c.text, m.start)) and \
        _names_an_entity(query, c.context_terms)


def _add_runners_up(groups: list[AnswerCandidate], proposals: list[Proposal]) -> None:
    """Other candidates are listed (value, support) without citations of their own."""
    for g in groups:
        proposals.append(Proposal(g.value, g.support, ()))
