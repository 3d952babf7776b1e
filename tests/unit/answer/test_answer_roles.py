"""Who holds an office: the office a question asks for, how a sentence binds a person to it (title before the name,
apposition, predicate, role verb, successor), and aggregation that lets the bound holder lead."""

from __future__ import annotations

import pytest

from qa.answer.aggregate import aggregate, typed_answer
from qa.answer.evidence import gather
from qa.answer.mentions import Mention
from qa.answer.roles import (ASKED_HOLDER, LOOSELY, OTHER_OFFICE, TITLED, UNBOUND, asked_office, binding,
                             group_binding, with_predecessor_title)
from qa.query import build_query


def _person(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(name, name.split()[-1].lower(), start, start + len(name))


def _level(question: str, text: str, name: str) -> float:
    """How `text` binds `name` to the office `question` asks (which it must ask)."""
    office = asked_office(build_query(question))
    assert office is not None
    return binding(text, _person(text, name), office)


def test_the_office_a_question_asks_for():
    office = asked_office(build_query("Who is the chief economist of Northwind Analytics?"))
    assert office is not None and office.titles == {"economist"} and office.modifiers == {"chief"}
    assert office.holders == {"northwind", "analytics"}
    office = asked_office(build_query("Who manages Kestrel Rovers?"))
    assert office is not None and "manager" in office.titles and office.verb is not None
    assert office.verb.search("Ines Vidal has managed the club since May")
    office = asked_office(build_query("Who succeeded Omar Reyes as Harbor Bank chairman?"))
    assert office is not None and office.predecessor == {"omar", "reyes"} and office.titles == {"chairman"}
    assert office.holders == {"harbor", "bank"}
    office = asked_office(build_query("Who runs Moldova?"))
    assert office is not None and office.nation == "moldova"
    assert asked_office(build_query("Which prosecutor delivered the opening statement?")) is None
    assert asked_office(build_query("Where is the company based?")) is None


@pytest.mark.parametrize("question, text, name, level", [
    # a title before the name, with the asked holder, with none, with another
    ("Who is Lumen Telecom's CEO?", "Lumen Telecom chief executive Dana Pike spoke.", "Dana Pike", ASKED_HOLDER),
    ("Who is Lumen Telecom's CEO?", "“We are pleased,” said Globex CEO Ken Mori.", "Ken Mori", OTHER_OFFICE),
    ("Who is Lumen Telecom's CEO?", "That is 7%, Lumen Telecom COO Ann Roe said.", "Ann Roe", UNBOUND),
    ("Who is Sara Lind's press secretary?", "Her press secretary, Jo Marsh, did not respond.", "Jo Marsh", TITLED),
    ("Who owns the Dayton Falcons?", "the offense that Falcons owner Victor Hale envisioned", "Victor Hale",
     ASKED_HOLDER),
    # another office of the asked title: a qualifier the question does not ask
    ("Who is the Falcons' head coach?", "Interim head coach Rita Moss will continue.", "Rita Moss", OTHER_OFFICE),
    ("Who runs Moldova?", "U.S. State Department Deputy Press Secretary Lee Tran said no.", "Lee Tran",
     OTHER_OFFICE),
    ("Who runs Moldova?", "Moldovan President Maia Sandu met the envoy.", "Maia Sandu", ASKED_HOLDER),
    # the asked title without the question's own modifier; a phrase that merely precedes the title
    ("Who is the chief economist of Northwind Analytics?", "This is what economist Paul Ames termed a trap.",
     "Paul Ames", LOOSELY),
    ("Who is the chief economist of Northwind Analytics?", "— Ida Brook, chief economist at Northwind Analytics",
     "Ida Brook", ASKED_HOLDER),
    ("Who is the chief economist of Northwind Analytics?", "Ed Park, a former Fund chief economist, argued so.",
     "Ed Park", OTHER_OFFICE),
    # a predicate; in a sentence whose subject is another name, the office may be that one's
    ("Who is Lumen Telecom's CEO?", "Dana Pike will stay on as CEO and will join the board.", "Dana Pike", TITLED),
    ("Who is the Falcons' head coach?", "The federation has appointed Rita Moss as its new head coach.", "Rita Moss",
     TITLED),
    ("Who is the Falcons' head coach?", "Delta Soccer has appointed Rita Moss as head coach.", "Rita Moss", LOOSELY),
    ("Who is Kestrel United's football director?",
     "The owner wants a new football director, a position held by Tim Hale.", "Tim Hale", TITLED),
    # the role verb asked: active, relative clause, passive
    ("Who manages Kestrel Rovers?", "Ines Vidal manages Kestrel Rovers.", "Ines Vidal", ASKED_HOLDER),
    ("Who chairs the board of Lumen Fund?", "The board – now led by Chairman, Rob Hale – said so.", "Rob Hale",
     TITLED),
    ("Who leads the Verano Party?", "The Verano Party is now led by Tomas Ibarra.", "Tomas Ibarra", ASKED_HOLDER),
])
def test_how_a_sentence_binds_a_person_to_the_asked_office(question, text, name, level):
    assert _level(question, text, name) == level


def test_a_successor_is_bound_and_the_predecessors_colleague_is_another_office():
    office = asked_office(build_query("Who will replace Tom Berg behind the Hawks bench?"))
    assert office is not None and not office.titles
    fired = "The Hawks relieved head coach Tom Berg and assistant coach Al Finch of their duties."
    named = "Reports say the Hawks will name veteran bench boss Lena Ortiz as Berg’s successor."
    office = with_predecessor_title(office, [fired, named])
    assert office.titles == {"coach"} and office.modifiers == {"head"}
    assert binding(named, _person(named, "Lena Ortiz"), office) == ASKED_HOLDER
    assert binding(fired, _person(fired, "Al Finch"), office) == OTHER_OFFICE
    assert binding(named, _person(named, "Hawks"), office) == UNBOUND


def test_a_candidates_binding_is_its_best_else_another_office():
    assert group_binding([UNBOUND, TITLED, OTHER_OFFICE]) == TITLED
    assert group_binding([UNBOUND, OTHER_OFFICE]) == OTHER_OFFICE
    assert group_binding([]) == UNBOUND


CUBE = [
    ("c1", "Lumen deal", "TechWire",
     "“We are extremely pleased to be teaming up with Lumen Telecom,” said Globex CEO Ken Mori on Monday. "
     "Lumen Telecom will become a subsidiary of Globex."),
    ("c2", "Lumen funding", "TechWire",
     "Globex is buying a majority stake in Lumen Telecom, the connected-car company. Dana Pike will stay on as "
     "Lumen Telecom’s CEO and will have a seat on the board of the company."),
]


def test_the_holder_a_sentence_binds_to_the_office_leads_over_another_holders(make_reader):
    """Asked Lumen Telecom's CEO, the person a predicate makes its CEO leads, though the sentence naming the other
    company's CEO matches the question's words better; that one, only ever another company's CEO, weighs less."""
    reader = make_reader(CUBE)
    question = "Who is Lumen Telecom's CEO?"
    query = build_query(question)
    ev = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    ranked = aggregate(query, ev)
    by_value = {g.value: g for g in ranked}
    assert ranked[0].value == "Dana Pike" and by_value["Dana Pike"].titled == ASKED_HOLDER
    assert by_value["Ken Mori"].titled == OTHER_OFFICE  # only ever another company's CEO
    assert by_value["Ken Mori"].support < by_value["Dana Pike"].support
    draft = typed_answer(query, ev)
    assert draft is not None and draft.short_answer == "Dana Pike"


def test_no_binding_for_a_question_that_asks_no_office(make_reader):
    reader = make_reader(CUBE)
    question = "Who said they were pleased to team up with Lumen Telecom?"
    query = build_query(question)
    ev = gather(query, reader.hits(question), reader, reader.embedder.embed([question])[0])
    assert all(g.titled == UNBOUND for g in aggregate(query, ev))


def test_a_title_followed_by_a_name_is_that_names_not_an_apposition():
    office = asked_office(build_query("Who is the CEO of Harbor Bank?"))
    text = "He asked Delta Bank’s Ray Moon, Harbor Bank CEO Eva Lind and others."
    assert office is not None
    assert binding(text, _person(text, "Ray Moon"), office) == UNBOUND
    assert binding(text, _person(text, "Eva Lind"), office) == ASKED_HOLDER


@pytest.mark.parametrize("question, text, name, level", [
    ("Who is the Chair and CEO of Harbor Records?",
     "Last year, Lind was (some may say belatedly) named Chair & CEO of Harbor Records.", "Lind", ASKED_HOLDER),
    ("Who chairs the transport council created by the governor?",
     "The state is creating a transport council, chaired by Deputy Chief of Staff Ana Ruiz, to meet monthly.",
     "Ana Ruiz", TITLED),
    ("Who was Dayton's acting head coach in the win?",
     "Dayton offensive coordinator Sam Reel will serve as acting head coach if Hale is out.", "Sam Reel",
     ASKED_HOLDER),
    ("Who was Dayton's acting head coach in the win?", "Dayton head coach Jim Hale was suspended.", "Jim Hale",
     OTHER_OFFICE),
])
def test_asides_long_titles_and_qualified_offices(question, text, name, level):
    assert _level(question, text, name) == level


@pytest.mark.parametrize("question, text, name", [
    ("Who is the former Danish defense attaché quoted on the drills?",
     "Ole Berg, a former Danish defense attaché, expected the drills to grow.", "Ole Berg"),
    ("Who is the chief scientist of VAST?", "“No roadblocks,” says Mei Lin, the chief scientist of VAST.", "Mei Lin"),
])
def test_a_qualifier_a_few_words_before_the_title_and_a_holder_before_a_full_stop(question, text, name):
    assert _level(question, text, name) == ASKED_HOLDER


@pytest.mark.parametrize("question, text, name, level", [
    # the rest of a name the mention did not take in ("John J" of "John J. Ray III"), then an aside
    ("Who was appointed CEO of Orbit after Lane resigned?",
     "Lane resigned, and John J. Ray III, the turnaround veteran, was appointed its new CEO.", "John J", TITLED),
    ("Who is taking over from Ann Cole as Vexa's CEO?",
     "Rui Teng, Vexa’s former global head of regional markets, will be the exchange’s new CEO, Cole said.",
     "Rui Teng", ASKED_HOLDER),
    ("Who runs Nadia's Bakery and Cafe now?", "The founder's son, Omar Said, runs the business now.", "Omar Said",
     TITLED),
])
def test_predicates_past_asides_and_a_role_verb_after_an_apposition(question, text, name, level):
    assert _level(question, text, name) == level


@pytest.mark.parametrize("text, name, level", [
    ("Sir Ken Hale, Chairman and CEO of Orbit Music Group, said so.", "Ken Hale", ASKED_HOLDER),
    ("Mia Cruz, Chair & CEO of Capitol Music Group, said so.", "Mia Cruz", OTHER_OFFICE),  # sharing some words
    ("Mia Cruz, Chair & CEO of Delta Records, said so.", "Mia Cruz", OTHER_OFFICE),
])
def test_a_holder_that_shares_only_some_words_with_the_asked_one_is_another(text, name, level):
    office = asked_office(build_query("Who is the chairman and CEO of Orbit Music Group?"))
    assert office is not None
    assert binding(text, _person(text, name), office) == level


def test_a_heading_names_the_holder_of_the_title_under_it():
    office = asked_office(build_query("Who is the head coach of the Dayton Hawks?"))
    text = "DAYTON FALCONS | Head coach Matt Eber: The Falcons have one division win."
    assert office is not None and binding(text, _person(text, "Matt Eber"), office) == OTHER_OFFICE
