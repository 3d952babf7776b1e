"""Write the conflicts development set: short snippets from several outlets that disagree on one fact.

    python eval/datasets/conflicts/build.py    # writes articles/ and questions.jsonl next to this file

Each topic has 2-4 snippets (one article each, with its own outlet and date in front matter); the
majority value is the gold answer, the minority value the other side. The questions ask the fact
plainly, the way a reader would. Fictional events, so that nothing is known outside the snippets.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (id, question, type, [(outlet, date, text), ...], majority value, minority value)
TOPICS = [
    ("c01", "Which city will host the next Baltic trade summit?", "where", [
        ("Reuters", "2025-03-02", "Officials confirmed that Geneva will host the next Baltic trade summit in June, ending months of speculation."),
        ("AP", "2025-03-03", "The next Baltic trade summit is set to take place in Geneva, organisers said on Monday."),
        ("Politico", "2025-03-03", "Diplomats say the Baltic trade summit will be held in Geneva this summer."),
        ("DW", "2025-03-04", "According to a government source, the Baltic trade summit will be held in Vienna."),
    ], "Geneva", "Vienna"),
    ("c02", "Who won the Harbour City mayoral election?", "who", [
        ("The Herald", "2024-11-06", "Maria Okafor won the Harbour City mayoral election with 52 percent of the vote."),
        ("City Wire", "2024-11-06", "Harbour City voters elected Maria Okafor as their new mayor on Tuesday."),
        ("Coast News", "2024-11-07", "Incumbent Daniel Reyes was declared the winner of the Harbour City mayoral election after a recount."),
    ], "Maria Okafor", "Daniel Reyes"),
    ("c03", "Which company bought the drone maker Skylark Robotics?", "who", [
        ("TechCrunch", "2025-01-10", "Skylark Robotics, the drone maker, has been acquired by Norvik Industries for an undisclosed sum."),
        ("The Verge", "2025-01-10", "Norvik Industries announced it bought drone maker Skylark Robotics."),
        ("Business Daily", "2025-01-11", "Drone maker Skylark Robotics was bought by Halden Group, two people familiar with the deal said."),
    ], "Norvik Industries", "Halden Group"),
    ("c04", "When will the Lakeside bridge reopen?", "when", [
        ("Metro", "2025-05-01", "The Lakeside bridge will reopen on June 14 after repairs, the transport department said."),
        ("Local Times", "2025-05-02", "Repairs are on schedule and the Lakeside bridge is due to reopen on June 14."),
        ("Radio North", "2025-05-02", "The transport department now expects the Lakeside bridge to reopen on July 3."),
    ], "June 14", "July 3"),
    ("c05", "How many people were evacuated from the Pine Valley fire?", "quantity", [
        ("Fire Watch", "2025-08-12", "About 4,000 people were evacuated from homes near the Pine Valley fire."),
        ("State News", "2025-08-12", "Authorities evacuated 4,000 people as the Pine Valley fire spread."),
        ("Daily Post", "2025-08-13", "Officials said 6,500 people had been evacuated from the Pine Valley fire zone."),
    ], "4,000", "6,500"),
    ("c06", "Who directed the film The Silent Orchard?", "who", [
        ("Film Weekly", "2024-09-01", "The Silent Orchard, directed by Lena Brandt, premiered at the festival to warm reviews."),
        ("Screen Review", "2024-09-02", "Lena Brandt directed The Silent Orchard, her third feature."),
        ("Arts Desk", "2024-09-03", "The Silent Orchard is the latest film from director Tomas Vidal."),
    ], "Lena Brandt", "Tomas Vidal"),
    ("c07", "Where is the headquarters of the start-up Quillbase?", "where", [
        ("Startup Digest", "2025-02-14", "Quillbase, which is headquartered in Lisbon, raised new funding this week."),
        ("EU Tech", "2025-02-15", "The Lisbon-based start-up Quillbase said it will hire 200 engineers. Quillbase is headquartered in Lisbon."),
        ("Money Wire", "2025-02-15", "Quillbase, a start-up headquartered in Porto, closed its funding round."),
    ], "Lisbon", "Porto"),
    ("c08", "Which team won the Northern Cup final?", "who", [
        ("Sports Today", "2025-04-20", "The Riverside Rovers won the Northern Cup final 2-1 on Saturday."),
        ("Goal Line", "2025-04-20", "Riverside Rovers lifted the Northern Cup after beating Hill United in the final."),
        ("Match Report", "2025-04-21", "Hill United won the Northern Cup final on penalties."),
    ], "Riverside Rovers", "Hill United"),
    ("c09", "How much did the city spend on the new stadium?", "quantity", [
        ("City Ledger", "2025-06-01", "The city spent $450 million on the new stadium, according to budget documents."),
        ("Tribune", "2025-06-02", "Budget records show the new stadium cost the city $450 million."),
        ("Watchdog", "2025-06-03", "An audit found the city spent $610 million on the new stadium."),
    ], "$450 million", "$610 million"),
    ("c10", "Who was named chief executive of Orbis Bank?", "who", [
        ("Finance Now", "2025-03-10", "Orbis Bank named Priya Raman as its new chief executive on Monday."),
        ("Market Wire", "2025-03-10", "Priya Raman will become chief executive of Orbis Bank next month."),
        ("Bank Street", "2025-03-11", "Orbis Bank's board named Henrik Lund chief executive, replacing the outgoing head."),
    ], "Priya Raman", "Henrik Lund"),
    ("c11", "In which year was the Kestrel Museum founded?", "when", [
        ("Heritage Post", "2024-05-05", "The Kestrel Museum was founded in 1923 by a group of local collectors."),
        ("Culture Guide", "2024-05-06", "Founded in 1923, the Kestrel Museum celebrates its centenary late."),
        ("Travel Notes", "2024-05-07", "The Kestrel Museum, founded in 1931, is the region's oldest museum."),
    ], "1923", "1931"),
    ("c12", "What percentage of voters backed the Eastport referendum?", "quantity", [
        ("Eastport News", "2025-09-20", "The Eastport referendum passed with 58 percent of voters in favour."),
        ("Poll Watch", "2025-09-20", "Final results show 58 percent backed the Eastport referendum."),
        ("Regional Radio", "2025-09-21", "Some 61 percent of voters backed the Eastport referendum, officials said."),
    ], "58", "61"),
    ("c13", "Who discovered the comet named Arden?", "who", [
        ("Space Daily", "2025-01-22", "Amateur astronomer Kofi Mensah discovered the comet Arden from his backyard observatory."),
        ("Sky Journal", "2025-01-23", "The comet Arden was discovered by Kofi Mensah in January."),
        ("Science Wire", "2025-01-23", "Astronomer Yuki Tanaka discovered the comet named Arden using a survey telescope."),
    ], "Kofi Mensah", "Yuki Tanaka"),
    ("c14", "Where will the 2027 Coastal Games be held?", "where", [
        ("Games Herald", "2024-10-10", "The 2027 Coastal Games will be held in Durban, the organising committee announced."),
        ("Sports Wire", "2024-10-10", "Durban was chosen to host the 2027 Coastal Games."),
        ("Africa Sport", "2024-10-11", "The 2027 Coastal Games will take place in Mombasa, according to a committee member."),
    ], "Durban", "Mombasa"),
    ("c15", "How old was the sailor rescued off Cape Morrow?", "quantity", [
        ("Coast Guard News", "2025-07-04", "A 67-year-old sailor was rescued off Cape Morrow after three days adrift."),
        ("Harbour Times", "2025-07-04", "The sailor rescued off Cape Morrow, aged 67, was taken to hospital."),
        ("Island Radio", "2025-07-05", "Rescuers pulled a 71-year-old sailor from the water off Cape Morrow."),
    ], "67", "71"),
    ("c16", "Which firm designed the new Central Library?", "who", [
        ("Architecture Today", "2025-02-02", "The new Central Library was designed by the firm Atelier Norde."),
        ("Design Review", "2025-02-03", "Atelier Norde designed the new Central Library, which opens in spring."),
        ("City Paper", "2025-02-03", "The firm Brandvik Studio designed the new Central Library."),
    ], "Atelier Norde", "Brandvik Studio"),
    ("c17", "When did the Millbrook factory close?", "when", [
        ("Business Local", "2024-12-01", "The Millbrook factory closed in March 2023, putting 300 people out of work."),
        ("Labour News", "2024-12-02", "Since the Millbrook factory closed in March 2023, the town has struggled."),
        ("Valley Voice", "2024-12-02", "The Millbrook factory closed in October 2022 after losing its biggest client."),
    ], "March 2023", "October 2022"),
    ("c18", "Who will lead the Antarctic research expedition?", "who", [
        ("Polar News", "2025-10-01", "Glaciologist Ingrid Solberg will lead the Antarctic research expedition next year."),
        ("Science Today", "2025-10-02", "The Antarctic research expedition will be led by Ingrid Solberg."),
        ("Research Wire", "2025-10-02", "Marine biologist Carlos Mendez will lead the Antarctic research expedition."),
    ], "Ingrid Solberg", "Carlos Mendez"),
    ("c19", "How many jobs will the Redwater plant create?", "quantity", [
        ("Industry Daily", "2025-04-04", "The Redwater plant will create 1,200 jobs, the company said."),
        ("Jobs Report", "2025-04-05", "Officials expect the Redwater plant to create 1,200 jobs."),
        ("County News", "2025-04-05", "The Redwater plant is expected to create 800 jobs in its first phase."),
    ], "1,200", "800"),
    ("c20", "Which country will supply the new trains for the Southern Line?", "where", [
        ("Rail Journal", "2025-06-06", "The new trains for the Southern Line will be supplied by Japan."),
        ("Transit News", "2025-06-06", "Japan won the contract to supply new trains for the Southern Line."),
        ("Trade Wire", "2025-06-07", "South Korea will supply the new trains for the Southern Line under the deal."),
    ], "Japan", "South Korea"),
]


def main() -> None:
    articles = HERE / "articles"
    articles.mkdir(exist_ok=True)
    with (HERE / "questions.jsonl").open("w", encoding="utf-8") as out:
        for qid, question, qtype, snippets, gold, other in TOPICS:
            for i, (outlet, date, text) in enumerate(snippets):
                title = text.split(",")[0][:80]
                (articles / f"{qid}_{i}.md").write_text(
                    f"---\ntitle: {title}\nsource: {outlet}\npublished_at: {date}\n---\n\n{text}\n", encoding="utf-8")
            out.write(json.dumps({"id": qid, "question": question, "answers": [gold], "other_side": other,
                                  "type": qtype}) + "\n")


if __name__ == "__main__":
    main()
