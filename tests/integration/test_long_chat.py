"""A 50-turn chat held the way an OpenAI client holds one (the whole conversation sent every turn) is answered.

Found by eval/bench/chat_load.py: with the default message limit of 64 a chat failed at its 33rd turn
(65 messages) with HTTP 400, so a long chat never reached the linear follow-up rewriter at all.
"""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.integration

FOLLOWUPS = ["How many North Korean troops were reported in Kursk?", "and how many did the Pentagon say?",
             "when did they arrive?", "what about Umerov?"]


def test_a_50_turn_chat_is_answered_with_the_default_settings(kursk_service):
    from test_api import serve

    from qa.api.app import create_app
    from qa.settings import Settings

    assert kursk_service.settings.max_messages == Settings().max_messages  # the default limit is what is tested
    messages: list[dict] = []
    for turn in range(49):
        messages += [{"role": "user", "content": FOLLOWUPS[turn % len(FOLLOWUPS)]},
                     {"role": "assistant", "content": "Between 10,000 and 12,000 North Korean troops [1].\n\n"
                                                      "Sources:\n[1] North Korean troops (Reuters)"}]
    messages.append({"role": "user", "content": "and how many did the Pentagon say?"})
    with serve(create_app(kursk_service.settings, kursk_service)) as url:
        response = httpx.post(url + "/v1/chat/completions", json={"model": "qa-extractive", "messages": messages},
                              timeout=120)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["qa"]["standalone_question"] and "Pentagon" in body["qa"]["standalone_question"]
    assert body["choices"][0]["message"]["content"].strip()
