"""The default composer: deterministic, no LLM. It quotes the sentences that answer.

* Quantity questions ("how many", "how far", ...): every figure of the asked unit in the
  relevant sentences is gathered, across articles. One amount: the best sentence, cited (with
  every other article that gives the same amount). Several: "Reports differ: the Pentagon
  reported that approximately 10,000 ... [1]; Umerov anticipates that approximately 15,000 ...
  [2]; ..." with each figure's reporter taken from its sentence (quantities.py).
* Yes/no questions: when a relevant sentence asserts the event and another article's denies it
  or says it has not happened yet, "Sources disagree: ... [1]; ... [2]." (conflicts.py).
* Otherwise the best sentence, plus a second one if it is nearly as good and says something
  else; a near-identical sentence from another article is cited on the same claim ([1][2]).

Relevance cut-offs are ratios of the best candidate's relevance, so they do not depend on the
scale of the scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from qa.answer.aggregate import (MOVED_DOWN, MOVED_UP, asked_way_of, country_or_region, moved_the_other_way,
                                  typed_answer, words_before_amount)
from qa.answer.abstain import focus_terms
from qa.answer.citations import Target
from qa.answer.conflicts import Side, amounts_differ, disagreement, polarity
from qa.answer.direction import reversed_deed
from qa.answer.evidence import Candidate, Evidence, coverage, matching_figures
from qa.answer.mentions import (asks_calendar_date, asks_clock_time, asks_year, clock_mentions, day_without_date,
                                mentions, writes_a_year)
from qa.answer.money_kinds import of_other_kind
from qa.answer.outlets import asks_outlet, outlet_answer
from qa.answer.overview import overview_answer
from qa.answer.protocols import Draft, OnToken, Proposal
from qa.answer.quantities import Attribution, Figure, attribution_for, find_attributions, written_in
from qa.answer.question import SYNONYM_CREDIT, content_terms, same_head, term_match
from qa.lexicon import ACCOUNT_VERBS, COUNT_OUTCOMES, SETTLEMENT_NOUNS
from qa.query import Query, inflections
from qa.retrieval.bm25 import STOPWORDS
from qa.answer.verdict import verdict
from qa.answer.verify import overlap

FIGURE_RATIO = 0.85  # a figure sentence is kept when its relevance is >= 85% of the best one's
FIGURE_DENSE_RATIO = 0.8  # ... or names the group asked about and its cosine is >= 80% of the best one's
FIGURE_CONTEXT_RATIO = 0.9
SOURCED_RATIO = 0.75  # ... or gives the figure of the source the question names and is >= 75% as relevant
MAX_FIGURES = 6
SECOND_SENTENCE_RATIO = 0.9
SAME_CLAIM_OVERLAP = 0.6  # two sentences this similar make one claim, cited twice
CONFLICT_RATIO = 0.6
CONFLICT_POOL = 8
MAX_PHRASE_WORDS = 28
# answer types whose answer is a value, aggregated across articles (aggregate.py)
TYPED = frozenset({"person", "organisation", "place", "date", "percent", "money", "age", "duration", "distance",
                   "score"})


class ExtractiveGenerator:
    """Quotes the evidence; see the module docstring."""

    name = "extractive"

    def generate(self, question: str, evidence: Evidence, *, on_token: OnToken | None = None) -> Draft:
        query = evidence.question
        kind, answer_type = query.kind, query.answer_type
        draft = None
        if asks_outlet(question) and answer_type != "yesno":
            draft = outlet_answer(query, evidence)  # the answer is a publisher, not a word of the sentences
        elif answer_type == "summary":
            draft = overview_answer(evidence)
        elif answer_type == "yesno":
            # a question about one fact ("Have they fought yet?") first looks for articles that disagree on
            # it; a comparison of reports (a relation asked, or outlets named) gets a verdict
            if query.relation is None and not query.sources_mentioned:
                draft = yes_no_answer(evidence)
            if draft is None:
                draft = verdict(query, evidence)
                if draft is not None and not draft.abstained:
                    word = draft.text.split(".", 1)[0].strip()
                    draft.short_answer = word if word in ("Yes", "No") else None
                    draft.answer_type = answer_type
        elif answer_type == "count" and kind == "quantity":
            draft = quantity_answer(evidence)
        elif answer_type in TYPED:
            draft = typed_answer(query, evidence)
            if draft is None and kind == "quantity":
                draft = quantity_answer(evidence)
            if draft is None and answer_type == "person" and (query.roles or _ASKS_NAME.search(question)):
                # "Who heads X?", "What is the name of X's daughter?": a question that asks for a name outright
                # is not answered by a sentence that names no one fitting (dev sets, session 3: quoting one
                # answered 2 unanswerable questions and no answerable one)
                draft = Draft(text="", abstained=True)
        if draft is None:
            draft = sentence_answer(evidence)
            draft.answer_type = answer_type
            if (query.asked_noun or answer_type == "date") and answer_type in NAMED_TYPES and not draft.abstained \
                    and not _names_any(draft, evidence, answer_type):
                # "Which Russian city hosts the camps?" quoting "... dispersed in various far eastern Russian
                # cities": a sentence that names no value of the asked kind cannot state the answer
                draft = Draft(text="", abstained=True, answer_type=answer_type)
            if answer_type == "money" and not draft.abstained and not _states_an_amount(draft, evidence):
                # "What was StarNews valued at in its $3 million round?" quoting "StarNews has secured $3 million in
                # funding": no amount but the question's own, or of another kind (money_kinds.py), is no answer
                draft = Draft(text="", abstained=True, answer_type=answer_type)
            if query.speaker and not draft.abstained and not _reports(draft, evidence, query.speaker):
                # "What did China say about the deployment?" quoting "... viewed with suspicion even by Russia and
                # China": a sentence that names the speaker without reporting its words does not say what it said
                draft = Draft(text="", abstained=True, answer_type=answer_type)
        if query.answer_format is not None:
            draft = value_alone(draft)
        if on_token is not None and not draft.abstained:
            on_token(draft.text)
        return draft


# the opening sentence of a typed answer: its value and that value's citations ("Approximately 10,000 [1][2].")
_VALUE_SENTENCE = re.compile(r"^[^\[]*?(?:\s*\[\d+\])+\.(?=\s|$)")


def value_alone(draft: Draft) -> Draft:
    """A draft for a question that asks for the value alone ("Number only: ...", qa/answer_format.py): its opening
    sentence, the value with its citations, without the sentences that state it (their passages stay cited). A draft
    with no single value (a disagreement, a quoted sentence) stays whole: it has no value to give alone."""
    if draft.abstained or not draft.short_answer or draft.conflict:
        return draft
    opening = _VALUE_SENTENCE.match(draft.text)
    if opening is None or draft.short_answer.lower() not in opening.group(0).lower():
        return draft
    return replace(draft, text=opening.group(0))


NAMED_TYPES = frozenset({"person", "organisation", "place", "date"})


_TITLE_WORD = re.compile(r"(?<![\w’'])[A-Z][a-z][\w’'-]*")


_SETTLEMENT_OF = re.compile(r"\b(?:city|town|village|suburb|hamlet|municipality)\s+of\s+[A-Z]")  # "the city of Ivins"


_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:[\s,]+[a-z]+){0,2}[\s,]+(?:in\s+)?((?:[A-Z][a-z]+\s?){1,3})")


def _placed_in_country(sentence: str, asked: str) -> bool:
    """A one-word name written just before a country or state ("the 2019 Christchurch attacks in New Zealand",
    "Ivins, Utah"): a settlement the recogniser may have read as an organisation."""
    return any(m.group(1).lower() not in asked and not country_or_region(m.group(1)) and
               country_or_region(m.group(2).strip()) for m in _NAME_BEFORE.finditer(sentence))


def _names_any(draft: Draft, evidence: Evidence, answer_type: str) -> bool:
    """Whether a sentence the draft quotes could name the answer: for a date, any date (an hour for "What time
    ...?", a day for "On what date ...?", a year for "In which year ...?"); for a city, town or suburb, a place that is
    no country, state or continent; for another name, any capitalised word but its first that the question does not
    have (the recogniser misses names, "Florida State"; a name the question has is not its answer)."""
    quoted = _quoted(draft, evidence)
    if answer_type == "date":
        if asks_clock_time(evidence.question.text):  # "What time ...?" is answered by an hour, not a day
            return any(clock_mentions(c.text) for c in quoted)
        calendar = asks_calendar_date(evidence.question.text)  # "On what date ...?" is not answered by "on Monday"
        year = asks_year(evidence.question.text)  # "In which year ...?" is not answered by "on Monday"
        return any(not (calendar and day_without_date(m.value)) and not (year and not writes_a_year(m.value))
                   for c in quoted for m in mentions(c.text, "date", entities=c.entities))
    asked = evidence.question.text.lower()
    if answer_type == "place" and evidence.question.asked_noun in SETTLEMENT_NOUNS:
        # "like which city?" quoting "... transported to western Russia": a city, town or suburb is named by a place
        # the recogniser finds that is no country, state or continent, and not the question's own
        return any(_SETTLEMENT_OF.search(c.text) or _placed_in_country(c.text, asked) for c in quoted) or \
            any(not country_or_region(m.value) and m.value.lower() not in asked for c in quoted
                for m in mentions(c.text, "place", entities=c.entities))
    return any(m.group(0).lower().rstrip("’'s") not in asked for c in quoted
               for m in _TITLE_WORD.finditer(c.text) if m.start() > 0 and c.text[:m.start()].strip())


def _states_an_amount(draft: Draft, evidence: Evidence) -> bool:
    """Whether a sentence the draft quotes writes an amount of money the question does not, of a kind it asks."""
    query = evidence.question
    return any(not written_in(m.value, query.text) and not of_other_kind(query.money_kinds, c.text, m.start, m.end)
               for c in _quoted(draft, evidence) for m in mentions(c.text, "money"))


def _quoted(draft: Draft, evidence: Evidence) -> list[Candidate]:
    """The candidate sentences `draft` cites."""
    targets = {(t.doc_id, t.start) for t in draft.targets.values()}
    return [c for c in evidence.candidates if (c.doc_id, c.start) in targets]


REPORTED_BEFORE = 8  # words from the speaker to the verb that reports them ("China's foreign ministry has said")
REPORTED_AFTER = 4  # words from the verb to the speaker ("said Liubov Tsybulska", "according to the Pentagon")
_WORD = re.compile(r"[\w'’-]+")
REPORTING = frozenset(ACCOUNT_VERBS)


def _reports(draft: Draft, evidence: Evidence, speaker: tuple[str, ...]) -> bool:
    """Whether a sentence the draft quotes reports what the speaker said: a word of the speaker close before a
    reporting verb (`qa.lexicon.ACCOUNT_VERBS`) or right after one."""
    wanted = frozenset(speaker)
    for c in _quoted(draft, evidence):
        words = [w.lower() for w in _WORD.findall(c.text)]
        verbs = [i for i, w in enumerate(words) if w in REPORTING]
        named = [i for i, w in enumerate(words) if any(term_match(t, wanted) > 0 for t in content_terms(w))]
        if any(0 < v - n <= REPORTED_BEFORE or 0 < n - v <= REPORTED_AFTER for v in verbs for n in named):
            return True
    return False


def _target(c: Candidate) -> Target:
    return Target(doc_id=c.doc_id, chunk_id=c.chunk_id, start=c.start, end=c.end, score=c.score)


# --- plain sentences
def sentence_answer(evidence: Evidence) -> Draft:
    if not evidence.candidates:
        return Draft(text="", abstained=True)
    ranked = evidence.candidates
    if evidence.question.kind in ("who", "when", "why"):
        with_cue = [c for c in ranked if c.cue > 0]
        if with_cue and with_cue[0].relevance >= 0.85 * ranked[0].relevance:
            ranked = with_cue + [c for c in ranked if c.cue <= 0]
    ranked = _doers_as_asked_first(evidence, ranked)
    if evidence.question.answer_type == "description":
        ranked = _focus_stated_first(evidence, ranked)
    best = ranked[0]
    claims: list[tuple[Candidate, list[Candidate]]] = [(best, [best])]
    for c in ranked[1:6]:
        if c.score < SECOND_SENTENCE_RATIO * best.score:
            continue  # (the sentences with a cue may have been put first: a later one may still be close)
        same = next((group for lead, group in claims if _same_claim(lead, c)), None)
        if same is not None:
            if c.doc_id not in {g.doc_id for g in same}:
                same.append(c)
        elif len(claims) < 2:
            claims.append((c, [c]))
    if evidence.question.kind == "why" and not any(lead.cue > 0 for lead, _ in claims):
        # "Instead of clearing the zone, the Russians have been holding out for several days. The assumption is that
        # they are creating a training zone ...": the reason the sentence right after the quoted one gives
        after = [c for c in evidence.candidates if any(
            c.doc_id == lead.doc_id and 0 <= c.start - lead.end <= 3 for lead, _ in claims)]
        # ... or, with no cue anywhere, the sentence right after the best one, which most often says why ("The fund
        # foresees China's economy growing just 3.2% this year ... Beijing has instituted draconian zero-Covid
        # policy ..., disrupting business activity.")
        reason = next((c for c in after if c.cue > 0), None) or \
            next((c for c in after if c.doc_id == best.doc_id and c.start > best.start), None)
        if reason is not None:
            claims.append((reason, [reason]))
    follow = continuation(best, evidence)
    if follow is not None and all(follow is not lead for lead, _ in claims):
        claims.insert(1, (follow, [follow]))
    before = antecedent(best, evidence)
    if before is not None and all(before is not lead for lead, _ in claims):
        claims.insert(0, (before, [before]))
    return _draft(claims)


FOCUS_FIRST_RATIO = 0.85  # a sentence saying what the question asks, this close to the best that does not, goes first
FOCUS_FIRST_TERMS = 4  # ... for a question whose focus is at most this many terms (kursk_more7 v03, kursk_more10 k32)


def _focus_stated_first(evidence: Evidence, ranked: list[Candidate]) -> list[Candidate]:
    """"What has Trent Forster been charged with?": when the best sentence names whom the question names but says
    none of what it asks of them (`abstain.focus_terms`: "charged"), a close one that says it goes first ("Forster
    ... has since been charged with first-degree murder")."""
    focus = focus_terms(evidence.question)
    if not focus or len(focus) > FOCUS_FIRST_TERMS or not ranked or coverage(focus, ranked[0].terms, evidence.idf) > 0:
        return ranked  # (a question that sets a scene asks many words of its subject, few of them its focus)
    close = next((c for c in ranked[1:CONFLICT_POOL] if c.score >= FOCUS_FIRST_RATIO * ranked[0].score and
                  coverage(focus, c.terms, evidence.idf) > 0), None)
    return ranked if close is None else [close] + [c for c in ranked if c is not close]


REVERSED_RATIO = 0.8  # a sentence with the asked deed done by the asked doer, this close to the best, goes first


def _doers_as_asked_first(evidence: Evidence, ranked: list[Candidate]) -> list[Candidate]:
    """`ranked` with the sentences that have the question's verb done by another party it names ("Pyongyang is
    to supply Moscow" for "What could Russia supply the North Koreans with?", direction.py) after those close to
    the best that do not."""
    query = evidence.question
    reversed_ = [reversed_deed(query.text, query.entities, c.text) for c in ranked[:CONFLICT_POOL]]
    if not reversed_ or not reversed_[0]:
        return ranked
    kept = [c for c, r in zip(ranked, reversed_) if not r and c.score >= REVERSED_RATIO * ranked[0].score]
    if not kept:
        return ranked
    return kept + [c for c in ranked if all(c is not k for k in kept)]


# "What is the name of ...?", "I left a blank for the name of the official who ...": a name asked outright
_ASKS_NAME = re.compile(r"\bwhat\s+(?:is|was|are|were)\s+(?:the\s+)?names?\s+of\b|"
                        r"\bthe\s+names?\s+of\s+(?:the|a|an|this|that|his|her|its|their)\s", re.I)


# A sentence that continues the one before without a verb of its own: "And Russia is paying for this aid.
# With money, with food and also with armaments know-how." It holds what the sentence before leaves open.
_FRAGMENT_START = re.compile(r"^\s*(?:with|without|for|by|from|in|mainly|mostly|especially|notably|namely|including|"
                             r"such\s+as|not\s+only|both|either|above\s+all)\b", re.I)
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|should|may|might|must|"
                          r"does|do|did|\w+ed|says|said)\b", re.I)


def continuation(lead: Candidate, evidence: Evidence) -> Candidate | None:
    """The verbless fragment right after `lead` in its article, which completes it; None if there is none."""
    text = evidence.documents[lead.doc_id].text if lead.doc_id in evidence.documents else ""
    following = [c for c in evidence.candidates if c.doc_id == lead.doc_id and c.start >= lead.end]
    if not following:
        return None
    nxt = min(following, key=lambda c: c.start)
    if text[lead.end:nxt.start].strip() or len(nxt.text.split()) > 20:
        return None
    if _FRAGMENT_START.match(nxt.text) and not _FINITE_VERB.search(nxt.text):
        return nxt
    return None


# (not "It": "It is believed that ...", "It was anticipated that ..." refer to nothing before)
_OPENS_ON_PRONOUN = re.compile(r"^[\s\"“‘'(]*(?:They|He|She)\s+(?:are|is|were|was|have|has|had|will|would|can|could|"
                               r"may|might|must|should)\b")


def antecedent(lead: Candidate, evidence: Evidence) -> Candidate | None:
    """The sentence right before `lead` in its article when `lead` opens on a pronoun ("They are probably best
    prepared for the war"): what "they" are, and often why, is said there ("Parts of the troops are expressly
    trained for command operations ..."). None when `lead` opens otherwise or that sentence is not at hand."""
    if not _OPENS_ON_PRONOUN.match(lead.text):
        return None
    text = evidence.documents[lead.doc_id].text if lead.doc_id in evidence.documents else ""
    preceding = [c for c in evidence.candidates if c.doc_id == lead.doc_id and c.end <= lead.start]
    if not preceding:
        return None
    prev = max(preceding, key=lambda c: c.end)
    return None if text[prev.end:lead.start].strip() else prev


def _same_claim(a: Candidate, b: Candidate) -> bool:
    return min(overlap(a.text, b.text), overlap(b.text, a.text)) >= SAME_CLAIM_OVERLAP


def _draft(claims: Sequence[tuple[Candidate, Sequence[Candidate]]]) -> Draft:
    targets: dict[int, Target] = {}
    parts = []
    for lead, group in claims:
        marks = ""
        for c in group:
            n = len(targets) + 1
            targets[n] = _target(c)
            marks += f"[{n}]"
        text = lead.text.rstrip()
        end = text[-1] if text and text[-1] in ".!?" else "."
        body = text[:-1].rstrip() if text and text[-1] in ".!?" else text
        parts.append(f"{body} {marks}{end}")
    return Draft(text=" ".join(parts), targets=targets)


# --- quantities
@dataclass(frozen=True)
class Reported:
    candidate: Candidate
    figure: Figure
    attribution: Attribution | None


def reported_figures(evidence: Evidence) -> list[Reported]:
    """Figures of the asked unit in the relevant sentences, best sentence first, one per amount.

    A sentence counts when its relevance is within `FIGURE_RATIO` of the best figure sentence's,
    or when its figure names the very group asked about ("8,000 and 12,000 North Korean troops"
    for "how many North Korean troops"), its meaning is close to the question's (cosine within
    `FIGURE_DENSE_RATIO` of the best) and its passage holds the question's terms about as well as
    the best one does (`FIGURE_CONTEXT_RATIO`). The second path matters because a sentence often
    leaves the place to its neighbours ("... troops in the region"), which costs it a rare term;
    the nationality keeps "12,000 men correspond to three Ukrainian brigades" out, and the
    passage test keeps a question about what the Pentagon said to the Pentagon's figure.
    Equal amounts are stated once, from the most relevant sentence.
    """
    info = evidence.question
    pool = [(c, matching_figures(info, c.figures)) for c in evidence.candidates if c.cue > 0]
    pool = [(c, figs) for c, figs in pool if figs]
    if way := asked_way_of(info.text):
        # "By how much did the Hang Seng drop?": not "was last trading up about 1%"; of a sentence that writes moves,
        # only its moves ("Japan's Nikkei 225 (N225) declined 0.3%": not the index's "225"), the one after a name the
        # question writes first ("South Korea's Kospi Index (KOSPI) fell 0.5%" for the Kospi), and not one of
        # another thing it names right before the move ("Japan's Nikkei 225 (N225) declined 0.3%" for the Hang Seng)
        moved = []
        for c, figs in pool:
            figs = [f for f in figs if not moved_the_other_way(way, c.text, f.start)]
            moves = [f for f in figs if _MOVED_BY.search(words_before_amount(c.text, f.start))]
            after_asked = {id(f): _after_asked_name(info, _clause_before(c.text, f)) for f in moves or figs}
            figs = [f for f in moves or figs if not info.entities or after_asked[id(f)] or
                    not _names_another(_clause_before(c.text, f))]
            if figs:
                moved.append((c, sorted(figs, key=lambda f: not after_asked[id(f)])))
        pool = moved
    if info.rate and any(f.rate == info.rate for _, figs in pool for f in figs):
        # "How many patients a day ...?": "550 patients a day" answers, "10,000 cancer patients" does not
        pool = [(c, rated) for c, figs in pool if (rated := [f for f in figs if f.rate == info.rate])]
    outcomes = [t for t in outcome_terms(info.terms) if not _describes_another_noun(info, t)]
    if outcomes:  # "how many soldiers have died": only a sentence saying so counts the dead
        pool = [(c, figs) for c, figs in pool if any(term_match(t, c.terms | c.context_terms) > 0 for t in outcomes)]
    elif any(not _counts_an_outcome(c.text, f) for c, figs in pool for f in figs[:1]):
        # "How many people were on the plane?": "Three people killed on the flight" counts some of them; the
        # figure of all ("the 162 people on board") answers
        pool = [(c, figs) for c, figs in pool if not _counts_an_outcome(c.text, figs[0])]
    if not pool:
        return []
    best = max(c.relevance for c, _ in pool)
    said_by = _figure_source(info.text)
    best_dense = max(c.dense for c, _ in pool)
    context = {id(c): coverage(info.terms, c.terms | c.chunk_terms, evidence.idf) for c, _ in pool}
    best_context = max(context.values())
    out: list[Reported] = []
    pool.sort(key=lambda p: -p[0].relevance)  # best sentence first (a stable sort: ties keep the evidence order)
    for c, figs in pool:
        f = figs[0]  # the first matching figure of a sentence is the one it reports
        names_group = info.nationality is not None and f.nationality == info.nationality
        near = (
            names_group
            and c.dense >= FIGURE_DENSE_RATIO * best_dense
            and context[id(c)] >= FIGURE_CONTEXT_RATIO * best_context
        )
        kept = c.relevance >= FIGURE_RATIO * best or near
        if not kept and not (said_by and c.relevance >= SOURCED_RATIO * best):
            continue
        reported = _reported(c, f)
        # ... or gives the figure of the one the question asks ("does Amnesty International say"), nearly as relevant
        sourced = c.relevance >= SOURCED_RATIO * best and _said_by(reported, said_by)
        if not kept and not sourced:
            continue
        same = next((i for i, r in enumerate(out) if r.figure.same_amount(f)), None)
        if same is not None:
            if sourced and not _said_by(out[same], said_by):
                out[same] = reported  # "More than 100 protesters killed" (a headline) / Amnesty's 106
            continue
        out.append(reported)
    for outlet in info.sources_mentioned:
        # "What numbers do Stern and the Pentagon give ...?": each outlet the question names is heard, by its best
        # figure of the asked unit, however its sentence words the rest
        if any((r.candidate.hit.source or "").lower() == outlet.lower() for r in out):
            continue
        own = [(c, figs) for c, figs in pool if (c.hit.source or "").lower() == outlet.lower()]
        if own and not any(r.figure.same_amount(own[0][1][0]) for r in out):
            c, figs = own[0]
            out.append(_reported(c, figs[0]))
    if said_by:
        # "How many protesters does Amnesty International say were killed?": the figure it gives first ("At least 106
        # protesters ... have been killed, according to credible reports received by Amnesty")
        own = [r for r in out if _said_by(r, said_by)]
        out = own + [r for r in out if r not in own]
    return out[:MAX_FIGURES]


def _reported(c: Candidate, f: Figure) -> Reported:
    """The figure `f` of sentence `c`, with whom the sentence attributes it to."""
    return Reported(c, f, attribution_for(c.text, f, find_attributions(c.text)))


def _said_by(r: Reported, source: set[str]) -> bool:
    """Whether the figure is attributed to the source a question names (`_figure_source`'s terms)."""
    return r.attribution is not None and bool(source & set(content_terms(r.attribution.who)))


# whose figure a question asks: "does Amnesty International say", "By PolitiFact's estimate", "according to the UN,"
_NAMED = r"(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4}"  # a name of up to five capitalised words
_FIGURE_SOURCE = re.compile(rf"\b(?:[Dd]oes|[Dd]o|[Dd]id)\s+(?P<who>{_NAMED})\s+"
                            r"(?:say|said|estimate|count|report|put|give|claim)\b|"
                            rf"\b[Bb]y\s+(?P<who2>{_NAMED})['’]s?\s+"
                            r"(?:estimate|count|tally|figures?|reckoning|numbers?|calculations?)\b|"
                            rf"\b[Aa]ccording\s+to\s+(?P<who3>{_NAMED})")


def _figure_source(question: str) -> set[str]:
    """The terms of the one whose figure a question asks for (a name), else an empty set."""
    m = _FIGURE_SOURCE.search(question)
    if m is None:
        return set()
    who = next(w for w in (m.group("who"), m.group("who2"), m.group("who3")) if w)
    return set(content_terms(who))


_OUTCOME_FORMS = frozenset().union(*(inflections(w) for w in COUNT_OUTCOMES))
_WORDS_AFTER = re.compile(r"^[\w,-]*(?:\s+[\w-]+){1,4}")


def _counts_an_outcome(sentence: str, f: Figure) -> bool:
    """"Three people killed on the flight", "40 were killed": the figure counts what happened to some of a group
    (an outcome of `lexicon.COUNT_OUTCOMES` within four words after it), not the group."""
    after = _WORDS_AFTER.match(sentence[f.end:])
    return after is not None and any(t in _OUTCOME_FORMS for t in content_terms(after.group(0)))


_CLAUSE_BREAK = re.compile(r",|;|\bwhile\b|\bwhereas\b")


def _clause_before(sentence: str, f: Figure) -> str:
    """The clause a figure ends, back to a comma or "while": "South Korea's Kospi Index (KOSPI) fell " of "Japan's
    Nikkei 225 (N225) declined 0.3%, while South Korea's Kospi Index (KOSPI) fell 0.5%"."""
    return _CLAUSE_BREAK.split(sentence[:f.start])[-1]


def _after_asked_name(info: Query, clause: str) -> bool:
    """Whether the clause before a figure (`_clause_before`) writes one of the question's names."""
    return any(e.lower() in clause.lower() for e in info.entities)


def _names_another(clause: str) -> bool:
    """Whether a figure is a move of something the clause before it (`_clause_before`) names right before the move's
    verb: "Japan's Nikkei 225 (N225) declined 0.3%" (a capitalised word, past the clause's first, at most four words
    before the verb)."""
    clause = clause.strip()
    m = _MOVED_BY.search(clause)
    return m is not None and re.search(r"(?<!^)\b[A-Z]", clause[:m.start()].strip()) is not None and \
        re.search(r"\b[A-Z]", " ".join(clause[:m.start()].split()[-4:])) is not None


# a move's verb right before its figure: "declined 0.3%", "fell by about 2%", "was last trading up about 1%"
_MOVED_BY = re.compile(rf"(?:{MOVED_UP.pattern}|{MOVED_DOWN.pattern})(?:\s+by)?"
                       r"(?:\s+(?:about|around|nearly|almost|roughly|some|over|more\s+than))?\s*$", re.I)


def outcome_terms(terms: Sequence[str]) -> list[str]:
    """The question's words for what happened to the people counted ("died", "killed", "arrested")."""
    return [t for t in terms if t in _OUTCOME_FORMS or term_match(t, _OUTCOME_FORMS) >= SYNONYM_CREDIT]


def _describes_another_noun(info: Query, term: str) -> bool:
    """Whether the question writes an outcome word only before a noun other than the one it counts: "How many doses
    ... were the doctors offering to detained migrants?" counts doses, not what befell the migrants."""
    # a participle or "dead" before a noun ("detained migrants", "dead skin cells"), not a noun ("death risk" asks
    # about deaths)
    said = [m.group("next") for m in re.finditer(rf"\b(?:{re.escape(term)}\w*ed|dead)\s+(?P<next>[a-z][\w-]*)",
                                                 info.text.lower()) if m.group(0).startswith(term)]
    if said and all(w not in STOPWORDS and w not in _NOT_NOUNS and not (info.unit_head and same_head(w, info.unit_head))
                    for w in said):
        return True
    # ... or only in a clause about a thing: "according to the report on the helicopter crash that killed two service
    # members" says what the crash did, not what befell the troops counted
    written = list(re.finditer(rf"\b{re.escape(term)}\w*", info.text.lower()))
    return bool(written) and all(re.search(r"\b(?:that|which)\s+(?:\w+\s+)?$", info.text.lower()[:m.start()])
                                 for m in written)


_NOT_NOUNS = frozenset("so far yet since last this that these those during after before while when".split())


def quantity_answer(evidence: Evidence) -> Draft | None:
    reported = reported_figures(evidence)
    if not reported:
        return Draft(text="", abstained=True)
    figures = [r.figure for r in reported]
    if not amounts_differ(figures):
        # one amount: the figure first, then the best sentence, citing every article that gives it
        group = [reported[0].candidate] + [
            r.candidate for r in reported[1:] if r.candidate.doc_id != reported[0].candidate.doc_id
        ]
        draft = _draft([(reported[0].candidate, group[:3])])
        value = _figure_value(reported[0].figure)
        marks = "".join(f"[{n}]" for n in draft.targets)
        draft.text = f"{value} {marks}. {draft.text}"
        draft.short_answer = value
        draft.candidates = [Proposal(value, reported[0].candidate.relevance, tuple(draft.targets))]
        draft.answer_type = evidence.question.answer_type
        return draft
    targets: dict[int, Target] = {}
    sides: list[Side] = []
    proposals: list[Proposal] = []
    for r in reported:
        n = len(targets) + 1
        targets[n] = _target(r.candidate)
        sides.append(Side(describe(r), n))
        proposals.append(Proposal(_figure_value(r.figure), r.candidate.relevance, (n,)))
    return Draft(text=disagreement(sides, lead="Reports differ"), targets=targets,
                 answer_type=evidence.question.answer_type, candidates=proposals, conflict=True)


def _figure_value(f: Figure) -> str:
    """'About 10,000' from 'approximately 10,000': the amount as a short answer, with its qualifier."""
    text = f.display().strip()  # with a measure's unit: "About 2.8 gigawatt-hours"
    return text[0].upper() + text[1:] if text else text


_CUT = re.compile(
    r",\s+(?:with|while|although|though|whereas|but|which|according\s+to|said|says|she|he|they)\b|;\s|\s+—\s"
)
_LOWER_FIRST = frozenset("The A An There It This These Those In On At As Its Their".split())


def describe(r: Reported) -> str:
    """One reported figure as a clause: 'the Pentagon reported that approximately 10,000 North Korean soldiers
    have been sent to train in eastern Russia'."""
    s, f, a = r.candidate.text.rstrip(" ."), r.figure, r.attribution
    if a is not None and a.verb == "according to":
        start = _clause_start(s, f.start)
        phrase = _phrase(s, start, f)
        return (
            f"{a.who} reports {_lower_first(phrase)}" if a.trailing else f"according to {a.who}, {_lower_first(phrase)}"
        )
    if a is not None and a.trailing:
        start = _clause_start(s, f.start)
        phrase = s[start : a.start].strip(" ,")
        return f"{_who(a.who)} {a.verb} {_lower_first(phrase)}"
    if a is not None and a.end <= f.start:
        phrase = _phrase(s, a.end, f)
        if len(phrase.split()) <= MAX_PHRASE_WORDS:
            return f"{_who(a.who)} {a.verb} {phrase}".strip()
    start = _clause_start(s, f.start)
    phrase = _phrase(s, start, f)
    source = r.candidate.hit.source or ""
    who = f"{source} reports" if source else "another report says"
    if a is not None:
        who = f"{_who(a.who)} {a.verb}"
    return f"{who} {_lower_first(phrase)}"


def _phrase(s: str, start: int, f: Figure) -> str:
    cut = _CUT.search(s, f.end)
    end = cut.start() if cut else len(s)
    words = s[start:end].strip(" ,").split()
    if len(words) > MAX_PHRASE_WORDS:
        # too long: keep the clause from the figure on
        words = s[f.start : end].split()[:MAX_PHRASE_WORDS]
    return " ".join(words)


def _clause_start(s: str, pos: int) -> int:
    starts = [m.end() for m in re.finditer(r"(?:^|[,;:]\s+|\b(?:while|whereas|although)\s+)", s[:pos])]
    return starts[-1] if starts else 0


_COMMON_REPORTERS = frozenset(
    "Estimates Reports Analysts Experts Officials Current Independent Military Sources Intelligence Assessments".split()
)


def _who(who: str) -> str:
    """'Estimates' -> 'estimates' inside a list; names and institutions keep their capitals."""
    first = who.split(" ", 1)[0]
    return who[0].lower() + who[1:] if first in _COMMON_REPORTERS else who


def _lower_first(phrase: str) -> str:
    first = phrase.split(" ", 1)[0]
    return phrase[0].lower() + phrase[1:] if first in _LOWER_FIRST else phrase


# --- yes/no with disagreement
def yes_no_answer(evidence: Evidence) -> Draft | None:
    """'Sources disagree: X [1]; Y [2].' when relevant sentences of two articles differ in polarity.

    Both sides must be among the best `CONFLICT_POOL` sentences, within `CONFLICT_RATIO` of the
    best relevance, and mention the event asked about (a rare question term or its synonym).
    """
    pool = evidence.candidates[:CONFLICT_POOL]
    if not pool:
        return None
    best = max(c.relevance for c in pool)
    events = event_terms(evidence)
    pool = [
        c
        for c in pool
        if c.relevance >= CONFLICT_RATIO * best and (not events or any(term_match(t, c.terms) > 0 for t in events))
    ]
    asked = evidence.question.terms  # the event's own words: "approved" asserts, "rejected" denies (conflicts.py)
    positive = next((c for c in pool if polarity(c.text, asked) > 0), None)
    if positive is None:
        return None

    named = {t for e in evidence.question.entities for t in content_terms(e)}
    deeds = [t for t in events if t not in named]

    def same_event(c: Candidate) -> bool:
        # both sides speak of one event the question asks about, by a word that is not a name: "North Korea was
        # viewed with suspicion" and "details of North Korea's weapons were not available" share only the name
        return not deeds or any(term_match(t, c.terms) > 0 and term_match(t, positive.terms) > 0 for t in deeds)

    negative = next(
        (c for c in pool if polarity(c.text, asked) < 0 and c.doc_id != positive.doc_id and same_event(c)), None
    )
    if negative is None:
        return None
    targets = {1: _target(positive), 2: _target(negative)}
    sides = [Side(positive.text, 1, positive.hit.source), Side(negative.text, 2, negative.hit.source)]
    return Draft(text=disagreement(sides), targets=targets,
                 answer_type="yesno", conflict=True)


_ASPECT = frozenset("yet already still ever now really actually".split())


def event_terms(evidence: Evidence) -> list[str]:
    """The question's rare terms (idf at least half the largest), without aspect words like 'yet'."""
    terms = [t for t in evidence.question.terms if t not in _ASPECT]
    if not terms:
        return []
    top = max(evidence.idf.get(t, 0.0) for t in terms)
    return [t for t in terms if evidence.idf.get(t, 0.0) >= 0.5 * top]
