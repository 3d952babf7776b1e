from qa.answer.quantities import attribution_for, find_attributions, find_figures, numbers_in, parse_number


def figures(s):
    return [(f.text, f.low, f.high, f.head) for f in find_figures(s)]


def test_numbers_with_separators_and_scales():
    assert parse_number("10,000") == 10000
    assert parse_number("1.3 million") == 1_300_000
    assert parse_number("five") == 5
    assert numbers_in("about 10,000 or 10000 troops, 1.5 km") == {10000.0, 1.5}


def test_ranges_and_qualifiers():
    assert figures("Estimates suggest there are between 8,000 and 12,000 North Korean troops in the region.") == [
        ("between 8,000 and 12,000", 8000, 12000, "troops")
    ]
    assert figures("Kyiv put 8,000–12,000 soldiers in the region.")[0][1:3] == (8000, 12000)
    assert figures("barracks about 25 to 40 miles from the border")[0] == ("about 25 to 40", 25, 40, "miles")
    f = find_figures("up to 12,000 North Korean combat troops are being sent")[0]
    assert (f.qualifier, f.high, f.unit) == ("up to", 12000, "North Korean combat troops")
    assert find_figures("approximately 10,000 soldiers")[0].qualifier == "approximately"
    # a negated bound keeps its "no": "no more than 15 customers" is not "more than 15"
    assert figures("outdoor seating only and no more than 15 customers at a time")[0] == (
        "no more than 15", 15, 15, "customers")


def test_vague_amounts_and_number_words():
    f = find_figures("several thousand North Korean troops had already arrived")[0]
    assert (f.low, f.high, f.head) == (2000, 9000, "troops")
    assert figures("divided into five units of 3,000 each")[0][:2] == ("five", 5)
    assert figures("one of them said so") == []  # a number word without a unit is no figure


def test_dates_and_years_are_not_figures():
    assert figures("They began their journey as early as March 18.") == []
    assert figures("a war of attrition since 2023") == []
    assert figures("no combat experience since the 1950s") == []
    assert figures("Tensions rose.") == []


def test_unit_nationality_from_unit_or_clause():
    f50, f30 = find_figures(
        "Russia has around 50,000 troops in Kursk, while analyses indicate about 30,000 Ukrainian forces remain."
    )
    assert f50.nationality == "russia" and f30.nationality == "ukraine"


def test_attribution_before_after_and_per_clause():
    s = "The Pentagon reported that approximately 10,000 North Korean soldiers have been sent to train."
    a = attribution_for(s, find_figures(s)[0])
    assert (a.who, a.verb) == ("the Pentagon", "reported")
    s = "Umerov anticipates that approximately 15,000 North Korean soldiers will be deployed."
    assert attribution_for(s, find_figures(s)[0]).who == "Umerov"
    s = "The first group of 1,000 fighters arrived in Kursk on Wednesday, said Liubov Tsybulska, the founder."
    a = attribution_for(s, find_figures(s)[0])
    assert (a.who, a.trailing) == ("Liubov Tsybulska", True)
    s = (
        "Current estimates suggest that Russia has around 50,000 troops, "
        "while independent analyses indicate about 30,000 Ukrainian forces remain."
    )
    first, second = find_figures(s)
    assert attribution_for(s, first).who == "Current estimates"
    assert attribution_for(s, second).who == "independent analyses"
    s = "Russian forces gained up to 9 kilometers in some areas, according to the UK Defense Ministry."
    assert attribution_for(s, find_figures(s)[0]).who == "the UK Defense Ministry"


def test_no_attribution_from_passives_or_nouns():
    assert find_attributions("The first North Koreans are said to have already arrived in Kursk.") == []
    assert find_attributions("This report remains unverified.") == []


def test_a_count_without_its_noun_takes_it_from_the_sentence():
    # "the number of X ... N": X counts N
    f = find_figures('He said the final number of Americans who would die "looks more like 60,000".')[0]
    assert (f.text, f.unit, f.head) == ("60,000", "Americans", "americans")
    f = find_figures("bringing the number of Americans out of work to 16.8 million.")[-1]
    assert (f.text, f.head) == ("16.8 million", "americans")
    # what only people undergo counts people
    assert [(f.text, f.head) for f in find_figures("Its caseload is nearly 162,000, of whom 7,844 have died.")] == [
        ("nearly 162,000", ""), ("7,844", "people")]
    assert find_figures('He estimated "between 100,000 and 200,000" could die.')[0].head == "people"
    assert [f.head for f in find_figures("The blast left 12 dead and 40 injured.")] == ["people", "people"]
    # a noun of its own wins; a figure that goes on is not the number's value
    assert find_figures("The number of cases rose as 97,000 deaths were recorded.")[0].head == "deaths"
    assert find_figures("The number of soldiers is small relative to the hundreds of thousands deployed by "
                        "both sides.")[0].head == ""


def test_a_figure_whose_noun_is_left_out_counts_the_plural_before_it():
    assert figures("Consent forms were sent to parents, and already more than 130 had responded positively.") == \
        [("more than 130", 130.0, 130.0, "parents")]
    assert figures("The team won 3 games and 2 were draws.") == [("3", 3.0, 3.0, "games"), ("2", 2.0, 2.0, "games")]
    assert figures("In 2021 sales rose and 40 was the record.")[0][3] == ""  # "40 was the record": no count of sales
