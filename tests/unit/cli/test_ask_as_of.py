"""`qa ask --as-of`: relative dates in the question count from the given day."""

from datetime import date

import pytest

from qa.cli.ask import parse_as_of
from qa.errors import InputError
from qa.query import build_query


def test_as_of_is_a_day():
    assert parse_as_of("2023-01-05") == date(2023, 1, 5)
    assert parse_as_of(None) is None


def test_a_bad_as_of_says_the_format():
    with pytest.raises(InputError) as err:
        parse_as_of("5 Jan")
    assert "YYYY-MM-DD" in err.value.hint


def test_last_week_is_counted_from_as_of():
    q = build_query("What happened last week?", as_of=parse_as_of("2023-01-05"))
    assert [(r.start, r.end) for r in q.date_ranges] == [("2022-12-29", "2023-01-05")]
