"""The Generator protocol: one seam for every way of writing an answer (extractive, LLM, fakes).

A generator receives the question and the scored evidence (candidate sentences of the retrieved
chunks, see evidence.py) and returns a `Draft`: answer text with `[n]` markers and what each
marker points to. `compose.compose_answer` then checks every cited claim against its quote,
drops markers that point at nothing, renumbers them and builds the `Citation` objects, so a
generator never has to be trusted with citations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol, runtime_checkable

from qa.answer.citations import Target
from qa.answer.evidence import Evidence

OnToken = Callable[[str], None]


@dataclass(frozen=True)
class Proposal:
    """A candidate answer value: its support (aggregate.py) and the markers citing it in the draft."""

    value: str
    support: float
    markers: tuple[int, ...] = ()


@dataclass
class Draft:
    """An answer before verification.

    `aligned=True`: each marker's target is the exact sentence the claim was taken from
    (extractive). `aligned=False`: markers refer to numbered passages, or are missing, and every
    sentence must be aligned to a supporting sentence afterwards (LLM output).
    """

    text: str
    targets: dict[int, Target] = field(default_factory=dict)
    aligned: bool = True
    abstained: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)
    short_answer: str | None = None  # the value alone ("Sam Bankman-Fried"), when the answer is one
    answer_type: str | None = None
    candidates: list[Proposal] = field(default_factory=list)
    conflict: bool = False  # sources disagree, both sides stated


@runtime_checkable
class Generator(Protocol):
    """Writes a draft answer from evidence. `on_token` receives text as it is produced (streaming)."""

    name: str

    def generate(self, question: str, evidence: Evidence, *, on_token: OnToken | None = None) -> Draft: ...
