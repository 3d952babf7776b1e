"""A sibling of what the question names: "the Nobel Prize in medicine" for "the Nobel Prize in Literature".

A near-miss question names something the articles almost cover: the prize of another field, the cup of another
competition. Its best sentence then repeats most of the question's named phrase and puts another word in the
place of the one it leaves out ("Karikó and Weissman won the Nobel Prize in medicine" for "Who won the 2023
Nobel Peace Prize?"). That sentence states a value of the asked type about another thing, and the value is no
answer. `names_a_sibling` reads this from the question's text and the sentence alone.

A phrase is a run of capitalised words, joined by "in", "of" or "for" ("Nobel Prize in Literature"). The sentence
names a sibling of it when it writes at least two of the phrase's words (its anchor), not all of them, and right
after the anchor another capitalised word, or "in / of / for" and a word the question does not have ("Nobel Prize
in medicine"), or a capitalised word in between its words ("Nobel Medicine Prize"). A sentence that only leaves a
word out ("won the peace prize") names no sibling.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PHRASE = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:in|of|for)\s+)?[A-Z][\w’'-]*)+")
_WORD = re.compile(r"[\w-]+(?:[’'](?!s\b)[\w-]+)*")  # a possessive "'s" is no part of the word
_LINKS = frozenset({"in", "of", "for", "the"})
_CORPORATE_SUFFIXES = frozenset("inc ltd llc plc corp corporation co company group holdings sa ag gmbh nv".split())


@lru_cache(maxsize=256)
def question_phrases(question: str) -> tuple[tuple[str, ...], ...]:
    """The question's named phrases, each as its lower-case words without the linking ones; the question's first
    word (capitalised as every sentence's) is no name."""
    first = re.match(r"\s*\w+", question)
    start = first.end() if first else 0
    out = []
    for m in _PHRASE.finditer(question, start):
        words = tuple(w.lower() for w in _WORD.findall(m.group(0)) if w.lower() not in _LINKS and len(w) > 1)
        if len(words) >= 2:
            out.append(words)
    return tuple(out)


def names_a_sibling(question: str, sentence: str) -> bool:
    """Whether `sentence` names a sibling of one of the question's named phrases (module docstring)."""
    phrases = question_phrases(question)
    if not phrases:
        return False
    asked = {w.lower() for w in _WORD.findall(question)}
    tokens = [(m.group(0), m.start()) for m in _WORD.finditer(sentence)]
    lower = [t.lower() for t, _ in tokens]
    for phrase in phrases:
        present = [w for w in phrase if w in lower]
        if len(present) < 2 or len(present) == len(phrase):
            continue
        for i, word in enumerate(lower):
            if word != present[0]:
                continue
            # the anchor: the phrase's present words, in order, with at most one other word between each two
            j, k, gap_words = i, 1, []
            while k < len(present) and j + 1 < len(lower):
                if lower[j + 1] == present[k]:
                    j, k = j + 1, k + 1
                elif j + 2 < len(lower) and lower[j + 2] == present[k]:
                    gap_words.append(tokens[j + 1][0])
                    j, k = j + 2, k + 1
                else:
                    break
            if k < len(present):
                continue
            if any(w[:1].isupper() and w.lower() not in asked for w in gap_words):
                return True  # "Nobel Medicine Prize"
            after = lower[j + 1: j + 3]
            if after and after[0] in ("in", "of", "for") and len(after) > 1 and after[1] not in asked and \
                    len(after[1]) > 3:
                return True  # "Nobel Prize in medicine"
            if j + 1 < len(tokens) and tokens[j + 1][0][:1].isupper() and lower[j + 1] not in asked and \
                    lower[j + 1] not in _CORPORATE_SUFFIXES:
                return True  # "Nobel Prize Medicine" (not "Yearout Mechanical Inc.": the same company)
    return False
