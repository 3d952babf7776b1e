"""Domain errors. The library raises them; the CLI, API and MCP server render them.

Every error carries a `hint` telling the user what to do next.
"""

from __future__ import annotations


class QAError(Exception):
    """Base class. `exit_code` is what the CLI exits with (documented in the README)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(QAError):
    """Bad user input: empty question, bad path, bad option."""

    exit_code = 2


class IndexNotFoundError(QAError):
    exit_code = 3


class IndexMismatchError(QAError):
    """The index was built with another embedder or format than the one configured."""

    exit_code = 4


class IndexCorruptError(QAError):
    exit_code = 5


class DependencyMissingError(QAError):
    """An optional dependency is not installed: the hint names the install command."""

    exit_code = 6


class GenerationError(QAError):
    """The LLM backend failed (unreachable endpoint, bad model file)."""

    exit_code = 7


class LoadError(QAError):
    """A file (or one record of it) could not be loaded; ingest turns it into a one-line warning."""
