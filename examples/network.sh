#!/usr/bin/env bash
# The example network: Sam Rivera's curated network, built around the Jim / Leonard ("Bones")
# introduction. Every line is an ordinary cnet command, so this file doubles as a tour.
# Load it into a throwaway database:  CNET_DB=$(mktemp -d)/demo.db bash examples/network.sh
set -euo pipefail

cnet init --name "Sam Rivera"

# -- people I really know ------------------------------------------------------------------
cnet add "Leonard Okafor" --nickname Bones --pronouns he/him --company "St. Brendan's Hospital" \
  --title "Attending Physician, Internal Medicine" --location "Baltimore" \
  --email leonard.okafor@stbrendans.example --phone "+1 410 555 0142" --tag doctor --tag school \
  --linkedin https://www.linkedin.com/in/leonard-okafor-md \
  --how-met "We went to school together at Brookline High and have stayed good friends since" --met-on 1998 \
  --highlight "one of the best doctors I know" \
  --highlight "so focused on his patients that he forgets to eat lunch" \
  --note "Reminds everyone, often, that he is a doctor and not an engineer."
cnet add "Jim Castellano" --pronouns he/him --company "Meridian Health Partners" --title "Chief Executive Officer" \
  --location "Boston" --email jim@meridianhealth.example --tag healthcare --tag leader \
  --how-met "We met on a sailing trip off the coast of Maine and have stayed in touch ever since" --met-on 2019-08 \
  --highlight "an exceptional leader and a cunning strategist" \
  --highlight "never turns down a good adventure" \
  --note "Meridian is hiring a staff physician (posting seen November 2026)."
cnet add "Priya Raman" --pronouns she/her --company "Northwind Analytics" --title "Principal Engineer" \
  --email priya@northwind.example --tag engineering --tag northwind \
  --how-met "We built Northwind's data platform together" --met-on 2016-03 \
  --highlight "the clearest technical writer I have worked with"
cnet add "Marcus Bell" --pronouns he/him --company "Harbor Freight Logistics" --title CFO \
  --email mbell@harborfreight.example --tag client --tag finance \
  --how-met "He hired my team to rebuild Harbor's forecasting" --met-on 2021-02 \
  --highlight "asks the one question that matters in every meeting"
cnet add "Elena Sokolova" --pronouns she/her --company "Sokolova & Rivera Consulting" --title "Managing Partner" \
  --email elena@sokolova-rivera.example --tag partner \
  --how-met "We co-founded a consultancy" --met-on 2018-09 \
  --highlight "can read a contract faster than I can read a menu"
cnet add "Tomás Herrera" --pronouns he/him --company "Banco Andino" --title "Head of Strategy" \
  --email tomas.herrera@bancoandino.example --tag mba \
  --how-met "Classmates in the evening MBA programme" --met-on 2014 \
  --highlight "the person everyone wanted in their study group"
cnet add "Aiko Tanaka" --pronouns she/her --company "Kumo Robotics" --title "VP Product" --location "Osaka" \
  --email aiko@kumo.example --tag robotics \
  --how-met "Sat next to her at the Lisbon product summit and talked warehouse robots until midnight" \
  --met-on 2023-05-14 --highlight "knows more about warehouse automation than anyone I have met"
cnet add "Grace Obi" --pronouns she/her --company "Lagos Design Week" --title "Festival Director" \
  --tag family --how-met "She married my brother" --met-on 2010 \
  --highlight "has never missed a deadline, or a birthday"
cnet add "Daniel Weiss" --pronouns he/him --title "Freelance Photographer" --tag friend \
  --how-met "We were neighbours for six years in Somerville" --met-on 2012 \
  --highlight "the friend who shows up with tools before you ask"
cnet add "Fatima Al-Sayed" --pronouns she/her --company "Qamar Energy" --title "Director of Operations" \
  --email f.alsayed@qamar.example --tag client \
  --how-met "Client for the grid-analytics project" --met-on 2022-06 \
  --highlight "runs the calmest war room I have ever seen"
cnet add "Chloé Dubois" --pronouns she/her --company "Northwind Analytics" --title "Engineering Manager" \
  --email chloe@northwind.example --tag northwind --tag engineering \
  --how-met "Colleagues at Northwind" --met-on 2017 --highlight "grows junior engineers into leads"
cnet add "Maya Cohen" --pronouns she/her --company "Studio Cohen" --title "Designer" --tag friend \
  --how-met "We met at a friend's wedding" --met-on 2015
cnet add "张伟" --nickname Wei --company "Lantern Labs" --title "Research Scientist" --tag robotics \
  --how-met "We co-authored a workshop paper on grasp planning" --met-on 2020-11

# -- people I do not really know yet -----------------------------------------------------------
cnet add "Noah Fischer" --company "Brightline Ventures" --title "Associate" --tag vc \
  --how-met "Swapped cards at a meetup" --met-on 2024-03
cnet add "Hannah Lindqvist" --company "Nordlys AB" --title "Sales Director"
cnet add "Raj Patel" --company "TalentBridge" --title "Technical Recruiter" --tag recruiter
cnet add "Peter Novak" --company "Danube Capital" --title "Analyst"

# -- people I know through others -------------------------------------------------------------
cnet add "Christine Chapel" --pronouns she/her --company "St. Brendan's Hospital" --title "Head Nurse"
cnet add "Olivia Grant" --pronouns she/her --company "Meridian Health Partners" --title "Chief Operating Officer"
cnet add "Sofia Marin" --company "Northwind Analytics" --title "Data Scientist"
cnet add "Kwame Mensah" --company "Accra Capital" --title "Partner"
cnet add "Lucia Romero" --company "Andes Robotics" --title "Founder"
cnet add "Ben Carter" --company "Carter Foundation" --title "Chair" --do-not-introduce \
  --how-met "Served on the hospital board together" --met-on 2020 --no-recruiters

# -- how I know them: connections with evidence ---------------------------------------------------
cnet connect leonard-okafor --as friend --detail "close friends ever since school" --since 2002
cnet connect leonard-okafor --as classmate --detail "Brookline High" --since 1998 --until 2002
cnet connect jim-castellano --as met-in-person --place "a sailing trip off the coast of Maine" --since 2019-08 \
  --conversation "how he rebuilt a failing clinic network around its nurses"
cnet connect priya-raman --as colleague --detail "built Northwind's data platform" --since 2016-03 --until 2020-06 --place Northwind
cnet connect marcus-bell --as client --detail "rebuilt Harbor's demand forecasting" --since 2021-02 --until 2022-01
cnet connect elena-sokolova --as business-partner --detail "co-founded Sokolova & Rivera Consulting" --since 2018-09
cnet connect tomas-herrera --as met-in-person --place "the evening MBA programme" --since 2014 \
  --conversation "whether Andean banks should lend to robotics start-ups"
cnet connect tomas-herrera --as classmate --detail "evening MBA programme" --since 2014 --until 2016
cnet connect aiko-tanaka --as met-in-person --place "Lisbon product summit" --since 2023-05-14 \
  --conversation "why warehouse robots fail at the loading dock"
cnet connect grace-obi --as family --detail "my sister-in-law"
cnet connect daniel-weiss --as friend --detail "neighbours for six years" --since 2012
cnet connect fatima-al-sayed --as client --detail "grid-analytics project" --since 2022-06 --until 2023-03
cnet connect chloe-dubois --as colleague --detail "Northwind engineering" --since 2017 --until 2020
cnet connect maya-cohen --as friend --since 2015
cnet connect 张伟 --as colleague --detail "co-authored a workshop paper on grasp planning" --since 2020-11
cnet connect ben-carter --as colleague --detail "the hospital board" --since 2020
# Met once, no memorable conversation: the default policy would refuse a connection, so it stays nominal.
cnet connect noah-fischer --source linkedin --connected-on 2024-03-20
# LinkedIn-only connections: nominal, not evidence of knowing anyone.
cnet connect hannah-lindqvist --source linkedin --connected-on 2021-04-02
cnet connect raj-patel --source linkedin --connected-on 2022-11-15
cnet connect peter-novak --source linkedin --connected-on 2019-01-20

# -- who knows whom -----------------------------------------------------------------------------------
cnet link leonard-okafor christine-chapel --how "work together on the internal medicine ward" --learnt "Leonard" --strength 80
cnet link jim-castellano olivia-grant --how "run Meridian together" --strength 90
cnet link priya-raman sofia-marin --how "Priya mentors her at Northwind" --strength 70
cnet link chloe-dubois sofia-marin --how "Sofia reports to Chloé" --strength 60
cnet link elena-sokolova kwame-mensah --how "co-invested in two funds" --strength 65
cnet link sofia-marin lucia-romero --how "classmates at Stanford" --strength 40
cnet link aiko-tanaka lucia-romero --how "robotics founders' circle" --strength 55
cnet link 张伟 aiko-tanaka --how "collaborated on a grasping benchmark" --strength 60
cnet link christine-chapel olivia-grant --how "both sit on the regional nursing council"
cnet link hannah-lindqvist peter-novak --how "worked together at Nordlys"
cnet link raj-patel olivia-grant --how "placed two Meridian hires"

# -- what we have done lately -------------------------------------------------------------------------
cnet log leonard-okafor "Dinner; he talked about burnout among residents" --kind in-person --on 2026-10-03 --memorable
cnet log leonard-okafor "Call about his next role" --kind call --on 2026-11-02
cnet log jim-castellano "Coffee in Boston; Meridian is growing fast" --kind in-person --on 2026-09-18 --memorable
cnet log jim-castellano "He mentioned the staff physician opening" --kind email --on 2026-11-10
cnet log priya-raman "Catch-up call" --kind call --on 2026-06-01
cnet log aiko-tanaka "Video call about pilot sites" --kind meeting --on 2026-02-11
cnet log elena-sokolova "Quarterly partners' review" --kind meeting --on 2026-10-20
cnet log marcus-bell "Holiday card" --kind message --on 2025-12-15
