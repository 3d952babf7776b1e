"""Prompt templates: plain text files in `settings.prompts_dir`, validated when loaded.

A template file holds a system message and a user message separated by a line `---` (no
separator: the whole file is the user message). Variables are written `{name}`; literal braces
are doubled (`{{`, `}}`). Each template name has a fixed set of variables it must use and may
use; a missing or unknown variable fails at load with a `QAError` naming the file and the fix,
never at the first question.

| template       | variables                |
|----------------|--------------------------|
| answer.txt     | {question} {passages}    |
| condense.txt   | {question} {history}     |
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from qa.errors import InputError

VARIABLES: dict[str, frozenset[str]] = {
    "answer": frozenset({"question", "passages"}),
    "condense": frozenset({"question", "history"}),
}
SEPARATOR = "---"


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    system: str
    user: str
    path: str = ""

    def render(self, **values: str) -> tuple[str, str]:
        """(system message, user message) with the variables filled in."""
        missing = VARIABLES.get(self.name, frozenset()) - set(values)
        if missing:
            raise InputError(
                f"prompt {self.name!r} needs values for {sorted(missing)}",
                hint="pass every variable the template declares",
            )
        return self.system.format(**values), self.user.format(**values)


def template_variables(text: str) -> set[str]:
    """The `{names}` used in `text`; raises InputError for malformed braces or positional/indexed fields."""
    names: set[str] = set()
    try:
        for _, field, _, _ in string.Formatter().parse(text):
            if field is None:
                continue
            if not field.isidentifier():
                raise InputError(
                    f"prompt variable {{{field}}} is not a plain name",
                    hint="use {question}-style names; write literal braces as {{ and }}",
                )
            names.add(field)
    except ValueError as exc:
        raise InputError(
            f"prompt template has unbalanced braces: {exc}", hint="write literal braces as {{ and }}"
        ) from exc
    return names


def parse_template(name: str, text: str, path: str = "") -> PromptTemplate:
    """Split and validate one template's text."""
    if name not in VARIABLES:
        raise InputError(f"unknown prompt template {name!r}", hint=f"known templates: {', '.join(sorted(VARIABLES))}")
    where = path or name
    try:
        system, user = _split(text)
        used = template_variables(system) | template_variables(user)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}", hint=exc.hint) from exc
    allowed = VARIABLES[name]
    unknown, missing = used - allowed, allowed - used
    if unknown:
        raise InputError(
            f"{where} uses unknown variable(s) {', '.join('{' + v + '}' for v in sorted(unknown))}",
            hint=f"{name} templates may use only {', '.join('{' + v + '}' for v in sorted(allowed))}; "
            "write literal braces as {{ and }}",
        )
    if missing:
        raise InputError(
            f"{where} does not use {', '.join('{' + v + '}' for v in sorted(missing))}",
            hint=f"add {', '.join('{' + v + '}' for v in sorted(missing))} to the template",
        )
    return PromptTemplate(name=name, system=system, user=user, path=path)


def load_prompt(name: str, settings: Any) -> PromptTemplate:
    """Load and validate `<prompts_dir>/<name>.txt`."""
    directory = Path(getattr(settings, "prompts_dir"))
    path = directory / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(
            f"prompt template {path} is missing",
            hint=f"create it, or point QA_PROMPTS_DIR at a folder holding {name}.txt",
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"prompt template {path} is unreadable: {exc}", hint="fix the file (UTF-8 text)") from exc
    return parse_template(name, text, str(path))


def _split(text: str) -> tuple[str, str]:
    lines = text.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.strip() == SEPARATOR:
            return "\n".join(lines[:i]).strip(), "\n".join(lines[i + 1 :]).strip()
    return "", text.strip()


PASSAGE_FENCE = '"""'
"""Each passage's text sits between two fence lines, so where quoted data starts and ends is plain."""


def format_passages(hits: Sequence[Any], max_chars: int) -> str:
    """The `{passages}` value: each hit numbered `[n]` with its title, outlet and date, its text fenced
    as quoted data, with sentences that address an AI assistant redacted (qa.answer.instructions)."""
    from qa.answer.instructions import redact_instructions

    blocks = []
    for n, hit in enumerate(hits, 1):
        meta = ", ".join(x for x in (getattr(hit, "source", None), (getattr(hit, "published_at", None) or "")[:10]) if x)
        text = redact_instructions(hit.chunk.text[:max_chars]).replace(PASSAGE_FENCE, '"')
        title = " ".join(str(hit.title).split())
        blocks.append(f"[{n}] {title}" + (f" ({meta})" if meta else "") + f"\n{PASSAGE_FENCE}\n{text}\n{PASSAGE_FENCE}")
    return "\n\n".join(blocks)
