"""The sentences an answer may quote, gathered from the retrieved chunks and scored for a question.

Each candidate is one sentence of a hit's chunk, addressed by its character span in the
document's cleaned text (so a citation quote is exactly `document.text[start:end]`). Sentences
shared by overlapping chunks are kept once, from the best-ranked hit.

A sentence's score mixes three signals, each in [0, 1]:

* `dense`: cosine of the query vector with the sentence vector stored at ingest;
* `lexical`: the idf-weighted share of the question's content terms the sentence contains
  (idf from the index's BM25 statistics, so "Pentagon" weighs more than "troops"; a term the
  index has never seen gets the largest idf, which is what makes "killed" or "population"
  sink a question the articles do not answer). A quarter of it comes from the whole chunk,
  because a sentence often leans on its neighbour ("in the region" after "Kursk"). A sentence that
  opens on a pronoun also has the terms of the sentence before ("It will run you $10."), and one
  holding a value of the asked kind has the question's words for that kind ("cost", "live");
* `cue`: 1 when the sentence holds what the question kind asks for (a figure of the asked unit,
  a person's name — by an office title for "who heads X" —, a date, a stated cause), else 0.

`relevance = W_DENSE * dense + W_LEXICAL * lexical` ranks sentences; `W_CUE` is added for
selection. The weights were set on eval/datasets/kursk/questions.jsonl (see abstain.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from qa.answer.mentions import mentions
from qa.answer.money_kinds import of_other_kind
from qa.answer.quantities import Figure, find_figures, near_time_unit, unit_class, written_in
from qa.lexicon import MEMBER_NOUNS, NATION_OF
from qa.answer.question import QuestionInfo, content_terms, same_head, seats_asked, term_match
from qa.ingest.entities import EntitySpan
from qa.types import Document, Hit

W_DENSE = 0.5
W_LEXICAL = 0.5
W_CUE = 0.15
SENTENCE_SHARE = 0.75  # of the lexical score; the rest comes from the sentence's chunk

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_DATE = re.compile(
    rf"\b(?:{_MONTHS})\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|\b(?:1[89]|20)\d\d(?:s)?\b|"
    r"\b(?:last|next|this|early|late|earlier|later)\s+(?:in\s+the\s+)?(?:week|month|year|spring|summer|autumn|fall|winter)\b|"
    r"\b(?:yesterday|today|tomorrow)\b|\b\d{4}s\b|\b(?:\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTHS + r")\b"
)
_NAME = re.compile(
    r"(?<![\w’'])(?:[A-Z][a-z’'\-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z’'\-]+|[A-Z]\.|de|van|von|al|bin))*\s+[A-Z][a-z’'\-]{2,}"
)
# Capitalised words that are rarely people: they keep "North Korean" or "Defense Ministry" from counting as a name.
# Nations and demonyms come from the lexicon; the rest are generic office, institution and calendar words.
_NOT_PERSON = frozenset(
    """North South East West Defense Defence Ministry Department Secretary General President Minister Agency
    Service Intelligence National News Security Council Center Centre White House Army Navy Air Force Forces Far
    Eastern Western Press Deputy Former Peninsula Indo Euro The A An In On At As If But And Last Large Special
    Current Geopolitical Analysts Military Strategic Communications Information January February March April May
    June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday NATO Pacific Atlantic Asian European""".split()
) | frozenset(w.capitalize() for name in NATION_OF for w in name.split()) | frozenset(
    " ".join(w.capitalize() for w in name.split()) for name in NATION_OF
)


@dataclass
class Candidate:
    """One sentence of a retrieved chunk, with its scores for the current question."""

    doc_id: str
    chunk_id: str
    start: int
    end: int
    text: str
    vector: np.ndarray
    hit_rank: int
    hit: Hit
    terms: frozenset[str]
    chunk_terms: frozenset[str]
    dense: float = 0.0
    lexical: float = 0.0
    cue: float = 0.0
    figures: list[Figure] = field(default_factory=list)
    # The entities recognised at ingest inside this sentence, offsets in `text`; None when the index has
    # none stored (then the mention patterns type its values alone).
    entities: list[EntitySpan] | None = None
    # the terms of the sentence before, when this one refers back to it ("It will run you $10."): what its
    # pronoun stands for counts as said here (`refers_back`)
    context_terms: frozenset[str] = frozenset()

    @property
    def relevance(self) -> float:
        return W_DENSE * self.dense + W_LEXICAL * self.lexical

    @property
    def score(self) -> float:
        return self.relevance + W_CUE * self.cue


@dataclass
class Evidence:
    question: QuestionInfo
    candidates: list[Candidate]  # sorted best score first
    idf: dict[str, float]
    documents: Mapping[str, Document]
    hits: list[Hit] = field(default_factory=list)  # as retrieved, best first (the LLM's passages)
    unseen_idf: float = 0.0  # the idf given to a term the index has never seen (term_idf)

    def best(self, n: int = 1) -> list[Candidate]:
        return self.candidates[:n]

    def within(self, n: int) -> "Evidence":
        """The evidence of the first `n` hits only: what `gather` over `hits[:n]` would give (a sentence
        belongs to the best-ranked hit that holds it, so its candidate is the same either way)."""
        return Evidence(self.question, [c for c in self.candidates if c.hit_rank < n], self.idf, self.documents,
                        self.hits[:n], self.unseen_idf)


def unseen_idf(reader: Any) -> float:
    """The idf of a term no chunk holds: the largest there is."""
    bm25 = getattr(reader, "bm25", None)
    n = max(int(getattr(bm25, "n_docs", 0) or len(getattr(reader, "chunks", ()) or ())), 1)
    return math.log1p((n + 0.5) / 0.5)


def term_idf(reader: Any, terms: Sequence[str]) -> dict[str, float]:
    """Chunk-level BM25 idf of each term; terms the index has never seen get the largest idf."""
    bm25 = getattr(reader, "bm25", None)
    n = max(int(getattr(bm25, "n_docs", 0) or len(getattr(reader, "chunks", ()) or ())), 1)
    top = unseen_idf(reader)
    out: dict[str, float] = {}
    for t in terms:
        df = bm25.document_frequency(t) if bm25 is not None else None
        out[t] = top if df is None else math.log1p((n - df + 0.5) / (df + 0.5))
    return out


def coverage(terms: Sequence[str], have: frozenset[str], idf: dict[str, float]) -> float:
    """idf-weighted share of `terms` found in `have` (synonyms and shared stems count partly, see term_match)."""
    total = sum(idf.get(t, 1.0) for t in terms)
    if total <= 0:
        return 0.0
    return sum(idf.get(t, 1.0) * term_match(t, have) for t in terms) / total


def sentence_and_passage_coverage(terms: Sequence[str], said: frozenset[str], wider: frozenset[str],
                                  idf: dict[str, float]) -> tuple[float, float]:
    """(coverage(terms, said, idf), coverage(terms, wider, idf)) for `wider` holding all of `said`, in one pass: a
    term `said` states in full (match 1) `wider` states in full too (`term_match` never falls as the words grow),
    so only the others are matched again. The same sums in the same order: the same floats. It spares a third of
    the answer composer's term matching on MultiHop-RAG (eval/bench/query.md, session 13)."""
    total = sum(idf.get(t, 1.0) for t in terms)
    if total <= 0:
        return 0.0, 0.0
    in_said = [term_match(t, said) for t in terms]
    in_wider = [m if m == 1.0 else term_match(t, wider) for t, m in zip(terms, in_said)]
    return (sum(idf.get(t, 1.0) * m for t, m in zip(terms, in_said)) / total,
            sum(idf.get(t, 1.0) * m for t, m in zip(terms, in_wider)) / total)


def gather(question: QuestionInfo, hits: Sequence[Hit], reader: Any, query_vector: np.ndarray, *,
           use_entities: bool = True) -> Evidence:
    """Candidate sentences of `hits`, scored for `question` and sorted best first. `use_entities`: give each
    the entities stored at ingest (when the index has them), which then type its mentions."""
    seen: set[tuple[str, int]] = set()
    candidates: list[Candidate] = []
    # an age is written of whom the text is about, as "he" or "she" anywhere in the sentence ("Today, aged 32, that
    # is exactly what he is doing"); for other questions, that reading raised the relevance of every sentence about
    # the same person and cost three answers of one article (quiz_more z18-z20, session 10)
    asks_age = question.answer_type == "age"
    quotes_sentences = question.answer_type in _QUOTED_TYPES
    for rank, hit in enumerate(hits):
        row = reader.chunk_row.get(hit.chunk_id)
        if row is None:
            continue
        doc = reader.documents[hit.doc_id]
        a, b = int(reader.sentence_ptr[row]), int(reader.sentence_ptr[row + 1])
        vectors = reader.sentence_vectors[a:b]  # one read for the chunk (a system call each on a large index)
        chunk_terms = frozenset(content_terms(hit.chunk.text + " " + (hit.title or "")))
        chunk_entities = _entities_within(reader, hit) if use_entities else None
        previous = _terms_before_chunk(reader, row, doc)
        asked_before = False
        # an interview's question ends its paragraph and the next paragraph answers it ("You pitched an Iron Man
        # movie?" / "I did, yeah. Somewhere around 2005."): that paragraph's sentences are about what it asks. Only
        # a question put to "you": a subheading asking a question ("Can Alabama still make the Playoff?") heads a
        # paragraph that is about it only loosely, and its words raised wrong answers (quiz_fresh f089, mixed m70)
        answering, last_end, last_asked = frozenset(), None, frozenset()
        for i in range(a, b):
            s, e = int(reader.sentence_spans[i, 0]), int(reader.sentence_spans[i, 1])
            if e <= s:
                continue
            text = doc.text[s:e]
            own = frozenset(content_terms(text))
            if last_end is not None and "\n" in doc.text[last_end:s]:
                answering = last_asked
            entities = None if chunk_entities is None else [x.shifted(s) for x in chunk_entities
                                                            if s <= x.start and x.end <= e]
            name = named_referent(text, doc.text[:s])
            context = frozenset(content_terms(name)) if name else frozenset()
            if (asked_before and quotes_sentences) or refers_back(text, previous) or \
                    (asks_age and _someone_unnamed(text, entities)):
                context |= previous
            context |= answering
            # what a sentence refers back to carries on to the next one that does ("Joe Flacco could only watch. He
            # had just driven the Browns ... In his 16 years in the NFL, ...")
            previous = own | context
            # a question the text asks itself is no statement to quote: the sentence after it answers it ("Does the
            # deployment show Putin's desperation? In fact, the Kremlin ruler is demonstrating his capabilities
            # here."); a value inside it still counts ("What is it about Bedard's shot, though he's just 18?")
            asked_before = _ASKS.search(text) is not None
            last_end, last_asked = e, own if _INTERVIEW_QUESTION.search(text) else frozenset()
            if (asked_before and quotes_sentences) or (hit.doc_id, s) in seen:
                continue
            seen.add((hit.doc_id, s))
            candidates.append(
                Candidate(
                    doc_id=hit.doc_id,
                    chunk_id=hit.chunk_id,
                    start=s,
                    end=e,
                    text=text,
                    vector=vectors[i - a],
                    hit_rank=rank,
                    hit=hit,
                    terms=own,
                    chunk_terms=chunk_terms,
                    entities=entities,
                    context_terms=context,
                )
            )
    idf = term_idf(reader, question.terms)
    initials = acronyms_of(question.entities)
    if candidates:
        dense = np.stack([c.vector for c in candidates]) @ query_vector.astype(np.float32)
        for c, d in zip(candidates, dense):
            c.dense = float(max(d, 0.0))
            c.figures = find_figures(c.text) if question.kind == "quantity" else []
            c.cue = cue(question, c)
            said = c.terms | c.context_terms | answered_type_terms(question, c)
            said |= frozenset().union(*(terms for acronym, terms in initials.items() if acronym in said))
            in_sentence, in_passage = sentence_and_passage_coverage(question.terms, said, said | c.chunk_terms, idf)
            c.lexical = SENTENCE_SHARE * in_sentence + (1 - SENTENCE_SHARE) * in_passage
    candidates.sort(key=lambda c: (-c.score, c.hit_rank, c.start))
    return Evidence(question=question, candidates=candidates, idf=idf, documents=reader.documents, hits=list(hits),
                    unseen_idf=unseen_idf(reader))


_INTERVIEW_QUESTION = re.compile(r"\b(?:you|your|you['’](?:re|ve|d|ll))\b[^?]*\?[\s\"”’']*$", re.I)


def _terms_before_chunk(reader: Any, row: int, doc: Document) -> frozenset[str]:
    """The terms of the sentence right before chunk `row` in its document (empty for a document's first chunk):
    a chunk that opens on "He said ..." refers back across the chunk boundary as it would inside a chunk."""
    first = int(reader.sentence_ptr[row])
    if row == 0 or first == 0 or reader.chunks[row - 1].doc_id != doc.doc_id:
        return frozenset()
    s, e = int(reader.sentence_spans[first - 1, 0]), int(reader.sentence_spans[first - 1, 1])
    if not s < e <= int(reader.sentence_spans[first, 0]):
        return frozenset()  # overlapping chunks: that sentence is this chunk's own
    return frozenset(content_terms(doc.text[s:e]))


def _entities_within(reader: Any, hit: Hit) -> list[EntitySpan] | None:
    """The stored entities of a hit's chunk (document offsets); None for an index without them (or a fake)."""
    within = getattr(reader, "entities_within", None)
    return None if within is None else within(hit.doc_id, hit.chunk.start, hit.chunk.end)


_VALUE_TYPES = frozenset({"percent", "money", "age", "duration", "distance", "organisation", "score"})
# A sentence that opens on a pronoun, or on a leading phrase and then one ("Born in Georgia, she is ..."),
# is about what the sentence before named.
_DEFINITE_OPENING = re.compile(r"^[\s\"“‘'(]*[Tt]he\s+(?P<noun>[a-z][\w-]*)(?:['’]s)?\b")  # lower case: no name
_REFERS_BACK = re.compile(r"^[\s\"“‘'(]*(?:(?P<lead>[^,.;:]{0,60}),\s+)?(?P<pronoun>he|she|it|they|this|these)\b",
                          re.I)
# "The 31-year-old co-founded FTX", "Yet if he has ..., the 27-year-old will be ...": a person called by their age
# alone is the one the text before named (an age before a name, "the 31-year-old Sam Bankman-Fried", names them)
_CALLED_BY_AGE = re.compile(r"\b[Tt]he\s+\d{1,3}-year-old\b(?!\s+[A-Z])")
# "The former “Dawson’s Creek” star, 42, was voted off ...": a sentence that opens on someone described, not
# named, with their age in apposition is about the person the text before named, as one called by their age is
_DESCRIBED_WITH_AGE = re.compile(r"^[\s\"“‘'(]*The\s+(?:[a-z][\w-]*\s+|[“\"‘].{1,40}?[”\"’]\s+){0,4}"
                                r"[a-z][\w-]*(?P<age>,\s+\d{1,3}),")
# "Yet if he has ...", "When she left ...": a pronoun after an opening conjunction
_CONJUNCTION_PRONOUN = re.compile(r"^[\s\"“‘'(]*(?:(?:yet|but|and|so|if|when|while|although|though|as|after|before|"
                                  r"because|since|once|until|now|then|still|later|soon|today|meanwhile)\s+){1,3}"
                                  r"(?:he|she|they)\b", re.I)


# a question the text asks itself: a question's form from its first word to its question mark ("Does the deployment
# show ...?", "Did you go to art school?"), not a sentence that only ends on one ("Gabriel gives Arsenal the lead!???")
_ASKS = re.compile(r"^[\s\"“‘'(]*(?:who|what|when|where|why|how|which|whose|does|do|did|is|are|was|were|can|could|"
                   r"will|would|should|has|have|had)\b[^?]*\?[\s\"”’')]*$", re.I)
_QUOTED_TYPES = frozenset({"description", "reason", "yesno", "list"})  # answered by quoting a sentence
_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.I)


def _someone_unnamed(sentence: str, entities: list[EntitySpan] | None) -> bool:
    """A sentence that speaks of someone as "he" or "she" anywhere and names no person is about the person the text
    before named: "Today, aged 32, that is exactly what he is doing" after "Eylon Levy dreamed about ...". Without
    stored entities, a name is any two capitalised words in a row."""
    if not _PERSONAL_PRONOUN.search(sentence):
        return False
    if entities is None:
        return not re.search(r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+", sentence)
    return not any(x.label == "PERSON" for x in entities)


# a plural noun: "victims", "suspects", "women", "men", "people", "children"; not "news", "class", "virus", "analysis"
_PLURAL = re.compile(r"(?:[^su]s|men|people|children)$")


def refers_back(sentence: str, previous_terms: frozenset[str] = frozenset()) -> bool:
    """Whether `sentence` opens by referring back to the one before ("It will run you 10 keys"). After a
    leading phrase that names something ("As part of Binance's plea, it ..."), "it" and "they" are that
    thing; only "he"/"she" still point back past a named place ("Born in Georgia, she is ..."). A definite
    common noun the sentence before used (`previous_terms`) refers back too: "New York state now has more
    cases ..." then "The state's caseload is 162,000, of whom 7,844 have died."."""
    definite = _DEFINITE_OPENING.match(sentence)
    if definite and previous_terms:
        noun_terms = frozenset(content_terms(definite.group("noun")))
        if noun_terms and noun_terms <= previous_terms:
            return True
        if _PLURAL.search(definite.group("noun")) and not re.search(r"\b[A-Z]", sentence[definite.end():]):
            return True  # "The victims were two women who were 22 and 24": a group the text before spoke of
    if _CONJUNCTION_PRONOUN.match(sentence):
        return True
    m = _REFERS_BACK.match(sentence)
    if m is None:
        return False
    lead = m.group("lead") or ""
    if re.search(r"(?<!^)\b[A-Z]", lead.strip()):
        return m.group("pronoun").lower() in ("he", "she")
    return True


# a proper name of two or more capitalised words ("Aisha's Salon and Spa", "Japanese Red Cross Kobe Hospital")
_PROPER_NAME = re.compile(r"(?:[A-Z][\w’'-]*\s+(?:(?:and|of|for|&)\s+)?)+[A-Z][\w’'-]*")


NAMED_REFERENT_CHARS = 1000  # how far back a person called by their age is looked for


def called_by_age(text: str) -> bool:
    """Whether `text` calls someone by their age alone ("The 34-year-old posted ..."), not before their name."""
    return _CALLED_BY_AGE.search(text) is not None


def described_with_age(sentence: str, start: int) -> bool:
    """Whether the age whose mention begins at `start` (its comma) is of someone the sentence opens by describing,
    not naming ("The former “Dawson’s Creek” star, 42, was voted off ...")."""
    m = _DESCRIBED_WITH_AGE.match(sentence)
    return m is not None and m.start("age") == start


def named_referent(sentence: str, text_before: str) -> str | None:
    """The proper name a sentence's definite opening stands for: "The salon namesake's son runs the business" after
    "Aisha's Salon and Spa was founded ..." is about Aisha's Salon and Spa, the last name before it (in its
    document, `text_before`) that has the opening's noun as one of its words. None when it opens otherwise, or no
    such name was written."""
    age = _CALLED_BY_AGE.search(sentence)
    if (age is not None and not re.search(r"(?<!^)\b[A-Z]", sentence[:age.start()].strip())) or \
            _DESCRIBED_WITH_AGE.match(sentence):
        # the person called by their age is the last one the text before named, or the one its story is about: the
        # name the text has repeated most, the first of equals ("Jose Mourinho has agreed a deal ... Mourinho's
        # representatives ... The Portuguese boss had been sacked by Manchester United ... The 56-year-old said")
        names = list(_PROPER_NAME.finditer(text_before[-NAMED_REFERENT_CHARS:]))
        if not names:
            return None
        last = names[-1].group(0)
        subject = _most_repeated_name(text_before)
        return f"{last} {subject}" if subject and subject != last else last
    definite = _DEFINITE_OPENING.match(sentence)
    if definite is None:
        return None
    noun = definite.group("noun")
    if len(noun) < 3:
        return None
    word = re.compile(rf"\b{re.escape(noun.capitalize())}\b")
    for m in reversed(list(_PROPER_NAME.finditer(text_before))):
        if word.search(m.group(0)):
            return m.group(0)
    return None


def _most_repeated_name(text: str) -> str | None:
    """The proper name whose last word `text` writes most often (a surname, alone or in full), the first of equals;
    not one the text writes after "the" ("the Bulldogs", "the Premier League"): a body, not a person."""
    names = [m.group(0) for m in _PROPER_NAME.finditer(text)]
    counts: dict[str, int] = {}  # a name's last word -> how often the text writes it (0 after "the")
    for name in names:
        last = _last_word(name)
        if last not in counts:  # each word is counted once, however often it is named
            written = re.escape(last)
            counts[last] = 0 if re.search(rf"\b[Tt]he\s+(?:[A-Z][\w’'-]*\s+)*{written}\b", text) else \
                len(re.findall(rf"\b{written}\b", text))
    best = max(counts.values(), default=0)
    return next((n for n in names if counts[_last_word(n)] == best), None) if best > 1 else None


def _last_word(name: str) -> str:
    """A name's last word without its possessive: "Mourinho's" -> "Mourinho"."""
    return name.split()[-1].removesuffix("’s").removesuffix("'s")


_MINOR_WORDS = frozenset("of the and for & on in".split())


def acronyms_of(names: Sequence[str]) -> dict[str, frozenset[str]]:
    """The initials of each name of three or more words ("National Association of Realtors" -> "nar"), with the
    name's terms: news writes a body's name in full once and its initials after ("NAR chief economist Lawrence
    Yun"), so a sentence with the initials holds the name's words."""
    out: dict[str, frozenset[str]] = {}
    for name in names:
        words = [w for w in name.split() if w.lower() not in _MINOR_WORDS]
        if len(words) >= 3 and all(w[:1].isupper() for w in words):
            out["".join(w[0] for w in words).lower()] = frozenset(content_terms(name))
    return out


def answered_type_terms(question: QuestionInfo, c: Candidate) -> frozenset[str]:
    """The question's words that name the kind of answer ("cost", "live": `Query.type_terms`) when the
    sentence holds a value of that kind: "It will run you $10" answers "how much does it cost"."""
    if not question.type_terms:
        return frozenset()
    if c.cue > 0 or (question.answer_type == "place" and mentions(c.text, "place", entities=c.entities)):
        return frozenset(question.type_terms)
    return frozenset()


_CAUSE = re.compile(r"\b(?:because|due\s+to|owing\s+to|as\s+a\s+result|thanks\s+to|caused\s+by|so\s+that|"
                    r"in\s+order\s+to|reasons?\s+(?:is|are|was|were|for|why)|led\s+to|given\s+that|amid|"
                    r"in\s+response\s+to|respond(?:s|ed|ing)?\s+to|(?:prompted|spurred|driven|fueled|fuelled)\s+by|"
                    r"in\s+the\s+wake\s+of|stems?\s+from|so\s+as\s+to|on\s+account\s+of|"
                    # a purpose: "Putin aims to pressure Washington", "is trying to solve this by recruiting abroad"
                    r"aims?\s+to|aimed\s+to|seeks?\s+to|sought\s+to|in\s+a\s+bid\s+to|"
                    r"in\s+an\s+(?:effort|attempt)\s+to|(?:is|are|was|were)\s+trying\s+to|"
                    r"in\s+(?:the\s+)?hopes?\s+(?:of|that)|hoping\s+to|"  # "to give her the CD in hopes of cheering her up"
                    # an explanation offered: "The assumption is that they are creating a training zone"
                    r"(?:the|one)\s+(?:assumption|explanation|idea|thinking|theory|rationale|logic)\s+"
                    r"(?:is|was)\s+that|"
                    # "blacklisted ... for being complicit in ...", "criticised for its handling", "citing safety":
                    # what a deed answers for; "to protect the privacy of ...": what it is for
                    r"for\s+(?:being|having|its|their)|citing|on\s+the\s+grounds\s+that|"
                    r"(?:prioriti[sz]e|protect|ensure|prevent|avoid)\s+the\s+\w+|"
                    # an absence's cause: "Serge Gnabry who is out with a broken arm", "sidelined by a knee injury"
                    r"(?:is|are|was|were|been|remains?|ruled)\s+out\s+(?:with|through|after)|"
                    r"sidelined\s+(?:by|with))\b|"
                    r",\s+(?:as|since)\s", re.I)


def cue(question: QuestionInfo, c: Candidate) -> float:
    """1.0 when the sentence holds the kind of thing the question asks for."""
    if question.answer_type in _VALUE_TYPES:
        # a percentage, an amount of money, an age, a duration, a size, an organisation: its own patterns; an
        # amount the sentence binds to another kind than the one asked ("revenue of $33.6 million" for what a
        # scooter costs) is no amount of the asked kind
        found = mentions(c.text, question.answer_type, entities=c.entities)
        return 1.0 if any(not of_other_kind(question.money_kinds, c.text, m.start, m.end) for m in found) else 0.0
    if question.kind == "quantity":
        return 1.0 if matching_figures(question, c.figures) else 0.0
    if question.kind == "who":
        if not person_names(c.text, question.text):
            return 0.0
        if question.roles:  # "who heads NATO": the person is named by an office title
            return 1.0 if c.terms & set(question.roles) else 0.0
        # "which colonel ...", "the name of the general ...": the person must be described so
        roles = role_terms(question.text)
        return 1.0 if not roles or any(term_match(r, c.terms) > 0 for r in roles) else 0.0
    if question.kind == "when":
        return 1.0 if _DATE.search(c.text) else 0.0
    if question.kind == "why":
        return 1.0 if _CAUSE.search(c.text) else 0.0  # a reason is stated with "because", "due to", ...
    return 0.0


def matching_figures(question: QuestionInfo, figures: Sequence[Figure]) -> list[Figure]:
    """The figures whose unit is the one asked about (same class or same head noun, compatible nationality), but
    not one the question itself writes ("By how much did the shares fall on the day it raised $565 million?")."""
    out = []
    for f in figures:
        if written_in(f.currency + f.text, question.text):
            continue
        if question.unit_class is not None:
            ok = f.unit_class == question.unit_class or same_head(f.head, question.unit_head)
        elif not question.unit_head:
            ok = True  # "How big is the army?": no unit asked, any figure may answer
        else:
            ok = same_head(f.head, question.unit_head)
        ok = ok or (bool(question.unit_head) and counts_asked_otherwise(question, f)) or \
            seats_asked(f.head, question.unit_class) or \
            abbreviates(f.unit.split()[-1] if f.unit else "", question.unit) or _people_of_the_nation(question, f)
        if ok and question.unit_class == "personnel" and question.nationality and f.nationality:
            ok = f.nationality == question.nationality
        if ok and question.unit_class == "time" and not near_time_unit(f.head, question.unit_head):
            ok = False  # "48 hours" does not say for how many years
        if ok and question.unit_mass and not f.is_measure:
            ok = False  # "How much water vapor ...?" is a weight or a volume, not "one such plume's water vapor"
        if ok and _OTHERS.match(f.unit) and not _OTHERS_ASKED.search(question.text):
            ok = False  # "thousands of additional tenants" counts others than those asked about
        if ok:
            out.append(f)
    return out


def _people_of_the_nation(question: QuestionInfo, f: Figure) -> bool:
    """"How many North Koreans ...?" is answered by "several thousand North Korean troops": people of the nation the
    question names by its demonym."""
    return bool(question.nationality) and NATION_OF.get(question.unit.lower()) == question.nationality and \
        f.nationality == question.nationality and f.unit_class in ("personnel", "people")


def abbreviates(head: str, unit: str) -> bool:
    """Whether a figure's noun is the asked unit's initials: "five STIs" for "how many sexually transmitted
    infections", "12 MPs" for "how many members of parliament" (its small words skipped)."""
    words = [w for w in re.findall(r"[A-Za-z]+", unit) if w.lower() not in _SMALL_WORDS]
    short = re.sub(r"['’]?s$", "", head)
    return len(words) >= 2 and short.isupper() and short.lower() == "".join(w[0] for w in words).lower()


_SMALL_WORDS = frozenset("of the and for in on a an to".split())
_OTHERS = re.compile(r"(?:additional|other|extra|further)\b", re.I)
_OTHERS_ASKED = re.compile(r"\b(?:additional|other|extra|further|more|another|else)\b", re.I)


def counts_asked_otherwise(question: QuestionInfo, f: Figure) -> bool:
    """Whether a figure whose own noun is not the asked unit still counts it, as English words it otherwise:

    * the plural possessor the question names: "How many pregnant people's urine samples ...?" and "samples ...
      collected from 9,200 pregnant people" (one sample a person);
    * a measure of the substance asked: "How much gold ...?" and "$100,000 in gold bars", "How much salt ...?"
      and "20 grams (0.7 ounce) of salt";
    * the members of a group the compound counts: "How many jurors ...?" and "the nine-person jury" (a noun that
      starts as the group's does: juror / jury, panelist / panel, councillor / council)."""
    asked = question.unit_head
    if question.unit_possessor and same_head(f.head, question.unit_possessor):
        return True
    if question.unit_mass and f.is_measure and any(same_head(w, asked) for w in f.of_noun.lower().split()):
        return True
    if question.unit_mass and not f.currency and not f.of_noun and unit_class(f.head) in _MASS_MEASURES:
        return True  # "And there was quite a bit of the stuff — about 2,300 tons": a weight of what it refers to
    if f.head in MEMBER_NOUNS and f.of_noun:
        return _same_stem(f.of_noun.split()[-1].lower(), asked.lower())
    return False


_MASS_MEASURES = frozenset({"weight", "liquid"})


def _same_stem(group: str, member: str) -> bool:
    """'jury' / 'jurors', 'panel' / 'panelists': the member noun is the group's, but for its last letter."""
    shared = next((i for i, (a, b) in enumerate(zip(group, member)) if a != b), min(len(group), len(member)))
    return shared >= 3 and shared >= min(len(group), len(member)) - 1


_ROLES = frozenset(
    """general colonel spokesman spokeswoman spokesperson minister secretary analyst expert president commander
    founder head chief official ambassador leader director envoy attaché attache veteran officer adviser advisor
    governor mayor senator professor journalist reporter editor""".split()
)


def role_terms(question: str) -> list[str]:
    """The office nouns a who-question describes its person with ("Which retired colonel ..." -> ["colonel"])."""
    return [t for t in content_terms(question) if t in _ROLES]


def person_names(sentence: str, question: str = "") -> list[str]:
    """Capitalised multi-word names in `sentence` that are not in the question and not place or office words."""
    asked = set(re.findall(r"[\w’'-]+", question.lower()))
    names = []
    for m in _NAME.finditer(sentence):
        words = [w for w in m.group(0).split() if w not in _NOT_PERSON]
        if len(words) >= 2 and not all(w.lower() in asked for w in words):
            names.append(" ".join(words))
    return names


def has_date(text: str) -> bool:
    return _DATE.search(text) is not None
