"""Generate realistic networks for benchmarks and load them through cnet's own bulk paths.

Degrees follow a power law (Chung–Lu weights from a Pareto draw) and people cluster in
communities (most links stay inside one), as professional networks do.
"""

from __future__ import annotations

import bisect
import itertools
import random
from pathlib import Path

SIZES = {
    "small": (1_000, 10_000),
    "medium": (10_000, 100_000),
    "large": (100_000, 1_000_000),
    "huge": (300_000, 3_000_000),
    "10m": (1_000_000, 10_000_000),
}
FIRST = [
    "Ava",
    "Liam",
    "Maya",
    "Noah",
    "Priya",
    "Tomás",
    "Aiko",
    "Kwame",
    "Elena",
    "Wei",
    "Fatima",
    "Jonas",
    "Chloé",
    "Raj",
    "Grace",
    "Omar",
    "Lucia",
    "Ben",
    "Sofia",
    "Daniel",
    "Hannah",
    "Yusuf",
    "Mei",
    "Ivan",
]
LAST = [
    "Chen",
    "Okafor",
    "Raman",
    "Sokolova",
    "Herrera",
    "Tanaka",
    "Mensah",
    "Weiss",
    "Dubois",
    "Patel",
    "Novak",
    "Lindqvist",
    "Grant",
    "Marin",
    "Romero",
    "Carter",
    "Obi",
    "Cohen",
    "Bell",
    "Al-Sayed",
]
COMPANIES = [
    "Northwind",
    "Meridian Health",
    "Kumo Robotics",
    "Harbor Logistics",
    "Qamar Energy",
    "Lantern Labs",
    "Banco Andino",
    "Nordlys",
    "Accra Capital",
    "Studio Cohen",
    "St. Brendan's",
    "Danube Capital",
]
TITLES = ["Engineer", "Director", "Designer", "Analyst", "Founder", "Physician", "Partner", "Recruiter", "VP Product"]


def person_name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def generate_edges(people: int, links: int, *, seed: int = 42, inside: float = 0.85) -> list[tuple[int, int]]:
    """Return `links` distinct undirected edges among `people` nodes."""
    rnd = random.Random(seed)
    weights = [rnd.paretovariate(2.1) for _ in range(people)]
    # Communities: contiguous blocks of power-law sizes.
    bounds, start = [], 0
    while start < people:
        size = min(people - start, max(8, int(rnd.paretovariate(1.6) * 40)))
        bounds.append((start, start + size))
        start += size
    block_of = [0] * people
    for bi, (lo, hi) in enumerate(bounds):
        for n in range(lo, hi):
            block_of[n] = bi
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    edges: set[tuple[int, int]] = set()
    while len(edges) < links:
        batch = (links - len(edges)) * 2
        us = rnd.choices(range(people), cum_weights=cum, k=batch)
        for u in us:
            if rnd.random() < inside:
                lo, hi = bounds[block_of[u]]
                base = cum[lo - 1] if lo else 0.0
                r = base + rnd.random() * (cum[hi - 1] - base)
                v = min(bisect.bisect_left(cum, r, lo, hi), hi - 1)
            else:
                v = min(bisect.bisect_left(cum, rnd.random() * total), people - 1)
            if u != v:
                edges.add((u, v) if u < v else (v, u))
                if len(edges) >= links:
                    break
    return sorted(edges)


def write_links_file(path: Path, people: int, links: int, seed: int = 42) -> None:
    edges = generate_edges(people, links, seed=seed)
    with path.open("w", encoding="utf-8") as f:
        for u, v in edges:
            f.write(f"{person_name(u)}, {person_name(v)}\n")


MY_CONNECTIONS = {"small": 100, "medium": 1_500, "large": 30_000, "huge": 30_000, "10m": 30_000}


def write_connections_csv(path: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    """A LinkedIn-style Connections.csv (current format, with the Notes preamble)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(
            'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
            'missing."\n\n'
        )
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        w.writerows(rows)


def build(db: Path, people: int, links: int, *, my_connections: int, seed: int = 42) -> dict:
    """Create a database at `db` holding a generated network, through cnet's own bulk paths:
    bulk links for the graph, a LinkedIn import for my connections, evidence on 40% of them."""
    from curated_net.io.linkedin import import_linkedin
    from curated_net.network.bulk import bulk_link
    from curated_net.network.curation import refresh_curated_flags
    from curated_net.people.writes import init_me
    from curated_net.policy import load_gate
    from curated_net.store.database import Store

    rnd = random.Random(seed)
    links_file = db.with_suffix(".links.csv")
    write_links_file(links_file, people, links, seed)
    store = Store.open(db, create=True)
    with store.connect(write=True) as conn:
        init_me(conn, "Benchmark Owner")
    with store.connect(write=True, foreign_keys=False) as conn:
        summary = bulk_link(conn, links_file.read_text(encoding="utf-8"))
    # Company and title for everyone, as an address book would have them (and as the import matches them).
    with store.connect(write=True) as conn:
        conn.executemany(
            "UPDATE person SET company = ?, title = ? WHERE name_key = ?",
            ((COMPANIES[i % len(COMPANIES)], TITLES[i % len(TITLES)], person_name(i).lower()) for i in range(people)),
        )
    chosen = sorted(rnd.sample(range(people), min(my_connections, people)))
    rows = []
    for i in chosen:
        first, last = person_name(i).split(" ", 1)
        rows.append(
            (
                first,
                last,
                f"https://www.linkedin.com/in/p{i}",
                "",
                COMPANIES[i % len(COMPANIES)],
                TITLES[i % len(TITLES)],
                f"{1 + i % 28:02d} Jun 2021",
            )
        )
    csv_path = db.with_suffix(".connections.csv")
    write_connections_csv(csv_path, rows)
    with store.connect(write=True) as conn:
        import_linkedin(conn, csv_path)
        ids = [r[0] for r in conn.execute("SELECT person_id FROM connection ORDER BY person_id")]
        criteria = ["colleague", "client", "friend", "business-partner", "classmate", "family"]
        stamp = "2026-01-01T00:00:00+00:00"
        conn.executemany(
            "INSERT INTO evidence (person_id, criterion, detail, since, created_at) VALUES (?, ?, 'worked together', "
            "'2018', ?)",
            ((pid, criteria[k % len(criteria)], stamp) for k, pid in enumerate(ids) if k % 5 < 2),
        )
        conn.executemany(
            "INSERT INTO interaction (person_id, kind, on_date, note, created_at) VALUES (?, 'call', '2026-01-15', "
            "'Catch-up', ?)",
            ((pid, stamp) for k, pid in enumerate(ids) if k % 15 == 0),
        )
        refresh_curated_flags(conn, load_gate())
    store.close()
    return {"people": people, "links": summary.links_added, "my_connections": len(ids), "links_file": str(links_file)}
