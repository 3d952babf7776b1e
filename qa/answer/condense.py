"""Turn a follow-up ("and how many did the Pentagon say?") into a standalone question.

`rewrite_followup` is deterministic and needs no model: it borrows the topic of the previous
user question (itself rewritten first, so chains of follow-ups work):

* "how many did the Pentagon say?" -> the previous question's counted noun is put back:
  "How many North Korean troops did the Pentagon say?";
* "what about the Pentagon?" / "and according to Umerov?" -> the previous question, qualified:
  "How many North Korean troops are in Kursk, according to the Pentagon?";
* pronouns ("when did they arrive?") -> the previous topic ("When did North Korean troops arrive?");
* a question too short to stand alone gets the previous topic appended.

A question that already stands alone is returned unchanged (apart from whitespace).
`rewrite_followup_llm` asks a chat model with prompts/condense.txt instead (llm mode).

Cost: each earlier user turn is rewritten once, oldest first, against the rewritten turn before it
(linear in the turns), and only the last `RECENT_TURNS` turns, each cut to `TURN_CHARS`, are read:
a follow-up refers to the recent conversation, and a long chat must not cost more than a short one.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from qa.answer.question import analyse, content_terms
from qa.lexicon import UNIT_CLASSES

_LEADING = re.compile(r"^(?:(?:and|but|so|also|ok|okay|then|well)\b[,\s]*)+", re.IGNORECASE)
_WHAT_ABOUT = re.compile(r"^(?:what|how)\s+about\s+(?P<rest>.+?)\??$", re.IGNORECASE)
_ACCORDING = re.compile(r"^(?:according\s+to|per|says?|said)\s+(?P<who>.+?)\??$", re.IGNORECASE)
_BARE_COUNT = re.compile(
    r"^(?P<how>how\s+(?:many|much))\s+(?=(?:did|do|does|are|is|were|was|have|has|had|will|would|"
    r"could|can|according)\b)",
    re.IGNORECASE,
)
_PRONOUNS = re.compile(r"\b(?P<p>they|them|their|theirs|it|its|these|those|he|she|him|his|her)\b", re.IGNORECASE)
# A topic is a run of capitalised words, or capitalised words ending in a plural noun for a group of
# people from the lexicon ("North Korean troops", "Brazilian fans"): what a pronoun refers back to.
_GROUP_NOUNS = sorted(
    (w for w in UNIT_CLASSES["personnel"] | UNIT_CLASSES["people"] if w.endswith("s") and w.isalpha()),
    key=len, reverse=True,
)
_TOPIC_NP = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*(?:[A-Z][\w'’.-]*|(?:" + "|".join(_GROUP_NOUNS) + r")\b)")
_QUALIFIED = re.compile(r"(?:,\s+according\s+to\s+[^,?()]+|\s+\([^()]*\))$", re.IGNORECASE)
_STANDALONE_TERMS = 3
_BARE_WH = re.compile(r"^(why|when|where|who|how)\s*\??$", re.IGNORECASE)


RECENT_TURNS = 16
"""Earlier turns read to rewrite a follow-up: a chain of follow-ups longer than this is rare (a new
topic starts with a question that stands alone), and the bound keeps a 50-turn chat as cheap as a
16-turn one (about 0.3 ms per turn)."""
TURN_CHARS = 1_000
"""Each earlier turn is cut to this many characters (a question is at most a couple of hundred)."""


def recent_turns(history: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The turns a rewrite reads: the last `RECENT_TURNS`, each side cut to `TURN_CHARS` characters."""
    return [(user[:TURN_CHARS], assistant[:TURN_CHARS]) for user, assistant in list(history)[-RECENT_TURNS:]]


def rewrite_followup(question: str, history: Sequence[tuple[str, str]]) -> str:
    """A standalone form of `question` given earlier (user, assistant) turns."""
    q = " ".join(question.split())
    if not history or not q:
        return q
    return rewrite_against(q, _standalone_history(recent_turns(history)))


def rewrite_against(question: str, previous: str) -> str:
    """One rewrite step: `question` made standalone given the previous (already standalone) question."""
    q = " ".join(question.split())
    if not previous or not q:
        return q
    body = _LEADING.sub("", q).strip()
    had_lead = body != q
    topic = _topic(previous)

    m = _WHAT_ABOUT.match(body) or _ACCORDING.match(body)
    if m:
        qualifier = (m.groupdict().get("rest") or m.groupdict().get("who") or "").strip()
        # "what about X?" after "what about Y?" replaces Y: qualifiers must not pile up over a chat
        base = _QUALIFIED.sub("", previous.rstrip(" ?"))
        return f"{base}, according to {qualifier}?" if _is_source(qualifier) else f"{base} ({qualifier})?"
    m = _BARE_COUNT.match(body)
    if m:
        unit = analyse(previous).unit or topic
        if unit:
            return _capitalise(f"{m.group('how')} {unit} {body[m.end() :]}")
    if topic and _PRONOUNS.search(body) and not _has_own_topic(body, topic):
        return _capitalise(_PRONOUNS.sub(lambda p: _replace_pronoun(p.group("p"), topic), body, count=1))
    m = _BARE_WH.match(body)
    if m:
        return f"{m.group(1).capitalize()} ({previous.rstrip(' ?')[0].lower() + previous.rstrip(' ?')[1:]})?"
    own_entity = bool(_TOPIC_NP.search(body.split(" ", 1)[1])) if " " in body else False
    if (had_lead or len(content_terms(body)) < _STANDALONE_TERMS) and not own_entity:
        if topic and topic.lower() not in body.lower():
            return _capitalise(f"{body.rstrip(' ?')} about {topic}?")
    return _capitalise(body) if had_lead else q


def _standalone_history(history: Sequence[tuple[str, str]]) -> str:
    """The last user question, rewritten against the turns before it: one rewrite per turn, oldest first."""
    standalone = ""
    for user, _ in history:
        if user and user.strip():
            standalone = rewrite_against(user, standalone)
    return standalone


def _topic(question: str) -> str:
    """What the question is about: its counted unit, else its first capitalised phrase after the first word."""
    info = analyse(question)
    if info.unit:
        return info.unit
    words = question.split(" ", 1)
    rest = words[1] if len(words) > 1 else ""
    m = _TOPIC_NP.search(rest)
    return m.group(0).strip() if m else ""


def _is_source(text: str) -> bool:
    return bool(re.match(r"^(?:the\s+)?[A-Z]", text.strip())) and len(text.split()) <= 6


def _has_own_topic(body: str, topic: str) -> bool:
    return any(t in content_terms(body) for t in content_terms(topic))


def _replace_pronoun(pronoun: str, topic: str) -> str:
    low = pronoun.lower()
    if low in ("their", "theirs", "its", "his", "her"):
        return topic + ("'" if topic.endswith("s") else "'s")
    return topic


_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
READABLE_CHARS = 160
"""A rewrite longer than this is a pile-up of earlier turns more than a question a person would ask."""


def reads_well(standalone: str, question: str) -> bool:
    """Whether the rewritten question is worth showing to the user as "searching for: ...".

    The rewrite is always used for retrieval; it is shown only when it reads as a question a person
    would type: not longer than `READABLE_CHARS`, no bracketed aside the user did not write, at most
    one "according to", and no word written twice in a row.
    """
    text = " ".join(standalone.split())
    if not text or text == " ".join(question.split()):
        return False
    if len(text) > READABLE_CHARS:
        return False
    if text.count("(") > question.count("("):
        return False
    if text.lower().count("according to") > 1:
        return False
    return not _DOUBLED_WORD.search(text)


def _capitalise(text: str) -> str:
    text = text.strip()
    if not text.endswith("?"):
        text += "?"
    return text[0].upper() + text[1:] if text else text


def rewrite_followup_llm(question: str, history: Sequence[tuple[str, str]], chat_model: Any, prompt: Any) -> str:
    """The llm-mode variant: a chat model rewrites the follow-up with prompts/condense.txt.

    Falls back to the deterministic rewrite when the model returns nothing usable.
    """
    q = " ".join(question.split())
    if not history:
        return q
    lines = []
    for user, assistant in recent_turns(history)[-3:]:
        lines.append(f"User: {' '.join(user.split())}")
        if assistant:
            lines.append(f"Assistant: {' '.join(assistant.split())[:400]}")
    system, user = prompt.render(history="\n".join(lines), question=q)
    from langchain_core.messages import HumanMessage, SystemMessage

    reply = chat_model.invoke(
        [SystemMessage(content=system), HumanMessage(content=user)] if system else [HumanMessage(content=user)]
    )
    text = " ".join(str(getattr(reply, "content", reply)).split()).strip().strip('"')
    first = text.split("\n")[0].strip()
    if not first or len(first) > 300 or not first.endswith("?"):
        return rewrite_followup(question, history)
    return first
