"""Hand-made (claim, quote) pairs for the support test (verify.py documents the thresholds)."""

import pytest

from qa.answer.verify import check, check_all, numbers_match, overlap

QUOTE = (
    "The Pentagon reported that approximately 10,000 North Korean soldiers have been sent to train in "
    "eastern Russia, with many now moving toward the battlefield in the Kursk region."
)


@pytest.mark.parametrize(
    "claim",
    [
        "The Pentagon said about 10,000 North Korean soldiers were sent to train in eastern Russia.",
        "Approximately 10000 North Korean soldiers have been sent to eastern Russia for training, "
        "the Pentagon reported.",
        QUOTE,
    ],
)
def test_paraphrases_are_supported(claim):
    assert check(claim, QUOTE).supported


@pytest.mark.parametrize(
    "claim",
    [
        "The Pentagon said about 15,000 North Korean soldiers were sent to train in eastern Russia.",  # wrong figure
        "Kim Jong-un visited Moscow to sign a trade deal.",  # unrelated
        "North Korean troops were paid in gold bars by the Kremlin.",  # topical but unsupported
    ],
)
def test_unsupported_claims_fail(claim):
    assert not check(claim, QUOTE, similarity=0.9 if "15,000" in claim else 0.2).supported


def test_grey_zone_needs_similarity():
    claim = "North Korean soldiers are heading to the front lines near Ukraine."
    ov = overlap(claim, QUOTE)
    assert 0.3 <= ov < 0.6
    assert not check(claim, QUOTE).supported
    assert check(claim, QUOTE, similarity=0.7).supported
    assert not check(claim, QUOTE, similarity=0.3).supported


def test_numbers_must_match_as_values():
    assert numbers_match("10000 troops", "about 10,000 troops")
    assert numbers_match("1.3 million soldiers", "1.3 million soldiers")
    assert not numbers_match("12,000 troops", "about 10,000 troops")


def test_check_all_embeds_only_the_grey_zone():
    class CountingEmbedder:
        calls = 0

        def embed(self, texts):
            import numpy as np

            CountingEmbedder.calls += len(texts)
            return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    pairs = [(QUOTE, QUOTE), ("North Korean soldiers are heading to the front lines near Ukraine.", QUOTE)]
    result = check_all(pairs, CountingEmbedder())
    assert [r.supported for r in result] == [True, True]
    assert CountingEmbedder.calls == 2  # one claim and one quote, for the grey-zone pair only
