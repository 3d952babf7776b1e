import pytest

from qa.answer.citations import (
    Target,
    build_citations,
    drop_unknown,
    join_claims,
    marker_claims,
    parse_markers,
    renumber,
    split_claims,
    strip_markers,
)
from qa.types import Chunk, Document, Hit


def test_parse_groups_lists_and_ranges():
    assert parse_markers("a [1][3] b [2, 4] c [5-7].") == [1, 3, 2, 4, 5, 6, 7]
    assert parse_markers("no markers, [x] or [] here") == []


def test_markers_pointing_at_nothing_are_dropped():
    assert drop_unknown("A [1]. B [7]. C [2][9].", {1, 2}) == "A [1]. B. C [2]."


def test_renumber_by_first_appearance():
    text, order = renumber("A [3]. B [1][3]. C [2].")
    assert text == "A [1]. B [2][1]. C [3]."
    assert order == {3: 1, 1: 2, 2: 3}


def test_split_claims_keeps_markers_with_their_sentence():
    claims = split_claims("Troops came under fire. [1] The U.S. Defense Department said 10,000 [2]. More [3].")
    assert [(c.text, c.markers) for c in claims] == [
        ("Troops came under fire.", (1,)),
        ("The U.S. Defense Department said 10,000.", (2,)),
        ("More.", (3,)),
    ]
    assert strip_markers("x [1], y [2].") == "x, y."


def test_marker_claims_split_lists_of_sources():
    claims = marker_claims("Reports differ: the Pentagon said 10,000 [1]; Umerov expects 15,000 [2][3].")
    assert [(c.text, c.markers) for c in claims] == [
        ("the Pentagon said 10,000", (1,)),
        ("Umerov expects 15,000", (2, 3)),
    ]


def test_join_claims():
    assert join_claims([("A b.", [1, 2]), ("C", [])]) == "A b [1][2]. C."


def test_build_citations_quotes_exact_stored_text():
    doc = Document(doc_id="d", text="First sentence. Second one here.", title="T", source="S")
    chunk = Chunk(chunk_id="c", doc_id="d", start=0, end=len(doc.text), text=doc.text)
    hit = Hit(chunk=chunk, title="T", score=1.0)
    targets = {4: Target("d", "c", 16, 32, 0.5), 2: Target("d", "c", 0, 15, 0.9), 3: Target("missing", "c", 0, 1)}
    text, cits = build_citations("One [4]. Two [2][3]. Three [8].", targets, {"d": doc}, {"c": hit}, {4: True})
    assert text == "One [1]. Two [2]. Three."
    assert [(c.n, c.quote, c.verified, c.source) for c in cits] == [
        (1, "Second one here.", True, "S"),
        (2, "First sentence.", False, "S"),
    ]
    for c in cits:
        assert doc.text[c.start : c.end] == c.quote


def test_build_citations_rejects_spans_outside_the_document():
    doc = Document(doc_id="d", text="short", title="T")
    with pytest.raises(ValueError):
        build_citations("A [1].", {1: Target("d", "c", 0, 99)}, {"d": doc}, {})
