"""Where an answerable question's answer is lost: each miss of a question set, put at the first stage
the answering sentence does not pass.

  (a) retrieval: no retrieved chunk (the hits the composer is given) holds an answering sentence;
      `deep rank` says where it sits in a deeper search (rerank depth) or that it is not there at all;
  (b) pooling: a retrieved chunk holds it, but the sentence is not among those the composer scores for
      this question: a hit past the shown ones for a question that does not read wide, a sentence
      dropped as an instruction, or, for a typed answer (aggregate.py), a sentence under POOL_RATIO of
      the best relevance, which aggregation never reads;
  (c) outranked: the composer scored it and answered something else;
  (d) abstained: the composer scored it and declined to answer.

Answering sentences: those overlapping a question's evidence quote (in its article); for a question
without evidence (pages_fresh, some kursk_fresh), every sentence of the index that contains an accepted
answer (or any one part of an answer in parts).

    HF_HUB_OFFLINE=1 .venv/bin/python eval/bench/miss_anatomy.py \\
        --set quiz=eval/datasets/quiz/questions.jsonl:/tmp/ner/mh ... --out eval/bench/miss_anatomy.md
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

STAGES = ("a", "b", "c", "d")
STAGE_NAMES = {"a": "not retrieved", "b": "retrieved, not pooled", "c": "scored, outranked", "d": "abstained"}


@dataclass
class Miss:
    qid: str
    question: str
    stage: str
    detail: str
    answer: str = ""


@dataclass
class SetResult:
    name: str
    answerable: int = 0
    right: int = 0
    misses: list[Miss] = field(default_factory=list)
    compose_ms: list[float] = field(default_factory=list)


def answering_sentences(reader: Any, row: dict[str, Any]) -> set[tuple[str, int]]:
    """(doc_id, sentence start) of the sentences that answer `row` (see the module docstring)."""
    from qa.evaluation.metrics import answer_correct

    found: set[tuple[str, int]] = set()
    for ev in row.get("evidence") or []:
        doc = reader.documents.get(ev["doc_id"])
        if doc is None:
            continue
        words = ev["quote"].replace("\ufeff", " ").replace("\u200b", " ").split()
        pattern = r"[\s\ufeff\u200b]+".join(re.escape(w) for w in words)  # invisible marks in the page text
        for m in re.finditer(pattern, doc.text):
            for s, e in _doc_sentences(reader, ev["doc_id"]):
                if s < m.end() and m.start() < e:
                    found.add((ev["doc_id"], s))
    if found or row.get("evidence"):
        return found
    # an answer in parts ("12,000" and "10,000": two reports) is answered by a sentence stating any one part
    accepted = list(row.get("answers") or []) + [alt for part in row.get("answer_parts") or () for alt in part]
    for doc_id in reader.documents:
        text = reader.documents[doc_id].text
        for s, e in _doc_sentences(reader, doc_id):
            if answer_correct(text[s:e], accepted):
                found.add((doc_id, s))
    return found


def _doc_sentences(reader: Any, doc_id: str) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for r in reader.chunk_doc_rows.get(doc_id, ()):
        for s, e in reader.sentences_of(int(r))[0]:
            spans.add((int(s), int(e)))
    return sorted(spans)


def _holds(hit: Any, targets: set[tuple[str, int]]) -> bool:
    return any(d == hit.doc_id and hit.chunk.start <= s < hit.chunk.end for d, s in targets)


def diagnose(service: Any, row: dict[str, Any], deep: int) -> tuple[str, str]:
    """The stage at which `row`'s answering sentence is lost, and a short detail."""
    import numpy as np

    from qa.answer.aggregate import POOL_RATIO
    from qa.answer.compose import reads_wide
    from qa.answer.evidence import gather
    from qa.answer.extractive import TYPED
    from qa.answer.instructions import without_instructions
    from qa.query import build_query
    from qa.service import _retrieve

    reader, retriever = service._state()
    settings = service.settings
    targets = answering_sentences(reader, row)
    if not targets:
        return "a", "no sentence of the index holds the evidence"
    as_of = date.fromisoformat(row["question_date"]) if row.get("question_date") else None
    info = build_query(row["question"], sources=reader.sources, as_of=as_of,
                       default_year=getattr(retriever, "default_year", None), entity_types=reader.entity_types)
    k = settings.k
    wide = reads_wide(info)
    wanted = max(k, settings.figure_k) if wide else k
    result = _retrieve(retriever, row["question"], wanted, None, info)
    hits = result.hits
    if not any(_holds(h, targets) for h in hits):
        deeper = service.search(row["question"], k=deep).hits
        rank = next((i + 1 for i, h in enumerate(deeper) if _holds(h, targets)), None)
        return "a", f"deep rank {rank}" if rank else f"not in top {deep}"
    evidence = without_instructions(gather(info, hits, reader, np.asarray(result.query_vector, dtype=np.float32),
                                           use_entities=settings.answer_entities))
    used = evidence if wide else evidence.within(k)
    scored = [c for c in used.candidates if (c.doc_id, c.start) in targets]
    if not scored:
        rank = next(i + 1 for i, h in enumerate(hits) if _holds(h, targets))
        return "b", f"hit rank {rank} of {len(hits)}, composer reads {len(used.hits)}"
    best = max(c.relevance for c in used.candidates)
    top = max(scored, key=lambda c: c.relevance)
    position = used.candidates.index(top) + 1
    if info.answer_type in TYPED and top.relevance < POOL_RATIO * best:
        return "b", f"relevance {top.relevance:.2f} < {POOL_RATIO} x best {best:.2f} (typed {info.answer_type})"
    detail = f"sentence rank {position} of {len(used.candidates)}, relevance {top.relevance:.2f}/{best:.2f}"
    if info.answer_type in TYPED:
        from qa.answer.aggregate import aggregate
        from qa.evaluation.metrics import answer_correct

        values = [g.value for g in aggregate(info, used)]
        right = next((i + 1 for i, v in enumerate(values)
                      if answer_correct(v, row["answers"], row.get("answer_parts") or ())), None)
        detail += f"; right value: candidate {right} of {len(values)}" if right else \
            f"; right value not among the {len(values)} {info.answer_type} candidates"
    return "", detail


def run_set(name: str, questions: Path, index: str, settings: Any, deep: int) -> SetResult:
    from qa.evaluation.metrics import answer_correct
    from qa.service import QAService

    service = QAService(settings, index)
    out = SetResult(name)
    for line in questions.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("answers") and not row.get("answer_parts"):
            continue  # a null question: nothing to lose
        out.answerable += 1
        as_of = {"as_of": date.fromisoformat(row["question_date"])} if row.get("question_date") else {}
        answer = service.ask(row["question"], **as_of)
        out.compose_ms.append(answer.timings_ms.get("compose", 0.0))
        if not answer.abstained and answer_correct(answer.answer, row["answers"], row.get("answer_parts") or ()):
            out.right += 1
            continue
        stage, detail = diagnose(service, row, deep)
        if not stage:
            stage = "d" if answer.abstained else "c"
        out.misses.append(Miss(row["id"], row["question"], stage, detail, "" if answer.abstained else answer.answer))
    return out


def render(results: list[SetResult], note: str) -> str:
    import statistics

    lines = ["# Miss anatomy: where an answerable question's answer is lost", "",
             "Made by `eval/bench/miss_anatomy.py` (its docstring defines the stages). " + note, "",
             "| set | answerable | right | (a) not retrieved | (b) not pooled | (c) outranked | (d) abstained "
             "| compose p50 ms |", "|---|---|---|---|---|---|---|---|"]
    total: Counter[str] = Counter()
    for r in results:
        counts = Counter(m.stage for m in r.misses)
        total.update(counts)
        total["answerable"] += r.answerable
        total["right"] += r.right
        p50 = statistics.median(r.compose_ms) if r.compose_ms else 0.0
        lines.append(f"| {r.name} | {r.answerable} | {r.right} | " + " | ".join(str(counts[s]) for s in STAGES)
                     + f" | {p50:.1f} |")
    lines.append(f"| **all** | {total['answerable']} | {total['right']} | "
                 + " | ".join(str(total[s]) for s in STAGES) + " | |")
    for r in results:
        if "holdout" in r.name:
            continue  # a holdout is only counted: its misses are not read to choose a fix
        lines += ["", f"## {r.name}", "", "| id | stage | detail | answer given |", "|---|---|---|---|"]
        for m in sorted(r.misses, key=lambda m: (m.stage, m.qid)):
            given = " ".join(m.answer.split())[:90].replace("|", "/")
            lines.append(f"| {m.qid} | ({m.stage}) {STAGE_NAMES[m.stage]} | {m.detail} | {given} |")
    return "\n".join(lines) + "\n"


VARIANTS_HELP = ("a change to measure beside the shipped code, run in the same process: 'FIELD=INT' of Settings "
                 "(k=12: more passages for every answer), or 'typed-wide' (typed answers aggregated over figure_k "
                 "passages, as figures are); repeatable")


def side_by_side(variants: dict[str, list[SetResult]]) -> str:
    """Right answers, (a)+(b) losses and compose p50 of each set under each variant."""
    import statistics

    names = list(variants)
    lines = ["", "## Side by side (same run)", "",
             "Right answers / lost at (a) or (b) / compose p50 ms, per set and variant.", "",
             "| set | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    sets = [r.name for r in variants[names[0]]]
    for i, name in enumerate(sets + ["**all**"]):
        cells = []
        for v in names:
            rs = variants[v] if name == "**all**" else [variants[v][i]]
            right = sum(r.right for r in rs)
            lost = sum(1 for r in rs for m in r.misses if m.stage in ("a", "b"))
            ms = [t for r in rs for t in r.compose_ms]
            cells.append(f"{right}/{sum(r.answerable for r in rs)} / {lost} / "
                         f"{statistics.median(ms) if ms else 0.0:.1f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="NAME=QUESTIONS:INDEX")
    parser.add_argument("--deep", type=int, default=60, help="depth of the search that ranks a missed chunk")
    parser.add_argument("--variant", action="append", default=[], help=VARIANTS_HELP)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from qa.answer import compose
    from qa.answer.extractive import TYPED
    from qa.settings import Settings

    shipped = compose.reads_wide
    started = time.perf_counter()
    variants: dict[str, list[SetResult]] = {}
    for variant in ["shipped"] + args.variant:
        settings = Settings()
        if variant == "typed-wide":
            compose.reads_wide = lambda query: shipped(query) or query.answer_type in TYPED  # type: ignore
        elif variant != "shipped":
            field_name, value = variant.split("=", 1)
            settings = settings.replace(**{field_name: int(value)})
        results = variants[variant] = []
        for spec in args.set:
            name, rest = spec.split("=", 1)
            questions, index = rest.rsplit(":", 1)
            results.append(run_set(name, Path(questions), index, settings, args.deep))
            print(f"{variant} {name}: {results[-1].right}/{results[-1].answerable}", file=sys.stderr)
        compose.reads_wide = shipped  # type: ignore[assignment]
    text = render(variants["shipped"], f"The shipped settings; {time.perf_counter() - started:.0f} s in all.")
    if args.variant:
        text += side_by_side(variants)
    if args.out:
        args.out.write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
