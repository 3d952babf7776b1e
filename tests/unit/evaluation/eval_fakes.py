"""A fake QAService for the eval tests: canned answers from a script, the evidence at rank 2."""

from __future__ import annotations

from dataclasses import dataclass, field

from qa.errors import InputError
from qa.evaluation.questions import Evidence, Question
from qa.types import Answer, Chunk, Citation, Hit

FACT = "About 10,000 North Korean troops are in Russia."


def _hit(i, text):
    return Hit(chunk=Chunk(chunk_id=f"c{i}", doc_id=f"d{i}", start=0, end=len(text), text=text),
               title=f"t{i}", score=1.0 / (i + 1))


@dataclass
class _Search:
    hits: list
    timings_ms: dict = field(default_factory=lambda: {"embed": 1.0, "dense": 2.0})


class FakeService:
    """Answers from a script: question -> (answer text, abstained); the evidence sits at rank 2."""

    def __init__(self, replies, n_passages=10):
        self.replies = replies
        self.n_passages = n_passages
        self.asked: list[str] = []
        self.searched: list[tuple[str, int]] = []

    def _hits(self, k):
        return [_hit(i, FACT if i == 1 else f"noise {i}") for i in range(k)]

    def ask(self, question, *, mode=None, k=None):
        self.asked.append(question)
        if question == "boom":
            raise InputError("the question is too long", hint="shorten it")
        text, abstained = self.replies[question]
        hits = self._hits(self.n_passages)
        cites = [] if abstained else [Citation(n=1, doc_id="d1", title="t1", chunk_id="c1", start=0, end=len(FACT),
                                               quote=FACT, verified=True, score=0.9)]
        return Answer(question=question, answer=text, abstained=abstained, mode=mode or "extractive",
                      citations=cites, passages=hits, timings_ms={"retrieve": 5.0, "compose": 3.0, "total": 9.0})

    def search(self, query, *, k=None):
        self.searched.append((query, k))
        return _Search(self._hits(k or 8))


QUESTIONS = [
    Question(id="a", question="How many troops?", answers=("10,000",), evidence=(Evidence(FACT),), type="numeric"),
    Question(id="b", question="Who won the election?", type="null"),
    Question(id="c", question="How many tanks?", answers=("50",), evidence=(Evidence("Fifty tanks."),),
             type="numeric"),
]
REPLIES = {"How many troops?": ("About 10,000 troops [1].", False),
           "Who won the election?": ("The indexed articles do not say who won.", True),
           "How many tanks?": ("The indexed articles do not say.", True)}
