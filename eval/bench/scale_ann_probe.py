"""Which FAISS index above 200k chunks: recall@10 (after exact re-scoring of 100 candidates), search ms,
serialised size and build time of HNSW-SQ8 and IVF-SQ8 on the scale benchmark's hash vectors.

    EFC=200 EFS=256,512,1024 NPROBES=64,128,256 .venv/bin/python eval/bench/scale_ann_probe.py 100000 hnswsq32,ivfsq1024

Options: hnswsq<M> (IndexHNSWSQ 8-bit, efConstruction $EFC, efSearch each of $EFS), ivfsq<nlist>
(IndexIVFScalarQuantizer 8-bit, nprobe each of $NPROBES), hnswflat (the float32 HNSW of before).
Results are in eval/bench/scale.md ("Which FAISS index above 200k chunks").
"""
import sys, time, json, os, resource
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent)); sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import numpy as np, faiss
import scale as S

n = int(sys.argv[1]); opts = sys.argv[2].split(",")
t = time.time()
pool = S.load_pool()
sentences, svecs, meta, emb = pool
rng = np.random.default_rng(0)
vec = np.zeros((n, S.DIM), np.float32)
titles = {}
for i0 in range(0, n, 50000):
    m = min(50000, n - i0)
    cnt = rng.integers(3, 7, size=m)
    for j in range(m):
        picks = rng.integers(len(sentences), size=cnt[j])
        vec[i0 + j] = svecs[picks].astype(np.float32).sum(0)
    tv = np.stack([emb.embed([meta[k][2]])[0] for k in rng.integers(len(meta), size=m // 8 + 1)])
    vec[i0:i0+m] += np.repeat(tv, 8, 0)[:m]
vec /= np.linalg.norm(vec, axis=1, keepdims=True)
qs = [json.loads(l)["question"] for l in open(S.BENCH / "questions.jsonl")][:200]
Q = emb.embed(qs)
faiss.omp_set_num_threads(2)
flat = faiss.IndexFlatIP(S.DIM); flat.add(vec); _, exact = flat.search(Q, 10); del flat
print(f"n={n} data {time.time()-t:.1f}s", flush=True)

def refine(cand, q):
    out = []
    for i in range(len(q)):
        c = cand[i][cand[i] >= 0]
        s = vec[c] @ q[i]
        out.append(c[np.argsort(-s)[:10]])
    return out

def evaluate(index, name, setter, values, kprime=100):
    faiss.omp_set_num_threads(1)
    for v in values:
        setter(index, v)
        t = time.perf_counter(); _, cand = index.search(Q, kprime); ms = (time.perf_counter() - t) * 1000 / len(Q)
        top = refine(cand, Q)
        rec = np.mean([len(set(top[i]) & set(exact[i])) / 10 for i in range(len(Q))])
        raw = np.mean([len(set(cand[i][:10]) & set(exact[i])) / 10 for i in range(len(Q))])
        print(f"  {name} {v}: recall@10 refined {rec:.4f} (unrefined {raw:.4f}) {ms:.2f} ms/search k'={kprime}", flush=True)
    faiss.omp_set_num_threads(2)

for opt in opts:
    t = time.time()
    if opt.startswith("hnswsq"):
        M = int(opt[6:] or 32)
        idx = faiss.IndexHNSWSQ(S.DIM, faiss.ScalarQuantizer.QT_8bit, M, faiss.METRIC_INNER_PRODUCT)
        idx.hnsw.efConstruction = int(os.environ.get('EFC', 80))
        idx.train(vec); idx.add(vec)
        b = time.time() - t
        size = faiss.serialize_index(idx).size
        print(f"{opt}: build {b:.1f}s size {size/2**20:.0f} MB", flush=True)
        evaluate(idx, opt, lambda i, v: setattr(i.hnsw, "efSearch", v), [int(x) for x in os.environ.get('EFS','256,512,1024').split(',')])
    elif opt.startswith("ivfsq"):
        nlist = int(opt[5:])
        q = faiss.IndexFlatIP(S.DIM)
        idx = faiss.IndexIVFScalarQuantizer(q, S.DIM, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
        sample = vec[np.random.default_rng(1).choice(n, min(n, 64 * nlist), replace=False)]
        idx.train(sample); idx.add(vec)
        b = time.time() - t
        size = faiss.serialize_index(idx).size
        print(f"{opt}: build {b:.1f}s size {size/2**20:.0f} MB", flush=True)
        evaluate(idx, opt, lambda i, v: setattr(i, "nprobe", v), [int(x) for x in os.environ.get('NPROBES','64,128,256').split(',')])
    elif opt == "hnswflat":
        idx = faiss.IndexHNSWFlat(S.DIM, 32, faiss.METRIC_INNER_PRODUCT); idx.hnsw.efConstruction = 80
        idx.add(vec); b = time.time() - t
        print(f"{opt}: build {b:.1f}s", flush=True)
        evaluate(idx, opt, lambda i, v: setattr(i.hnsw, "efSearch", v), [128, 512], kprime=10)
    del idx
print("maxrss MB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
