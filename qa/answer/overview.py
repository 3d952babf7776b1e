"""Summaries and overviews ("Summarize the articles", "What happened in Geneva?"): an extractive
overview, not an abstention.

The sentences of the retrieved passages are scored by

    score = RELEVANCE_WEIGHT * relevance to the question + (1 - RELEVANCE_WEIGHT) * centrality

where centrality is the cosine of a sentence's vector with the mean vector of all candidate
sentences (what most of the passages are about). Sentences are then chosen by maximal marginal
relevance — each next one is the best-scoring sentence that is not close (cosine < `REDUNDANT`) to
one already chosen (`REDUNDANT`; within one article `SAME_ARTICLE_REDUNDANT`), and a second sentence from an article already quoted is passed over while
other articles have one — so the overview spans the articles instead of repeating the lead story.
Each chosen sentence is cited; they are given in the order of their articles' publication dates
(then position), so the overview reads as a sequence of events.

What keeps an overview on its topic and full of facts:

* when the question names a topic, only articles on it are quoted: an article's best sentence must
  reach ARTICLE_RATIO of the best article's (one article on "Binance and its CEO" is summarised from
  its own sentences rather than padded with a loosely related one from another article);
  "Summarize the articles" names none and spans them all;
* a news article states its facts first: the lede (a bonus fading over LEDE_CHARS) and sentences
  giving figures earn a bonus (LEDE_WEIGHT, FIGURE_WEIGHT) over a sentence that is merely central;
* boilerplate ("This article has been updated ...", "Sign up ...") is no sentence of an overview;
* an overview of a topic the articles do not hold ("What happened in Gaza?" over articles that never
  name Gaza) abstains: none of the topic's words occurs in any retrieved sentence.
"""

from __future__ import annotations

import re

import numpy as np

from qa.answer.citations import Target
from qa.answer.evidence import Candidate, Evidence
from qa.answer.protocols import Draft

MAX_SENTENCES = 4
RELEVANCE_WEIGHT = 0.75  # an overview "of the Steam Deck OLED" is about it first, central second
ARTICLE_RATIO = 0.85  # an article is on the topic when its best sentence reaches this share of the best article's
LEDE_CHARS = 1500  # the opening of an article, where a news story states what happened: the bonus fades over it
LEDE_WEIGHT = 0.2
FIGURE_WEIGHT = 0.1  # a sentence with a figure ("$4.3 billion", "50Whr") carries a fact an overview needs
POOL_RATIO = 0.5  # sentences below this share of the best relevance are off the question's topic
REDUNDANT = 0.85  # cosine above which a sentence says what a chosen one of another article says
# Within one article the bar is higher: its sentences share its topic, so a short focused story has them all
# at 0.8-0.92 of each other (a Japan Times story of 6 sentences: its lede at 0.92 of the next), and 0.85 would
# pass over its lede for a lesser sentence; an article rarely states one fact twice.
SAME_ARTICLE_REDUNDANT = 0.95
MIN_CHARS, MAX_CHARS = 50, 400
# a sentence that opens with a conjunction or a pronoun leans on the one before it: out of context in an overview
_LEANS_ON_CONTEXT = re.compile(r"^\W*(?:But|And|Or|So|Yet|He|She|It|They|This|That|These|Those|His|Her|Its|Their|"
                               r"Him|Them|We|Such|Still|However|Meanwhile)\b")  # headlines, captions and run-on paragraphs make poor summary sentences


# words that ask for an overview, not what it is about
_OVERVIEW_WORDS = frozenset(
    """summarize summarise summary summaries overview give tell happened happen happening going gist recap brief
    nutshell short main key points articles article news reports report stories story say new latest""".split()
)
_BOILERPLATE = re.compile(r"\b(?:(?:this|the)\s+(?:article|story|post|page)\s+(?:has\s+been|was|is\s+being)\s+updated|"
                          r"sign\s+up|subscribe\b|newsletter|click\s+here|read\s+more|all\s+rights\s+reserved)",
                          re.IGNORECASE)
_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year dates a sentence; it is no figure


def topic_terms(evidence: Evidence) -> list[str]:
    """The question's words that name what the overview is about ("binance", "ceo"); [] for "Summarize the articles"."""
    return [t for t in getattr(evidence.question, "terms", ()) if t not in _OVERVIEW_WORDS]


def off_topic(evidence: Evidence) -> bool:
    """The question names a topic and no retrieved sentence or passage names any of its words."""
    topic = topic_terms(evidence)
    return bool(topic) and not any(t in c.terms or t in c.chunk_terms for c in evidence.candidates for t in topic)


def overview_sentences(evidence: Evidence, limit: int = MAX_SENTENCES) -> list[Candidate]:
    """The central, diverse sentences of the evidence (see the module docstring)."""
    pool = [c for c in evidence.candidates if MIN_CHARS <= len(c.text.strip()) <= MAX_CHARS
            and not c.text.rstrip().endswith("?") and not _LEANS_ON_CONTEXT.match(c.text)
            and not _BOILERPLATE.search(c.text)]
    if not pool:
        pool = list(evidence.candidates)
    if not pool:
        return []
    top = max(c.relevance for c in pool)
    pool = [c for c in pool if c.relevance >= POOL_RATIO * top]
    if topic_terms(evidence):
        # an overview of a topic quotes the articles about it; "Summarize the articles" quotes them all
        article_best: dict[str, float] = {}
        for c in pool:
            article_best[c.doc_id] = max(article_best.get(c.doc_id, 0.0), c.relevance)
        pool = [c for c in pool if article_best[c.doc_id] >= ARTICLE_RATIO * top]
    vectors = np.stack([np.asarray(c.vector, dtype=np.float32) for c in pool])
    centroid = vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    centrality = vectors @ (centroid / norm)
    best_relevance = max(c.relevance for c in pool) or 1.0
    scores = [RELEVANCE_WEIGHT * c.relevance / best_relevance + (1 - RELEVANCE_WEIGHT) * float(z)
              + LEDE_WEIGHT * max(0.0, 1 - c.start / LEDE_CHARS) + FIGURE_WEIGHT * bool(_FIGURE.search(_YEAR.sub("", c.text)))
              for c, z in zip(pool, centrality)]
    order = sorted(range(len(pool)), key=lambda i: -scores[i])
    chosen: list[int] = []
    quoted: set[str] = set()
    documents = {c.doc_id for c in pool}
    for sweep in (0, 1):  # first one sentence per article, then more if articles run out
        for i in order:
            if len(chosen) >= limit:
                break
            if i in chosen or (sweep == 0 and pool[i].doc_id in quoted and len(quoted) < len(documents)):
                continue
            if any(float(vectors[i] @ vectors[j]) >= (SAME_ARTICLE_REDUNDANT if pool[i].doc_id == pool[j].doc_id
                                                      else REDUNDANT) for j in chosen):
                continue
            chosen.append(i)
            quoted.add(pool[i].doc_id)
    picked = [pool[i] for i in chosen]
    return sorted(picked, key=lambda c: ((c.hit.published_at or "")[:10], c.doc_id, c.start))


def overview_answer(evidence: Evidence) -> Draft | None:
    """Each overview sentence, cited: "A happened [1]. B followed [2]."; None without evidence; an
    abstained draft when the articles do not hold the topic asked about."""
    if off_topic(evidence):
        return Draft(text="", abstained=True)
    picked = overview_sentences(evidence)
    if not picked:
        return None
    targets: dict[int, Target] = {}
    parts = []
    for c in picked:
        n = len(targets) + 1
        targets[n] = Target(doc_id=c.doc_id, chunk_id=c.chunk_id, start=c.start, end=c.end, score=c.score)
        text = c.text.strip()
        end = text[-1] if text[-1] in ".!?" else "."
        body = text[:-1].rstrip() if text[-1] in ".!?" else text
        parts.append(f"{body} [{n}]{end}")
    return Draft(text=" ".join(parts), targets=targets, answer_type="summary")
