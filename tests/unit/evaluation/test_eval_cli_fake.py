"""`qa eval` command wiring against a fake QAService (fast; the real index is in tests/integration)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from qa.cli.main import app
from eval_fakes import REPLIES, FakeService  # same folder (pytest's rootdir-relative sys.path)

QUESTIONS = [
    {"id": "a", "question": "How many troops?", "answers": ["10,000"],
     "evidence": [{"quote": "About 10,000 North Korean troops are in Russia."}], "type": "numeric"},
    {"id": "b", "question": "Who won the election?", "answers": [], "evidence": [], "type": "null"},
]


@pytest.fixture
def fake_service(monkeypatch, tmp_path):
    import qa.service

    class _Fake(FakeService):
        def __init__(self, settings, index=None):
            super().__init__(REPLIES)
            self.index_path = tmp_path / "indexes" / str(index)

        def info(self):
            return {"generation": "g1"}

    monkeypatch.setattr(qa.service, "QAService", _Fake)
    monkeypatch.setenv("QA_INDEXES_DIR", str(tmp_path / "indexes"))
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n{broken\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("prefix", [["eval"], ["eval", "run"]])
def test_plain_and_run_forms(fake_service, tmp_path, prefix):
    out = tmp_path / "run"
    result = CliRunner().invoke(app, [*prefix, str(fake_service), "--index", "kursk", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "line 3" in result.stderr  # the malformed line is reported, the rest runs
    assert "hits@10" in result.stdout
    for name in ("results.jsonl", "report.json", "report.md", "metrics_by_type.png", "latency.png", "run.json"):
        assert (out / name).exists(), name
    report = json.loads((out / "report.json").read_text())
    assert report["count"] == 2 and report["metrics"]["accuracy"] == 1.0


def test_check_exit_9_and_compare(fake_service, tmp_path):
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"tolerance": 0.01, "metrics": {"accuracy": 1.0, "hits@10": 1.0}}))
    runner = CliRunner()
    ok = runner.invoke(app, ["eval", str(fake_service), "-i", "x", "--out", str(tmp_path / "a"), "--check", str(base)])
    assert ok.exit_code == 0, ok.output
    base.write_text(json.dumps({"tolerance": 0.01, "metrics": {"accuracy": 1.0, "mrr@10": 0.9}}))
    bad = runner.invoke(app, ["eval", str(fake_service), "-i", "x", "--out", str(tmp_path / "b"), "--check", str(base)])
    assert bad.exit_code == 9
    assert "mrr@10: 0.5000 vs baseline 0.9000" in bad.stderr
    cmp = runner.invoke(app, ["eval", "compare", str(tmp_path / "a"), str(tmp_path / "b"), "--json"])
    assert cmp.exit_code == 0, cmp.output
    deltas = {d["metric"]: d["delta"] for d in json.loads(cmp.stdout)}
    assert deltas["accuracy"] == 0.0
    table = runner.invoke(app, ["eval", "compare", str(tmp_path / "a"), str(tmp_path / "b")])
    assert table.exit_code == 0 and "accuracy" in table.stdout


def test_usage_errors(fake_service, tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "question set not found" in r.stderr
    r = runner.invoke(app, ["eval", str(fake_service), "--out", str(tmp_path / "o"), "--k-values", "4,x"])
    assert r.exit_code == 2 and "--k-values" in r.stderr
    r = runner.invoke(app, ["eval", "compare", str(tmp_path / "nope"), str(tmp_path / "nope2")])
    assert r.exit_code == 2
