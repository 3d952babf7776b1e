"""A read-only snapshot of one index generation: what every query needs, opened once.

The arrays (chunk vectors, sentence vectors, BM25 postings) are never loaded whole: opening copies
nothing and a query reads only the rows it scores. A small index memory-maps them; from
`POSITIONED_READS_FROM` chunks on they are read with positioned reads (`qa/index/row_file.py`), so a
query process's RSS does not grow with the mapped pages of every row it ever touched. Dense search goes
through the generation's `VectorStore` (FAISS, Milvus, memory), which the manifest names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from qa.errors import IndexCorruptError, IndexMismatchError
from qa.index import docstore, generations, integrity
from qa.index.bm25_files import has_bm25, read_bm25
from qa.index.layout import ROW_DOC, SENTENCE_PTR, SENTENCE_SPANS, SENTENCE_VECTORS, VECTORS, load_array
from qa.index.docstore_views import open_entities
from qa.index.row_file import RowFile, open_rows
from qa.index.vector_store import VectorFilter, VectorStore, exact_search, open_store
from qa.ingest.entities import EntitySpan
from qa.retrieval.bm25 import tokenize
from qa.types import Chunk, Document, Hit


# Below this many chunks the docstore is read into Python objects at open (fastest per query); above,
# it is read on demand (qa/index/docstore_views.py): loading it whole costs about 0.1 s and 20 MB per
# 1,000 chunks (100k chunks: 10 s to open on the shared 2-core machine, eval/bench/scale.md), while a
# query reads only a few hundred rows.
EAGER_BELOW = 50_000
# A row subset (an outlet's rows, a date range) at least this large is searched by an approximate store
# that can restrict its search to rows (HNSW with an ID selector) instead of exactly: exact search reads
# and multiplies every row of the subset (an outlet with 16% of 1M chunks: 250 MB a query).
EXACT_SUBSET_BELOW = 20_000
# From this many chunks on, chunk vectors, sentence vectors and BM25 postings are read with positioned
# reads instead of a memory map (qa/index/row_file.py): at 1M chunks 61 questions mapped 2.3 GB of those
# files into the query process's RSS (eval/bench/scale.md). Below it (kursk, MultiHop-RAG) the files are
# a few hundred MB at most, every page is soon mapped once, and a mapped read needs no system call.
POSITIONED_READS_FROM = 200_000
# A one-word name a question typed in lower case is read as (`name_written_as`): the recogniser must have named it at
# least this often, and in at least this share of the passages that hold the word
NAME_MENTIONS = 2
NAME_SHARE = 0.5


@dataclass
class IndexReader:
    path: Path
    generation: str
    generation_path: Path
    manifest: dict[str, Any]
    chunks: Sequence[Chunk]  # a list, or a ChunkTable read on demand
    documents: Mapping[str, Document]  # a dict, or a DocumentTable read on demand
    vectors: np.ndarray | RowFile  # float32 (chunks, dim), memory-mapped or read by positioned reads
    sentence_ptr: np.ndarray
    sentence_spans: np.ndarray
    sentence_vectors: np.ndarray | RowFile  # float16 (sentences, dim), as `vectors`; products upcast to float32
    store: VectorStore
    bm25: Any = None
    chunk_row: Mapping[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    chunk_doc_rows: Mapping[str, np.ndarray] = field(default_factory=dict)
    # Per row: its article's outlet ('' when none) and date ('YYYY-MM-DD' prefix or ''), object arrays;
    # rows of each outlet (ascending); the latest year any article is dated (None when none is).
    row_source: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    row_date: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    rows_by_source: dict[str, np.ndarray] = field(default_factory=dict)
    latest_year: int | None = None
    doc_meta: Any = None  # set by the on-demand path: (doc_ids, sources, dates, row_doc)
    # The named entities recognised at ingest (docstore_views.EntityTable); None for an index without them.
    entities: Any = None

    def __post_init__(self) -> None:
        if self.doc_meta is None:  # loaded whole: derive the row maps from the objects
            self.chunk_row = {c.chunk_id: i for i, c in enumerate(self.chunks)}
            by_doc: dict[str, list[int]] = {}
            for i, c in enumerate(self.chunks):
                by_doc.setdefault(c.doc_id, []).append(i)
            self.chunk_doc_rows = {k: np.asarray(v, dtype=np.int64) for k, v in by_doc.items()}
            fields = row_fields(self.documents, self.chunks)
        else:
            doc_ids, sources, dates, row_doc = self.doc_meta
            fields = _spread(sources, dates, row_doc)
        self.row_source, self.row_date, self.rows_by_source, self.latest_year = fields
        self.sources = sorted(self.rows_by_source)

    def orphan_chunks(self) -> int:
        """Chunks whose document is not in the docstore (0 in an intact index)."""
        if self.doc_meta is None:
            return sum(1 for c in self.chunks if c.doc_id not in self.documents)
        return _count_orphans(self.generation_path)

    def __len__(self) -> int:
        return len(self.chunks)

    def dense_search(self, qvec: np.ndarray, k: int, rows: np.ndarray | None = None,
                     filters: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) best first, among `rows` when given.

        `filters` (a `SearchFilters`: sources, date_from, date_to) goes to the store when it evaluates
        filters itself (Milvus expressions). Otherwise `rows`, the rows those filters allow (resolved
        from the docstore by the caller), are searched exactly over the memory-mapped vectors: a
        filtered subset is small, and exact search over it is what every backend must agree on. A subset of
        `EXACT_SUBSET_BELOW` rows or more goes to a store that restricts its own search to rows (HNSW)."""
        if filters is not None and not filters.empty and self.store.pushes_down_filters:
            where = VectorFilter(sources=tuple(filters.sources), date_from=filters.date_from, date_to=filters.date_to)
            return self.store.search(qvec, k, where)
        if rows is None:
            return self.store.search(qvec, k)
        if rows.size >= EXACT_SUBSET_BELOW and getattr(self.store, "searches_row_subsets", False):
            return self.store.search(qvec, k, VectorFilter(rows=rows))
        return exact_search(self.vectors, qvec, k, rows)

    def dense_searches(self, qvec: np.ndarray, k: int, rows: np.ndarray | None, filters: Any,
                       subsets: Mapping[str, np.ndarray], k_subset: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The rows of `dense_search(qvec, k, rows, filters)` and of `dense_search(qvec, k_subset, subset)` for
        each named subset (an outlet's rows), best first. A store that restricts its own search to rows
        (HNSW) serves the whole-index search and every subset it would search from one graph walk
        (`FaissStore.search_with_subsets`: the same rows as separate searches)."""
        joint = getattr(self.store, "search_with_subsets", None)
        large = {name: r for name, r in subsets.items() if r.size >= EXACT_SUBSET_BELOW}
        if joint is None or rows is not None or not large or not getattr(self.store, "searches_row_subsets", False):
            whole = self.dense_search(qvec, k, rows, filters=filters)[0]
            return whole, {name: self.dense_search(qvec, k_subset, r)[0] for name, r in subsets.items()}
        (whole, _), found = joint(qvec, k, list(large.values()), k_subset)
        served = {name: hit_rows for name, (hit_rows, _) in zip(large, found)}
        return whole, {name: served[name] if name in served else self.dense_search(qvec, k_subset, r)[0]
                       for name, r in subsets.items()}

    def hit(self, row: int, score: float, scores: dict[str, float] | None = None) -> Hit:
        chunk = self.chunks[row]
        doc = self.documents[chunk.doc_id]
        return Hit(
            chunk=chunk, title=doc.title, score=float(score), source=doc.source, published_at=doc.published_at,
            url=doc.url, scores=dict(scores or {}),
        )

    def entities_within(self, doc_id: str, start: int, end: int) -> list[EntitySpan] | None:
        """Entities inside `start:end` of a document (document offsets); None when the index has none stored."""
        return None if self.entities is None else self.entities.within(doc_id, start, end)

    def entities_for(self, chunk_ids: Sequence[str]) -> dict[str, list[EntitySpan]]:
        """chunk_id -> the entities inside that chunk (document offsets); empty when the index has none."""
        out: dict[str, list[EntitySpan]] = {}
        if self.entities is None:
            return out
        for chunk_id in chunk_ids:
            row = self.chunk_row.get(chunk_id)
            if row is not None:
                chunk = self.chunks[row]
                out[chunk_id] = self.entities.within(chunk.doc_id, chunk.start, chunk.end)
        return out

    def entity_types(self, name: str) -> dict[str, int]:
        """How often the articles name `name` as each answer type ({} when never, or without entities)."""
        return {} if self.entities is None else self.entities.types_of(name)

    def name_written_as(self, phrase: str) -> str | None:
        """How the articles write `phrase` when they use it as a name, matched in any case ("mark rutte" -> "Mark
        Rutte"); None when they name no such entity, or have no entities stored. One word must be a name more often
        than not where the articles use it (its mentions as an entity at least half the passages holding it, and two):
        the recogniser reads a common word as a name now and then ("Board", "Success")."""
        if self.entities is None:
            return None
        written = self.entities.written_as(phrase)
        if written is None or len(phrase.split()) > 1:
            return written
        tokens = tokenize(phrase)
        if self.bm25 is None or len(tokens) != 1 or (passages := self.bm25.document_frequency(tokens[0])) is None:
            return None
        mentions = sum(self.entities.types_of(phrase).values())
        return written if mentions >= max(NAME_MENTIONS, NAME_SHARE * passages) else None

    def sentences_of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        """(doc char spans, vectors) of the sentences of chunk `row`."""
        a, b = int(self.sentence_ptr[row]), int(self.sentence_ptr[row + 1])
        return self.sentence_spans[a:b], self.sentence_vectors[a:b]

    def info(self) -> dict[str, Any]:
        m = self.manifest
        store = m.get("vector_store") or {"backend": "faiss", "index_type": m.get("index_type")}
        return {
            "path": str(self.path),
            "generation": self.generation,
            "documents": m["counts"]["documents"],
            "chunks": m["counts"]["chunks"],
            "sentences": m["counts"].get("sentences", 0),
            "entities": m["counts"].get("entities"),  # None: the index has no entities stored
            "model": m["embedder"]["name"],
            "dimension": m["embedder"]["dimension"],
            "index_type": m.get("index_type"),
            "vector_store": store.get("backend", "faiss"),
            "lexical": store.get("lexical", "local BM25 files"),
            "created_at": m.get("created_at"),
            "size_bytes": sum(f["bytes"] for f in m.get("files", {}).values()),
        }


def check_embedder(manifest: dict[str, Any], embedder_name: str, dimension: int | None, root: Path,
                   arithmetic: str | None = None) -> None:
    """Refuse an embedder other than the one the index was built with: model, dimension, arithmetic.

    Indexes written before the arithmetic was recorded carry none and accept either."""
    built = manifest["embedder"]
    if built["name"] != embedder_name or (dimension is not None and built["dimension"] != dimension):
        raise IndexMismatchError(
            f"index {root} was built with {built['name']} ({built['dimension']} dims) "
            f"but the configured embedder is {embedder_name}" + (f" ({dimension} dims)" if dimension else ""),
            hint=f"set QA_EMBEDDER={built['name']}, or rebuild with `qa ingest PATH --index {root} --rebuild`",
        )
    built_arithmetic = built.get("arithmetic")
    if arithmetic is not None and built_arithmetic is not None and built_arithmetic != arithmetic:
        raise IndexMismatchError(
            f"index {root} was built with {built['name']} in {built_arithmetic} arithmetic "
            f"but the configured embedder computes in {arithmetic}",
            hint=f"set QA_EMBED_ARITHMETIC={built_arithmetic} (and QA_QUERY_EMBEDDER=fast), or rebuild with "
                 f"`qa ingest PATH --index {root} --rebuild`",
        )


def open_index(root: Path, embedder_name: str, dimension: int | None = None,
               milvus_token: str | None = None, arithmetic: str | None = None,
               positioned_reads: bool | None = None) -> IndexReader:
    """Open the live generation of the index at `root`, checking it matches the configured embedder.

    `milvus_token`: credentials for a Milvus-backed index (never stored in the manifest).
    `positioned_reads`: read the row arrays with positioned reads (True) or a memory map (False); by
    default, positioned from `POSITIONED_READS_FROM` chunks on. Both give the same values."""
    for attempt in range(2):
        name = generations.current_generation(root)
        try:
            name, gen_dir = generations.require_current(root)
            reader = _load(root, name, gen_dir, embedder_name, dimension, milvus_token, arithmetic, positioned_reads)
            problems = integrity.reader_problems(reader)
            if problems:
                raise integrity.damaged(root, name, problems)
            return reader
        except (FileNotFoundError, IndexCorruptError) as exc:
            # A writer may have pruned this generation while we loaded it: when CURRENT has moved on,
            # open the new one (once). When it has not, the live generation itself is damaged.
            if attempt == 0 and generations.current_generation(root) != name:
                continue
            if isinstance(exc, FileNotFoundError):
                raise integrity.damaged(root, name, [f"{Path(exc.filename or '?').name} is missing"]) from exc
            raise
    raise AssertionError("unreachable")


def _load(root: Path, name: str, gen_dir: Path, embedder_name: str, dimension: int | None,
          milvus_token: str | None, arithmetic: str | None = None,
          positioned_reads: bool | None = None) -> IndexReader:
    manifest = generations.read_manifest(gen_dir)
    if manifest.get("format_version") != generations.FORMAT_VERSION:
        raise IndexMismatchError(
            f"index {root} has format {manifest.get('format_version')}, this qa reads {generations.FORMAT_VERSION}",
            hint=f"rebuild it: `qa ingest PATH --index {root} --rebuild`",
        )
    check_embedder(manifest, embedder_name, dimension, root, arithmetic)
    problems = generations.verify_checksums(gen_dir, manifest)
    if problems:
        raise IndexCorruptError(f"index {root} generation {name} is damaged: {'; '.join(problems)}",
                                hint=f"run `qa ingest PATH --index {root} --rebuild`")
    n_chunks = int(manifest["counts"]["chunks"])
    doc_meta = None
    if n_chunks < EAGER_BELOW:
        documents: Mapping[str, Document] = {d.doc_id: d for d in docstore.read_documents(gen_dir)}
        chunks: Sequence[Chunk] = [c for c, _ in docstore.read_chunks(gen_dir)]
        views: dict[str, Any] = {}
    else:
        from qa.index.docstore_views import open_views

        row_doc = load_array(gen_dir, ROW_DOC) if (gen_dir / ROW_DOC).exists() else None
        chunks, documents, chunk_row, chunk_doc_rows, doc_meta = open_views(gen_dir, n_chunks, row_doc)
        views = {"chunk_row": chunk_row, "chunk_doc_rows": chunk_doc_rows}
    positioned = n_chunks >= POSITIONED_READS_FROM if positioned_reads is None else positioned_reads
    rows_of = open_rows if positioned else load_array
    vectors = rows_of(gen_dir, VECTORS)
    if len(chunks) != vectors.shape[0]:
        raise IndexCorruptError(f"index {root}: {len(chunks)} chunks but {vectors.shape[0]} vectors",
                                hint="run `qa ingest --rebuild`")
    sentence_ptr = load_array(gen_dir, SENTENCE_PTR)
    if sentence_ptr.shape[0] != len(chunks) + 1:
        raise IndexCorruptError(f"index {root}: {len(chunks)} chunks but {sentence_ptr.shape[0] - 1} sentence ranges",
                                hint="run `qa ingest --rebuild`")
    return IndexReader(
        path=root,
        generation=name,
        generation_path=gen_dir,
        manifest=manifest,
        chunks=chunks,
        documents=documents,
        vectors=vectors,
        sentence_ptr=sentence_ptr,
        sentence_spans=load_array(gen_dir, SENTENCE_SPANS),
        sentence_vectors=rows_of(gen_dir, SENTENCE_VECTORS),
        store=open_store(root, gen_dir, manifest, vectors, milvus_token),
        bm25=read_bm25(gen_dir, positioned=positioned) if has_bm25(gen_dir) else None,
        doc_meta=doc_meta,
        entities=open_entities(gen_dir) if "entities" in manifest else None,
        **views,
    )


def read_manifest_json(root: Path) -> dict[str, Any]:
    """The live generation's manifest, checked (a damaged one is an IndexCorruptError)."""
    _, gen_dir = generations.require_current(root)
    return generations.read_manifest(gen_dir)


def row_fields(documents: Mapping[str, Document], chunks: Sequence[Chunk]):
    """(row_source, row_date, rows_by_source, latest_year) of an index loaded whole (or a test's fake)."""
    doc_ids = sorted(documents)
    position = {d: i for i, d in enumerate(doc_ids)}
    sources = np.array([documents[d].source or "" for d in doc_ids], dtype=object)
    dates = np.array([(documents[d].published_at or "")[:10] for d in doc_ids], dtype=object)
    row_doc = np.fromiter((position[c.doc_id] for c in chunks), dtype=np.int64, count=len(chunks))
    return _spread(sources, dates, row_doc)


def _spread(doc_sources: np.ndarray, doc_dates: np.ndarray, row_doc: np.ndarray):
    """Document-level outlet and date spread over rows, and the rows of each outlet, without a per-row loop."""
    row_doc = np.asarray(row_doc, dtype=np.int64)
    # Outlet codes in sorted name order (what np.unique gives) from a dict: np.unique sorted 125k strings
    # in 0.37 s at 1M chunks, a third of the cold open.
    first_seen: dict[str, int] = {}
    seen_codes = np.fromiter((first_seen.setdefault(str(s), len(first_seen)) for s in doc_sources), dtype=np.int64,
                             count=len(doc_sources))
    names = sorted(first_seen)
    sorted_code = np.zeros(len(names), dtype=np.int64)
    sorted_code[[first_seen[name] for name in names]] = np.arange(len(names))
    doc_codes = sorted_code[seen_codes]
    row_codes = doc_codes[row_doc] if row_doc.size else np.zeros(0, dtype=np.int64)
    # A stable sort of 16-bit codes is a radix sort: 1M rows in a few ms instead of 170.
    small = row_codes.astype(np.int16) if len(names) < 2**15 else row_codes
    order = np.argsort(small, kind="stable").astype(np.int64)
    bounds = np.searchsorted(row_codes[order], np.arange(len(names) + 1))
    rows_by_source = {str(name): order[bounds[i]:bounds[i + 1]] for i, name in enumerate(names)
                      if name and bounds[i + 1] > bounds[i]}
    years = [int(d[:4]) for d in doc_dates if d[:4].isdigit()]
    return doc_sources[row_doc], doc_dates[row_doc], rows_by_source, (max(years) if years else None)


def _count_orphans(generation_dir: Path) -> int:
    import sqlite3

    con = sqlite3.connect(f"file:{generation_dir / docstore.FILE}?mode=ro", uri=True)
    try:
        return int(con.execute("SELECT COUNT(*) FROM chunks WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
                   .fetchone()[0])
    finally:
        con.close()
