"""`qa eval`: score retrieval, answers, citations and abstention on a question set; compare runs.

`qa eval QUESTIONS --index NAME --out DIR` is `qa eval run ...` (run is the default subcommand).
Exit code 9 when `--check BASELINE` finds a metric that fell by more than the baseline's tolerance.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from qa.cli import options
from qa.cli.render import console, err_console, fail, interactive, print_json, settings_from_cli
from qa.errors import InputError, QAError

REGRESSION_EXIT = 9
_HEADLINE = ("hits@4", "hits@10", "mrr@10", "map@10", "fact_recall@10", "all_facts@10", "accuracy",
             "lenient_accuracy", "f1", "citation_precision", "citation_recall", "abstention_precision",
             "abstention_recall", "false_abstention_rate")


class _RunByDefault(TyperGroup):
    """Route `qa eval QUESTIONS ...` to `qa eval run QUESTIONS ...` (what the issue's wording uses)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def _ints(text: str, what: str) -> tuple[int, ...]:
    try:
        values = tuple(int(p) for p in text.split(",") if p.strip())
    except ValueError:
        raise InputError(f"{what} must be comma-separated integers, got {text!r}",
                         hint="e.g. --k-values 4,10") from None
    if not values or any(v <= 0 for v in values):
        raise InputError(f"{what} must be positive integers, got {text!r}", hint="e.g. --k-values 4,10")
    return values


def register(app: typer.Typer) -> None:
    eval_app = typer.Typer(
        cls=_RunByDefault,
        help="Evaluate qa on a question set (qa eval QUESTIONS --index NAME --out DIR), or compare two runs.",
        no_args_is_help=True,
    )

    @eval_app.command("run")
    def run(
        questions: Path = typer.Argument(..., metavar="QUESTIONS", help="Question set (JSON lines: id, question, answers, evidence, type)."),
        index: Optional[str] = options.index_option(),
        out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="Run folder: results.jsonl, report.json/.md, charts."),
        mode: Optional[str] = options.mode_option(),
        limit: Optional[int] = typer.Option(None, "--limit", min=1, metavar="N", help="Only the first N questions (after filters)."),
        types: Optional[str] = typer.Option(None, "--types", metavar="TYPE,...", help="Only these question types, e.g. inference,null."),
        retrieval_only: bool = typer.Option(False, "--retrieval-only",
                                            help="Only retrieve and score retrieval (fast)."),
        k_values: str = typer.Option("4,10", "--k-values", metavar="K,...", help="Depths k of the retrieval metrics."),
        check_path: Optional[Path] = typer.Option(None, "--check", metavar="BASELINE", help="Baseline JSON; exit 9 on a regression."),
        tolerance: Optional[float] = typer.Option(None, "--tolerance", min=0.0, metavar="X",
                                                  help="Override the baseline's tolerance (absolute)."),
        sample: Optional[int] = typer.Option(None, "--sample", min=1, metavar="N", help="A stratified sample of N questions."),
        seed: int = typer.Option(0, "--seed", metavar="N", help="Seed of --sample."),
        charts: bool = typer.Option(True, "--charts/--no-charts", help="Write the PNG charts."),
        save_baseline: Optional[Path] = typer.Option(None, "--save-baseline", metavar="FILE",
                                                     help="Write this run's metrics as a baseline file."),
        as_json: bool = typer.Option(False, "--json", help="Print report.json instead of the summary."),
    ) -> None:
        """Run a question set through qa and write results.jsonl, report.json, report.md and charts."""
        from qa.evaluation.questions import load_questions, select_questions
        from qa.evaluation.report import (
            DEFAULT_TOLERANCE, build_report, check, load_json, make_baseline, write_report,
        )
        from qa.evaluation.runner import RunOptions, run_eval
        from qa.service import QAService

        settings = settings_from_cli(mode=mode)
        try:
            options = RunOptions(mode=settings.mode, k_values=_ints(k_values, "--k-values"),
                                 retrieval_only=retrieval_only)
            baseline = load_json(check_path, "baseline") if check_path else None
            qset = load_questions(questions)
            for warning in qset.warnings:
                typer.echo(f"warning: {questions}: {warning}", err=True)
            chosen = select_questions(qset.questions, types=types.split(",") if types else None,
                                      sample=sample, seed=seed, limit=limit)
            if not chosen:
                raise InputError(f"no questions to run in {questions}", hint="check the file and --types/--limit")
            service = QAService(settings, index)
            meta = {"questions": str(questions.resolve()), "index": str(service.index_path)}
            outcome = _run_with_progress(run_eval, service, chosen, out, options, meta)
            run_info: dict[str, Any] = {
                **meta, "options": options.to_json(),
                "selection": {"types": types, "limit": limit, "sample": sample, "seed": seed if sample else None},
                "wall_s": round(outcome.wall_s, 3), "questions_computed": outcome.computed,
                "questions_resumed": outcome.resumed,
            }
            if not options.retrieval_only:
                run_info["abstain_threshold"] = settings.abstain_threshold
            try:
                info = service.info()
                run_info["index_generation"] = info.get("generation")
            except (QAError, AttributeError):
                pass
            report = build_report(outcome.rows, run_info)
            write_report(out, report, outcome.rows, charts=charts)
            if save_baseline:
                import json

                save_baseline.parent.mkdir(parents=True, exist_ok=True)
                baseline_out = make_baseline(
                    report, tolerance=tolerance if tolerance is not None else DEFAULT_TOLERANCE,
                    note=f"written by qa eval --save-baseline from {len(outcome.rows)} questions; "
                         "regenerate the same way after an intended change")
                save_baseline.write_text(json.dumps(baseline_out, indent=2) + "\n", encoding="utf-8")
            regressions = check(report, baseline, tolerance) if baseline is not None else []
        except QAError as exc:
            fail(exc)
        if as_json:
            print_json(report)
        else:
            _print_summary(report, out)
        if baseline is not None:
            if regressions:
                typer.echo(f"regression: {len(regressions)} metric(s) fell below {check_path}:", err=True)
                for r in regressions:
                    typer.echo(f"  {r}", err=True)
                raise typer.Exit(REGRESSION_EXIT)
            typer.echo(f"check passed against {check_path}", err=True)

    @eval_app.command("compare")
    def compare_cmd(
        run_a: Path = typer.Argument(..., metavar="RUN_A", help="Run folder (or its report.json): the reference."),
        run_b: Path = typer.Argument(..., metavar="RUN_B", help="Run folder (or its report.json): the candidate."),
        show_all: bool = typer.Option(False, "--all", help="Also per-type metrics and latency."),
        as_json: bool = typer.Option(False, "--json", help="Print the deltas as JSON."),
    ) -> None:
        """Per-metric deltas between two runs (B - A)."""
        from qa.evaluation.report import compare, load_json

        try:
            deltas = compare(load_json(run_a, "report"), load_json(run_b, "report"))
        except QAError as exc:
            fail(exc)
        if not show_all and not as_json:
            deltas = [d for d in deltas if ":" not in d.metric or d.metric.startswith("latency:total")
                      or d.metric.startswith("latency:wall")]
        if as_json:
            print_json([{"metric": d.metric, "a": d.a, "b": d.b, "delta": d.delta} for d in deltas])
            return
        from rich.table import Table

        table = Table(title=f"B - A   (A = {run_a}, B = {run_b})")
        for name, justify in (("metric", "left"), ("A", "right"), ("B", "right"), ("delta", "right")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for d in deltas:
            colour = {True: "green", False: "red", None: ""}[d.improved]
            delta = "–" if d.delta is None else f"{d.delta:+.4f}"
            table.add_row(d.metric, _num(d.a), _num(d.b), f"[{colour}]{delta}[/]" if colour else delta)
        console().print(table)

    app.add_typer(eval_app, name="eval")


def _num(value: float | None, digits: int = 4) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _run_with_progress(run_eval: Any, service: Any, chosen: list, out: Path, options: Any, meta: dict) -> Any:
    if not interactive():
        # a log line every 5% for long runs (a script or CI watching stderr), silence for short ones
        step = max(1, len(chosen) // 20) if len(chosen) >= 200 else 0
        started = time.perf_counter()

        def log(done: int, total: int) -> None:
            if step and done and (done % step == 0 or done == total):
                typer.echo(f"eval: {done}/{total} ({time.perf_counter() - started:.0f} s)", err=True)

        return run_eval(service, chosen, out, options, meta=meta, progress=log)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("eval"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console(), transient=True) as bar:
        task = bar.add_task("eval", total=len(chosen))

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run_eval(service, chosen, out, options, meta=meta, progress=progress)


def _print_summary(report: dict[str, Any], out: Path) -> None:
    from rich.table import Table

    from qa.evaluation.report import calibration_line

    metrics = report.get("metrics", {})
    by_type = report.get("by_type", {})
    names = [n for n in _HEADLINE if metrics.get(n) is not None]
    from rich import box

    table = Table(title=f"qa eval: {report.get('count', 0)} questions ({report.get('null', 0)} null)",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("metric", no_wrap=True)
    table.add_column("all", justify="right", no_wrap=True)
    for qtype in by_type:
        table.add_column(f"{qtype}\n({by_type[qtype]['count']})", justify="right")
    for name in names:
        table.add_row(name, _num(metrics.get(name), 3),
                      *(_num(by_type[t]["metrics"].get(name), 3) for t in by_type))
    out_console = console()
    out_console.print(table)
    latency = report.get("latency", {})
    stage = "total" if "total" in latency else "wall"
    if stage in latency:
        out_console.print(f"latency ({stage}, warm): p50 {latency[stage]['p50']:.1f} ms, "
                          f"p95 {latency[stage]['p95']:.1f} ms")
    if report.get("calibration"):
        out_console.print(calibration_line(report))
    if report.get("errors"):
        out_console.print(f"[yellow]{len(report['errors'])} question(s) refused by the service[/]")
    out_console.print(f"report: {out / 'report.md'}")
