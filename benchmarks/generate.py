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


def build(db: Path, people: int, links: int, *, my_connections: int | None = None, seed: int = 42) -> dict:
    """Create a database at `db` holding a generated network, through cnet's library API."""
    from curated_net.bulk import bulk_link, split_link_lines
    from curated_net.people import init_me
    from curated_net.relationships import EvidenceInput, connect, log_interaction
    from curated_net.store.database import Store
    from curated_net.store.models import Person

    rnd = random.Random(seed)
    links_file = db.with_suffix(".links.csv")
    write_links_file(links_file, people, links, seed)
    store = Store.open(db, create=True)
    with store.write() as s:
        init_me(s, "Benchmark Owner")
    with store.connect(write=True, foreign_keys=False) as conn:
        summary = bulk_link(conn, split_link_lines(links_file.read_text(encoding="utf-8")))
    # Companies and titles for search; my connections: 1.5% of people (at most 30k), 40% with evidence.
    n_mine = my_connections if my_connections is not None else min(30_000, max(50, people * 15 // 1000))
    with store.write() as s:
        conn = Store.dbapi(s)
        conn.executemany(
            "UPDATE person SET company = ?, title = ? WHERE id = ?",
            (
                (COMPANIES[i % len(COMPANIES)], TITLES[i % len(TITLES)], pid)
                for i, (pid,) in enumerate(conn.execute("SELECT id FROM person WHERE is_me = 0").fetchall())
            ),
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM person WHERE is_me = 0 ORDER BY id")]
        chosen = rnd.sample(ids, min(n_mine, len(ids)))
        criteria = ["colleague", "client", "friend", "business-partner", "classmate", "family"]
        for i, pid in enumerate(chosen):
            person = s.get(Person, pid)
            if i % 5 < 2:
                connect(s, person, [EvidenceInput(criteria[i % len(criteria)], detail="worked together", since="2018")])
                if i % 3 == 0:
                    log_interaction(s, person, "Catch-up", kind="call", on="2026-01-15")
            else:
                connect(s, person, [], nominal_source="linkedin", nominal_on="2021-06-01")
    store.close()
    return {
        "people": people,
        "links": summary.links_added,
        "my_connections": len(chosen),
        "links_file": str(links_file),
    }
