"""Reports: files and tables, compare deltas, the regression check against a baseline."""

from __future__ import annotations

import json

import pytest

from qa.errors import InputError
from qa.evaluation.report import (
    build_report, check, compare, flatten, load_json, make_baseline, render_markdown, write_report,
)

ROWS = [
    {"id": "1", "type": "inference", "scores": {"null": False, "hits@10": 1.0, "mrr@10": 1.0, "accuracy": 1.0,
                                                 "abstained": False}, "timings_ms": {"total": 50.0, "wall": 51}},
    {"id": "2", "type": "inference", "scores": {"null": False, "hits@10": 0.0, "mrr@10": 0.0, "accuracy": 0.0,
                                                 "abstained": False}, "timings_ms": {"total": 70.0, "wall": 71}},
    {"id": "3", "type": "null", "scores": {"null": True, "hits@10": None, "mrr@10": None, "accuracy": None,
                                            "abstained": True}, "timings_ms": {"total": 30.0, "wall": 31}},
]


def test_build_and_write_report(tmp_path):
    report = build_report(ROWS, {"questions": "q.jsonl", "index": "/x"})
    assert report["count"] == 3 and report["metrics"]["hits@10"] == 0.5
    assert report["metrics"]["abstention_recall"] == 1.0
    assert report["by_type"]["inference"]["metrics"]["accuracy"] == 0.5
    assert report["latency"]["total"]["p50"] == 50.0
    written = write_report(tmp_path, report, ROWS)
    names = sorted(p.name for p in written)
    assert names == ["latency.png", "metrics_by_type.png", "report.json", "report.md"]
    assert all(p.stat().st_size > 0 for p in written)
    assert (tmp_path / "metrics_by_type.png").read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "report.json").read_text())["count"] == 3
    md = (tmp_path / "report.md").read_text()
    assert "## Overall" in md and "| hits@10 | 0.500 |" in md and "| inference | 2 |" in md and "## Latency" in md


def test_markdown_of_empty_report():
    assert "# qa eval report" in render_markdown(build_report([]))


def test_flatten_names():
    flat = flatten(build_report(ROWS))
    assert flat["hits@10"] == 0.5 and flat["inference:accuracy"] == 0.5 and "null:hits@10" not in flat
    assert flat["latency:total:p50"] == 50.0


def test_compare_deltas_direction_aware():
    a = build_report(ROWS)
    rows_b = [dict(r, scores=dict(r["scores"])) for r in ROWS]
    rows_b[1]["scores"]["hits@10"] = 1.0
    rows_b[0]["timings_ms"] = {"total": 500.0}
    b = build_report(rows_b)
    deltas = {d.metric: d for d in compare(a, b)}
    assert deltas["hits@10"].delta == pytest.approx(0.5) and deltas["hits@10"].improved is True
    assert deltas["accuracy"].delta == 0 and deltas["accuracy"].improved is None
    assert deltas["latency:total:p50"].improved is False  # slower is worse
    order = [d.metric for d in compare(a, b)]
    assert order.index("hits@10") < order.index("inference:hits@10") < order.index("latency:total:p50")


def test_check_tolerance_from_file_argument_and_per_metric():
    report = build_report(ROWS)  # hits@10 0.5, accuracy 0.5, false_abstention_rate 0.0
    baseline = {"tolerance": 0.03, "metrics": {"hits@10": 0.52, "accuracy": 0.6, "false_abstention_rate": 0.0}}
    falls = check(report, baseline)
    assert [r.metric for r in falls] == ["accuracy"]          # 0.02 drop is within 0.03; 0.1 is not
    assert [r.metric for r in check(report, baseline, tolerance=0.01)] == ["hits@10", "accuracy"]
    baseline["tolerances"] = {"accuracy": 0.2}
    assert check(report, baseline) == []
    # lower is better for false abstentions: a rise is a fall
    worse = {"metrics": {"false_abstention_rate": -0.5}}
    assert [r.metric for r in check(report, worse)] == ["false_abstention_rate"]
    # a metric the run lacks is reported
    missing = check(report, {"metrics": {"citation_recall": 0.5}})
    assert missing[0].value is None and "missing" in str(missing[0])
    with pytest.raises(InputError):
        check(report, {"tolerance": 0.02})


def test_make_baseline_round_trip(tmp_path):
    report = build_report(ROWS, {"questions": "q"})
    baseline = make_baseline(report, tolerance=0.05)
    assert baseline["tolerance"] == 0.05 and set(baseline["metrics"]) == {
        "hits@10", "mrr@10", "accuracy", "abstention_precision", "abstention_recall", "false_abstention_rate"}
    assert check(report, baseline) == []
    everything = make_baseline(report, metrics=None)
    assert "inference:accuracy" in everything["metrics"] and "latency:total:p50" not in everything["metrics"]
    assert check(report, everything) == []
    path = tmp_path / "b.json"
    path.write_text(json.dumps(baseline))
    assert load_json(path, "baseline") == baseline
    (tmp_path / "report.json").write_text(json.dumps(report))
    assert load_json(tmp_path, "report")["count"] == 3  # a run folder works too
    with pytest.raises(InputError):
        load_json(tmp_path / "nope.json", "baseline")


def test_report_carries_the_threshold_calibration():
    rows = [
        {"id": "a", "type": "fact", "support": 0.8, "scores": {"null": False}},
        {"id": "b", "type": "fact", "support": 0.6, "scores": {"null": False}},
        {"id": "n", "type": "null", "support": 0.3, "scores": {"null": True}},
    ]
    report = build_report(rows, {"abstain_threshold": 0.56})
    assert report["calibration"]["threshold"] == pytest.approx(0.45)
    md = render_markdown(report)
    assert "## Abstention threshold" in md and "0.56 in use" in md and "best separated at 0.45" in md
    assert "calibration" not in build_report([{"id": "x", "scores": {"null": False}}])
