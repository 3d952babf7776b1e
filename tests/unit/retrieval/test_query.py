from datetime import date

import pytest

from qa.retrieval.query import DateRange, analyze_query, find_sources, source_aliases, split_clauses

SOURCES = ["The Verge", "TechCrunch", "The Age", "Fortune", "Cnbc | World Business News Leader",
           "FOX News - Lifestyle", "FOX News - Health", "CBSSports.com", "Reuters"]
TODAY = date(2023, 12, 20)


def names(query):
    return analyze_query(query, SOURCES, today=TODAY).sources_mentioned


def test_outlets_in_many_spellings():
    assert names("as reported by both The Verge and TechCrunch") == ("The Verge", "TechCrunch")
    assert names("according to 'Fortune', and as reported by 'The Age'?") == ("Fortune", "The Age")
    assert names("What did the Verge's review say?") == ("The Verge",)
    assert names("Did Verge cover it?") == ("The Verge",)
    assert names("the CNBC report") == ("Cnbc | World Business News Leader",)
    assert names("on cbssports.com") == ("CBSSports.com",)


def test_short_name_shared_by_feeds_names_all_of_them_unless_the_full_name_is_used():
    assert set(names("What did FOX News say?")) == {"FOX News - Lifestyle", "FOX News - Health"}
    assert names("in FOX News - Health today") == ("FOX News - Health",)


def test_lower_case_common_words_are_not_outlets_in_a_cased_query():
    assert names("In the age of AI, what did The Age report?") == ("The Age",)
    assert names("He made a fortune. What did Reuters say?") == ("Reuters",)
    assert names("what did reuters say about the fed") == ("Reuters",)


def test_aliases():
    assert "Cnbc" in source_aliases("Cnbc | World Business News Leader")
    assert "Verge" in source_aliases("The Verge")
    assert find_sources("nothing here", SOURCES) == []


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("published on October 5, 2023", "2023-10-05", "2023-10-05"),
        ("on October 14th, 2023", "2023-10-14", "2023-10-14"),
        ("on Oct. 14", "2023-10-14", "2023-10-14"),
        ("on 5 November 2023", "2023-11-05", "2023-11-05"),
        ("in November 2023", "2023-11-01", "2023-11-30"),
        ("in September", "2023-09-01", "2023-09-30"),
        ("in 2022", "2022-01-01", "2022-12-31"),
        ("on 2023-10-05", "2023-10-05", "2023-10-05"),
        ("before October 22, 2023", "2022-10-22", "2023-10-21"),
        ("after October 22, 2023", "2023-10-23", "2024-10-21"),
        ("last week", "2023-12-13", "2023-12-20"),
        ("yesterday", "2023-12-19", "2023-12-19"),
        ("last month", "2023-11-01", "2023-11-30"),
        ("in the past 3 days", "2023-12-17", "2023-12-20"),
        ("between October 3 and October 9, 2023", "2023-10-03", "2023-10-09"),
    ],
)
def test_dates(text, start, end):
    a = analyze_query(f"What happened {text}?", [], today=TODAY)
    assert (a.date_from, a.date_to) == (start, end)


def test_two_dates_stay_two_ranges_and_times_are_not_dates():
    a = analyze_query("After the report on October 7, 2023 and the article on October 30, 2023?", [], today=TODAY)
    assert [(r.start, r.end) for r in a.date_ranges] == [("2023-10-07", "2023-10-07"), ("2023-10-30", "2023-10-30")]
    assert analyze_query("published at 13:41:30 on the same day", [], today=TODAY).date_ranges == ()


def test_yearless_dates_use_the_default_year():
    a = analyze_query("the game on October 14th", [], today=date(2025, 1, 1), default_year=2023)
    assert a.date_from == "2023-10-14"


def test_date_range_contains_with_slack():
    r = DateRange("2023-10-05", "2023-10-05")
    assert r.contains("2023-10-05T23:59:00+00:00")
    assert not r.contains("2023-10-06")
    assert r.contains("2023-10-06", slack_days=1)
    assert not r.contains(None) and not r.contains("garbage!!")


def test_cleaned_query_drops_attribution_and_dates():
    a = analyze_query("Who is facing a fraud trial, as reported by both The Verge and TechCrunch, and is accused of "
                      "lying, published on October 5, 2023?", SOURCES, today=TODAY)
    assert a.cleaned_query == "Who is facing a fraud trial, and is accused of lying?"
    assert analyze_query("Plain question?", SOURCES, today=TODAY).cleaned_query == "Plain question?"


def test_split_clauses():
    question = "Who was accused of fraud by prosecutors, and is also said to have misled the company board?"
    assert split_clauses(question) == [
        "Who was accused of fraud by prosecutors", "is also said to have misled the company board"]
    assert split_clauses("How many troops arrived?") == ["How many troops arrived"]
    many = ", ".join(f"clause number {i} about topic" for i in range(10))
    assert len(split_clauses(many, max_clauses=4)) == 4
