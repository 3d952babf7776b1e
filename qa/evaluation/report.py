"""Reports from results rows: report.json, report.md, PNG charts; comparing runs; the regression gate.

Metrics are named flat for `compare` and `check`: an overall metric by its name (`hits@10`,
`accuracy`), a per-type one as `TYPE:metric` (`temporal:hits@10`), a latency figure as
`latency:STAGE:p50`. Higher is better except for false abstentions and latency.

A baseline file is a JSON object {"tolerance": 0.02, "metrics": {name: value}, ...}; optional
"tolerances": {name: tolerance} overrides the tolerance of single metrics. A metric *falls* when
it is worse than the baseline by more than its tolerance (absolute).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from qa.errors import InputError
from qa.evaluation.metrics import aggregate, calibrate_threshold

REPORT_JSON = "report.json"
REPORT_MD = "report.md"
CHART_BY_TYPE = "metrics_by_type.png"
CHART_LATENCY = "latency.png"
DEFAULT_TOLERANCE = 0.02
SCHEMA = 1

_RETRIEVAL_NAMES = ("hits", "mrr", "map", "fact_recall", "all_facts")
_ANSWER_NAMES = ("accuracy", "lenient_accuracy", "f1", "citation_precision", "citation_evidence_precision",
                 "citation_recall", "abstention_precision", "abstention_recall", "false_abstention_rate")
LOWER_IS_BETTER = ("false_abstention_rate",)


def build_report(rows: Sequence[Mapping[str, Any]], run: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report.json object of a run: overall, by type and latency summaries of its rows."""
    summary = aggregate(rows)
    errors = [r["id"] for r in rows if r.get("error")]
    walls = [float(r.get("timings_ms", {}).get("wall", 0.0)) for r in rows]
    run_info = dict(run or {})
    run_info.setdefault("created_at", time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    run_info["questions_scored"] = len(rows)
    run_info["question_seconds_total"] = round(sum(walls) / 1000, 3)
    out = {"schema": SCHEMA, "run": run_info, "errors": errors, **summary}
    points = [(float(r["support"]), bool(r.get("scores", {}).get("null")))
              for r in rows if r.get("support") is not None and not r.get("error")]
    calibration = calibrate_threshold(points)
    if calibration is not None:
        out["calibration"] = calibration
    return out


def calibration_line(report: Mapping[str, Any]) -> str:
    """'abstention threshold: 0.3 in use; this question set is best separated at 0.3335 (...)'."""
    c = report["calibration"]
    current = report.get("run", {}).get("abstain_threshold")
    head = f"abstention threshold: {current} in use; " if current is not None else "abstention threshold: "
    return (f"{head}this question set is best separated at {c['threshold']} (QA_ABSTAIN_THRESHOLD; balanced "
            f"error {c['balanced_error']}: {c['null_answered']} of {c['null']} null questions answered, "
            f"{c['answerable_abstained']} of {c['answerable']} answerable ones abstained)")


def metric_order(names: Sequence[str]) -> list[str]:
    """Retrieval metrics by k then name, then answer metrics, then anything else."""
    def key(name: str) -> tuple[int, int, int, str]:
        base, _, k = name.partition("@")
        if base in _RETRIEVAL_NAMES and k.isdigit():
            return (0, int(k), _RETRIEVAL_NAMES.index(base), name)
        if name in _ANSWER_NAMES:
            return (1, 0, _ANSWER_NAMES.index(name), name)
        return (2, 0, 0, name)
    return sorted(names, key=key)


def flatten(report: Mapping[str, Any]) -> dict[str, float]:
    """Every number of a report under its flat name (see the module docstring)."""
    flat: dict[str, float] = {}
    for name, value in report.get("metrics", {}).items():
        if value is not None:
            flat[name] = float(value)
    for qtype, part in report.get("by_type", {}).items():
        for name, value in part.get("metrics", {}).items():
            if value is not None:
                flat[f"{qtype}:{name}"] = float(value)
    for stage, stats in report.get("latency", {}).items():
        for stat in ("p50", "p95"):
            if stats.get(stat) is not None:
                flat[f"latency:{stage}:{stat}"] = float(stats[stat])
    return flat


def lower_is_better(name: str) -> bool:
    return name.startswith("latency:") or name.rsplit(":", 1)[-1] in LOWER_IS_BETTER


# --- compare and check -----------------------------------------------------------------------

@dataclass(frozen=True)
class Delta:
    metric: str
    a: float | None
    b: float | None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def improved(self) -> bool | None:
        """True when b is better than a (direction-aware), None when equal or not comparable."""
        d = self.delta
        if d is None or d == 0:
            return None
        return (d < 0) if lower_is_better(self.metric) else (d > 0)


def compare(report_a: Mapping[str, Any], report_b: Mapping[str, Any]) -> list[Delta]:
    """Per-metric deltas b - a over the union of both reports' metrics, overall first."""
    fa, fb = flatten(report_a), flatten(report_b)
    names = set(fa) | set(fb)
    overall = metric_order([n for n in names if ":" not in n])
    typed_names = [n for n in names if ":" in n and not n.startswith("latency:")]
    rank = {m: i for i, m in enumerate(metric_order(sorted({n.split(":", 1)[1] for n in typed_names})))}
    typed = sorted(typed_names, key=lambda n: (n.split(":", 1)[0], rank[n.split(":", 1)[1]]))
    latency = sorted(n for n in names if n.startswith("latency:"))
    return [Delta(n, fa.get(n), fb.get(n)) for n in overall + typed + latency]


@dataclass(frozen=True)
class Regression:
    metric: str
    baseline: float
    value: float | None
    tolerance: float

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.metric}: missing from the run (baseline {self.baseline:.4f})"
        return (f"{self.metric}: {self.value:.4f} vs baseline {self.baseline:.4f} "
                f"({self.value - self.baseline:+.4f}, tolerance {self.tolerance})")


def check(report: Mapping[str, Any], baseline: Mapping[str, Any], tolerance: float | None = None) -> list[Regression]:
    """The baseline metrics this run is worse on by more than the tolerance (or lacks entirely).

    The tolerance is, by priority: the baseline's per-metric "tolerances", the `tolerance`
    argument, the baseline's "tolerance", 0.02.
    """
    metrics = baseline.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        raise InputError("the baseline has no 'metrics' object",
                         hint='write {"tolerance": 0.02, "metrics": {"hits@10": 0.9, ...}}')
    default = tolerance if tolerance is not None else float(baseline.get("tolerance", DEFAULT_TOLERANCE))
    per_metric = baseline.get("tolerances") or {}
    flat = flatten(report)
    regressions = []
    for name, expected in metrics.items():
        if expected is None:
            continue
        tol = float(per_metric.get(name, default))
        value = flat.get(name)
        if value is None:
            regressions.append(Regression(name, float(expected), None, tol))
            continue
        fall = (value - expected) if lower_is_better(name) else (expected - value)
        if fall > tol + 1e-12:
            regressions.append(Regression(name, float(expected), value, tol))
    return regressions


# What a baseline gates by default: overall quality metrics that move only when behaviour changes.
# Left out: token F1 and the lenient scorer (they move with answer wording), per-type values (a
# type of 4 questions moves 0.25 on one question), latency (it depends on the machine).
GATE_METRICS = ("hits@4", "hits@10", "mrr@10", "map@10", "fact_recall@10", "all_facts@10", "accuracy",
                "citation_precision", "citation_recall", "abstention_precision", "abstention_recall",
                "false_abstention_rate")


def make_baseline(report: Mapping[str, Any], *, tolerance: float = DEFAULT_TOLERANCE,
                  metrics: Sequence[str] | None = GATE_METRICS, note: str = "") -> dict[str, Any]:
    """A baseline from a report: the named metrics it has (all but latency when `metrics` is None)."""
    flat = flatten(report)
    names = [n for n in flat if not n.startswith("latency:")] if metrics is None else [n for n in metrics if n in flat]
    return {
        "tolerance": tolerance,
        "note": note,
        "run": {k: _portable(report.get("run", {}).get(k)) if k in ("questions", "index")
                else report.get("run", {}).get(k) for k in ("questions", "index", "options", "created_at")},
        "metrics": {n: round(flat[n], 4) for n in names},
    }


def _portable(path: Any) -> Any:
    """A path as it reads in a committed file: relative to the working folder, else its last part."""
    if not isinstance(path, str) or not path:
        return path
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return Path(path).name


def load_json(path: Path, what: str) -> dict[str, Any]:
    path = Path(path)
    if path.is_dir():
        path = path / REPORT_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{what} not found: {path}", hint="pass a run folder or its report.json") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read {what} {path}: {exc}", hint="pass a JSON file written by qa eval") from None
    if not isinstance(data, dict):
        raise InputError(f"{what} {path} is not a JSON object")
    return data


# --- writing ---------------------------------------------------------------------------------

def write_report(out_dir: Path, report: Mapping[str, Any], rows: Sequence[Mapping[str, Any]] = (),
                 charts: bool = True) -> list[Path]:
    """report.json, report.md and (with `charts`) the two PNG charts; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / REPORT_JSON, out_dir / REPORT_MD]
    _atomic_write(written[0], json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    _atomic_write(written[1], render_markdown(report))
    if charts and report.get("count"):
        written += write_charts(out_dir, report, rows)
    return written


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_markdown(report: Mapping[str, Any]) -> str:
    run = report.get("run", {})
    lines = ["# qa eval report", ""]
    labels = {"questions": "question set", "index": "index", "index_generation": "index generation",
              "options": "options", "selection": "selection", "created_at": "created"}
    for key, label in labels.items():
        if run.get(key) not in (None, "", {}):
            value = run[key]
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            lines.append(f"- **{label}**: `{shown}`")
    lines.append(f"- **questions**: {report.get('count', 0)} ({report.get('answerable', 0)} answerable, "
                 f"{report.get('null', 0)} null); errors: {len(report.get('errors', []))}")
    if run.get("wall_s") is not None:
        lines.append(f"- **run time**: {run['wall_s']:.1f} s on the questions computed "
                     f"({run.get('questions_computed', 0)} questions computed, "
                     f"{run.get('questions_resumed', 0)} resumed)")
    extras = {"eval_wall_s": "eval wall time, whole process (s)", "warm_query_p50_ms": "warm query p50 (ms)",
              "warm_query_p95_ms": "warm query p95 (ms)", "sample": "sample", "seed": "seed", "cpus": "CPUs"}
    for key, label in extras.items():
        if run.get(key) is not None:
            lines.append(f"- **{label}**: {_fmt(run[key], 1)}")
    if run.get("ingest"):
        lines.append(f"- **ingest**: `{json.dumps(run['ingest'])}`")
    lines += ["", "Retrieval metrics leave out questions without evidence (null questions), as MultiHop-RAG does; "
              "`lenient_accuracy` is MultiHop-RAG's word-overlap scorer, `accuracy` is normalised containment.", ""]

    metrics = report.get("metrics", {})
    names = metric_order(list(metrics))
    lines += ["## Overall", "", "| metric | value |", "| --- | ---: |"]
    lines += [f"| {n} | {_fmt(metrics[n])} |" for n in names]

    by_type = report.get("by_type", {})
    if by_type:
        lines += ["", "## By question type", "",
                  "| type | n | " + " | ".join(names) + " |",
                  "| --- | ---: | " + " | ".join("---:" for _ in names) + " |"]
        for qtype, part in by_type.items():
            m = part.get("metrics", {})
            lines.append(f"| {qtype} | {part.get('count', 0)} | " + " | ".join(_fmt(m.get(n)) for n in names) + " |")

    latency = report.get("latency", {})
    if latency:
        lines += ["", "## Latency (ms, warm: the first question of each process is left out)", "",
                  "| stage | n | p50 | p95 | mean |", "| --- | ---: | ---: | ---: | ---: |"]
        for stage, s in latency.items():
            lines.append(f"| {stage} | {s.get('count')} | {_fmt(s.get('p50'), 1)} | {_fmt(s.get('p95'), 1)} | "
                         f"{_fmt(s.get('mean'), 1)} |")
    if report.get("calibration"):
        lines += ["", "## Abstention threshold", "", calibration_line(report) + ".",
                  "The support score of each question is in results.jsonl (`support`); the threshold minimises "
                  "the mean of the two error rates."]
    if report.get("errors"):
        lines += ["", "## Errors", "", "Questions the service refused: " + ", ".join(report["errors"][:50])]
    return "\n".join(lines) + "\n"


def write_charts(out_dir: Path, report: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> list[Path]:
    """metrics_by_type.png (grouped bars) and latency.png (per-question histogram + stage p50/p95)."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    written = []
    by_type = report.get("by_type", {})
    shown = [n for n in ("hits@10", "mrr@10", "fact_recall@10", "all_facts@10", "accuracy", "lenient_accuracy",
                         "citation_recall", "abstention_recall")
             if any(p.get("metrics", {}).get(n) is not None for p in by_type.values())]
    if by_type and shown:
        fig = Figure(figsize=(max(6.0, 1.2 * len(by_type) * max(1, len(shown)) / 3), 4.2))
        ax = fig.subplots()
        width = 0.8 / len(shown)
        types = list(by_type)
        for j, name in enumerate(shown):
            values = [by_type[t]["metrics"].get(name) or 0.0 for t in types]
            ax.bar([i + j * width for i in range(len(types))], values, width, label=name)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(types))],
                      [f"{t}\n(n={by_type[t]['count']})" for t in types])
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("score")
        ax.set_title("Metrics by question type")
        ax.legend(fontsize=7, ncols=min(4, len(shown)), loc="upper center", bbox_to_anchor=(0.5, -0.18))
        fig.tight_layout()
        path = out_dir / CHART_BY_TYPE
        fig.savefig(path, dpi=110)
        written.append(path)

    warm = [r for r in rows if not r.get("cold")]
    totals = [float(r["timings_ms"].get("total", r["timings_ms"].get("wall", 0.0)))
              for r in warm if r.get("timings_ms")]
    latency = report.get("latency", {})
    if totals:
        fig = Figure(figsize=(10, 4))
        ax1, ax2 = fig.subplots(1, 2)
        ax1.hist(totals, bins=min(40, max(5, len(totals) // 5)), color="#4C72B0")
        for stat, style in (("p50", "--"), ("p95", ":")):
            key = "total" if "total" in latency else "wall"
            value = latency.get(key, {}).get(stat)
            if value is not None:
                ax1.axvline(value, color="black", linestyle=style, label=f"{stat} {value:.0f} ms")
        ax1.set_xlabel("ms per question")
        ax1.set_ylabel("questions")
        ax1.set_title("Latency per question (warm)")
        ax1.legend()
        stages = [s for s in latency if s not in ("total", "wall")]
        if stages:
            ax2.barh(stages, [latency[s]["p50"] or 0 for s in stages], label="p50", color="#55A868")
            ax2.barh(stages, [(latency[s]["p95"] or 0) - (latency[s]["p50"] or 0) for s in stages],
                     left=[latency[s]["p50"] or 0 for s in stages], label="p95", color="#C44E52", alpha=0.6)
            ax2.set_xlabel("ms")
            ax2.set_title("Per stage")
            ax2.legend()
        else:
            ax2.axis("off")
        fig.tight_layout()
        path = out_dir / CHART_LATENCY
        fig.savefig(path, dpi=110)
        written.append(path)
    return written
