"""Benchmark a team: 50 members x 30,000 connections (1.5M published ties) on a real PostgreSQL server.

    python benchmarks/team.py [--members 50] [--connections 30000] [--runs 5] [--json FILE]

A private server is started for the run (tests/pgserver.py: Debian's PostgreSQL, loopback only, removed at the
end). One member is a real cnet database (a LinkedIn import of its connections, evidence on 40%, links between
people) that joins and publishes through `cnet team`; the other members' projections are loaded by the owner with
COPY, in the same shape and drawn from the same population (so popular people are known by many members).
Every cnet figure is a median of whole `cnet` processes, beside a bare `psql` process reading or writing the same
rows in the same run, and reported as the ratio of the two; `who-knows` also gives its query's execution time on
the server (EXPLAIN ANALYZE, as the member, row-level security on).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import generate  # noqa: E402

import pgserver  # noqa: E402

POPULATION = 300_000
POPULAR = 20_000  # people many members know


def cnet(env: dict, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    exe = Path(sys.executable).parent / "cnet"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "curated_net"]
    start = time.perf_counter()
    done = subprocess.run([*cmd, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"cnet {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, done


def psql(server, env: dict, url: str, *commands: str) -> float:
    argv = [str(server.bindir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]
    for c in commands:
        argv += ["-c", c]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"psql failed: {done.stderr[-2000:]}")
    return wall


def sample(rnd: random.Random, n: int) -> list[int]:
    """A member's connections: a third among the popular people, the rest anyone."""
    popular = rnd.sample(range(POPULAR), n // 3)
    rest = rnd.sample(range(POPULAR, POPULATION), n - len(popular))
    return popular + rest


def email(i: int) -> str:
    return f"p{i}@mail{i % 97}.example"


def build_member(db: Path, ids: list[int], rnd: random.Random) -> None:
    """A real cnet database: my connections from a LinkedIn export, evidence on 40%, e-mails, some interactions,
    and links between people (for team path)."""
    from curated_net.io.linkedin import import_linkedin
    from curated_net.network.bulk import bulk_link
    from curated_net.people.writes import init_me
    from curated_net.store.database import Store

    store = Store.open(db, create=True)
    with store.connect(write=True) as conn:
        init_me(conn, "Benchmark Member")
    rows = []
    for i in ids:
        first, last = generate.person_name(i).split(" ", 1)
        company, title = generate.COMPANIES[i % len(generate.COMPANIES)], generate.TITLES[i % len(generate.TITLES)]
        rows.append((first, last, f"https://www.linkedin.com/in/p{i}", email(i), company, title, "01 Jun 2021"))
    csv_path = db.with_suffix(".connections.csv")
    generate.write_connections_csv(csv_path, rows)
    with store.connect(write=True, foreign_keys=False) as conn:
        import_linkedin(conn, csv_path)
    stamp = "2026-01-01T00:00:00+00:00"
    with store.connect(write=True) as conn:
        pids = [r[0] for r in conn.execute("SELECT person_id FROM connection ORDER BY person_id")]
        criteria = ["colleague", "client", "friend", "business-partner", "met-in-person", "family"]
        conn.executemany(
            "INSERT INTO evidence (person_id, criterion, detail, since, created_at) VALUES (?, ?, 'private detail', "
            "'2018', ?)",
            ((pid, criteria[k % len(criteria)], stamp) for k, pid in enumerate(pids) if k % 5 < 2),
        )
        conn.executemany(
            "INSERT INTO interaction (person_id, kind, on_date, note, created_at) VALUES (?, 'call', ?, 'private', ?)",
            ((pid, f"2025-{1 + k % 12:02d}-15", stamp) for k, pid in enumerate(pids) if k % 7 == 0),
        )
    # Links: who knows whom among the people I know and others (the routes `team path` extends).
    pairs = []
    for _ in range(len(ids) * 2):
        a = rnd.choice(ids)
        b = rnd.randrange(POPULATION)
        pairs.append(f"{generate.person_name(a)},{generate.person_name(b)}")
    with store.connect(write=True, foreign_keys=False) as conn:
        bulk_link(conn, "\n".join(pairs) + "\n")


def load_others(server, db: str, key, members: list[str], n: int, seed: int) -> None:
    """Every other member's projection, loaded by the owner with COPY (the shape `cnet team publish` writes)."""
    from curated_net import text as tx

    classes = ("worked-with", "family-or-friend", "met-in-person", "nominal")
    with server.admin(db) as conn:
        for m, handle in enumerate(members):
            rnd = random.Random(seed + m)
            with conn.cursor().copy(
                "COPY cnet_team.tie (member, ref, name, name_key, company, company_key, title, linkedin, "
                "linkedin_key, evidence, band, last_contact, email_keys, digest, pub) FROM STDIN"
            ) as copy:
                for i in sample(rnd, n):
                    name = generate.person_name(i)
                    company = generate.COMPANIES[i % len(generate.COMPANIES)]
                    url = f"https://www.linkedin.com/in/p{i}"
                    copy.write_row(
                        (
                            handle,
                            f"{rnd.getrandbits(128):032x}",
                            name,
                            tx.name_fold(name),
                            company,
                            tx.name_fold(company),
                            generate.TITLES[i % len(generate.TITLES)],
                            url,
                            url,
                            classes[rnd.randrange(4)],
                            rnd.randrange(4),
                            f"202{rnd.randrange(6)}-{1 + rnd.randrange(12):02d}",
                            [key.email(email(i))],
                            f"{rnd.getrandbits(128):032x}",
                            1,
                        )
                    )
            conn.execute(
                "UPDATE cnet_team.member SET name = %s, joined_at = now(), published_at = now(), pub = 1, ties = %s "
                "WHERE handle = %s",
                (f"Member {handle}", n, handle),
            )
        conn.execute("ANALYZE cnet_team.tie")


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--members", type=int, default=50)
    ap.add_argument("--connections", type=int, default=30_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, help="write the results here")
    args = ap.parse_args()
    rnd = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="cnet-team-bench-"))
    server = pgserver.start()
    try:
        results = run(server, work, args, rnd)
    finally:
        server.stop()
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


def run(server, work: Path, args, rnd: random.Random) -> dict:
    from curated_net.team.keys import read_key

    t0 = time.perf_counter()
    db = "team_bench"
    with server.admin() as conn:
        conn.execute(f"CREATE DATABASE {db}")
    handles = [f"m{k:02d}" for k in range(args.members)]
    owner_env = {**os.environ, "PGPASSFILE": str(server.pgpass), "CNET_DB": str(work / "owner.db")}
    kit = work / "kit"
    cnet(owner_env, "team", "init", server.url(db), "--out", str(kit), *[x for h in handles for x in ("--member", h)])
    key = read_key(kit / "team.key")
    me = handles[0]
    member_db = work / "member" / "cnet.db"
    member_db.parent.mkdir(mode=0o700)
    ids = sample(rnd, args.connections)
    build_member(member_db, ids, rnd)
    env = {
        **os.environ,
        "PGPASSFILE": str(kit / f"{me}.pgpass"),
        "CNET_DB": str(member_db),
        "CNET_POLICY": str(work / "policy.toml"),
    }
    url = server.url(db, f"{db}_{me}")
    cnet(env, "team", "join", url, "--as", me, "--key", str(kit / "team.key"))
    load_others(server, db, key, handles[1:], args.connections, seed=11)
    setup = time.perf_counter() - t0
    print(f"set up in {setup:.0f} s", file=sys.stderr)

    out: dict = {
        "members": args.members,
        "connections_each": args.connections,
        "published_ties": args.members * args.connections,
        "runs": args.runs,
        "setup_s": round(setup, 1),
    }
    scratch = work / "mine.tsv"

    # First publish: all 30,000 ties of one member, against psql copying the same rows into a table like it.
    firsts, floors = [], []
    for _ in range(args.runs):
        with server.admin(db) as conn:
            conn.execute("DELETE FROM cnet_team.tie WHERE member = %s", (me,))
            conn.execute("UPDATE cnet_team.member SET published_at = NULL WHERE handle = %s", (me,))
        wall, done = cnet(env, "team", "publish", "--json")
        assert json.loads(done.stdout)["added"] > 0
        firsts.append(wall)
        with server.admin(db) as conn:
            conn.execute("DROP TABLE IF EXISTS public.copy_floor")
            conn.execute("CREATE TABLE public.copy_floor (LIKE cnet_team.tie INCLUDING ALL)")
            with (
                open(scratch, "wb") as f,
                conn.cursor().copy("COPY (SELECT * FROM cnet_team.tie WHERE member = %s) TO STDOUT", (me,)) as copy,
            ):
                for block in copy:
                    f.write(block)
        floors.append(
            psql(
                server,
                {**os.environ, "PGPASSFILE": str(server.pgpass)},
                server.url(db),
                f"\\copy public.copy_floor FROM '{scratch}'",
            )
        )
    out["publish_first"] = _figure(firsts, floors, "a psql \\copy of the same rows into a table with the same indexes")

    # Incremental publish: ten people changed.
    incs, floors = [], []
    member_pg = {**os.environ, "PGPASSFILE": str(kit / f"{me}.pgpass")}
    for run_no in range(args.runs):
        import sqlite3

        with sqlite3.connect(member_db) as conn:
            conn.execute(
                "UPDATE person SET title = ? WHERE id IN (SELECT person_id FROM connection ORDER BY person_id "
                "LIMIT 10 OFFSET ?)",
                (f"Title {run_no}", run_no * 10),
            )
        wall, done = cnet(env, "team", "publish", "--json")
        assert json.loads(done.stdout)["changed"] == 10, done.stdout
        incs.append(wall)
        floors.append(psql(server, member_pg, url, f"SELECT ref, digest FROM cnet_team.tie WHERE member = '{me}'"))
    out["publish_incremental"] = _figure(
        incs, floors, "psql reading the member's (ref, digest) rows the publish compares"
    )

    # who-knows a popular person I know: many members know them too.
    target = next(i for i in ids if i < POPULAR)
    name = generate.person_name(target)
    from curated_net import text as tx

    where = (
        f"t.linkedin_key = ANY(ARRAY['https://www.linkedin.com/in/p{target}']) OR t.email_keys && "
        f"ARRAY['{key.email(email(target))}']::text[] OR t.name_key = ANY(ARRAY['{tx.name_fold(name)}'])"
    )
    query = (
        "SELECT t.member, m.name, t.name, t.company, t.title, t.linkedin, t.linkedin_key, t.name_key, t.company_key, "
        "t.evidence, t.band, t.last_contact, t.email_keys, t.ref FROM cnet_team.tie t JOIN cnet_team.member m "
        f"ON m.handle = t.member WHERE ({where}) LIMIT 5000"
    )
    walls, floors = [], []
    found = 0
    for _ in range(args.runs):
        wall, done = cnet(env, "team", "who-knows", name, "--json")
        found = len(json.loads(done.stdout)["knows"])
        walls.append(wall)
        floors.append(psql(server, member_pg, url, query))
    import psycopg

    password = (kit / f"{me}.pgpass").read_text().strip().rsplit(":", 1)[1]
    with psycopg.connect(url, password=password) as conn:
        plans = [
            conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query).fetchone()[0][0]["Execution Time"]
            for _ in range(args.runs)
        ]
    out["who_knows"] = {
        **_figure(walls, floors, "psql running the same query, as the member"),
        "members_found": found,
        "server_ms": round(median(plans), 2),
    }

    # team path to someone I have links to: the target and up to 200 of their neighbours looked up at once.
    with sqlite3.connect(member_db) as conn:
        row = conn.execute(
            "SELECT p.handle, count(*) FROM link l JOIN person p ON p.id = l.b LEFT JOIN connection c "
            "ON c.person_id = p.id WHERE c.person_id IS NULL GROUP BY p.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    walls, floors = [], []
    routes = 0
    for _ in range(args.runs):
        wall, done = cnet(env, "team", "path", row[0], "-k", "5", "--json")
        routes = len(json.loads(done.stdout)["routes"])
        walls.append(wall)
        floors.append(psql(server, member_pg, url, query))
    out["path"] = {
        **_figure(walls, floors, "psql running the who-knows query above"),
        "neighbours": row[1],
        "routes": routes,
    }

    # The first sync pulls the whole team into the local cache. (My publishes kept my own rows in it: start it
    # empty, as on a machine that has not synced yet.)
    from curated_net.team import cache

    cache.remove(member_db)
    wall, done = cnet(env, "team", "sync", "--json")
    floor = psql(server, member_pg, url, "\\copy (SELECT * FROM cnet_team.tie) TO '/dev/null'")
    out["sync_first"] = {
        "median_s": round(wall, 3),
        "floor_s": round(floor, 3),
        "ratio": round(wall / floor, 1),
        "floor": "psql \\copy of every tie to /dev/null",
        "fetched": json.loads(done.stdout)["cache"]["fetched"],
    }
    wall, done = cnet(env, "team", "sync", "--json")
    out["sync_again_s"] = round(wall, 3)
    return out


def _figure(walls: list[float], floors: list[float], what: str) -> dict:
    m, f = median(walls), median(floors)
    return {"median_s": round(m, 3), "floor_s": round(f, 3), "ratio": round(m / f, 1), "floor": what}


if __name__ == "__main__":
    main()
