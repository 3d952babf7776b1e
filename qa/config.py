"""Settings from config files and the environment: the one function the entry points call.

Layers, lowest precedence first:

1. the defaults in `qa.settings.Settings`;
2. the user config file, `$XDG_CONFIG_HOME/qa/qa.toml` (`~/.config/qa/qa.toml`);
3. the project config file, `qa.toml` in the working folder;
4. `QA_*` environment variables;
5. command-line options (the `overrides`).

`QA_CONFIG=/path/to/file.toml` reads that one file instead of 2 and 3; `QA_CONFIG=none` reads no file.
A config file has one table per section; keys are field names, written without the section's prefix
(`[llm] backend = "ollama"` is `llm_backend`; the full name is accepted too). Relative paths in a
file are relative to the file's folder. Unknown tables or keys, and values of the wrong type, fail
at once with the key, the file and the fix, so a typo never passes silently.

The environment is passed in (`load_settings(os.environ)`): this module never reads `os.environ`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from qa.errors import InputError
from qa.settings import (
    SECTIONS,
    Settings,
    env_name,
    env_values,
    field_kind,
    file_key,
    is_optional,
    section_of,
)

# Set by the entry points (never by the library) before any model loads: the weights are local
# files, so the whole process runs offline and without download progress bars; tokenizers'
# thread pool is off because the CLI and the API already run requests side by side.
PROCESS_ENVIRONMENT = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
                       "HF_HUB_DISABLE_PROGRESS_BARS": "1"}
CONFIG_NAME = "qa.toml"
CONFIG_ENV = "QA_CONFIG"
DEFAULT = "default"
ENV = "env"
OPTION = "option"


@dataclass(frozen=True)
class ResolvedSettings:
    """Settings with where each value came from: 'default', a config file path, 'env' or 'option'."""

    settings: Settings
    origins: dict[str, str]
    files: tuple[Path, ...]  # config files read, lowest precedence first
    unknown_env: tuple[str, ...] = ()  # QA_* variables that name no setting (typos), for `qa config show`


def config_files(environ: Mapping[str, str], cwd: Path) -> list[Path]:
    """The config files that apply, lowest precedence first (only those that exist).

    An explicit `QA_CONFIG` that names a missing file is an error, not a silent default.
    """
    explicit = environ.get(CONFIG_ENV)
    if explicit is not None:
        if explicit.strip().lower() in ("", "none"):
            return []
        path = Path(explicit).expanduser()
        if not path.is_absolute():
            path = cwd / path
        if not path.is_file():
            raise InputError(f"{CONFIG_ENV}={explicit!r}: no such file",
                             hint=f"point {CONFIG_ENV} at a qa.toml file, or unset it")
        return [path]
    candidates = [user_config_dir(environ) / CONFIG_NAME, cwd / CONFIG_NAME]
    found: list[Path] = []
    for path in candidates:
        if path.is_file() and all(not path.samefile(p) for p in found):
            found.append(path)
    return found


def user_config_dir(environ: Mapping[str, str]) -> Path:
    """`$XDG_CONFIG_HOME/qa`, or `~/.config/qa` (the home folder from `HOME` when given)."""
    xdg = environ.get("XDG_CONFIG_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "qa"
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    return home / ".config" / "qa"


def read_config_file(path: Path) -> dict[str, Any]:
    """Field values set by one config file, typed. Raises `InputError` naming the key and the fix."""
    import tomllib  # only when a config file exists: keeps the cold `qa ask` path short

    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise InputError(f"cannot read config file {path}: {exc.strerror or exc}",
                         hint="fix its permissions, or set QA_CONFIG=none to skip config files") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not valid TOML: {exc}", hint="fix the line it names") from exc
    keys = _keys_by_section()
    values: dict[str, Any] = {}
    for table, entries in data.items():
        if not isinstance(entries, dict):
            field_name = _field_anywhere(table)
            where = (f"'{file_key(field_name)} = ...' under [{section_of(field_name)}]" if field_name
                     else "'key = value' lines under a table: " + ", ".join(f"[{s}]" for s in SECTIONS))
            raise InputError(f"{path}: '{table}' is set outside a table", hint=f"write it as {where}")
        if table not in keys:
            raise InputError(f"{path}: unknown table [{table}]",
                             hint=_suggest(table, list(SECTIONS), "tables are ") + "; see `qa config show`")
        for key, value in entries.items():
            name = keys[table].get(key)
            if name is None:
                raise InputError(f"{path}: unknown key '{key}' in [{table}]", hint=_unknown_key_hint(table, key, keys))
            if name in values:
                raise InputError(f"{path}: [{table}] sets {name} twice",
                                 hint=f"keep one of '{file_key(name)}' and '{name}'")
            values[name] = _typed(name, value, path, table, key)
    return values


def resolve_settings(environ: Mapping[str, str], cwd: Path | None = None, **overrides: Any) -> ResolvedSettings:
    """Defaults < config files < QA_* environment < overrides (None overrides are ignored)."""
    if cwd is None:
        try:
            cwd = Path.cwd()
        except OSError:  # the working folder was removed: there is no project file to read
            cwd = user_config_dir(environ)
    origins = {f.name: DEFAULT for f in fields(Settings)}
    values: dict[str, Any] = {}
    files = config_files(environ, cwd)
    for path in files:
        for name, value in read_config_file(path).items():
            values[name] = value
            origins[name] = str(path)
    for name, value in env_values(environ).items():
        values[name] = value
        origins[name] = ENV
    for name, value in overrides.items():
        if value is None:
            continue
        if name not in origins:
            raise InputError(f"unknown setting {name!r}", hint="see `qa config show` for the settings")
        values[name] = value
        origins[name] = OPTION
    try:
        settings = Settings(**values)
    except InputError as exc:  # say where each offending value came from
        named = [n for n in values if re.search(rf"\b{n}\b", exc.message)]
        where = "; ".join(f"{n} from {origin_label(n, origins[n])}" for n in named)
        raise InputError(exc.message + (f" ({where})" if where else ""), hint=exc.hint) from exc
    known = {env_name(name) for name in origins} | {CONFIG_ENV}
    unknown = tuple(sorted(k for k in environ if k.startswith("QA_") and k not in known))
    return ResolvedSettings(settings, origins, tuple(files), unknown)


def suggest_env(name: str) -> str:
    """'QA_LLM_MODLE' -> ' (did you mean QA_LLM_MODEL?)', or ''."""
    import difflib

    close = difflib.get_close_matches(name, [env_name(f.name) for f in fields(Settings)], n=1, cutoff=0.75)
    return f" (did you mean {close[0]}?)" if close else ""


def load_settings(environ: Mapping[str, str], cwd: Path | None = None, **overrides: Any) -> Settings:
    """The process's one Settings object, built by the CLI, the API and the MCP server at start."""
    return resolve_settings(environ, cwd, **overrides).settings


def origin_label(name: str, origin: str) -> str:
    """How `qa config show` says where a value came from."""
    if origin == ENV:
        return f"env {env_name(name)}" if name != "llm_api_key" else "env QA_LLM_API_KEY or OPENAI_API_KEY"
    return origin if origin in (DEFAULT, OPTION) else f"file {origin}"


# --- helpers
def _keys_by_section() -> dict[str, dict[str, str]]:
    keys: dict[str, dict[str, str]] = {s: {} for s in SECTIONS}
    for section, names in Settings.sections().items():
        for name in names:
            keys[section][file_key(name)] = name
            keys[section].setdefault(name, name)
    return keys


def _field_anywhere(key: str) -> str | None:
    for section, names in _keys_by_section().items():
        if key in names:
            return names[key]
    return None


def _unknown_key_hint(table: str, key: str, keys: dict[str, dict[str, str]]) -> str:
    elsewhere = _field_anywhere(key)
    if elsewhere is not None:
        return f"'{key}' belongs in [{section_of(elsewhere)}] as '{file_key(elsewhere)}'"
    short = [k for k, name in keys[table].items() if k == file_key(name)]
    return _suggest(key, short, f"keys in [{table}] are ")


def _suggest(word: str, choices: list[str], listing: str) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return listing + ", ".join(choices)


def _typed(name: str, value: Any, path: Path, table: str, key: str) -> Any:
    kind = field_kind(name)

    def bad(expected: str) -> InputError:
        return InputError(f"{path}: [{table}] {key} = {value!r} is not {expected}",
                          hint=f"write {key} as {expected}")

    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("an integer")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number")
        return float(value)
    if kind == "tuple":
        if isinstance(value, str):
            value = [p.strip() for p in value.split(",") if p.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    if kind == "path":
        p = Path(value).expanduser()
        return p if p.is_absolute() else (path.parent / p).resolve()
    if is_optional(name) and value == "":
        return None
    return value
