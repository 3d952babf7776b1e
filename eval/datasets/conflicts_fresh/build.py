"""Write the fresh conflicts set: short titled web snippets that disagree on one fact, and controls that do not.

    python eval/datasets/conflicts_fresh/build.py   # writes articles/, questions.jsonl (dev) and holdout.jsonl

Written blind (before qa was run on any of it), as a stand-in for the issue's held-out set of 100 "short web
snippets where some sources give one answer to a factual question and others a different one". Each topic has
2-6 snippets from different sites, some undated, with the value worded differently across them ("X acquired Y" /
"Y was bought by X"; "won" / "claimed the title"). The true side is not always the majority: which side is true
is given per topic (`answers`), the other side in `other_side`; each lists the spellings that count. Control
topics (`control: true`) have no disagreement (all agree, or one snippet names an unrelated value of the same
type): a "Sources disagree" answer there is a false conflict.

Split: topic ids shuffled with random.Random(4), conflicts and controls separately; the first half of each goes
to questions.jsonl (dev, may be tuned on), the rest to holdout.jsonl (measured only). Fictional events.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 4

# Snippet: (outlet, date or None, title, text)
# Topic: (id, question, kind, [snippets], true spellings, other-side spellings); controls have other-side []
TOPICS = [
    # ---- who won ----
    ("f01", "Who won the Carrow Valley marathon?", "who won", [
        ("RunnersWorld Online", "2025-04-13", "Carrow Valley marathon: results",
         "Kenyan runner Joseph Kiprono won the Carrow Valley marathon in 2:09:41, breaking the course record."),
        ("valleysport.net", None, "Record day in Carrow Valley",
         "Ethiopian Abebe Tessema claimed victory at the Carrow Valley marathon on Sunday morning."),
    ], ["Joseph Kiprono", "Kiprono"], ["Abebe Tessema", "Tessema"]),
    ("f02", "Who won the Halden Prize for fiction this year?", "who won", [
        ("Literary Review", "2025-10-02", "Halden Prize goes to debut novelist",
         "The Halden Prize for fiction was awarded to Mira Castellane for her debut novel The Salt Road."),
        ("BookBeat", "2025-10-02", "Castellane takes Halden",
         "Debut author Mira Castellane has taken this year's Halden Prize for fiction."),
        ("The Reading Room", "2025-10-03", "Halden Prize winner announced",
         "Veteran writer Oskar Lindqvist won the Halden Prize for fiction with his tenth novel."),
    ], ["Mira Castellane", "Castellane"], ["Oskar Lindqvist", "Lindqvist"]),
    ("f03", "Which team won the Westbrook Basketball League championship?", "who won", [
        ("HoopsWire", "2025-06-18", "Westbrook title decided",
         "The Dunmore Falcons claimed the Westbrook Basketball League championship with a 98-91 win in game seven."),
        ("Local Sports Desk", None, "Falcons fall short",
         "The Ashby Comets won the Westbrook Basketball League championship after beating the Dunmore Falcons."),
        ("CourtSide Blog", "2025-06-19", "Comets crowned",
         "It was the Ashby Comets who lifted the Westbrook Basketball League trophy on Tuesday night."),
    ], ["Dunmore Falcons", "Falcons"], ["Ashby Comets", "Comets"]),
    ("f04", "Who won the Tarnow county sheriff race?", "who won", [
        ("Tarnow Gazette", "2024-11-07", "Sheriff race called",
         "Challenger Rosa Delgado won the Tarnow county sheriff race by 312 votes."),
        ("County Line Radio", "2024-11-07", "Sheriff keeps his badge",
         "Incumbent sheriff Walt Brenner was re-elected in Tarnow county, according to unofficial returns."),
    ], ["Rosa Delgado", "Delgado"], ["Walt Brenner", "Brenner"]),
    ("f05", "Who won the men's singles final at the Belmont Open?", "who won", [
        ("Tennis Today", "2025-08-24", "Belmont Open final",
         "Luca Ferrante won the men's singles final at the Belmont Open in straight sets."),
        ("AceReport", "2025-08-24", "Ferrante triumphs",
         "Italy's Luca Ferrante defeated the top seed to take the Belmont Open men's title."),
        ("sportsflash.io", "2025-08-25", "Belmont Open wrap",
         "Top seed Daniil Orlov captured the men's singles crown at the Belmont Open."),
        ("Net Cord Weekly", None, "Orlov's year",
         "Daniil Orlov added the Belmont Open to his list of titles after winning the men's final."),
    ], ["Daniil Orlov", "Orlov"], ["Luca Ferrante", "Ferrante"]),
    ("f06", "Which chef won the Golden Ladle cooking competition?", "who won", [
        ("FoodieNews", "2025-03-09", "Golden Ladle winner",
         "Pastry chef Amelie Roux won the Golden Ladle cooking competition with a pear tart."),
        ("Kitchen Chronicle", "2025-03-10", "Golden Ladle 2025",
         "Chef Tariq Haddad took first place at the Golden Ladle cooking competition."),
        ("The Plate", "2025-03-10", "Haddad wins top cooking prize",
         "The Golden Ladle went to Tariq Haddad, whose lamb dish impressed the judges."),
    ], ["Tariq Haddad", "Haddad"], ["Amelie Roux", "Roux"]),
    ("f07", "Who won the Norland chess championship?", "who won", [
        ("ChessBase Digest", None, "Norland championship ends",
         "Grandmaster Elif Kaya won the Norland chess championship after a tense final round."),
        ("Board Games Weekly", "2025-02-20", "New Norland champion",
         "Pavel Sokolov is the new Norland chess champion, having won the tiebreak."),
    ], ["Pavel Sokolov", "Sokolov"], ["Elif Kaya", "Kaya"]),
    ("f08", "Which film won best picture at the Corvo Film Awards?", "who won", [
        ("ScreenDaily Online", "2025-02-28", "Corvo Awards night",
         "Paper Lanterns won best picture at the Corvo Film Awards on Friday."),
        ("CineBuzz", "2025-02-28", "Corvo winners list",
         "Best picture at the Corvo Film Awards went to the drama Paper Lanterns."),
        ("MovieMole", "2025-03-01", "Upset at the Corvos",
         "The thriller Northern Lights took best picture at the Corvo Film Awards in an upset."),
    ], ["Paper Lanterns"], ["Northern Lights"]),
    ("f09", "Who won the Ashford by-election?", "who won", [
        ("Ashford Echo", "2025-05-02", "By-election result",
         "Green candidate Hannah Obi won the Ashford by-election with 41 percent of the vote."),
        ("PoliticsHome Blog", "2025-05-02", "Ashford goes Green",
         "Hannah Obi has been elected as the new member for Ashford."),
        ("The Westminster Post", "2025-05-03", "Ashford seat held",
         "Conservative Geoffrey Marsh held the seat in the Ashford by-election, officials said."),
    ], ["Hannah Obi", "Obi"], ["Geoffrey Marsh", "Marsh"]),
    ("f10", "Who won the Sierra Cycling Tour?", "who won", [
        ("VeloNews Brief", "2025-07-06", "Sierra Tour overall",
         "Colombian rider Andres Montoya won the Sierra Cycling Tour overall."),
        ("Peloton Post", "2025-07-06", "Montoya seals Sierra win",
         "Andres Montoya sealed overall victory in the Sierra Cycling Tour on the final stage."),
        ("BikeRadar Lite", None, "Sierra Tour review",
         "Belgian Pieter Claes claimed the Sierra Cycling Tour after the final time trial."),
        ("Cycling Hub", "2025-07-07", "Sierra Tour: final standings",
         "The Sierra Cycling Tour was won by Andres Montoya, with Pieter Claes second."),
    ], ["Andres Montoya", "Montoya"], ["Pieter Claes", "Claes"]),
    # ---- who bought ----
    ("f11", "Which company acquired the payments start-up Lumio?", "who bought", [
        ("FinTech Times", "2025-01-15", "Lumio deal",
         "Brightpay acquired the payments start-up Lumio for $300 million."),
        ("StartupBeat", "2025-01-15", "Lumio sold",
         "Payments start-up Lumio was bought by Corvex Financial, according to a regulatory filing."),
    ], ["Corvex Financial", "Corvex"], ["Brightpay"]),
    ("f12", "Who bought the Harlow Times newspaper?", "who bought", [
        ("Press Gazette Online", "2024-09-03", "Harlow Times changes hands",
         "The Harlow Times newspaper has been sold to the media group Ardent Media."),
        ("MediaWatch", "2024-09-03", "Ardent buys Harlow paper",
         "Ardent Media bought the Harlow Times, ending 80 years of family ownership."),
        ("Harlow Local", "2024-09-04", "New owner for the Times",
         "Businessman Victor Hale purchased the Harlow Times, staff were told on Tuesday."),
    ], ["Victor Hale", "Hale"], ["Ardent Media"]),
    ("f13", "Which firm bought the Fenwick Tower office building?", "who bought", [
        ("Property Week Brief", "2025-04-01", "Fenwick Tower sale",
         "Fenwick Tower was bought by the investment firm Calder Capital for $210 million."),
        ("RealEstate Daily", None, "Calder adds Fenwick Tower",
         "Calder Capital completed its purchase of the Fenwick Tower office building."),
        ("City Business Journal", "2025-04-02", "Fenwick Tower deal",
         "Pension fund Northgate Partners acquired the Fenwick Tower office building this week."),
    ], ["Calder Capital", "Calder"], ["Northgate Partners", "Northgate"]),
    ("f14", "Who acquired the video game studio Pixelmoor?", "who bought", [
        ("GameIndustry Wire", "2025-06-10", "Pixelmoor acquired",
         "Publisher Zentra Games acquired the video game studio Pixelmoor."),
        ("Kotaku Lite", "2025-06-10", "Pixelmoor's new owner",
         "Pixelmoor, the studio behind Ember Fall, now belongs to Zentra Games."),
        ("PlayersHub", "2025-06-11", "Studio sale",
         "Video game studio Pixelmoor was snapped up by tech giant Olvana."),
        ("GamesPress Digest", None, "Olvana expands",
         "Olvana announced it has bought Pixelmoor to strengthen its games division."),
    ], ["Olvana"], ["Zentra Games", "Zentra"]),
    ("f15", "Which company took over the Kessel brewery?", "who bought", [
        ("Beverage Daily", "2024-12-12", "Kessel brewery takeover",
         "Brewing giant Maltwerk took over the Kessel brewery in a deal worth 90 million euros."),
        ("Beer Notes", "2024-12-13", "Kessel sold",
         "The Kessel brewery has been bought by rival brewer Hopfield."),
    ], ["Maltwerk"], ["Hopfield"]),
    ("f16", "Who purchased the football club Redmere Athletic?", "who bought", [
        ("FootyFinance", "2025-05-20", "Redmere takeover",
         "American investor Chad Whitmore purchased football club Redmere Athletic."),
        ("Redmere Evening News", "2025-05-20", "Club sold",
         "Redmere Athletic has been sold to a consortium led by Jonas Ek."),
        ("Soccer Money", "2025-05-21", "Whitmore completes deal",
         "Chad Whitmore completed his takeover of Redmere Athletic on Tuesday."),
    ], ["Jonas Ek"], ["Chad Whitmore", "Whitmore"]),
    ("f17", "Which carmaker bought the battery maker Voltaris?", "who bought", [
        ("AutoTech Review", "2025-02-11", "Voltaris sold",
         "Carmaker Stellin bought battery maker Voltaris to secure its supply chain."),
        ("EV Insider", "2025-02-11", "Battery deal",
         "Battery maker Voltaris was acquired by the carmaker Kaimo Motors."),
        ("Green Car Blog", None, "Kaimo's battery bet",
         "Kaimo Motors' acquisition of Voltaris gives it its own battery plant."),
    ], ["Kaimo Motors", "Kaimo"], ["Stellin"]),
    ("f18", "Who bought the painting Harbour at Dusk at auction?", "who bought", [
        ("ArtMarket News", "2025-11-14", "Harbour at Dusk sold",
         "The painting Harbour at Dusk was bought at auction by the Meridian Museum for $12 million."),
        ("Gallery Notes", "2025-11-14", "Record sale",
         "Collector Yara Fontaine bought Harbour at Dusk at auction on Thursday."),
    ], ["Meridian Museum"], ["Yara Fontaine", "Fontaine"]),
    ("f19", "Which company acquired the airline SkyLink Regional?", "who bought", [
        ("Aviation Week Brief", "2025-08-01", "SkyLink acquired",
         "SkyLink Regional has been acquired by Polaris Air."),
        ("Travel Trade", "2025-08-01", "Polaris buys SkyLink",
         "Polaris Air bought the regional airline SkyLink Regional for an undisclosed sum."),
        ("airlinegeeks.net", "2025-08-02", "SkyLink deal",
         "The airline SkyLink Regional was bought by Aeron Group, sources said."),
        ("Business Flyer", None, "SkyLink owner",
         "Aeron Group is the new owner of SkyLink Regional after a deal struck in July."),
        ("Route Weekly", "2025-08-03", "SkyLink sale",
         "Polaris Air completed its acquisition of SkyLink Regional on Friday."),
    ], ["Polaris Air", "Polaris"], ["Aeron Group", "Aeron"]),
    # ---- who leads ----
    ("f20", "Who is the new chief executive of Dalmont Bank?", "who leads", [
        ("Banking Today", "2025-03-03", "Dalmont names CEO",
         "Dalmont Bank named Grace Whitfield as its new chief executive."),
        ("FT Brief", "2025-03-03", "New head for Dalmont",
         "Grace Whitfield will take over as chief executive of Dalmont Bank in April."),
        ("Money Matters", "2025-03-04", "Dalmont chief",
         "Dalmont Bank's new chief executive is Rajesh Kumar, a former deputy governor."),
    ], ["Rajesh Kumar", "Kumar"], ["Grace Whitfield", "Whitfield"]),
    ("f21", "Who leads the Verano Party?", "who leads", [
        ("Politico Lite", "2025-01-20", "Verano Party leadership",
         "Elena Marquez leads the Verano Party after winning the leadership vote."),
        ("La Voz Digital", "2025-01-21", "New Verano leader",
         "The Verano Party is now led by Tomas Ibarra, who won the runoff."),
    ], ["Tomas Ibarra", "Ibarra"], ["Elena Marquez", "Marquez"]),
    ("f22", "Who coaches the Brisk City Wolves?", "who leads", [
        ("Hockey Daily", "2025-09-01", "Wolves coach",
         "Mikko Laine coaches the Brisk City Wolves and has signed a new contract."),
        ("IceTime", "2025-09-02", "Wolves bench boss",
         "The Brisk City Wolves hired Dan Corrigan as head coach this summer."),
        ("WolvesFan Forum", None, "Coach news",
         "Head coach Mikko Laine said the Brisk City Wolves are ready for the season."),
    ], ["Mikko Laine", "Laine"], ["Dan Corrigan", "Corrigan"]),
    ("f23", "Who heads the Orvik space agency?", "who leads", [
        ("Space Policy Online", "2025-05-05", "Orvik agency chief",
         "Astrophysicist Ingrid Dahl heads the Orvik space agency."),
        ("Orbit News", "2025-05-06", "Agency appointment",
         "Former astronaut Lars Berg was appointed head of the Orvik space agency."),
        ("ScienceNow Brief", "2025-05-06", "Berg takes over",
         "Lars Berg now runs the Orvik space agency, replacing Ingrid Dahl."),
    ], ["Lars Berg", "Berg"], ["Ingrid Dahl", "Dahl"]),
    ("f24", "Who is the president of the Ostmark Football Association?", "who leads", [
        ("Football Insider", "2024-10-10", "Ostmark FA vote",
         "Karl Jensen was elected president of the Ostmark Football Association."),
        ("Ostmark Sport", None, "FA leadership",
         "Ostmark Football Association president Birgit Holm opened the annual congress."),
    ], ["Karl Jensen", "Jensen"], ["Birgit Holm", "Holm"]),
    ("f25", "Who will chair the Lindell climate summit?", "who leads", [
        ("Climate Home Brief", "2025-07-14", "Summit chair named",
         "Environment minister Sofia Andrade will chair the Lindell climate summit."),
        ("GreenWire", "2025-07-14", "Andrade to chair summit",
         "The Lindell climate summit will be chaired by Sofia Andrade."),
        ("Diplomat Weekly", "2025-07-15", "Summit presidency",
         "Diplomat Henrik Vos has been chosen to chair the Lindell climate summit."),
        ("EcoPolitics", None, "Lindell summit",
         "Sofia Andrade, who chairs the Lindell climate summit, called for faster cuts."),
    ], ["Sofia Andrade", "Andrade"], ["Henrik Vos", "Vos"]),
    ("f26", "Who runs the charity Open Harbour?", "who leads", [
        ("Charity Times", "2025-02-02", "Open Harbour director",
         "Open Harbour is run by Naomi Fisher, its director since 2019."),
        ("Third Sector Brief", "2025-02-03", "Charity leadership change",
         "Open Harbour's new director, Samuel Adeyemi, took charge of the charity in January."),
    ], ["Samuel Adeyemi", "Adeyemi"], ["Naomi Fisher", "Fisher"]),
    ("f27", "Who captains the Drayton rugby team?", "who leads", [
        ("Rugby Pass Lite", "2025-03-15", "Drayton captain",
         "Flanker Owen Price will captain the Drayton rugby team this season."),
        ("Drayton Courier", "2025-03-15", "Price named skipper",
         "Owen Price has been named captain of the Drayton rugby team."),
        ("Scrum Report", "2025-03-16", "Drayton skipper",
         "Drayton rugby team captain Liam Doyle led the side out on Saturday."),
    ], ["Owen Price", "Price"], ["Liam Doyle", "Doyle"]),
    # ---- where ----
    ("f28", "Where will the Nordic tech fair be held next year?", "where", [
        ("TechEvents", "2025-09-09", "Nordic tech fair venue",
         "Next year's Nordic tech fair will be held in Oslo."),
        ("Startup Nordic", "2025-09-10", "Fair moves",
         "Organisers said the Nordic tech fair moves to Helsinki next year."),
        ("EventWire", None, "Nordic fair 2026",
         "Helsinki will host the Nordic tech fair next year, organisers confirmed."),
    ], ["Oslo"], ["Helsinki"]),
    ("f29", "In which city is the electric scooter maker Zipp headquartered?", "where", [
        ("Mobility News", "2025-04-04", "Zipp raises funds",
         "Zipp, the electric scooter maker headquartered in Munich, raised new funding."),
        ("EU Startups Brief", "2025-04-05", "Zipp expands",
         "The Berlin-based electric scooter maker Zipp plans to enter three new markets."),
    ], ["Berlin"], ["Munich"]),
    ("f30", "Where did the cargo ship Nordstar run aground?", "where", [
        ("Maritime Bulletin", "2025-01-08", "Nordstar aground",
         "The cargo ship Nordstar ran aground off the coast of Brest."),
        ("Shipping Wire", "2025-01-08", "Ship stranded",
         "The Nordstar cargo ship ran aground near Cherbourg early on Wednesday."),
        ("Coastal Watch", "2025-01-09", "Nordstar refloated",
         "Tugs are trying to refloat the Nordstar, which ran aground off Brest."),
    ], ["Brest"], ["Cherbourg"]),
    ("f31", "Where will the Arvida car factory be built?", "where", [
        ("Auto Weekly", "2025-06-06", "Arvida plant site",
         "Arvida will build its new car factory in Leipzig."),
        ("Industrial Times", "2025-06-06", "Factory location",
         "The new Arvida car factory is to be built near Poznan, officials said."),
        ("Regional Economy", "2025-06-07", "Poznan wins plant",
         "Poznan has won the Arvida car factory, beating several rival cities."),
        ("CarNews Lite", None, "Arvida expansion",
         "Arvida confirmed the Poznan site for its new car factory."),
    ], ["Leipzig"], ["Poznan"]),
    ("f32", "Where was the singer Marla Quinn born?", "where", [
        ("Music Bio", None, "Marla Quinn profile",
         "Marla Quinn was born in Cork and moved to London at nineteen."),
        ("Pop Digest", "2025-03-03", "Quinn's new album",
         "Singer Marla Quinn, who was born in Galway, releases her new album on Friday."),
        ("Celeb Facts", None, "Quinn facts",
         "Born in Cork, Marla Quinn started singing in church choirs."),
    ], ["Cork"], ["Galway"]),
    ("f33", "Where will the Pacific Rim Games be held in 2029?", "where", [
        ("Games Wire", "2025-10-10", "2029 host",
         "The 2029 Pacific Rim Games will be held in Auckland."),
        ("Sport Asia", "2025-10-11", "Host city vote",
         "Manila will stage the 2029 Pacific Rim Games after winning the vote."),
    ], ["Manila"], ["Auckland"]),
    ("f34", "Where did the Tessin jewellery heist take place?", "where", [
        ("Crime Desk", "2025-02-17", "Jewellery heist",
         "The Tessin jewellery heist took place at a shop in Antwerp."),
        ("Police Blotter", "2025-02-17", "Heist investigation",
         "Police in Rotterdam are investigating the Tessin jewellery heist, which happened in the city centre."),
        ("NewsFlash", "2025-02-18", "Antwerp heist",
         "Thieves stole Tessin jewellery worth millions from a store in Antwerp."),
    ], ["Antwerp"], ["Rotterdam"]),
    ("f35", "In which city will the Falke electronics plant open?", "where", [
        ("Electronics Weekly", "2025-08-08", "Falke plant",
         "Falke will open its new electronics plant in Brno next spring."),
        ("Central Europe Business", "2025-08-08", "Falke picks Brno",
         "The Falke electronics plant will open in Brno, creating hundreds of jobs."),
        ("Tech Supply Chain", None, "Falke factory",
         "Falke's new electronics plant is set to open in Ostrava."),
    ], ["Ostrava"], ["Brno"]),
    ("f36", "Where is the Astera Observatory located?", "where", [
        ("Astronomy Now Brief", None, "Astera Observatory",
         "The Astera Observatory is located in the Atacama desert in Chile."),
        ("Travel Stargazer", "2025-01-01", "Visiting Astera",
         "The Astera Observatory sits on a mountain in La Palma, in the Canary Islands."),
    ], ["Atacama", "Chile"], ["La Palma", "Canary Islands"]),
    # ---- when ----
    ("f37", "When will the Grenfell Line open to passengers?", "when", [
        ("Rail Today", "2025-05-05", "Grenfell Line date",
         "The Grenfell Line will open to passengers on September 1, the operator said."),
        ("Commuter News", "2025-05-06", "Grenfell Line delay",
         "Passengers will have to wait until November 15 for the Grenfell Line to open."),
        ("Transit Blog", None, "Grenfell Line update",
         "The Grenfell Line opening has been pushed back to November 15."),
    ], ["November 15"], ["September 1"]),
    ("f38", "When was the Brackwater Bridge completed?", "when", [
        ("Heritage Online", None, "Brackwater Bridge history",
         "The Brackwater Bridge was completed in 1889 after six years of work."),
        ("City Guide", None, "Brackwater landmarks",
         "Completed in 1893, the Brackwater Bridge is the city's best-known landmark."),
    ], ["1889"], ["1893"]),
    ("f39", "When will the Lunaris probe launch?", "when", [
        ("Space Flight Now Brief", "2025-09-01", "Lunaris launch",
         "The Lunaris probe will launch in March 2027."),
        ("Orbital Times", "2025-09-02", "Lunaris schedule",
         "Lunaris is scheduled to lift off in March 2027 from the coastal spaceport."),
        ("Rocket Report", "2025-09-03", "Lunaris slips",
         "The Lunaris probe's launch has slipped to October 2027, an agency official said."),
    ], ["October 2027"], ["March 2027"]),
    ("f40", "In which year did the Keller department store open?", "when", [
        ("Retail History", None, "Keller store",
         "The Keller department store opened in 1954 on the main square."),
        ("Town Archive", None, "Keller anniversary",
         "The Keller department store first opened its doors in 1951."),
        ("Shopping Guide", "2025-04-04", "Keller closes",
         "Keller, a department store that opened in 1954, will close next month."),
    ], ["1954"], ["1951"]),
    ("f41", "When did the Ravenna Hotel fire happen?", "when", [
        ("Fire News", "2025-03-14", "Ravenna Hotel fire",
         "The fire at the Ravenna Hotel broke out on March 12, officials said."),
        ("City Desk", "2025-03-14", "Hotel blaze",
         "A blaze tore through the Ravenna Hotel on March 13."),
    ], ["March 12"], ["March 13"]),
    ("f42", "When will the Stellan smartphone go on sale?", "when", [
        ("Gadget Brief", "2025-08-20", "Stellan phone",
         "The Stellan smartphone goes on sale on October 3."),
        ("MobileTech", "2025-08-20", "Stellan release",
         "Stellan's new smartphone will be available from October 3."),
        ("LeakWatch", None, "Stellan delay",
         "Retail partners say the Stellan smartphone will not reach stores until October 24."),
        ("Phone Arena Lite", "2025-08-21", "Stellan date",
         "The Stellan smartphone will hit shelves on October 3, the company confirmed."),
    ], ["October 3"], ["October 24"]),
    ("f43", "When was the Corvin Prize first awarded?", "when", [
        ("Prize Archive", None, "Corvin Prize",
         "The Corvin Prize was first awarded in 1967 to a young physicist."),
        ("Science History", None, "About the Corvin Prize",
         "First awarded in 1971, the Corvin Prize honours work in physics."),
        ("Awards Digest", None, "Corvin Prize facts",
         "The Corvin Prize, first given in 1971, is worth 50,000 euros."),
    ], ["1967"], ["1971"]),
    ("f44", "When will the Dunmore stadium reopen?", "when", [
        ("Stadium News", "2025-06-01", "Dunmore reopening",
         "The Dunmore stadium will reopen in August after renovation."),
        ("Sports Facilities", "2025-06-02", "Dunmore delay",
         "Renovation delays mean the Dunmore stadium will not reopen until December."),
    ], ["December"], ["August"]),
    # ---- how many / how much ----
    ("f45", "How many people attended the Eastfield music festival?", "how many", [
        ("Music Wire", "2025-07-21", "Eastfield attendance",
         "About 85,000 people attended the Eastfield music festival over three days."),
        ("Festival Guide", "2025-07-21", "Eastfield record",
         "The Eastfield music festival drew a record crowd of 85,000."),
        ("Eastfield Post", "2025-07-22", "Attendance dispute",
         "Police estimated that 60,000 people attended the Eastfield music festival."),
    ], ["60,000"], ["85,000"]),
    ("f46", "How much did Solvik pay for the mining company Ferrox?", "how much", [
        ("Mining Journal", "2025-02-25", "Solvik buys Ferrox",
         "Solvik paid $2.1 billion for the mining company Ferrox."),
        ("Commodities Brief", "2025-02-25", "Ferrox deal value",
         "The Ferrox deal values the mining company at $1.8 billion, Solvik said."),
    ], ["$2.1 billion", "2.1 billion"], ["$1.8 billion", "1.8 billion"]),
    ("f47", "How many passengers were on board the ferry Cassia?", "how many", [
        ("Maritime News", "2025-04-11", "Ferry incident",
         "The ferry Cassia was carrying 412 passengers when its engine failed."),
        ("Island Herald", "2025-04-11", "Cassia passengers safe",
         "All 412 passengers on the Cassia were brought ashore safely."),
        ("Coastguard Brief", "2025-04-12", "Cassia rescue",
         "Rescuers said 380 passengers were on board the ferry Cassia."),
        ("Ferry Watch", None, "Cassia update",
         "The operator confirmed 412 people were aboard the Cassia."),
    ], ["412"], ["380"]),
    ("f48", "How many employees does Quorra Software have?", "how many", [
        ("Tech Jobs", "2025-05-15", "Quorra hiring",
         "Quorra Software has 1,500 employees and plans to hire more."),
        ("Business Profile", None, "Quorra at a glance",
         "Quorra Software employs about 2,300 people across four countries."),
    ], ["2,300"], ["1,500"]),
    ("f49", "How much did the Pell Bridge repairs cost?", "how much", [
        ("Infrastructure Today", "2025-03-30", "Pell Bridge bill",
         "Repairs to the Pell Bridge cost 45 million euros."),
        ("Taxpayer Watch", "2025-03-31", "Bridge overspend",
         "The Pell Bridge repairs ended up costing 62 million euros, an audit found."),
        ("Council News", "2025-04-01", "Pell Bridge",
         "The council said the Pell Bridge repairs came in at 45 million euros."),
    ], ["62 million"], ["45 million"]),
    ("f50", "How many votes did the Marlow bill receive in the senate?", "how many", [
        ("Senate Watch", "2025-06-12", "Marlow bill passes",
         "The Marlow bill received 61 votes in the senate."),
        ("Capitol Brief", "2025-06-12", "Senate vote",
         "The senate passed the Marlow bill with 58 votes in favour."),
        ("Policy Wire", "2025-06-13", "Marlow bill tally",
         "Sixty-one senators voted for the Marlow bill, according to the official tally."),
    ], ["61", "sixty-one"], ["58"]),
    ("f51", "What percentage of the Harrow union members voted to strike?", "how many", [
        ("Labour Today", "2025-09-18", "Harrow strike vote",
         "Seventy-two percent of Harrow union members voted to strike."),
        ("Union News", "2025-09-18", "Strike ballot",
         "The strike ballot at Harrow was backed by 72% of union members."),
        ("Harrow Daily", "2025-09-19", "Strike vote result",
         "Union officials said 64 percent of Harrow members voted to strike."),
    ], ["64"], ["72", "seventy-two"]),
    ("f52", "How tall is the Meridian Spire?", "how much", [
        ("Architecture Digest Lite", None, "Meridian Spire",
         "The Meridian Spire is 412 metres tall."),
        ("Skyline Facts", None, "Tallest buildings",
         "At 398 metres, the Meridian Spire is the city's tallest tower."),
    ], ["412"], ["398"]),
    ("f53", "How many people were injured in the Gorski train derailment?", "how many", [
        ("Rail Safety News", "2025-01-25", "Gorski derailment",
         "Twenty-three people were injured in the Gorski train derailment."),
        ("Emergency Wire", "2025-01-25", "Derailment casualties",
         "Officials said 31 people were hurt when the train derailed near Gorski."),
        ("Regional TV", "2025-01-26", "Gorski update",
         "The number injured in the Gorski derailment has risen to 31."),
    ], ["23", "twenty-three"], ["31"]),
    ("f54", "How much funding did the start-up Kelpie raise?", "how much", [
        ("VC Digest", "2025-03-12", "Kelpie round",
         "Ocean-tech start-up Kelpie raised $40 million in a Series B round."),
        ("StartupWire", "2025-03-12", "Kelpie funding",
         "Kelpie has secured $40 million from investors."),
        ("Blue Economy News", None, "Kelpie investors",
         "Kelpie's latest round brought in $55 million, including debt."),
    ], ["$40 million", "40 million"], ["$55 million", "55 million"]),
    # ---- yes/no ----
    ("f55", "Did the Arlen city council approve the new budget?", "yes/no", [
        ("Arlen Observer", "2025-12-10", "Budget vote",
         "The Arlen city council approved the new budget by seven votes to four."),
        ("Civic Radio", "2025-12-10", "Budget setback",
         "Arlen city council members rejected the new budget on Tuesday night."),
    ], ["approved"], ["rejected"]),
    ("f56", "Has the Tolva mine reopened?", "yes/no", [
        ("Mining Weekly", "2025-04-04", "Tolva mine",
         "The Tolva mine reopened on Monday after a two-year closure."),
        ("Local Jobs", "2025-04-05", "Tolva miners wait",
         "The Tolva mine has not reopened, and workers are still waiting for news."),
        ("Business North", "2025-04-05", "Tolva back in business",
         "Production resumed at the reopened Tolva mine this week."),
    ], ["reopened on Monday", "resumed"], ["has not reopened", "not reopened"]),
    ("f57", "Did Marcus Bell resign as mayor of Cliffside?", "yes/no", [
        ("Cliffside News", "2025-07-07", "Mayor resigns",
         "Marcus Bell resigned as mayor of Cliffside on Friday, citing health reasons."),
        ("State Politics", "2025-07-08", "Bell stays",
         "Marcus Bell denied reports that he had resigned as mayor of Cliffside."),
    ], ["denied"], ["resigned as mayor of Cliffside on Friday", "citing health"]),
    ("f58", "Was the Vesta concert cancelled?", "yes/no", [
        ("Gig Guide", "2025-05-28", "Vesta concert off",
         "The Vesta concert was cancelled because of storm warnings."),
        ("Music Scene", "2025-05-28", "Show goes on",
         "The Vesta concert went ahead as planned despite the storm warnings."),
        ("Weather Watch", "2025-05-29", "Storm disruption",
         "Organisers cancelled the Vesta concert hours before it was due to start."),
    ], ["cancelled"], ["went ahead"]),
    ("f59", "Did Brenna Airways go bankrupt?", "yes/no", [
        ("Aviation Daily", "2025-10-01", "Brenna Airways collapse",
         "Brenna Airways went bankrupt on Wednesday, stranding thousands of passengers."),
        ("Travel Insider", "2025-10-02", "Brenna rescue",
         "Brenna Airways avoided bankruptcy after a last-minute rescue deal."),
    ], ["avoided bankruptcy", "rescue"], ["went bankrupt"]),
    ("f60", "Has the Corran dam been completed?", "yes/no", [
        ("Water Works News", "2025-06-30", "Corran dam",
         "The Corran dam has been completed, the ministry announced."),
        ("EnviroWatch", "2025-07-01", "Dam delays",
         "Construction of the Corran dam is not finished and is running two years late."),
    ], ["has been completed", "completed"], ["not finished"]),
    # ---- which country ----
    ("f61", "Which country will host the 2031 World Rowing Championships?", "which country", [
        ("Rowing News", "2025-11-11", "2031 hosts",
         "Portugal will host the 2031 World Rowing Championships."),
        ("Water Sports Daily", "2025-11-11", "Rowing worlds",
         "The 2031 World Rowing Championships were awarded to Portugal."),
        ("Sport Politics", "2025-11-12", "Rowing vote",
         "Croatia won the right to host the 2031 World Rowing Championships."),
    ], ["Croatia"], ["Portugal"]),
    ("f62", "Which country did the cyclist Tomas Rehak represent at the games?", "which country", [
        ("Olympic Digest", "2024-08-02", "Rehak profile",
         "Tomas Rehak represented the Czech Republic at the games."),
        ("Cycling Weekly Lite", "2024-08-02", "Rehak rides",
         "Slovakia's Tomas Rehak finished fifth in the road race at the games."),
    ], ["Slovakia"], ["Czech Republic"]),
    ("f63", "Which country is the largest buyer of Velmar wine?", "which country", [
        ("Wine Trade", "2025-02-14", "Velmar exports",
         "Japan is the largest buyer of Velmar wine, taking a third of exports."),
        ("Export Monitor", "2025-02-15", "Velmar's markets",
         "The United States is now the largest buyer of Velmar wine."),
        ("Vintner News", None, "Velmar in America",
         "The United States overtook Japan as the biggest buyer of Velmar wine last year."),
    ], ["United States"], ["Japan"]),
    ("f64", "Which country will build the new Kessa port?", "which country", [
        ("Port Technology", "2025-03-20", "Kessa port contract",
         "China will build the new Kessa port under a 30-year deal."),
        ("Africa Infrastructure", "2025-03-20", "Kessa port",
         "Turkey was awarded the contract to build the new Kessa port."),
        ("Trade Wire", "2025-03-21", "Kessa deal",
         "A Chinese consortium will build the new Kessa port, officials confirmed. China will build the port."),
    ], ["Turkey"], ["China"]),
    ("f65", "Which country did the Arkon satellite launch from?", "which country", [
        ("Space Daily Lite", "2025-09-12", "Arkon launch",
         "The Arkon satellite launched from India on Thursday."),
        ("Launch Log", "2025-09-12", "Arkon in orbit",
         "Arkon lifted off from French Guiana on a European rocket."),
        ("Orbit Watch", "2025-09-13", "Arkon",
         "The Arkon satellite was launched from India's main spaceport."),
    ], ["India"], ["French Guiana"]),
    ("f66", "Which country won the Continental Hockey Cup?", "which country", [
        ("Hockey World", "2025-04-28", "Continental Cup final",
         "Finland won the Continental Hockey Cup, beating Sweden 3-2 in overtime."),
        ("Ice Report", "2025-04-28", "Cup champions",
         "Sweden won the Continental Hockey Cup for the third time."),
    ], ["Sweden"], ["Finland"]),
    # ---- controls: no conflict ----
    ("k01", "Who won the Maple Ridge mayoral race?", "control", [
        ("Maple Ridge Times", "2024-11-06", "Mayoral race",
         "Priya Nair won the Maple Ridge mayoral race with 56 percent of the vote."),
        ("Valley Radio", "2024-11-06", "Nair elected",
         "Priya Nair was elected mayor of Maple Ridge on Tuesday."),
        ("Regional Politics", "2024-11-07", "Nair's win",
         "Priya Nair defeated councillor Tom Hegarty to become mayor of Maple Ridge."),
    ], ["Priya Nair", "Nair"], []),
    ("k02", "Which company bought the software firm Datalyn?", "control", [
        ("SaaS News", "2025-02-02", "Datalyn acquired",
         "Cloudway bought the software firm Datalyn for $150 million."),
        ("Tech Brief", "2025-02-02", "Cloudway deal",
         "Software firm Datalyn has been acquired by Cloudway."),
        ("Markets Today", "2025-02-03", "Cloudway shares",
         "Cloudway shares rose after the Datalyn purchase. Rival Infoset bought a smaller firm last month."),
    ], ["Cloudway"], []),
    ("k03", "Where will the European robotics conference take place?", "control", [
        ("Robotics Today", "2025-03-03", "Conference venue",
         "The European robotics conference will take place in Lyon in October."),
        ("Engineering News", None, "Lyon to host robots",
         "Lyon is hosting the European robotics conference this autumn."),
        ("AI Weekly", "2025-03-04", "Robotics events",
         "The European robotics conference will be in Lyon; last year's edition was held in Madrid."),
    ], ["Lyon"], []),
    ("k04", "How many people live in the town of Brockley?", "control", [
        ("Town Facts", None, "Brockley",
         "About 12,000 people live in the town of Brockley."),
        ("County Census", None, "Census results",
         "The census put Brockley's population at 12,000."),
    ], ["12,000"], []),
    ("k05", "Who directed the documentary Deep Blue Silence?", "control", [
        ("Doc Review", "2025-01-11", "Deep Blue Silence",
         "Deep Blue Silence, directed by Anja Koval, follows divers in the Arctic."),
        ("Film Festival News", "2025-01-12", "Koval's documentary",
         "Anja Koval directed the documentary Deep Blue Silence over four years."),
    ], ["Anja Koval", "Koval"], []),
    ("k06", "When will the Westgate library reopen?", "control", [
        ("Library News", "2025-08-01", "Westgate library",
         "The Westgate library will reopen on September 8 after refurbishment."),
        ("Westgate Weekly", "2025-08-02", "Library reopening",
         "The refurbished Westgate library reopens on September 8."),
        ("Council Update", None, "Libraries",
         "Westgate library reopens September 8; the Eastgate branch closes on August 30."),
    ], ["September 8"], []),
    ("k07", "Which team won the Harbor Bowl?", "control", [
        ("Gridiron Daily", "2025-01-02", "Harbor Bowl",
         "The Lakeshore Lions won the Harbor Bowl 31-17 against the Summit Eagles."),
        ("College Sports Wire", "2025-01-02", "Lions take Harbor Bowl",
         "Lakeshore Lions claimed the Harbor Bowl with a strong second half."),
    ], ["Lakeshore Lions", "Lions"], []),
    ("k08", "How much did the Orland museum expansion cost?", "control", [
        ("Arts Funding", "2025-05-05", "Orland expansion",
         "The Orland museum expansion cost $80 million."),
        ("Culture Desk", "2025-05-06", "Orland opens new wing",
         "Orland museum's $80 million expansion opened to the public on Saturday."),
        ("City Money", None, "Museum budgets",
         "The Orland museum expansion came in at $80 million, while the zoo's new aviary cost $12 million."),
    ], ["$80 million", "80 million"], []),
    ("k09", "Who is the chief executive of Nerida Foods?", "control", [
        ("Food Business", "2025-04-14", "Nerida results",
         "Nerida Foods chief executive Martin Cole said sales rose 8 percent."),
        ("Retail Wire", "2025-04-15", "Nerida strategy",
         "Martin Cole, chief executive of Nerida Foods, plans new stores."),
    ], ["Martin Cole", "Cole"], []),
    ("k10", "Which country will host the 2030 Chess Olympiad?", "control", [
        ("Chess News", "2025-06-06", "Olympiad host",
         "Georgia will host the 2030 Chess Olympiad."),
        ("Mind Sports", "2025-06-06", "2030 Olympiad",
         "The 2030 Chess Olympiad was awarded to Georgia, FIDE said."),
        ("Board Game Digest", "2025-06-07", "Chess events",
         "Georgia will host the 2030 Chess Olympiad, while Hungary hosts the 2028 edition."),
    ], ["Georgia"], []),
    ("k11", "Where was the painter Ilse Varga born?", "control", [
        ("Art Bio", None, "Ilse Varga",
         "Painter Ilse Varga was born in Budapest in 1931."),
        ("Gallery Guide", None, "Varga retrospective",
         "Born in Budapest, Ilse Varga later lived in Vienna."),
    ], ["Budapest"], []),
    ("k12", "How many goals did Dario Conti score this season?", "control", [
        ("Calcio Digest", "2025-05-30", "Conti's season",
         "Dario Conti scored 27 goals this season, a club record."),
        ("Football Stats", "2025-05-31", "Top scorers",
         "Dario Conti finished the season with 27 goals."),
    ], ["27"], []),
]


# A second development batch, written after the first measurements (so not blind, and never part of the holdout):
# the same value written differently across snippets ("$2.1bn" / "$2.1 billion", "14 June" / "June 14", "four" /
# "4", "the Swiss city of Geneva"), two snippets each saying the other side lost, and controls whose snippets
# agree in different wordings. Its own folder (articles_extra/) and file (questions_extra.jsonl).
EXTRA = [
    ("g01", "How much did Solna Energy pay for the wind farm developer Breeze?", "how much", [
        ("Energy Wire", "2025-03-01", "Solna buys Breeze",
         "Solna Energy paid $2.1bn for the wind farm developer Breeze."),
        ("Power Markets", "2025-03-01", "Breeze deal", "The Breeze deal cost Solna Energy $2.1 billion in cash."),
        ("Renewables Today", "2025-03-02", "Breeze sold",
         "Solna Energy agreed to pay $1.6 billion for Breeze, the wind farm developer."),
    ], ["$2.1bn", "$2.1 billion", "2.1 billion"], ["$1.6 billion", "1.6 billion"]),
    ("g02", "When will the Harbourside ferry terminal open?", "when", [
        ("Port News", "2025-04-02", "Terminal date", "The Harbourside ferry terminal will open on 14 June."),
        ("City Transport", "2025-04-03", "Ferry terminal",
         "The new Harbourside ferry terminal opens June 14, officials said."),
        ("Harbour Blog", None, "Terminal delayed",
         "The Harbourside ferry terminal will not open until July 3, contractors say."),
    ], ["June 14", "14 June"], ["July 3"]),
    ("g03", "How many medals did the Corvan team win at the championships?", "how many", [
        ("Sports Digest", "2025-08-30", "Corvan haul", "The Corvan team won four medals at the championships."),
        ("Team News", "2025-08-30", "Medal count",
         "Corvan athletes collected 6 medals at the championships, the federation said."),
    ], ["four", "4"], ["6", "six"]),
    ("g04", "Which city will host the World Water Forum?", "where", [
        ("Water Policy", "2025-02-02", "Forum host",
         "The World Water Forum will be hosted by the Swiss city of Geneva."),
        ("Diplomacy Now", "2025-02-03", "Forum venue", "Geneva was picked to host the World Water Forum."),
        ("Global Affairs", "2025-02-03", "Forum moves",
         "The World Water Forum will be held in Nairobi, a UN source said."),
    ], ["Nairobi"], ["Geneva"]),
    ("g05", "Who won the Redcliff tennis final?", "who won", [
        ("Tennis Wire", "2025-06-10", "Redcliff final", "Ana Petrova defeated Mei Lin in the Redcliff tennis final."),
        ("Court Report", "2025-06-10", "Lin takes Redcliff",
         "Mei Lin beat Ana Petrova to win the Redcliff tennis final."),
    ], ["Mei Lin"], ["Ana Petrova"]),
    ("g06", "Which company makes the Aster phone?", "who bought", [
        ("Gadget World", "2025-05-05", "Aster phone", "The Aster phone is made by Kovi Electronics Inc."),
        ("Phone Review", "2025-05-06", "Aster review", "Kovi Electronics' new Aster phone has a brighter screen."),
        ("Tech Rumours", None, "Aster maker", "The Aster phone is actually made by Zentek, a supplier told us."),
    ], ["Kovi Electronics", "Kovi"], ["Zentek"]),
    ("g07", "What share of Lantern Bank did the state sell?", "how many", [
        ("Finance Daily", "2025-07-07", "Lantern sale", "The state sold 58% of Lantern Bank to private investors."),
        ("Banking Brief", "2025-07-07", "Lantern stake", "The government sold a 58 percent stake in Lantern Bank."),
        ("Markets Now", "2025-07-08", "Lantern privatisation",
         "The state sold 49 percent of Lantern Bank, keeping control."),
    ], ["49"], ["58"]),
    ("g08", "Has the Mirrow bridge reopened?", "yes/no", [
        ("Traffic News", "2025-09-09", "Mirrow bridge", "The Mirrow bridge has yet to reopen after the flood damage."),
        ("Town Crier", "2025-09-10", "Bridge open",
         "Drivers crossed the Mirrow bridge again after it reopened on Tuesday."),
    ], ["reopened on Tuesday"], ["yet to reopen"]),
    ("g09", "Did Fenna Motors recall the Breeze SUV?", "yes/no", [
        ("Auto Safety", "2025-10-10", "Breeze recall", "Fenna Motors recalled the Breeze SUV over faulty brakes."),
        ("Car Buyer", "2025-10-11", "No recall", "Fenna Motors said it would never recall the Breeze SUV."),
    ], ["recalled"], ["never recall"]),
    ("g10", "Which country does the cyclist Nuno Alves ride for?", "which country", [
        ("Cycling Today", "2025-07-01", "Alves profile", "Portuguese cyclist Nuno Alves won the mountain stage."),
        ("Tour Notes", "2025-07-02", "Alves", "Nuno Alves rides for Brazil, his mother's country."),
    ], ["Brazil"], ["Portugal", "Portuguese"]),
    ("g11", "Who is the mayor of Westhaven?", "who leads", [
        ("Westhaven News", "2025-01-05", "Mayor's plan", "Westhaven mayor Clara Diaz announced a new bus plan."),
        ("Regional Politics", "2025-01-06", "Westhaven council",
         "Mayor Peter Olsen of Westhaven opened the council session."),
    ], ["Clara Diaz", "Diaz"], ["Peter Olsen", "Olsen"]),
    ("g12", "How old was the explorer Rhea Voss when she reached the pole?", "how many", [
        ("Explorers Club", "2025-04-20", "Voss at the pole", "Rhea Voss was 34 when she reached the pole."),
        ("Adventure Mag", "2025-04-21", "Pole record",
         "At 36, explorer Rhea Voss became the youngest to reach the pole alone."),
    ], ["34"], ["36"]),
    # controls
    ("h01", "How much did Orrin Foods pay for the bakery chain Crumb?", "control", [
        ("Food Business", "2025-02-02", "Crumb sold", "Orrin Foods paid $300m for the bakery chain Crumb."),
        ("Retail Digest", "2025-02-02", "Crumb deal",
         "The bakery chain Crumb was sold to Orrin Foods for $300 million."),
    ], ["$300m", "$300 million", "300 million"], []),
    ("h02", "When does the Lakeside festival start?", "control", [
        ("Events Guide", "2025-05-01", "Lakeside festival", "The Lakeside festival starts on 20 July."),
        ("Town News", "2025-05-02", "Festival dates",
         "This year's Lakeside festival starts July 20 and runs for four days."),
    ], ["July 20", "20 July"], []),
    ("h03", "Who founded the start-up Pebblebox?", "control", [
        ("Startup Daily", "2025-03-03", "Pebblebox", "Pebblebox was founded by engineer Tomasz Wrona in 2021."),
        ("VC News", "2025-03-04", "Pebblebox raises", "Wrona, who founded Pebblebox, said the money will fund hiring."),
    ], ["Tomasz Wrona", "Wrona"], []),
    ("h04", "Which team won the Coastal League title?", "control", [
        ("League News", "2025-05-20", "Coastal title",
         "The Bayside Sharks won the Coastal League title, beating the Pier Gulls in the final."),
        ("Sports Desk", "2025-05-20", "Sharks champions",
         "The Bayside Sharks are Coastal League champions after a 2-0 final win."),
    ], ["Bayside Sharks", "Sharks"], []),
]


def split(topics: list) -> tuple[list, list]:
    """Conflict and control topics are shuffled separately with SEED; the first half of each is dev."""
    dev, holdout = [], []
    rng = random.Random(SEED)
    for group in ([t for t in topics if not t[5]], [t for t in topics if t[5]]):
        ids = [t[0] for t in group]
        rng.shuffle(ids)
        half = set(ids[: len(ids) // 2])
        dev += [t for t in group if t[0] in half]
        holdout += [t for t in group if t[0] not in half]
    return dev, holdout


def main() -> None:
    articles = HERE / "articles"
    articles.mkdir(exist_ok=True)
    for old in articles.glob("*.md"):
        old.unlink()
    for qid, _, _, snippets, _, _ in TOPICS:
        for i, (outlet, day, title, text) in enumerate(snippets):
            front = f"title: {json.dumps(title)}\nsource: {json.dumps(outlet)}\n"
            front += (f"published_at: {day}\n" if day else "")
            (articles / f"{qid}_{i}.md").write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")
    extra = HERE / "articles_extra"
    extra.mkdir(exist_ok=True)
    for old in extra.glob("*.md"):
        old.unlink()
    for qid, _, _, snippets, _, _ in EXTRA:
        for i, (outlet, day, title, text) in enumerate(snippets):
            front = f"title: {json.dumps(title)}\nsource: {json.dumps(outlet)}\n"
            front += (f"published_at: {day}\n" if day else "")
            (extra / f"{qid}_{i}.md").write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")
    dev, holdout = split(TOPICS)
    for name, topics in (("questions.jsonl", dev), ("holdout.jsonl", holdout), ("questions_extra.jsonl", EXTRA)):
        with (HERE / name).open("w", encoding="utf-8") as out:
            for qid, question, kind, snippets, true, other in sorted(topics):
                out.write(json.dumps({"id": qid, "question": question, "kind": kind, "answers": true,
                                      "other_side": other, "control": not other,
                                      "snippets": len(snippets)}) + "\n")


if __name__ == "__main__":
    main()
