"""Is a cited sentence supported by the passage it cites? A calibrated overlap test.

Three signals, cheapest first:

* `numbers_ok`: every number written in the claim (10,000 == 10000) appears in the quote. A
  claim with a number the quote does not hold is never supported, whatever else matches;
* `overlap`: the share of the claim's content terms (BM25 tokens, light stemming, irregular
  verbs mapped) found in the quote (a synonym counts 0.8, a shared 5-letter stem 0.7);
* `similarity`: cosine of the claim and quote embeddings (only computed when overlap alone
  does not decide, so the extractive path, whose claims are built from the quotes, pays nothing).

Decision (calibrated on hand-made pairs in tests/unit/answer/test_verify.py and on the bundled
Qwen 0.5B's answers to the kursk question set):

    supported = numbers_ok and (overlap >= 0.6 or (overlap >= 0.3 and similarity >= 0.55))

Paraphrases of the quote pass ("the Pentagon said about 10,000 were sent to train" vs the
Pentagon sentence: overlap 0.8); a sentence about the right topic with another figure or an
unrelated claim fails (overlap < 0.3, or a number mismatch).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from qa.answer.quantities import numbers_in
from qa.answer.question import content_terms, term_match

OVERLAP_SURE = 0.6
OVERLAP_MIN = 0.3
SIMILARITY_MIN = 0.55


@dataclass(frozen=True)
class Support:
    overlap: float
    numbers_ok: bool
    similarity: float | None
    supported: bool

    @property
    def score(self) -> float:
        """One number in [0, 1] for ranking alternatives: overlap, averaged with similarity when known."""
        if not self.numbers_ok:
            return 0.0
        return self.overlap if self.similarity is None else 0.5 * (self.overlap + self.similarity)


def overlap(claim: str, quote: str) -> float:
    """Share of the claim's content terms found in the quote (1.0 for a claim with no content terms)."""
    terms = list(dict.fromkeys(content_terms(claim)))
    if not terms:
        return 1.0
    have = frozenset(content_terms(quote))
    return sum(term_match(t, have) for t in terms) / len(terms)


def numbers_match(claim: str, quote: str) -> bool:
    """Every number in the claim is in the quote (as a value: 10,000 == 10000; 1.3 million == 1300000)."""
    wanted = numbers_in(claim)
    if not wanted:
        return True
    have = numbers_in(quote)
    return all(any(abs(w - h) <= 1e-9 * max(1.0, abs(h)) for h in have) for w in wanted)


def check(claim: str, quote: str, similarity: float | None = None) -> Support:
    """Decide support from overlap and numbers, using `similarity` when overlap is in the grey zone."""
    ov = overlap(claim, quote)
    nums = numbers_match(claim, quote)
    if not nums:
        return Support(ov, False, similarity, False)
    if ov >= OVERLAP_SURE:
        return Support(ov, True, similarity, True)
    ok = ov >= OVERLAP_MIN and similarity is not None and similarity >= SIMILARITY_MIN
    return Support(ov, True, similarity, ok)


def needs_similarity(claim: str, quote: str) -> bool:
    """True when the cheap signals do not decide (so an embedding is worth computing)."""
    return numbers_match(claim, quote) and OVERLAP_MIN <= overlap(claim, quote) < OVERLAP_SURE


def check_all(
    pairs: Sequence[tuple[str, str]],
    embedder: Any | None = None,
    quote_vectors: Sequence[np.ndarray | None] | None = None,
) -> list[Support]:
    """Check many (claim, quote) pairs, embedding in one batch only the claims the cheap test leaves open.

    `quote_vectors[i]`, when given, is the stored vector of quote i (saves embedding it again).
    """
    grey = [i for i, (c, q) in enumerate(pairs) if needs_similarity(c, q)]
    sims: dict[int, float] = {}
    if grey and embedder is not None:
        claim_vecs = embedder.embed([pairs[i][0] for i in grey])
        missing = [i for i in grey if quote_vectors is None or quote_vectors[i] is None]
        fresh = dict(zip(missing, embedder.embed([pairs[i][1] for i in missing]))) if missing else {}
        for row, i in enumerate(grey):
            qv = fresh[i] if i in fresh else quote_vectors[i]  # type: ignore[index]
            sims[i] = float(np.dot(claim_vecs[row], qv))
    return [check(c, q, sims.get(i)) for i, (c, q) in enumerate(pairs)]


# --- names: a generated sentence may not bring a name its evidence does not hold
#
# Small models keep the shape of a passage and swap its names ("Mark Rutte is the Secretary General
# of the United Nations" from a passage saying NATO): overlap, numbers and cosine all pass such a
# sentence. So every named entity of a generated sentence must be found in the sentence it is aligned
# to. Names are capitalised spans (no NER model: spaCy is too slow to import on the query path):
# runs of capitalised words, joined by "of"/"the"/"de"/..., that do not start the sentence unless they
# are two words or more ("Mark Rutte is ...") or an acronym ("NATO said ..."), since a lone capital
# at the start is just the sentence's first word.

_TOKEN = re.compile(r"[^\W_](?:[\w’'.\-]*[^\W_])?", re.UNICODE)
_CONNECTORS = frozenset("of the de del della der van von al el bin ibn la le du da dos y".split())
_OPENERS = frozenset("according although however meanwhile while when after before since if as".split())
_APOSTROPHE_S = re.compile(r"['’]s$", re.IGNORECASE)


def _fold(word: str) -> str:
    """'Zelenskyy’s' -> 'zelenskyy'; accents dropped ('Müller' == 'Muller')."""
    word = _APOSTROPHE_S.sub("", word)
    word = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in word if not unicodedata.combining(ch)).lower()


def _words(text: str) -> list[str]:
    """Folded words, hyphens and dots split ('secretary-general' -> 'secretary', 'general'; 'U.S.' -> 'u', 's')."""
    return [w for token in _TOKEN.findall(text) for w in re.split(r"[.\-]+", _fold(token)) if w]


def _is_capitalised(token: str) -> bool:
    return token[0].isupper()


def _looks_like_acronym(token: str) -> bool:
    """'NATO', 'McDonald', 'F-16', 'iPhone': more than a first capital, so never just a sentence's first word.

    A token starting with a digit is a number, checked by `numbers_match`, not a name."""
    if token[0].isdigit():
        return False
    return sum(ch.isupper() for ch in token) >= 2 or any(ch.isdigit() for ch in token) or (
        token[0].islower() and any(ch.isupper() for ch in token))


def named_entities(sentence: str) -> list[str]:
    """The capitalised spans of a sentence that name something: people, organisations, places, titles."""
    tokens = list(_TOKEN.finditer(sentence))
    spans: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # connectors waiting for the next capitalised word
    for i, tok in enumerate(tokens):
        word = tok.group()
        gap = sentence[tokens[i - 1].end() : tok.start()] if i else ""
        if current and gap.strip():  # punctuation between words ends a name
            spans.append(current)
            current, pending = [], []
        if _is_capitalised(word) or _looks_like_acronym(word):
            current += pending + [tok]
            pending = []
        elif current and word.lower() in _CONNECTORS:
            pending.append(tok)
        else:
            if current:
                spans.append(current)
            current, pending = [], []
    if current:
        spans.append(current)
    from qa.retrieval.bm25 import STOPWORDS

    names = []
    for span in spans:
        words = [t.group() for t in span]
        at_start = span[0].start() == tokens[0].start()
        if at_start:
            while words and (words[0].lower() in STOPWORDS or words[0].lower() in _OPENERS):
                words = words[1:]
            if len(words) == 1 and not _looks_like_acronym(words[0]) and len(span) == 1:
                continue  # the sentence's first word, capitalised because it comes first
        while words and words[-1].lower() in _CONNECTORS:
            words = words[:-1]
        if words and not all(w.lower() in STOPWORDS for w in words):
            names.append(" ".join(words))
    return names


def _same_word(a: str, b: str) -> bool:
    """Equal, or one a form of the other ('Russia'/'Russian', 'Ukraine'/'Ukrainian', 'Korea'/'Koreans')."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= 5 and common >= 0.8 * min(len(a), len(b))


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _CONNECTORS)


def _found(name: str, text: str) -> bool:
    """Is `name` in `text`: as a phrase, word by word among its capitalised words, or as an acronym?"""
    wanted = [w for w in _words(name) if w not in _CONNECTORS]
    if not wanted:
        return True
    words = _words(text)
    if " " + " ".join(_words(name)) + " " in " " + " ".join(words) + " ":
        return True
    capitalised = [w for token in _TOKEN.findall(text) if _is_capitalised(token) or _looks_like_acronym(token)
                   for w in _words(token)]
    if all(any(_same_word(w, c) for c in capitalised) for w in wanted):
        return True
    acronyms = {_fold(t) for t in _TOKEN.findall(text) if t.isupper() and len(t) >= 2}
    if len(wanted) >= 2 and _initials(wanted) in acronyms:  # "United Nations" for "UN"
        return True
    if len(wanted) == 1 and name.isupper() and len(wanted[0]) >= 2:  # "NATO" for "North Atlantic Treaty Organization"
        return any(_initials(_words(span)) == wanted[0] for span in named_entities(text))
    return False


def missing_names(claim: str, sentence: str, context: str = "", labels: Sequence[str] = (),
                  nearby: str = "") -> list[str]:
    """The names of `claim` that its aligned `sentence` does not hold.

    A name is also accepted when `nearby` (the sentences just before and after, which a model
    folds into one sentence: "Ukraine's Defense Minister, Rustem Umerov, ..." then "Umerov
    anticipates ...") holds it; when `context` (the whole passage) holds it and the sentence holds
    one of its words ("Mark Rutte" when the sentence says "Rutte"); or when it is one of `labels`
    (the article's outlet or title: "Reuters reported ...").
    """
    return unsupported_names(named_entities(claim), sentence, context, labels, nearby)


def unsupported_names(names: Sequence[str], sentence: str, context: str = "", labels: Sequence[str] = (),
                      nearby: str = "") -> list[str]:
    """`missing_names` for names already extracted (align.py extracts a claim's names once)."""
    missing = []
    sentence_words = set(_words(sentence))
    for name in names:
        if _found(name, sentence) or (nearby and _found(name, nearby)):
            continue
        if context and sentence_words & set(_words(name)) and _found(name, context):
            continue
        if any(label and _found(name, label) for label in labels):
            continue
        missing.append(name)
    return missing


def names_match(claim: str, sentence: str, context: str = "", labels: Sequence[str] = (), nearby: str = "") -> bool:
    """Every named entity of the claim is found in its sentence (see `missing_names`)."""
    return not missing_names(claim, sentence, context, labels, nearby)
