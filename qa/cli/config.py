"""`qa config show`: every setting, its value, and where the value came from."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from qa.cli.render import fail, print_json

if TYPE_CHECKING:
    from qa.config import ResolvedSettings

config_app = typer.Typer(help="Settings: what they are and where each value comes from.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")


@config_app.command("show")
def show(as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of TOML.")) -> None:
    """Print every setting as qa.toml would set it, with its origin (default, a file, env, option).

    Precedence, lowest first: defaults, ~/.config/qa/qa.toml, ./qa.toml, QA_* variables, options.
    Secrets (api keys) are shown only as set or unset.
    """
    from qa.config import resolve_settings
    from qa.errors import QAError

    try:
        resolved = resolve_settings(os.environ)
    except QAError as exc:
        fail(exc)
    rows = settings_rows(resolved)
    if as_json:
        print_json({"files": [str(p) for p in resolved.files], "settings": rows,
                    "unknown_env": list(resolved.unknown_env)})
        return
    typer.echo(render_toml(rows, resolved.files, resolved.unknown_env), nl=False)


def settings_rows(resolved: "ResolvedSettings") -> list[dict[str, Any]]:
    """One row per setting: name, section, file key, environment variable, value, origin, description."""
    from qa.config import origin_label
    from qa.settings import DEFAULT_LLM_MODELS, SECRET_FIELDS, Settings, env_name, file_key

    settings = resolved.settings
    descriptions = Settings.describe()
    rows = []
    for section, names in Settings.sections().items():
        for name in names:
            value = getattr(settings, name)
            secret = name in SECRET_FIELDS and value is not None
            if secret:
                value = "(set, hidden)"
            row = {"name": name, "section": section, "key": file_key(name), "env": env_name(name),
                   "value": _plain(value), "origin": origin_label(name, resolved.origins[name]),
                   "description": descriptions[name]}
            if secret:
                row["secret"] = True
            if name == "llm_model" and settings.llm_model is None:
                row["effective"] = DEFAULT_LLM_MODELS[settings.llm_backend]
            rows.append(row)
    return rows


def render_toml(rows: list[dict[str, Any]], files: tuple[Path, ...], unknown_env: tuple[str, ...] = ()) -> str:
    """The rows as a qa.toml a user can copy, each line commented with where its value came from."""
    from qa.config import suggest_env

    lines = ["# config files read (later wins): " + (", ".join(str(p) for p in files) or "none"),
             "# precedence: default < ~/.config/qa/qa.toml < ./qa.toml < QA_* environment < options"]
    lines += [f"# ignored: {name} names no setting{suggest_env(name)}" for name in unknown_env]
    section = None
    for row in rows:
        if row["section"] != section:
            section = row["section"]
            lines += ["", f"[{section}]"]
        origin = row["origin"]
        note = f"  # {origin}" if origin.startswith("env") else f"  # {origin}; {row['env']}"
        if row.get("secret"):
            lines.append(f"# {row['key']} = {row['value']}{note}")
        elif row["value"] is None:
            unset = f"unset: {row['effective']}" if "effective" in row else "unset"
            lines.append(f"# {row['key']} = ({unset}){note}")
        else:
            lines.append(f"{row['key']} = {_toml_value(row['value'])}{note}")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string is a JSON string
