"""The Milvus backend: embedded milvus-lite (a file in the index folder) or any Milvus server by URI.

Generations map onto collections. Each ingest writes a new collection `<alias>_<generation>` (for
example `qa_news_g000007`), fills it, flushes it, and only after the local generation is live
(`CURRENT` switched) points the alias `qa_<index name>` at it with `alter_alias`, which Milvus applies
atomically. A killed ingest leaves a collection nobody points at and the previous one serving; the
next ingest drops every `<alias>_g*` collection whose generation is no longer on disk.

A reader searches the collection its own generation's manifest names, so its rows always match its
docstore even while a newer generation is being switched in; the alias is the name other tools see.

Each row holds the chunk vector and, as scalar fields, its id, document, character span, outlet,
date and text. Source and date filters are Milvus filter expressions evaluated by the server.

Full-text search, where the server supports it: the field `terms` holds the row's BM25 tokens as qa's
own tokenizer makes them (`qa.retrieval.bm25.tokenize` of the chunk with its title prefix: lowercased,
stopwords dropped, lightly stemmed), joined by spaces. Milvus analyses it with its standard tokenizer and
no filters, which splits exactly at those spaces, and a BM25 function with qa's k1 and b fills a sparse
field (`SPARSE_INVERTED_INDEX`). A query is tokenised the same way, so Milvus scores every row with the
same terms, lengths, idf and parameters as the local BM25 files (checked in
tests/integration/test_milvus_lexical.py). Milvus's own English analyser (a Snowball stemmer, another
stopword list) would rank differently from the FAISS backend.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from qa.errors import DependencyMissingError, IndexCorruptError, InputError, QAError
from qa.index.vector_store import RowFields, VectorFilter

LITE_FILE = "milvus.db"
MAX_TEXT_BYTES = 60_000  # VARCHAR limit is 65,535 bytes
MAX_LIMIT = 16_384  # Milvus's largest top-k
HNSW_PARAMS = {"M": 32, "efConstruction": 80}
HNSW_EF = 512  # as FAISS (qa/index/faiss_store.py HNSW_EF_SEARCH)
IVF_NPROBE = 16
INDEX_TYPES = {"flat": "FLAT", "hnsw": "HNSW", "ivf": "IVF_FLAT"}
LEXICAL_FIELD = "terms"  # qa's BM25 tokens, space-joined (see the module docstring)
# A row's tokens never contain a space and the standard tokenizer splits at one; no lowercasing,
# stopwords or stemming on Milvus's side: qa's tokenizer did all of it.
TERMS_ANALYZER = {"tokenizer": "standard"}

_clients: dict[tuple[str, str | None], Any] = {}
_clients_lock = threading.Lock()


class MilvusError(QAError):
    """The Milvus server refused or failed a request."""

    exit_code = 1


def _pymilvus() -> Any:
    try:
        import pymilvus
    except ImportError as exc:  # pragma: no cover - pinned in pyproject
        raise DependencyMissingError("the Milvus backend needs pymilvus",
                                     hint="pip install pymilvus==3.0.2 milvus-lite==3.2.2") from exc
    # pymilvus logs every failed RPC with a traceback on stderr; qa turns those failures into QAErrors
    # that the CLI and API render, so its own error log would only print the same failure twice.
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
    logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)  # the same for the embedded server's own log
    return pymilvus


def _client(uri: str, token: str | None) -> Any:
    """One client per (uri, token) per process: milvus-lite serves one file to one client."""
    with _clients_lock:
        key = (uri, token)
        if key not in _clients:
            pymilvus = _pymilvus()
            try:
                _clients[key] = pymilvus.MilvusClient(uri=uri, token=token or "")
            except Exception as exc:  # pymilvus raises MilvusException and plain errors alike
                if uri.endswith(".db"):  # milvus-lite: the usual cause is another process holding the file
                    raise MilvusError(f"cannot open the milvus-lite file {uri}: {exc}",
                                      hint="milvus-lite serves its file to one process at a time: stop the other "
                                           "qa process using this index (serve, chat, eval), or use a Milvus "
                                           "server (QA_MILVUS_URI)") from exc
                raise MilvusError(f"cannot connect to Milvus at {uri}: {exc}",
                                  hint="check QA_MILVUS_URI and QA_MILVUS_TOKEN, and that the server is up") from exc
        return _clients[key]


def close_clients() -> None:
    """Close this process's Milvus connections: milvus-lite serves a file to one process, so a process that
    wrote a lite index must close before another one opens it."""
    with _clients_lock:
        for (uri, _), client in _clients.items():
            try:
                client.close()
                if uri.endswith(".db"):  # stop the embedded server, which holds the file lock
                    from milvus_lite.server_manager import server_manager_instance

                    server_manager_instance.release_server(uri)
            except Exception:  # closing is best effort: the process is letting go of the file anyway
                pass
        _clients.clear()


def alias_name(root: Path) -> str:
    """`qa_<index folder name>`, with what Milvus names cannot hold replaced by '_'."""
    return "qa_" + re.sub(r"[^A-Za-z0-9_]", "_", root.name)


def _resolve_uri(root: Path, uri: str | None) -> tuple[str, str | None]:
    """(uri to connect to, uri recorded in the manifest): milvus-lite is recorded relative to the index."""
    if uri:
        return uri, uri
    root.mkdir(parents=True, exist_ok=True)
    return str(root / LITE_FILE), None


class MilvusStore:
    backend = "milvus"
    pushes_down_filters = True

    def __init__(self, client: Any, uri: str | None, collection: str, alias: str, index_type: str,
                 full_text: bool, dimension: int, bm25: dict[str, Any] | None = None,
                 full_text_note: str | None = None) -> None:
        self._client = client
        self._uri = uri
        self.collection = collection
        self.alias = alias
        self.index_type = index_type
        self.full_text = full_text
        self.dimension = dimension
        # How the full-text field was filled ({"field", "tokenizer_version", "k1", "b"}); None when the
        # server has none, or the collection predates qa's own tokens in it (then only local BM25 ranks).
        self.bm25 = bm25
        self.full_text_note = full_text_note  # why there is no full-text field, when it was left out by choice

    # --- writing
    @classmethod
    def create(cls, root: Path, generation: str, dimension: int, index_type: str, uri: str | None,
               token: str | None, full_text: bool = True) -> "MilvusStore":
        """A new collection for `generation`. `full_text`: also build the BM25 field and index where the
        server supports it (`wants_server_bm25` decides; on milvus-lite it adds half to the insert time)."""
        if index_type not in INDEX_TYPES:
            raise InputError(f"unknown index type {index_type!r}", hint="set QA_INDEX_TYPE to auto, flat, hnsw or ivf")
        connect, recorded = _resolve_uri(root, uri)
        client = _client(connect, token)
        alias = alias_name(root)
        collection = f"{alias}_{generation}"
        if client.has_collection(collection):  # left by an ingest killed before its switch
            client.drop_collection(collection)
        from qa.retrieval.bm25 import TOKENIZER_VERSION, Bm25Index

        # the parameters the writer's local BM25 files are built with (Bm25Index.build's defaults)
        bm25: dict[str, Any] | None = {"field": LEXICAL_FIELD, "tokenizer_version": TOKENIZER_VERSION,
                                       "k1": Bm25Index.k1, "b": Bm25Index.b}
        if not full_text:
            client.create_collection(collection, schema=_schema(dimension, full_text=False),
                                     index_params=_index_params(client, index_type, None))
            return cls(client, recorded, collection, alias, index_type, False, dimension, None,
                       "not built on milvus-lite: ingest with QA_MILVUS_LEXICAL=server to build it")
        try:
            client.create_collection(collection, schema=_schema(dimension, full_text=True),
                                     index_params=_index_params(client, index_type, bm25))
        except Exception:  # a server without full-text search: vectors and scalars only, local BM25
            bm25 = None
            if client.has_collection(collection):
                client.drop_collection(collection)
            client.create_collection(collection, schema=_schema(dimension, full_text=False),
                                     index_params=_index_params(client, index_type, None))
        return cls(client, recorded, collection, alias, index_type, bm25 is not None, dimension, bm25)

    def add(self, rows: np.ndarray, vectors: np.ndarray, fields: Sequence[RowFields] | None = None) -> None:
        if fields is None or len(fields) != len(rows):
            raise InputError("the Milvus store needs the scalar fields of every row",
                             hint="this is a bug in the writer: report it")
        # float32 rows as numpy arrays, not lists: no 384 Python floats built per row. A small saving (client
        # CPU 1.1-1.3 s per 10k rows either way): most of an insert is milvus-lite's own per-row Python.
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        data = [
            {"row": int(r), "vector": vectors[i], "chunk_id": f.chunk_id, "doc_id": f.doc_id,
             "char_start": int(f.start), "char_end": int(f.end), "source": f.source,
             "source_key": f.source.strip().lower(), "published_at": f.published_at, "text": _clip(f.text)}
            for i, (r, f) in enumerate(zip(np.asarray(rows).tolist(), fields))
        ]
        if self.bm25 is not None:
            for row, f in zip(data, fields):
                row[LEXICAL_FIELD] = _clip(lexical_terms(f.lexical_text or f.text))
        if data:
            self._call("insert", self.collection, data)

    def delete(self, rows: np.ndarray) -> None:
        ids = [int(r) for r in np.asarray(rows).tolist()]
        if ids:
            self._call("delete", self.collection, ids=ids)

    def commit(self) -> None:
        self._call("flush", self.collection)
        self._call("load_collection", self.collection)

    def publish(self, live_generations: Sequence[str]) -> None:
        """Point the alias at this collection (atomic in Milvus), then drop superseded collections."""
        if self.alias in self._call("list_aliases").get("aliases", []):
            self._call("alter_alias", self.collection, self.alias)
        else:  # the first generation creates the alias
            self._call("create_alias", self.collection, self.alias)
        keep = {f"{self.alias}_{g}" for g in live_generations} | {self.collection}
        for name in self._call("list_collections"):
            if name.startswith(self.alias + "_g") and name not in keep:
                self._call("drop_collection", name)

    # --- reading
    @classmethod
    def open(cls, root: Path, described: dict[str, Any], token: str | None) -> "MilvusStore":
        connect, recorded = _resolve_uri(root, described.get("uri"))
        client = _client(connect, token)
        collection = described["collection"]
        store = cls(client, recorded, collection, described.get("alias", alias_name(root)),
                    described.get("index_type", "flat"), bool(described.get("full_text")),
                    int(described.get("dimension", 0)), described.get("bm25"), described.get("full_text_note"))
        if not store._call("has_collection", collection):
            raise IndexCorruptError(f"the Milvus collection {collection} of index {root} is missing at {connect}",
                                    hint=f"run `qa ingest PATH --index {root} --rebuild`")
        store._call("load_collection", collection)
        return store

    def count(self) -> int:
        result = self._call("query", self.collection, filter="", output_fields=["count(*)"])
        return int(result[0]["count(*)"]) if result else 0

    def search(self, query: np.ndarray, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        if where is not None and where.rows is not None and not where.has_fields:
            raise InputError("Milvus searches filter expressions, not row lists", hint="call IndexReader.dense_search")
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        params: dict[str, Any] = {"metric_type": "IP"}
        if self.index_type == "hnsw":
            params["params"] = {"ef": max(HNSW_EF, k)}
        elif self.index_type == "ivf":
            params["params"] = {"nprobe": IVF_NPROBE}
        result = self._call("search", self.collection, data=[np.asarray(query, dtype=np.float32).reshape(-1).tolist()],
                            anns_field="vector", limit=min(k, MAX_LIMIT), filter=filter_expression(where),
                            search_params=params, output_fields=["row"])
        return _rows_scores(result[0] if result else [])

    @property
    def on_milvus_lite(self) -> bool:
        """Embedded milvus-lite (a file in the index folder), not a Milvus server."""
        return self._uri is None

    @property
    def server_bm25(self) -> bool:
        """Whether this collection can rank by BM25 exactly as the local files do (qa's tokens, k1, b)."""
        from qa.retrieval.bm25 import TOKENIZER_VERSION

        return bool(self.full_text and self.bm25 and self.bm25.get("field") == LEXICAL_FIELD
                    and self.bm25.get("tokenizer_version") == TOKENIZER_VERSION)

    def lexical_search(self, text: str, k: int, where: VectorFilter | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) by Milvus full-text search (BM25 over qa's tokens of `text`), best first."""
        return self.lexical_search_many([text], k, where)[0]

    def lexical_search_many(self, texts: Sequence[str], k: int, where: VectorFilter | str | None = None
                            ) -> list[tuple[np.ndarray, np.ndarray]]:
        """One search request for several query texts: (rows, scores) of each, best first, ties by row.

        `where`: a `VectorFilter`, or a Milvus expression. A text with no indexed token finds nothing."""
        if not self.server_bm25:
            raise InputError("this Milvus collection has no full-text index over qa's tokens",
                             hint="set QA_MILVUS_LEXICAL=local, or re-ingest with --rebuild into a Milvus with "
                                  "full-text search (2.5 or later)")
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        terms = [lexical_terms(t) for t in texts]
        asked = [i for i, t in enumerate(terms) if t]
        out = [empty] * len(texts)
        if not asked or k <= 0:
            return out
        expression = where if isinstance(where, str) else filter_expression(where)
        result = self._call("search", self.collection, data=[terms[i] for i in asked], anns_field="sparse",
                            limit=min(k, MAX_LIMIT), filter=expression, search_params={"metric_type": "BM25"},
                            output_fields=[])
        for i, hits in zip(asked, result):
            rows, scores = _rows_scores(hits)
            scores = np.abs(scores)  # milvus-lite reports BM25 as a negated distance
            order = np.lexsort((rows, -scores))  # as the local top-k: best first, ties by row
            out[i] = (rows[order], scores[order])
        return out

    def describe(self) -> dict[str, Any]:
        return {"backend": self.backend, "index_type": self.index_type, "uri": self._uri,
                "lite_file": LITE_FILE if self._uri is None else None, "collection": self.collection,
                "alias": self.alias, "dimension": self.dimension, "full_text": self.full_text, "bm25": self.bm25,
                **({"full_text_note": self.full_text_note} if self.full_text_note else {})}

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self._client, method)(*args, **kwargs)
        except QAError:
            raise
        except Exception as exc:
            raise MilvusError(f"Milvus {method} on {self.collection} failed: {exc}",
                              hint="check the Milvus server (QA_MILVUS_URI) and its logs") from exc


def filter_expression(where: VectorFilter | None) -> str:
    """A Milvus boolean expression for the source and date parts of `where` ('' when there are none).

    Sources match case-insensitively (a lowercased copy is stored); dates match by prefix, as
    `SearchFilters` does: `published_at[:len(d)] <= d` is `published_at < d + "~"` for ISO dates."""
    if where is None:
        return ""
    parts = []
    if where.sources:
        keys = sorted({s.strip().lower() for s in where.sources})
        parts.append(f"source_key in {json.dumps(keys, ensure_ascii=False)}")
    if where.date_from is not None:
        parts.append(f"published_at >= {json.dumps(where.date_from)}")
    if where.date_to is not None:
        parts.append(f'published_at != "" and published_at < {json.dumps(where.date_to + "~")}')
    return " and ".join(parts)


def wants_server_bm25(milvus_lexical: str, on_milvus_lite: bool) -> bool:
    """The setting `milvus_lexical` read for one store: 'auto' is Milvus's own BM25 on a Milvus server and
    the local files on milvus-lite. milvus-lite 3.2 is a pure-Python engine whose every search walks every
    row in Python (its cross-segment dedup), so each extra search a question makes costs about 1.2 us per
    row of CPU (25 ms at 20k rows, 120 ms at 100k), while the local BM25 files answer in under a
    millisecond; eval/bench/backends.md."""
    return milvus_lexical == "server" or (milvus_lexical == "auto" and not on_milvus_lite)


def lexical_terms(text: str) -> str:
    """The space-joined BM25 tokens of `text` that the `terms` field holds and a query searches."""
    from qa.retrieval.bm25 import tokenize

    return " ".join(tokenize(text))


def _rows_scores(hits: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    rows = np.fromiter((int(h.get("row", h.get("id"))) for h in hits), dtype=np.int64, count=len(hits))
    scores = np.fromiter((float(h["distance"]) for h in hits), dtype=np.float32, count=len(hits))
    return rows, scores


def _clip(text: str) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= MAX_TEXT_BYTES else data[:MAX_TEXT_BYTES].decode("utf-8", "ignore")


def _schema(dimension: int, full_text: bool) -> Any:
    pymilvus = _pymilvus()
    DataType = pymilvus.DataType
    schema = pymilvus.MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("row", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
    schema.add_field("chunk_id", DataType.VARCHAR, max_length=512)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=2048)
    schema.add_field("char_start", DataType.INT64)
    schema.add_field("char_end", DataType.INT64)
    schema.add_field("source", DataType.VARCHAR, max_length=1024)
    schema.add_field("source_key", DataType.VARCHAR, max_length=1024)
    schema.add_field("published_at", DataType.VARCHAR, max_length=64)
    schema.add_field("text", DataType.VARCHAR, max_length=65535)
    if full_text:
        schema.add_field(LEXICAL_FIELD, DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                         analyzer_params=dict(TERMS_ANALYZER))
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(pymilvus.Function(name="terms_bm25", function_type=pymilvus.FunctionType.BM25,
                                              input_field_names=[LEXICAL_FIELD], output_field_names=["sparse"]))
    return schema


def _index_params(client: Any, index_type: str, bm25: dict[str, Any] | None) -> Any:
    params = client.prepare_index_params()
    if index_type == "hnsw":
        params.add_index("vector", index_type="HNSW", metric_type="IP", params=dict(HNSW_PARAMS))
    elif index_type == "ivf":
        params.add_index("vector", index_type="IVF_FLAT", metric_type="IP", params={"nlist": 1024})
    else:
        params.add_index("vector", index_type="FLAT", metric_type="IP")
    if bm25 is not None:
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params={"bm25_k1": bm25["k1"], "bm25_b": bm25["b"]})
    return params

