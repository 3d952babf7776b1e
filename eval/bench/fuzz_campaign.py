"""The hardening fuzz campaign of issue 12: thousands of hostile inputs through every front end of qa, on a
small real index, counting what must never happen (run by hand; writes eval/bench/hardening.md's tables
into eval/bench/fuzz_campaign.json and eval/bench/fuzz_campaign.md).

    nice -n 5 .venv/bin/python eval/bench/fuzz_campaign.py [--seed 20261130] [--work /tmp/hardening-campaign]

Fixed seed: every case is named and reproducible. Four surfaces:

1. files: generated and mutated .txt .md .html .jsonl .pdf (and odd names), each <= 1 MB. Every file is
   loaded, cleaned, chunked with the real tokenizer and split into sentences in its own forked process
   (what `qa ingest` does to it before embedding), with CPU time and peak RSS from `wait4`; a file over
   5 s of CPU or 500 MB is a finding (wall time is recorded too, but on a shared machine it is mostly
   waiting for a core). Then all files, cut to 8 kB (embedding is linear in real text and is
   measured in ingest.md), go through `qa ingest` in subprocess batches: exit codes and tracebacks.
2. questions: `qa ask` / `qa search` in process with typer's CliRunner (surrogates, control characters,
   invalid UTF-8 as argv decodes it, huge, empty, filters matching nothing, bad options), plus a few
   real subprocesses with raw non-UTF-8 argv bytes.
3. HTTP: a real `qa serve` (with QA_API_KEY) on 127.0.0.1 driven by httpx: malformed JSON, wrong
   types, huge bodies, surrogates, bad auth, many messages, streaming, odd paths and methods.
4. MCP: `qa mcp` over stdio with the official client: bad arguments, unknown tools, surrogates.

Counted per surface: tracebacks, HTTP 5xx, hangs (timeouts), exit codes outside the documented
ones (or not the one expected), multi-line errors, slow or big files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "eval" / "datasets" / "kursk" / "articles"
DOCUMENTED_EXIT = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 130}
MAX_FILE_BYTES = 1_000_000
FILE_SECONDS, FILE_MB = 5.0, 500
HANG_S = 60.0


@dataclass
class Tally:
    """What one surface produced: cases, and the bad outcomes with an example of each."""

    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    findings: dict[str, list[str]] = field(default_factory=dict)

    def bad(self, kind: str, example: str) -> None:
        self.findings.setdefault(kind, [])
        if len(self.findings[kind]) < 8:
            self.findings[kind].append(example[:300])


def env_for(work: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "QA_INDEXES_DIR": str(work / "indexes"),
            "QA_CACHE_DIR": str(work / "cache"), "QA_CONFIG": "none", "OMP_NUM_THREADS": "1",
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra}


# ---------------------------------------------------------------- files
TEXT_FRAGMENTS = [
    "=", "_a ", "*a ", "**a ", '"Hi." A "b." C ', "A. ", "\u202e\u0301\u200b\u00ad\ufeff", "\t\x0b\x0c\r", "#", "> ",
    "[a](", "\u3002", "Mr. ", "\u2028", "\u01c5", "\U0001f600", "\n", "a", "-", "\x00", "<p>", "&amp;", "`", "|a",
    "1.", "(", "\u0000\u0001", "https://x.example/", " ", "\u00a0", "\u200f", "\ud7ff", "~~", "$$",
]
JSON_LINES_BAD = [
    '{"id": "s1", "text": "troops \\ud800 x"}', '{"id": "s2", "text": "\\udfff"}',
    '{"id": "n1", "text": "x", "n": ' + "9" * 5_000 + "}", '{"id": "n2", "text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"id": "d1", "text": "x", "n": ' + "{\"a\":" * 5_000 + "1" + "}" * 5_000 + "}", '{"id": 5, "text": 7}',
    "[1, 2, 3]", "null", '"just a string"', '{"text": ""}', "{not json", '{"id": "x", "text": "a"' * 1_000,
    '{"id": "big", "text": "x", "f": 1e999999}', '{"id": "nan", "text": "y", "f": NaN}', '{"id": "t", "text": "' + "z" * 400_000 + '"}',
    '{"id": "u", "text": "ok", "published_at": "2024-13-45"}', '{"id": "v", "text": "ok", "date": "+25:00"}',
    '{"id": "dup", "text": "a"}\n{"id": "dup", "text": "b"}', "\ufeff{\"id\": \"bom\", \"text\": \"x\"}",
]
FRONT_MATTER_BAD = [
    "date: 2024-13-45", "date: 2024-10-28T10:00:00+25:00", "published_at: 2024-02-30", "date: 9999-99-99T99:99:99",
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    "title: [unclosed", "title: !!python/object:os.system echo", "x: " + "[" * 50_000 + "]" * 50_000,
    "title: \"\\uD800\"", "notes: '" + "y" * 300_000 + "'", ": : :", "date: !!timestamp 2024-99-01",
    "author: {a: {b: {c: {d: 1}}}}", "title: !!binary aGVsbG8=", "title: " + "_a " * 30_000, "date: 0000-00-00",
    "source: 5", "title:\n  - a\n  - b", "url: javascript:alert(1)", "date: 2024-10-28T25:61:61Z",
]
HTML_FRAGMENTS = [
    "<div>" * 30_000 + "deep" + "</div>" * 30_000, "&#xD800;&#0;&#x110000;" * 5_000, "<script>" + "x" * 100_000,
    "<!--" + "c" * 100_000, "<![CDATA[" + "z" * 50_000, "<p>" * 100_000, "<table>" + "<tr><td>1" * 20_000,
    '<meta property="og:title" content="' + "t" * 300_000 + '">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": ' + "[" * 50_000 + "}</script>",
    '<script type="application/ld+json">' + '{"@graph": [' * 3_000 + "</script>",
    '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-13-45T99:00:00+25:00",'
    '"headline":"\\ud800","articleBody":"' + "Body text. " * 20_000 + '"}</script>',
    "<svg><foreignObject><p>in svg</p></foreignObject></svg>", "<?xml version='1.0' encoding='latin-1'?>",
    "<html><body></body></html>", "\x00\x01\x02" * 1_000, "<title>" + "_a " * 50_000 + "</title>",
    '<meta name="date" content="2024-13-45">', '<time datetime="+25:00">x</time>' * 1_000, "<a href='" + "h" * 200_000 + "'>x</a>",
]


@dataclass(frozen=True)
class FileCase:
    name: str
    suffix: str
    data: bytes


def _articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (f"<!DOCTYPE html><html><head><title>{title} | Example News</title>"
            f'<meta property="og:title" content="{title}"><meta name="author" content="Jane Doe">'
            f'<meta property="article:published_time" content="2024-10-28T09:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright 2024</footer></body></html>")


def _pdf(text: str, pages: int = 2) -> bytes:
    import pymupdf

    pdf = pymupdf.open()
    for n in range(pages):
        part = text[n * 1_500:(n + 1) * 1_500] or "empty page"
        pdf.new_page().insert_textbox(pymupdf.Rect(50, 50, 550, 800), part, fontsize=9)
    pdf.set_metadata({"title": "Sample", "creationDate": "D:20241028103000Z"})
    return pdf.tobytes(garbage=0, deflate=False, no_new_id=True)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        op, pos = rng.random(), rng.randrange(len(out) + 1)
        if op < 0.4 and out:
            out[min(pos, len(out) - 1)] = rng.randrange(256)
        elif op < 0.6:
            out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op < 0.8:
            del out[pos:pos + rng.randint(1, 300)]
        elif op < 0.9 and out:  # duplicate a slice: repeated structure
            start = rng.randrange(len(out))
            piece = out[start:start + rng.randint(1, 2_000)]
            out[pos:pos] = piece * rng.randint(1, 50)
        else:
            out = out[:pos] or out
    return bytes(out[:MAX_FILE_BYTES])


def _splice(rng: random.Random, text: str, fragment: str) -> str:
    pos = rng.randrange(len(text) + 1)
    return text[:pos] + fragment + text[pos:]


def _hostile(rng: random.Random) -> str:
    """A fragment repeated up to close to 1 MB (the linear-time cases), or a mix of fragments."""
    if rng.random() < 0.5:
        piece = rng.choice(TEXT_FRAGMENTS)
        return piece * (rng.choice([1_000, 10_000, 100_000, 900_000]) // max(1, len(piece.encode("utf-8", "surrogatepass"))))
    return "".join(rng.choice(TEXT_FRAGMENTS) * rng.randint(1, 200) for _ in range(rng.randint(10, 300)))


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")[:MAX_FILE_BYTES]


def file_cases(seed: int, per_kind: int) -> list[FileCase]:
    rng = random.Random(seed)
    texts = _articles()
    pdf = _pdf(texts[0])
    cases: list[FileCase] = []
    for i in range(per_kind):
        text = rng.choice(texts)
        cases.append(FileCase(f"txt-hostile-{i}", ".txt", _encode(_splice(rng, text, _hostile(rng)))))
        cases.append(FileCase(f"txt-bytes-{i}", ".txt", _mutate(rng, text.encode())))
        body = rng.choice(texts)
        front = rng.choice(FRONT_MATTER_BAD)
        cases.append(FileCase(f"md-front-{i}", ".md", _encode(f"---\ntitle: Story {i}\n{front}\n---\n{body}")))
        cases.append(FileCase(f"md-body-{i}", ".md", _encode(f"---\ntitle: Story {i}\ndate: 2024-10-28\n---\n# H\n\n"
                                                            + _splice(rng, body, _hostile(rng)))))
        page = _html(f"Story {i}", rng.choice(texts))
        cases.append(FileCase(f"html-splice-{i}", ".html", _encode(_splice(rng, page, rng.choice(HTML_FRAGMENTS)))))
        cases.append(FileCase(f"html-bytes-{i}", ".html", _mutate(rng, page.encode())))
        good = [json.dumps({"id": f"r{i}-{n}", "title": f"T{n}", "text": t[:2_000]}) for n, t in enumerate(rng.sample(texts, 3))]
        lines = good[:1] + [rng.choice(JSON_LINES_BAD) for _ in range(rng.randint(1, 3))] + good[1:]
        cases.append(FileCase(f"jsonl-bad-{i}", ".jsonl", _encode("\n".join(lines))))
        cases.append(FileCase(f"jsonl-bytes-{i}", ".jsonl", _mutate(rng, "\n".join(good).encode())))
        cases.append(FileCase(f"pdf-bytes-{i}", ".pdf", _mutate(rng, pdf)))
    cases.append(FileCase("pdf-cycle", ".pdf", re.sub(rb"(/Kids\[\d+ 0 R )\d+ 0 R", lambda m: m.group(1) + b"2 0 R", pdf, count=1)))
    cases.append(FileCase("pdf-truncated", ".pdf", pdf[: len(pdf) // 2]))
    cases.append(FileCase("pdf-many-pages", ".pdf", _pdf("page " * 60_000, pages=200)[:MAX_FILE_BYTES]))
    for suffix in (".txt", ".md", ".html", ".jsonl", ".pdf", ".htm", ".markdown", ".TXT", ".bin", ""):
        cases.append(FileCase(f"empty{suffix or '-none'}", suffix, b""))
        cases.append(FileCase(f"random{suffix or '-none'}", suffix, rng.randbytes(rng.choice([10, 1_000, 900_000]))))
    return cases


def _probe_one(path: Path, tokenizer_count, settings) -> int:
    """In a forked child: what `qa ingest` does to one file before embedding. Exit 0, or 70 on a traceback."""
    import traceback

    from qa.errors import QAError
    from qa.ingest.chunking import chunk_document
    from qa.ingest.cleaning import clean_document
    from qa.ingest.dedup import DuplicateDetector
    from qa.ingest.loaders import load_file
    from qa.ingest.sentences import split_sentences

    try:
        try:
            result = load_file(path, path.stem, settings.max_file_bytes)
        except QAError:
            return 0
        detector = DuplicateDetector(settings.near_duplicate_threshold)
        for raw in result.documents:
            try:
                doc = clean_document(raw)
            except QAError:
                continue
            for value in (doc.doc_id, doc.text, doc.title, doc.source, doc.published_at, doc.url):
                if value is not None:
                    value.encode("utf-8")
            detector.add(doc.doc_id, doc.text)
            for chunk in chunk_document(doc, tokenizer_count, settings.chunk_tokens, settings.chunk_overlap_tokens,
                                        settings.chunk_across_paragraphs):
                split_sentences(chunk.text)
        return 0
    except BaseException:  # noqa: BLE001 - the finding itself
        with open(str(path) + ".traceback", "w") as out:
            traceback.print_exc(file=out)
        return 70


def run_files(seed: int, per_kind: int, work: Path, batch: int, report: dict, cut: int = 8_000) -> Tally:
    import resource

    from qa.config import load_settings
    from qa.index.torch_bert import TorchBertEmbedder

    settings = load_settings({"QA_CONFIG": "none"})
    count_tokens = TorchBertEmbedder(settings.embedder).count_tokens
    folder = work / "files"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    cases = file_cases(seed, per_kind)
    tally = Tally()
    slowest: list[tuple[float, float, str, int]] = []
    walls: list[float] = []
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for case in cases:
        path = folder / f"{case.name}{case.suffix}"
        path.write_bytes(case.data)
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # child: bounded address space, so a memory bomb fails fast instead of eating the machine
            resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
            os._exit(_probe_one(path, count_tokens, settings))
        status, usage = 0, None
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() - started > HANG_S:
                os.kill(pid, signal.SIGKILL)
                _, status, usage = os.wait4(pid, 0)
                tally.outcomes["hang"] += 1
                tally.bad("hang", case.name)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        seconds = usage.ru_utime + usage.ru_stime  # CPU: the machine is shared, wall time is mostly waiting
        peak_mb = usage.ru_maxrss / 1024
        tally.cases += 1
        slowest.append((seconds, peak_mb, case.name, len(case.data)))
        walls.append(wall)
        code = os.waitstatus_to_exitcode(status)
        if code == 70:
            tally.outcomes["traceback"] += 1
            tally.bad("traceback", case.name + ": " + Path(str(path) + ".traceback").read_text()[-240:])
        elif code not in (0, -9):
            tally.outcomes["crash"] += 1
            tally.bad("crash", f"{case.name}: exit {code}")
        if seconds > FILE_SECONDS:
            tally.outcomes["over 5 s CPU"] += 1
            tally.bad("over 5 s CPU", f"{case.name} ({len(case.data)} B): {seconds:.1f} s CPU, {wall:.1f} s wall")
        if wall > FILE_SECONDS:
            tally.outcomes["over 5 s wall (shared machine)"] += 1
        if peak_mb > FILE_MB:
            tally.outcomes["over 500 MB"] += 1
            tally.bad("over 500 MB", f"{case.name} ({len(case.data)} B): {peak_mb:.0f} MB")
    slowest.sort(reverse=True)
    report["files_wall_seconds_max"] = round(max(walls), 1)
    report["files_slowest"] = [{"case": n, "bytes": b, "cpu_seconds": round(s, 3), "peak_rss_mb": round(m)}
                               for s, m, n, b in slowest[:10]]
    report["files_peak_rss_mb_max"] = round(max(m for _, m, _, _ in slowest))
    report["files_parent_rss_mb"] = round(base_kb / 1024)
    report["files_cpu_seconds_total"] = round(sum(s for s, _, _, _ in slowest), 1)
    report["files_wall_seconds_total"] = round(sum(walls), 1)
    report["files_bytes_total"] = sum(b for _, _, _, b in slowest)

    # The same files through the real `qa ingest`, in batches, cut to 8 kB.
    ingest_root = work / "ingest_batches"
    shutil.rmtree(ingest_root, ignore_errors=True)
    batches = []
    for number in range(0, len(cases), batch):
        part = ingest_root / f"batch{number // batch:03d}"
        part.mkdir(parents=True)
        for case in cases[number:number + batch]:
            (part / f"{case.name}{case.suffix}").write_bytes(case.data[:cut])
        batches.append(part)
    index = work / "indexes" / "fuzzed"
    shutil.rmtree(index, ignore_errors=True)
    times = []
    for part in batches:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "ingest", str(part), "--index", str(index), "--quiet"],
                                cwd=ROOT, env=env_for(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL)
        try:
            out, err = proc.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            tally.outcomes["ingest hang"] += 1
            tally.bad("ingest hang", part.name)
        times.append(time.perf_counter() - started)
        text = err.decode("utf-8", "replace")
        tally.cases += 1
        if "Traceback" in text:
            tally.outcomes["ingest traceback"] += 1
            tally.bad("ingest traceback", f"{part.name}: {text[-300:]}")
        if proc.returncode != 0:
            tally.outcomes[f"ingest exit {proc.returncode}"] += 1
            tally.bad(f"ingest exit {proc.returncode}", f"{part.name}: {text[-200:]}")
    report["ingest_batches"] = {"batches": len(batches), "files_per_batch": batch, "seconds": [round(t, 1) for t in times]}
    return tally


# ---------------------------------------------------------------- questions
GOOD_QUESTIONS = ["How many North Korean troops were reported in Kursk?", "Who is the Pentagon spokesman?",
                  "When did the troops arrive?", "What did Reuters report?", "Where were the troops seen?"]
HOSTILE_BITS = ["\ud800", "\udfff", "\udcff", "\x00", "\x1b[31m", "\r", "\t", "\u202e", "\ufeff", "\U0001f600", "%s",
                "{0}", "'; DROP TABLE chunks; --", "$(rm -rf /)", "`id`", "\\", "\"", "[1]", "[999]", "<script>",
                "NaN", "-1", "--k", "-", "\u0301" * 50, "AND OR NOT", "*", "?", "troops" * 200, " " * 1_000]


def hostile_question(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(["", " ", "\n", "\t\t", "?", "\x00", "\ud800", "-", "--", "--help"])
    if roll < 0.14:
        return rng.choice(GOOD_QUESTIONS) + "x" * rng.choice([2_000, 10_000, 100_000, 1_000_000])
    base = rng.choice(GOOD_QUESTIONS)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(base) + 1)
        base = base[:pos] + rng.choice(HOSTILE_BITS) + base[pos:]
    return base


def hostile_options(rng: random.Random) -> list[str]:
    pool = [["--k", "0"], ["--k", "-5"], ["--k", "1000000"], ["--k", "abc"], ["--k", "3"], ["--source", "Nobody News"],
            ["--source", "reuters"], ["--source", "The Guardian"], ["--source", "\ud800"], ["--since", "2024-13-45"],
            ["--since", "2030-01-01"], ["--until", "1900-01-01"], ["--since", "yesterday"], ["--until", "2024-10-01"],
            ["--as-of", "2024-02-30"], ["--as-of", "2024-11-01"], ["--mode", "nonsense"], ["--mode", "extractive"],
            ["--json"], ["--passages"], ["--bogus"], ["--index", "/no/such/index"], ["--index", ""],
            ["--index", "../../etc"], ["--k"], ["--since"]]
    return [x for _ in range(rng.choice([0, 0, 1, 1, 2, 3])) for x in rng.choice(pool)]


class _Alarm(Exception):
    pass


def run_questions(seed: int, n: int, index: Path, work: Path, report: dict) -> Tally:
    from typer.testing import CliRunner

    from qa.cli.main import app

    rng = random.Random(seed + 1)
    runner = CliRunner(env={"QA_CONFIG": "none", "HF_HUB_OFFLINE": "1", "QA_INDEXES_DIR": str(work / "indexes")})
    tally = Tally()

    def on_alarm(*_):
        raise _Alarm

    signal.signal(signal.SIGALRM, on_alarm)
    latencies = []
    for i in range(n):
        command = rng.choice(["ask", "ask", "ask", "search"])
        args = [command, hostile_question(rng), "--index", str(index), *hostile_options(rng)]
        started = time.perf_counter()
        signal.alarm(int(HANG_S))
        try:
            result = runner.invoke(app, args, catch_exceptions=True)
        except _Alarm:
            tally.cases += 1
            tally.outcomes["hang"] += 1
            tally.bad("hang", repr(args)[:200])
            continue
        finally:
            signal.alarm(0)
        latencies.append(time.perf_counter() - started)
        tally.cases += 1
        code = result.exit_code
        tally.outcomes[f"exit {code}"] += 1
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            tally.outcomes["traceback"] += 1
            tally.bad("traceback", f"{args!r:.160} -> {type(exc).__name__}: {exc}")
        err = result.stderr if code else ""
        if "Traceback" in (result.output + err):
            tally.outcomes["traceback text"] += 1
            tally.bad("traceback text", repr(args)[:200])
        if code not in DOCUMENTED_EXIT or code == 1:
            tally.outcomes["undocumented exit"] += 1
            tally.bad("undocumented exit", f"exit {code}: {args!r:.160}")
        if code not in (0,) and len([ln for ln in err.strip().splitlines() if ln.strip()]) > 3:
            tally.outcomes["multi-line error"] += 1
            tally.bad("multi-line error", f"{args!r:.120} -> {err[:200]!r}")
    # raw bytes that are not UTF-8, through a real process (argv decoding)
    for i, raw in enumerate([b"troops\xff?", b"\xc3\x28", b"\xed\xa0\x80 troops", b"\xff" * 100, b"How many\x80 troops?"]):
        for command in (b"ask", b"search"):
            proc = subprocess.run([sys.executable.encode(), b"-m", b"qa.cli.main", command, raw, b"--index", str(index).encode()],
                                  capture_output=True, timeout=300, cwd=ROOT, env=env_for(work), stdin=subprocess.DEVNULL)
            tally.cases += 1
            tally.outcomes[f"exit {proc.returncode}"] += 1
            if b"Traceback" in proc.stderr:
                tally.outcomes["traceback"] += 1
                tally.bad("traceback", f"{raw!r}: {proc.stderr[-200:]!r}")
            if proc.returncode != 2:
                tally.outcomes["unexpected exit"] += 1
                tally.bad("unexpected exit", f"{command!r} {raw!r}: exit {proc.returncode}")
    latencies.sort()
    report["questions_median_ms"] = round(1000 * latencies[len(latencies) // 2], 1) if latencies else None
    return tally


# ---------------------------------------------------------------- HTTP
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, work: Path, key: str) -> tuple[subprocess.Popen, str, Path]:
    import httpx

    port = free_port()
    log = work / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "serve", "--index", str(index), "--port", str(port)],
                            cwd=ROOT, env=env_for(work, QA_API_KEY=key, QA_REQUEST_TIMEOUT_S="60"),
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                return proc, url, log
        except httpx.TransportError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"qa serve did not start: {log.read_text()[-500:]}")


def _json_value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 2 or roll < 0.5:
        return rng.choice([None, True, False, 0, -1, 1e308, 10**30, "x", "", "\ud800", "\x00", [], {}, 3.5, "2024-13-45",
                           "a" * 5_000, "qa-extractive", "user", "system"])
    if roll < 0.75:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["question", "k", "mode", "filters", "history", "role", "content", "x"]): _json_value(rng, depth + 1)
            for _ in range(rng.randint(0, 4))}


def http_case(rng: random.Random, key: str) -> tuple[str, str, dict, bytes | None, bool]:
    """(method, path, headers, body, stream)."""
    auth = {"Authorization": f"Bearer {key}"}
    roll = rng.random()
    if roll < 0.07:  # bad auth
        header = rng.choice([{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eA=="},
                             {"Authorization": "Bearer"}, {"Authorization": "bearer " + key + "x"},
                             {"Authorization": "Bearer " + "k" * 10_000}, {"Authorization": "Bearer \u00e9".encode()}])
        path = rng.choice(["/v1/ask", "/v1/search", "/v1/chat/completions", "/v1/models", "/readyz"])
        method = "GET" if path in ("/v1/models", "/readyz") else "POST"
        body = b'{"question": "How many troops?", "query": "troops", "model": "qa-extractive", "messages": [{"role": "user", "content": "hi"}]}'
        return method, path, {**header, "Content-Type": "application/json"}, body if method == "POST" else None, False
    if roll < 0.12:  # odd paths and methods
        method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST"])
        path = rng.choice(["/", "/docs", "/redoc", "/openapi.json", "/v1", "/v1/ask/", "/../../etc/passwd", "/%00", "/v1/models",
                           "/healthz", "/static/../qa.toml", "/" + "a" * 5_000, "/v1/chat/completions?x=\ud800".encode(
                               "utf-8", "surrogatepass").decode("latin-1")])
        return method, path, auth, None, False
    path = rng.choice(["/v1/ask", "/v1/search", "/v1/chat/completions"])
    stream = False
    if path == "/v1/ask":
        obj = {"question": hostile_question(rng)}
        if rng.random() < 0.4:
            obj.update(rng.choice([{"k": rng.choice([0, -1, 51, "5", 3.5, None, 10**20])},
                                   {"mode": rng.choice(["llm2", 5, None, "extractive"])},
                                   {"history": _json_value(rng)},
                                   {"history": [["q", "a"]] * rng.choice([1, 20, 40, 500])},
                                   {"filters": rng.choice([{"sources": ["Nobody"]}, {"since": "2030-01-01"},
                                                           {"since": "2024-13-45"}, {"sources": "Reuters"},
                                                           {"sources": ["x"] * 100}, {"until": "1900-01-01"}, 5])},
                                   {"as_of": rng.choice(["2024-02-30", "yesterday", 5, "2024-11-01"])}]))
    elif path == "/v1/search":
        obj = {"query": hostile_question(rng)}
        if rng.random() < 0.4:
            obj.update({"k": rng.choice([0, 1, 200, 201, "x"]), "filters": rng.choice([None, {"sources": ["reuters"]}, []])})
    else:
        turns = rng.choice([1, 1, 2, 5, 30, 32, 33, 100, 1_000])
        messages = []
        for t in range(turns - 1):
            messages += [{"role": "user", "content": rng.choice(GOOD_QUESTIONS)}, {"role": "assistant", "content": "About 10,000 [1]."}]
        messages.append({"role": "user", "content": hostile_question(rng)})
        if rng.random() < 0.2:
            messages.insert(0, {"role": rng.choice(["system", "tool", "developer", "bogus", 5]), "content": _json_value(rng)})
        if rng.random() < 0.1:
            messages[-1]["content"] = rng.choice([None, [], [{"type": "text", "text": "troops?"}], [{"type": "image_url"}], 5])
        obj = {"model": rng.choice(["qa-extractive", "qa-extractive", "qa-llm-nope", "", 5]), "messages": messages}
        stream = rng.random() < 0.4
        if stream:
            obj["stream"] = True
        if rng.random() < 0.1:
            obj.update({"k": rng.choice([0, 99, "x"]), "temperature": "hot", "n": 5, "max_tokens": -1})
    if rng.random() < 0.15:  # a field of a wrong type anywhere
        obj[rng.choice(list(obj))] = _json_value(rng)
    body = json.dumps(obj, ensure_ascii=rng.random() < 0.7).encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.12:
        body = _mutate(rng, body)
    elif roll < 0.15:
        body = rng.choice([b"", b"null", b"[]", b"{", b"\xff\xfe", b'{"question": "x"}' * 3, b"{" * 100_000,
                           b'{"question": "' + b"a" * 3_000_000 + b'"}', b"\x00" * 100])
    headers = {**auth, "Content-Type": rng.choice(["application/json"] * 9 + ["text/plain"])}
    return "POST", path, headers, body, stream


def run_http(seed: int, n: int, index: Path, work: Path, report: dict) -> Tally:
    import httpx

    key = "fuzz-key-0123"
    proc, url, log = start_server(index, work, key)
    rng = random.Random(seed + 2)
    tally = Tally()
    statuses: Counter = Counter()
    latencies = []
    try:
        with httpx.Client(base_url=url, timeout=HANG_S) as client:
            for i in range(n):
                method, path, headers, body, stream = http_case(rng, key)
                started = time.perf_counter()
                tally.cases += 1
                try:
                    if stream:
                        with client.stream(method, path, headers=headers, content=body) as response:
                            text = b"".join(response.iter_bytes())
                            status = response.status_code
                            if status == 200 and b"[DONE]" not in text:
                                tally.outcomes["stream without [DONE]"] += 1
                                tally.bad("stream without [DONE]", f"{path} {body[:120]!r}: {text[-200:]!r}")
                    else:
                        response = client.request(method, path, headers=headers, content=body)
                        status = response.status_code
                except httpx.TimeoutException:
                    tally.outcomes["hang"] += 1
                    tally.bad("hang", f"{method} {path} {(body or b'')[:120]!r}")
                    continue
                except httpx.TransportError as exc:
                    tally.outcomes["connection dropped"] += 1
                    tally.bad("connection dropped", f"{method} {path} {(body or b'')[:120]!r}: {exc!r}")
                    if proc.poll() is not None:
                        tally.bad("server died", log.read_text()[-500:])
                        break
                    continue
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1
                if status >= 500 and status != 504:
                    tally.outcomes[f"HTTP {status}"] += 1
                    tally.bad(f"HTTP {status}", f"{method} {path} {(body or b'')[:160]!r}")
                elif status == 504:
                    tally.outcomes["HTTP 504 (time limit)"] += 1
                    tally.bad("HTTP 504 (time limit)", f"{method} {path} {(body or b'')[:160]!r}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    server_log = log.read_text(errors="replace")
    tracebacks = server_log.count("Traceback")
    if tracebacks:
        tally.outcomes["server traceback"] += tracebacks
        tally.bad("server traceback", server_log[server_log.index("Traceback"):][:600])
    report["http_statuses"] = dict(sorted(statuses.items()))
    latencies.sort()
    report["http_median_ms"] = round(1000 * latencies[len(latencies) // 2], 1) if latencies else None
    return tally


# ---------------------------------------------------------------- MCP
def run_mcp(seed: int, n: int, index: Path, work: Path, report: dict) -> Tally:
    import anyio
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    rng = random.Random(seed + 3)
    tally = Tally()
    calls = []
    for _ in range(n):
        name = rng.choice(["search", "ask", "ask", "search", "nope", ""])
        roll = rng.random()
        if roll < 0.3:
            args = {"query" if name == "search" else "question": hostile_question(rng)}
        elif roll < 0.6:
            args = {"query" if name == "search" else "question": rng.choice(GOOD_QUESTIONS),
                    rng.choice(["k", "source", "since", "until", "mode", "history", "extra"]): _json_value(rng)}
        else:
            args = _json_value(rng) if rng.random() < 0.5 else {}
        calls.append((name, args))
    def encodable(args) -> bool:
        try:
            json.dumps(args, ensure_ascii=False).encode("utf-8")
            return True
        except UnicodeEncodeError:
            return False

    # The SDK's client refuses to send lone surrogates, so those calls go over the raw JSON-RPC channel.
    sdk_calls = [c for c in calls if encodable(c[1])]
    raw_calls = [c for c in calls if not encodable(c[1])]
    params = StdioServerParameters(command=sys.executable, args=["-m", "qa.cli.main", "mcp", "--index", str(index)],
                                   env=env_for(work), cwd=str(ROOT))
    kinds: Counter = Counter()

    async def session_run() -> None:
        with open(work / "mcp-stderr.log", "w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write):
                async with ClientSession(read, write) as session:
                    with anyio.fail_after(300):
                        await session.initialize()
                    for name, args in sdk_calls:
                        tally.cases += 1
                        try:
                            with anyio.fail_after(HANG_S):
                                result = await session.call_tool(name, args if isinstance(args, dict) else {"value": args})
                            kinds["tool error" if result.is_error else "result"] += 1
                        except TimeoutError:
                            tally.outcomes["hang"] += 1
                            tally.bad("hang", f"{name} {args!r:.160}")
                            return
                        except Exception as exc:  # noqa: BLE001 - a protocol error answered is fine; count it
                            kinds[f"protocol error {type(exc).__name__}"] += 1

    try:
        anyio.run(session_run)
    except Exception as exc:  # noqa: BLE001 - the session itself broke: the server died or closed
        tally.outcomes["session broke"] += 1
        tally.bad("session broke", repr(exc)[:300])
    log = (work / "mcp-stderr.log").read_text(errors="replace")
    raw_log = work / "mcp-raw-stderr.log"
    raw_extra = [b'{"jsonrpc": "2.0", "id": 900, "method": "tools/call", "params": {"name": "search", "arguments": {"query": "troops \xff\xfe"}}}',
                 b'{"jsonrpc": "2.0", "id": 901, "method": "tools/call", "params": {"name": "ask"}}',
                 b'{"jsonrpc": "2.0", "id": 902, "method": "tools/call", "params": "x"}',
                 b'{"jsonrpc": "2.0", "id": 903, "method": "nope"}', b'{"jsonrpc": "2.0", "id": 904, "method": "tools/call", "params": {"name": "ask", "arguments": {"question": "' + b"a" * 2_000_000 + b'"}}}',
                 b'{"jsonrpc": "2.0", "id": 905, "method": "tools/call", "params": {"na',  # not JSON: parse error, id null
                 b'\xff\xfe not json', b'[1, 2]']
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli.main", "mcp", "--index", str(index)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=open(raw_log, "wb"), cwd=ROOT, env=env_for(work))

    def send(raw: bytes) -> None:
        proc.stdin.write(raw + b"\n")
        proc.stdin.flush()

    def receive(wanted: int | None, limit: float) -> dict | None:
        import select
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
            line = proc.stdout.readline()
            if not line:
                return None
            reply = json.loads(line)
            if reply.get("id") == wanted:
                return reply
        return None

    try:
        send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}).encode())
        if receive(1, 300) is None:
            tally.bad("session broke", "raw channel: no initialize reply")
        send(b'{"jsonrpc": "2.0", "method": "notifications/initialized"}')
        messages = [json.dumps({"jsonrpc": "2.0", "id": 10 + i, "method": "tools/call", "params": {
            "name": name, "arguments": args if isinstance(args, dict) else {"value": args}}}).encode()
            for i, (name, args) in enumerate(raw_calls)]
        ids = list(range(10, 10 + len(raw_calls))) + [900, 901, 902, 903, 904, None, None, None]
        for wanted, message in zip(ids, messages + raw_extra):
            tally.cases += 1
            send(message)
            # every line is answered, an invalid envelope (902) or a line that is not JSON (id null) too
            reply = receive(wanted, HANG_S if wanted is not None and wanted < 900 else 15)
            if reply is None:
                tally.outcomes["hang"] += 1
                tally.bad("hang", f"raw: {message[:160]!r}")
                if proc.poll() is not None:
                    break
                continue
            if "error" in reply:
                kinds["protocol error (raw)"] += 1
            else:
                kinds["tool error (raw)" if reply["result"].get("isError") else "result (raw)"] += 1
    finally:
        proc.kill()
        proc.wait(timeout=30)
    log += raw_log.read_text(errors="replace")
    if "Traceback" in log:
        tally.outcomes["server traceback"] += log.count("Traceback")
        tally.bad("server traceback", log[log.index("Traceback"):][:600])
    report["mcp_replies"] = dict(kinds)
    return tally


# ---------------------------------------------------------------- report
BAD_COLUMNS = [("tracebacks", ("traceback", "traceback text", "server traceback", "ingest traceback")),
               ("HTTP 5xx", ("HTTP 500", "HTTP 502", "HTTP 503")), ("hangs", ("hang", "ingest hang")),
               ("undocumented / unexpected exit", ("undocumented exit", "unexpected exit", "crash")),
               ("multi-line errors", ("multi-line error",)), ("files over 5 s CPU", ("over 5 s CPU",)),
               ("files over 500 MB", ("over 500 MB",)), ("connection dropped / session broke",
                                                          ("connection dropped", "session broke"))]


def render(report: dict) -> str:
    """The campaign's table as markdown: one row per surface, a column per kind of failure."""
    lines = ["| surface | cases | " + " | ".join(c for c, _ in BAD_COLUMNS) + " | other outcomes | seconds |",
             "|---|---:|" + "---:|" * len(BAD_COLUMNS) + "---|---:|"]
    known = {k for _, ks in BAD_COLUMNS for k in ks}
    totals = [0] * (len(BAD_COLUMNS) + 1)
    for name, surface in report["surfaces"].items():
        outcomes = surface["outcomes"]
        cells = [sum(v for k, v in outcomes.items() if k in keys or k.startswith("ingest exit") and "exit" in column)
                 for column, keys in BAD_COLUMNS]
        other = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()) if k not in known and not k.startswith("ingest exit"))
        totals[0] += surface["cases"]
        for i, c in enumerate(cells):
            totals[i + 1] += c
        lines.append(f"| {name} | {surface['cases']} | " + " | ".join(map(str, cells)) + f" | {other} | {surface['seconds']} |")
    lines.append("| **all** | **" + "** | **".join(map(str, totals)) + "** | | " + f"{report.get('seconds', '')} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=20_261_130)
    parser.add_argument("--work", type=Path, default=Path("/tmp/hardening-campaign/fuzz"))
    parser.add_argument("--file-rounds", type=int, default=70, help="rounds of 9 files (one per kind)")
    parser.add_argument("--batch", type=int, default=200, help="files per `qa ingest` batch")
    parser.add_argument("--questions", type=int, default=600)
    parser.add_argument("--http", type=int, default=1_500)
    parser.add_argument("--mcp", type=int, default=300)
    parser.add_argument("--only", default="files,questions,http,mcp")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    index = work / "indexes" / "kursk"
    if not (index / "CURRENT").exists():
        subprocess.run([sys.executable, "-m", "qa.cli.main", "ingest", str(ARTICLES), "--index", str(index), "--quiet"],
                       cwd=ROOT, env=env_for(work), check=True, stdin=subprocess.DEVNULL)
    out = ROOT / "eval" / "bench" / "fuzz_campaign.json"
    report: dict = {"seed": args.seed, "load_at_start": round(os.getloadavg()[0], 1), "surfaces": {}}
    only = set(args.only.split(","))
    started = time.perf_counter()
    surfaces = [("files", lambda: run_files(args.seed, args.file_rounds, work, args.batch, report)),
                ("questions", lambda: run_questions(args.seed, args.questions, index, work, report)),
                ("http", lambda: run_http(args.seed, args.http, index, work, report)),
                ("mcp", lambda: run_mcp(args.seed, args.mcp, index, work, report))]
    for name, run in surfaces:
        if name not in only:
            continue
        t = time.perf_counter()
        tally = run()
        report["surfaces"][name] = {"cases": tally.cases, "outcomes": dict(tally.outcomes), "findings": tally.findings,
                                    "seconds": round(time.perf_counter() - t, 1)}
        print(name, json.dumps(report["surfaces"][name], ensure_ascii=True)[:3000], flush=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    if only != {"files", "questions", "http", "mcp"} and out.exists():  # a partial rerun: keep the other surfaces
        earlier = json.loads(out.read_text())
        report = {**earlier, **{k: v for k, v in report.items() if k != "surfaces"},
                  "surfaces": {**earlier.get("surfaces", {}), **report["surfaces"]}}
        report["seconds"] = round(sum(s["seconds"] for s in report["surfaces"].values()), 1)
    out.write_text(json.dumps(report, indent=1, ensure_ascii=True) + "\n")
    (ROOT / "eval" / "bench" / "fuzz_campaign.md").write_text(
        f"# Fuzz campaign (seed {args.seed}, load {report['load_at_start']} at the start)\n\n" + render(report))
    print(render(report), flush=True)
    print(f"wrote {out} in {report['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
