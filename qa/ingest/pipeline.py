"""Ingest: files -> cleaned documents -> chunks -> vectors -> a new index generation, switched atomically.

Incremental: a document whose raw content hash is unchanged is reused as it is (not re-cleaned,
not re-chunked, not re-embedded); vectors are looked up by the hash of the exact text embedded, in
an embedding cache written batch by batch, so an interrupted ingest resumes where it stopped.
Named entities (`settings.ingest_entities`, qa/ingest/entities.py) are recognised per document the
same way: cached by the hash of the document's cleaned text, so only new and changed documents are
read by the recogniser, and spaCy is imported only when one is.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from qa.errors import InputError, QAError
from qa.index import docstore, generations, integrity
from qa.index.embedder import TokenEmbeddings
from qa.index.embedding_cache import SENTENCE_DTYPE, EmbeddingCache
from qa.index.entity_cache import EntityCache
from qa.index.reader import check_embedder
from qa.index.torch_bert import IngestEmbedder, TorchBertEmbedder
from qa.index.writer import GenerationContent, write_generation
from qa.ingest.chunking import chunk_document, embedding_prefix, embedding_text
from qa.ingest.cleaning import clean_document
from qa.ingest.dedup import DuplicateDetector
from qa.ingest.entities import EntityRecogniser, EntitySpan
from qa.ingest.loaders import load_file
from qa.ingest.sentences import bounded_spans, is_prose, split_sentences
from qa.ingest.walk import require_paths, walk
from qa.settings import Settings
from qa.types import Chunk, Document, IngestSummary, IngestWarning

# Bumped when chunk embedding inputs change meaning (prefix format, sentence pooling).
EMBED_VERSION = "1"

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class _Previous:
    documents: dict[str, Document] = field(default_factory=dict)
    chunks: dict[str, list[tuple[Chunk, str]]] = field(default_factory=dict)  # doc_id -> [(chunk, embed_hash)]
    generation: str | None = None
    # Damaged files of that generation derived from its docstore: the next generation is written (and
    # so repaired) even when no document changed.
    damage: list[str] = field(default_factory=list)


def _load_previous(root: Path, settings: Settings, dimension: int, arithmetic: str) -> _Previous:
    name = generations.current_generation(root)
    if name is None:
        return _Previous()
    gen_dir = generations.generation_path(root, name)
    manifest = generations.read_manifest(gen_dir)
    check_embedder(manifest, settings.embedder, dimension, root, arithmetic)
    prev = _Previous(generation=name, damage=integrity.repairable_damage(root, gen_dir, manifest))
    prev.documents = {d.doc_id: d for d in docstore.read_documents(gen_dir)}
    for chunk, embed_hash in docstore.read_chunks(gen_dir):
        prev.chunks.setdefault(chunk.doc_id, []).append((chunk, embed_hash))
    return prev


def _embed_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{EMBED_VERSION}\x00{model}\x00{text}".encode()).hexdigest()[:32]


def _chunk_sentence_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Sentence spans of a chunk, relative to the chunk text (chunks are sentence-aligned); tiny sentences
    grouped beyond one span per 13 characters, which bounds the sentence vectors a file can cost. Non-prose
    is one span: it has no sentences to quote."""
    spans = bounded_spans(split_sentences(chunk.text), len(chunk.text)) if is_prose(chunk.text) else []
    return spans or [(0, len(chunk.text))]


# Characters of a non-prose chunk (`qa.ingest.sentences.is_prose`) the model reads: its vector is that of its
# opening (8,000 characters of digits are ~4,000 tokens, and the model would read 256 of them anyway). 400
# characters of 5-digit numbers were ~200 tokens and 1 MB of them 13 CPU s of embedding; 100 characters of
# symbol runs (a token each) still cost 4.7 s a megabyte; 32 are at most 32 tokens.
NON_PROSE_EMBED_CHARS = 32


def _model_text(prefix: str, chunk: Chunk) -> str:
    """What the model reads for `chunk`: the embedding text, or for non-prose the prefix and its opening."""
    return prefix + (chunk.text if is_prose(chunk.text) else chunk.text[:NON_PROSE_EMBED_CHARS])


def _pool_sentences(tokens: TokenEmbeddings, prefix_len: int, spans: list[tuple[int, int]], fallback: np.ndarray) -> np.ndarray:
    """Mean of the contextual token vectors inside each sentence: sentence vectors at no extra model cost."""
    out = np.zeros((len(spans), fallback.shape[0]), dtype=np.float32)
    starts, ends = tokens.offsets[:, 0], tokens.offsets[:, 1]
    for i, (s, e) in enumerate(spans):
        inside = (starts >= prefix_len + s) & (ends <= prefix_len + e)
        vec = tokens.vectors[inside].mean(0) if inside.any() else fallback
        out[i] = vec / max(float(np.linalg.norm(vec)), 1e-12)
    return out


def ingest(
    paths: Sequence[Path],
    index_path: Path,
    settings: Settings,
    *,
    prune: bool = False,
    rebuild: bool = False,
    remove_ids: Iterable[str] = (),
    allow_empty: bool = False,
    progress: Progress | None = None,
    embedder: IngestEmbedder | None = None,
    recogniser: EntityRecogniser | None = None,
) -> IngestSummary:
    """Ingest `paths` into the index at `index_path`; see the module docstring. Never loses indexed data.

    A path that does not exist is an `InputError` before the index is touched; `prune` that
    would leave the index with no documents is refused unless `allow_empty`.
    """
    require_paths(paths)
    started = time.perf_counter()
    summary = IngestSummary(index_path=str(index_path))
    with generations.writer_lock(index_path):
        emb = embedder or TorchBertEmbedder(settings.embedder, settings.embed_batch_size, settings.embed_arithmetic)
        prev = _Previous() if rebuild else _load_previous(index_path, settings, emb.dimension, emb.arithmetic)
        if prev.damage:
            summary.warnings.append(IngestWarning(str(index_path), f"generation {prev.generation} was damaged "
                                                  f"({'; '.join(prev.damage[:3])}); rebuilt from its stored documents"))
        docs: dict[str, Document] = {}
        changed: set[str] = set()
        detector = _LazyDetector(DuplicateDetector(settings.near_duplicate_threshold))
        if not rebuild and not prune:
            # Documents not named in this run stay; they are seen by the duplicate detector first.
            for doc in prev.documents.values():
                docs[doc.doc_id] = doc
                detector.add_later(doc.doc_id, doc.text)
        seen: set[str] = set()
        items = list(walk(list(paths), settings.include, settings.exclude))
        for number, item in enumerate(items):
            if progress:
                progress("load", number, len(items))  # loading and cleaning, file by file
            if item.warning is not None:
                summary.warnings.append(item.warning)
                continue
            try:
                result = load_file(item.path, item.doc_id, settings.max_file_bytes)
            except QAError as exc:
                summary.warnings.append(IngestWarning(str(item.path), exc.message))
                continue
            summary.warnings.extend(result.warnings)
            for raw in result.documents:
                _take_document(raw, prev, docs, changed, seen, detector, summary)
        if progress:
            progress("load", len(items), len(items))
        removed = set(remove_ids)
        if prune:
            removed |= set(prev.documents) - seen
        for doc_id in removed:
            docs.pop(doc_id, None)
        if prune and prev.documents and not docs and not allow_empty:
            raise InputError(f"--prune would remove all {len(prev.documents)} documents of the index: "
                             f"none was found under {', '.join(map(str, paths)) or 'the paths given'}",
                             hint="check the paths; pass --allow-empty to empty the index on purpose")
        summary.documents_removed = len(removed & set(prev.documents))
        if (not rebuild and not changed and not summary.documents_removed and prev.generation is not None
                and not prev.damage):
            summary.generation = prev.generation
            _finish_counts(summary, docs, prev)
            summary.seconds = time.perf_counter() - started
            return summary
        summary.generation = _write_generation(index_path, settings, emb, docs, changed, prev, summary, progress,
                                               recogniser)
        summary.seconds = time.perf_counter() - started
        return summary


def _finish_counts(summary: IngestSummary, docs: dict[str, Document], prev: _Previous) -> None:
    summary.documents_total = len(docs)
    summary.chunks_total = sum(len(prev.chunks.get(d, [])) for d in docs)


def _take_document(
    raw: Document, prev: _Previous, docs: dict[str, Document], changed: set[str], seen: set[str],
    detector: _LazyDetector, summary: IngestSummary,
) -> None:
    if raw.doc_id in seen:
        summary.warnings.append(IngestWarning(raw.path or raw.doc_id, f"duplicate document id {raw.doc_id}; later copy skipped"))
        return
    seen.add(raw.doc_id)
    old = prev.documents.get(raw.doc_id)
    if old is not None and old.content_hash == raw.content_hash:
        docs[raw.doc_id] = old
        summary.documents_unchanged += 1
        if old.doc_id not in detector:
            detector.add_later(old.doc_id, old.text)
        return
    try:
        doc = clean_document(raw)
    except QAError as exc:
        summary.warnings.append(IngestWarning(raw.path or raw.doc_id, exc.message))
        return
    exact, near = detector.add(doc.doc_id, doc.text)  # replaces this id's earlier text
    if exact is not None and exact != doc.doc_id:
        summary.duplicates += 1
        summary.warnings.append(IngestWarning(raw.path or raw.doc_id, f"identical to {exact}; stored once"))
        return
    if near is not None and near != doc.doc_id:
        summary.near_duplicates += 1
        doc = _with(doc, duplicate_of=near)
    docs[doc.doc_id] = doc
    changed.add(doc.doc_id)
    if old is None:
        summary.documents_added += 1
    else:
        summary.documents_updated += 1


class _LazyDetector:
    """The duplicate detector, fed documents already indexed only once a new or changed one is checked.

    Shingling every kept document took 0.7 s of a 1 s unchanged re-ingest (609 articles) that checks
    nothing; the deferred documents are added in the order they came, so the outcome is the same."""

    def __init__(self, detector: DuplicateDetector) -> None:
        self._detector = detector
        self._pending: dict[str, str] = {}

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._pending or doc_id in self._detector

    def add(self, doc_id: str, text: str) -> tuple[str | None, str | None]:
        for pending_id, pending_text in self._pending.items():
            self._detector.add(pending_id, pending_text)
        self._pending.clear()
        return self._detector.add(doc_id, text)

    def add_later(self, doc_id: str, text: str) -> None:
        self._pending.pop(doc_id, None)
        self._pending[doc_id] = text


def _with(doc: Document, **changes: object) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)  # type: ignore[arg-type]


def _write_generation(
    root: Path, settings: Settings, emb: IngestEmbedder, docs: dict[str, Document], changed: set[str],
    prev: _Previous, summary: IngestSummary, progress: Progress | None,
    recogniser: EntityRecogniser | None = None,
) -> str:
    # 1. chunks in a deterministic row order: documents by id, chunks by position.
    rows: list[tuple[Chunk, str, str, int]] = []  # (chunk, embed_hash, embedding text, prefix length)
    model_key = f"{emb.name}:{emb.arithmetic}"  # vectors of one arithmetic are never reused for another
    for number, doc_id in enumerate(sorted(docs)):
        if progress and number % 50 == 0:
            progress("chunk", number, len(docs))
        doc = docs[doc_id]
        prefix = embedding_prefix(doc)
        if doc_id in changed or doc_id not in prev.chunks:
            chunks = chunk_document(doc, emb.count_tokens, settings.chunk_tokens, settings.chunk_overlap_tokens,
                                    settings.chunk_across_paragraphs)
        else:
            chunks = [c for c, _ in prev.chunks[doc_id]]
        for chunk in chunks:
            # keyed by what the model reads (the embedding text itself, for prose)
            rows.append((chunk, _embed_hash(model_key, _model_text(prefix, chunk)), embedding_text(doc, chunk),
                         len(prefix)))
    if progress:
        progress("chunk", len(docs), len(docs))
    # Entities are recognised beside the embedding below (a spaCy child on the core the embedder leaves
    # idle) and collected before the generation is written.
    entity_run = (_EntityRun(root, [docs[d] for d in sorted(docs)], recogniser, summary, progress)
                  if settings.ingest_entities else None)
    try:
        return _embed_and_write(root, settings, emb, docs, rows, prev, entity_run, summary, progress)
    except BaseException:
        if entity_run is not None:
            entity_run.abandon()
        raise


def _embed_and_write(root: Path, settings: Settings, emb: IngestEmbedder, docs: dict[str, Document],
                     rows: list[tuple[Chunk, str, str, int]], prev: _Previous, entity_run: "_EntityRun | None",
                     summary: IngestSummary, progress: Progress | None) -> str:
    """Embed what the cache lacks, then write the generation (with the entities `entity_run` finds)."""
    model_key = f"{emb.name}:{emb.arithmetic}"

    # 2. vectors: from the cache when this exact text was embedded before, else embedded now: one model
    # pass per chunk gives the chunk vector and, pooled from its token states, each sentence's vector.
    cache = EmbeddingCache(root, model_key, emb.dimension)
    if cache.discarded:
        summary.warnings.append(IngestWarning(str(root), cache.discarded))
    try:
        evidence = [_chunk_sentence_spans(c) for c, _, _, _ in rows]  # once per row, for pooling and for the arrays
        # The arrays in row order, allocated once and filled in place as vectors come (from the cache or a
        # model pass): no per-chunk arrays kept until the end, where they fragmented the heap of a large ingest.
        n = len(rows)
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.fromiter((len(sp) for sp in evidence), dtype=np.int64, count=n), out=ptr[1:])
        vectors = np.zeros((n, emb.dimension), dtype=np.float32)
        spans = np.zeros((int(ptr[-1]), 2), dtype=np.int32)
        sentence_vectors = np.zeros((int(ptr[-1]), emb.dimension), dtype=SENTENCE_DTYPE)
        rows_of: dict[str, list[int]] = {}
        for r, (chunk, h, _, _) in enumerate(rows):
            rows_of.setdefault(h, []).append(r)
            spans[ptr[r] : ptr[r + 1]] = evidence[r]
            spans[ptr[r] : ptr[r + 1]] += chunk.start

        def place(h: str, vec: np.ndarray, sents: np.ndarray) -> None:
            for r in rows_of[h]:
                vectors[r] = vec
                sentence_vectors[ptr[r] : ptr[r + 1]] = sents

        cached = cache.get_many(h for _, h, _, _ in rows)
        todo_of: dict[str, tuple[str, int, list[tuple[int, int]]]] = {}  # hash -> (text, prefix length, spans)
        placed: set[str] = set()
        for (chunk, h, text, plen), spans_of_row in zip(rows, evidence):
            if h in placed or h in todo_of:
                continue  # a repeated chunk: every row of its hash is filled at once
            hit = cached.pop(h, None)
            if hit is not None and len(hit[1]) == len(spans_of_row):
                place(h, *hit)
                placed.add(h)
            else:  # new, or pooled over other sentence spans (before they were bounded): embedded (again)
                todo_of[h] = (_model_text(text[:plen], chunk), plen, spans_of_row)
        del cached, evidence, placed
        todo = list(todo_of.items())
        del todo_of
        total = len(todo)
        if progress:
            progress("embed", 0, total)
        done = 0
        if entity_run is not None:
            entity_run.share_cores()
        for batch in emb.embed_batches([t for _, (t, _, _) in todo]):
            fresh = []
            for i, vec, tok in zip(batch.indices, batch.vectors, batch.tokens):
                h, (_, plen, chunk_spans) = todo[i]
                sents = _pool_sentences(tok, plen, chunk_spans, vec).astype(SENTENCE_DTYPE)
                place(h, vec, sents)
                fresh.append((h, vec, sents))
            cache.put_many(fresh)  # written batch by batch: an interrupted ingest resumes here
            done += len(batch.indices)
            if progress:
                progress("embed", done, total)
            if entity_run is not None:
                entity_run.share_cores()
                entity_run.report()
        summary.chunks_embedded = total
        del todo

        # 3. the index layer writes the generation and switches to it (qa/index/writer.py).
        entities, recogniser_name = entity_run.finish() if entity_run is not None else (None, "")
        if progress:
            progress("write", 0, 1)
        content = GenerationContent(
            documents=[docs[d] for d in sorted(docs)],
            chunks=[(c, h) for c, h, _, _ in rows],
            lexical_texts=[t for _, _, t, _ in rows],
            vectors=vectors,
            sentence_ptr=ptr,
            sentence_spans=spans,
            sentence_vectors=sentence_vectors,
            embedder={"name": emb.name, "dimension": emb.dimension, "max_tokens": emb.max_tokens,
                      "arithmetic": emb.arithmetic},
            chunking={"chunk_tokens": settings.chunk_tokens, "overlap_tokens": settings.chunk_overlap_tokens,
                      "across_paragraphs": settings.chunk_across_paragraphs, "embed_version": EMBED_VERSION},
            previous_generation=prev.generation,
            entities=entities,
            recogniser=recogniser_name,
        )
        name = write_generation(root, settings, content)
        if progress:
            progress("write", 1, 1)
        cache.retain({h for _, h, _, _ in rows})
    finally:
        cache.close()
    summary.documents_total = len(docs)
    summary.chunks_total = len(rows)
    return name


# Documents handed to the recogniser at once (their spans are cached after each batch).
ENTITY_BATCH_DOCS = 16


def _entity_key(recogniser: str, text: str) -> str:
    return hashlib.sha256(f"{recogniser}\x00{text}".encode()).hexdigest()[:32]


class _EntityRun:
    """The entity spans of an ingest's documents: from the cache when a document's text was read before,
    the rest recognised by a spaCy child process (started only then) on a background thread while the
    main thread embeds. The recogniser is single-threaded and the embedder leaves a core idle part of the
    time, so the two together take little more wall time than embedding alone (issue 14 counts
    everything ingest does: eval/bench/ingest_vs_naive.md). A recogniser passed in (tests) runs at once,
    on this thread. `finish` waits and caches the new spans (so a killed ingest reads its new documents
    again, beside the embedding it resumes); `abandon` stops the child of a failed ingest."""

    def __init__(self, root: Path, documents: Sequence[Document], recogniser: EntityRecogniser | None,
                 summary: IngestSummary, progress: Progress | None) -> None:
        from qa.ingest.entities import SpacyRecogniser, WorkerRecogniser

        self.name = recogniser.name if recogniser is not None else SpacyRecogniser.name
        self._cache = EntityCache(root, self.name)
        if self._cache.discarded:
            summary.warnings.append(IngestWarning(str(root), self._cache.discarded))
        self._progress = progress
        self._worker: WorkerRecogniser | None = None
        self._thread: threading.Thread | None = None
        self._found: list[tuple[str, list[EntitySpan]]] = []
        self._error: BaseException | None = None
        self._torch_threads: int | None = None
        self._closed = False
        try:
            self._keys = {d.doc_id: _entity_key(self.name, d.text) for d in documents}
            self._cached = self._cache.get_many((self._keys[d.doc_id], d.text) for d in documents)
            unread = {self._keys[d.doc_id]: d for d in documents if self._keys[d.doc_id] not in self._cached}
            self._todo = list(unread.items())
            self.report()
            if self._todo and recogniser is None:
                self._worker = WorkerRecogniser()
                self._thread = threading.Thread(target=self._recognise, args=(self._worker,), daemon=True,
                                                name="qa-entities")
                self._thread.start()
            elif self._todo:
                assert recogniser is not None
                self._recognise(recogniser)
        except BaseException:
            self.abandon()
            raise

    def _recognise(self, recogniser: EntityRecogniser) -> None:
        try:
            for i in range(0, len(self._todo), ENTITY_BATCH_DOCS):
                batch = self._todo[i : i + ENTITY_BATCH_DOCS]
                self._found.extend(zip((h for h, _ in batch), recogniser.recognise([d.text for _, d in batch])))
        except BaseException as exc:  # raised on the ingest's thread by finish()
            self._error = exc

    def share_cores(self) -> None:
        """While the recogniser reads, the embedder runs one thread fewer (called between its batches): torch's
        threads spin while they wait, so three busy threads on two cores cost more CPU than they gain (100
        MultiHop-RAG articles: 80 CPU s instead of 65, eval/bench/ingest_vs_naive.md). The vectors do not
        depend on the thread count (checked bit for bit)."""
        torch = sys.modules.get("torch")  # only an embedder that runs on torch has threads to share
        if torch is None:
            return
        if self._torch_threads is None:
            self._torch_threads = torch.get_num_threads()
        reading = self._thread is not None and self._thread.is_alive()
        wanted = max(1, self._torch_threads - 1) if reading else self._torch_threads
        if torch.get_num_threads() != wanted:
            torch.set_num_threads(wanted)

    def report(self) -> None:
        """Report progress (on the caller's thread: the progress callback is not thread-safe)."""
        if self._progress:
            self._progress("entities", len(self._found), len(self._todo))

    def finish(self) -> tuple[dict[str, list[EntitySpan]], str]:
        """(doc_id -> entity spans in its text, recogniser name), once every document is read."""
        try:
            if self._thread is not None:
                self._thread.join()
            if self._error is not None:
                raise self._error
            self.report()
            self._cache.put_many(self._found)
            self._cached.update(self._found)
            self._cache.retain(set(self._keys.values()))
            return {doc_id: self._cached[key] for doc_id, key in self._keys.items()}, self.name
        finally:
            self._close()

    def abandon(self) -> None:
        """The ingest failed: stop the child now instead of waiting for its reading."""
        if self._worker is not None:
            self._worker.terminate()
        self._close()

    def _close(self) -> None:
        if self._closed:
            return
        self._closed = True
        torch = sys.modules.get("torch")
        if torch is not None and self._torch_threads is not None:
            torch.set_num_threads(self._torch_threads)
        if self._worker is not None:
            self._worker.close()
            self._worker = None
        self._cache.close()


def remove_documents(index_path: Path, settings: Settings, doc_ids_or_paths: Sequence[str]) -> IngestSummary:
    """Remove documents by id, or every document loaded from a path (or below a folder) given."""
    from qa.index.reader import read_manifest_json  # noqa: F401  (fails early with IndexNotFoundError)

    read_manifest_json(index_path)
    name, gen_dir = generations.require_current(index_path)
    wanted = set()
    targets = [str(Path(p).resolve()) if ("/" in p or Path(p).exists()) else None for p in doc_ids_or_paths]
    for doc in docstore.read_documents(gen_dir):
        for raw, target in zip(doc_ids_or_paths, targets):
            if doc.doc_id == raw or (target and doc.path and str(Path(doc.path).resolve()).startswith(target)):
                wanted.add(doc.doc_id)
    summary = ingest([], index_path, settings, remove_ids=wanted)
    return summary
