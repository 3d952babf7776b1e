"""`qa eval` end to end on the kursk question set against the real sample index."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sample_paths import KURSK_QUESTIONS

pytestmark = pytest.mark.integration

LIMIT = "8"  # enough to cover several types; the full set runs in .ci/run with --check


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def first_run(kursk_index_master, tmp_path_factory, runner):
    from qa.cli.main import app

    out = tmp_path_factory.mktemp("eval") / "run-a"
    result = runner.invoke(app, ["eval", str(KURSK_QUESTIONS), "--index", str(kursk_index_master),
                                 "--out", str(out), "--limit", LIMIT])
    assert result.exit_code == 0, result.output
    return out, result


def test_files_written_and_scored(first_run):
    out, result = first_run
    for name in ("results.jsonl", "report.json", "report.md", "metrics_by_type.png", "latency.png"):
        assert (out / name).stat().st_size > 0, name
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(rows) == int(LIMIT)
    row = rows[0]
    assert set(row["ask"]) >= {"question", "answer", "abstained", "mode", "citations", "passages", "timings_ms"}
    assert row["ask"]["passages"][0]["text"]
    assert {"hits@4", "mrr@10", "accuracy", "citation_recall"} <= set(row["scores"])
    # the support score feeds the threshold calibration; the `qa ask --json` schema stays as it is
    assert all(0.0 <= r["support"] <= 1.0 for r in rows) and "support" not in row["ask"]
    report = json.loads((out / "report.json").read_text())
    assert report["count"] == int(LIMIT) and report["metrics"]["hits@10"] is not None
    assert report["latency"]["total"]["p50"] > 0
    assert "hits@10" in result.stdout


def test_resume_does_not_recompute_existing_rows(first_run, kursk_index_master, tmp_path, runner):
    from qa.cli.main import app

    src, _ = first_run
    out = tmp_path / "resumed"
    out.mkdir()
    rows = (src / "results.jsonl").read_text().splitlines()
    # pre-seed 3 rows with a marker the real service would never write: if they were recomputed,
    # the marker would be gone
    seeded = []
    for line in rows[:3]:
        row = json.loads(line)
        row["ask"]["answer"] = "SEEDED " + row["ask"]["answer"]
        seeded.append(json.dumps(row))
    (out / "results.jsonl").write_text("\n".join(seeded) + "\n")
    result = runner.invoke(app, ["eval", "run", str(KURSK_QUESTIONS), "--index", str(kursk_index_master),
                                 "--out", str(out), "--limit", LIMIT, "--json"])
    assert result.exit_code == 0, result.output
    final = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in final] == [json.loads(line)["id"] for line in rows]
    assert [r["ask"]["answer"].startswith("SEEDED ") for r in final] == [True] * 3 + [False] * (len(rows) - 3)
    report = json.loads(result.stdout)
    assert report["run"]["questions_resumed"] == 3 and report["run"]["questions_computed"] == len(rows) - 3


def test_check_exit_9_on_doctored_baseline_and_compare(first_run, kursk_index_master, tmp_path, runner):
    from qa.cli.main import app

    src, _ = first_run
    report = json.loads((src / "report.json").read_text())
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"tolerance": 0.02, "metrics": {"hits@10": report["metrics"]["hits@10"]}}))
    doctored = tmp_path / "doctored.json"
    doctored.write_text(json.dumps({"tolerance": 0.02, "metrics": {
        "hits@10": report["metrics"]["hits@10"], "mrr@10": report["metrics"]["mrr@10"] + 0.5}}))
    # same folder as the first run: everything resumes, nothing is recomputed
    ok = runner.invoke(app, ["eval", str(KURSK_QUESTIONS), "--index", str(kursk_index_master), "--out", str(src),
                             "--limit", LIMIT, "--check", str(good)])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["eval", str(KURSK_QUESTIONS), "--index", str(kursk_index_master), "--out", str(src),
                              "--limit", LIMIT, "--check", str(doctored)])
    assert bad.exit_code == 9, bad.output
    assert "mrr@10" in bad.stderr and "hits@10" not in bad.stderr.split("fell")[1]

    other = tmp_path / "run-b"
    retrieval = runner.invoke(app, ["eval", str(KURSK_QUESTIONS), "--index", str(kursk_index_master),
                                    "--out", str(other), "--limit", LIMIT, "--retrieval-only"])
    assert retrieval.exit_code == 0, retrieval.output
    cmp = runner.invoke(app, ["eval", "compare", str(src), str(other)])
    assert cmp.exit_code == 0, cmp.output
    assert "hits@10" in cmp.stdout and "accuracy" in cmp.stdout
    deltas = {d["metric"]: d for d in json.loads(runner.invoke(
        app, ["eval", "compare", str(src), str(other), "--json"]).stdout)}
    # same retriever: retrieval-only scores the same passages as the answers
    assert deltas["hits@10"]["delta"] == pytest.approx(0.0)
    assert deltas["accuracy"]["b"] is None
