"""Cleaning: the two seed defects (004's repeats, 003's trailer) gone; everything else kept."""

from __future__ import annotations

import pytest

from qa.errors import LoadError
from qa.ingest.cleaning import clean_document, clean_text, guess_title, strip_markdown_marks
from qa.types import Document


def _raw_lines(path):
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_article_004_repeats_are_dropped(article):
    raw = _raw_lines(article("004"))
    cleaned = clean_text("\n".join(raw)).split("\n")
    headline = "**North Korean Soldiers Arrive in Kursk, Heightening Tensions in Russia-Ukraine Conflict**"
    assert raw.count(headline) == 2 and cleaned.count(headline) == 1
    assert len(raw) == 13 and len(cleaned) == 8  # the headline and four paragraphs were repeated
    assert len(set(cleaned)) == len(cleaned)
    assert cleaned == list(dict.fromkeys(raw))  # order kept, first occurrences kept
    text = "\n".join(cleaned)
    assert text.count("On Monday, NATO Secretary General Mark Rutte confirmed") == 1
    assert text.count("As the situation develops, the international community remains watchful") == 1


def test_article_003_trailer_is_dropped_and_the_rest_kept(article):
    raw = _raw_lines(article("003"))
    doc = clean_document(Document(doc_id="003", text=article("003").read_text(encoding="utf-8"), title=""))
    assert "I have been working in the news industry" not in doc.text
    assert "24 Hours World" not in doc.text
    assert "Source: Stern" not in doc.text
    assert doc.source == "Stern"
    assert raw[-2:] == ["Source: Stern", raw[-1]] and raw[-1].startswith("I have been working")
    assert doc.text.split("\n") == raw[:-2]
    assert doc.text.endswith("Sending Western combat troops to Ukraine is currently very unlikely.")
    assert doc.title == raw[0]  # a first line under 200 characters is the title as it is


def test_existing_source_is_not_overwritten():
    doc = Document(doc_id="d", text="Body paragraph.\nSource: Stern", title="T", source="Reuters")
    assert clean_document(doc).source == "Reuters"
    assert clean_document(doc).text == "Body paragraph."


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_clean_articles_are_unchanged(article, name):
    raw = article(name).read_text(encoding="utf-8")
    assert clean_text(raw) == "\n".join(_raw_lines(article(name)))


def test_clean_text_is_idempotent_on_all_samples(articles):
    for path in articles:
        once = clean_text(path.read_text(encoding="utf-8"))
        assert clean_text(once) == once


def test_unicode_and_whitespace_normalisation():
    raw = "ＮＡＴＯ\u00a0said\t\t 10,000\r\n\r\n  troops\u200b   arrived\u00ad.  \r\nﬁnal line\u2028next"
    assert clean_text(raw) == "NATO said 10,000\ntroops arrived.\nfinal line\nnext"


def test_repeats_compare_without_case_marks_and_spacing():
    head = "Troops arrive in Kursk as the war enters a new phase"
    body = "The first paragraph says what happened on Monday in the region."
    raw = f"{head}\n{body}\n**{head.upper().replace(' ', '   ')}**\n_{body}_\nBody two."
    assert clean_text(raw) == f"{head}\n{body}\nBody two."


def test_short_lines_repeat_on_purpose_unless_adjacent():
    raw = ("Movie one is about a war.\nWhere to watch: Netflix\nMovie two is about peace.\nWhere to watch: Netflix\n"
           "Short headline\n**Short headline**\nEnd.")
    assert clean_text(raw) == ("Movie one is about a war.\nWhere to watch: Netflix\nMovie two is about peace.\n"
                               "Where to watch: Netflix\nShort headline\nEnd.")


def test_ad_placeholders_are_dropped_anywhere():
    raw = "First paragraph.\nAdvertisement\nSecond paragraph.\nADVERTISEMENT Article continues below this ad\nThird."
    assert clean_text(raw) == "First paragraph.\nSecond paragraph.\nThird."
    assert clean_text("An advertisement for peace ran on Monday.") == "An advertisement for peace ran on Monday."


@pytest.mark.parametrize(
    "trailer",
    [
        "Source: Reuters",
        "Read more: Why Kursk matters",
        "Related: North Korea's army explained",
        "© 2024 Example Media. All rights reserved.",
        "Copyright 2024 Example Media",
        "Follow me on Twitter @janedoe",
        "Subscribe to our newsletter for daily updates.",
        "Jane Doe is a senior reporter at Example News covering Europe.",
        "I am a freelance journalist based in Kyiv.",
    ],
)
def test_trailing_boilerplate_is_dropped(trailer):
    raw = f"The article starts here.\nIt ends with a real paragraph.\n{trailer}"
    assert clean_text(raw) == "The article starts here.\nIt ends with a real paragraph."


def test_several_trailers_are_dropped_until_content():
    raw = "Content one.\nContent two.\nSource: AP\nRead more: other story\n© 2024 AP"
    assert clean_text(raw) == "Content one.\nContent two."


def test_boilerplate_words_in_the_middle_are_content():
    raw = "Source: officials in Kyiv said troops arrived.\nSubscribers were told to follow them on the map.\nEnd of story."
    assert clean_text(raw) == raw


def test_closing_paragraphs_that_only_mention_the_words_are_kept():
    for last in (
        "Smith, who is a reporter for CNN, said the troops had arrived.",
        "Officials said they will follow them closely.",
        "Recommended doses were not disclosed.",
    ):
        raw = f"Opening paragraph.\n{last}"
        assert clean_text(raw) == raw, last


def test_nothing_left_is_an_error():
    with pytest.raises(LoadError, match="no text left after cleaning"):
        clean_document(Document(doc_id="d", text="  \n\u200b\nSource: Stern\n", title=""))


def test_title_is_cleaned():
    doc = clean_document(Document(doc_id="d", text="Body.", title="  ## **North  Korean** _troops_ ##"))
    assert doc.title == "North Korean troops"
    doc = clean_document(Document(doc_id="d", text="**Bold headline**\nBody.", title=""))
    assert doc.title == "Bold headline"


def test_strip_markdown_marks():
    assert strip_markdown_marks("**X**") == "X"
    assert strip_markdown_marks("# X") == "X"
    assert strip_markdown_marks("***X*** and `y`") == "X and y"
    assert strip_markdown_marks("[Kursk](https://example.com) update") == "Kursk update"
    assert strip_markdown_marks("snake_case_name stays") == "snake_case_name stays"


def test_guess_title_uses_the_first_sentence_of_a_long_first_line():
    line = "North Korean troops have arrived in Kursk, officials said. " + "More detail follows here. " * 10
    assert guess_title("\n\n" + line) == "North Korean troops have arrived in Kursk, officials said."
    assert len(guess_title("word " * 100)) <= 200
    assert guess_title("") == ""
