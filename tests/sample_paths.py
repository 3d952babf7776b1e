"""Paths of the repository and its bundled kursk sample, importable from any test module.

A module of its own (not `from conftest import ...`): several folders have a conftest.py, and which
one the name `conftest` means depends on the order pytest collects them in.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KURSK_ARTICLES = ROOT / "eval" / "datasets" / "kursk" / "articles"
KURSK_QUESTIONS = ROOT / "eval" / "datasets" / "kursk" / "questions.jsonl"
