"""Filters through the API over the real sample index: a filter that matches nothing is a 400 that says
which filter and what the index holds; outlet names match loosely."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(kursk_service):
    from fastapi.testclient import TestClient

    from qa.api.app import create_app

    with TestClient(create_app(kursk_service.settings, kursk_service)) as test_client:
        yield test_client


def test_a_filter_that_matches_nothing_is_400_with_what_the_index_holds(client, kursk_service):
    for path, body in [("/v1/search", {"query": "Pentagon estimate", "filters": {"sources": ["Nowhere Gazette"]}}),
                       ("/v1/ask", {"question": "How many troops?", "filters": {"sources": ["Nowhere Gazette"]}})]:
        response = client.post(path, json=body)
        assert response.status_code == 400, response.text
        message = response.json()["error"]["message"]
        assert "'Nowhere Gazette'" in message and "the index holds" in message
    source = kursk_service.reader.sources[0]
    loose = client.post("/v1/search", json={"query": "troops", "filters": {"sources": [source.upper()]}})
    assert loose.status_code == 200 and {p["source"] for p in loose.json()["passages"]} == {source}
