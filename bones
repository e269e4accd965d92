{
  "format": "cnet-export",
  "version": 2,
  "people": [
    {
      "handle": "aiko-tanaka",
      "name": "Aiko Tanaka",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [
        "aiko@kumo.example"
      ],
      "phones": [],
      "company": "Kumo Robotics",
      "title": "VP Product",
      "location": "Osaka",
      "linkedin": null,
      "tags": [
        "robotics"
      ],
      "how_met": "Sat next to her at the Lisbon product summit and talked warehouse robots until midnight",
      "met_on": "2023-05-14",
      "highlights": [
        "knows more about warehouse automation than anyone I have met"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "ben-carter",
      "name": "Ben Carter",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Carter Foundation",
      "title": "Chair",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": "Served on the hospital board together",
      "met_on": "2020",
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": true,
        "no_recruiters": true
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "chloe-dubois",
      "name": "Chloé Dubois",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [
        "chloe@northwind.example"
      ],
      "phones": [],
      "company": "Northwind Analytics",
      "title": "Engineering Manager",
      "location": null,
      "linkedin": null,
      "tags": [
        "engineering",
        "northwind"
      ],
      "how_met": "Colleagues at Northwind",
      "met_on": "2017",
      "highlights": [
        "grows junior engineers into leads"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "christine-chapel",
      "name": "Christine Chapel",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [],
      "phones": [],
      "company": "St. Brendan's Hospital",
      "title": "Head Nurse",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "daniel-weiss",
      "name": "Daniel Weiss",
      "nickname": null,
      "pronouns": "he/him",
      "emails": [],
      "phones": [],
      "company": null,
      "title": "Freelance Photographer",
      "location": null,
      "linkedin": null,
      "tags": [
        "friend"
      ],
      "how_met": "We were neighbours for six years in Somerville",
      "met_on": "2012",
      "highlights": [
        "the friend who shows up with tools before you ask"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "elena-sokolova",
      "name": "Elena Sokolova",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [
        "elena@sokolova-rivera.example"
      ],
      "phones": [],
      "company": "Sokolova & Rivera Consulting",
      "title": "Managing Partner",
      "location": null,
      "linkedin": null,
      "tags": [
        "partner"
      ],
      "how_met": "We co-founded a consultancy",
      "met_on": "2018-09",
      "highlights": [
        "can read a contract faster than I can read a menu"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "fatima-al-sayed",
      "name": "Fatima Al-Sayed",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [
        "f.alsayed@qamar.example"
      ],
      "phones": [],
      "company": "Qamar Energy",
      "title": "Director of Operations",
      "location": null,
      "linkedin": null,
      "tags": [
        "client"
      ],
      "how_met": "Client for the grid-analytics project",
      "met_on": "2022-06",
      "highlights": [
        "runs the calmest war room I have ever seen"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "grace-obi",
      "name": "Grace Obi",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [],
      "phones": [],
      "company": "Lagos Design Week",
      "title": "Festival Director",
      "location": null,
      "linkedin": null,
      "tags": [
        "family"
      ],
      "how_met": "She married my brother",
      "met_on": "2010",
      "highlights": [
        "has never missed a deadline, or a birthday"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "hannah-lindqvist",
      "name": "Hannah Lindqvist",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Nordlys AB",
      "title": "Sales Director",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "jim-castellano",
      "name": "Jim Castellano",
      "nickname": null,
      "pronouns": "he/him",
      "emails": [
        "jim@meridianhealth.example"
      ],
      "phones": [],
      "company": "Meridian Health Partners",
      "title": "Chief Executive Officer",
      "location": "Boston",
      "linkedin": null,
      "tags": [
        "healthcare",
        "leader"
      ],
      "how_met": "We met on a sailing trip off the coast of Maine and have stayed in touch ever since",
      "met_on": "2019-08",
      "highlights": [
        "an exceptional leader and a cunning strategist",
        "never turns down a good adventure"
      ],
      "notes": "Meridian is hiring a staff physician (posting seen November 2026).",
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "kwame-mensah",
      "name": "Kwame Mensah",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Accra Capital",
      "title": "Partner",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "leonard-okafor",
      "name": "Leonard Okafor",
      "nickname": "Bones",
      "pronouns": "he/him",
      "emails": [
        "leonard.okafor@stbrendans.example"
      ],
      "phones": [
        "+1 410 555 0142"
      ],
      "company": "St. Brendan's Hospital",
      "title": "Attending Physician, Internal Medicine",
      "location": "Baltimore",
      "linkedin": "https://www.linkedin.com/in/leonard-okafor-md",
      "tags": [
        "doctor",
        "school"
      ],
      "how_met": "We went to school together at Brookline High and have stayed good friends since",
      "met_on": "1998",
      "highlights": [
        "one of the best doctors I know",
        "so focused on his patients that he forgets to eat lunch"
      ],
      "notes": "Reminds everyone, often, that he is a doctor and not an engineer.",
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "lucia-romero",
      "name": "Lucia Romero",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Andes Robotics",
      "title": "Founder",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "marcus-bell",
      "name": "Marcus Bell",
      "nickname": null,
      "pronouns": "he/him",
      "emails": [
        "mbell@harborfreight.example"
      ],
      "phones": [],
      "company": "Harbor Freight Logistics",
      "title": "CFO",
      "location": null,
      "linkedin": null,
      "tags": [
        "client",
        "finance"
      ],
      "how_met": "He hired my team to rebuild Harbor's forecasting",
      "met_on": "2021-02",
      "highlights": [
        "asks the one question that matters in every meeting"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "maya-cohen",
      "name": "Maya Cohen",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [],
      "phones": [],
      "company": "Studio Cohen",
      "title": "Designer",
      "location": null,
      "linkedin": null,
      "tags": [
        "friend"
      ],
      "how_met": "We met at a friend's wedding",
      "met_on": "2015",
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "me",
      "name": "Sam Rivera",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": null,
      "title": null,
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "noah-fischer",
      "name": "Noah Fischer",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Brightline Ventures",
      "title": "Associate",
      "location": null,
      "linkedin": null,
      "tags": [
        "vc"
      ],
      "how_met": "Swapped cards at a meetup",
      "met_on": "2024-03",
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "olivia-grant",
      "name": "Olivia Grant",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [],
      "phones": [],
      "company": "Meridian Health Partners",
      "title": "Chief Operating Officer",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "peter-novak",
      "name": "Peter Novak",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Danube Capital",
      "title": "Analyst",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "priya-raman",
      "name": "Priya Raman",
      "nickname": null,
      "pronouns": "she/her",
      "emails": [
        "priya@northwind.example"
      ],
      "phones": [],
      "company": "Northwind Analytics",
      "title": "Principal Engineer",
      "location": null,
      "linkedin": null,
      "tags": [
        "engineering",
        "northwind"
      ],
      "how_met": "We built Northwind's data platform together",
      "met_on": "2016-03",
      "highlights": [
        "the clearest technical writer I have worked with"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "raj-patel",
      "name": "Raj Patel",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "TalentBridge",
      "title": "Technical Recruiter",
      "location": null,
      "linkedin": null,
      "tags": [
        "recruiter"
      ],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "sofia-marin",
      "name": "Sofia Marin",
      "nickname": null,
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Northwind Analytics",
      "title": "Data Scientist",
      "location": null,
      "linkedin": null,
      "tags": [],
      "how_met": null,
      "met_on": null,
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "tomas-herrera",
      "name": "Tomás Herrera",
      "nickname": null,
      "pronouns": "he/him",
      "emails": [
        "tomas.herrera@bancoandino.example"
      ],
      "phones": [],
      "company": "Banco Andino",
      "title": "Head of Strategy",
      "location": null,
      "linkedin": null,
      "tags": [
        "mba"
      ],
      "how_met": "Classmates in the evening MBA programme",
      "met_on": "2014",
      "highlights": [
        "the person everyone wanted in their study group"
      ],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "handle": "张伟",
      "name": "张伟",
      "nickname": "Wei",
      "pronouns": null,
      "emails": [],
      "phones": [],
      "company": "Lantern Labs",
      "title": "Research Scientist",
      "location": null,
      "linkedin": null,
      "tags": [
        "robotics"
      ],
      "how_met": "We co-authored a workshop paper on grasp planning",
      "met_on": "2020-11",
      "highlights": [],
      "notes": null,
      "flags": {
        "do_not_introduce": false,
        "no_recruiters": false
      },
      "is_me": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00"
    }
  ],
  "connections": [
    {
      "person": "aiko-tanaka",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "met-in-person",
          "detail": null,
          "since": "2023-05-14",
          "until": null,
          "place": "Lisbon product summit",
          "conversation": "why warehouse robots fail at the loading dock",
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "ben-carter",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "colleague",
          "detail": "the hospital board",
          "since": "2020",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "chloe-dubois",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "colleague",
          "detail": "Northwind engineering",
          "since": "2017",
          "until": "2020",
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "daniel-weiss",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "friend",
          "detail": "neighbours for six years",
          "since": "2012",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "elena-sokolova",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "business-partner",
          "detail": "co-founded Sokolova & Rivera Consulting",
          "since": "2018-09",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "fatima-al-sayed",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "client",
          "detail": "grid-analytics project",
          "since": "2022-06",
          "until": "2023-03",
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "grace-obi",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "family",
          "detail": "my sister-in-law",
          "since": null,
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "hannah-lindqvist",
      "nominal_source": "linkedin",
      "nominal_on": "2021-04-02",
      "curated": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": []
    },
    {
      "person": "jim-castellano",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "met-in-person",
          "detail": null,
          "since": "2019-08",
          "until": null,
          "place": "a sailing trip off the coast of Maine",
          "conversation": "how he rebuilt a failing clinic network around its nurses",
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "leonard-okafor",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "friend",
          "detail": "close friends ever since school",
          "since": "2002",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        },
        {
          "criterion": "classmate",
          "detail": "Brookline High",
          "since": "1998",
          "until": "2002",
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "marcus-bell",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "client",
          "detail": "rebuilt Harbor's demand forecasting",
          "since": "2021-02",
          "until": "2022-01",
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "maya-cohen",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "friend",
          "detail": null,
          "since": "2015",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "noah-fischer",
      "nominal_source": "linkedin",
      "nominal_on": "2024-03-20",
      "curated": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": []
    },
    {
      "person": "peter-novak",
      "nominal_source": "linkedin",
      "nominal_on": "2019-01-20",
      "curated": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": []
    },
    {
      "person": "priya-raman",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "colleague",
          "detail": "built Northwind's data platform",
          "since": "2016-03",
          "until": "2020-06",
          "place": "Northwind",
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "raj-patel",
      "nominal_source": "linkedin",
      "nominal_on": "2022-11-15",
      "curated": false,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": []
    },
    {
      "person": "tomas-herrera",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "met-in-person",
          "detail": null,
          "since": "2014",
          "until": null,
          "place": "the evening MBA programme",
          "conversation": "whether Andean banks should lend to robotics start-ups",
          "created_at": "2026-12-01T23:03:24+00:00"
        },
        {
          "criterion": "classmate",
          "detail": "evening MBA programme",
          "since": "2014",
          "until": "2016",
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    },
    {
      "person": "张伟",
      "nominal_source": null,
      "nominal_on": null,
      "curated": true,
      "created_at": "2026-12-01T23:03:24+00:00",
      "updated_at": "2026-12-01T23:03:24+00:00",
      "evidence": [
        {
          "criterion": "colleague",
          "detail": "co-authored a workshop paper on grasp planning",
          "since": "2020-11",
          "until": null,
          "place": null,
          "conversation": null,
          "created_at": "2026-12-01T23:03:24+00:00"
        }
      ]
    }
  ],
  "links": [
    {
      "a": "aiko-tanaka",
      "b": "lucia-romero",
      "how": "robotics founders' circle",
      "learnt": null,
      "strength": 55,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "aiko-tanaka",
      "b": "张伟",
      "how": "collaborated on a grasping benchmark",
      "learnt": null,
      "strength": 60,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "chloe-dubois",
      "b": "sofia-marin",
      "how": "Sofia reports to Chloé",
      "learnt": null,
      "strength": 60,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "christine-chapel",
      "b": "leonard-okafor",
      "how": "work together on the internal medicine ward",
      "learnt": "Leonard",
      "strength": 80,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "christine-chapel",
      "b": "olivia-grant",
      "how": "both sit on the regional nursing council",
      "learnt": null,
      "strength": null,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "elena-sokolova",
      "b": "kwame-mensah",
      "how": "co-invested in two funds",
      "learnt": null,
      "strength": 65,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "hannah-lindqvist",
      "b": "peter-novak",
      "how": "worked together at Nordlys",
      "learnt": null,
      "strength": null,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "jim-castellano",
      "b": "olivia-grant",
      "how": "run Meridian together",
      "learnt": null,
      "strength": 90,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "lucia-romero",
      "b": "sofia-marin",
      "how": "classmates at Stanford",
      "learnt": null,
      "strength": 40,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "olivia-grant",
      "b": "raj-patel",
      "how": "placed two Meridian hires",
      "learnt": null,
      "strength": null,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "a": "priya-raman",
      "b": "sofia-marin",
      "how": "Priya mentors her at Northwind",
      "learnt": null,
      "strength": 70,
      "created_at": "2026-12-01T23:03:24+00:00"
    }
  ],
  "interactions": [
    {
      "person": "aiko-tanaka",
      "kind": "meeting",
      "on": "2026-02-11",
      "note": "Video call about pilot sites",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "elena-sokolova",
      "kind": "meeting",
      "on": "2026-10-20",
      "note": "Quarterly partners' review",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "jim-castellano",
      "kind": "in-person",
      "on": "2026-09-18",
      "note": "Coffee in Boston; Meridian is growing fast",
      "memorable": true,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "jim-castellano",
      "kind": "email",
      "on": "2026-11-10",
      "note": "He mentioned the staff physician opening",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "leonard-okafor",
      "kind": "in-person",
      "on": "2026-10-03",
      "note": "Dinner; he talked about burnout among residents",
      "memorable": true,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "leonard-okafor",
      "kind": "call",
      "on": "2026-11-02",
      "note": "Call about his next role",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "marcus-bell",
      "kind": "message",
      "on": "2025-12-15",
      "note": "Holiday card",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    },
    {
      "person": "priya-raman",
      "kind": "call",
      "on": "2026-06-01",
      "note": "Catch-up call",
      "memorable": false,
      "created_at": "2026-12-01T23:03:24+00:00"
    }
  ],
  "recognition": [],
  "requests": [],
  "introductions": [],
  "provenance": [],
  "card_properties": [],
  "retired_handles": [],
  "decisions": [
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "leonard-okafor"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Leonard Okafor: friend"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "leonard-okafor"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Leonard Okafor: friend"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "jim-castellano"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Jim Castellano: met-in-person"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "priya-raman"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Priya Raman: colleague"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "marcus-bell"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Marcus Bell: client"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "elena-sokolova"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Elena Sokolova: business-partner"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "tomas-herrera"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Tomás Herrera: met-in-person"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "tomas-herrera"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Tomás Herrera: met-in-person"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "aiko-tanaka"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Aiko Tanaka: met-in-person"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "grace-obi"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Grace Obi: family"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "daniel-weiss"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Daniel Weiss: friend"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "fatima-al-sayed"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Fatima Al-Sayed: client"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "chloe-dubois"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Chloé Dubois: colleague"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "maya-cohen"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Maya Cohen: friend"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "张伟"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "张伟: colleague"
        }
      ]
    },
    {
      "at": "2026-12-01T23:03:24+00:00",
      "action": "connect",
      "outcome": "allowed",
      "subjects": [
        "ben-carter"
      ],
      "policy": "e98dbc1d8914d27f",
      "override_reason": null,
      "rules": [
        {
          "id": "really-know",
          "effect": "deny",
          "passed": true,
          "message": "Ben Carter: colleague"
        }
      ]
    }
  ],
  "policy": null
}
