"""Is a generation intact? Cheap checks on every open, a full verification on demand.

Damage is anything that makes a generation differ from what its writer sealed: a flipped or lost
byte, a truncated copy, an edited manifest. Every check here returns problems (one short phrase
each) or raises `IndexCorruptError` (exit 5, "rebuild it"); nothing is ever silently tolerated,
because a damaged vector file still loads and answers, only differently.

When what is checked:
- the manifest, whenever it is read (`parse_manifest`): valid UTF-8 JSON, an object of the
  expected shape, and its own checksum `manifest_sha256` (sha256 of its canonical JSON without that
  key), so an edited count or a dropped `files` table is caught like a flipped byte;
- on every open (`file_problems(full=False)`): each file listed in `files` exists with its recorded
  size and xxh3-128 digest, and every file the reader needs is listed. For the 117 MB of a
  MultiHop-RAG generation xxh3 over a memory map takes 14.5 ms, sha256 191 ms, blake2b 282 ms
  (eval/bench/integrity.md), so the open path hashes with xxh3: same-size flips are caught on every
  open at a cost well under the model load;
- after loading (`loaded_problems`): counts in the manifest against the docstore, dtypes and shapes
  of the arrays;
- on demand (`verify_generation`, `qa index show --verify`): the sha256 of every file, SQLite's own
  integrity check, and the counts and every chunk's span against the docstore and the arrays;
- before `qa ingest` writes over the live generation (`repairable_damage`): damage to files derived
  from the docstore is repaired by writing the next generation; a damaged docstore is refused.

Manifests written before the fast digests existed carry sha256 only: they are hashed with sha256 on
open (slower, still correct) until the next ingest writes a new generation.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from qa.errors import IndexCorruptError

if TYPE_CHECKING:  # numpy is imported where arrays are checked: `qa indexes` and `qa index show` need none
    import numpy as np

MANIFEST_CHECKSUM = "manifest_sha256"
FAST_DIGEST = "xxh3_128"
# Bytes of a file hashed per memory map (a multiple of every page size). 8 MB: as fast as 64 MB (27.8 vs
# 32.4 ms over a MultiHop-RAG generation), and a window counts in the RSS of an ingest while it is mapped.
_DIGEST_WINDOW = 1 << 23
# Files at least this large are hashed on the first open after they last changed, not on every open: a
# 1M-chunk generation holds 8 GB (3.5 GB of sentence vectors), which takes 1 s to hash from the page cache
# and 10 s from disk, against a 2 s cold-open target (eval/bench/scale.md). A file counts as unchanged while
# its inode, size, mtime and ctime are those recorded when its digest last matched (`STAMP_FILE`); any
# write through the file system changes ctime, which no user-space call can set back. A MultiHop-RAG
# generation has no file this large: everything in it is still hashed on every open.
STAMPED_FROM_BYTES = 256 * 2**20
STAMP_FILE = ".verified.json"
# An error message lists this many problems, then counts the rest: one readable line.
_SHOWN_PROBLEMS = 3


def rebuild_hint(root: Path) -> str:
    return f"rebuild it: `qa ingest PATH --index {root} --rebuild`"


def damaged(root: Path, generation: str | None, problems: Iterable[str]) -> IndexCorruptError:
    """The one error every kind of damage becomes: what is wrong, and the command that fixes it."""
    problems = list(problems)
    shown = "; ".join(problems[:_SHOWN_PROBLEMS])
    if len(problems) > _SHOWN_PROBLEMS:
        shown += f"; and {len(problems) - _SHOWN_PROBLEMS} more"
    where = f"index {root}" + (f" generation {generation}" if generation else "")
    return IndexCorruptError(f"{where} is damaged: {shown}", hint=rebuild_hint(root))


# --- digests
def fast_digest(path: Path) -> str:
    """xxh3-128 of the file, read through memory-mapped windows: no copy, and at most one window of the
    file is mapped at a time (mapping a multi-GB file whole would count all of it in the process's RSS)."""
    import xxhash

    digest = xxhash.xxh3_128()
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        for offset in range(0, size, _DIGEST_WINDOW):
            with mmap.mmap(fh.fileno(), min(_DIGEST_WINDOW, size - offset), access=mmap.ACCESS_READ,
                           offset=offset) as window:
                digest.update(window)
    return digest.hexdigest()


def sha256_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digests(directory: Path, skip: str) -> dict[str, dict[str, Any]]:
    """Size, sha256 and xxh3-128 of every file in `directory` except `skip` (the manifest itself)."""
    out = {}
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.name != skip:
            out[path.name] = {"bytes": path.stat().st_size, "sha256": sha256_digest(path), FAST_DIGEST: fast_digest(path)}
    return out


# --- the manifest
def manifest_checksum(manifest: Mapping[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != MANIFEST_CHECKSUM}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def seal(manifest: Mapping[str, Any]) -> dict[str, Any]:
    """The manifest with its own checksum added (written last, by the writer only). The checksum is
    taken over the manifest as a reader will parse it (tuples become lists, keys strings)."""
    as_read = json.loads(json.dumps(manifest))
    return {**as_read, MANIFEST_CHECKSUM: manifest_checksum(as_read)}


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def manifest_shape_problems(manifest: object) -> list[str]:
    """What is missing or mistyped in a parsed manifest (pure; the format version is checked by the caller)."""
    if not isinstance(manifest, dict):
        return [f"the manifest is a JSON {type(manifest).__name__}, not an object"]
    problems = []
    embedder = manifest.get("embedder")
    if not (isinstance(embedder, dict) and isinstance(embedder.get("name"), str)
            and _is_count(embedder.get("dimension")) and embedder["dimension"] > 0):
        problems.append("the manifest has no valid embedder")
    counts = manifest.get("counts")
    if not (isinstance(counts, dict) and all(_is_count(counts.get(k)) for k in ("documents", "chunks"))
            and all(_is_count(v) for v in counts.values())):
        problems.append("the manifest has no valid counts")
    if not isinstance(manifest.get("chunking"), dict):
        problems.append("the manifest has no chunking parameters")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        problems.append("the manifest lists no files")
    elif not all(isinstance(name, str) and "/" not in name and name not in ("", ".", "..")
                 and isinstance(entry, dict) and _is_count(entry.get("bytes")) and isinstance(entry.get("sha256"), str)
                 for name, entry in files.items()):
        problems.append("the manifest's file table is malformed")
    return problems


def parse_manifest(data: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """(manifest, problems): the manifest if it decodes to an object, and what is wrong with it."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, ["manifest.json is not valid UTF-8"]
    except ValueError as exc:  # JSONDecodeError, or a number too long to parse
        return None, [f"manifest.json is not valid JSON ({exc})"]
    if not isinstance(manifest, dict):
        return None, manifest_shape_problems(manifest)
    recorded = manifest.get(MANIFEST_CHECKSUM)
    if recorded is not None and recorded != manifest_checksum(manifest):
        return manifest, ["manifest.json does not match its own checksum (edited or damaged)"]
    return manifest, []


# --- the files of a generation
def file_problems(generation_dir: Path, manifest: Mapping[str, Any], *, required: Iterable[str] = (),
                  full: bool = False) -> list[str]:
    """Missing, resized or changed files. `full` compares sha256 (slow); otherwise the fast digest,
    falling back to sha256 for manifests written before fast digests existed. Without `full`, a file of
    `STAMPED_FROM_BYTES` or more whose digest matched before and that has not changed since is not hashed."""
    files = manifest.get("files") or {}
    problems = [f"{name} is not listed in the manifest" for name in required if name not in files]
    stamps = {} if full else _read_stamps(generation_dir)
    verified: dict[str, list[Any]] = {}
    for name, expected in files.items():
        path = generation_dir / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            problems.append(f"{name} is missing")
            continue
        size = stat.st_size
        if size != expected["bytes"]:
            problems.append(f"{name} has {size} bytes, expected {expected['bytes']}")
            continue
        slow = full or FAST_DIGEST not in expected
        stamp = None if slow or size < STAMPED_FROM_BYTES else _identity(stat) + [expected[FAST_DIGEST]]
        if stamp is not None and stamps.get(name) == stamp:
            verified[name] = stamp
            continue
        try:
            actual = sha256_digest(path) if slow else fast_digest(path)
        except OSError as exc:  # a folder where the file should be, permissions, I/O errors
            problems.append(f"{name} is unreadable ({exc.strerror or exc})")
            continue
        if actual != expected["sha256" if slow else FAST_DIGEST]:
            problems.append(f"{name} checksum differs")
        elif stamp is not None:
            verified[name] = stamp
    if not full and verified != stamps:
        _write_stamps(generation_dir, verified)
    return problems


def _identity(stat: os.stat_result) -> list[Any]:
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _read_stamps(generation_dir: Path) -> dict[str, Any]:
    try:
        stamps = json.loads((generation_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stamps if isinstance(stamps, dict) else {}


def _write_stamps(generation_dir: Path, stamps: dict[str, Any]) -> None:
    """Atomically (concurrent readers write the same content); a read-only index just hashes again next open."""
    tmp = generation_dir / f"{STAMP_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps(stamps), encoding="utf-8")
        os.replace(tmp, generation_dir / STAMP_FILE)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass


def _array_problems(name: str, array: np.ndarray, kind: str, shape: tuple[int, ...]) -> list[str]:
    """`kind` is a numpy dtype kind: 'f' float, 'i' signed integer."""
    if array.dtype.kind != kind or tuple(array.shape) != shape:
        return [f"{name}: {array.dtype} {tuple(array.shape)}, expected {'float' if kind == 'f' else 'int'} {shape}"]
    return []


def loaded_problems(manifest: Mapping[str, Any], *, documents: int, chunks: int, orphan_chunks: int,
                    vectors: np.ndarray, sentence_ptr: np.ndarray, sentence_spans: np.ndarray,
                    sentence_vectors: np.ndarray, store_size: int | None, bm25_rows: int | None) -> list[str]:
    """Counts, dtypes and shapes of what was loaded against the manifest and each other (pure; reads
    array headers and the sentence pointers only)."""
    counts, dimension = manifest["counts"], manifest["embedder"]["dimension"]
    problems = []
    if documents != counts["documents"]:
        problems.append(f"the docstore holds {documents} documents, the manifest says {counts['documents']}")
    if chunks != counts["chunks"]:
        problems.append(f"the docstore holds {chunks} chunks, the manifest says {counts['chunks']}")
    if orphan_chunks:
        problems.append(f"{orphan_chunks} chunks belong to no stored document")
    if store_size is not None and store_size != chunks:
        problems.append(f"the vector store holds {store_size} vectors for {chunks} chunks")
    if bm25_rows is not None and bm25_rows != chunks:
        problems.append(f"the BM25 index covers {bm25_rows} chunks of {chunks}")
    problems += _array_problems("the chunk vectors", vectors, "f", (chunks, dimension))
    ptr_problems = _array_problems("the sentence pointers", sentence_ptr, "i", (chunks + 1,))
    if not ptr_problems and (int(sentence_ptr[0]) != 0 or bool((sentence_ptr[1:] < sentence_ptr[:-1]).any())):
        ptr_problems = ["the sentence pointers are not ascending from 0"]
    problems += ptr_problems
    if not ptr_problems:
        sentences = int(sentence_ptr[-1])
        problems += _array_problems("the sentence spans", sentence_spans, "i", (sentences, 2))
        problems += _array_problems("the sentence vectors", sentence_vectors, "f", (sentences, dimension))
        if counts.get("sentences", sentences) != sentences:
            problems.append(f"{sentences} sentences stored, the manifest says {counts['sentences']}")
    return problems


def sqlite_problems(path: Path) -> list[str]:
    """SQLite's own structural check of a database file (reads every page)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return [f"{path.name} is not a readable database ({exc})"]
    return [] if rows == ["ok"] else [f"{path.name}: {rows[0]}"]


def _store_size(store: Any) -> int | None:
    count = getattr(store, "count", None)
    if callable(count):
        return int(count())
    size = getattr(store, "size", None)
    return int(size) if size is not None else None


def reader_problems(reader: Any) -> list[str]:
    """`loaded_problems` over an opened `IndexReader` (taken by duck type: the reader imports this module)."""
    bm25 = reader.bm25
    return loaded_problems(
        reader.manifest, documents=len(reader.documents), chunks=len(reader.chunks),
        orphan_chunks=reader.orphan_chunks(), vectors=reader.vectors, sentence_ptr=reader.sentence_ptr,
        sentence_spans=reader.sentence_spans, sentence_vectors=reader.sentence_vectors,
        store_size=_store_size(reader.store), bm25_rows=None if bm25 is None else int(bm25.n_docs),
    )


def verify_generation(root: Path, generation_dir: Path, manifest: Mapping[str, Any],
                      milvus_token: str | None = None) -> list[str]:
    """Everything `qa index show --verify` checks; [] when the generation is intact.

    Slow on purpose (it reads every byte twice): the sha256 of every file, SQLite's integrity check,
    then the generation opened as a query would open it, its counts against the docstore and the
    arrays, and every chunk's text against its document at its recorded span. Errors that are not
    damage (a Milvus server that cannot be reached, another format) are raised as they are."""
    from qa.index import docstore
    from qa.index.reader import open_index

    problems = file_problems(generation_dir, manifest, required=(docstore.FILE,), full=True)
    if problems:
        return problems  # a changed file makes the deeper checks meaningless
    problems = sqlite_problems(generation_dir / docstore.FILE)
    if problems:
        return problems
    documents, chunks = docstore.count_rows(generation_dir)
    counts = manifest["counts"]
    if (documents, chunks) != (counts["documents"], counts["chunks"]):
        return [f"the docstore holds {documents} documents and {chunks} chunks, "
                f"the manifest says {counts['documents']} and {counts['chunks']}"]
    problems = docstore.entity_problems(generation_dir, counts.get("entities"))
    if problems:
        return problems
    try:
        reader = open_index(root, manifest["embedder"]["name"], manifest["embedder"]["dimension"],
                            milvus_token=milvus_token)
    except IndexCorruptError as exc:
        return [exc.message]
    if reader.generation != generation_dir.name:
        return [f"CURRENT moved to {reader.generation} during the check: run it again"]
    bad_spans = sum(1 for c in reader.chunks if reader.documents[c.doc_id].text[c.start : c.end] != c.text)
    return [f"{bad_spans} chunks differ from their documents' text"] if bad_spans else []


def repairable_damage(root: Path, generation_dir: Path, manifest: Mapping[str, Any]) -> list[str]:
    """For `qa ingest` into the live generation: [] when intact; the problems when only files derived
    from the docstore are damaged (vectors, vector store, BM25, sentence arrays), which the next
    generation rebuilds from the stored documents and chunks and the embedding cache. Raises when the
    docstore itself is damaged: then nothing on disk says what the index held."""
    from qa.index import docstore

    problems = file_problems(generation_dir, manifest, required=(docstore.FILE,))
    if any(p.startswith(docstore.FILE) for p in problems):
        raise damaged(root, generation_dir.name, problems)
    return problems
