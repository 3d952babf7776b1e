"""Score answers on a conflicts set: is the true value stated, are both sides stated and each cited, and do
control topics (no disagreement) get a false "Sources disagree"?

    HF_HUB_OFFLINE=1 .venv/bin/python eval/conflicts_score.py QUESTIONS.jsonl --index INDEX [--out results.jsonl]

A question line has `answers` (spellings of the true value) and `other_side` (spellings of the other value; a
string or a list; empty for a control topic, also marked `control: true`). A side is *stated* when one of its
spellings occurs in the answer as a whole word; it is *cited* when a clause of the answer (split at ";" and at
sentence ends) that states it carries a marker [n] whose quoted passage also contains one of its spellings, so a
side cited only by the other side's passage does not count. Works on eval/datasets/conflicts (one spelling per
side, a string) and eval/datasets/conflicts_fresh.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa.service import QAService  # noqa: E402
from qa.settings import Settings  # noqa: E402

_CLAUSE = re.compile(r";\s+|(?<=[.!?])\s+(?=[A-Z])|(?<=\])\.\s+")
_MARKER = re.compile(r"\[(\d+)\]")


def _spellings(value: object) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]


def _has(text: str, spellings: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text, re.I) for s in spellings)


def side_cited(answer: str, quotes: dict[int, str], spellings: list[str]) -> bool:
    """Some clause states the side and cites a passage that states it too."""
    for clause in _CLAUSE.split(answer):
        if not _has(clause, spellings):
            continue
        if any(_has(quotes.get(int(n), ""), spellings) for n in _MARKER.findall(clause)):
            return True
    return False


def score(row: dict, answer: str, quotes: dict[int, str], conflict: bool) -> dict:
    true, other = _spellings(row["answers"]), _spellings(row.get("other_side"))
    result = {"id": row["id"], "true": _has(answer, true), "true_cited": side_cited(answer, quotes, true),
              "control": not other, "conflict": conflict or "disagree" in answer.lower()}
    if other:
        result["other"] = _has(answer, other)
        result["both"] = result["true_cited"] and side_cited(answer, quotes, other)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--index", required=True)
    parser.add_argument("--out", type=Path, help="write one JSON line per question (scores and answer)")
    args = parser.parse_args()
    service = QAService(Settings(), args.index)
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = []
    for row in rows:
        a = service.ask(row["question"])
        quotes = {c.n: c.quote for c in a.citations}
        r = score(row, a.answer, quotes, a.conflict)
        r["answer"] = a.answer
        results.append(r)
        flags = ("T" if r["true"] else "-") + ("B" if r.get("both") else "-") + ("C" if r["conflict"] else "-")
        print(f"{row['id']} {'ctl' if r['control'] else 'cnf'} {flags} {a.answer[:160]}".replace("\n", " "))
    conflicts = [r for r in results if not r["control"]]
    controls = [r for r in results if r["control"]]
    print(f"conflict topics {len(conflicts)}: true stated {sum(r['true'] for r in conflicts)}, "
          f"both sides stated and cited {sum(r['both'] for r in conflicts)}, "
          f"said to disagree {sum(r['conflict'] for r in conflicts)}")
    if controls:
        print(f"control topics {len(controls)}: true stated {sum(r['true'] for r in controls)}, "
              f"false conflicts {sum(r['conflict'] for r in controls)}")
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")


if __name__ == "__main__":
    main()
