"""Citation markers as data: parse `[n]` markers, drop the ones that point at nothing, renumber.

All functions are pure. A marker group may be written `[1]`, `[1][2]`, `[1, 2]` or `[1-3]`;
markers are renumbered 1..N in order of first appearance, so the answer reads [1], [2], ...
and the citation list follows the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from qa.ingest.sentences import split_sentences
from qa.types import Citation, Document, Hit

_GROUP = re.compile(r"\s*\[(\d+(?:\s*(?:,|-|–)\s*\d+)*)\]")
_RUN = re.compile(r"(?:\s*\[\d+(?:\s*(?:,|-|–)\s*\d+)*\])+")  # "[1][2, 3]" is one run
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Claim:
    """One sentence of an answer and the markers attached to it."""

    text: str  # without its markers
    markers: tuple[int, ...]


def parse_markers(text: str) -> list[int]:
    """Every marker number in order of appearance, ranges expanded: "a [1][3-4]" -> [1, 3, 4]."""
    out: list[int] = []
    for m in _GROUP.finditer(text):
        out.extend(_numbers(m.group(1)))
    return out


def _numbers(group: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", group):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2:
            a, b = int(bounds[0]), int(bounds[1])
            if a <= b and b - a < 50:
                out.extend(range(a, b + 1))
                continue
        out.extend(int(x) for x in bounds if x)
    return out


def strip_markers(text: str) -> str:
    """`text` without any marker, with the spaces around removed markers tidied."""
    return _tidy(_GROUP.sub("", text))


def rewrite_markers(text: str, mapping: Callable[[int], Sequence[int]]) -> str:
    """Replace every marker group by `[m]...` for the numbers `mapping(n)` returns (none: the marker goes)."""

    def sub(m: re.Match[str]) -> str:
        new: list[int] = []
        for n in (x for g in _GROUP.finditer(m.group(0)) for x in _numbers(g.group(1))):
            for k in mapping(n):
                if k not in new:
                    new.append(k)
        return (" " + "".join(f"[{k}]" for k in new)) if new else ""

    return _tidy(_RUN.sub(sub, text))


def drop_unknown(text: str, valid: set[int]) -> str:
    """Remove markers whose number is not in `valid` (a model citing [7] of five passages)."""
    return rewrite_markers(text, lambda n: [n] if n in valid else [])


def renumber(text: str) -> tuple[str, dict[int, int]]:
    """Renumber markers 1..N by first appearance; returns the new text and {old: new}."""
    order: dict[int, int] = {}
    for n in parse_markers(text):
        if n not in order:
            order[n] = len(order) + 1
    return rewrite_markers(text, lambda n: [order[n]]), order


def split_claims(text: str) -> list[Claim]:
    """Split an answer into sentences; markers right after a sentence end belong to that sentence."""
    claims: list[Claim] = []
    # move markers written after the full stop ("... Kursk. [1] Next") before it, so splitting keeps them
    normalised = re.sub(r"([.!?])((?:\s*\[[\d,\s\-–]+\])+)", r"\2\1", text)
    for start, end in split_sentences(normalised):
        _add_claim(claims, normalised[start:end])
    return claims


def _add_claim(claims: list[Claim], piece: str) -> None:
    piece = piece.strip()
    if not piece:
        return
    markers = tuple(dict.fromkeys(parse_markers(piece)))
    body = strip_markers(piece)
    if body.strip(" .!?"):
        claims.append(Claim(text=body, markers=markers))


_LEAD_IN = re.compile(r"^\s*(?:[A-Z][\w ]{0,30}:\s+)")  # "Reports differ: ", "Sources disagree: "


def marker_claims(text: str) -> list[Claim]:
    """The claim each marker run supports: the text since the previous run or sentence start.

    "Reports differ: A said 1 [1]; B said 2 [2]." -> [("A said 1", (1,)), ("B said 2", (2,))], so a
    list of sources in one sentence is checked item by item.
    """
    claims: list[Claim] = []
    pos = 0
    for m in _RUN.finditer(text):
        piece = text[pos : m.start()]
        # the claim starts after the last sentence end or list separator before the markers
        cut = max(piece.rfind("; "), max((x.end() for x in _SENTENCE_END.finditer(piece)), default=-1) - 1)
        piece = piece[cut + 1 :] if cut >= 0 else piece
        piece = (
            _LEAD_IN.sub("", strip_markers(piece).strip(" ;."))
            if not claims or cut < 0
            else strip_markers(piece).strip(" ;.")
        )
        numbers = tuple(dict.fromkeys(x for g in _GROUP.finditer(m.group(0)) for x in _numbers(g.group(1))))
        if piece:
            claims.append(Claim(text=piece, markers=numbers))
        pos = m.end()
    return claims


def join_claims(claims: Sequence[tuple[str, Sequence[int]]]) -> str:
    """Write sentences back with their markers before the final punctuation: "X happened [1][2]."."""
    parts = []
    for text, markers in claims:
        text = text.strip()
        end = ""
        if text and text[-1] in ".!?":
            text, end = text[:-1].rstrip(), text[-1]
        marks = "".join(f"[{n}]" for n in markers)
        parts.append(f"{text} {marks}{end or '.'}" if marks else f"{text}{end or '.'}")
    return " ".join(parts)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip()


@dataclass(frozen=True)
class Target:
    """What a marker points to: a span of a stored document, reached through one retrieved chunk."""

    doc_id: str
    chunk_id: str
    start: int
    end: int
    score: float = 0.0


def build_citations(
    text: str,
    targets: Mapping[int, Target],
    documents: Mapping[str, Document],
    hits_by_chunk: Mapping[str, Hit],
    verified: Mapping[int, bool] | None = None,
) -> tuple[str, list[Citation]]:
    """Drop markers without a target, renumber 1..N and build one Citation per remaining marker.

    Each citation's `quote` is `documents[doc_id].text[start:end]`, the stored cleaned text, so
    the quote can always be found again at its offsets.
    """
    text = drop_unknown(text, {n for n, t in targets.items() if t.doc_id in documents})
    text, order = renumber(text)
    citations: list[Citation] = []
    for old, new in sorted(order.items(), key=lambda kv: kv[1]):
        t = targets[old]
        doc = documents[t.doc_id]
        if not 0 <= t.start < t.end <= len(doc.text):
            raise ValueError(f"citation span {t.start}:{t.end} is outside document {t.doc_id}")
        hit = hits_by_chunk.get(t.chunk_id)
        citations.append(
            Citation(
                n=new,
                doc_id=t.doc_id,
                title=doc.title,
                chunk_id=t.chunk_id,
                start=t.start,
                end=t.end,
                quote=doc.text[t.start : t.end],
                verified=bool(verified.get(old, False)) if verified else False,
                score=float(t.score),
                source=doc.source if doc.source is not None else (hit.source if hit else None),
                published_at=doc.published_at if doc.published_at is not None else (hit.published_at if hit else None),
            )
        )
    return text, citations
