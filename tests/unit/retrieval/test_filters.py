import pytest

from qa.errors import InputError
from qa.retrieval.filters import SearchFilters, filter_rows


def test_validation_says_how_to_fix():
    with pytest.raises(InputError) as err:
        SearchFilters(date_from="5 October")
    assert "YYYY" in err.value.hint
    with pytest.raises(InputError):
        SearchFilters(date_from="2023-11-01", date_to="2023-10")
    assert SearchFilters(sources="Wired").sources == ("Wired",)
    assert SearchFilters(date_from="2023-10-05T08:00:00+00:00").date_from.startswith("2023-10-05")


def test_source_match_is_case_insensitive_and_dates_compare_as_prefixes():
    f = SearchFilters(sources=("the verge",), date_from="2023-10", date_to="2023-10")
    assert f.matches_values("The Verge", "2023-10-31T23:00:00+00:00")
    assert not f.matches_values("The Verge", "2023-11-01")
    assert not f.matches_values("Wired", "2023-10-05")
    assert not f.matches_values("The Verge", None)
    assert SearchFilters(date_to="2023").matches_values(None, "2023-12-31")
    assert SearchFilters().empty and not f.empty


def test_filter_rows(reader):
    assert filter_rows(reader, None) is None
    assert filter_rows(reader, SearchFilters()) is None
    rows = filter_rows(reader, SearchFilters(sources=("TechCrunch",)))
    assert {reader.chunks[r].doc_id for r in rows} == {"t1", "t2"}
    rows = filter_rows(reader, SearchFilters(date_from="2023-10-06", date_to="2023-10-09"))
    assert {reader.chunks[r].doc_id for r in rows} == {"t1", "g2"}


@pytest.mark.parametrize("typed, source", [("the verge", "The Verge"), ("Verge", "The Verge"),
                                           ("REUTERS", "Reuters | World"), ("techcrunch", "techcrunch.com")])
def test_outlets_match_loosely(typed, source):
    assert SearchFilters(sources=(typed,)).matches_values(source, None)
    assert not SearchFilters(sources=("Wired",)).matches_values(source, None)


def test_a_filter_that_matches_nothing_says_which_and_what_the_index_holds(reader):
    with pytest.raises(InputError) as err:
        filter_rows(reader, SearchFilters(sources=("Nobody",)))
    assert "'Nobody'" in err.value.message
    assert "TechCrunch" in err.value.hint and "2023-10" in err.value.hint
    with pytest.raises(InputError) as err:
        filter_rows(reader, SearchFilters(date_from="2030-01-01"))
    assert "published on or after 2030-01-01" in err.value.message
    with pytest.raises(InputError) as err:  # each alone matches, together nothing
        filter_rows(reader, SearchFilters(sources=("TechCrunch",), date_from="2023-12-01"))
    assert "no article from TechCrunch was published on or after 2023-12-01" == err.value.message


def test_typed_outlets_resolve_to_the_index_names_for_stores_that_filter_themselves():
    from qa.retrieval.filters import resolve_sources

    index = ["The Verge", "TechCrunch", "FOX News - Lifestyle"]
    resolved = resolve_sources(SearchFilters(sources=("verge", "fox news", "Nobody"), date_from="2023"), index)
    assert resolved.sources == ("The Verge", "FOX News - Lifestyle", "Nobody") and resolved.date_from == "2023"
    assert resolve_sources(None, index) is None
