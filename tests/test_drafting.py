"""The drafter's English: what people type, and the sentence each fragment must give.

Each table below is written out by hand from fragments as people type them (no capital, no subject, no
article, no stop), with the sentence the drafter must make of it; then properties every draft holds
whatever the facts, and drafts from hostile facts.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curated_net.dates import load_partial_date
from curated_net.intro import english as en
from curated_net.intro import prose

DAY = dt.date(2026, 12, 4)

# -- highlights: (as typed, said of Jim with no pronouns, said of Jim with they/them) --------------------
HIGHLIGHTS = [
    ("best doctor I know", "Jim is one of the best doctors I know.", "They're one of the best doctors I know."),
    ("the best doctor I know", "Jim is one of the best doctors I know.", "They're one of the best doctors I know."),
    (
        "one of the best doctors I know",
        "Jim is one of the best doctors I know.",
        "They're one of the best doctors I know.",
    ),
    ("exceptional leader", "Jim is an exceptional leader.", "They're an exceptional leader."),
    ("cunning strategist", "Jim is a cunning strategist.", "They're a cunning strategist."),
    ("honest broker", "Jim is an honest broker.", "They're an honest broker."),
    ("MBA", "Jim is an MBA.", "They're an MBA."),
    ("UX researcher", "Jim is a UX researcher.", "They're a UX researcher."),
    ("MIT grad", "Jim is an MIT grad.", "They're an MIT grad."),
    ("SEC lawyer", "Jim is an SEC lawyer.", "They're an SEC lawyer."),
    ("MI6 agent", "Jim is an MI6 agent.", "They're an MI6 agent."),
    ("RAF pilot", "Jim is an RAF pilot.", "They're an RAF pilot."),
    ("NASA engineer", "Jim is a NASA engineer.", "They're a NASA engineer."),
    ("CERN physicist", "Jim is a CERN physicist.", "They're a CERN physicist."),
    ("UN diplomat", "Jim is a UN diplomat.", "They're a UN diplomat."),
    ("Harvard MBA", "Jim is a Harvard MBA.", "They're a Harvard MBA."),
    ("FBI agent turned novelist", "Jim is an FBI agent turned novelist.", "They're an FBI agent turned novelist."),
    (
        "18-year veteran of the Navy",
        "Jim is an 18-year veteran of the Navy.",
        "They're an 18-year veteran of the Navy.",
    ),
    ("3x founder", "Jim is a 3x founder.", "They're a 3x founder."),
    ("former Navy pilot", "Jim is a former Navy pilot.", "They're a former Navy pilot."),
    ("ex-McKinsey consultant", "Jim is an ex-McKinsey consultant.", "They're an ex-McKinsey consultant."),
    ("consultant at McKinsey", "Jim is a consultant at McKinsey.", "They're a consultant at McKinsey."),
    ("genius with spreadsheets", "Jim is a genius with spreadsheets.", "They're a genius with spreadsheets."),
    ("kind", "Jim is kind.", "They're kind."),
    ("kind and patient", "Jim is kind and patient.", "They're kind and patient."),
    ("incredibly generous", "Jim is incredibly generous.", "They're incredibly generous."),
    (
        "exceptionally focused on his patients",
        "Jim is exceptionally focused on his patients.",
        "They're exceptionally focused on his patients.",
    ),
    ("focused on his patients", "Jim is focused on his patients.", "They're focused on his patients."),
    (
        "so focused on his patients that he forgets to eat lunch",
        "Jim is so focused on his patients that he forgets to eat lunch.",
        "They're so focused on his patients that he forgets to eat lunch.",
    ),
    ("great at negotiation", "Jim is great at negotiation.", "They're great at negotiation."),
    ("fluent in Japanese", "Jim is fluent in Japanese.", "They're fluent in Japanese."),
    ("known for her dry humour", "Jim is known for her dry humour.", "They're known for her dry humour."),
    ("self-taught", "Jim is self-taught.", "They're self-taught."),
    ("well-read", "Jim is well-read.", "They're well-read."),
    ("born in Lagos", "Jim was born in Lagos.", "They were born in Lagos."),
    ("promoted twice in a year", "Jim was promoted twice in a year.", "They were promoted twice in a year."),
    ("named CEO in 2020", "Jim was named CEO in 2020.", "They were named CEO in 2020."),
    ("elected to the city council", "Jim was elected to the city council.", "They were elected to the city council."),
    ("featured in Forbes", "Jim was featured in Forbes.", "They were featured in Forbes."),
    ("trained as a nurse", "Jim is trained as a nurse.", "They're trained as a nurse."),
    (
        "runs the best supper club in town",
        "Jim runs the best supper club in town.",
        "They run the best supper club in town.",
    ),
    (
        "never turns down a good adventure",
        "Jim never turns down a good adventure.",
        "They never turn down a good adventure.",
    ),
    ("loves a good adventure", "Jim loves a good adventure.", "They love a good adventure."),
    (
        "has never missed a deadline, or a birthday",
        "Jim has never missed a deadline, or a birthday.",
        "They have never missed a deadline, or a birthday.",
    ),
    (
        "can read a contract faster than I can read a menu",
        "Jim can read a contract faster than I can read a menu.",
        "They can read a contract faster than I can read a menu.",
    ),
    (
        "asks the one question that matters in every meeting",
        "Jim asks the one question that matters in every meeting.",
        "They ask the one question that matters in every meeting.",
    ),
    ("speaks five languages", "Jim speaks five languages.", "They speak five languages."),
    ("founded two companies", "Jim founded two companies.", "They founded two companies."),
    (
        "shipped the first version of Kubernetes at Google",
        "Jim shipped the first version of Kubernetes at Google.",
        "They shipped the first version of Kubernetes at Google.",
    ),
    ("grew up in Lagos", "Jim grew up in Lagos.", "They grew up in Lagos."),
    ("building a new hospital", "Jim is building a new hospital.", "They're building a new hospital."),
    ("working on warehouse robots", "Jim is working on warehouse robots.", "They're working on warehouse robots."),
    ("amazing cook", "Jim is an amazing cook.", "They're an amazing cook."),
    ("amazing", "Jim is amazing.", "They're amazing."),
    ("really great cook", "Jim is a really great cook.", "They're a really great cook."),
    ("lovely person", "Jim is a lovely person.", "They're a lovely person."),
    (
        "a knack for making people feel welcome",
        "Jim has a knack for making people feel welcome.",
        "They have a knack for making people feel welcome.",
    ),
    ("great instincts", "Jim has great instincts.", "They have great instincts."),
    ("two kids and a boat", "Jim has two kids and a boat.", "They have two kids and a boat."),
    ("great fun", "Jim is great fun.", "They're great fun."),
    ("boundless energy", "Jim has boundless energy.", "They have boundless energy."),
    (
        "smartest engineer I've worked with",
        "Jim is one of the smartest engineers I've worked with.",
        "They're one of the smartest engineers I've worked with.",
    ),
    (
        "most generous person in tech",
        "Jim is one of the most generous people in tech.",
        "They're one of the most generous people in tech.",
    ),
    (
        "hardest-working person in the room",
        "Jim is one of the hardest-working people in the room.",
        "They're one of the hardest-working people in the room.",
    ),
    ("kindest soul", "Jim is one of the kindest souls.", "They're one of the kindest souls."),
    ("best at negotiation", "Jim is the best at negotiation.", "They're the best at negotiation."),
    ("Acme's best engineer", "Jim is Acme's best engineer.", "They're Acme's best engineer."),
    (
        "the clearest technical writer I have worked with",
        "Jim is one of the clearest technical writers I have worked with.",
        "They're one of the clearest technical writers I have worked with.",
    ),
    (
        "the person everyone wanted in their study group",
        "Jim is the person everyone wanted in their study group.",
        "They're the person everyone wanted in their study group.",
    ),
    (
        "an exceptional leader and a cunning strategist",
        "Jim is an exceptional leader and a cunning strategist.",
        "They're an exceptional leader and a cunning strategist.",
    ),
    ("like a brother to me", "Jim is like a brother to me.", "They're like a brother to me."),
    ("at home on any stage", "Jim is at home on any stage.", "They're at home on any stage."),
    (
        "in charge of the Lisbon office",
        "Jim is in charge of the Lisbon office.",
        "They're in charge of the Lisbon office.",
    ),
    (
        "Jim once sailed solo across the Atlantic",
        "Jim once sailed solo across the Atlantic.",
        "Jim once sailed solo across the Atlantic.",
    ),
    (
        "he runs the best supper club in town",
        "He runs the best supper club in town.",
        "He runs the best supper club in town.",
    ),
    (
        "she's the calmest person in any crisis",
        "She's the calmest person in any crisis.",
        "She's the calmest person in any crisis.",
    ),
    ("always kind to strangers", "Jim is always kind to strangers.", "They're always kind to strangers."),
    ("never late", "Jim is never late.", "They're never late."),
    ("quietly brilliant", "Jim is quietly brilliant.", "They're quietly brilliant."),
    ("Olympic rower", "Jim is an Olympic rower.", "They're an Olympic rower."),
    ("iPhone developer", "Jim is an iPhone developer.", "They're an iPhone developer."),
    (
        "early adopter of everything",
        "Jim is an early adopter of everything.",
        "They're an early adopter of everything.",
    ),
    ("mentors everyone", "Jim mentors everyone.", "They mentor everyone."),
    ("mentors junior engineers", "Jim mentors junior engineers.", "They mentor junior engineers."),
    (
        "the most generous engineer i know",
        "Jim is one of the most generous engineers I know.",
        "They're one of the most generous engineers I know.",
    ),
    ("worked at google for ten years", "Jim worked at google for ten years.", "They worked at google for ten years."),
    ("married to my cousin", "Jim is married to my cousin.", "They're married to my cousin."),
    ("phd in physics", "Jim has a phd in physics.", "They have a phd in physics."),
    (
        "fastest blitz player 🚀 i know",
        "Jim is one of the fastest blitz players 🚀 I know.",
        "They're one of the fastest blitz players 🚀 I know.",
    ),
    ("أفضل مهندس", "Jim is أفضل مهندس.", "They're أفضل مهندس."),
    ("coaches little league", "Jim coaches little league.", "They coach little league."),
    ("play chess every thursday", "Jim plays chess every thursday.", "They play chess every thursday."),
    ("love sailing", "Jim loves sailing.", "They love sailing."),
    ("ex-google", "Jim used to work at Google.", "They used to work at Google."),
]

HOW_MET = [  # (how we met as typed, met on, pronouns, the sentences that follow 'Bob, meet Ann.')
    ("went to school together", None, "she/her", "We went to school together."),
    ("met on vacation", None, "she/her", "We met on vacation."),
    ("met at PyCon 2015", None, "she/her", "We met at PyCon 2015."),
    ("worked together at Acme", None, "she/her", "We worked together at Acme."),
    (
        "sat next to her at the Lisbon product summit",
        None,
        "she/her",
        "I sat next to her at the Lisbon product summit.",
    ),
    (
        "hired my team to rebuild Harbor's forecasting",
        None,
        "she/her",
        "She hired my team to rebuild Harbor's forecasting.",
    ),
    ("married my brother", None, "she/her", "She married my brother."),
    ("introduced by Carla", None, "she/her", "We were introduced by Carla."),
    ("were neighbours for six years in Somerville", None, "she/her", "We were neighbours for six years in Somerville."),
    ("grew up on the same street", None, "she/her", "We grew up on the same street."),
    ("played in a band together", None, "she/her", "We played in a band together."),
    ("swapped cards at a meetup", None, "she/her", "We swapped cards at a meetup."),
    ("served on the hospital board together", None, "she/her", "We served on the hospital board together."),
    ("co-founded a consultancy", None, "she/her", "We co-founded a consultancy."),
    ("shared a flat in Leeds", None, "she/her", "We shared a flat in Leeds."),
    ("studied law together", None, "she/her", "We studied law together."),
    ("rowed in the same boat at university", None, "she/her", "We rowed in the same boat at university."),
    ("through Carla", None, "she/her", "We met through Carla."),
    ("at PyCon 2015", None, "she/her", "We met at PyCon 2015."),
    ("while on vacation", None, "she/her", "We met while on vacation."),
    ("during my MBA", None, "she/her", "We met during my MBA."),
    ("in college", None, "she/her", "We met in college."),
    ("on a sailing trip", None, "she/her", "We met on a sailing trip."),
    ("from the sailing club", None, "she/her", "We know each other from the sailing club."),
    ("via Twitter", None, "she/her", "We met via Twitter."),
    ("after a talk she gave in Berlin", None, "she/her", "We met after a talk she gave in Berlin."),
    ("as interns at Acme", None, "she/her", "We met as interns at Acme."),
    ("since school", None, "she/her", "We've known each other since school."),
    ("while working on a hackathon", None, "she/her", "We met while working on a hackathon."),
    ("working together at Acme", None, "she/her", "We met while working together at Acme."),
    ("sailing", None, "she/her", "We met while sailing."),
    ("school friends", None, "she/her", "We're school friends."),
    ("college roommates", None, "she/her", "We were college roommates."),
    ("old friends", None, "she/her", "We're old friends."),
    ("classmates in the evening MBA programme", None, "she/her", "We were classmates in the evening MBA programme."),
    ("colleagues at Northwind", None, "she/her", "We were colleagues at Northwind."),
    ("my neighbour", None, "she/her", "She's my neighbour."),
    ("a friend of Carla's", None, "she/her", "She's a friend of Carla's."),
    ("family friend", None, "she/her", "She's a family friend."),
    ("client for the grid-analytics project", None, "she/her", "She's my client for the grid-analytics project."),
    ("my brother's best friend", None, "she/her", "She's my brother's best friend."),
    ("PyCon 2015", None, "she/her", "We know each other from PyCon 2015."),
    ("the sailing club", None, "she/her", "We know each other from the sailing club."),
    ("school", None, "she/her", "We know each other from school."),
    ("Acme", None, "she/her", "We know each other from Acme."),
    ("a friend's wedding", None, "she/her", "We know each other from a friend's wedding."),
    ("wedding of a friend", None, "she/her", "We know each other from a wedding of a friend."),
    (
        "We went to school together at Brookline High and have stayed good friends since",
        None,
        "she/her",
        "We went to school together at Brookline High and have stayed good friends since.",
    ),
    ("She married my brother", None, "she/her", "She married my brother."),
    ("I met him at a conference", None, "she/her", "I met him at a conference."),
    (
        "we met on a sailing trip off the coast of Maine.",
        None,
        "she/her",
        "We met on a sailing trip off the coast of Maine.",
    ),
    (
        "he hired my team to rebuild Harbor's forecasting",
        None,
        "she/her",
        "He hired my team to rebuild Harbor's forecasting.",
    ),
    ("Went to school together", None, "she/her", "We went to school together."),
    ("Met on vacation", None, "she/her", "We met on vacation."),
    ("Colleagues at Northwind", None, "she/her", "We were colleagues at Northwind."),
    ("because our kids are friends", None, "she/her", "We know each other because our kids are friends."),
    ("runs the supper club I go to", None, "she/her", "She runs the supper club I go to."),
    ("is my cousin's husband", None, "she/her", "She's my cousin's husband."),
    ("have known each other since school", None, "she/her", "We have known each other since school."),
    ("best friends since school", None, "she/her", "We've been best friends since school."),
    ("were introduced by a mutual friend", None, "she/her", "We were introduced by a mutual friend."),
    ("was my manager at Acme", None, "she/her", "She was my manager at Acme."),
    ("taught me to sail", None, "she/her", "She taught me to sail."),
    ("online", None, "she/her", "We met online."),
    ("mutual friends", None, "she/her", "We have mutual friends."),
    ("cousins", None, "she/her", "We're cousins."),
    ("kids go to the same school", None, "she/her", "Our kids go to the same school."),
    ("our kids go to the same school", None, "she/her", "Our kids go to the same school."),
    ("go way back", None, "she/her", "We go way back."),
    ("my sister's friend", None, "she/her", "She's my sister's friend."),
    ("New York marathon", None, "she/her", "We know each other from a New York marathon."),
    ("同僚", None, "she/her", "We know each other from 同僚."),
    ("went to school together", "1998", "she/her", "We went to school together almost thirty years ago."),
    ("met on vacation", "1998", "she/her", "We met on vacation almost thirty years ago."),
    ("met at PyCon 2015", "1998", "she/her", "We met at PyCon 2015."),
    ("worked together at Acme", "1998", "she/her", "We worked together at Acme almost thirty years ago."),
    (
        "sat next to her at the Lisbon product summit",
        "1998",
        "she/her",
        "I sat next to her at the Lisbon product summit almost thirty years ago.",
    ),
    (
        "hired my team to rebuild Harbor's forecasting",
        "1998",
        "she/her",
        "Almost thirty years ago, she hired my team to rebuild Harbor's forecasting.",
    ),
    ("married my brother", "1998", "she/her", "Almost thirty years ago, she married my brother."),
    ("introduced by Carla", "1998", "she/her", "We were introduced by Carla almost thirty years ago."),
    (
        "were neighbours for six years in Somerville",
        "1998",
        "she/her",
        "We were neighbours for six years in Somerville.",
    ),
    ("grew up on the same street", "1998", "she/her", "We grew up on the same street almost thirty years ago."),
    ("played in a band together", "1998", "she/her", "We played in a band together almost thirty years ago."),
    ("swapped cards at a meetup", "1998", "she/her", "We swapped cards at a meetup almost thirty years ago."),
    (
        "served on the hospital board together",
        "1998",
        "she/her",
        "We served on the hospital board together almost thirty years ago.",
    ),
    ("co-founded a consultancy", "1998", "she/her", "We co-founded a consultancy almost thirty years ago."),
    ("shared a flat in Leeds", "1998", "she/her", "We shared a flat in Leeds almost thirty years ago."),
    ("studied law together", "1998", "she/her", "We studied law together almost thirty years ago."),
    (
        "rowed in the same boat at university",
        "1998",
        "she/her",
        "We rowed in the same boat at university almost thirty years ago.",
    ),
    ("through Carla", "1998", "she/her", "We met through Carla almost thirty years ago."),
    ("at PyCon 2015", "1998", "she/her", "We met at PyCon 2015."),
    ("while on vacation", "1998", "she/her", "We met while on vacation almost thirty years ago."),
    ("during my MBA", "1998", "she/her", "We met during my MBA almost thirty years ago."),
    ("in college", "1998", "she/her", "We met in college almost thirty years ago."),
    ("on a sailing trip", "1998", "she/her", "We met on a sailing trip almost thirty years ago."),
    (
        "from the sailing club",
        "1998",
        "she/her",
        "We've known each other for almost thirty years, from the sailing club.",
    ),
    ("via Twitter", "1998", "she/her", "We met via Twitter almost thirty years ago."),
    (
        "after a talk she gave in Berlin",
        "1998",
        "she/her",
        "We met after a talk she gave in Berlin almost thirty years ago.",
    ),
    ("as interns at Acme", "1998", "she/her", "We met as interns at Acme almost thirty years ago."),
    ("since school", "1998", "she/her", "We've known each other since school."),
    ("while working on a hackathon", "1998", "she/her", "We met while working on a hackathon almost thirty years ago."),
    ("working together at Acme", "1998", "she/her", "We met while working together at Acme almost thirty years ago."),
    ("sailing", "1998", "she/her", "We met while sailing almost thirty years ago."),
    ("school friends", "1998", "she/her", "We've known each other for almost thirty years: we're school friends."),
    (
        "college roommates",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: we were college roommates.",
    ),
    ("old friends", "1998", "she/her", "We've known each other for almost thirty years: we're old friends."),
    (
        "classmates in the evening MBA programme",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: we were classmates in the evening MBA programme.",
    ),
    (
        "colleagues at Northwind",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: we were colleagues at Northwind.",
    ),
    ("my neighbour", "1998", "she/her", "We've known each other for almost thirty years: she's my neighbour."),
    (
        "a friend of Carla's",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she's a friend of Carla's.",
    ),
    ("family friend", "1998", "she/her", "We've known each other for almost thirty years: she's a family friend."),
    (
        "client for the grid-analytics project",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she's my client for the grid-analytics project.",
    ),
    (
        "my brother's best friend",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she's my brother's best friend.",
    ),
    ("PyCon 2015", "1998", "she/her", "We know each other from PyCon 2015."),
    ("the sailing club", "1998", "she/her", "We've known each other for almost thirty years, from the sailing club."),
    ("school", "1998", "she/her", "We've known each other for almost thirty years, from school."),
    ("Acme", "1998", "she/her", "We've known each other for almost thirty years, from Acme."),
    (
        "a friend's wedding",
        "1998",
        "she/her",
        "We've known each other for almost thirty years, from a friend's wedding.",
    ),
    (
        "wedding of a friend",
        "1998",
        "she/her",
        "We've known each other for almost thirty years, from a wedding of a friend.",
    ),
    (
        "We went to school together at Brookline High and have stayed good friends since",
        "1998",
        "she/her",
        "Almost thirty years ago, we went to school together at Brookline High and have stayed good friends since.",
    ),
    ("She married my brother", "1998", "she/her", "Almost thirty years ago, she married my brother."),
    ("I met him at a conference", "1998", "she/her", "Almost thirty years ago, I met him at a conference."),
    (
        "we met on a sailing trip off the coast of Maine.",
        "1998",
        "she/her",
        "Almost thirty years ago, we met on a sailing trip off the coast of Maine.",
    ),
    (
        "he hired my team to rebuild Harbor's forecasting",
        "1998",
        "she/her",
        "Almost thirty years ago, he hired my team to rebuild Harbor's forecasting.",
    ),
    ("Went to school together", "1998", "she/her", "We went to school together almost thirty years ago."),
    ("Met on vacation", "1998", "she/her", "We met on vacation almost thirty years ago."),
    (
        "Colleagues at Northwind",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: we were colleagues at Northwind.",
    ),
    (
        "because our kids are friends",
        "1998",
        "she/her",
        "We've known each other for almost thirty years, because our kids are friends.",
    ),
    (
        "runs the supper club I go to",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she runs the supper club I go to.",
    ),
    (
        "is my cousin's husband",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she's my cousin's husband.",
    ),
    ("have known each other since school", "1998", "she/her", "We have known each other since school."),
    ("best friends since school", "1998", "she/her", "We've been best friends since school."),
    (
        "were introduced by a mutual friend",
        "1998",
        "she/her",
        "We were introduced by a mutual friend almost thirty years ago.",
    ),
    ("was my manager at Acme", "1998", "she/her", "Almost thirty years ago, she was my manager at Acme."),
    ("taught me to sail", "1998", "she/her", "Almost thirty years ago, she taught me to sail."),
    ("online", "1998", "she/her", "We met online almost thirty years ago."),
    ("mutual friends", "1998", "she/her", "We've known each other for almost thirty years: we have mutual friends."),
    ("cousins", "1998", "she/her", "We've known each other for almost thirty years: we're cousins."),
    (
        "kids go to the same school",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: our kids go to the same school.",
    ),
    (
        "our kids go to the same school",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: our kids go to the same school.",
    ),
    ("go way back", "1998", "she/her", "We've known each other for almost thirty years: we go way back."),
    (
        "my sister's friend",
        "1998",
        "she/her",
        "We've known each other for almost thirty years: she's my sister's friend.",
    ),
    (
        "New York marathon",
        "1998",
        "she/her",
        "We've known each other for almost thirty years, from a New York marathon.",
    ),
    ("同僚", "1998", "she/her", "We've known each other for almost thirty years, from 同僚."),
    ("went to school together", "2019-05", None, "We went to school together in May 2019."),
    ("met on vacation", "2019-05", None, "We met on vacation in May 2019."),
    ("met at PyCon 2015", "2019-05", None, "We met at PyCon 2015."),
    ("worked together at Acme", "2019-05", None, "We first worked together at Acme in May 2019."),
    (
        "sat next to her at the Lisbon product summit",
        "2019-05",
        None,
        "I sat next to her at the Lisbon product summit in May 2019.",
    ),
    (
        "hired my team to rebuild Harbor's forecasting",
        "2019-05",
        None,
        "Ann hired my team to rebuild Harbor's forecasting in May 2019.",
    ),
    ("married my brother", "2019-05", None, "Ann married my brother in May 2019."),
    ("introduced by Carla", "2019-05", None, "We were introduced by Carla in May 2019."),
    ("were neighbours for six years in Somerville", "2019-05", None, "We were neighbours for six years in Somerville."),
    ("grew up on the same street", "2019-05", None, "We grew up on the same street in May 2019."),
    ("played in a band together", "2019-05", None, "We first played in a band together in May 2019."),
    ("swapped cards at a meetup", "2019-05", None, "We swapped cards at a meetup in May 2019."),
    (
        "served on the hospital board together",
        "2019-05",
        None,
        "We first served on the hospital board together in May 2019.",
    ),
    ("co-founded a consultancy", "2019-05", None, "We co-founded a consultancy in May 2019."),
    ("shared a flat in Leeds", "2019-05", None, "We shared a flat in Leeds in May 2019."),
    ("studied law together", "2019-05", None, "We first studied law together in May 2019."),
    (
        "rowed in the same boat at university",
        "2019-05",
        None,
        "We first rowed in the same boat at university in May 2019.",
    ),
    ("through Carla", "2019-05", None, "We met through Carla in May 2019."),
    ("at PyCon 2015", "2019-05", None, "We met at PyCon 2015."),
    ("while on vacation", "2019-05", None, "We met while on vacation in May 2019."),
    ("during my MBA", "2019-05", None, "We met during my MBA in May 2019."),
    ("in college", "2019-05", None, "We met in college in May 2019."),
    ("on a sailing trip", "2019-05", None, "We met on a sailing trip in May 2019."),
    ("from the sailing club", "2019-05", None, "We've known each other since May 2019, from the sailing club."),
    ("via Twitter", "2019-05", None, "We met via Twitter in May 2019."),
    ("after a talk she gave in Berlin", "2019-05", None, "We met after a talk she gave in Berlin in May 2019."),
    ("as interns at Acme", "2019-05", None, "We met as interns at Acme in May 2019."),
    ("since school", "2019-05", None, "We've known each other since school."),
    ("while working on a hackathon", "2019-05", None, "We met while working on a hackathon in May 2019."),
    ("working together at Acme", "2019-05", None, "We met while working together at Acme in May 2019."),
    ("sailing", "2019-05", None, "We met while sailing in May 2019."),
    ("school friends", "2019-05", None, "We've known each other since May 2019: we're school friends."),
    ("college roommates", "2019-05", None, "We've known each other since May 2019: we were college roommates."),
    ("old friends", "2019-05", None, "We've known each other since May 2019: we're old friends."),
    (
        "classmates in the evening MBA programme",
        "2019-05",
        None,
        "We've known each other since May 2019: we were classmates in the evening MBA programme.",
    ),
    (
        "colleagues at Northwind",
        "2019-05",
        None,
        "We've known each other since May 2019: we were colleagues at Northwind.",
    ),
    ("my neighbour", "2019-05", None, "We've known each other since May 2019. Ann is my neighbour."),
    ("a friend of Carla's", "2019-05", None, "We've known each other since May 2019. Ann is a friend of Carla's."),
    ("family friend", "2019-05", None, "We've known each other since May 2019. Ann is a family friend."),
    (
        "client for the grid-analytics project",
        "2019-05",
        None,
        "We've known each other since May 2019. Ann is my client for the grid-analytics project.",
    ),
    (
        "my brother's best friend",
        "2019-05",
        None,
        "We've known each other since May 2019. Ann is my brother's best friend.",
    ),
    ("PyCon 2015", "2019-05", None, "We know each other from PyCon 2015."),
    ("the sailing club", "2019-05", None, "We've known each other since May 2019, from the sailing club."),
    ("school", "2019-05", None, "We've known each other since May 2019, from school."),
    ("Acme", "2019-05", None, "We've known each other since May 2019, from Acme."),
    ("a friend's wedding", "2019-05", None, "We've known each other since May 2019, from a friend's wedding."),
    ("wedding of a friend", "2019-05", None, "We've known each other since May 2019, from a wedding of a friend."),
    (
        "We went to school together at Brookline High and have stayed good friends since",
        "2019-05",
        None,
        "In May 2019, we went to school together at Brookline High and have stayed good friends since.",
    ),
    ("She married my brother", "2019-05", None, "In May 2019, she married my brother."),
    ("I met him at a conference", "2019-05", None, "In May 2019, I met him at a conference."),
    (
        "we met on a sailing trip off the coast of Maine.",
        "2019-05",
        None,
        "In May 2019, we met on a sailing trip off the coast of Maine.",
    ),
    (
        "he hired my team to rebuild Harbor's forecasting",
        "2019-05",
        None,
        "In May 2019, he hired my team to rebuild Harbor's forecasting.",
    ),
    ("Went to school together", "2019-05", None, "We went to school together in May 2019."),
    ("Met on vacation", "2019-05", None, "We met on vacation in May 2019."),
    (
        "Colleagues at Northwind",
        "2019-05",
        None,
        "We've known each other since May 2019: we were colleagues at Northwind.",
    ),
    (
        "because our kids are friends",
        "2019-05",
        None,
        "We've known each other since May 2019, because our kids are friends.",
    ),
    (
        "runs the supper club I go to",
        "2019-05",
        None,
        "We've known each other since May 2019. Ann runs the supper club I go to.",
    ),
    ("is my cousin's husband", "2019-05", None, "We've known each other since May 2019. Ann is my cousin's husband."),
    ("have known each other since school", "2019-05", None, "We have known each other since school."),
    ("best friends since school", "2019-05", None, "We've been best friends since school."),
    ("were introduced by a mutual friend", "2019-05", None, "We were introduced by a mutual friend in May 2019."),
    ("was my manager at Acme", "2019-05", None, "Ann was my manager at Acme in May 2019."),
    ("taught me to sail", "2019-05", None, "Ann taught me to sail in May 2019."),
    ("online", "2019-05", None, "We met online in May 2019."),
    ("mutual friends", "2019-05", None, "We've known each other since May 2019: we have mutual friends."),
    ("cousins", "2019-05", None, "We've known each other since May 2019: we're cousins."),
    (
        "kids go to the same school",
        "2019-05",
        None,
        "We've known each other since May 2019: our kids go to the same school.",
    ),
    (
        "our kids go to the same school",
        "2019-05",
        None,
        "We've known each other since May 2019: our kids go to the same school.",
    ),
    ("go way back", "2019-05", None, "We've known each other since May 2019: we go way back."),
    ("my sister's friend", "2019-05", None, "We've known each other since May 2019. Ann is my sister's friend."),
    ("New York marathon", "2019-05", None, "We've known each other since May 2019, from a New York marathon."),
    ("同僚", "2019-05", None, "We've known each other since May 2019, from 同僚."),
]

DETAILS = [  # (criterion, detail, since, until, pronouns, what it says)
    ("friend", "still close since school", "2019", None, "she/her", "We've been close since school."),
    (
        "friend",
        "close friends ever since school",
        "2019",
        None,
        "she/her",
        "We've been close friends ever since school.",
    ),
    ("friend", "my oldest friend", "2019", None, "she/her", "She's my oldest friend."),
    ("friend", "from college", "2019", None, "she/her", "She remains a good friend from college."),
    ("friend", "since school", "2019", None, "she/her", "She has been a good friend since school."),
    ("friend", "stayed close after college", "2019", None, "she/her", "We stayed close after college."),
    ("friend", "college roommate", "2019", None, "she/her", "She was my college roommate."),
    (
        "friend",
        "we sail together every summer",
        "2019",
        None,
        "she/her",
        "She remains a good friend. We sail together every summer.",
    ),
    ("friend", None, "2019", None, "she/her", "She has been a good friend since 2019."),
    ("family", "my sister-in-law", "2019", None, "she/her", "She's my sister-in-law."),
    ("family", "cousin", "2019", None, "she/her", "She's my cousin."),
    ("family", "brother-in-law", "2019", None, "she/her", "She's my brother-in-law."),
    ("family", "my brother's wife", "2019", None, "she/her", "She's my brother's wife."),
    ("family", None, "2019", None, "she/her", "We're family."),
    ("colleague", "Northwind", "2019", None, "she/her", "We've worked together at Northwind since 2019."),
    (
        "colleague",
        "the data platform",
        "2019",
        None,
        "she/her",
        "We've worked together on the data platform since 2019.",
    ),
    (
        "colleague",
        "built Northwind's data platform",
        "2019",
        None,
        "she/her",
        "We've worked together since 2019, and we built Northwind's data platform.",
    ),
    (
        "colleague",
        "on the payments team",
        "2019",
        None,
        "she/her",
        "We've worked together on the payments team since 2019.",
    ),
    ("colleague", "at Acme", "2019", None, "she/her", "We've worked together at Acme since 2019."),
    (
        "colleague",
        "Northwind platform",
        "2019",
        None,
        "she/her",
        "We've worked together on the Northwind platform since 2019.",
    ),
    (
        "colleague",
        "same team at Acme",
        "2019",
        None,
        "she/her",
        "We've worked together on the same team at Acme since 2019.",
    ),
    ("colleague", None, "2019", None, "she/her", "We've worked together since 2019."),
    ("client", "the audit", "2019", None, "she/her", "She has been my client for the audit since 2019."),
    ("client", "Harbor Freight", "2019", None, "she/her", "She has been my client at Harbor Freight since 2019."),
    (
        "client",
        "rebuilt Harbor's demand forecasting",
        "2019",
        None,
        "she/her",
        "She has been my client since 2019. We rebuilt Harbor's demand forecasting.",
    ),
    (
        "client",
        "grid-analytics project",
        "2019",
        None,
        "she/her",
        "She has been my client for the grid-analytics project since 2019.",
    ),
    (
        "client",
        "for the grid-analytics project",
        "2019",
        None,
        "she/her",
        "She has been my client for the grid-analytics project since 2019.",
    ),
    (
        "client",
        "hired my team for the audit",
        "2019",
        None,
        "she/her",
        "She has been my client since 2019, and hired my team for the audit.",
    ),
    ("client", None, "2019", None, "she/her", "She has been my client since 2019."),
    (
        "business-partner",
        "co-founded Sokolova & Rivera Consulting",
        "2019",
        None,
        "she/her",
        "We've been business partners since 2019, and we co-founded Sokolova & Rivera Consulting.",
    ),
    (
        "business-partner",
        "a consultancy",
        "2019",
        None,
        "she/her",
        "We've been business partners in a consultancy since 2019.",
    ),
    (
        "business-partner",
        "Sokolova & Rivera",
        "2019",
        None,
        "she/her",
        "We've been business partners at Sokolova & Rivera since 2019.",
    ),
    (
        "business-partner",
        "in a restaurant",
        "2019",
        None,
        "she/her",
        "We've been business partners in a restaurant since 2019.",
    ),
    ("business-partner", None, "2019", None, "she/her", "We've been business partners since 2019."),
    ("classmate", "Brookline High", "2019", None, "she/her", "We've studied together at Brookline High since 2019."),
    (
        "classmate",
        "the evening MBA programme",
        "2019",
        None,
        "she/her",
        "We've studied together in the evening MBA programme since 2019.",
    ),
    (
        "classmate",
        "evening MBA programme",
        "2019",
        None,
        "she/her",
        "We've studied together in the evening MBA programme since 2019.",
    ),
    ("classmate", "at Stanford", "2019", None, "she/her", "We've studied together at Stanford since 2019."),
    ("classmate", None, "2019", None, "she/her", "We've studied together since 2019."),
    ("met-in-person", "a sailing trip", "2019", None, "she/her", "We met on a sailing trip."),
    ("met-in-person", None, "2019", None, "she/her", "We met."),
    ("friend", "my wife's best friend", "2019", None, "she/her", "She's my wife's best friend."),
    ("friend", "old sailing buddies", "2019", None, "she/her", "We're old sailing buddies."),
    (
        "colleague",
        "building robots at Acme",
        "2019",
        None,
        "she/her",
        "We've worked together building robots at Acme since 2019.",
    ),
    (
        "colleague",
        "because of the merger",
        "2019",
        None,
        "she/her",
        "We've worked together since 2019 because of the merger.",
    ),
    (
        "colleague",
        "two years at Google",
        "2019",
        None,
        "she/her",
        "We've worked together for two years at Google since 2019.",
    ),
    ("client", "Acme Corp", "2019", None, "she/her", "She has been my client at Acme Corp since 2019."),
    (
        "client",
        "rebuilt their billing",
        "2019",
        None,
        "she/her",
        "She has been my client since 2019. We rebuilt their billing.",
    ),
    ("family", "my wife's brother", "2019", None, "she/her", "She's my wife's brother."),
    ("classmate", "PhD cohort", "2019", None, "she/her", "We've studied together in the PhD cohort since 2019."),
    ("classmate", "in law school", "2019", None, "she/her", "We've studied together in law school since 2019."),
    ("met-in-person", "the Lisbon summit", "2019", None, "she/her", "We met at the Lisbon summit."),
    ("met-in-person", "at PyCon", "2019", None, "she/her", "We met at PyCon."),
    (
        "business-partner",
        "our bakery",
        "2019",
        None,
        "she/her",
        "We've been business partners in our bakery since 2019.",
    ),
    (
        "business-partner",
        "ran a bakery together",
        "2019",
        None,
        "she/her",
        "We've been business partners since 2019, and we ran a bakery together.",
    ),
    ("friend", "best friends since we were six", "2019", None, "she/her", "We've been best friends since we were six."),
    (
        "colleague",
        "shipped the mobile app together",
        "2019",
        None,
        "she/her",
        "We've worked together since 2019, and we shipped the mobile app together.",
    ),
    ("friend", "neighbours for six years", "2019", None, "she/her", "We were neighbours for six years."),
    (
        "colleague",
        "Northwind engineering",
        "2019",
        None,
        "she/her",
        "We've worked together on Northwind engineering since 2019.",
    ),
    ("client", "Qamar Energy", "2019", None, "she/her", "She has been my client at Qamar Energy since 2019."),
    ("family", "my cousin's wife", "2019", None, "she/her", "She's my cousin's wife."),
    ("friend", "board games", "2019", None, "she/her", "She remains a good friend (board games)."),
    ("friend", "weekly dinners", "2019", None, "she/her", "She remains a good friend (weekly dinners)."),
    ("friend", "climbing buddies", "2019", None, "she/her", "We're climbing buddies."),
    ("friend", "go way back", "2019", None, "she/her", "We go way back."),
    ("friend", "hiking", "2019", None, "she/her", "She remains a good friend (hiking)."),
    ("friend", "play chess every thursday", "2019", None, "she/her", "We play chess every thursday."),
    ("friend", "godfather to my kid", "2019", None, "she/her", "She's a godfather to my kid."),
    ("colleague", "my manager at acme", "2019", None, "she/her", "She has been my manager at acme since 2019."),
    ("colleague", "worked together at acme", "2019", None, "she/her", "We've worked together at acme since 2019."),
    (
        "colleague",
        "built the payments team together",
        "2019",
        None,
        "she/her",
        "We've worked together since 2019, and we built the payments team together.",
    ),
    ("friend", "still close since school", "2016", "2020", None, "We've been close since school."),
    ("friend", "close friends ever since school", "2016", "2020", None, "We've been close friends ever since school."),
    ("friend", "my oldest friend", "2016", "2020", None, "Ann is my oldest friend."),
    ("friend", "from college", "2016", "2020", None, "We're still good friends from college."),
    ("friend", "since school", "2016", "2020", None, "We've been good friends since school."),
    ("friend", "stayed close after college", "2016", "2020", None, "We stayed close after college."),
    ("friend", "college roommate", "2016", "2020", None, "Ann was my college roommate."),
    (
        "friend",
        "we sail together every summer",
        "2016",
        "2020",
        None,
        "We're still good friends. We sail together every summer.",
    ),
    ("friend", None, "2016", "2020", None, "We're still good friends."),
    ("family", "my sister-in-law", "2016", "2020", None, "Ann is my sister-in-law."),
    ("family", "cousin", "2016", "2020", None, "Ann is my cousin."),
    ("family", "brother-in-law", "2016", "2020", None, "Ann is my brother-in-law."),
    ("family", "my brother's wife", "2016", "2020", None, "Ann is my brother's wife."),
    ("family", None, "2016", "2020", None, "We're family."),
    ("colleague", "Northwind", "2016", "2020", None, "We worked together at Northwind from 2016 to 2020."),
    (
        "colleague",
        "the data platform",
        "2016",
        "2020",
        None,
        "We worked together on the data platform from 2016 to 2020.",
    ),
    (
        "colleague",
        "built Northwind's data platform",
        "2016",
        "2020",
        None,
        "We worked together from 2016 to 2020, and we built Northwind's data platform.",
    ),
    (
        "colleague",
        "on the payments team",
        "2016",
        "2020",
        None,
        "We worked together on the payments team from 2016 to 2020.",
    ),
    ("colleague", "at Acme", "2016", "2020", None, "We worked together at Acme from 2016 to 2020."),
    (
        "colleague",
        "Northwind platform",
        "2016",
        "2020",
        None,
        "We worked together on the Northwind platform from 2016 to 2020.",
    ),
    (
        "colleague",
        "same team at Acme",
        "2016",
        "2020",
        None,
        "We worked together on the same team at Acme from 2016 to 2020.",
    ),
    ("colleague", None, "2016", "2020", None, "We worked together from 2016 to 2020."),
    ("client", "the audit", "2016", "2020", None, "Ann was a client of mine for the audit from 2016 to 2020."),
    ("client", "Harbor Freight", "2016", "2020", None, "Ann was a client of mine at Harbor Freight from 2016 to 2020."),
    (
        "client",
        "rebuilt Harbor's demand forecasting",
        "2016",
        "2020",
        None,
        "Ann was a client of mine from 2016 to 2020. We rebuilt Harbor's demand forecasting.",
    ),
    (
        "client",
        "grid-analytics project",
        "2016",
        "2020",
        None,
        "Ann was a client of mine for the grid-analytics project from 2016 to 2020.",
    ),
    (
        "client",
        "for the grid-analytics project",
        "2016",
        "2020",
        None,
        "Ann was a client of mine for the grid-analytics project from 2016 to 2020.",
    ),
    (
        "client",
        "hired my team for the audit",
        "2016",
        "2020",
        None,
        "Ann was a client of mine from 2016 to 2020, and hired my team for the audit.",
    ),
    ("client", None, "2016", "2020", None, "Ann was a client of mine from 2016 to 2020."),
    (
        "business-partner",
        "co-founded Sokolova & Rivera Consulting",
        "2016",
        "2020",
        None,
        "We were business partners from 2016 to 2020, and we co-founded Sokolova & Rivera Consulting.",
    ),
    (
        "business-partner",
        "a consultancy",
        "2016",
        "2020",
        None,
        "We were business partners in a consultancy from 2016 to 2020.",
    ),
    (
        "business-partner",
        "Sokolova & Rivera",
        "2016",
        "2020",
        None,
        "We were business partners at Sokolova & Rivera from 2016 to 2020.",
    ),
    (
        "business-partner",
        "in a restaurant",
        "2016",
        "2020",
        None,
        "We were business partners in a restaurant from 2016 to 2020.",
    ),
    ("business-partner", None, "2016", "2020", None, "We were business partners from 2016 to 2020."),
    ("classmate", "Brookline High", "2016", "2020", None, "We studied together at Brookline High from 2016 to 2020."),
    (
        "classmate",
        "the evening MBA programme",
        "2016",
        "2020",
        None,
        "We studied together in the evening MBA programme from 2016 to 2020.",
    ),
    (
        "classmate",
        "evening MBA programme",
        "2016",
        "2020",
        None,
        "We studied together in the evening MBA programme from 2016 to 2020.",
    ),
    ("classmate", "at Stanford", "2016", "2020", None, "We studied together at Stanford from 2016 to 2020."),
    ("classmate", None, "2016", "2020", None, "We studied together from 2016 to 2020."),
    ("met-in-person", "a sailing trip", "2016", "2020", None, "We met on a sailing trip."),
    ("met-in-person", None, "2016", "2020", None, "We met."),
    ("friend", "my wife's best friend", "2016", "2020", None, "Ann is my wife's best friend."),
    ("friend", "old sailing buddies", "2016", "2020", None, "We're old sailing buddies."),
    (
        "colleague",
        "building robots at Acme",
        "2016",
        "2020",
        None,
        "We worked together building robots at Acme from 2016 to 2020.",
    ),
    (
        "colleague",
        "because of the merger",
        "2016",
        "2020",
        None,
        "We worked together from 2016 to 2020 because of the merger.",
    ),
    (
        "colleague",
        "two years at Google",
        "2016",
        "2020",
        None,
        "We worked together for two years at Google from 2016 to 2020.",
    ),
    ("client", "Acme Corp", "2016", "2020", None, "Ann was a client of mine at Acme Corp from 2016 to 2020."),
    (
        "client",
        "rebuilt their billing",
        "2016",
        "2020",
        None,
        "Ann was a client of mine from 2016 to 2020. We rebuilt their billing.",
    ),
    ("family", "my wife's brother", "2016", "2020", None, "Ann is my wife's brother."),
    ("classmate", "PhD cohort", "2016", "2020", None, "We studied together in the PhD cohort from 2016 to 2020."),
    ("classmate", "in law school", "2016", "2020", None, "We studied together in law school from 2016 to 2020."),
    ("met-in-person", "the Lisbon summit", "2016", "2020", None, "We met at the Lisbon summit."),
    ("met-in-person", "at PyCon", "2016", "2020", None, "We met at PyCon."),
    (
        "business-partner",
        "our bakery",
        "2016",
        "2020",
        None,
        "We were business partners in our bakery from 2016 to 2020.",
    ),
    (
        "business-partner",
        "ran a bakery together",
        "2016",
        "2020",
        None,
        "We were business partners from 2016 to 2020, and we ran a bakery together.",
    ),
    ("friend", "best friends since we were six", "2016", "2020", None, "We've been best friends since we were six."),
    (
        "colleague",
        "shipped the mobile app together",
        "2016",
        "2020",
        None,
        "We worked together from 2016 to 2020, and we shipped the mobile app together.",
    ),
    ("friend", "neighbours for six years", "2016", "2020", None, "We were neighbours for six years."),
    (
        "colleague",
        "Northwind engineering",
        "2016",
        "2020",
        None,
        "We worked together on Northwind engineering from 2016 to 2020.",
    ),
    ("client", "Qamar Energy", "2016", "2020", None, "Ann was a client of mine at Qamar Energy from 2016 to 2020."),
    ("family", "my cousin's wife", "2016", "2020", None, "Ann is my cousin's wife."),
    ("friend", "board games", "2016", "2020", None, "We're still good friends (board games)."),
    ("friend", "weekly dinners", "2016", "2020", None, "We're still good friends (weekly dinners)."),
    ("friend", "climbing buddies", "2016", "2020", None, "We're climbing buddies."),
    ("friend", "go way back", "2016", "2020", None, "We go way back."),
    ("friend", "hiking", "2016", "2020", None, "We're still good friends (hiking)."),
    ("friend", "play chess every thursday", "2016", "2020", None, "We play chess every thursday."),
    ("friend", "godfather to my kid", "2016", "2020", None, "Ann is a godfather to my kid."),
    ("colleague", "my manager at acme", "2016", "2020", None, "Ann was my manager at acme from 2016 to 2020."),
    ("colleague", "worked together at acme", "2016", "2020", None, "We worked together at acme from 2016 to 2020."),
    (
        "colleague",
        "built the payments team together",
        "2016",
        "2020",
        None,
        "We worked together from 2016 to 2020, and we built the payments team together.",
    ),
]

REASONS = [  # (reason, said to Jim (she/her) about Leonard (he/him, Bones to close friends))
    (
        "Leonard saw Jim's posting for a new staff physician and wants to hear about the role from Jim directly",
        "Leonard saw your posting for a new staff physician and wants to hear about the role from you directly.",
    ),
    (
        "Leonard saw Jim Kirk's posting and would like to hear about the role from Jim",
        "Leonard saw your posting and would like to hear about the role from you.",
    ),
    ("Jim is hiring a staff physician", "You're hiring a staff physician."),
    ("Jim has an opening on her team", "You have an opening on your team."),
    ("Jim's team needs a doctor", "Your team needs a doctor."),
    ("Leonard and Jim both love sailing", "Leonard and you both love sailing."),
    ("Jim and Leonard should compare notes on clinics", "You and Leonard should compare notes on clinics."),
    ("both rebuild data platforms", "You and Bones both rebuild data platforms."),
    ("both love sailing", "You and Bones both love sailing."),
    ("I think they would hit it off", "I think they would hit it off."),
    ("I'd love for Jim to hear Leonard's story", "I'd love for you to hear Leonard's story."),
    ("to compare notes on hiring", "I think you two should meet to compare notes on hiring."),
    ("to talk about the staff physician role", "I think you two should meet to talk about the staff physician role."),
    ("because Leonard is looking for a new role", "I'm introducing you because Leonard is looking for a new role."),
    ("because Jim asked me for a doctor", "I'm introducing you because you asked me for a doctor."),
    ("since Jim is hiring", "I'm introducing you since you're hiring."),
    ("hiring a staff physician", "Bones is hiring a staff physician."),
    ("looking for a cofounder", "Bones is looking for a cofounder."),
    ("the staff physician role", "I think you two should talk about the staff physician role."),
    ("warehouse robotics", "I think you two should talk about warehouse robotics."),
    ("fundraising", "Bones is fundraising."),
    ("your posting for a staff physician", "I think you two should talk about your posting for a staff physician."),
    ("about the staff physician role", "I think you two should talk about the staff physician role."),
    ("on the board seat", "I think you two should talk on the board seat."),
    ("wants to learn about the role", "Bones wants to learn about the role."),
    ("needs a photographer for Lagos Design Week", "Bones needs a photographer for Lagos Design Week."),
    ("saw Jim's posting", "Bones saw your posting."),
    (
        "is looking for an advisor on a logistics acquisition",
        "Bones is looking for an advisor on a logistics acquisition.",
    ),
    ("interested in Jim's clinic", "Bones is interested in your clinic."),
    ("Leonard wants Jim's advice on leaving the Navy", "Leonard wants your advice on leaving the Navy."),
    ("Bones wants to hear about the role from Jim", "Bones wants to hear about the role from you."),
    ("Jim needs someone who knows rural clinics", "You need someone who knows rural clinics."),
    ("Leonard can help Jim with the clinic network", "Leonard can help you with the clinic network."),
    ("Jim, Leonard is the doctor you need", "Leonard is the doctor you need."),
    ("Leonard asked me to introduce him to Jim", "Leonard asked me to introduce him to you."),
    ("You both care about nurses", "You both care about nurses."),
    ("they should talk.", "They should talk."),
    ("Ann needs a CFO", "Ann needs a CFO."),
    ("leonard saw jim's posting", "Leonard saw your posting."),
    ("Leonard saw JIM's posting", "Leonard saw your posting."),
    ("Leonard has questions for Jim about the role", "Leonard has questions for you about the role."),
    ("Leonard would like Jim's view on the role", "Leonard would like your view on the role."),
    ("Jim runs the clinic Leonard wants to join", "You run the clinic Leonard wants to join."),
    ("Jim has been looking for a doctor for months", "You've been looking for a doctor for months."),
    ("Leonard's sister works with Jim", "Leonard's sister works with you."),
    ("a shared interest in rural medicine", "I think you two should talk about a shared interest in rural medicine."),
    ("mutual interest in sailing", "I think you two should talk about your mutual interest in sailing."),
    ("hiring", "Bones is hiring."),
    ("Jim – Leonard is great", "Leonard is great."),
    ("Jim is hiring and her team needs a doctor", "You're hiring and your team needs a doctor."),
    ("to help Jim hire", "I think you two should meet to help you hire."),
    ("so Leonard can learn about the role", "I'm introducing you so Leonard can learn about the role."),
    ("both are building clinics", "You and Bones both are building clinics."),
    ("Jim was asking about doctors", "You were asking about doctors."),
    ("Jim wants a doctor and Leonard wants a new role", "You want a doctor and Leonard wants a new role."),
    ("Leonard thinks Jim could use a doctor", "Leonard thinks you could use a doctor."),
    ("Leonard and Jim went to the same school", "Leonard and you went to the same school."),
    (
        "Jim's clinic and Leonard's practice could work together",
        "Your clinic and Leonard's practice could work together.",
    ),
    ("Leonard admires Jim's work", "Leonard admires your work."),
    ("for the staff physician role", "I think you two should meet for the staff physician role."),
    ("the role at Jim's clinic", "I think you two should talk about the role at your clinic."),
    (
        "Leonard loved her supper club and wants to ask her about hosting one",
        "Leonard loved your supper club and wants to ask you about hosting one.",
    ),
    (
        "she is launching a health podcast and wants him as a guest",
        "You are launching a health podcast and want him as a guest.",
    ),
    ("Would you be open to a call with Leonard?", "Would you be open to a call with Leonard?"),
    ("advice on a heart-healthy menu", "Bones would value your advice on a heart-healthy menu."),
    ("compare notes on hiring", "I think you two should compare notes on hiring."),
    (
        "could Harlan Health use a staff engineer who has scaled data systems?",
        "Could Harlan Health use a staff engineer who has scaled data systems?",
    ),
    ("Does Jim's clinic need a doctor? Leonard is looking.", "Does your clinic need a doctor? Leonard is looking."),
    ("he's moving to tokyo and wants to meet people there", "Bones is moving to tokyo and wants to meet people there."),
    ("I think they'd hit it off", "I think they'd hit it off."),
    (
        "Jim's team is hiring a staff physician and Leonard wants to hear about the role from her directly",
        "Your team is hiring a staff physician and Leonard wants to hear about the role from you directly.",
    ),
]

PRONOUNS = [  # (pronouns as typed, a description, a verb phrase, a have, the nickname line)
    (
        "he/him",
        "He's one of the best doctors I know.",
        "He never turns down a good adventure.",
        "He has also never missed a deadline.",
        "By the way, his close friends like me call him Ace.",
    ),
    (
        "she/her",
        "She's one of the best doctors I know.",
        "She never turns down a good adventure.",
        "She has also never missed a deadline.",
        "By the way, her close friends like me call her Ace.",
    ),
    (
        "they/them",
        "They're one of the best doctors I know.",
        "They never turn down a good adventure.",
        "They have also never missed a deadline.",
        "By the way, their close friends like me call them Ace.",
    ),
    (
        "zhe/zher",
        "Zhe's one of the best doctors I know.",
        "Zhe never turns down a good adventure.",
        "Zhe has also never missed a deadline.",
        "By the way, Sam's close friends like me call zher Ace.",
    ),
    (
        "xe/xem/xyr",
        "Xe's one of the best doctors I know.",
        "Xe never turns down a good adventure.",
        "Xe has also never missed a deadline.",
        "By the way, xyr close friends like me call xem Ace.",
    ),
    (
        "ze/hir",
        "Ze's one of the best doctors I know.",
        "Ze never turns down a good adventure.",
        "Ze has also never missed a deadline.",
        "By the way, hir close friends like me call hir Ace.",
    ),
    (
        "ze/zir",
        "Ze's one of the best doctors I know.",
        "Ze never turns down a good adventure.",
        "Ze has also never missed a deadline.",
        "By the way, zir close friends like me call zir Ace.",
    ),
    (
        "ey/em",
        "Ey's one of the best doctors I know.",
        "Ey never turns down a good adventure.",
        "Ey has also never missed a deadline.",
        "By the way, eir close friends like me call em Ace.",
    ),
    (
        "fae/faer",
        "Fae's one of the best doctors I know.",
        "Fae never turns down a good adventure.",
        "Fae has also never missed a deadline.",
        "By the way, faer close friends like me call faer Ace.",
    ),
    (
        "he/they",
        "He's one of the best doctors I know.",
        "He never turns down a good adventure.",
        "He has also never missed a deadline.",
        "By the way, his close friends like me call him Ace.",
    ),
    (
        "she/they",
        "She's one of the best doctors I know.",
        "She never turns down a good adventure.",
        "She has also never missed a deadline.",
        "By the way, her close friends like me call her Ace.",
    ),
    (
        "they/she",
        "They're one of the best doctors I know.",
        "They never turn down a good adventure.",
        "They have also never missed a deadline.",
        "By the way, their close friends like me call them Ace.",
    ),
    (
        "any",
        "Sam is one of the best doctors I know.",
        "Sam never turns down a good adventure.",
        "Sam has also never missed a deadline.",
        "-",
    ),
    (
        "He/Him",
        "He's one of the best doctors I know.",
        "He never turns down a good adventure.",
        "He has also never missed a deadline.",
        "By the way, his close friends like me call him Ace.",
    ),
    (
        "SHE / HER",
        "She's one of the best doctors I know.",
        "She never turns down a good adventure.",
        "She has also never missed a deadline.",
        "By the way, her close friends like me call her Ace.",
    ),
    (
        "xe/xem/xyr/xyrs/xemself",
        "Xe's one of the best doctors I know.",
        "Xe never turns down a good adventure.",
        "Xe has also never missed a deadline.",
        "By the way, xyr close friends like me call xem Ace.",
    ),
    (
        "",
        "Sam is one of the best doctors I know.",
        "Sam never turns down a good adventure.",
        "Sam has also never missed a deadline.",
        "-",
    ),
    (
        "it/its",
        "It's one of the best doctors I know.",
        "It never turns down a good adventure.",
        "It has also never missed a deadline.",
        "By the way, its close friends like me call it Ace.",
    ),
]


def _said(fragment_text: str, pronouns: str | None) -> str:
    subject = en.Subject("Jim", en.parse_pronouns(pronouns))
    f = en.read(fragment_text, names=["Jim Kirk", "Jim"])
    assert f is not None
    pred = en.predicate(f)
    return f.sentence() if pred is None else en.finish(en.clause(subject, [pred]))


@pytest.mark.parametrize(("typed", "plain", "they"), HIGHLIGHTS)
def test_a_highlight_as_typed_becomes_a_sentence(typed, plain, they):
    assert _said(typed, None) == plain
    assert _said(typed, "they/them") == they


def _person(how: str | None = None, met: str | None = None, pronouns: str | None = None, **more) -> prose.Person:
    names = ("Ann Lee", "Ann")
    return prose.Person(
        "ann-lee",
        "Ann Lee",
        "Ann",
        more.pop("nickname", None),
        en.parse_pronouns(pronouns),
        en.read(how, names=names),
        load_partial_date(met),
        more.pop("evidence", []),
        [f for f in (en.read(h, names=names) for h in more.pop("highlights", [])) if f],
        names=names,
        **more,
    )


@pytest.mark.parametrize(("typed", "met", "pronouns", "sentence"), HOW_MET)
def test_how_we_met_as_typed_becomes_the_opening_sentence(typed, met, pronouns, sentence):
    p = _person(typed, met, pronouns)
    assert " ".join(prose.paragraph(p, "Bob", DAY)[1:]) == sentence


@pytest.mark.parametrize(("criterion", "detail", "since", "until", "pronouns", "sentence"), DETAILS)
def test_evidence_details_as_typed_fit_their_criterion(criterion, detail, since, until, pronouns, sentence):
    p = _person(pronouns=pronouns)
    e = {"id": 1, "criterion": criterion, "detail": detail, "since": since, "until": until}
    e |= {"place": None, "conversation": None}
    out = []
    for s in prose.evidence_said(e, p, DAY):
        if s.kind in ("we", "i"):
            out.append(en.finish(s.text))
        elif s.predicate is not None:
            out.append(en.finish(en.clause(p.subject, [s.predicate])))
        else:
            out.append(s.text)
    assert " ".join(out) == sentence


LEONARD = prose.Person(
    "leonard", "Leonard McCoy", "Leonard", "Bones", en.parse_pronouns("he/him"), None, None,
    [{"criterion": "friend"}], [], names=("Leonard McCoy", "Leonard", "Bones"),
)  # fmt: skip
JIM = prose.Person(
    "jim", "Jim Kirk", "Jim", None, en.parse_pronouns("she/her"), None, None, [], [], names=("Jim Kirk", "Jim")
)


@pytest.mark.parametrize(("reason", "sentence"), REASONS)
def test_a_reason_is_said_to_the_person_being_reached(reason, sentence):
    f = en.read(en.without_greeting(reason, JIM.names), names=(*LEONARD.names, *JIM.names))
    assert f is not None
    assert prose.reason_sentence(f, LEONARD, JIM) == sentence


# Pronouns as people also type them: (as typed, the spelling in PRONOUNS whose four sentences they must give).
PRONOUN_SPELLINGS = [
    ("he", "he/him"), ("HE/HIM", "he/him"), ("he/him/his", "he/him"), ("he / him", "he/him"),
    ("he,him", "he/him"), ("he him", "he/him"), ("he|him", "he/him"), ("(he/him)", "he/him"),
    ("he/him/his/himself", "he/him"), ("he/him;", "he/him"), ("my pronouns are he/him", "he/him"),
    ("she", "she/her"), ("She/Her/Hers", "she/her"), ("she/her.", "she/her"), ("pronouns: she/her", "she/her"),
    ("she, her", "she/her"), ("She/her", "she/her"), ("she/her/hers/herself", "she/her"),
    ("they", "they/them"), ("They/Them/Theirs", "they/them"), ("they/them/their/theirs", "they/them"),
    ("they (singular)", "they/them"), ("THEY/THEM", "they/them"), ("they them", "they/them"),
    ("xe", "xe/xem/xyr"), ("xe/xem", "xe/xem/xyr"), ("Xe/Xem/Xyrs", "xe/xem/xyr"), ("xe / xem / xyr", "xe/xem/xyr"),
    ("ze/zir/zirs", "ze/zir"), ("ze", "ze/zir"), ("Ze/Zir", "ze/zir"), ("ze/hir/hirs", "ze/hir"),
    ("ey/em/eir", "ey/em"), ("ey/em/eirs", "ey/em"), ("ey", "ey/em"),
    ("fae", "fae/faer"), ("fae/faer/faers", "fae/faer"), ("Fae/Faer", "fae/faer"),
    ("it", "it/its"), ("it/it/its", "it/its"),
    ("he/they/him", "he/they"), ("she/they/her", "she/they"), ("they/she/them", "they/she"),
    ("any pronouns", "any"), ("any/all", "any"), ("none", ""), ("no pronouns", ""), ("use my name", ""),
    ("Zhe/Zher", "zhe/zher"), ("he / him / his", "he/him"), ("SHE/HER/HERS", "she/her"),
    ("they/them/theirs/themself", "they/them"), ("they/them/theirs/themselves", "they/them"),
    ("xe/xem/xyr/xyrs", "xe/xem/xyr"), ("ze/zir/zir/zirs/zirself", "ze/zir"), ("ey/em/eir/eirs/emself", "ey/em"),
    ("he, him, his", "he/him"), ("she|her", "she/her"), ("they;them", "they/them"), ("He", "he/him"),
    ("She", "she/her"), ("They", "they/them"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "canonical"), PRONOUN_SPELLINGS)
def test_pronouns_as_people_also_type_them(typed, canonical):
    row = next(r for r in PRONOUNS if r[0] == canonical)
    assert en.parse_pronouns(typed) == en.parse_pronouns(canonical)
    subject = en.Subject("Sam", en.parse_pronouns(typed))
    assert en.finish(en.clause(subject, [en.predicate(en.read("best doctor I know"))])) == row[1]


@pytest.mark.parametrize(("typed", "be", "verb", "have", "nickname"), PRONOUNS)
def test_pronouns_as_typed_and_their_agreement(typed, be, verb, have, nickname):
    subject = en.Subject("Sam", en.parse_pronouns(typed))
    assert en.finish(en.clause(subject, [en.predicate(en.read("best doctor I know"))])) == be
    assert en.finish(en.clause(subject, [en.predicate(en.read("never turns down a good adventure"))])) == verb
    assert en.finish(en.clause(subject, [en.predicate(en.read("has never missed a deadline"))], also=True)) == have
    p = _person(pronouns=typed, nickname="Ace", evidence=[{"criterion": "friend", "id": 1}])
    lines = prose.paragraph(p, "Bob", DAY)
    if nickname == "-":
        assert lines[0] == "Bob, meet Ann (Ace to close friends like me)."
    else:
        assert lines[-1] == nickname.replace("Sam's", "Ann's")


def test_the_tables_are_as_long_as_promised():
    for table in (HIGHLIGHTS, HOW_MET, DETAILS, REASONS):
        assert len({row[0] for row in table}) >= 60 or len(table) >= 60
    assert sum(len(row) - 1 for row in PRONOUNS) >= 60  # each set of pronouns in four sentences
    assert len(PRONOUNS) + len(PRONOUN_SPELLINGS) >= 60  # and sixty ways of typing them


# -- dates as a person says them -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "at", "since"),
    [
        ("1998", "almost thirty years ago", "for almost thirty years"),
        ("2016", "ten years ago", "for ten years"),
        ("2014", "over ten years ago", "for over ten years"),
        ("2003", "almost twenty-five years ago", "for almost twenty-five years"),
        ("2006", "twenty years ago", "for twenty years"),
        ("2019", "in 2019", "since 2019"),
        ("2025", "last year", "since last year"),
        ("2026", "this year", "since earlier this year"),
        ("2019-05", "in May 2019", "since May 2019"),
        ("2026-03", "in March", "since March"),
        ("2019-05-14", "on 14 May 2019", "since 14 May 2019"),
        ("2026-11-02", "on 2 November", "since 2 November"),
        ("1990-05", "in May 1990", "since May 1990"),
    ],
)
def test_since_reads_naturally_at_each_precision(stored, at, since):
    when = en.when(load_partial_date(stored), DAY)
    assert (when.ago or when.at, when.since) == (at, since)


# -- properties of every draft --------------------------------------------------------------------------

HOW = ["went to school together", "met on vacation", "at PyCon 2015", "through Carla", "school friends",
       "my neighbour", "the sailing club", "We met at a friend's wedding", "hired my team to rebuild the billing",
       "introduced by Carla", "sat next to her at a summit", "working together at Acme", "married my brother"]  # fmt: skip
HIGHLIGHT_POOL = [row[0] for row in HIGHLIGHTS if "Jim" not in row[0] and not row[0][0].isupper()]
DETAIL_POOL = [None, "still close since school", "the data platform", "Northwind", "built the data platform",
               "my cousin", "from college", "neighbours for six years", "the audit"]  # fmt: skip
REASON_POOL = [row[0] for row in REASONS]
NAMES = ["Ann Lee", "Bob Stone", "Chloé Dubois", "张伟", "Nadia Al-Sayed", "Priya Raman", "Olu Obi"]


@st.composite
def people(draw, name: str) -> prose.Person:
    names = (name, name.split()[0])
    evidence = [
        {
            "id": i + 1,
            "criterion": draw(st.sampled_from(["friend", "family", "colleague", "client", "business-partner",
                                               "classmate", "met-in-person"])),
            "detail": draw(st.sampled_from(DETAIL_POOL)),
            "since": draw(st.sampled_from([None, "2016", "2019-05", "1998"])),
            "until": None,
            "place": draw(st.sampled_from([None, "Lisbon", "a sailing trip"])),
            "conversation": draw(st.sampled_from([None, "warehouse robots", "how he rebuilt a clinic"])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    return prose.Person(
        name.lower().replace(" ", "-"),
        name,
        name.split()[0],
        draw(st.sampled_from([None, "Ace", "Bones"])),
        en.parse_pronouns(draw(st.sampled_from([None, "he/him", "she/her", "they/them", "xe/xem/xyr"]))),
        en.read(draw(st.sampled_from([None, *HOW])), names=names),
        load_partial_date(draw(st.sampled_from([None, "1998", "2019-05", "2023-05-14"]))),
        evidence,
        [en.read(h, names=names) for h in draw(st.lists(st.sampled_from(HIGHLIGHT_POOL), max_size=4, unique=True))],
        title=draw(st.sampled_from([None, "CFO", "Attending Physician", "engineer", "Head of Strategy"])),
        company=draw(st.sampled_from([None, "Northwind", "Harbor Freight"])),
        names=names,
    )


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _draft(a: prose.Person, b: prose.Person, reason: str) -> list[list[str]]:
    pa = prose.paragraph(a, b.first, DAY)
    pb = prose.paragraph(b, a.call, DAY, avoid=prose._opening(pa[1]) if len(pa) > 1 else None, said_before=pa)
    closing = prose.closing(a, b, en.read(en.without_greeting(reason, b.names), names=(*a.names, *b.names)))
    return [pa, pb, [closing]]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_no_draft_doubles_a_word_a_stop_or_a_sentence(data):
    a_name, b_name = data.draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=2, unique=True))
    a, b = data.draw(people(a_name)), data.draw(people(b_name))
    reason = data.draw(st.sampled_from(REASON_POOL)).replace("Leonard", a.first).replace("Jim", b.first)
    paragraphs = _draft(a, b, reason)
    assert paragraphs == _draft(a, b, reason)  # the same facts, the same draft
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    assert not re.search(r"\b(\w+)\s+\1\b", text, re.IGNORECASE), text
    assert not re.search(r"[.!?]\s*[.!?]", text), text
    sentences = [s for p in paragraphs for line in p for s in SENTENCE_END.split(line) if s]
    assert not [s for s in sentences if s[:1].islower()], text
    assert len({s.casefold() for s in sentences}) == len(sentences), text
    everyone = "|".join(re.escape(n) for p in (a, b) for n in p.names)
    assert not re.search(rf"\b(?:a|an|the)\s+(?:{everyone})\b", text, re.IGNORECASE), text
    for person, para in ((a, paragraphs[0]), (b, paragraphs[1])):
        if person.pronouns is None:
            mentions = len(re.findall(rf"(?<!\w){re.escape(person.first)}(?!\w)", " ".join(para)))
            assert mentions <= 2, para


def test_two_paragraphs_open_differently():
    a = _person("went to school together", "1998", "he/him")
    b = _person("went to college together", "2001", "she/her")
    first = prose.paragraph(a, "Bob", DAY)
    second = prose.paragraph(b, "Ann", DAY, avoid=prose._opening(first[1]))
    assert prose._opening(first[1]) != prose._opening(second[1])


def test_hostile_facts_still_give_a_draft_with_nothing_raw(me):
    me.ok(
        "add", "Ann Lee", "--highlight", "\x1b[31mred\x1b[0m and \u202eevil", "--highlight", "x" * 500,
        "--how-met", "met at \x07 PyCon", "--pronouns", "\x1b]0;PWNED\x07", "--met-on", "2019",
    )  # fmt: skip
    me.ok("add", "محمد علي", "--highlight", "🚀 rocket scientist", "--how-met", "went to school", "--met-on", "2001")
    me.ok("connect", "ann-lee", "--as", "colleague", "--detail", "\x1b[1mbold")
    me.ok("connect", "محمد-علي", "--as", "friend")
    r = me.ok("intro", "ann-lee", "محمد-علي", "--reason", "\x1b[2J both love \u202e boats")
    assert "\x1b" not in r.stdout + r.stderr and "\u202e" not in r.stdout and "\x07" not in r.stdout
    assert "\\x1b[31mred" in r.stdout and "a 🚀 rocket scientist" in r.stdout and "Traceback" not in r.stderr
    assert "x" * 500 in r.stdout
    doc = me.json("intro", "ann-lee", "محمد-علي", "--reason", "boats")
    assert "\x1b" in doc["draft"]  # JSON carries the text as it is, escaped by JSON itself


def test_what_was_typed_in_lower_case_is_written_as_names_are(me):
    me.ok("add", "Carla Mendes", "--pronouns", "she/her", "--company", "Brightline", "--how-met", "worked together",
          "--met-on", "2014", "--highlight", "kind")  # fmt: skip
    me.ok("add", "marcus fischer", "--pronouns", "he/him", "--title", "founder & ceo", "--company", "ibm research",
          "--how-met", "through carla", "--met-on", "2021", "--highlight", "fluent in japanese and a phd")  # fmt: skip
    me.ok("add", "Sofia Alvarez", "--pronouns", "they/them", "--how-met", "online", "--met-on", "2020-03",
          "--highlight", "ex-google")  # fmt: skip
    me.ok("connect", "carla-mendes", "--as", "colleague")
    me.ok("connect", "marcus-fischer", "--as", "friend")
    me.ok("connect", "sofia-alvarez", "--as", "met-in-person", "--place", "a meetup in Berlin",
          "--conversation", "why dashboards lie")  # fmt: skip
    text = me.ok("intro", "marcus", "sofia", "--reason", "compare notes on hiring").stdout
    assert "Sofia, meet Marcus. We met through Carla in 2021" in text
    assert "He's the founder & CEO of IBM Research" in text and "fluent in Japanese and a PhD" in text
    assert "we met online, and in person at a meetup in Berlin." in text  # "we met" said once
    assert "used to work at Google" in text and "an ex-google" not in text
    said_to_carla = me.ok("intro", "marcus", "carla", "--reason", "to compare notes on hiring").stdout
    assert "We met through you in 2021" in said_to_carla  # Carla is the reader
    # The lines about Marcus that Carla may forward name him.
    ask = me.ok("intro", "ask", "marcus", "sofia", "--reason", "Sofia's team is hiring").stdout
    assert "A few lines about Marcus you can forward or keep:\n\nWe met through Carla in 2021" in ask
    assert "Marcus, a founder & CEO of IBM Research" in ask or "Marcus, the founder & CEO of IBM Research" in ask


def test_a_reason_asks_as_typed_and_speaks_to_its_reader(me):
    for name, pronouns in (("Ruth Okonkwo", "she/her"), ("Jim Harlan", "he/him")):
        me.ok("add", name, "--pronouns", pronouns, "--how-met", "met at a conference", "--met-on", "2019",
              "--highlight", "kind")  # fmt: skip
    me.ok("connect", "ruth", "--as", "colleague")
    me.ok("connect", "jim", "--as", "colleague")
    said = me.ok(
        "intro", "ruth", "jim", "--reason",
        "Jim's team is hiring a staff physician and Ruth wants to hear about the role from him directly",
    ).stdout  # fmt: skip
    assert (
        "Jim – your team is hiring a staff physician and Ruth wants to hear about the role from you directly." in said
    )
    asked = me.ok("intro", "ruth", "jim", "--reason", "could Harlan Health use another doctor?").stdout
    assert "Jim – Could Harlan Health use another doctor? I feel the two of you should meet" in asked
    moving = me.ok("intro", "ruth", "jim", "--reason", "she's moving to boston and wants to meet people").stdout
    assert "Jim – Ruth is moving to boston and wants to meet people." in moving


@pytest.mark.parametrize(
    ("typed", "pronouns", "sentence"),
    [
        ("used to sit next to me at Initech", "she/her", "She used to sit next to me at Initech."),
        ("used to sit next to me at Initech", None, "Ann used to sit next to me at Initech."),
        ("used to work for me", None, "Ann used to work for me."),
    ],
)
def test_a_past_habit_said_to_me_is_theirs_not_ours(typed, pronouns, sentence):
    assert " ".join(prose.paragraph(_person(typed, None, pronouns), "Bob", DAY)[1:]) == sentence


@pytest.mark.parametrize(
    ("criterion", "detail", "since", "until", "sentence"),
    [
        ("colleague", "we worked at Initech", "2019", None, "We've worked at Initech since 2019."),
        ("colleague", "We worked at Initech.", "2014", "2016", "We worked at Initech from 2014 to 2016."),
        ("classmate", "we studied law together", "2010", "2012", "We studied law together from 2010 to 2012."),
    ],
)
def test_a_detail_that_says_the_criterion_is_said_once(criterion, detail, since, until, sentence):
    p = _person(pronouns="she/her")
    e = {"id": 1, "criterion": criterion, "detail": detail, "since": since, "until": until}
    said = prose.evidence_said(e | {"place": None, "conversation": None}, p, DAY)
    assert " ".join(en.finish(s.text) for s in said) == sentence


@pytest.mark.parametrize(
    ("reason", "opening"),
    [
        ("Jim is hiring a staff physician", "Jim – you're hiring a staff physician."),
        ("Jim's team needs a doctor", "Jim – your team needs a doctor."),
        ("I think you two would get on", "Jim – I think you two would get on."),
        ("Leonard wants to ask about sailing", "Jim – Leonard wants to ask about sailing."),
    ],
)
def test_the_closing_runs_on_after_the_dash(reason, opening):
    f = en.read(en.without_greeting(reason, JIM.names), names=(*LEONARD.names, *JIM.names))
    assert f is not None and prose.closing(LEONARD, JIM, f).startswith(opening + " ")


@pytest.mark.parametrize(
    ("typed", "met", "sentence"),
    [
        (
            "both on the board of the food bank",
            "2018-03",
            "We've known each other since March 2018: we're both on the board of the food bank.",
        ),
        ("both love sailing", None, "We both love sailing."),
        (
            "kids go to the same school",
            "2018-03",
            "We've known each other since March 2018: our kids go to the same school.",
        ),
        ("kids went to the same school", None, "Our kids went to the same school."),
    ],
)
def test_what_we_share_takes_its_subject(typed, met, sentence):
    assert " ".join(prose.paragraph(_person(typed, met, None), "Bob", DAY)[1:]) == sentence


def test_a_detail_that_only_repeats_how_we_met_is_not_told_again():
    e = {"id": 1, "criterion": "colleague", "detail": "we worked at Initech", "since": None, "until": None}
    p = _person("colleagues at Initech", "2018-03", None, evidence=[e | {"place": None, "conversation": None}])
    assert (
        " ".join(prose.paragraph(p, "Bob", DAY)[1:])
        == "We've known each other since March 2018: we were colleagues at Initech."
    )
    e2 = {**e, "id": 2, "detail": "we rebuilt the billing system at Initech"}  # news: told
    p = _person("colleagues at Initech", "2018-03", None, evidence=[e2 | {"place": None, "conversation": None}])
    assert "rebuilt the billing system" in " ".join(prose.paragraph(p, "Bob", DAY))


@pytest.mark.parametrize(
    ("reason", "closing"),
    [
        (
            "Jim is hiring a staff physician",
            "Jim – you're hiring a staff physician. I feel Bones would be an ideal addition to your team, and I can "
            "vouch for him.",
        ),
        (
            "Leonard saw Jim's posting and would like to hear about the role from Jim",
            "Jim – Leonard saw your posting and would like to hear about the role from you. I feel Bones would be an "
            "ideal addition to your team, and I can vouch for him.",
        ),
        (  # hiring, but not the reader: no "addition to your team"
            "Leonard is hiring a CTO",
            "Jim – Leonard is hiring a CTO. I feel the two of you should meet, and I can vouch for him.",
        ),
        ("advice on fundraising", "Jim – Bones would value your advice on fundraising. I can vouch for him."),
    ],
)
def test_the_closing_says_why_from_the_reason_and_keeps_names_capital(reason, closing):
    f = en.read(en.without_greeting(reason, JIM.names), names=(*LEONARD.names, *JIM.names))
    assert f is not None and prose.closing(LEONARD, JIM, f).startswith(closing + " ")


def test_a_company_said_already_is_not_said_again():
    e = {"id": 1, "criterion": "colleague", "detail": "we worked at Initech", "since": None, "until": None}
    p = _person(
        "used to sit next to me at Initech", "2012", "they/them", company="Initech",
        evidence=[e | {"place": None, "conversation": None}],
    )  # fmt: skip
    said = " ".join(prose.paragraph(p, "Bob", DAY)[1:])
    assert said == "Almost fifteen years ago, they used to sit next to me at Initech, and we worked together."
    p = _person("met on vacation", "2012", "they/them", company="Initech")
    assert "They're at Initech." in prose.paragraph(p, "Bob", DAY)  # not said before: said


def test_the_friend_detail_is_used_beside_how_we_met():
    """The issue's complaint: "still close since school" was never used."""
    e = {"id": 1, "criterion": "friend", "detail": "still close since school", "since": None, "until": None}
    p = _person("went to school together", "1998", None, evidence=[e | {"place": None, "conversation": None}])
    said = " ".join(prose.paragraph(p, "Bob", DAY)[1:])
    assert said == "We went to school together almost thirty years ago, and we've been close since school."


@pytest.mark.parametrize(
    ("detail", "sentence"),
    [
        ("Acme sales team", "We worked together on the Acme sales team from 2010 to 2014."),
        ("sales team at Acme", "We worked together on the sales team at Acme from 2010 to 2014."),
        ("operations at Globex", "We worked together on operations at Globex from 2010 to 2014."),
    ],
)
def test_a_team_or_department_is_where_we_worked_not_a_fragment_alone(detail, sentence):
    e = {"id": 1, "criterion": "colleague", "detail": detail, "since": "2010", "until": "2014"}
    said = prose.evidence_said(e | {"place": None, "conversation": None}, _person(pronouns="she/her"), DAY)
    assert " ".join(en.finish(s.text) for s in said) == sentence
