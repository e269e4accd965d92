"""Every command's examples, in one place: shown at the end of its --help, and run by the test suite
(tests/test_help.py) against the example network (examples/network.sh), each command on a fresh copy.

`SETUP` holds what a command's examples need first (cnet commands run before them, not shown), `FILES`
the files they read, and `NOT_RUN` the few that need what a test machine has not (a team's server).
"""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "init": ('cnet init --name "Sam Rivera"', 'cnet init --name "Sam Rivera" --email sam@rivera.example'),
    "add": (
        'cnet add "Leonard Okafor Jr" --nickname Junior --company "St. Brendan\'s Hospital" --tag doctor',
        'cnet add "Ana Ruiz" --email ana@ruiz.example --how-met "a talk in Lisbon" --met-on 2023-05 --force',
    ),
    "show": ("cnet show bones", "cnet show jim@meridianhealth.example --explain", "cnet show priya-raman --json"),
    "list": (
        "cnet list --tag doctor",
        "cnet list --degree 2 --view nominal",
        "cnet list --sort last-contact --limit 5",
    ),
    "edit": (
        'cnet edit bones --title "Chief of Medicine" --tag mentor',
        'cnet edit me --email sam@rivera.example --employer "Northwind Analytics 2016-2020"',
        "cnet edit jim --birthday 1971-05-17 --remove-highlight 2",
    ),
    "rm": ("cnet rm peter-novak --yes",),
    "search": ('cnet search "best doctor"', "cnet search robots --limit 5"),
    "connect": (
        'cnet connect christine-chapel --as met-in-person --place "St. Brendan\'s" --conversation "night shifts"',
        'cnet connect priya --as classmate --detail "a data course" --since 2015',
    ),
    "disconnect": ("cnet disconnect raj-patel",),
    "evidence": ("cnet evidence bones", "cnet evidence bones --remove 2"),
    "link": (
        'cnet link bones jim --how "met at my birthday dinner" --strength 40',
        "cnet link --file pairs.csv",
    ),
    "unlink": ("cnet unlink hannah-lindqvist peter-novak",),
    "log": (
        'cnet log bones "Lunch at the hospital" --kind in-person --on 2026-11-20 --memorable',
        'cnet log aiko "Sent the pilot report" --kind email',
    ),
    "history": ("cnet history bones", "cnet history jim --json"),
    "degree": ("cnet degree christine-chapel", "cnet degree sofia-marin lucia-romero --view nominal"),
    "path": ("cnet path olivia-grant", "cnet path lucia-romero -k 3 --view nominal"),
    "network": ("cnet network", "cnet network --top 3 --json"),
    "map": ("cnet map --out map.html", "cnet map --format svg --depth 1 --out map.svg"),
    "intro": (
        'cnet intro bones jim --reason "Leonard wants to hear about Meridian\'s staff physician role"',
        'cnet intro priya chloe --reason "Chloé is hiring a data lead" --format markdown --out intro.md',
    ),
    "intro draft": ('cnet intro draft bones jim --reason "Leonard is curious about Meridian"',),
    "intro ask": ('cnet intro ask bones jim --reason "Leonard wants to hear about the staff physician role"',),
    "intro consent": ("cnet intro consent 1 yes", 'cnet intro consent 1 no --note "busy until spring"'),
    "intro outcome": ("cnet intro outcome 1 met",),
    "intro sent": (
        "cnet intro sent 1",
        'cnet intro sent bones jim --reason "Leonard wants to hear about the role" --on 2026-11-20',
    ),
    "intro list": ("cnet intro list", "cnet intro list --status asked"),
    "intro show": ("cnet intro show 1",),
    "intro pending": ("cnet intro pending",),
    "request": ('cnet request connect "Kim Ode" --via phone --note "met at the robotics meetup"',),
    "request connect": ('cnet request connect "Kim Ode" --via in-person --note "we spoke at the Lisbon summit"',),
    "request intro": ('cnet request intro raj-patel olivia-grant --via linkedin --reason "a COO role"',),
    "request list": ("cnet request list", "cnet request list --status open --json"),
    "request show": ("cnet request show 1",),
    "request accept": ('cnet request accept 1 --as met-in-person --conversation "robots" --place "Lisbon"',),
    "request decline": ("cnet request decline 1",),
    "endorse": ('cnet endorse priya-raman --skill "Technical writing"',),
    "recommend": (
        "cnet recommend priya-raman",
        'cnet recommend marcus-bell --text "Marcus asks the question that matters."',
    ),
    "recognition": ("cnet recognition", "cnet recognition priya-raman --json"),
    "decisions": ("cnet decisions", "cnet decisions --outcome refused --limit 5"),
    "audit": ("cnet audit", "cnet audit --json"),
    "policy": ("cnet policy show",),
    "policy path": ("cnet policy path",),
    "policy init": ("cnet policy init",),
    "policy show": ("cnet policy show", "cnet policy show --kinds"),
    "policy check": ("cnet policy check",),
    "policy edit": ("cnet policy edit",),
    "check": ('cnet check intro bones jim --reason "Leonard wants to hear about Meridian"',),
    "check connect": ("cnet check connect jim-castellano", "cnet check connect hannah-lindqvist --as colleague"),
    "check accept": ("cnet check accept priya-raman --via phone",),
    "check intro": ('cnet check intro bones jim --reason "Leonard wants to hear about Meridian"',),
    "check endorse": ("cnet check endorse priya-raman", "cnet check endorse marcus-bell --explain"),
    "check recommend": ("cnet check recommend priya-raman",),
    "template": ("cnet template list",),
    "template list": ("cnet template list",),
    "template show": ("cnet template show intro",),
    "template edit": ("cnet template edit intro",),
    "template reset": ("cnet template reset intro",),
    "import": ("cnet import linkedin Connections.csv",),
    "import linkedin": (
        "cnet import linkedin Connections.csv",
        "cnet import linkedin linkedin-export/ --json",
    ),
    "import vcard": ("cnet import vcard contacts.vcf", "cnet import vcard contacts.vcf --strict --json"),
    "import json": ("cnet --db restored.db import json backup.json",),
    "import csv": ("cnet import csv people.csv", 'cnet import csv people.csv --map "Full name=name"'),
    "import mail": ("cnet import mail mail.mbox --dry-run", "cnet import mail mail.mbox --since 2024 --no-subjects"),
    "import calendar": ("cnet import calendar calendar.ics", "cnet import calendar calendar.ics --since 2024"),
    "export": ("cnet export json --out backup.json",),
    "export vcard": ("cnet export vcard --out contacts.vcf", "cnet export vcard --tag doctor --version 4.0"),
    "export json": ("cnet export json --out backup.json",),
    "export csv": ("cnet export csv --out people.csv",),
    "export graph": ("cnet export graph --format graphml --out network.graphml", "cnet export graph --format dot"),
    "dupes": ("cnet dupes", "cnet dupes --json"),
    "merge": ("cnet merge peter-novak hannah-lindqvist --yes --prefer keep",),
    "suggest": ("cnet suggest",),
    "suggest list": ("cnet suggest list people",),
    "suggest accept": ("cnet suggest accept people:cy@initech.example",),
    "suggest dismiss": ("cnet suggest dismiss people:cy@initech.example",),
    "archive": ("cnet archive status",),
    "archive status": ("cnet archive status", "cnet archive status --json"),
    "archive forget": ("cnet archive forget --before 2024-01-02 --yes", "cnet archive forget cy@initech.example --yes"),
    "keep-in-touch": (
        "cnet keep-in-touch bones --every 30d --at-most 45d",
        "cnet keep-in-touch --tag client --every 3m",
        "cnet keep-in-touch jim --off",
    ),
    "due": ("cnet due", "cnet due --within 14d", "cnet due --ics due.ics"),
    "prune": ("cnet prune list",),
    "prune mark": ("cnet prune mark raj-patel", "cnet prune mark --never-contacted --connected-before 2022 --yes"),
    "prune unmark": ("cnet prune unmark raj-patel", "cnet prune unmark --never-contacted --yes"),
    "prune undo": ("cnet prune undo",),
    "prune list": ("cnet prune list",),
    "review": ("cnet review --list", "cnet review --list --company Nordlys --score-below 50"),
    "db": ("cnet db status",),
    "db path": ("cnet db path",),
    "db status": ("cnet db status", "cnet db status --json"),
    "db backup": ("cnet db backup backup.db",),
    "db check": ("cnet db check",),
    "db reindex": ("cnet db reindex",),
    "team": ("cnet team status",),
    "team init": (
        "cnet team init postgresql://owner@db.rivera.example/rivera --member sam --member ann --out rivera-kit",
        "cnet team init postgresql://owner@db.rivera.example/rivera --member raj --out raj-kit",
    ),
    "team join": (
        "cnet team join postgresql://rivera_sam@db.rivera.example/rivera --as sam --key team.key --dry-run",
        "cnet team join postgresql://rivera_sam@db.rivera.example/rivera --as sam --key team.key",
    ),
    "team status": ("cnet team status",),
    "team publish": ("cnet team publish --dry-run", "cnet team publish --team-private-tag family"),
    "team sync": ("cnet team sync",),
    "team who-knows": ('cnet team who-knows "Olivia Grant"', "cnet team who-knows --company Nordlys"),
    "team path": ("cnet team path olivia-grant", "cnet team path olivia-grant --offline"),
    "team ask": ('cnet team ask ann --to "Olivia Grant" --reason "Priya wants to hear about the COO role"',),
    "team leave": ("cnet team leave", "cnet team leave --local-only --yes"),
}

# What a command's examples need first (run before them, not shown).
SETUP: dict[str, tuple[str, ...]] = {
    "intro consent": ('cnet intro ask bones jim --reason "Leonard wants to hear about the role"',),
    "intro outcome": (
        'cnet intro ask bones jim --reason "Leonard wants to hear about the role"',
        "cnet intro consent 1 yes",
        'cnet intro bones jim --reason "Leonard wants to hear about the role"',
        "cnet intro sent 1",
    ),
    "intro show": ('cnet intro ask bones jim --reason "Leonard wants to hear about the role"',),
    "intro sent": (
        'cnet intro ask bones jim --reason "Leonard wants to hear about the role"',
        "cnet intro consent 1 yes",
    ),
    "request show": ('cnet request connect "Kim Ode" --via phone --note "the robotics meetup"',),
    "request accept": ('cnet request connect "Kim Ode" --via in-person --note "the Lisbon summit"',),
    "request decline": ('cnet request connect "Kim Ode" --via linkedin --note "wants to connect"',),
    "import json": ("cnet export json --out backup.json",),
    "suggest accept": ("cnet edit me --email sam@rivera.example", "cnet import mail mail.mbox"),
    "suggest dismiss": ("cnet edit me --email sam@rivera.example", "cnet import mail mail.mbox"),
    "archive forget": ("cnet edit me --email sam@rivera.example", "cnet import mail mail.mbox"),
    "import mail": ("cnet edit me --email sam@rivera.example",),
    "import calendar": ("cnet edit me --email sam@rivera.example",),
    "prune unmark": ("cnet prune mark raj-patel hannah-lindqvist",),
    "prune undo": ("cnet prune mark --never-contacted --connected-before 2022 --yes",),
}

# Commands whose examples need something a test machine lacks: shown, not run.
NOT_RUN = {name: "needs a team's PostgreSQL store" for name in EXAMPLES if name.split()[0] == "team"}


def epilog(name: str) -> str | None:
    """The examples section a command's --help ends with."""
    lines = EXAMPLES.get(name)
    if not lines:
        return None
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
