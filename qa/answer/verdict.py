"""Yes/no verdicts: decide a yes/no question from the evidence of each of its clauses.

A yes/no question over news reports names what each report says, often with the outlet and the
date: "Did both TechCrunch and Fortune report that Mark Cohen is his lawyer?", "Was the report by
A published before the one by B?", "Is A's account consistent with B's?". `decide` splits the
question into its clauses (one per outlet named, running to the next outlet; else the Query's
clauses; a before/after question without outlets is split at its order word), drops the ask shared
by all reports from the last clause (", was there consistency in ..."), and finds the sentence that
best states each clause among the retrieved sentences of that outlet (of that date, when one is
named). Then:

* a clause whose best sentence covers less than UNSUPPORTED of it: undecided, and the composer
  abstains rather than guess;
* a clause stated weakly (under SUPPORTED), or negated on one side only (the sentence says "fell
  short", "wrong", "yet to", or "not"/"no" right before the clause's words; the question denies
  something the sentence names and states): no;
* before/after: every clause stated, then the publication dates (times on the same day) decide;
* same/different: a negation on one side only, or figures in both sentences, decide whether the
  reports differ; when the sentences hold nothing to compare, each report stating its clause as
  the question words it answers the question (the difference or agreement it describes);
* inconsistent / contradict / disagree ("conflict"): yes only when a conflict is found (a report
  denying what another states, differing figures of one unit); reports that merely say different
  things are not inconsistent;
* a negated ask ("Was there no change ...?") is answered with the opposite of the plain ask;
* a plain question (one clause, no outlet, no relation) — a quiz's "Did the Jets beat the Chiefs?",
  "Do the Echo Frames have a camera?" — is decided by what its article says: who won a contest (a
  sentence saying who beat whom, else the largest score of the two sides, the final one); a figure
  of the unit asked that differs from the question's; the article denying the clause word its best
  sentence leaves out ("There's no camera"); for "Did X make/score/pass ...?", the article saying
  X's attempt failed ("Pineiro's kick was short"); for "Is X the R of Y?", who the articles name
  as Y's R;
* otherwise (both, a plain "Does X ..."): every clause stated is yes.

`verdict` turns the decision into a `Draft`: "Yes." or "No." followed by each clause's supporting
sentence, cited, with the outlet and date that make the comparison checkable.

Pure: no model, no IO. Thresholds were set
on samples of MultiHop-RAG's comparison and temporal questions and on the yes/no questions of
eval/datasets/mixed; eval/bench/verdict.md has the numbers, and how often each verdict is given
against the gold base rates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Iterable, Sequence

from qa.answer.citations import Target
from qa.answer.protocols import Draft
from qa.answer.question import PREFIX_CREDIT, SYNONYM_CREDIT, spelling_variants, term_match, words_sharing_prefix
from qa.query import content_terms

# A clause is supported when its best sentence covers at least this idf-weighted share of the
# clause's own terms (with the question's shared terms at CLAUSE_SHARED weight).
SUPPORTED = 0.15
# Below this the clause is not stated by anything retrieved: undecided.
UNSUPPORTED = 0.12
CLAUSE_SHARED = 0.3  # weight of the question's other terms when scoring a clause's sentence
SENTENCE_SHARE = 0.75  # of a sentence's coverage; the rest comes from its chunk (context)
DATE_SLACK_DAYS = 1  # time zones move a publication across midnight

YES, NO, UNDECIDED = "yes", "no", "undecided"

# Words that describe the reports, not what they say: they support no clause.
_REPORT_WORDS = frozenset(
    """article articles report reports reported reporting story stories piece pieces coverage news outlet
    source sources publication published publish publishing mention mentioned mentions discuss discussed
    discusses discussing suggest suggested suggests indicate indicated indicates say said says state stated
    states claim claimed claims both all each either respective respectively compared comparison regarding
    according account accounts earlier later previous subsequent following after before between same another
    other one two first second also while whereas does did do is was are were has have had""".split()
)
# A negation counts in a sentence when it stands just before one of the clause's words ("did not
# report"), not anywhere ("was no liar, according to Mark Cohen"); a contradiction word counts anywhere.
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|without|cannot|\w+n['’]t|refrain(?:s|ed|ing)?)\b",
                       re.IGNORECASE)
_CONTRADICTION = re.compile(
    r"\b(?:wrong|incorrect(?:ly)?|false(?:ly)?|f[ae]ll\s+short|falls\s+short|short\s+of|den(?:y|ies|ied)|"
    r"refut\w*|yet\s+to|fail(?:s|ed)?\s+to|no\s+longer|unable\s+to|lack(?:s|ed|ing)?|"
    r"refus(?:al|e[sd]?|ing)\s+to\s+(?!comment|say|discuss|answer|speak|respond|confirm)|left\s+out\s+of|"
    r"(?:will|would)\s+take\b[^.]{0,60}\bto\s+convince|did\s+not\s+come\s+close|"
    # "too small to significantly alter", "very unlikely": what follows is denied
    r"too\s+(?:small|few|little|weak|late|slow|short|limited)\s+to|unlikely|improbable|"
    r"still\s+far\s+from)\b",  # "the ZIB is still far from the commercial lithium-ion batteries"
    re.IGNORECASE,
)
NEGATION_WINDOW = 2  # tokens between a negation and the clause word it negates
OBJECT_WORDS = 2  # words of a denied verb's object read past the window when the window ends on its possessive
# ("do not reach their target strength" denies the strength; "may not change the fighting" denies no fighting)
_DETERMINERS = frozenset("their its his her our your".split())
# A plain "not"/"no" near a clause's words negates it only in a claim of at most this many own terms
# (in a longer one it usually negates something else); measured on MultiHop-RAG samples and the mixed set
# (eval/bench/verdict.md).
SHORT_CLAIM_TERMS = 8
_ASPECT = re.compile(
    r",\s*(?:(?:and|so|but)\s+)?(?:was|were|is|are|did|does|do|has|have|had)\s+(?:there|the|they|these|both|this|it|"
    r"their|its|any)\b|"
    r",?\s*\b(?:indicating|suggesting|in\s+terms\s+of|and\s+(?:are|were|do|did)\s+(?:these|they|both))\b",
    re.IGNORECASE,
)
_ORDER_WORD = re.compile(r"\b(?:before|after|earlier\s+than|later\s+than|prior\s+to|ahead\s+of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    """One part of the question: what one report is asked to state."""

    text: str
    sources: tuple[str, ...] = ()  # the outlet names it must come from (index source names); () = any
    dates: Any = None  # a qa.retrieval.query.DateRange it must be published in, or None
    terms: tuple[str, ...] = ()  # its own content terms (outlet, date and report words removed)


@dataclass(frozen=True)
class Support:
    """The best evidence for one clause."""

    clause: Clause
    candidate: Any | None  # qa.answer.evidence.Candidate, or None when nothing fits
    score: float  # idf-weighted coverage of the clause by the sentence, in [0, 1]
    agrees: bool  # the sentence states the clause as worded (no negation on one side only)

    @property
    def supported(self) -> bool:
        return self.candidate is not None and self.score >= SUPPORTED

    @property
    def published(self) -> date | None:
        return _day(self.candidate.hit.published_at) if self.candidate is not None else None


@dataclass(frozen=True)
class Verdict:
    """yes / no / undecided, each clause's support, and a short reason (for tests and reports)."""

    answer: str
    supports: tuple[Support, ...]
    reason: str
    option: str | None = None  # for "consistent or inconsistent?": the alternative that holds, said instead of Yes/No


# --- the composer's entry point
def verdict(query: Any, evidence: Any) -> Draft | None:
    """A `Draft` answering the yes/no `query` from `evidence`: "Yes. <clause evidence> [1] ...".

    An abstained draft when a clause has no support; None when there is nothing to decide from
    (no candidates), so the composer can fall back to its ordinary answer.
    """
    if not getattr(evidence, "candidates", None):
        return None
    decision = decide(query, evidence)
    if decision.answer == UNDECIDED:
        return Draft(text="", abstained=True)
    return render(decision)


def decide(query: Any, evidence: Any) -> Verdict:
    """The verdict of a yes/no question (see the module docstring)."""
    clauses = split_clauses(query)
    idf = dict(getattr(evidence, "idf", {}) or {})
    supports: list[Support] = []
    used: set[tuple[str, int]] = set()
    for clause in clauses:
        support = best_support(clause, query, evidence.candidates, idf, exclude=used)
        if support.candidate is not None:
            used.add((support.candidate.doc_id, support.candidate.start))
        supports.append(support)
    relation, flipped = asked_relation(query)
    if any(s.candidate is None or s.score < UNSUPPORTED for s in supports):
        missing = next(s for s in supports if s.candidate is None or s.score < UNSUPPORTED)
        return Verdict(UNDECIDED, tuple(supports), f"no evidence for: {missing.clause.text}")
    question = getattr(query, "text", "") or ""
    choice = alternatives(question)
    if choice is not None and len(supports) >= 2:
        return _alternative_verdict(choice, supports)
    if relation in ("before", "after") and len(supports) >= 2:
        return _order_verdict(relation, supports)
    decision = _agreement_verdict(relation, supports)
    # a plain question: one clause, no outlet, no relation (the module docstring's last case)
    plain = relation is None and len(supports) == 1 and not supports[0].clause.sources
    if plain:
        contest = decided_contest(question, evidence.candidates)
        if contest is not None:
            holds, sentence = contest
            support = Support(supports[0].clause, sentence, supports[0].score, agrees=holds)
            return Verdict(YES if holds else NO, (support,), "the result of the contest asked about")
    if plain and decision.answer == YES:
        if figure_contradicted(supports[0]):
            return Verdict(NO, decision.supports, "the sentence gives another figure of the unit asked")
        holder = other_holder(question, evidence.candidates)
        if holder is not None:
            holds, sentence = holder
            support = Support(supports[0].clause, sentence, supports[0].score, agrees=holds)
            return Verdict(YES if holds else NO, (support,), "who holds the role asked about")
        failure = failed_attempt(question, supports[0], evidence.candidates)
        if failure is not None:
            return Verdict(NO, (supports[0], failure), f"the attempt failed: {failure.candidate.text[:60]}")
        denial = denied_elsewhere(supports[0], evidence.candidates, idf)
        if denial is not None:
            return Verdict(NO, (supports[0], denial), f"denied in the same article: {denial.candidate.text[:60]}")
        restriction = stated_only_otherwise(question, supports[0], evidence.candidates)
        if restriction is not None:
            return Verdict(NO, (restriction,), f"only something else is said: {restriction.candidate.text[:60]}")
    if flipped and decision.answer in (YES, NO):
        # "Was there no change ...?" is answered by the opposite of "Was there a change ...?"
        opposite = NO if decision.answer == YES else YES
        return Verdict(opposite, decision.supports, f"asked negated; {decision.reason}")
    return decision


# --- what the question asks of the reports, as the verdict reads it
# Words asking whether reports conflict: a conflict must be found in the sentences (a denial on one
# side, differing figures); two reports that merely say different things are not inconsistent. Weak
# "different"/"change" asks are satisfied by each report stating its own clause.
_CONFLICT = re.compile(
    r"\b(?:inconsisten\w*|contradict\w*|disagree\w*|discrepan\w*|conflict(?:s|ed|ing)?\s+(?:with|between)|"
    r"at\s+odds|dispute[sd]?)\b", re.IGNORECASE)
# A negation right before the relation word asks the opposite: "no change", "not differ", "no
# inconsistency", "remained unchanged" is a same-ask stated positively and needs no flip.
_NEGATED_RELATION = re.compile(
    r"\b(?:no|not|never|without|n['’]t)\s+(?:\w+\s+){0,2}?"
    r"(?:change[ds]?|differ\w*|shift\w*|inconsisten\w*|contradict\w*|disagree\w*|discrepan\w*|"
    r"consisten\w*|agree\w*|align\w*|similar\w*)\b", re.IGNORECASE)


def asked_relation(query: Any) -> tuple[str | None, bool]:
    """The relation the verdict decides, and whether the question asks its negation.

    The Query's relation ("same", "different", ...) with two refinements: asking whether reports
    are inconsistent, contradict or disagree is "conflict" (decided only by a conflict found in
    the sentences), and "Was there no change/no inconsistency ...?" is the un-negated relation with
    the answer flipped.
    """
    relation = getattr(query, "relation", None)
    text = getattr(query, "text", "") or ""
    if relation in ("before", "after") or alternatives(text) is not None:
        return relation, False
    negated = _NEGATED_RELATION.search(text)
    ask = negated.group(0) if negated else text
    if _CONFLICT.search(ask):
        return "conflict", bool(negated)
    if negated is not None:
        word = negated.group(0).split()[-1].lower()
        positive = "same" if re.match(r"(?:consisten|agree|align|similar)", word) else "different"
        return positive, True
    return relation, False


# --- "X or Y?" questions: the answer is one of the two words
# Each pair: (word meaning the reports agree, word meaning they differ), or an order pair. A word
# with a negating prefix ("inconsistent", "disagreement", "dissimilar") is the differing side of
# its stem; these are English antonyms, not any story's vocabulary.
_SAME_WORDS = frozenset("consistent consistency consistently agreement agree agrees similar same aligned align "
                        "alignment unchanged".split())
_DIFFER_WORDS = frozenset("inconsistent inconsistency disagreement disagree disagrees different differ differs "
                          "dissimilar change changed changes contradictory contradiction misaligned".split())
_ORDER_WORDS = frozenset({"before", "after"})
_ALTERNATIVE = re.compile(r"\b([a-z]+)\s*(?:or|/)\s*(?:a\s+|an\s+)?([a-z]+)\b", re.IGNORECASE)


def alternatives(text: str) -> tuple[str, str] | None:
    """The two words a question offers to choose from, when they are opposites of agreement or of
    order: "... consistent or inconsistent?" -> ("consistent", "inconsistent"); else None."""
    for m in _ALTERNATIVE.finditer(text):
        a, b = m.group(1).lower(), m.group(2).lower()
        if {a, b} == _ORDER_WORDS:
            return a, b
        if (a in _SAME_WORDS and b in _DIFFER_WORDS) or (a in _DIFFER_WORDS and b in _SAME_WORDS):
            return a, b
    return None


def _alternative_verdict(choice: tuple[str, str], supports: Sequence[Support]) -> Verdict:
    """No presupposition to check: the dates pick before/after; a negation or differing figures
    between the reports pick the differing word, and nothing that differs picks the agreeing one."""
    a, b = choice
    if a in _ORDER_WORDS:
        first, second = supports[0].candidate.hit.published_at or "", supports[1].candidate.hit.published_at or ""
        if not first or not second or first == second:
            return Verdict(UNDECIDED, tuple(supports), "publication dates missing or equal")
        word = "before" if first < second else "after"
        return Verdict(YES if word == a else NO, tuple(supports), f"published {first[:10]} and {second[:10]}", word)
    differ = bool(sides_differ(supports))
    word = next(w for w in (a, b) if (w in _DIFFER_WORDS) == differ)
    reason = "the reports differ" if differ else "nothing in the reports differs"
    return Verdict(YES if word == a else NO, tuple(supports), reason, word)


def _stated(s: Support) -> bool:
    return s.supported and s.agrees


def _order_verdict(relation: str, supports: Sequence[Support]) -> Verdict:
    """Each report must say what the question says it did, and the dates must be in the order asked."""
    wrong = next((s for s in supports if not _stated(s)), None)
    if wrong is not None:
        why = "negated" if wrong.supported else "not stated"
        return Verdict(NO, tuple(supports), f"{why}: {wrong.clause.text}")
    first, second = supports[0].published, supports[1].published
    if first is None or second is None:
        return Verdict(UNDECIDED, tuple(supports), "a publication date is missing")
    if first == second:
        a, b = supports[0].candidate.hit.published_at or "", supports[1].candidate.hit.published_at or ""
        if len(a) > 10 and len(b) > 10 and a != b:  # same day: the times decide
            earlier = a < b
        else:
            return Verdict(NO, tuple(supports), f"both published on {first.isoformat()}")
    else:
        earlier = first < second
    holds = earlier if relation == "before" else not earlier
    reason = f"published {first.isoformat()} {'before' if earlier else 'after'} {second.isoformat()}"
    return Verdict(YES if holds else NO, tuple(supports), reason)


def _agreement_verdict(relation: str | None, supports: Sequence[Support]) -> Verdict:
    if relation == "conflict":
        # a report denying what another states is the conflict asked about; so are differing figures
        denied = any(s.supported and not s.agrees for s in supports)
        if denied or (len(supports) >= 2 and sides_differ(supports)):
            return Verdict(YES, tuple(supports), "the reports conflict")
        return Verdict(NO, tuple(supports), "no conflict between the reports")
    wrong = next((s for s in supports if not _stated(s)), None)
    if wrong is not None:
        why = "negated" if wrong.supported else "not stated"
        return Verdict(NO, tuple(supports), f"{why}: {wrong.clause.text}")
    if relation in ("different", "same") and len(supports) >= 2:
        differ = sides_differ(supports)
        if differ is not None:
            holds = differ if relation == "different" else not differ
            reason = "the reports differ" if differ else "the reports give the same figures"
            return Verdict(YES if holds else NO, tuple(supports), reason)
        # nothing checkable between the sentences: each report says what the question says it does
    return Verdict(YES, tuple(supports), "every clause is stated by its report")


def sides_differ(supports: Sequence[Support]) -> bool | None:
    """Whether two reports differ, when the sentences say: one negates what the other states, or
    both give figures (equal or not). None when nothing in them can be compared."""
    a, b = supports[0], supports[1]
    if a.candidate is None or b.candidate is None or a.candidate is b.candidate:
        return None
    shared = [t for t in a.clause.terms if t in set(b.clause.terms)] or list(a.clause.terms) + list(b.clause.terms)
    plain = len(shared) <= SHORT_CLAIM_TERMS
    if negated_sentence(a.candidate.text, shared, plain) != negated_sentence(b.candidate.text, shared, plain):
        return True
    fa, fb = _figures(a.candidate.text), _figures(b.candidate.text)
    common = set(fa) & set(fb)
    if common:
        return any(not (fa[unit] & fb[unit]) for unit in common)
    return None


# A figure with digits and what it counts: the word after it ("157 yards", "10.2%", "$1.45 billion").
# Clock times, scores ("114-5"), years and figures followed by no unit compare nothing: two live
# reports at 7:06 and 8:28 do not differ for it.
_FIGURE = re.compile(r"(?<![\w.:-])(?P<currency>[$€£]\s?)?(?P<number>\d[\d,]*(?:\.\d+)?)(?![\w:-]|\.\d)"
                     r"(?:\s*(?P<unit>%|per\s*cent|[a-z]+))?", re.IGNORECASE)
_NO_UNIT = frozenset("a an the and or of in on at to for by with from as is was gmt pm am p et bst".split())
_SCALE = frozenset("million billion trillion m bn".split())


def _figures(text: str) -> dict[str, set[str]]:
    """Figures written with digits, by unit; years (1900-2099) left out: they date a sentence."""
    out: dict[str, set[str]] = {}
    for m in _FIGURE.finditer(text):
        value = m.group("number").replace(",", "")
        unit = re.sub(r"\s", "", (m.group("unit") or "").lower())
        if m.group("currency"):
            unit = m.group("currency").strip() + (unit if unit in _SCALE else "")
        elif len(value) == 4 and value[:2] in ("19", "20"):
            continue
        if not unit or unit in _NO_UNIT:
            continue
        unit = unit if unit in ("%", "percent") else unit.rstrip("s")
        out.setdefault(unit, set()).add(value)
    return out


# --- clauses
def split_clauses(query: Any) -> list[Clause]:
    """One clause per outlet named in the question (its text runs to the next outlet), else the
    Query's clauses; each carries the outlet it must come from and the date named inside it."""
    text: str = getattr(query, "text", "") or ""
    analysis = getattr(query, "analysis", None)
    spans = sorted(getattr(analysis, "source_spans", ()) or (), key=lambda s: s[0])
    dates = tuple(getattr(query, "date_ranges", ()) or ())
    pieces: list[tuple[str, tuple[str, ...], Any]] = []  # (text, outlets, date range)
    if len(spans) >= 2:
        for i, (start, _end, names) in enumerate(spans):
            stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            piece = text[0 if i == 0 else start : stop]
            pieces.append((piece, tuple(names), _date_in(piece, dates)))
    else:
        only = tuple(spans[0][2]) if spans else ()
        # the Query's clauses are worded without outlets and dates: the dates go to them in order
        clause_texts = [c for c in (getattr(query, "clauses", ()) or ()) if c.strip()] or [text]
        for i, c in enumerate(clause_texts):
            when = dates[i] if len(dates) == len(clause_texts) else (dates[0] if len(dates) == 1 else None)
            pieces.append((c, only, when))
    if getattr(query, "relation", None) in ("before", "after") and len(pieces) == 1:
        # "Was the article about A published before the one about B?": the order word splits it
        piece, names, when = pieces[0]
        m = _ORDER_WORD.search(piece)
        if m is not None:
            pieces = [(piece[: m.start()], names, when), (piece[m.end() :], names, None)]
    if len(pieces) > 1:
        # "..., was there consistency in the portrayal of X?": what is asked of all the reports is
        # no part of the last report's clause (its words stay in the question's shared terms)
        piece, names, when = pieces[-1]
        m = _ASPECT.search(piece)
        if m is not None and m.start() > 0:
            pieces[-1] = (piece[: m.start()], names, when)
    outlet_words = {t for _, names, _ in pieces for name in names for t in content_terms(name)}
    clauses = []
    for piece, names, when in pieces:
        terms = tuple(dict.fromkeys(
            t for t in content_terms(_strip_dates(piece, dates))
            if t not in _REPORT_WORDS and t not in outlet_words and len(t) > 1
        ))
        clauses.append(Clause(text=piece.strip(" ,;?"), sources=names, dates=when, terms=terms))
    if len(clauses) > 1 and not any(c.terms for c in clauses[1:]):
        return clauses[:1]
    return clauses


def _strip_dates(text: str, dates: Iterable[Any]) -> str:
    for d in dates:
        said = getattr(d, "text", "")
        if said:
            text = text.replace(said, " ")
    return text


def _date_in(text: str, dates: Iterable[Any]) -> Any:
    for d in dates:
        said = getattr(d, "text", "")
        if said and said in text:
            return d
    return None


# --- support
def best_support(clause: Clause, query: Any, candidates: Sequence[Any], idf: dict[str, float],
                 exclude: set[tuple[str, int]] = frozenset()) -> Support:  # type: ignore[assignment]
    """The candidate sentence that best states `clause`, from its outlet (and date, when named)."""
    outlets = {t for name in getattr(query, "sources_mentioned", ()) for t in content_terms(name)}
    shared = [t for t in getattr(query, "terms", ())
              if t not in clause.terms and t not in _REPORT_WORDS and t not in outlets]
    weights = _idf_of(clause.terms, idf)
    shared_weights = _idf_of(shared, idf)
    wanted = {s.lower() for s in clause.sources}
    best: tuple[float, int, Any] | None = None
    for rank, c in enumerate(candidates):
        source = (getattr(c.hit, "source", None) or "").lower()
        if wanted and source not in wanted:
            continue
        if c.text.rstrip(" \"'”’)").endswith("?"):
            continue  # "Will Alabama make the Playoff?": a question asks, it states nothing either way
        own = _coverage(weights, c)
        other = _coverage(shared_weights, c) if shared_weights else own
        score = (1 - CLAUSE_SHARED) * own + CLAUSE_SHARED * other if weights else other
        if clause.dates is not None and not clause.dates.contains(c.hit.published_at, DATE_SLACK_DAYS):
            score *= 0.5
        if (c.doc_id, c.start) in exclude:
            score *= 0.9  # two clauses citing one sentence: prefer a second sentence when nearly as good
        key = (score, -rank)
        if best is None or key > best[:2]:
            best = (score, -rank, c)
    if best is None:
        return Support(clause, None, 0.0, False)
    score, _, c = best
    return Support(clause, c, score, agrees=_same_polarity(clause, c.text))


# --- "Did A beat B?": who won, from a final score or a sentence saying who beat whom
# English verbs of winning and losing a contest (a match, a fight, a vote); not any story's words.
_WIN_ASK = re.compile(
    r"^\s*(?:did|does|do|will|has|have|had|was|were|is|are)\s+(?:the\s+)?(?P<a>.+?)\s+"
    r"(?P<verb>beat|defeat|overcome|top|edge|win|won|lose|lost)\b(?P<rest>.*)$", re.IGNORECASE)
_AGAINST = re.compile(r"\b(?:against|over|to|versus|vs\.?)\s+(?:the\s+)?(?P<b>.+)$", re.IGNORECASE)
_NAME_END = re.compile(r"\s+(?:on|in|at|during|by|for|with|last|this|after|before|when|while)\b.*$|[?,.].*$",
                       re.IGNORECASE)
_BEAT = (r"(?:beat|beats|beating|defeat(?:s|ed|ing)?|edge[sd]?|down(?:s|ed)|top(?:s|ped)|overc[oa]me|"
         r"(?:win|victory|triumph)\s+(?:over|against)|knock(?:s|ed)?\s+out|stun(?:s|ned)?)")
_LOSE = r"(?:los(?:e|es|t|ing)\s+to|fell\s+to|falls?\s+to|beaten\s+by|defeated\s+by)"


def _side_key(name: str) -> str:
    """The word a report uses for a side: its last word, a name ("New York Jets" -> "jets", "Ellis Zorro"
    -> "zorro"); "" when the side is no name ("individuals who have lost a parent")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", name)
    return words[-1].lower() if words and words[-1][0].isupper() and words[0][0].isupper() else ""


def contest_sides(question: str) -> tuple[str, str, bool] | None:
    """"Did the New York Jets beat the Kansas City Chiefs on ...?" -> ("jets", "chiefs", True): the side
    asked to have won, the other, and whether the question asks that the first won (False for "lose to")."""
    m = _WIN_ASK.match(question)
    if m is None:
        return None
    verb, rest = m.group("verb").lower(), m.group("rest")
    a = _NAME_END.sub("", m.group("a")).strip()
    if verb in ("win", "won", "lose", "lost"):
        against = _AGAINST.search(rest)
        if against is None:
            return None
        b = against.group("b")
    else:
        b = re.sub(r"^\s*(?:the\s+)?", "", rest)
    b = _NAME_END.sub("", b).strip()
    ka, kb = _side_key(a), _side_key(b)
    if not ka or not kb or ka == kb or len(a.split()) > 5:
        return None
    return ka, kb, verb not in ("lose", "lost")


def contest_result(text: str, ka: str, kb: str) -> tuple[str, int] | None:
    """Which of two sides a sentence says won ("the Blackhawks to a 4-2 win over the Penguins", "Zorro
    lost to Opetaia", "Chiefs 23, Jets 20"), as (winner, rank); None when it does not say. Rank: 10**6 for a
    sentence saying who beat whom, else the score's total (a live report's score may be the half-time one, and
    a game's score only grows, so the largest is the final one)."""
    low = text.lower()
    if not (re.search(rf"\b{re.escape(ka)}\b", low) and re.search(rf"\b{re.escape(kb)}\b", low)):
        return None
    for x, y in ((ka, kb), (kb, ka)):
        if re.search(rf"\b{re.escape(x)}\b[^.;]{{0,60}}?\b{_BEAT}\b[^.;]{{0,30}}?\b{re.escape(y)}\b", low):
            return x, 10**6
        if re.search(rf"\b{re.escape(x)}\b[^.;]{{0,40}}?\b{_LOSE}\b[^.;]{{0,30}}?\b{re.escape(y)}\b", low):
            return y, 10**6
    for x, y in ((ka, kb), (kb, ka)):
        score = re.search(rf"\b{re.escape(x)}\s+(\d+)\s*[,;–-]\s*(?:the\s+)?{re.escape(y)}\s+(\d+)\b", low)
        if score and int(score.group(1)) != int(score.group(2)):
            first, second = int(score.group(1)), int(score.group(2))
            return (x if first > second else y), first + second
    return None


def decided_contest(question: str, candidates: Sequence[Any]) -> tuple[bool, Any] | None:
    """(whether the question's claim holds, the sentence that says who won) for "Did A beat B?",
    "Did A lose to B?", "Did A win ... against B?"; None when it asks no such thing or no sentence says.
    A sentence saying who beat whom is taken first, else the largest score (the final one)."""
    sides = contest_sides(question)
    if sides is None:
        return None
    ka, kb, asks_a_won = sides
    best: tuple[int, str, Any] | None = None
    for c in candidates:
        said = contest_result(c.text, ka, kb)
        if said is not None and (best is None or said[1] > best[0]):
            best = (said[1], said[0], c)
    if best is None:
        return None
    return (best[1] == ka) == asks_a_won, best[2]


def figure_contradicted(support: Support) -> bool:
    """The clause states a figure ("a gross margin of 20%") and its best sentence gives figures of
    that unit, none of them the clause's ("17.9%, down from 25.1%"): the claim is wrong."""
    if support.candidate is None:
        return False
    asked, said = _figures(support.clause.text), _figures(support.candidate.text)
    common = set(asked) & set(said)
    return bool(common) and all(not (asked[unit] & said[unit]) for unit in common)


# "Did X make/score/pass ...?" asks whether an attempt succeeded; its article may say it failed
# without denying any word of the question ("Pineiro's kick was short", "The bill failed").
_SUCCESS_ASK = re.compile(
    r"^\s*(?:did|does|do|will|has|have|had|was|were|is|are)\s+(?P<subject>.+?)\s+"
    r"(?:make|score|hit|convert|land|pass|succeed|complete|qualify|reach|finish|survive|clear)\b", re.IGNORECASE)
_FAILED = re.compile(
    r"\b(?:miss(?:es|ed)?|fail(?:s|ed)?|(?:was|is|came\s+up|c[oa]me\s+up|fell|falls?)\s+short|no\s+good|"
    r"wide\s+(?:right|left)|blocked|unsuccessful|(?:did\s+not|didn['’]t|could\s+not|couldn['’]t)\s+"
    r"(?:make|score|hit|convert|land|pass|succeed|complete|qualify|reach|finish|survive|clear))\b", re.IGNORECASE)


# "Has Pyongyang confirmed its troops are fighting in Ukraine?": the subject, then the asked verb
_SUBJECT_VERB_ASK = re.compile(
    r"^\s*(?i:has|have|had|did|does|do)\s+(?P<subject>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+"
    r"(?:(?:ever|already|yet|publicly|officially|actually)\s+)?(?P<verb>[a-z]{4,})\b(?P<rest>[^?]*)")
RESTRICTION_REACH = 30  # characters between the subject's name and "only <verb>"
RESTRICTED_COVERAGE = 0.5  # below this share of the question's words after the verb, what is said is another thing


def stated_only_otherwise(question: str, support: Support, candidates: Sequence[Any]) -> Support | None:
    """For "Has X confirmed / said / admitted P?": a sentence saying that X *only* did so of something else ("So far,
    Pyongyang has only confirmed that its own troops are on Russian territory") answers No, cited: "only" says
    that nothing more was confirmed. What follows the verb must leave out most of P's words (RESTRICTED_COVERAGE):
    "has only confirmed that its troops are in Russia" does not deny "confirmed its troops are in Russia"."""
    m = _SUBJECT_VERB_ASK.match(question)
    if m is None:
        return None
    subject = {w for w in re.findall(r"[A-Z][\w'’-]+", m.group("subject"))} - {"The"}
    verb = m.group("verb").lower()
    stem = re.sub(r"(?:ed|es|s|d)$", "", verb) if len(verb) > 5 else verb
    asked = [t for t in dict.fromkeys(content_terms(m.group("rest"))) if t not in _REPORT_WORDS]
    if not subject or not asked:
        return None
    restricted = re.compile(rf"\bonly\s+(?:\w+\s+)?{re.escape(stem)}\w*\b|\b{re.escape(stem)}\w*\s+only\b", re.I)
    for c in candidates:
        r = restricted.search(c.text)
        if r is None:
            continue
        if not any(re.search(rf"\b{re.escape(w)}\b", c.text[max(0, r.start() - RESTRICTION_REACH): r.start()])
                   for w in subject):
            continue  # someone else's restriction
        said = frozenset(content_terms(c.text[r.end():]))
        covered = sum(1 for t in asked if _has(t, said)) / len(asked)
        if covered < RESTRICTED_COVERAGE:
            return Support(support.clause, c, support.score, agrees=False)
    return None


# "Is Jane Fraser the CEO of Wells Fargo?": the articles answer by naming who holds the role
_ROLE_ASK = re.compile(
    r"^\s*(?i:is|was|has\s+been)\s+(?P<person>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:the|a|an)\s+"
    r"(?:new\s+|current\s+|former\s+|incoming\s+)?(?P<role>\w[\w-]*(?:\s+\w[\w-]*){0,2}?)\s+(?:of|at|for)\s+"
    r"(?:the\s+)?(?P<place>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})\s*\??\s*$")
ROLE_REACH = 40  # characters between a role word and the name it introduces ("Wells Fargo CEO Charles Scharff")
PLACE_REACH = 25  # characters between the organisation's last word and its role word


def other_holder(question: str, candidates: Sequence[Any]) -> tuple[bool, Any] | None:
    """(whether the person asked about holds the role, the sentence naming the holder) for "Is X the
    R of Y?": a sentence naming R next to Y and a person next to R; X named there is yes, only
    someone else is no. None when the question is not of that form or no sentence names a holder."""
    from qa.answer.mentions import person_mentions

    m = _ROLE_ASK.match(question)
    if m is None:
        return None
    asked = _surname(m.group("person"))
    role = m.group("role").lower()
    # an organisation is written by its first word as often as by its whole name ("Epic" for Epic Games)
    words = re.findall(r"[A-Za-z][\w&'’-]*", m.group("place"))
    place = "|".join(re.escape(w.lower()) for w in dict.fromkeys((words[0], words[-1]))) if words else ""
    if not asked or not place or role in ("same", "one", "first", "last", "only"):
        return None
    other: Any | None = None
    for c in candidates:
        low = c.text.lower()
        for r in re.finditer(rf"\b{re.escape(role)}\b", low):
            # the role is Y's: "Wells Fargo CEO ..." (Y just before it) or "... CEO of Wells Fargo"
            before = low[max(0, r.start() - PLACE_REACH) : r.start()]
            after = low[r.end() : r.end() + PLACE_REACH + 10]
            if not (re.search(rf"\b(?:{place})(?:['’]s)?\W*$", before)
                    or re.match(rf"\s+(?:of|at|for)\s+(?:the\s+)?[^,.;]*?\b(?:{place})\b", after)):
                continue
            people = [p for p in person_mentions(c.text)
                      if p.start <= r.end() + ROLE_REACH and p.end >= r.start() - ROLE_REACH]
            if not people:
                continue
            nearest = min(people, key=lambda p: min(abs(p.start - r.end()), abs(r.start() - p.end)))
            if _surname(nearest.value) == asked:
                return True, c
            other = other or c
    return (False, other) if other is not None else None


def _surname(name: str) -> str:
    words = re.findall(r"[\w'’-]+", name)
    return re.sub(r"['’]s$", "", words[-1].lower()) if words else ""


def failed_attempt(question: str, support: Support, candidates: Sequence[Any]) -> Support | None:
    """For "Did X make/score/pass ...?": a sentence of the best sentence's article that names X (a
    capitalised word of the subject) and says the attempt failed ("Pineiro's kick was short.")."""
    best = support.candidate
    m = _SUCCESS_ASK.match(question)
    if best is None or m is None:
        return None
    names = {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", m.group("subject"))} - {"the"}
    names = {re.sub(r"['’]s$", "", n) for n in names}
    if not names:
        return None
    for c in candidates:
        if c.doc_id != best.doc_id or not _FAILED.search(c.text):
            continue
        words = {re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’-]+", c.text.lower())}
        if names & words:
            return Support(support.clause, c, support.score, agrees=False)
    return None


def denied_elsewhere(support: Support, candidates: Sequence[Any], idf: dict[str, float]) -> Support | None:
    """A sentence of the best sentence's article that denies what the best sentence leaves out.

    "Do the third-gen Echo Frames have a camera?": the sentence that best covers the question names
    the Echo Frames and not a camera; the review's "There's no camera, no screen" denies the part it
    leaves out. A plain question (one clause, no outlet) asks about one thing, which one article tells
    whole; so a denial of a missing clause word in that article, where the words around it still
    touch the clause, answers No. A clause word the best sentence states is never overruled this way.
    """
    best = support.candidate
    if best is None:
        return None
    missing = [t for t in support.clause.terms if not _has(t, best.terms)]
    if not missing:
        return None
    weights = _idf_of(support.clause.terms, idf)
    for c in candidates:
        if c.doc_id != best.doc_id or c is best:
            continue
        denied = denied_terms(c.text)
        hit = [t for t in missing if any(_has(t, frozenset((u,))) for u in denied)]
        # a denial that refers back ("This report remains unverified.") speaks of what the sentence before says
        covered = _coverage(weights, c, getattr(c, "context_terms", frozenset()))
        if hit and covered >= UNSUPPORTED:
            return Support(support.clause, c, covered, agrees=False)
    return None


def _idf_of(terms: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    top = max(idf.values()) if idf else 1.0
    return {t: idf.get(t, top) for t in terms}


def _coverage(weights: dict[str, float], c: Any, referred: frozenset[str] = frozenset()) -> float:
    """Idf-weighted share of the clause's terms in the sentence (with `referred`, the terms of the sentence
    its pronoun points back to) and, at 1 - SENTENCE_SHARE, in its chunk."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    sentence = c.terms | referred
    if c.context_terms:
        # a sentence about what the one before said ("This report remains unverified.") speaks of the word its prefix
        # denies ("verified"): it answers "Has anyone verified it?"
        sentence = sentence | {t[2:] for t in c.terms if t.startswith("un") and len(t) > 6}
    context = c.terms | c.chunk_terms
    got_s = sum(w for t, w in weights.items() if _has(t, sentence))
    got_c = sum(w for t, w in weights.items() if _has(t, context))
    return (SENTENCE_SHARE * got_s + (1 - SENTENCE_SHARE) * got_c) / total


def _has(term: str, terms: frozenset[str]) -> bool:
    """`term` in `terms`, by a shared stem, or in its other spelling ("mobilise" ~ "mobilizing")."""
    for word, stem in _stem_keys(term):
        if word in terms:
            return True
        # a shared stem of 5+ letters: "announce"/"announcement", "defeat"/"defeated"; only words sharing its
        # first five letters can start with it (read by prefix: the same answer, without scanning every word)
        if stem and any(t.startswith(stem) for t in words_sharing_prefix(terms, stem[:5])):
            return True
    return False


@lru_cache(maxsize=8192)
def _stem_keys(term: str) -> tuple[tuple[str, str | None], ...]:
    """`term` and its other spellings, each with the stem `_has` accepts it by (its first 80%, at least five
    letters; none for a word under five), worked out once per term rather than once per sentence tested."""
    return tuple((w, w[: max(5, math.ceil(len(w) * 0.8))] if len(w) >= 5 else None)
                 for w in (term, *spelling_variants(term)))


def _same_polarity(clause: Clause, sentence: str) -> bool:
    """Whether the sentence states the clause with the same polarity.

    A denial counts only where both sides speak of the same thing: the claim's denial ("not
    scheduled", "without a subscription") when the sentence names what is denied and does not deny
    it too; the sentence's denial (a negation just before one of the clause's words) when the claim
    does not deny that word; a contradiction word in the sentence ("fell short", "wrong") when the
    claim has none. A long claim's "without mentioning ..." describes what a report leaves out,
    which no sentence states: it is no denial.
    """
    sentence_terms = frozenset(content_terms(sentence))
    claim_denies = denied_terms(clause.text)
    sentence_denies = denied_terms(sentence)
    for t in claim_denies:
        if _has(t, sentence_terms) and not any(_has(t, frozenset((u,))) for u in sentence_denies):
            return False
    clause_terms = frozenset(clause.terms)
    # a clause word in an inflection, its other spelling or a synonym counts: "mobilise" is denied by "refrains
    # from mobilizing", "change" by "will not significantly alter"; a shared prefix does not ("not consistently
    # candid" denies nothing of "plans consistent with")
    def names_clause_word(t: str, credit: float = SYNONYM_CREDIT) -> bool:
        said = frozenset((t,))
        return t in clause_terms or any(term_match(c, said) >= credit for c in clause_terms)

    if any(t not in claim_denies and names_clause_word(t) for t in sentence_denies):
        return False
    # the verb a negation stands right before may share only its stem with the claim's word: "The Epoch Times isn't
    # audited by the two major collectors" denies "checked by the two big auditors" (an adverb there is no verb:
    # "not consistently candid" denies nothing of "consistent")
    if any(t not in claim_denies and names_clause_word(t, PREFIX_CREDIT) for t in _negated_verbs(sentence)):
        return False
    if _outranked(clause.text, sentence):
        return False
    if _WHOLE.search(clause.text) and _PART.search(sentence) and not _PART.search(clause.text):
        return False  # "occupy the whole of the Kursk region" is denied by "partially occupied by Ukrainian forces"
    if _ASKS_EARLIER_TIMES.search(clause.text) and _FIRST_TIME.search(sentence) and not _FIRST_TIME.search(clause.text):
        return False  # "Had X ever lost to Y before ...?" is denied by "X lost to Y for the first time"
    if _order_reversed(clause.text, sentence):
        return False  # "sent before users had consented" is denied by "sent only after a user had consented"
    return not (_CONTRADICTION.search(sentence) and not _CONTRADICTION.search(clause.text))


# All of a thing against a part of it: a claim about the whole ("occupy the whole of the region", "fully
# operational") is denied by a sentence that says only a part ("partially occupied", "partly operational")
_WHOLE = re.compile(r"\b(?:the\s+whole\s+of|the\s+entire(?:ty\s+of)?|all\s+of\s+the|entirely|completely|fully|"
                    r"totally|wholly)\b", re.I)
_PART = re.compile(r"\b(?:partially|partly|in\s+part|a\s+part\s+of|parts\s+of|a\s+portion\s+of|a\s+section\s+of)\b",
                   re.I)


# Superlatives, with the words that say the same one ("biggest" is "largest"), and the ranks below the top that a
# sentence may give them: "the fourth largest army" denies "the biggest army"
_SUPERLATIVES = {"biggest": "largest", "greatest": "largest", "largest": "largest", "smallest": "smallest",
                 "tiniest": "smallest", "highest": "highest", "tallest": "highest", "lowest": "lowest",
                 "longest": "longest", "shortest": "shortest", "oldest": "oldest", "youngest": "youngest",
                 "richest": "richest", "wealthiest": "richest", "poorest": "poorest", "strongest": "strongest",
                 "weakest": "weakest", "fastest": "fastest", "slowest": "slowest", "best": "best", "worst": "worst"}
_SUPERLATIVE = "|".join(_SUPERLATIVES)
_RANK_BELOW_TOP = (r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                   r"(?:[2-9]|\d\d+)(?:st|nd|rd|th))")
_RANKED = re.compile(rf"\b{_RANK_BELOW_TOP}[\s-]+(?P<word>{_SUPERLATIVE})\b", re.I)
_UNRANKED = re.compile(rf"\b(?<![\w-])(?P<word>{_SUPERLATIVE})\b", re.I)


# a claim that something had happened before a time, and a sentence saying it happened then for the first time
_ASKS_EARLIER_TIMES = re.compile(r"\bever\b[^?]*\b(?:before|previously|prior\s+to)\b|\bpreviously\b", re.I)
_FIRST_TIME = re.compile(r"\bfor\s+the\s+first\s+time\b|\bfirst[-\s]ever\b|\bnever\s+before\b", re.I)


_ORDERED = re.compile(r"\b(?P<word>before|after|prior\s+to)\s+(?P<what>(?:[\w’'-]+\s+){0,3}[\w’'-]+)", re.I)


def _order_reversed(claim: str, sentence: str) -> bool:
    """Whether the claim puts something before (after) an event that the sentence puts after (before) it: the
    same words follow the opposite order word ("before users had consented" / "only after a user had consented")."""
    stated = [(m.group("word").lower() != "after", frozenset(content_terms(m.group("what"))))
              for m in _ORDERED.finditer(sentence)]
    if not stated:
        return False
    for asked in _ORDERED.finditer(claim):
        earlier = asked.group("word").lower() != "after"
        claimed = content_terms(asked.group("what"))
        if any(said_earlier != earlier and any(term_match(t, said) >= 1.0 for t in claimed)
               for said_earlier, said in stated):
            return True
    return False


def _outranked(claim: str, sentence: str) -> bool:
    """Whether the claim gives something the top rank ("the biggest army") that the sentence ranks lower ("the fourth
    largest army"), and the claim ranks it no lower itself."""
    if _RANKED.search(claim):
        return False
    claimed = {_SUPERLATIVES[m.group("word").lower()] for m in _UNRANKED.finditer(claim)}
    return bool(claimed) and any(_SUPERLATIVES[m.group("word").lower()] in claimed for m in _RANKED.finditer(sentence))


# what follows "without"/"not" when a question describes what a report leaves out, not what happened
_REPORTING_VERB = re.compile(r"(?:mention|discuss|specify|specifi|confirm|compar|address|detail|referenc|focus|"
                             r"provid|offer|indicat|report|say|stat|elaborat|explain|includ)\w*$")
_WORD = re.compile(r"[\w’'-]+")


_NOT_ONLY = frozenset("only just merely simply".split())


def _negated_verbs(text: str) -> set[str]:
    """The content terms of the word right after each negation, unless it is an adverb ("not consistently") or the
    sentence goes on to say what did happen ("it didn't release the full model — only a lite version")."""
    tokens = _WORD.findall(text.lower())
    out: set[str] = set()
    for i, tok in enumerate(tokens[:-1]):
        if _NEGATION.fullmatch(tok) and not tokens[i + 1].endswith("ly") and tokens[i + 1] not in _NOT_ONLY and \
                not _CONTRAST & set(tokens[i + 2:]):
            out.update(content_terms(tokens[i + 1]))
    return out


_CONTRAST = frozenset("only but instead rather except".split())


def denied_terms(text: str, window: int = NEGATION_WINDOW) -> set[str]:
    """Content terms at most `window` words after a negation or a contradiction word in `text`."""
    tokens = _WORD.findall(text.lower())
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if _NEGATION.fullmatch(tok):
            following = tokens[i + 1 : i + 1 + window]
            if following and (_REPORTING_VERB.match(following[0]) or following[0] in _NOT_ONLY):
                continue  # "not only sending grenades ... but also": no denial
            if following and following[-1] in _DETERMINERS:
                # "do not reach their target strength": the denied verb's object is denied with it
                following = tokens[i + 1 : i + 1 + window + OBJECT_WORDS]
            for w in following:
                out.update(content_terms(w))
    for m in _CONTRADICTION.finditer(text):
        for w in _WORD.findall(text[m.end():].lower())[:window]:
            out.update(content_terms(w))
    # a word negated by its prefix denies the word: "This report remains unverified" denies "verified"
    for tok in tokens:
        m = _NEGATING_PREFIX.match(tok)
        if m:
            out.update(content_terms(m.group("word")))
    return out


_NEGATING_PREFIX = re.compile(r"^(?:un|non-?)(?P<word>[a-z]{5,}(?:ed|able|ful)|[a-z]{4,}ed|[a-z]{4,}ly)$")


def negated_claim(text: str, plain: bool = True) -> bool:
    """The question's clause says something did not happen ("without", "fail to", "not ...")."""
    if not plain:
        return bool(_CONTRADICTION.search(text))
    return bool(_NEGATION.search(text) or _CONTRADICTION.search(text))


def negated_sentence(sentence: str, terms: Sequence[str], plain: bool = True) -> bool:
    """The sentence denies what the clause's `terms` describe: a contradiction word anywhere, or a
    negation at most NEGATION_WINDOW tokens before one of the terms."""
    if _CONTRADICTION.search(sentence):
        return True
    if not plain:
        return False
    tokens = re.findall(r"[\w’'-]+", sentence.lower())
    wanted = set(terms)
    for i, tok in enumerate(tokens):
        if _NEGATION.fullmatch(tok):
            after = tokens[i + 1 : i + 1 + NEGATION_WINDOW]
            if not wanted or any(_has(t, frozenset(content_terms(w))) for w in after for t in wanted):
                return True
    return False


def _day(iso: str | None) -> date | None:
    if not iso or len(iso) < 10:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


# --- the answer text
def render(decision: Verdict) -> Draft:
    """'Yes.'/'No.' then each clause's supporting sentence, cited, with its outlet and date.

    "Yes. Mark Cohen ... will be the lead attorney [1] (TechCrunch, 2023-10-01). ... [2] (Fortune, 2023-10-04)."
    """
    targets: dict[int, Target] = {}
    lead = decision.option.capitalize() if decision.option else ("Yes" if decision.answer == YES else "No")
    parts = [lead + "."]
    seen: dict[tuple[str, int], int] = {}
    for s in decision.supports:
        c = s.candidate
        if c is None:
            continue
        key = (c.doc_id, c.start)
        if key in seen:
            continue
        n = len(targets) + 1
        seen[key] = n
        targets[n] = Target(doc_id=c.doc_id, chunk_id=c.chunk_id, start=c.start, end=c.end,
                            score=float(getattr(c, "score", s.score)))
        body = c.text.strip()
        end = body[-1] if body and body[-1] in ".!?" else "."
        body = body[:-1].rstrip() if body and body[-1] in ".!?" else body
        # the byline follows the marker, so the claim checked against the quote is the quote alone
        parts.append(f"{body} [{n}]{_byline(c)}{end}")
    return Draft(text=" ".join(parts), targets=targets)


def _byline(c: Any) -> str:
    source = getattr(c.hit, "source", None)
    day = _day(getattr(c.hit, "published_at", None))
    said = ", ".join(x for x in (source, day.isoformat() if day else None) if x)
    return f" ({said})" if said else ""
