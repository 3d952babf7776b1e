"""The one understanding of a question: `Query`, built once per question and passed on.

`QAService.ask` calls `build_query` once; retrieval (`HybridRetriever.retrieve(..., analysis=
query.analysis)`) and composition (`compose_answer(..., info=query)`) read it instead of each
analysing the text again.

What it holds:

* `answer_type`: what kind of answer is wanted (`ANSWER_TYPES`): a person, an organisation, a
  place, a date, a number with a unit (count, percent, money, age, duration, distance), yes/no,
  a reason, a description, a list or a summary;
* `kind`: the coarse form the extractive composer dispatches on (quantity, who, when, where, why,
  yesno, how, what, summary);
* `terms`: BM25 tokens without question words (irregular verbs mapped to their stem);
* `entities`: capitalised phrases it names (not its outlets, not its dates);
* `entity_types`: those the index's own entity table knows, with the answer type its articles
  give them most often ("NATO" -> organisation), looked up at no model cost (`IndexReader.entity_types`);
* `sources_mentioned`, `date_ranges`, `cleaned_text`: outlets (matched against the index's own
  source names) and dates (relative ones anchored to `as_of`), and the text without them;
* `clauses`: the parts of a multi-part question;
* `relation`: for comparison and temporal questions, what is asked of the parts: "same",
  "different", "before", "after", "both" (None otherwise);
* for numbers: `unit` ("North Korean soldiers"), its head noun and class, and the nation named;
* `roles`: for "Who heads / leads / runs X?", the office titles the person holds (the verb is no term);
* `type_terms`: the terms that name the kind of answer ("cost", "live", "percentage"), which a
  sentence holding a value of that kind answers without saying them.

Pure and deterministic; no model. Domain words come from `qa.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Callable, Iterable, Mapping, Sequence

from qa.lexicon import (
    CALENDAR_WORDS,
    COUNTRY_OF_CAPITAL,
    IRREGULAR,
    KIN_NOUNS,
    LEADER_TITLES,
    LENGTH_NOUNS,
    MONEY_WORDS,
    NATION_OF,
    NUMBER_WORD_VALUES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    QUESTION_WORDS,
    RATE_PERIODS,
    ROLE_VERBS,
    ROLES,
    TITLES_OF_ROLE_VERB,
    TYPE_WORDS,
    UNIT_CLASSES,
)
from qa.answer.money_kinds import kinds_named
from qa.answer_format import split_directive
from qa.retrieval.bm25 import STOPWORDS, tokenize
from qa.retrieval.query import DateRange, QueryAnalysis, analyze_query, clause_spans

ANSWER_TYPES = (
    "person", "organisation", "place", "date",
    "count", "percent", "money", "age", "duration", "distance", "score",
    "yesno", "reason", "description", "list", "summary",
)
NUMBER_TYPES = frozenset({"count", "percent", "money", "age", "duration", "distance"})
ENTITY_TYPES = frozenset({"person", "organisation", "place"})
RELATIONS = ("same", "different", "before", "after", "both")


@dataclass(frozen=True)
class Query:
    """A question, understood once (see the module docstring). Build it with `build_query`."""

    text: str
    kind: str
    answer_type: str
    terms: tuple[str, ...]
    unit: str = ""
    unit_head: str = ""
    unit_class: str | None = None
    # "How many pregnant people's urine samples ...?": one sample a person, so a count of the plural possessor
    # ("9,200 pregnant people") answers too
    unit_possessor: str = ""
    # "How much gold ...?": the unit is a substance, not a count, so a measure of it answers ("$100,000 in gold bars",
    # "20 grams of salt")
    unit_mass: bool = False
    # "How many patients a day came ...?": the period of the rate asked ("day"); a figure written as a rate over
    # that period answers before any other of the unit (quantities.rate_after)
    rate: str = ""
    nationality: str | None = None  # the nation named by the unit asked about (or by the question)
    entities: tuple[str, ...] = ()
    entity_types: tuple[tuple[str, str], ...] = ()  # (entity, answer type) for entities the index has recognised
    sources_mentioned: tuple[str, ...] = ()
    date_ranges: tuple[DateRange, ...] = ()
    cleaned_text: str = ""
    clauses: tuple[str, ...] = ()
    relation: str | None = None
    as_of: date | None = None
    # "Who heads NATO?": the titles the person asked for holds (the verb itself is not in `terms`)
    roles: tuple[str, ...] = ()
    # terms that name the kind of answer ("cost", "live"): a sentence holding a value of that kind has them
    type_terms: tuple[str, ...] = ()
    # "What revenue ...?": the kinds of amount a money question asks (qa/answer/money_kinds.py); none when it
    # names no kind ("How much was he paid?")
    money_kinds: tuple[str, ...] = ()
    # "Which Arkansas publisher ...?": the noun that names the kind of thing asked for ("publisher") and the words
    # before it that qualify it (("Arkansas",)); a sentence that calls a name so describes the answer
    asked_noun: str = ""
    asked_modifiers: tuple[str, ...] = ()
    # "What did China say about the deployment?": the terms of whose words are asked (("china",)); a sentence answers
    # only if it reports them (qa/answer/extractive.py `_reports`), not one that merely names China
    speaker: tuple[str, ...] = ()
    # "Number only: ...", "Yes or no, no hedging: ...": the form the asker wants the answer in (qa/answer_format.py):
    # "number", "name", "date", "age", "place", "percent", "yesno" or "short"; the value alone answers
    answer_format: str | None = None
    # "Marcus in Leeds wants to know": whom the question is relayed for, no part of it (`text` is without it, and it
    # is what is searched for)
    relayed_for: str = ""
    analysis: QueryAnalysis | None = field(default=None, repr=False, compare=False)

    @property
    def is_number(self) -> bool:
        return self.answer_type in NUMBER_TYPES


def tokens_of(words: Iterable[str]) -> frozenset[str]:
    """The BM25 tokens of each word, as the tokenizer stems them ("according" -> "accord")."""
    return frozenset(t for w in words for t in tokenize(w))


def inflections(word: str) -> frozenset[str]:
    """The tokens the tokenizer gives a word's inflected forms: its light stemmer strips "-d" from
    "engaged" ("engag") but not the "-e" of "engage", so a base form and its past meet only here."""
    if word.endswith("e"):
        forms: tuple[str, ...] = (word, word + "s", word + "d", word[:-1] + "ing")
    else:
        forms = (word, word + "s", word + "ed", word + "ing")
    return tokens_of(forms) | {word}


# British and American spellings of one word, on tokens as the tokenizer leaves them ("mobilis" of "mobilised"):
# -ise/-ize, -yse/-yze, -our/-or, -tre/-ter. Tried as alternatives only, so a word that merely looks like one
# ("promise" -> "promize") finds nothing it should not.
_SPELLINGS = (
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)?$"), "iz"),
    (re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)?$"), "is"),
    (re.compile(r"ys(e|es|ed|ing|er|ers)?$"), "yz"), (re.compile(r"yz(e|es|ed|ing|er|ers)?$"), "ys"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), "or"),
    (re.compile(r"(?<=[^aeiou])or(s|ed|ing|ite|ites|able)?$"), "our"),
    (re.compile(r"tre(s)?$"), "ter"), (re.compile(r"ter(s)?$"), "tre"),
)


@lru_cache(maxsize=4096)
def spelling_variants(term: str) -> tuple[str, ...]:
    """The other spellings of `term` ("mobilise" -> "mobilize", "labour" -> "labor"); () for most words."""
    if len(term) < 5:
        return ()
    out = []
    for pattern, replacement in _SPELLINGS:
        m = pattern.search(term)
        if m:
            out.append(term[: m.start()] + replacement + (m.group(1) or ""))
    return tuple(out)


_UNIT_NUMBER_WORDS = [w for w in NUMBER_WORD_VALUES if w.isalpha() and w not in ("hundred", "dozen")]
_ROUND_FIGURE = re.compile(r"\b(?P<n>" + "|".join(_UNIT_NUMBER_WORDS) + r"|a)\s+(?P<scale>hundred|thousand)\b", re.I)


def _round_figures_as_digits(text: str) -> str:
    """"two thousand troops" -> "2000 troops", "10k" -> "10000": a figure the asker spells out or abbreviates is one
    the articles write in digits."""
    def digits(m: re.Match[str]) -> str:
        n = 1 if m.group("n").lower() == "a" else NUMBER_WORD_VALUES[m.group("n").lower()]
        return str(n * (100 if m.group("scale").lower() == "hundred" else 1000))
    # "~10k nk troops": desk shorthand for thousands
    text = _THOUSANDS_SHORT.sub(lambda m: f"{float(m.group(1)) * 1000:g}", text)
    return _ROUND_FIGURE.sub(digits, text)


_THOUSANDS_SHORT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d)?)k\b")


def content_terms(text: str) -> list[str]:
    """BM25 tokens of `text` with irregular verbs mapped to their stem ("fought" -> "fight") and a number's
    thousands separators dropped ("1,000" and "1000" are one term)."""
    return list(_content_terms(text))


# Every question reads the terms of each retrieved sentence many times, and a server's questions retrieve the
# same sentences again: cached, with the instruction test, the answer composer's share of a warm kursk question
# fell from 30 to 15 ms on this machine (eval/bench/query.md, session 13). 16k sentences of a few hundred characters: a few MB.
@lru_cache(maxsize=1 << 14)
def _content_terms(text: str) -> tuple[str, ...]:
    return tuple(IRREGULAR.get(tok, tok) for tok in tokenize(_THOUSANDS.sub("", text)))


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def build_query(
    text: str,
    *,
    sources: Sequence[str] = (),
    as_of: date | None = None,
    default_year: int | None = None,
    entity_types: Callable[[str], Mapping[str, int]] | None = None,
    written_as: Callable[[str], str | None] | None = None,
) -> Query:
    """Understand `text` once. `sources`: the index's outlet names; `as_of` anchors "last week"
    (default today); `default_year` is the year given to dates written without one; `entity_types`
    (`IndexReader.entity_types`) types the question's entities by the index's own entity table; `written_as`
    (`IndexReader.name_written_as`) gives the names of a question typed all in lower case their capitals."""
    text = " ".join(text.split())
    # "Number only: ...", "... Answer in one word.": how the answer is to be given, which is no part of what is asked
    text = _spoken_openings_removed(text)
    if relayed := _RELAYED_FOR.match(text):
        text = text[relayed.end():]  # "Marcus in Leeds wants to know which day ...": "which day ..."
    directive = split_directive(text)
    if directive is not None:
        text = _spoken_openings_removed(directive.question)  # "Number only: um, ..."
    # "... which two kinds of fighters? Name both.": a closing request repeats what the question asks
    text = _CLOSING_REQUEST.sub("?", _CLOSING_ASK.sub("?", text))
    if written_as is not None:
        text = truecase(text, written_as)
    as_of = as_of or date.today()
    analysis = analyze_query(text, sources, today=as_of, default_year=default_year)
    terms: list[str] = []
    # "What is X's job?", "What position does X hold?": the answer is X's title, which no sentence
    # calls a "job" or a "position"; those words are the question's, not the evidence's
    asked_words = _ROLE_ASK_WORDS if _ROLE_ASK.search(text) else frozenset()
    # "What is Foreman's view?": the answer is what Foreman said or believes, which no sentence calls a view
    if _OPINION_ASK.search(text):
        asked_words = asked_words | _OPINION_WORDS
    # "Kindly state the number of ...", "Please tell me who heads NATO?": the request is the asker's, not the
    # evidence's, and the question is what follows it ("Tell me about X" stays a summary)
    request = _REQUEST.match(text)
    if request:
        asked_words = asked_words | set(content_terms(request.group(0)))
    asked = text[request.end():].strip() if request and not _SUMMARY.search(text) else text
    if (named := _IDENTIFY_THE.match(text)) and _which_noun_type(f"Name the {text[named.end():]}") is not None:
        # "Identify the Russian general in command ...": asked as "Name the ..." is (a person, a body, a place)
        asked = "Name the " + text[named.end():].strip()
    # "In 2023, who won the cup?", "Before their defeat to India, when had they last lost?": the question proper follows
    # the scene it sets (whose words stay terms)
    if preamble := _PREAMBLE.match(asked) or _FOLLOW_UP.match(asked) or _CHECKED_THEN_ASKED.match(asked):
        # "Don McLean released a Christmas album in December. When is his next album due out?": the question is
        # the last sentence; what comes before it sets the scene (and its words stay terms). So is a question that
        # follows another ("... did the NIS say how many soldiers left in March? How many was it?")
        asked = asked[preamble.end():]
    if scene := _LEADING_SCENE.match(asked):
        asked = asked[scene.end():]
    kind, answer_type, unit, head, cls = classify(asked)
    if asked != text and answer_type == "yesno" and _REQUEST_FOR_IT.match(asked) and classify(text)[1] == "summary":
        # "My son wants a short explanation of what is happening in Kursk. Could you give me one?": the request is
        # for what the scene named
        kind, answer_type, unit, head, cls = "summary", "summary", "", "", None
    if request and re.match(r"\s*(?:whether|if)\b", asked, re.I):
        # "Could you tell me whether Kyodo reported 2,000?": what follows the request is a yes/no question
        kind, answer_type, unit, head, cls = "yesno", "yesno", "", "", None
    if answer_type == "yesno" and (polite := _POLITE_REQUEST.match(asked)):
        # "Could you name one or two of the items the commentary mentions?": a request put politely, not a yes/no
        # question ("Could you tell me whether ...?" stays one)
        request_text = asked[polite.end():]
        kind, answer_type, unit, head, cls = classify(request_text[:1].upper() + request_text[1:])
    if answer_type == "yesno" and (otherwise := _IF_NOT_THEN_WH.search(asked)):
        # "Is that a fair reading, and if not, what did he forecast?": the value asked after the check is the answer
        rest = asked[otherwise.end():]
        kind, answer_type, unit, head, cls = classify(rest[:1].upper() + rest[1:])
    if directive is not None and directive.wants == "yesno" and answer_type != "yesno":
        # "My guest will argue that ... Does the Stern piece back that up, yes or no?": the asker wants a verdict
        kind, answer_type, unit, head, cls = "yesno", "yesno", "", "", None
    if asked != text and kind == "quantity" and answer_type == "count" and not head:
        # "I'd like the dollar value of the shells. What figure is given?": a follow-up that asks for a figure of no
        # kind asks for the kind its scene named
        whole = classify(text)
        if whole[0] == "quantity" and whole[1] != "count":
            kind, answer_type, unit, head, cls = whole
    if answer_type == "date":
        # "What month did ...?": the answer is "August", which no sentence calls a month
        asked_words = asked_words | _DATE_ASK_WORDS
    if _SPELLING_ASK.search(text):
        asked_words = asked_words | {"spell", "spelt"}
    if _ACROSS_SOURCES.search(text):
        # "How do the estimates differ between sources?": each source's own sentence answers, none says "differ"
        asked_words = asked_words | _ACROSS_SOURCES_WORDS
    if kind == "quantity" and (size := _HOW_ADJECTIVE.search(text)):
        # "How large is each unit?": the adjective asks for the figure; "3,000 each" never says "large"
        asked_words = asked_words | set(content_terms(size.group("adjective")))
    if kind == "quantity":
        # "the number of reservists North Korea maintains / possesses": a count of what one has, which a
        # sentence says with "has" ("North Korea has ... 7.6 million reservists")
        asked_words = asked_words | _POSSESSION_WORDS
    for filler in _FILLERS.finditer(text):
        # "How many troops are in Kursk right now?", "Where exactly are they trained?": the asker's emphasis, which
        # no sentence need repeat
        asked_words = asked_words | set(content_terms(filler.group(0)))
    if re.match(_LEAD + r"how\s+come\b", text, re.I):
        asked_words = asked_words | {"come"}  # "How come ...?" is "Why ...?"
    if _HAVE_GOT.search(text):
        # "How many troops has Russia got in Kursk?": "have got" is "have", which no sentence says as "got"
        asked_words = asked_words | {"get"}
    role_verb = asked_role_verb(asked) if answer_type == "person" else None
    if role_verb:
        # "Who heads NATO?" is answered by "NATO Secretary General Mark Rutte", which never says "heads"
        asked_words = asked_words | set(content_terms(role_verb))
        if role_verb.lower() in TITLES_OF_ROLE_VERB:
            # ... and "Who owns the Carolina Panthers?" by "Panthers owner David Tepper": the lexical search looks for
            # the office's title too (only a verb of one office: "heads" has a title in every leader's sentence)
            analysis = replace(analysis, lexical_terms=tuple(sorted(TITLES_OF_ROLE_VERB[role_verb.lower()])))
    # "Is Putin mobilising men?" finds "Putin refrains from mobilizing soldiers": the lexical search looks for each
    # word's other spelling too (one the index does not hold adds nothing)
    if variants := tuple(dict.fromkeys(v for w in re.findall(r"[a-z]{5,}", text.lower())
                                       for v in spelling_variants(w))):
        analysis = replace(analysis, lexical_terms=(*analysis.lexical_terms, *variants))
    leader = _LEADER_ASKED.search(asked) if answer_type == "person" and not role_verb else None
    if leader:
        # "Who is the NATO chief?", "who's the head of NATO?": asked as "Who heads NATO?", by any leader's title
        asked_words = asked_words | set(content_terms(leader.group("noun")))
    # "Besides soldiers, what ...?": what the question sets aside is no term the answer's sentence must hold
    excluded = set(content_terms(m.group("phrase"))) if (m := _SET_ASIDE.search(text)) else set()
    # "As of December 2023, how many years had X played?": when the asker stands, which no sentence says
    excluded |= {t for m in _AS_OF_DATE.finditer(text) for t in content_terms(m.group("when"))}
    for t in content_terms(_round_figures_as_digits(text)):
        if t in excluded:
            continue
        if t not in _QUESTION_TERMS and t not in _FUNCTION_WORDS and t not in asked_words and t not in terms:
            terms.append(t)
    nation = nation_named(unit) or (nation_named(text) if cls in ("personnel", "people") else None)
    cleaned = analysis.cleaned_query or text
    entities = named_entities(text, analysis)
    claimed = cleaned
    if answer_type == "yesno" and asked != text:
        # "We were issued kit older than we were. Does the Stern writer say that some of North Korea's equipment is
        # considered outdated?": the claim to check is the question's own, not its scene's ("older", or a quoted
        # "It's not true that ..." would deny it); or its last sentence's, where what it asks is short ("That story
        # about Russia pairing translators with the soldiers: has anyone verified it?" after "I never trusted
        # intelligence nobody could confirm."); the whole text only where the question points back at the scene
        # ("Does the Stern piece back that up?")
        last = re.split(r"(?<=[.!?])\s+", text.strip())[-1]
        for part in dict.fromkeys((asked, last)):
            own = analyze_query(part, sources, today=as_of, default_year=default_year).cleaned_query or part
            if len([t for t in content_terms(own) if t not in _QUESTION_TERMS and t not in _FUNCTION_WORDS]) >= 3:
                claimed = own
                break
    if answer_type == "yesno":
        # "ru labour shortage real or not per the stern piece?", "whether or not ...": the alternative asked, which
        # denies nothing of the claim
        claimed = _OR_NOT.sub("", claimed)
    spans = clause_spans(claimed)
    noun, modifiers = asked_noun(asked) if answer_type in ENTITY_TYPES else ("", ())
    return Query(
        text=text,
        relayed_for=" ".join(relayed.group(0).split()) if relayed else "",
        answer_format=directive.wants if directive is not None else None,
        kind=kind,
        answer_type=answer_type,
        terms=tuple(terms),
        unit=unit,
        unit_head=head,
        unit_class=cls,
        unit_possessor=plural_possessor(unit) if kind == "quantity" else "",
        unit_mass=kind == "quantity" and asks_mass(asked, head, cls),
        rate=_asked_rate(text) if kind == "quantity" else "",
        nationality=nation,
        entities=entities,
        entity_types=typed_entities(entities, entity_types),
        sources_mentioned=analysis.sources_mentioned,
        date_ranges=analysis.date_ranges,
        cleaned_text=cleaned,
        clauses=tuple(claimed[a:b] for a, b in spans),
        relation=relation_asked(text) if answer_type == "yesno" else None,
        as_of=as_of,
        roles=_titles_of(role_verb) if role_verb else _titles_of("heads") if leader else (),
        type_terms=tuple(t for t in terms if t in _TYPE_FORMS.get(answer_type, ())),
        money_kinds=tuple(sorted(kinds_named(asked))) if answer_type == "money" else (),
        asked_noun=noun,
        asked_modifiers=modifiers,
        speaker=_speaker(asked, analysis),
        analysis=analysis,
    )


def truecase(text: str, written_as: Callable[[str], str | None]) -> str:
    """`text` with the names the index knows written as its articles write them, when the asker typed no capital but
    the first ("who is mark rutte?" -> "who is Mark Rutte?"): names are what the question's analysis finds by their
    capitals. `written_as` (`IndexReader.name_written_as`) says how the articles write a run of words used as a name.
    The longest run (up to four words) wins; a stopword or a question word at either end is never one ("tell us"
    stays, though "US" is an entity), nor a noun of a kind alone ("city", though "Manchester City" is a name)."""
    if any(ch.isupper() for ch in text[1:]):
        return text
    words = list(_TRUECASE_WORD.finditer(text))
    out: list[str] = []
    at = 0  # characters of `text` already copied
    i = 0
    while i < len(words):
        for n in range(min(TRUECASE_WORDS, len(words) - i), 0, -1):
            run = words[i:i + n]
            plain = [w.group(0).lower() for w in run]
            if plain[0] in _NOT_NAME_EDGE or plain[-1] in _NOT_NAME_EDGE or \
                    (n == 1 and (len(plain[0]) < 3 or plain[0] in _KIND_WORDS)):
                continue
            phrase = text[run[0].start():run[-1].end()]
            written = written_as(phrase)
            if written and written.lower() == phrase.lower() and written != phrase:
                out.append(text[at:run[0].start()] + written)
                at = run[-1].end()
                i += n
                break
        else:
            i += 1
    return "".join(out) + text[at:]


TRUECASE_WORDS = 4  # the longest name looked up ("north korean special forces")
_TRUECASE_WORD = re.compile(r"[\w'’.-]*\w")
# a name neither starts nor ends on these: stopwords, question words, and the modal and pronoun the index may hold
# as entities ("May", "US")
_NOT_NAME_EDGE = STOPWORDS | QUESTION_WORDS | frozenset({"may", "us"})


def _titles_of(verb: str) -> tuple[str, ...]:
    """The office titles whose holder a role verb asks for ("chairs" -> chair, chairman, ...), as tokens."""
    titles = TITLES_OF_ROLE_VERB.get(verb.lower(), LEADER_TITLES)
    return tuple(sorted({t for title in titles for t in content_terms(title)}))


_MONTH = "|".join(sorted(w for w in CALENDAR_WORDS if not w.endswith("day")))
_AS_OF_DATE = re.compile(rf"\bas\s+(?:of|at)\s+(?P<when>(?:(?:early|mid|late)[\s-]+)?(?:(?:{_MONTH})\s+)?"
                         rf"(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}})\b", re.I)
_LEADING_SCENE = re.compile(r"^\s*(?:in|on|at|after|before|since|during|following|by|until|as\s+of|among|under|"
                            r"with|without|amid|despite|in\s+the\s+wake\s+of|"
                            # "When the result came back a week later, how pure was it?": a time, not "When did ..."
                            r"(?:when|once|while)(?!\s+(?:did|does|do|is|was|were|are|will|has|have|had)\b))\b"
                            r"[^,?]{1,80},\s+"
                            # ... or a yes/no question: "When Tsybulska says the first thousand reached Kursk, does the
                            # article state that ...?"
                            r"(?=(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|"
                            r"will|would|has|have|had)\b)", re.I)
# a scene may quote a question of its own ("Negation trap: 'It's not true that ..., right?' Plainly, does ...?"), and
# the question proper may open on an adverb ("Plainly, does ...", "Honestly, how ...")
_PREAMBLE = re.compile(r"^(?:[^?]|\?[\"'”’])(?:[^?]|\?[\"'”’]){9,}?(?:[.!:]|\?[\"'”’])\s+"
                       r"(?:[A-Za-z]+ly,\s+)?"
                       r"(?=(?:(?:by|in|on|at|from|to|for|of|with|under|since|until|after|before)\s+"
                       r"(?:what|which|whom|whose|how)|who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|"
                       r"does|did|can|could|will|would|should|may|might|must|has|have|had)\b[^.!?:]*\?\s*$)", re.I)
_CLOSING_REQUEST = re.compile(r"\?\s+(?:please\s+)?(?:name|list|give|explain|describe|specify|identify)"
                              r"(?:\s+(?:both|them|all|it|each|one|the\s+two|all\s+of\s+them|briefly))?[.!]?\s*$", re.I)
_CLOSING_ASK = re.compile(r",?\s+(?:(?:so\s+)?(?:can|could)\s+you\s+(?:please\s+)?(?:name|list|tell\s+(?:me|us))"
                          r"(?:\s+(?:them|it|both|all|which))?|is\s+there\s+a\s+\w+|do\s+you\s+know)\s*\?\s*$", re.I)
_FOLLOW_UP = re.compile(r"^[^?]{10,}?\?\s+(?=(?:how|what|which|who|whom|whose|when|where|why)\b[^?]*\?\s*$)", re.I)
_OR_NOT = re.compile(r"(?:\s+(?:real|true|right|correct|accurate|so))?,?\s+or\s+not\b(?!\s+(?:to|be|only|just)\b)",
                     re.I)
_IF_NOT_THEN_WH = re.compile(r"[,;]?\s+(?:and\s+|or\s+)?if\s+(?:not|so)\s*,?\s+(?=(?:who|whom|what|which|when|where|why|"
                             r"how)\b[^?]*\?\s*$)", re.I)
# "I wanted to write: 'The Pentagon told reporters what weapons North Korea sent.' Is that true? Did the deputy press
# secretary give those details?": a quoted claim, a "Is that true?", and the question proper that says what to check
_CHECKED_THEN_ASKED = re.compile(r"^[^?]{10,}?[.!:][\"'”’]?\s+(?:is|was)\s+(?:that|this|it)\s+(?:true|right|correct|"
                                 r"accurate|fair|so)\?\s+(?=(?:is|are|was|were|do|does|did|has|have|had|can|could|will|"
                                 r"would)\b[^?]*\?\s*$)", re.I)
_SET_ASIDE = re.compile(r"^\s*(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|excluding|"
                        r"not\s+counting)\s+(?P<phrase>[^,?]{1,60}),", re.I)
# English function words the tokenizer keeps (its stopwords are the common ones): a modal or a preposition
# says nothing the evidence must hold ("What roles might they play?", "Besides soldiers, what ...?")
_FUNCTION_WORDS = tokens_of("might must shall besides beside except apart aside please".split())
_TYPE_FORMS = {kind: frozenset().union(*(inflections(w) for w in words)) for kind, words in TYPE_WORDS.items()}
_ROLE_VERB = re.compile(r"^\s*(?:(?:and|so|but|then)\s+)?who\s+(?:currently\s+|now\s+)?(?P<verb>" +
                        "|".join(sorted(ROLE_VERBS, key=len, reverse=True)) + r")\b", re.I)


def asked_role_verb(text: str) -> str | None:
    """The role verb a question opens on ("Who heads NATO?" -> "heads"; ROLE_VERBS), as written."""
    m = _ROLE_VERB.match(text)
    return m.group("verb") if m else None


# --- answer type
# "Who is the NATO chief?": a generic leader's noun, not one office ("head coach", "chief executive" name their
# own title)
_LEADER_ASKED = re.compile(r"^\s*who(?:\s+(?:is|was|are|were)|['’]s)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?"
                           r"(?P<noun>chief|head|boss|leader)\b(?=\s*(?:of\b|\?|$|,|in\b|at\b|now\b|today\b))", re.I)
# "What is X's job?", and the same after a name the asker puts first ("Liubov Tsybulska: what's her role?");
# not "What role did X play in ...?", which asks what X did, in the words of the sentence that says it
_ROLE_ASK = re.compile(r"(?:^|[:;,–—]\s*|\s-\s*)(?:what|which)\b[^?]*\b(?:job|role|position|title|occupation|"
                       r"profession)s?\b(?![^?]*\bplay)", re.I)
_ROLE_ASK_WORDS = frozenset("job role position title occupation profession hold held serve serves".split())
_HAVE_GOT = re.compile(r"\b(?:has|have|had|hasn['’]t|haven['’]t)\b(?:\s+[\w'’-]+){0,5}?\s+got\b|['’]ve\s+got\b",
                       re.I)
_OPINION_NOUNS = "view|views|opinion|opinions|take|stance|thoughts|perspective|verdict|assessment|position on"
_OPINION_ASK = re.compile(r"(?:['’]s?|\b(?:his|her|their))\s+(?:" + _OPINION_NOUNS + r")\b|"
                          r"\bwhat\s+(?:does|did|do)\s+[\w\s.'’-]{2,60}?\s+(?:think|believe|feel)\b", re.I)
# "What did China's foreign ministry say about ...?", "What has the Pentagon told reporters?": whose words are asked
_SAID_ASK = re.compile(r"^\s*(?:(?:and|so|but|also|then)\s+)?(?:what\s+(?:did|does|do|has|have|had)\s+"
                       r"(?P<who>[^?,]{2,60}?)\s+"
                       r"(?:say|tell|claim|warn|announce|state|report|write|note|reveal|confirm)\b|"
                       # "How did the Kremlin respond to ...?", "What was China's reaction to ...?": its words
                       r"how\s+(?:did|does|do|has|have|had)\s+(?P<who2>[^?,]{2,60}?)\s+(?:respond|react|reply)\b|"
                       r"what\s+(?:was|is|has\s+been)\s+(?P<who3>[^?,]{2,60}?)['’]s?\s+"
                       r"(?:reaction|response|reply)\b)",
                       re.I)
# "What caused the leak, according to the gas company?": whose account is asked (not an outlet: "according to The
# Verge" is answered by The Verge's article, whatever its sentence says)
_ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?P<who>[^?,]{2,60}?)\s*\??\s*$", re.I)
_DOCUMENT_WORDS = frozenset("article articles report reports story stories piece news outlet source sources".split())


def _speaker(text: str, analysis: QueryAnalysis) -> tuple[str, ...]:
    """The terms of whose words the question asks (Query.speaker): "What did China say ...?", "..., according to the
    gas company?"; () when it asks none, or the one it names is an outlet or a document."""
    asked_to_say = _SAID_ASK.match(text)
    said = asked_to_say or _ACCORDING_TO.search(text)
    if said is None or analysis.sources_mentioned:
        return ()
    who = next(w for w in (said.groupdict().get(g) for g in ("who", "who2", "who3")) if w)
    words = {w.lower().rstrip("s") for w in re.findall(r"[\w-]+", who)} | {w.lower() for w in who.split()}
    if _DOCUMENT_WORDS & words:
        return ()  # an outlet or a document
    if not ((asked_to_say and asked_to_say.group("who")) or re.search(r"\b[A-Z]", who) or words & _SPEAKER_NOUNS):
        return ()  # "according to" no one: "according to the concerns raised"; "How did the market react?"
    # "Kremlin spokesman Dmitry Peskov": a phrase that ends on a name is that person, whom the name says and the title
    # does not ("White House spokesman John Kirby confirmed ..." reports another spokesman)
    written = re.findall(r"[\w'’-]+", who)
    named = [w for w in written if w[:1].isupper() and w.lower() not in _SPEAKER_NOUNS]
    return tuple(content_terms(" ".join(named))) if named and written[-1] in named else tuple(content_terms(who))


# what can speak: a name (capitalised), or a noun for a person or an organisation ("according to the gas company")
# (not "figure": "according to the latest figures" names data, not a public figure)
_SPEAKER_NOUNS = (PERSON_NOUNS | ORGANISATION_NOUNS | ROLES | KIN_NOUNS) - {"figure"}


_OPINION_WORDS = tokens_of("view views opinion opinions take stance thoughts perspective verdict assessment think "
                           "believe feel".split())
_REQUEST = re.compile(r"^\s*(?:(?:kindly|please)[\s,]+)?(?:could\s+you\s+|can\s+you\s+)?(?:state|indicate|tell|give|"
                      r"provide|specify|identify|share|say|remind|explain|describe|(?:do\s+you\s+)?know)"
                      r"(?:\s+(?:me|us))?\b"
                      r"(?=\s+(?:the|a|an|who|whom|whose|what|when|where|which|why|how|whether|if)\b)", re.I)
_IDENTIFY_THE = re.compile(r"^\s*(?:(?:kindly|please)[\s,]+)?(?:identify|specify)\s+the\s+(?=[a-z])", re.I)
_CHANGE_ASKED = re.compile(r"\bby\s+how\s+much\s+(?:did|do|does|has|have|had|will|would)\s+[^?]*?\b"
                           r"(?:fall|fell|rise|rose|drop|climb|decline|increase|jump|slide|slid|sink|sank|gain|"
                           r"grow|grew|shrink|shrank|surge|soar|plunge|tumble|raise|boost|lift|hike|cut|reduce|"
                           r"lower|trim|slash|expand)|"
                           # "How much does Home Depot expect its same-store sales to grow?": a change of what grows,
                           # by whatever the sentence measures (not "How much did they raise?", money raised)
                           r"\bhow\s+much\s+(?:did|do|does|has|have|had|will|would|is|are|was|were)\s+[^?]*?\b"
                           r"(?:to\s+)?(?:fall|rise|drop|climb|decline|grow|shrink|surge|soar|plunge|tumble|expand)"
                           r"\s*(?:\bin\b[^?]*)?\?", re.I)
# "Hey, um, how many ...", "Okay, so who ...", "..., uh, ...": spoken openings and hesitations, no part of what is
# asked (their capitals would read as a name the articles must hold: "Hey")
_SPOKEN_OPENING = re.compile(r"^\s*(?:(?:(?:hey|hi|hello|um+|uh+|erm+|hmm+|ah|oh)\b|(?:okay|ok|so|well|right|"
                             r"alright|quick\s+question|question)\s*[,:;!-])[\s,.:;!-]*)+", re.I)
_HESITATION = re.compile(r"(?:,\s*)?\b(?:um+|uh+|erm+|hmm+)\b(?=[\s,])", re.I)
# "..., I mean the Russians, not the North Koreans, roughly": what the asker rules out is no term or name to look for
# (a thing ruled out, not a deed denied: ", not fully releasing its model," and ", not only ..." stay)
_RULED_OUT = re.compile(r",\s*(?:and\s+|but\s+)?not\s+(?!(?:only|just|merely|even|yet|always|ever|to|be|been|"
                        r"being)\b)(?!\w+(?:ing|ed|ly)\b)(?:the\s+)?[^,?.;!]{1,40}(?=[,?.;!]|$)", re.I)
_I_MEAN = re.compile(r"(?<=,)\s*i\s+mean\b,?", re.I)


# "Marcus in Leeds wants to know which day ...", "So Priya in Cardiff asks, okay, if ...", "A caller is asking how
# many ...": a question relayed for someone, whose name and town are no part of what is asked (their capitals would
# read as names the articles must hold)
_RELAYED_FOR = re.compile(
    r"^\s*(?:(?:so|and|now|next|okay|ok)\s*,?\s+)?"
    r"(?:[A-Z][a-z]+\s+(?:in|from)\s+[A-Z][a-z]+|"
    r"(?:a|one|another|our)\s+(?:[a-z]+\s+)?(?:caller|listener|reader|viewer|texter|emailer)"
    r"(?:\s+(?:in|from)\s+[A-Z][a-z]+)?)"
    r"\s+(?:wants|wanted|would\s+like|asks|asked|is\s+asking|was\s+asking|wonders|is\s+wondering|writes\s+in|texts|"
    r"texted)(?:\s+to\s+know)?(?:\s*[,:]\s*(?:(?:okay|ok|so|well)\s*,?\s*)?|\s+)"
    r"(?=(?:who|whom|whose|what|which|when|where|why|how|if|whether|is|are|was|were|do|does|did|has|have|can|could|"
    r"will|would)\b)", re.I)


def _spoken_openings_removed(text: str) -> str:
    """`text` without spoken openings, hesitations and what it rules out ("Hey, um, how many soldiers has Russia got,
    I mean the Russians, not the North Koreans?" -> "how many soldiers has Russia got, the Russians?")."""
    text = _SPOKEN_OPENING.sub("", text, count=1)
    text = _RULED_OUT.sub("", _I_MEAN.sub("", _HESITATION.sub("", text)))
    return " ".join(text.split()) or text


_FILLERS = re.compile(r"\b(?:right\s+now|at\s+the\s+moment|at\s+present|these\s+days|by\s+now|actually|really|"
                      r"exactly|even|anymore|remind)\b", re.I)
_ACROSS_SOURCES = re.compile(r"\b(?:differ|vary|varies|compare|disagree)\w*\b[^?]{0,30}?\b(?:between|among|across|"
                             r"from)\s+(?:the\s+)?(?:different\s+|various\s+)?(?:sources|reports|outlets|articles|"
                             r"media|accounts)\b", re.I)
_ACROSS_SOURCES_WORDS = tokens_of("differ differs vary varies compare disagree source sources report reports outlet "
                                  "outlets article articles media account accounts different various".split())
_HOW_ADJECTIVE = re.compile(r"\bhow\s+(?P<adjective>large|big|small|tall|high|deep|wide|heavy|strong)\b", re.I)
# the question words as the tokenizer stems them ("according" -> "accord", "estimated" -> "estimat")
_QUESTION_TERMS = QUESTION_WORDS | tokens_of(QUESTION_WORDS)
_POSSESSION_WORDS = tokens_of("possess possesses maintain maintains boast boasts field fields".split())
_DATE_ASK_WORDS = frozenset("month year week weekday season decade century calendar".split())
_LEAD = r"^\s*(?:(?:and|so|but|also|then)\s+)?"
# "What's Berlanti's age?", "What is the stadium's capacity?", "What is the IMF's 2023 growth forecast?": a figure
_RATE_MEASURES = r"growth|inflation|unemployment|jobless|interest|approval|poverty|literacy|vacancy|turnover"
_MEASURE_NOUNS = (r"attendance|crowd|turnout|population|temperature|(?-i:age)|(?:seating\s+)?capacity|"
                  rf"(?:{_RATE_MEASURES})(?:\s+(?:rates?|forecasts?|outlook|projections?|estimates?|figures?))?|"
                  r"(?:morning|overnight|daytime|record)\s+(?:low|high)|death\s+toll|toll|odds")
_MEASURED = (rf"what(?:\s+(?:is|was|are|were|will\s+be)|['’]s)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
             rf"(?P<noun>{_MEASURE_NOUNS})\b")
_MEASURED_ASK = re.compile(rf"\b{_MEASURED}", re.I)
# what each measured noun counts: a crowd counts spectators, a low or a high degrees (a population or odds: any figure)
_MEASURE_UNITS = ((frozenset({"attendance", "crowd"}), ("spectators", "spectators", "people")),
                  (frozenset({"turnout"}), ("voters", "voters", "people")),
                  (frozenset({"temperature", "low", "high"}), ("degrees", "degrees", "temperature")),
                  (frozenset({"age"}), ("age", "age", "age")),
                  (frozenset({"capacity"}), ("people", "people", "personnel")),  # the people a venue seats
                  # a rate of growth, inflation or unemployment, or its forecast: a percentage
                  (frozenset([*_RATE_MEASURES.split("|"), *"rate rates forecast forecasts outlook projection projections "
                              "estimate estimates figure figures".split()]), ("", "percent", "percent")))
_QUANTITY = re.compile(
    r"\b(?:how\s+(?:many|much|far|long|large|big|old|tall|high)|what\s+(?:number|percentage|percent|share|"
    r"proportion|amount|age|fraction)\s+of|what\s+(?:percentage|percent|share|age)\b|"
    r"what(?:\s+(?:is|was|are|were)|['’]s)\s+the\s+(?:number|size|total|amount|cost|price|value|age|tally|"
    r"strength)\b|"
    # "What was the attendance at ...?", "What is the population of ...?", "What was the morning low ...?": a figure
    rf"{_MEASURED}|"
    # "... tops out at what figure?"
    r"number\s+of|by\s+how\s+much|\bwhat\s+(?:figure|number|total|tally|count)(?=\s*[?.]?\s*$)|"
    r"what\s+(?:numbers|figures?|estimates?|totals?|tally)\s+(?!of\b)"
    r"(?:do|does|did|is|are|was|were|have|has|had|should|would|could|can|will|must|shall)\b|"
    # "What's the Pentagon's number for ...?", "How do estimates of the troop numbers differ?"
    r"^\s*what\b[^?]{0,60}?(?:['’]s?|s['’])\s+(?:numbers?|figures?|estimates?|count|tally|total)\b|"
    r"\bhow\s+do(?:es)?\s+(?:the\s+)?(?:estimates?|figures?|numbers?|counts?|tallies)\b)\b",
    re.I,
)
# "Who ...?", and "With whom did X ...?"
_WHO = re.compile(_LEAD + r"(?:who|whom|whose)\b|^\s*(?:with|to|for|from|by|against|about|of)\s+whom\b|"
                  r"^\s*(?:on|in|at|with|to|for|from|by|under|against|about|of)\s+whose\b", re.I)
_WHO_IS_NAME = re.compile(r"^\s*[Ww]ho(?:\s+(?:is|was|are|were)|['’]s)\s+(?:[A-Z][\w.'’-]*\s*){1,4}\??\s*$")
_WHICH_NOUN = re.compile(r"(?:\b(?:which|what)|^\s*(?P<name>name)\s+the)\s+(?P<words>(?:[\w'’-]+\s*){1,4})", re.I)
_WHEN = re.compile(
    _LEAD + r"when\b|\bsince\s+when\b|\b(?:what|which)\s+(?:calendar\s+|exact\s+|precise\s+)?"
    r"(?:date|day|weekday|year|month|time|week)\b|"
    r"\bon\s+which\s+day\b|\bin\s+what\s+year\b|"
    r"\bwhat(?:\s+(?:is|was|were|will\s+be)|['’]s)\s+the\s+(?:exact\s+|precise\s+|release\s+)?date\b",
    re.I,
)
_TRAILING_WH = re.compile(r"\b(?P<wh>when|where|who|whom|why)\s*\??\s*$", re.I)
_TRAILING_KINDS = {"when": ("when", "date", "", "", None), "where": ("where", "place", "", "", None),
                   "who": ("who", "person", "", "", None), "whom": ("who", "person", "", "", None),
                   "why": ("why", "reason", "", "", None)}
_WHERE = re.compile(_LEAD + r"where\b", re.I)
_WHERE_WORKS = re.compile(_LEAD + r"where\s+(?:does|did|do|is|was|are|were)\s+[^?]{1,60}?\s+(?:work|working|employed|"
                          r"study|studying|teach|teaching)\s*\??\s*$", re.I)
# "Is support for Ukraine going up or down?": a choice between two directions, answered by the sentence that says
# which ("Support for Ukraine is waning rather than increasing"), not by yes or no
_DIRECTIONS = (r"up|down|rising|falling|increasing|decreasing|growing|shrinking|higher|lower|better|worse|improving|"
               r"worsening|gaining|losing|stronger|weaker|expanding|contracting")
_OPEN_CHOICE = re.compile(r",?\s+or\s+(?:(?:from|by|in|at|to|with)\s+)?(?:someone|somebody|something|somewhere|anyone|"
                          r"anybody|another\s+\w+|some\s+other\s+\w+)\s+else\b|,?\s+or\s+neither\b", re.I)
_CHOICE = re.compile(rf"\b(?:{_DIRECTIONS})\s+or\s+(?:{_DIRECTIONS})\b", re.I)
# "Where does she get that information?": whose account, not a place
_WHERE_FROM_SOURCE = re.compile(r"\bwhere\s+(?:does|did|do|would|could)\s+[^?]{1,40}?\s+(?:get|got|obtain|learn|hear|"
                                r"find)\b[^?]*\b(?:information|figures?|data|news|numbers?|idea|claim|that|this|it)\b",
                                re.I)
_NAME_BY_POSSESSIVE = re.compile(
    r"^\s*(?:(?:and|so|but|then)\s+)?(?:what(?:\s+(?:is|was)|['’]s)|how\s+(?:is|was)|how\s+(?:do|would|should)\s+"
    r"(?:you|i|we)\s+spell)\s+(?P<owner>(?:the|that|this|its|their|his|her)\s+[\w\s-]{1,60}?)['’]s?\s+"
    r"(?:full\s+)?name(?:\s+(?:spelled|spelt|written))?\s*[?.!]*\s*$", re.I)
_SPELL_THE_NAME = re.compile(r"^\s*how\s+(?:do|would|should|does|did)\s+(?:you|i|we|one|they)\s+(?:spell|write)\s+"
                             r"(?=the\s+names?\s+of\b)", re.I)
# "How is the agency's name spelled?": the spelling asked is the name's, which no sentence calls spelled
_SPELLING_ASK = re.compile(r"\bspell(?:s|ed|t|ing)?\b", re.I)
_NAME_OF = re.compile(r"\bwhat(?:\s+(?:is|was|are|were)|['’]s)\s+the\s+names?\s+of\s+"
                      r"(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+|that\s+|this\s+)?"
                      r"(?P<words>(?:[\w'’-]+[,;:]?\s*){1,6})", re.I)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten both".split())
_CLAUSE_OPENERS = frozenset("who whom whose that which where when in on at of for with from to by as is was are were "
                            "has have had and or the a an this these those his her their its my our your".split())
_AUX = (r"(?:have|has|had|did|do|does|is|are|was|were|will|would|can|could|should|may|might|isn['’]t|"
        r"wasn['’]t|didn['’]t|doesn['’]t|hasn['’]t)")
_YESNO = re.compile(_LEAD + _AUX + r"\b", re.I)
_YESNO_AFTER_LEAD = re.compile(r"(?:^|[,;]\s*)(?:(?:and|so|but)\s+)?" + _AUX + r"\s+['\"‘“]?(?:there|the|it|they|this|both|all|"
                               r"[A-Z]|\w+\s)", re.I)
_WH_IN_SITU = re.compile(r"\b(?:in|on|at|for|from|to|by|under|over|with|of|about|after|before|until|since|than|is|was|"
                         r"are|were)\s+(?:what|which|whom|whose|how\s+(?:many|much|long|old|far))\b", re.I)
_WH_ANYWHERE = re.compile(r"(?:^|[,;]\s*)(?:(?:on|in|at|by|for|from|to|with|of|about|under|after|before|since|until)\s+"
                          r"(?=whom|whose|what|which))?(?:who|whom|whose|what|which|when|where|why|how)\b", re.I)
_WHY = re.compile(_LEAD + r"(?:why|how\s+come)\b|\bwhat\s+(?:is|was|are|were)\s+the\s+(?:reason|cause)s?\b|"
                  r"\bwhat\s+(?:caused|led\s+to|prompted|motivated)\b|\bfor\s+what\s+reason\b|"
                  # "What reason did CBP give for not vaccinating ...?", "What explanation was offered?"
                  r"\bwhat\s+(?:reasons?|explanation|justification|rationale|grounds|motive)\s+(?:did|does|do|has|have|"
                  r"had|was|were|is|are)\b", re.I)
_SUMMARY = re.compile(
    r"\b(?:summari[sz]e|summary|overview|gist|recap|main\s+points|key\s+points|in\s+brief|in\s+a\s+nutshell|in\s+short\b|"
    r"what\s+(?:has\s+(?:been\s+)?|is\s+|was\s+)?happen(?:ed|s|ing)\b(?!\s+(?:to|after|before|when|between)\b)|"
    r"what\s+(?:are|do)\s+the\s+(?:articles?|news|reports?)\s+(?:about|say)\b|what(?:['’]s|\s+is)\s+the\s+news\b|"
    r"tell\s+me\s+about\b|what(?:\s+is|['’]s)\s+going\s+on\b)",
    re.I,
)
# "Which player said the last game was the opposite of what happened here?": a question asking who, which, where,
# when, why or how is no request for an overview because a clause of it says "what happened"
_ASKS_SOMETHING_ELSE = re.compile(_LEAD + r"(?:who|whom|whose|which|where|when|why|how)\b", re.I)
_SUMMARY_WORD = re.compile(r"\b(?:summari[sz]e|summary|overview|gist|recap)\b", re.I)
_WHICH_SEVERAL = re.compile(r"\b(?:which|what)\s+(?:two|three|four|five)\b", re.I)
# "List ...", "Name all ...", "What are the ...s?": a list ("Which two ...?" is `_WHICH_SEVERAL`'s, read first)
_LIST = re.compile(r"^\s*(?:list|name\s+(?:all|the|every|three|two|some))\b|\bwhat\s+are\s+(?:all\s+)?the\s+\w+s\b",
                   re.I)
_DESCRIBE = re.compile(r"^\s*(?:describe|explain)\b|\bwhat\s+(?:is|was|are|were)\s+(?:[A-Z]|the\s+role|the\s+job)|"
                       r"\bwhat\s+does\s+.+\s+do\b|\b(?:job|role|title|position)\b", re.I)
_HOW = re.compile(_LEAD + r"how\b", re.I)
_AUXILIARIES = frozenset(
    "did do does are is were was have has had will would could can may might should must shall".split())
_AUXILIARY = "|".join(sorted(_AUXILIARIES))  # a regex alternative of them, which ends an asked unit's words
_UNIT_AFTER = re.compile(
    r"\bhow\s+(?:many|much)\s+(?P<unit>(?:[\w'’-]+\s+){0,4}?[\w'’-]+?)"
    rf"(?=\s+(?:{_AUXILIARY}|remain|in|from|to|for|on|at|of|with|between|across|during|since|according)\b|"
    r"\s*[?,.]|$)",
    re.I,
)
# the unit when the words after it run on past five before a preposition or an auxiliary: "How many spectators
# attended Tottenham's 2-1 home defeat to West Ham?" (`_noun_phrase` keeps "spectators")
_UNIT_RUNS_ON = re.compile(r"\bhow\s+many\s+(?P<unit>(?:[\w'’-]+\s+){0,4}[\w'’-]+)", re.I)
_WEIGHS = re.compile(r"\bhow\s+much\s+(?:does|did|do|will|would|could|can)\s+[^?]+?\s+weigh\b", re.I)
_UNIT_NAMED = (
    r"\s+(?:the\s+)?(?P<unit>(?:[\w'’-]+\s+){0,4}?[\w'’-]+?)"
    rf"(?=\s+(?:{_AUXILIARY}|"
    r"remain|in|from|to|for|on|at|of|with|according|training|fighting|deployed|sent|differ|vary|compare|between|"
    r"among|across)\b|\s*[?,.]|$)"
)
_UNIT_OF = (re.compile(r"\b(?:number|size|total|count|tally|strength|estimates?|figures?)\s+of" + _UNIT_NAMED, re.I),
            re.compile(r"\b(?:numbers?|figures?|estimates?|totals?)\b[^?]*?\bfor" + _UNIT_NAMED, re.I))
_HEAD_CLASS = {w: cls for cls, words in UNIT_CLASSES.items() for w in words}


# the time a trip or a wait takes: "What flight time do the reports give?", "What is the travel time to ...?"
_TIME_TAKEN = re.compile(r"^\s*what\s+(?:(?:is|was|are|were)\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?"
                         r"(?:flight|travel|journey|driving|drive|walking|waiting|wait|response|transit|commute|"
                         r"sailing|transfer)\s+times?\b", re.I)
_MONEY_NOUN = re.compile(r"^\s*(?:what|which)\s+(?:[\w'’-]+\s+){0,5}?(?P<noun>revenue|revenues|valuation|price|salary|"
                         r"cost|fine|profit|profits|sales|budget|funding|fee|bail|settlement|penalty|"
                         r"dollar\s+(?:amount|figure|value|sum|total))\b", re.I)


_SCORE_ASK = re.compile(r"\bby\s+what\s+(?:score|scoreline|margin)\b|\bwhat\s+(?:is|was|were)\s+the\s+(?:final\s+|"
                        r"full-time\s+)?(?:score|scoreline)\b|\bwhat\s+(?:score|scoreline)\b", re.I)


# "What is X worth?", "What was the deal worth?", "What will the market be worth by 2030?": an amount of money
_WORTH = re.compile(_LEAD + r"what\s+(?:is|was|are|were|will|would)\s+[^?]{1,100}?\s+worth\b(?!\s+(?:of|it|the)\b)",
                    re.I)


# "What does Daye charge for its test?", "What did Musk pay for Twitter?"; not "What does Russia pay North Korea
# with?", which asks the means, not the amount
_MONEY_VERB_ASK = re.compile(_LEAD + r"what\s+(?:does|did|do|will|would|is|was)\s+[^?]{1,80}?\s+(?:charges?|charging|"
                             r"costs?|costing|pay|pays|paying|earns?|earning|fetch|sells?\s+for)\b"
                             r"(?!\s+(?:(?!to\b)[\w'’-]+\s+){0,3}with\b)", re.I)


# "How much in new regulations did business owners face?", "how much in damages": a sum of money
_HOW_MUCH_IN = re.compile(r"\bhow\s+much\s+in\s+(?!total\b|all\b|percent|percentage|terms\b|the\s+way\b)[a-z]", re.I)
_VALUED_AT = re.compile(_LEAD + r"what\s+(?:is|was|are|were|will\s+be)\s+[^?]{1,80}?\s+valued\s+at\b", re.I)


def classify(text: str) -> tuple[str, str, str, str, str | None]:
    """(kind, answer_type, unit, unit head, unit class) of a question."""
    if _SUMMARY.search(text) and not _QUANTITY.search(text) and \
            (_SUMMARY_WORD.search(text) or not _ASKS_SOMETHING_ELSE.match(text)):
        return "summary", "summary", "", "", None
    if (stated := stated_value_asked(text)) is not None:
        return classify(stated)
    if (named := _NAME_BY_POSSESSIVE.match(text)) is not None:
        # "How is that agency's name spelled?", "What is the minister's name?": asked as "What is the name of ...?"
        return classify(f"What is the name of {named.group('owner')}?")
    if (spelled := _SPELL_THE_NAME.match(text)) is not None:
        return classify("What is " + text[spelled.end():])  # "How do you spell the name of the agency?"
    if _SCORE_ASK.search(text) and not _starts_yesno(text):
        return "what", "score", "", "", None  # "By what score did A beat B?": a result written "26-14"
    if re.match(_LEAD + r"(?:why|how\s+come)\b", text, re.I):
        return "why", "reason", "", "", None  # "Why is the number of frontline soldiers important?" asks a reason
    if _TIME_TAKEN.match(text):
        return "quantity", "duration", "time", "time", "time"  # "What flight time do the reports give?"
    money = _MONEY_NOUN.search(text)
    if money and not _starts_yesno(text):
        return "quantity", "money", money.group("noun"), money.group("noun").lower(), "money"
    if _WORTH.match(text):
        return "quantity", "money", "worth", "money", "money"  # "What is the market expected to be worth in 2027?"
    if _MONEY_VERB_ASK.match(text) or _VALUED_AT.match(text) or _HOW_MUCH_IN.search(text):
        return "quantity", "money", "money", "money", "money"  # "What does Daye charge for its test?"
    if _QUANTITY.search(text) and not _starts_yesno(text):
        unit, head, cls = _asked_unit(text)
        return "quantity", _number_type(text, cls), unit, head, cls
    if _WHO_IS_NAME.match(text) and not any(w.lower().strip("?'’s") in ROLES for w in text.split()[2:]):
        return "what", "description", "", "", None  # "Who is Mark Rutte?" asks a description; "Who is Acme's CEO?" a name
    if _starts_yesno(text):
        if _OPEN_CHOICE.search(text):
            # "Does that number come from Kyiv, from Washington, or from someone else?": which one, as the sentence says
            return "what", "description", "", "", None
        if not _CHOICE.search(text):
            return "yesno", "yesno", "", "", None
    if _WHY.search(text):
        return "why", "reason", "", "", None
    if _WHEN.search(text):
        return "when", "date", "", "", None
    if _WHERE.search(text) and not _WHERE_FROM_SOURCE.search(text):
        # "Where does X work / study?" asks the employer or school, an organisation, not a place
        return ("where", "organisation", "", "", None) if _WHERE_WORKS.search(text) else ("where", "place", "", "", None)
    named = _NAME_OF.search(text)
    if named:  # "What is the name of the company ...?" asks an organisation, "... of the city" a place, "... of the
        # man" a person; the name of anything else ("of the podcast", "of Discord's new set of features") is a title
        # that no name pattern reads: a description, answered by its sentence
        words = named.group("words").split()
        # the noun: the last of the first lowercase words, before a word that starts a clause ("of the man who ...",
        # "of the Russian Navy ship that ...", "of Omairis Taylor's nonverbal autistic son, the subject ...")
        at = next((i for i, w in enumerate(words) if w[:1].islower()), len(words) - 1)
        # a number counts the noun after it, past the names that qualify it ("of the two NYPD officers killed")
        if words[at].lower() in _NUMBER_WORDS and \
                (after := next((i for i in range(at + 1, len(words)) if words[i][:1].islower()), None)) is not None:
            at = after
        while at + 1 < len(words) and words[at + 1][:1].islower() and words[at + 1] not in _CLAUSE_OPENERS \
                and not re.search(r"[,;:]$", words[at]):
            at += 1
        noun = words[at].rstrip(",;:")
        typed = _which_noun_type("which " + " ".join(words[: at + 1]))
        kind = noun.strip("'’").removesuffix("s").rsplit("-", 1)[-1]  # "co-pilot": a pilot
        if typed is None and (kind in PERSON_NOUNS | ROLES | KIN_NOUNS or
                              (at + 1 < len(words) and words[at + 1].lower() in ("who", "whom"))):
            typed = "person"  # "... of the warden whom Barr reassigned": whoever "who" or "whom" follows is a person
        if typed is None:
            return "what", "description", "", "", None
        return ("where" if typed == "place" else "who"), typed, "", "", None
    if _WHO.search(text):
        return "who", "person", "", "", None
    trailing = _TRAILING_WH.search(text)
    if trailing:  # a terse "first troops arrived when?", "NATO chief is who?"
        return _TRAILING_KINDS[trailing.group("wh").lower()]
    if _WHICH_SEVERAL.search(text):
        # "Which two regions face a threat?": the values together, as the sentence that names them all says them
        return "what", "list", "", "", None
    typed = _which_noun_type(text)
    if typed is not None:
        return ("where" if typed == "place" else "who"), typed, "", "", None
    if _LIST.search(text):
        return "what", "list", "", "", None
    if _HOW.search(text):
        return "how", "description", "", "", None
    if not _ANY_QUESTION_WORD.search(text) and not _starts_yesno(text):
        # a search-box query, "greg berlanti age", "imf 2023 global growth forecast", "tesla 2023 revenue": the figure
        # its last words measure, asked as "What is the ...?" is
        typed = classify("What is the " + text.strip().rstrip("?") + "?")
        if typed[0] == "quantity":
            return typed
    return "what", "description", "", "", None


_ANY_QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|what|which|when|where|why|how)\b", re.I)


# "Could you give me one?", "Can you write that for me?": a request for what the sentence before named
_POLITE_REQUEST = re.compile(r"^\s*(?:(?:so|and|but|then)\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?"
                             r"(?=(?:name|list|give|tell|describe|explain|identify|provide|share|summari[sz]e|outline|"
                             r"spell)\b(?!\s+(?:me\s+|us\s+)?(?:whether|if)\b))", re.I)
_REQUEST_FOR_IT = re.compile(r"\s*(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:give|write|tell|"
                             r"share|provide|offer|put\s+together|do|make)\b", re.I)
# "Does any of the outlets name the town the Russians took?", "Can you confirm how old he is?", "Does the article say
# who ...?": a yes/no form around a question for a value the articles state, or do not
_ASKS_FOR_STATED = re.compile(
    r"\s*(?:(?:and|so|but|also|then)\s+)?(?:does|do|did|can|could|will|would)\s+(?:[\w'’-]+,?\s+){0,8}?"
    r"(?:say|give|name|mention|state|report|confirm|tell|identify|specify|reveal|provide|list)\s+(?:us\s+|me\s+)?"
    r"(?P<what>(?:who|whom|what|which|when|where|why|how)\b[^?]*|the\s+(?P<noun>[a-z]+)\b[^?]*)", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.!:;])\s+(?=[A-Z])")
# the nouns of a value so asked ("give the year she started it"): the kinds of answer, and the measures
_STATED_NOUNS = frozenset("name year date day month age reason cause".split())
_STATED_AMOUNTS = frozenset("number figure amount total size cost price value".split())


def stated_value_asked(text: str) -> str | None:
    """The question inside a yes/no form that asks whether the articles state a value: "Does any of the outlets name
    the town or village the Russians took there?" -> "Which town or village the Russians took there?"; None for any
    other question ("Does the article say Russia lost?", "Did Stern say whether ...?")."""
    # the question may follow what the asker tells first ("One outlet cites Britain's defence ministry. Does ...?")
    m = next((m for at in [0, *(b.end() for b in _SENTENCE_BREAK.finditer(text))]
              if (m := _ASKS_FOR_STATED.match(text, at))), None)
    if m is None:
        return None
    what, noun = m.group("what").strip(), (m.group("noun") or "").lower()
    if noun:
        singular = noun[:-1] if noun.endswith("s") else noun
        if singular in _STATED_AMOUNTS:
            pass  # "the number of troops" asks a figure as it is
        elif singular in _STATED_NOUNS or singular in _KIND_WORDS:
            what = "which " + what[4:]
        else:
            return None
    return what[:1].upper() + what[1:] + "?"


# the nouns that name a kind of answer after "which / what": a person's (a title too), an organisation's, a place's
_KIND_NOUNS = PERSON_NOUNS | ROLES | ORGANISATION_NOUNS | PLACE_NOUNS
# ... and a relative's: in lower case they stay nouns alone, though names end on them ("Manchester City"; truecase)
_KIND_WORDS = _KIND_NOUNS | KIN_NOUNS


_PREPOSITIONS = frozenset("to for from with about by at on in into against".split())
_SORT_NOUNS = frozenset("kind kinds type types sort sorts category categories form forms".split())


def _which_noun_type(text: str) -> str | None:
    """'Which retired colonel ...' -> person; 'which company' -> organisation; 'which country' -> place;
    'Name the official who ...' -> person (but 'Name the officials ...' asks a list)."""
    for m in _WHICH_NOUN.finditer(text):
        words = m.group("words").split()
        for at, written in enumerate(words):
            word = written.lower()
            if word in _AUXILIARIES or (at == 0 and word in _PREPOSITIONS):
                break  # "what do experts say ...", "meant to do what to Ukraine's soldiers": no noun asked for
            if word in _SORT_NOUNS:
                return None  # "which two kinds of fighters": kinds ("volunteers", "mercenaries"), not people named
            if (owner := _owner(word, at)) is not None:
                word = owner
                at = len(words)  # the owner is the head: no compound after it
            if written[:1].isupper():
                continue  # a word of a name ("Which Florida State quarterback ...?"): the kind is the noun after it
            if at + 1 < len(words) and _kind_noun(words[at + 1]):
                continue  # "Which venture capital firm ...?": a compound's last noun is its head
            if m.group("name") and word.endswith("s") and word[:-1] in _KIND_NOUNS:
                return None
            # "co-pilot", "vice-president", "ex-minister": a hyphenated noun is of its last part's kind
            last = word.rsplit("-", 1)[-1]
            for noun in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word,
                         last, last[:-1] if last.endswith("s") else last):
                if noun in PERSON_NOUNS:
                    return "person"
                if noun in ORGANISATION_NOUNS:
                    return "organisation"
                if noun in PLACE_NOUNS:
                    return "place"
        return None
    return None


def _owner(word: str, at: int) -> str | None:
    """The place a question's first word after "which" owns ("Which country's economy ...?" asks the country,
    whatever it owns), else None: a place only ("which player's status changed, A or B?" and "which company's
    executive ...?" ask about what is owned)."""
    owner = re.sub(r"['’]s$", "", word)
    return owner if at == 0 and owner != word and owner in PLACE_NOUNS else None


def _kind_noun(written: str) -> bool:
    """Whether a lower-case word of a question is a singular noun naming a kind of answer (a person's, an
    organisation's, a place's). Not a word ending in "s": "Which city hosts ...?" has a verb there, not a noun."""
    word = written.lower().strip("'’?,.")
    return not written[:1].isupper() and not word.endswith("s") and word in _KIND_NOUNS


def asked_noun(text: str) -> tuple[str, tuple[str, ...]]:
    """The noun of "which / what <noun>" that names the kind of answer, singular, with the words before it that
    qualify it, as written: "Which England batter ...?" -> ("batter", ("England",)), "In which kibbutz ...?" ->
    ("kibbutz", ()); ("", ()) when the question names no such noun (PERSON_NOUNS, ROLES, ORGANISATION_NOUNS,
    PLACE_NOUNS)."""
    # ... or of "What is the name of the <noun> ...?" ("the name of the warden whom Barr reassigned" -> "warden")
    for m in [*_NAME_OF.finditer(text), *_WHICH_NOUN.finditer(text)]:
        if m.groupdict().get("name"):
            continue  # "Name the official who ...": no modifiers to read, and the noun a list's as often
        modifiers: list[str] = []
        words = m.group("words").split()
        for at, written in enumerate(words):
            word = written.lower().strip("'’")
            owner = _owner(word, at)
            word = owner or word
            if word in _AUXILIARIES:
                break
            if not written[:1].isupper():
                forms = []
                for whole in dict.fromkeys((word, word.rsplit("-", 1)[-1])):  # "start-up"; "co-founder": a founder
                    if whole.endswith("s") and owner is None:
                        forms += [whole[:-3] + "y", whole[:-1], whole[:-2]]
                    forms.append(whole)
                noun = next((n for n in forms if n in _KIND_NOUNS), None)
                if noun is not None and (owner is not None or not (at + 1 < len(words) and _kind_noun(words[at + 1]))):
                    return noun, tuple(modifiers)
            modifiers.append(re.sub(r"['’]s?$", "", written.strip("'’")))
        return "", ()
    return "", ()


def _starts_yesno(text: str) -> bool:
    """'Does X ...?', and also 'Between the report A and the report B, was there ...?' (a yes/no
    question behind a leading phrase) — but not 'Considering A, which ...?'."""
    if _YESNO.search(text):
        return True
    first_wh = _WH_ANYWHERE.search(text)
    first_aux = _YESNO_AFTER_LEAD.search(text)
    if first_aux is None or first_aux.start() == 0:
        return False
    if _WH_IN_SITU.search(text[first_aux.start():]):
        return False  # "X, launched in October, is designed for kids under what age?": the wh-word stands in place
    return first_wh is None or first_aux.start() < first_wh.start()


def _number_type(text: str, unit_class: str | None) -> str:
    low = text.lower()
    # "share" a noun ("what share of"), not the verb that ends "How much prize money do they share?"
    if unit_class == "percent" or re.search(r"\b(?:percent|percentage|per\s+cent|share(?!\s*[?.!]?\s*$)|proportion|"
                                            r"fraction|stake)\b|%", low):
        return "percent"
    if unit_class == "age" or re.search(r"\bhow\s+old\b|\bwhat\s+age\b|\bthe\s+age\s+of\b|\bwhat\s+is\s+the\s+age\b",
                                        low):
        return "age"
    if unit_class == "money":
        return "money"
    if unit_class == "distance" or (re.search(r"\bhow\s+(?:far|tall|high)\b", low) and not _HOW_FAR_PAST.search(low)):
        return "distance"
    if re.search(r"\bhow\s+(?:large|big)\b", low) and re.search(r"\b(?:area|size|square|acres?|hectares?|miles?|"
                                                              r"kilomet(?:er|re)s?|km)\b", low):
        return "distance"  # "how large is the area": a size; "how large is the army": a count
    if unit_class == "time" or re.search(r"\bhow\s+long\b", low):
        return "duration"
    return "count"


_HOW_LONG_IS = re.compile(r"\bhow\s+long\s+(?:is|are|was|were|will\s+be)\s+(?P<thing>(?:[\w'’-]+\s+){0,6}?[\w'’-]+)"
                          r"\s*(?:\?|$|,|\b(?:in|from|between|that|which)\b)", re.I)


def _length_asked(text: str) -> bool:
    """'How long is the South Dade bus line?': a length (LENGTH_NOUNS), not a duration ('How long is the trial?')."""
    m = _HOW_LONG_IS.search(text)
    if not m:
        return False
    # the thing's noun ends its words, or comes before a participle that describes it ("the lines used in ...")
    words = m.group("thing").lower().split()
    noun = next((words[at - 1] for at in range(1, len(words)) if re.fullmatch(r"[a-z]{2,}(?:ed|ing)", words[at])),
                words[-1])
    return noun.rstrip("s") in LENGTH_NOUNS


# "How much later will the flight depart?", "How much longer will the strike last?": a length of time
_TIME_DIFFERENCE = re.compile(r"\bhow\s+much\s+(?:later|earlier|longer|sooner)\b", re.I)


# "how many patients a day", "how much per month": the period of a rate, not after "in a day" or "for a week"
_RATE_ASKED = re.compile(
    rf"(?<!\bin )(?<!\bfor )(?<!\bwithin )\b(?:a|an|per|each|every)\s+({'|'.join(RATE_PERIODS)})s?\b", re.I)


def _asked_rate(text: str) -> str:
    """The period of the rate a quantity question asks ("How many patients a day ...?" -> "day"), or ""."""
    m = _RATE_ASKED.search(text)
    return m.group(1).lower() if m else ""


_MEASURED_BY = re.compile(r"(?<=\w)\s+(?:long|tall|high|wide|deep|thick|old)$", re.I)
_RATE_TAIL = re.compile(r"\s+(?:a|an|per|each|every)(?:\s+\w+)?$", re.I)
# "How far above pre-industrial levels has the temperature risen?", "How far behind the leaders are they?": a
# difference in whatever the sentence measures (degrees, points), not a distance travelled
_HOW_FAR_PAST = re.compile(r"\bhow\s+far\s+(?:above|below|beyond|over|under|past|ahead\s+of|behind|short\s+of)\b", re.I)


_COMPARED_ASKED = re.compile(r"\bhow\s+much\s+(?:lower|higher|more|less|greater|bigger|smaller|cheaper|dearer|"
                             r"faster|slower|better|worse|larger)\s+(?:is|was|are|were|did|does|do|has|have|had|will|"
                             r"would|than)\b", re.I)
_SHARE_OF_VALUE = re.compile(r"\bhow\s+much\s+of\s+(?:its|their|his|her|the|that)\s+(?:\w+\s+)?(?:value|worth)\b",
                             re.I)


_PART_OF = re.compile(r"\bhow\s+much\s+of\s+(?:the|its|their|his|her|our|your)\s+"
                      r"(?P<whole>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
                      rf"(?=\s+(?:{_AUXILIARY}|went|goes|go)\b|\s*[?,.]|$)", re.I)
_PLURAL_WORD = re.compile(r"(?:[^su'’]s|people|children|men|women)$", re.I)


# "the latest ground Russia has taken ... What figure should she use?": ground taken or lost is measured as a distance
_GROUND_TAKEN = re.compile(r"\b(?:ground|territory)\s+(?:[\w'’-]+\s+){0,3}?(?:taken|gained|captured|seized|took|lost|"
                           r"won|advanced)\b|\b(?:taken|gained|captured|seized|lost|won)\s+(?:[\w'’-]+\s+){0,2}?"
                           r"(?:ground|territory)\b", re.I)


def _asked_unit(text: str) -> tuple[str, str, str | None]:
    distance = re.search(r"\bhow\s+far\b|\bhow\s+much\s+(?:ground|territory|land)\b", text, re.I) or \
        _length_asked(text) or _GROUND_TAKEN.search(text)
    if distance and not _HOW_FAR_PAST.search(text):  # a difference is asked as "how much" is
        m = _UNIT_AFTER.search(text)
        return (m.group("unit") if m else "distance"), "distance", "distance"
    if re.search(r"\bhow\s+long\b|\bhow\s+much\s+(?:more\s+)?time\b", text, re.I) or _TIME_DIFFERENCE.search(text):
        return "time", "time", "time"  # "How much time does a single turn stand for?" too
    if re.search(r"\bhow\s+old\b", text, re.I):
        return "age", "age", "age"
    if measured := _MEASURED_ASK.search(text):  # "What was the attendance ...?": spectators; "the morning low": degrees
        noun = measured.group("noun").lower()
        return next(((unit, head, cls) for words, (unit, head, cls) in _MEASURE_UNITS if noun.split()[-1] in words),
                    ("", "", None))
    if _COMPARED_ASKED.search(text):
        return "", "", None  # "How much lower was the risk?": a difference, in whatever the sentence measures
    if _SHARE_OF_VALUE.search(text):
        return "", "percent", "percent"  # "How much of its value had it lost?": a share of a whole
    if part := _PART_OF.search(text):
        # "How much of the decision-making bodies must be women?": a share of a whole counted in members; "how much
        # of the money went to ...": an amount of it, in whatever the sentence measures
        return ("", "percent", "percent") if _PLURAL_WORD.search(part.group("whole")) else ("", "", None)
    m = _UNIT_AFTER.search(text)
    if m and _RATE_ASKED.match(m.group("unit").strip()):
        m = None  # "How much a year could they lose?": a rate's period, not what is counted
    unit = _noun_phrase(m.group("unit").strip()) if m else ""
    if m is None and (m := _UNIT_RUNS_ON.search(text)) and m.group("unit").split()[0].lower() != "of":
        words = m.group("unit").strip()
        unit = _noun_phrase(words)
        unit = "" if unit == words else unit  # no noun found in the words that run on ("jellyfish went into the")
    if not unit and _WEIGHS.search(text):
        return "weight", "weight", "weight"  # "How much does the Steam Deck OLED weigh?": a weight, not any figure
    if not unit:
        # "the number of North Korean troops", "what figures do A and B give for North Korean troops": the unit
        # when it ends on a unit noun ("the size of the North Korean military" names none: any count answers)
        for pattern in _UNIT_OF:
            m = pattern.search(text)
            named = _noun_phrase(m.group("unit").strip()) if m else ""
            if named and named.split()[-1].lower() in _HEAD_CLASS:
                unit = named
                break
    if unit.split() and unit.split()[0].lower() in _AUXILIARIES:
        unit = ""
    unit = _RATE_TAIL.sub("", unit)  # "burials a day", "minutes per game": a rate counts its first noun
    unit = _MEASURED_BY.sub("", unit)  # "How many pages long ...?", "How many feet tall ...?": pages, feet
    head = unit.split()[-1].lower() if unit else ""
    cls = _HEAD_CLASS.get(head) if head else None
    if re.search(r"\b(?:percent|percentage|per\s+cent|share(?!\s*[?.!]?\s*$)|proportion|stake)\b|%", text, re.I):
        return unit, head or "percent", "percent"
    words = set(re.findall(r"[a-z]+", text.lower()))
    if cls is None and not head and _CHANGE_ASKED.search(text):
        return "", "", None  # "By how much did the shares fall ...?": a change, in whatever the sentence measures
    if cls is None and (words & MONEY_WORDS or "$" in text) and (not head or head in UNIT_CLASSES["money"]
                                                                 or re.search(r"\bhow\s+much\b", text, re.I)):
        cls, head = "money", head or "money"
    return unit, head, cls


def _noun_phrase(words: str) -> str:
    """The asked unit's noun phrase, cut after its head: "North Korean special forces went" -> "North
    Korean special forces". The words after "how many" run on into the verb when it is not an auxiliary
    ("went", "fought"); the head is the last known unit noun, else the last plural-looking word."""
    parts = words.split()
    for i in range(len(parts) - 1, -1, -1):
        if parts[i][:1].isupper() and any(p[:1].islower() for p in parts[i + 1:]):
            continue  # "Russian Air Force flights": a unit noun inside a name qualifies the noun after it
        if parts[i].lower() in _HEAD_CLASS:
            return " ".join(parts[: i + 1])
    for i in range(len(parts) - 1, -1, -1):  # the first word too: "jurors decided that Google" -> "jurors"
        w = parts[i].lower()
        if w.endswith("s") and not w.endswith(("ss", "us", "'s", "’s")) and len(w) > 3:
            return " ".join(parts[: i + 1])
    return words


_PLURALS_WITHOUT_S = frozenset("people children men women".split())
_POSSESSIVE = re.compile(r"^(?P<noun>[\w-]+)(?:['’]s|(?<=s)['’])$")


def plural_possessor(unit: str) -> str:
    """The plural possessor inside an asked unit ("pregnant people's urine samples" -> "people", "users' accounts"
    -> "users"): so many of what it names are counted with its own figure. A singular possessor ("Kelce's games",
    "the company's employees") counts nothing."""
    for word in unit.split()[:-1]:
        m = _POSSESSIVE.match(word)
        noun = m.group("noun").lower() if m else ""
        if noun in _PLURALS_WITHOUT_S or (noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3):
            return noun
    return ""


def asks_mass(text: str, head: str, unit_class: str | None) -> bool:
    """'How much gold / salt / aid ...?': "how much" with a noun that is no measure and no plural asks an amount of a
    substance, given as its value, weight or volume, never as a count of it."""
    m = re.search(r"\bhow\s+much\s+(?P<words>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\b", text, re.I)
    if m is None or unit_class is not None or head.endswith("s") or head in _AUXILIARIES:
        return False
    # the noun may close a compound ("how much water vapor"), never after an auxiliary ("how much is gold")
    words = [w.lower() for w in m.group("words").split()]
    return head in words and not any(w in _AUXILIARIES for w in words[:words.index(head)])


# --- nations, entities, relation
# a country by its name, a demonym, or its capital ("How many soldiers did Pyongyang send?": North Korea's)
_NATION_NAMES = {**COUNTRY_OF_CAPITAL, **NATION_OF, "us": "united states"}  # "13,000 US troops" (never the pronoun)
_NATION_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(n) for n in sorted(_NATION_NAMES, key=len, reverse=True)) +
    r")(?:['’]s)?(?![\w])",
    re.I,
)


def nation_named(text: str) -> str | None:
    """The first nation a phrase names, by country name, demonym or capital ("North Korean troops" ->
    "north korea")."""
    for m in _NATION_RE.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        word = word[:-2] if word.endswith("'s") else word
        if word in ("us", "uk") and m.group(0).lower() == m.group(0):
            continue  # the pronoun "us", not the country
        return _NATION_NAMES.get(word)
    return None


def nations_in(text: str) -> set[str]:
    """Every nation a text names, by country name or demonym."""
    out = set()
    for m in _NATION_RE.finditer(text):
        word = m.group(0).lower().replace("’", "'")
        word = word[:-2] if word.endswith("'s") else word
        if word in ("us", "uk") and m.group(0).lower() == m.group(0):
            continue
        if word in NATION_OF:  # not capitals: "The Washington Post" names no nation a question is about
            out.add(NATION_OF[word])
    return out


_CAPITALISED = re.compile(r"\b[A-Z][\w'’.&-]*(?:\s+(?:of|de|van|von|al|the)?\s*[A-Z][\w'’.&-]*)*")
_NOT_ENTITY = frozenset(
    """Who Whom Whose What Which When Where Why How Is Are Was Were Did Do Does Has Have Had Will Would Can Could
    Should May Might The A An In On At As If But And Between After Before Considering Following According
    During Since Until Based Given From Regarding Both Besides Beside Apart Aside Except Excluding Including Other
    Than Roughly About Approximately Exactly Overall Briefly Quickly Just Please Now So Also Then Give Tell Name
    List Show Explain Describe Summarise Summarize Compare Any Some All Each Every Many Much Most This That These
    Those There Here It Its They Their He She His Her We Our You Your I My Not No Yes Ok Okay For To With By Of
    Under Over Against Within Without Among Through Per Despite Like Unlike Compared Kindly Indicate Provide Specify
    Identify I'm I’m I've I’ve I'd I’d I'll I’ll""".split()
)


def named_entities(text: str, analysis: QueryAnalysis | None = None) -> tuple[str, ...]:
    """Capitalised phrases of the question that are not its outlets, dates or question words."""
    taken = [(s, e) for s, e, _ in (analysis.source_spans if analysis else ())]
    out: list[str] = []
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        # "Microsoft's Xbox One X. What does ...?": a run does not go on past a sentence's end into a question word
        cut = next((i for i in range(1, len(words)) if words[i - 1].endswith(".") and words[i] in _NOT_ENTITY), None)
        words = words[:cut] if cut else words
        # "What's the Pentagon's number?": the contracted question word is no part of the name
        while words and (re.sub(r"['’]s$", "", words[0]) in _NOT_ENTITY
                         or words[0] in ("the", "of", "de", "van", "von", "al")):
            words = words[1:]
        phrase = re.sub(r"[’']s$", "", " ".join(words)).strip(" .'’")
        if not phrase or any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if phrase.lower() in _MONTH_NAMES or phrase in out:
            continue
        out.append(phrase)
    return tuple(out)


def typed_entities(entities: Sequence[str], lookup: Callable[[str], Mapping[str, int]] | None
                   ) -> tuple[tuple[str, str], ...]:
    """(entity, the answer type the index's articles give it most often) for each entity they name."""
    if lookup is None:
        return ()
    out = []
    for entity in entities:
        counts = lookup(entity)
        if counts:
            out.append((entity, max(counts, key=lambda t: counts[t])))
    return tuple(out)


_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_DIFFERENT = re.compile(r"\b(?:differ\w*|change[ds]?|contrast\w*|contradict\w*|inconsistent|shift\w*|diverge\w*|"
                        r"unlike|disagree\w*|opposite)\b", re.I)
_SAME = re.compile(r"\b(?:consisten\w*|same|agree\w*|align\w*|similar\w*|match\w*|both\s+\w+\s+(?:the\s+)?same|"
                   r"corroborat\w*|support\w*|in\s+line)\b", re.I)
_BEFORE_AFTER = re.compile(r"\b(?:(?P<before>before|earlier\s+than|prior\s+to|precede\w*|first)|"
                           r"(?P<after>after|later\s+than|following|subsequent\w*))\b", re.I)
# not "both of his free throws", "all of their games": one subject's own things, no set of reports
_BOTH = re.compile(r"\b(?:(?:both|all|each)(?!\s+of\s+(?:his|her|its|their|my|your|our)\b)|every|and\s+also|"
                   r"as\s+well\s+as)\b", re.I)


def relation_asked(text: str) -> str | None:
    """For a yes/no question over several reports: 'different', 'same', 'before', 'after' or 'both'.

    "Is there consistency ...", "Do A and B agree ..." -> same; "was there a change ...", "Does A
    suggest a different ..." -> different; "Was A published before B?" -> before (only when the
    ordering itself is asked: a leading "After the report on D, ..." only dates the reports);
    "Did both A and B report ..." -> both.
    """
    if _DIFFERENT.search(text):
        return "different"
    if _SAME.search(text):
        return "same"
    body = re.sub(r"^\s*(?:after|before|following|between)\b[^,]*,", "", text, flags=re.I)
    m = _BEFORE_AFTER.search(body)
    if m and re.search(r"\b(?:publish\w*|report\w*|releas\w*|announc\w*|happen\w*|occur\w*|come|came|earlier|later)\b",
                       body, re.I):
        return "before" if m.group("before") else "after"
    if _BOTH.search(text):
        return "both"
    return None
