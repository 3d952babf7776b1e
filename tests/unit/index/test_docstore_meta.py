"""Every reader loads each document's outlet and date at open: that read must not touch the documents' text."""

import sqlite3

from qa.index import docstore
from qa.index.docstore_views import DOC_META_QUERY, open_views
from qa.types import Chunk, Document


def test_the_open_time_outlet_and_date_read_is_served_by_a_covering_index(tmp_path):
    docs = [Document(doc_id=f"d{i}", title="t", text="x" * 5000, content_hash=f"h{i}", source=f"Outlet {i % 3}",
                     published_at=f"2024-01-0{i + 1}") for i in range(4)]
    chunks = [(Chunk(chunk_id=f"c{i}", doc_id=d.doc_id, start=0, end=10, ordinal=0, text="x" * 10), f"e{i}")
              for i, d in enumerate(docs)]
    docstore.write_docstore(tmp_path, docs, chunks)
    con = sqlite3.connect(tmp_path / docstore.FILE)
    plan = " ".join(str(step[-1]) for step in con.execute("EXPLAIN QUERY PLAN " + DOC_META_QUERY))
    assert "COVERING INDEX documents_meta" in plan
    *_, (doc_ids, sources, dates, _) = open_views(tmp_path, len(chunks), None)
    assert list(doc_ids) == ["d0", "d1", "d2", "d3"]
    assert list(sources) == ["Outlet 0", "Outlet 1", "Outlet 2", "Outlet 0"]
    assert list(dates) == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]
