"""A small fixed-seed slice of the hardening fuzz campaign (eval/bench/fuzz_campaign.py) in the default run:
hostile questions and options through the real CLI, hostile requests through the real API on uvicorn.
Nothing may raise, no status may be 5xx, every exit code must be a documented one.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import random
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SEED = 20_261_130


def campaign():
    spec = importlib.util.spec_from_file_location("fuzz_campaign", ROOT / "eval" / "bench" / "fuzz_campaign.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_campaign"] = module
    spec.loader.exec_module(module)
    return module


def test_hostile_questions_through_the_cli(kursk_index_master, tmp_path):
    from typer.testing import CliRunner

    from qa.cli.main import app

    fuzz = campaign()
    rng = random.Random(SEED)
    runner = CliRunner(env={"QA_CONFIG": "none", "HF_HUB_OFFLINE": "1", "QA_INDEXES_DIR": str(tmp_path / "indexes")})
    failures, codes = [], set()
    for _ in range(50):
        args = [rng.choice(["ask", "search"]), fuzz.hostile_question(rng), "--index", str(kursk_index_master),
                *fuzz.hostile_options(rng)]
        result = runner.invoke(app, args, catch_exceptions=True)
        codes.add(result.exit_code)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures.append(f"{args!r:.150}: {type(result.exception).__name__}: {result.exception}")
        elif result.exit_code not in (0, 2, 3) or "Traceback" in result.output:
            failures.append(f"{args!r:.150}: exit {result.exit_code}: {result.output[-200:]}")
    assert not failures, failures[:5]
    assert {0, 2} <= codes  # both answers and refusals were exercised


def test_hostile_requests_through_the_api(kursk_service):
    from test_api import serve

    from qa.api.app import create_app

    fuzz = campaign()
    rng = random.Random(SEED + 2)
    key = "fuzz-key"
    settings = dataclasses.replace(kursk_service.settings, api_key=key)
    failures, statuses = [], set()
    with serve(create_app(settings, kursk_service), headers={"Authorization": f"Bearer {key}"}) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            for _ in range(150):
                method, path, headers, body, stream = fuzz.http_case(rng, key)
                try:
                    response = client.request(method, path, headers=headers, content=body)
                except httpx.TransportError as exc:
                    # A body over the limit is refused (413) before it is read; the server may close the
                    # socket while the client is still sending, which the client sees as a reset. Any
                    # other dropped connection is a failure.
                    if len(body or b"") <= settings.max_body_bytes:
                        failures.append(f"{method} {path} {(body or b'')[:150]!r}: dropped: {exc!r}")
                    continue
                statuses.add(response.status_code)
                if response.status_code >= 500:
                    failures.append(f"{method} {path} {(body or b'')[:150]!r}: {response.status_code}")
            assert client.get("/healthz").status_code == 200
    assert not failures, failures[:5]
    assert {200, 400, 401} <= statuses
