"""Benchmark cnet on generated networks; every figure is a median beside a floor or peer measured in this run.

    python benchmarks/run.py [--size small|medium|large|huge|10m|ego] [--only PARTS] [--json FILE] [--runs N]
                             [--rebuild] [--work DIR]

Networks are generated on demand into benchmarks/.work/ and reused (10m: a million people and ten million
links, about 1.2 GB of database and four minutes to make; never made in CI). Whole-process figures are wall
time and peak RSS of a child process (os.wait4); in-process figures use time.perf_counter. The peers part
measures cnet against networkx, igraph, rustworkx and a recursive CTE at every size of the ladder up to
--size (large, huge, 10m: 1M, 3M and 10M links in one run).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

REALDATA = HERE.parent.parent / "shared" / "realdata"


def cnet_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "cnet"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "curated_net"]


# Children inherit their parent's peak RSS across fork+exec, so whole-process figures are taken
# by a small helper started before this script loads anything heavy.
_SPAWNER_CODE = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    start = time.perf_counter()
    out = subprocess.PIPE if job.get("capture") else subprocess.DEVNULL
    proc = subprocess.Popen(job["cmd"], stdout=out, stderr=subprocess.DEVNULL, env=job["env"])
    said = proc.stdout.read().decode("utf-8", "replace")[-4000:] if job.get("capture") else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), cpu, said]), flush=True)
"""
_spawner: subprocess.Popen | None = None
LAST_CPU = 0.0  # user + system CPU seconds of the last child run_process ran


def start_spawner() -> None:
    global _spawner
    _spawner = subprocess.Popen(
        [sys.executable, "-S", "-c", _SPAWNER_CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def run_process(cmd: list[str], env: dict | None = None, *, capture: bool = False):
    """Run one child; return (wall seconds, peak RSS in MB, exit code), and with `capture` what it printed
    (the end of it) as a fourth."""
    if _spawner is None:
        start_spawner()
    _spawner.stdin.write(json.dumps({"cmd": cmd, "env": env or dict(os.environ), "capture": capture}) + "\n")
    _spawner.stdin.flush()
    global LAST_CPU
    wall, rss, code, LAST_CPU, said = json.loads(_spawner.stdout.readline())
    return (wall, rss, code, said) if capture else (wall, rss, code)


def time_process(cmd: list[str], runs: int, env: dict | None = None) -> dict:
    run_process(cmd, env)  # warm-up: file cache, bytecode
    walls, rss, codes, cpus = [], [], set(), []
    for _ in range(runs):
        w, r, c = run_process(cmd, env)
        walls.append(w)
        rss.append(r)
        codes.add(c)
        cpus.append(LAST_CPU)
    return {
        "median_s": statistics.median(walls),
        "median_cpu_s": statistics.median(cpus),
        "max_s": max(walls),
        "peak_rss_mb": max(rss),
        "exit_codes": sorted(codes),
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build_network(size: str, rebuild: bool) -> tuple[Path, dict]:
    WORK.mkdir(exist_ok=True)
    db = WORK / f"{size}.db"
    meta_path = WORK / f"{size}.json"
    if db.exists() and meta_path.exists() and not rebuild:
        return db, json.loads(meta_path.read_text())
    for p in WORK.glob(f"{size}.db*"):
        p.unlink()
    start = time.perf_counter()
    if size == "ego":
        src = REALDATA / "graph" / "facebook_combined.txt"
        if not src.exists():
            sys.exit("ego needs ../shared/realdata/graph/facebook_combined.txt")
        links_file = WORK / "ego.links.txt"
        shutil.copy(src, links_file)
        env = {**os.environ, "CNET_DB": str(db)}
        subprocess.run([*cnet_cmd(), "init", "--name", "Benchmark Owner"], env=env, check=True, capture_output=True)
        subprocess.run([*cnet_cmd(), "link", "--file", str(links_file)], env=env, check=True, capture_output=True)
        # Ego-Facebook has no owner: make its 10 best-connected people my connections.
        from curated_net import Network
        from curated_net.network.writes import EvidenceInput

        with Network.open(db) as net, net.store.connect() as conn:
            top = conn.execute(
                "SELECT handle FROM person p WHERE is_me = 0 ORDER BY "
                "(SELECT count(*) FROM link WHERE a = p.id OR b = p.id) DESC LIMIT 10"
            ).fetchall()
        with Network.open(db) as net:
            for (handle,) in top:
                net.connect(handle, [EvidenceInput("colleague")])
        meta = {"people": 4039, "links": 88234, "my_connections": 10, "links_file": str(links_file)}
    else:
        people, links = generate.SIZES[size]
        meta = generate.build(db, people, links, my_connections=generate.MY_CONNECTIONS[size])
    meta["build_s"] = time.perf_counter() - start
    meta_path.write_text(json.dumps(meta))
    return db, meta


def settled(db: Path):
    """Bring what cnet derives as every write leaves it (the network was generated through raw connections):
    the curated flags in step with the policy in force (noting the policy text they follow, so reads need not
    parse it) and the degrees up to date. Returns the store."""
    from curated_net.network.derived import settle
    from curated_net.policy import load_gate
    from curated_net.store.database import Store

    store = Store.open(db)
    with store.connect(write=True) as conn:
        settle(conn, load_gate())
    return store


def sample_pairs(db: Path, n: int, seed: int = 1) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    handles = [r[0] for r in conn.execute("SELECT handle FROM person ORDER BY id")]
    conn.close()
    rnd = random.Random(seed)
    return [(rnd.choice(handles), rnd.choice(handles)) for _ in range(n)]


def bench_point_queries(db: Path, pairs: list[tuple[str, str]]) -> dict:
    from curated_net.network.graph import Edges, View, shortest_paths
    from curated_net.network.queries import degree_between
    from curated_net.people.records import resolve_id
    from curated_net.store.database import Store

    store = Store.open(db)
    out = {}
    with store.connect() as conn:
        me_id = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
        ids = dict(conn.execute("SELECT handle, id FROM person"))
        for view in (View.nominal, View.curated):
            engine, full = [], []
            edges = Edges(conn, me_id, view)
            for a, b in pairs:
                t = time.perf_counter()
                shortest_paths(edges, ids[a], ids[b])
                engine.append(time.perf_counter() - t)
            for a, b in pairs[:100]:
                t = time.perf_counter()
                degree_between(conn, resolve_id(conn, a), resolve_id(conn, b), view=view)
                full.append(time.perf_counter() - t)
            out[view.value] = {
                "engine_p50_ms": 1000 * pct(engine, 50),
                "engine_p95_ms": 1000 * pct(engine, 95),
                "api_p50_ms": 1000 * pct(full, 50),
                "api_p95_ms": 1000 * pct(full, 95),
                "queries": len(pairs),
            }
        # networkx as the peer: load the same graph from the same database, then run the same queries.
        import networkx as nx

        t = time.perf_counter()
        g = nx.Graph()
        g.add_nodes_from(ids.values())
        g.add_edges_from(conn.execute("SELECT a, b FROM link"))
        g.add_edges_from((me_id, pid) for (pid,) in conn.execute("SELECT person_id FROM connection"))
        load = time.perf_counter() - t
        per = []
        for a, b in pairs:
            t = time.perf_counter()
            with contextlib.suppress(nx.NetworkXNoPath):
                nx.shortest_path_length(g, ids[a], ids[b])
            per.append(time.perf_counter() - t)

        def peer(load_s: float, per: list[float]) -> dict:
            cnet_total = len(per) * out["nominal"]["engine_p50_ms"] / 1000  # the same number of queries
            return {
                "load_s": load_s,
                "query_p50_ms": 1000 * pct(per, 50),
                "queries": len(per),
                "load_plus_queries_s": load_s + sum(per),
                "cnet_queries_s": cnet_total,
                "speedup": (load_s + sum(per)) / max(cnet_total, 1e-9),
            }

        out["networkx"] = peer(load, per)
        del g
        edges = conn.execute("SELECT a, b FROM link").fetchall()
        edges += [(me_id, pid) for (pid,) in conn.execute("SELECT person_id FROM connection")]
        top = max(ids.values()) + 1
        for name, (load_fn, query_fn) in _graph_peers().items():
            t = time.perf_counter()
            g = load_fn(top, edges)
            load = time.perf_counter() - t
            per = []
            for a, b in pairs[:PEER_QUERIES]:  # each searches from one side only: a few are enough
                t = time.perf_counter()
                query_fn(g, ids[a], ids[b])
                per.append(time.perf_counter() - t)
            out[name] = peer(load, per)
            del g
    store.close()
    return out


PEER_QUERIES = 50


def _graph_peers() -> dict:
    """The graph libraries at hand besides networkx (pip install -e '.[bench]'), each as (load, query):
    load builds the graph from (a, b) id pairs; query answers one shortest distance."""
    peers: dict = {}
    try:
        import igraph as ig

        peers["igraph"] = (
            lambda n, edges: ig.Graph(n=n, edges=edges),
            lambda g, a, b: g.distances(source=a, target=b)[0][0],
        )
    except ImportError:
        pass
    try:
        import rustworkx as rx

        def rx_load(n: int, edges: list) -> object:
            g = rx.PyGraph(multigraph=False)
            g.add_nodes_from(range(n))
            g.extend_from_edge_list(edges)
            return g

        peers["rustworkx"] = (rx_load, lambda g, a, b: rx.graph_dijkstra_shortest_paths(g, a, target=b))
    except ImportError:
        pass
    return peers


def run_in_fresh_db(folder: str, *args: str) -> float:
    """Wall time of one `cnet ARGS` process against a new database in `folder`."""
    env = {**os.environ, "CNET_DB": os.path.join(folder, "cnet.db")}
    subprocess.run([*cnet_cmd(), "init", "--name", "Bench"], env=env, check=True, capture_output=True)
    return run_process([*cnet_cmd(), *args], env)[0]


PLAIN_LINK_LOADER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[2])
conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
conn.execute("CREATE TABLE link (a INTEGER, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID")
ids, pairs = {}, []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        a, b = (s.strip() for s in line.split(",")[:2])
        x, y = ids.setdefault(a, len(ids) + 1), ids.setdefault(b, len(ids) + 1)
        if x != y:
            pairs.append((min(x, y), max(x, y)))
conn.executemany("INSERT INTO person VALUES (?, ?)", ((i, n) for n, i in ids.items()))
conn.executemany("INSERT OR IGNORE INTO link VALUES (?, ?)", pairs)
conn.commit()
"""


def bench_bulk_links(meta: dict, runs: int) -> dict:
    """Whole-process `cnet link --file` into a fresh database, against a plain loader of the same file: a
    short script that numbers the names in a dict, keeps the pairs in a list and inserts both with sqlite3
    (no checks, no handles, no search index)."""
    links_file = Path(meta["links_file"])
    n = meta["links"]
    rates, floors, rss, floor_rss = [], [], [], []
    for _ in range(max(1, min(runs, 3))):
        with tempfile.TemporaryDirectory() as d:
            env = {**os.environ, "CNET_DB": os.path.join(d, "cnet.db")}
            subprocess.run([*cnet_cmd(), "init", "--name", "Bench"], env=env, check=True, capture_output=True)
            wall, peak, code = run_process([*cnet_cmd(), "link", "--file", str(links_file)], env)
            if code:
                raise SystemExit(f"cnet link --file failed in the benchmark (exit {code})")
            rates.append(n / wall)
            rss.append(peak)
            floor_wall, floor_peak, _ = run_process(
                [sys.executable, "-c", PLAIN_LINK_LOADER, str(links_file), os.path.join(d, "plain.db")]
            )
            floors.append(n / floor_wall)
            floor_rss.append(floor_peak)
    return {
        "links": n,
        "links_per_s": statistics.median(rates),
        "peak_rss_mb": max(rss),
        "plain_loader_links_per_s": statistics.median(floors),
        "plain_loader_peak_rss_mb": max(floor_rss),
    }


READ_FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
for table in ("link", "person", "email", "connection"):
    for row in conn.execute(f"SELECT * FROM {table}"):
        pass
"""


def bench_exports(db: Path, runs: int) -> dict:
    """Every export of the whole network, written to a pipe, against the read floor: a sqlite3 script that
    reads every row of the tables the exports draw on and does nothing with them."""
    env = {**os.environ, "CNET_DB": str(db)}
    runs = max(1, min(runs, 3))
    out: dict = {"read floor": time_process([sys.executable, "-c", READ_FLOOR, str(db)], runs, env)}
    cmds = {
        "export json": ["export", "json"],
        "export csv": ["export", "csv"],
        "export vcard": ["export", "vcard"],
        **{f"export graph --format {f}": ["export", "graph", "--view", "nominal", "--format", f] for f in
           ("graphml", "gexf", "dot", "json")},
        "list --degree 2 (table, to a pipe)": ["list", "--degree", "2", "--view", "nominal"],
        "list --degree 2 --json": ["list", "--degree", "2", "--view", "nominal", "--json"],
        "list --degree 2 --output tsv": ["list", "--degree", "2", "--view", "nominal", "--output", "tsv"],
    }  # fmt: skip
    for name, args in cmds.items():
        out[name] = time_process([*cnet_cmd(), *args], runs, env)
        if out[name]["exit_codes"] != [0]:
            raise SystemExit(f"cnet {' '.join(args)} failed in the benchmark (exit {out[name]['exit_codes']})")
    return out


def _photo_cards(path: Path, cards: int, photo_bytes: int = 6_000) -> None:
    """vCard 3.0 as phones and mail clients write them: a JPEG photo of a few kB each, lines folded at 75."""
    import base64

    rnd = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as f:
        for i in range(cards):
            photo = base64.b64encode(b"\xff\xd8\xff\xe0" + rnd.randbytes(photo_bytes - 4)).decode()
            line = f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}"
            folded = "\r\n ".join(line[k : k + 74] for k in range(0, len(line), 74))
            first, last = generate.FIRST[i % len(generate.FIRST)], f"Card{i}"
            f.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"N:{last};{first};;;\r\nFN:{first} {last}\r\n"
                f"EMAIL;TYPE=INTERNET,WORK:card{i}@example.org\r\nTEL;TYPE=CELL:+41 79 555 {i % 10000:04d}\r\n"
                f"ORG:{generate.COMPANIES[i % len(generate.COMPANIES)]}\r\n"
                f"TITLE:{generate.TITLES[i % len(generate.TITLES)]}\r\n"
                f"UID:bench-card-{i}\r\n{folded}\r\nEND:VCARD\r\n"
            )


VCARD_FLOOR = """
import sys
data = open(sys.argv[1], "rb").read()
cards = data.replace(b"\\r\\n ", b"").split(b"END:VCARD")
for card in cards:
    card.split(b"\\r\\n")
"""


def _import_against_floor(kind: str, path: Path, unit: str, count: int, floor: str, runs: int, setup=None) -> dict:
    """`cnet import KIND PATH` as a whole process into fresh databases (after `setup(env)`, if any), beside
    a floor script given the same file: the median rates in `unit`s a second, and cnet's peak RSS."""
    rates, floors, rss = [], [], []
    for _ in range(max(1, min(runs, 3))):
        with tempfile.TemporaryDirectory() as d:
            env = {**os.environ, "CNET_DB": os.path.join(d, "cnet.db")}
            subprocess.run([*cnet_cmd(), "init", "--name", "Bench"], env=env, check=True, capture_output=True)
            if setup:
                setup(env)
            wall, peak, code = run_process([*cnet_cmd(), "import", kind, str(path), "--json"], env)
            if code:
                raise SystemExit(f"cnet import {kind} failed in the benchmark (exit {code})")
            rates.append(count / wall)
            rss.append(peak)
            floors.append(count / run_process([sys.executable, "-c", floor, str(path)], env)[0])
    return {
        unit: count,
        f"{unit}_per_s": statistics.median(rates),
        f"floor_{unit}_per_s": statistics.median(floors),
        "peak_rss_mb": max(rss),
    }


def bench_vcard_import(cards: int, runs: int) -> dict:
    """Whole-process `cnet import vcard` of generated cards with photos into a fresh database, against a
    floor that reads the same file, unfolds its lines and splits it into cards and lines."""
    path = WORK / f"cards{cards}.vcf"
    if not path.exists():
        _photo_cards(path, cards)
    return {
        **_import_against_floor("vcard", path, "cards", cards, VCARD_FLOOR, runs),
        "file_mb": path.stat().st_size / 1e6,
    }


def bench_processes(db: Path, pairs: list[tuple[str, str]], runs: int) -> dict:
    env = {**os.environ, "CNET_DB": str(db)}
    a, b = pairs[0]
    conn = sqlite3.connect(db)
    mine = conn.execute(
        "SELECT p.handle FROM person p JOIN connection c ON c.person_id = p.id WHERE c.curated = 1 LIMIT 1"
    ).fetchone()
    conn.close()
    target = mine[0] if mine else a
    py = sys.executable
    cmds = {
        "floor: python -c 'import sqlmodel'": [py, "-c", "import sqlmodel"],
        "floor: python -c 'import typer, rich'": [py, "-c", "import typer, rich"],
        "cnet --help": [*cnet_cmd(), "--help"],
        "cnet show": [*cnet_cmd(), "show", target],
        # A mistyped handle (matches no one): the did-you-mean scoring reads people a chunk at a time.
        "cnet show <a mistyped handle>": [*cnet_cmd(), "show", target[:-1] + "q" + target[-1:] + "9"],
        "cnet degree": [*cnet_cmd(), "degree", a, b],
        "cnet degree <no such person>": [*cnet_cmd(), "degree", "nosuchperson"],
        "cnet path": [*cnet_cmd(), "path", a, b],
        "cnet search": [*cnet_cmd(), "search", "Okafor Northwind"],
        "cnet network": [*cnet_cmd(), "network"],
        "cnet list --degree 2": [*cnet_cmd(), "list", "--degree", "2", "--limit", "20"],
        "cnet audit --json": [*cnet_cmd(), "audit", "--json"],
        "networkx process: load + one degree": [py, "-c", NX_PROCESS, str(db), a, b],
    }
    for peer, code in PEER_PROCESSES.items():
        if importlib.util.find_spec(peer):
            cmds[f"{peer} process: load + one degree"] = [py, "-c", code, str(db), a, b]
    out = {name: time_process(cmd, runs, env) for name, cmd in cmds.items()}
    prefix = a[:3]
    completion_env = {**env, "_CNET_COMPLETE": "complete_bash", "COMP_WORDS": f"cnet show {prefix}", "COMP_CWORD": "2"}
    out["completion of a person (cnet show <TAB>)"] = time_process(cnet_cmd(), runs, completion_env)
    return out


def bench_after_one_change(db: Path, pairs: list[tuple[str, str]], runs: int) -> dict:
    """One change of a tie as a whole process (the command that changes it brings the degrees up to date, in
    place, before it commits: a read never writes), then `cnet network` and `cnet list --degree 2` as whole
    processes, each the first after it: a link added between two people of the sample, or taken away; my
    best-connected LinkedIn-only connection let go, or connected again. Each change is undone after it is
    measured: the graph ends as it began."""
    env = {**os.environ, "CNET_DB": str(db)}
    conn = sqlite3.connect(db)
    hub, on, ties = conn.execute(
        "SELECT handle, nominal_on, n FROM (SELECT p.handle, c.nominal_on, "
        "(SELECT count(*) FROM link WHERE a = p.id) + (SELECT count(*) FROM link WHERE b = p.id) AS n "
        "FROM connection c JOIN person p ON p.id = c.person_id WHERE c.nominal_source = 'linkedin' "
        "AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.person_id = p.id)) ORDER BY n DESC LIMIT 1"
    ).fetchone()
    ids = dict(conn.execute("SELECT handle, id FROM person"))

    def linked(a: str, b: str) -> bool:
        x, y = sorted((ids[a], ids[b]))
        return conn.execute("SELECT 1 FROM link WHERE a = ? AND b = ?", (x, y)).fetchone() is not None

    unlinked = [(a, b) for a, b in pairs if a != b and not linked(a, b)]
    conn.close()

    def cnet(*args: str) -> None:
        subprocess.run([*cnet_cmd(), *args], env=env, check=True, capture_output=True)

    def link(a: str, b: str) -> list[str]:
        return ["link", a, b]

    def unlink(a: str, b: str) -> list[str]:
        return ["unlink", a, b]

    def let_go(a: str, b: str) -> list[str]:
        return ["disconnect", hub]

    def connect_again(a: str, b: str) -> list[str]:
        # As it was: with its date when it had one (a tie made again by hand may have none).
        return ["connect", hub, "--source", "linkedin", *(["--connected-on", on] if on else [])]

    def nothing(a: str, b: str) -> list[str]:
        return []

    # Each change, with what comes before it and what undoes it.
    changes = {
        "a link added": (nothing, link, unlink),
        "a link taken away": (link, unlink, nothing),
        f"my best-connected connection ({ties:,} links) let go": (nothing, let_go, connect_again),
        "that connection made again": (let_go, connect_again, nothing),
    }

    def timed(args: list[str], walls: list[float], rss: list[float]) -> None:
        w, r, code = run_process([*cnet_cmd(), *args], env)
        if code:
            raise SystemExit(f"cnet {' '.join(args)} failed in the benchmark (exit {code})")
        walls.append(w)
        rss.append(r)

    out: dict = {}
    for name, (before, change, undo) in changes.items():
        changed: tuple[list[float], list[float]] = ([], [])
        for command in (["network"], ["list", "--degree", "2", "--limit", "20"]):
            walls: list[float] = []
            rss: list[float] = []
            for k in range(max(1, min(runs, 3))):
                a, b = unlinked[k % len(unlinked)]
                if before(a, b):
                    cnet(*before(a, b))
                timed(change(a, b), *changed)  # the change, which brings the degrees up to date
                timed(command, walls, rss)
                if undo(a, b):
                    cnet(*undo(a, b))
            label = "cnet network" if command == ["network"] else "cnet list --degree 2"
            out[f"{label}, after {name}"] = {"median_s": statistics.median(walls), "peak_rss_mb": max(rss)}
        out[f"{name} (cnet {change('A', 'B')[0]})"] = {
            "median_s": statistics.median(changed[0]),
            "peak_rss_mb": max(changed[1]),
        }
    return out


WRITE_TARGET_S = 0.35
MAP_TARGET_S, MAP_TARGET_MB = 5.0, 10.0

_PAN = """
const done = arguments[0]; const c = document.getElementById('map');
const r = c.getBoundingClientRect(); let x = r.left + 300, y = r.top + 300;
c.dispatchEvent(new PointerEvent('pointerdown', {clientX: x, clientY: y, pointerId: 1, bubbles: true}));
const times = []; let k = 0; let last = performance.now();
function step() {
  const now = performance.now(); times.push(now - last); last = now;
  if (k++ >= 60) {
    c.dispatchEvent(new PointerEvent('pointerup', {clientX: x, clientY: y, pointerId: 1, bubbles: true}));
    times.shift(); times.sort((a, b) => a - b);
    done({median_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1]});
    return;
  }
  x += 5; y += 3;
  c.dispatchEvent(new PointerEvent('pointermove', {clientX: x, clientY: y, pointerId: 1, bubbles: true}));
  requestAnimationFrame(step);
}
requestAnimationFrame(step);
"""


def bench_map(db: Path, runs: int) -> dict:
    """`cnet map` for each view: time, memory and file size; then, where headless Chromium is at hand,
    how long the page takes to open and how long a frame of panning takes."""
    env = {**os.environ, "CNET_DB": str(db)}
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for view in ("curated", "nominal"):
            page = Path(tmp) / f"{view}.html"
            p = time_process([*cnet_cmd(), "map", "--view", view, "--out", str(page)], runs, env)
            p["mb"] = page.stat().st_size / 1e6
            p["browser"] = _open_in_browser(page)
            out[view] = p
    return out


def _open_in_browser(page: Path) -> dict | None:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if not (chromium and driver):
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(driver), options=options)
    try:
        browser.set_script_timeout(120)
        start = time.perf_counter()
        browser.get(page.resolve().as_uri())
        opened = time.perf_counter() - start
        ready = browser.execute_script("return !!(window.cnetMap && window.cnetMap.ready)")
        pan = browser.execute_async_script(_PAN)
        redraw = browser.execute_script(
            "const t = performance.now(); document.getElementById('zoom-fit').click(); return performance.now() - t"
        )
        out = {"open_s": opened, "ready": ready, "pan_frame": pan, "full_redraw_ms": redraw}
        # Grouped: every company opened (the whole first ring drawn), and a full redraw then.
        opened_all = browser.execute_script(
            "if (!cnetMap.groups().length) return null; const t = performance.now();"
            "for (const g of cnetMap.groups()) cnetMap.openGroup(g.name); return performance.now() - t"
        )
        if opened_all is not None:
            out["every_group_opened_ms"] = opened_all
            out["full_redraw_every_group_open_ms"] = browser.execute_script(
                "const t = performance.now(); document.getElementById('zoom-fit').click(); return performance.now() - t"
            )
        return out
    finally:
        browser.quit()


def bench_writes(db: Path, runs: int) -> dict:
    """Every command a user types daily that writes, as a whole process, on a copy of the network (so the
    other figures measure the network as generated). Each runs `runs` times; all must succeed."""
    from curated_net import EvidenceInput, Network
    from curated_net.policy.loader import default_text
    from curated_net.store.database import Store

    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / "writes.db"
        Store.open(db).backup(copy)
        # The default policy, but for the limit on introductions asked of one person: the same introduction
        # is drafted once per run.
        policy = Path(d) / "policy.toml"
        policy.write_text(default_text().replace("max_asks = 3", "max_asks = 1000"))
        with Network.open(copy) as net:
            # Two people of mine with everything an introduction needs, so `intro` and `endorse` are allowed.
            for name, company in (("Bench Ada", "Northwind"), ("Bench Grace", "Harbor")):
                net.add(
                    name, company=company, how_met="worked together", met_on="2019", highlights=["precise"], force=True
                )
            ada, grace = net.person("Bench Ada")["handle"], net.person("Bench Grace")["handle"]
            for h in (ada, grace):
                net.connect(h, [EvidenceInput("colleague", detail="the data platform", since="2019")])
            linked = net.people(limit=2)
        a, b = linked[0]["handle"], linked[1]["handle"]
        env = {**os.environ, "CNET_DB": str(copy), "CNET_POLICY": str(policy)}
        cmds = {
            "cnet add": ["add", "Bench Newcomer", "--company", "Initech", "--email", "new@bench.example", "--force"],
            "cnet edit": ["edit", ada, "--title", "Staff Engineer", "--tag", "bench"],
            "cnet connect": ["connect", grace, "--as", "client", "--detail", "the audit"],
            "cnet log": ["log", ada, "Coffee", "--kind", "in-person", "--memorable"],
            "cnet link": ["link", a, b, "--how", "same team"],
            "cnet intro": ["intro", ada, grace, "--reason", "both rebuild data platforms"],
            "cnet request connect": ["request", "connect", "Bench Stranger", "--via", "phone"],
            "cnet endorse": ["endorse", ada, "--skill", "SQL"],
        }
        out = {name: time_process([*cnet_cmd(), *args], runs, env) for name, args in cmds.items()}
        # What cnet review does with each answer, in process: the gated connect of a LinkedIn-only connection.
        with Network.open(copy) as net, net.store.connect() as conn:
            nominal = [
                h
                for (h,) in conn.execute(
                    "SELECT p.handle FROM connection c JOIN person p ON p.id = c.person_id "
                    "WHERE c.nominal_source IS NOT NULL AND NOT EXISTS "
                    "(SELECT 1 FROM evidence e WHERE e.person_id = c.person_id) LIMIT 50"
                )
            ]
        saves = []
        # Under the policy the commands above ran with, so no answer pays for bringing the flags in step.
        from curated_net.policy import load_gate

        with Network.open(copy, gate=load_gate(policy)) as net:
            for h in nominal:
                t = time.perf_counter()
                net.connect(h, [EvidenceInput("colleague", detail="reviewed")])
                saves.append(time.perf_counter() - t)
        out["review answer (in process)"] = {
            "median_s": statistics.median(saves),
            "max_s": max(saves),
            "answers": len(saves),
        }
    for name, figure in out.items():
        if figure.get("exit_codes", [0]) != [0]:
            raise SystemExit(f"{name} failed in the benchmark (exit {figure['exit_codes']})")
    return out


NX_PROCESS = """
import sqlite3, sys
import networkx as nx
conn = sqlite3.connect(sys.argv[1])
g = nx.Graph()
g.add_edges_from(conn.execute("SELECT a, b FROM link"))
me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
g.add_edges_from((me, p) for (p,) in conn.execute("SELECT person_id FROM connection"))
ids = dict(conn.execute("SELECT handle, id FROM person"))
try:
    print(nx.shortest_path_length(g, ids[sys.argv[2]], ids[sys.argv[3]]))
except (nx.NetworkXNoPath, nx.NodeNotFound):
    print("none")
"""


_PEER_LOAD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
edges = conn.execute("SELECT a, b FROM link").fetchall()
me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
edges += [(me, p) for (p,) in conn.execute("SELECT person_id FROM connection")]
ids = dict(conn.execute("SELECT handle, id FROM person"))
n, a, b = max(ids.values()) + 1, ids[sys.argv[2]], ids[sys.argv[3]]
"""
PEER_PROCESSES = {
    "igraph": "import igraph as ig" + _PEER_LOAD + "print(ig.Graph(n=n, edges=edges).distances(source=a, target=b))",
    "rustworkx": "import rustworkx as rx"
    + _PEER_LOAD
    + (
        "g = rx.PyGraph(multigraph=False)\ng.add_nodes_from(range(n))\ng.extend_from_edge_list(edges)\n"
        "print(rx.graph_dijkstra_shortest_paths(g, a, target=b))"
    ),
}


CTE_PROCESS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
me = conn.execute("SELECT id FROM person WHERE is_me = 1").fetchone()[0]
a, b = (conn.execute("SELECT id FROM person WHERE handle = ?", (h,)).fetchone()[0] for h in sys.argv[2:4])
# Everyone within `depth` of a (each with the distance they were reached at), over links both ways and my
# connections as ties to me; one level deeper at a time, so that it stops at the first depth reaching b.
REACH = '''
WITH RECURSIVE reach(id, d) AS (
    SELECT ?1, 0
    UNION SELECT l.b, r.d + 1 FROM reach r JOIN link l ON l.a = r.id WHERE r.d < ?3
    UNION SELECT l.a, r.d + 1 FROM reach r JOIN link l ON l.b = r.id WHERE r.d < ?3
    UNION SELECT c.person_id, r.d + 1 FROM reach r JOIN connection c WHERE r.id = ?4 AND r.d < ?3
    UNION SELECT ?4, r.d + 1 FROM reach r JOIN connection c ON c.person_id = r.id WHERE r.d < ?3
)
SELECT min(d) FROM reach WHERE id = ?2
'''
for depth in range(7):
    d = conn.execute(REACH, (a, b, depth, me)).fetchone()[0]
    if d is not None:
        print(d)
        break
else:
    print("none")
"""

# Each peer as a whole process given the database and two handles: load what it needs, print the distance
# (or "none"), as `cnet degree A B --view nominal` answers it.
PEER_DISTANCE = {
    "networkx": NX_PROCESS,
    "igraph": "import igraph as ig"
    + _PEER_LOAD
    + "d = ig.Graph(n=n, edges=edges).distances(source=a, target=b)[0][0]\nprint('none' if d == float('inf') else int(d))",
    "rustworkx": "import rustworkx as rx"
    + _PEER_LOAD
    + (
        "g = rx.PyGraph(multigraph=False)\ng.add_nodes_from(range(n))\ng.extend_from_edge_list(edges)\n"
        "p = rx.graph_dijkstra_shortest_paths(g, a, target=b)\n"
        "print(0 if a == b else len(p[b]) - 1 if b in p else 'none')"
    ),
    "recursive CTE": CTE_PROCESS,
}
PEER_SIZES = ("large", "huge", "10m")  # 1M, 3M and 10M links: --size 10m measures all three in one run
PEER_PAIRS = 3


def bench_peers(size: str, rebuild: bool) -> dict:
    """cnet against each peer at 1M, 3M and 10M links (the sizes up to `size`, each generated on demand): a
    whole process answering the distance between two people (cnet's `degree --view nominal`; each peer
    loads the graph from the same database, or, the recursive CTE, searches it in SQL one level deeper at a
    time), for a few random pairs after a warm-up run. Reports each tool's median wall time and peak RSS, how
    many times cnet's time it took, and whether every answer agreed with cnet's."""
    sizes = PEER_SIZES[: PEER_SIZES.index(size) + 1] if size in PEER_SIZES else (size,)
    py = sys.executable
    out: dict = {}
    for s in sizes:
        db, meta = build_network(s, rebuild and s == size)
        settled(db)
        env = {**os.environ, "CNET_DB": str(db)}
        pairs = [(a, b) for a, b in sample_pairs(db, PEER_PAIRS * 3, seed=11) if a != b][:PEER_PAIRS]
        tools = {"cnet": lambda a, b: [*cnet_cmd(), "degree", a, b, "--view", "nominal", "--json"]}
        for name, code in PEER_DISTANCE.items():
            if name == "recursive CTE" or importlib.util.find_spec(name):
                tools[name] = lambda a, b, code=code, db=db: [py, "-c", code, str(db), a, b]
        per: dict = {}
        for name, command in tools.items():
            run_process(command(*pairs[0]), env)  # warm-up: the file cache, bytecode
            walls, cpus, rss, answers = [], [], [], []
            for a, b in pairs:
                wall, peak, code, said = run_process(command(a, b), env, capture=True)
                if code:
                    raise SystemExit(f"{name} failed in the benchmark (exit {code}) at {s}")
                walls.append(wall)
                cpus.append(LAST_CPU)
                rss.append(peak)
                said = said.strip().splitlines()[-1] if said.strip() else ""
                if name == "cnet":
                    degree = json.loads(said)["degree"]
                    said = "none" if degree is None else str(degree)
                answers.append(said)
            per[name] = {
                "median_s": statistics.median(walls),
                "median_cpu_s": statistics.median(cpus),
                "peak_rss_mb": max(rss),
                "answers": answers,
            }
        for p in per.values():
            p["x_cnet"] = p["median_s"] / per["cnet"]["median_s"]
            p["agrees"] = p["answers"] == per["cnet"]["answers"]
        out[s] = {"people": meta["people"], "links": meta["links"], "pairs": pairs, "tools": per}
    return out


def bench_linkedin_import(size: str, rows: int, runs: int) -> dict:
    """Whole-process import of a generated Connections.csv into a fresh database, against a csv+sqlite3 floor."""
    csv_path = WORK / f"{size}.import{rows}.csv"
    if not csv_path.exists():
        generate.write_connections_csv(
            csv_path,
            [
                (
                    f"Import{i}",
                    f"Person{i}",
                    f"https://www.linkedin.com/in/import-{i}",
                    f"import{i}@example.org",
                    generate.COMPANIES[i % len(generate.COMPANIES)],
                    generate.TITLES[i % len(generate.TITLES)],
                    f"{1 + i % 28:02d} Mar 2024",
                )
                for i in range(rows)
            ],
        )
    rates, floors = [], []
    for _ in range(max(1, min(runs, 3))):
        with tempfile.TemporaryDirectory() as d:
            wall = run_in_fresh_db(d, "import", "linkedin", str(csv_path))
            rates.append(rows / wall)
            t = time.perf_counter()
            import csv as csvmod

            conn = sqlite3.connect(os.path.join(d, "floor.db"))
            conn.execute("CREATE TABLE c (first, last, url, email, company, position, connected)")
            with csv_path.open(encoding="utf-8") as f:
                for _ in range(4):
                    next(f)
                conn.executemany("INSERT INTO c VALUES (?, ?, ?, ?, ?, ?, ?)", csvmod.reader(f))
            conn.commit()
            conn.close()
            floors.append(rows / (time.perf_counter() - t))
    return {"rows": rows, "rows_per_s": statistics.median(rates), "floor_rows_per_s": statistics.median(floors)}


MAIL_FLOOR = """
import mailbox, sys
from email.parser import BytesHeaderParser
parser = BytesHeaderParser()
box = mailbox.mbox(sys.argv[1], create=False)
for key in box.iterkeys():
    f = box.get_file(key)
    head = b"".join(iter(lambda: f.readline(), b"\\n"))
    parser.parsebytes(head).get("From")
"""


def _mail_mbox(messages: int) -> Path:
    """A generated mbox of `messages` messages (bodies of a few kB, as real mail has), made once."""
    from email.message import EmailMessage

    path = WORK / f"mail{messages}.mbox"
    if not path.exists():
        with path.open("wb") as out:
            for i in range(messages):
                m = EmailMessage()
                mine = i % 2 == 0
                them = f"person{i % 500}@example.org"
                m["From"], m["To"] = ("me@bench.example", them) if mine else (them, "me@bench.example")
                m["Subject"] = f"Message {i}"
                m["Date"] = f"Mon, {1 + i % 28:02d} Jan 2024 10:00:00 +0000"
                m["Message-ID"] = f"<bench-{i}@example.org>"
                m.set_content("A body that is never read. " * 150)
                out.write(b"From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n" + bytes(m) + b"\n")

    return path


def bench_mail_import(messages: int, runs: int) -> dict:
    """Whole-process `cnet import mail` of a generated mbox (bodies of a few kB, as real mail has) into a fresh
    database, against a floor of Python's own mailbox and header parser reading the same file."""
    path = _mail_mbox(messages)

    def known_correspondents(env: dict) -> None:
        subprocess.run(
            [*cnet_cmd(), "edit", "me", "--email", "me@bench.example"], env=env, check=True, capture_output=True
        )
        for n in range(0, 500, 50):  # some correspondents are people cnet knows
            subprocess.run(
                [*cnet_cmd(), "add", f"Person {n}", "--email", f"person{n}@example.org"],
                env=env, check=True, capture_output=True,
            )  # fmt: skip

    return {
        **_import_against_floor("mail", path, "messages", messages, MAIL_FLOOR, runs, known_correspondents),
        "mbox_mb": path.stat().st_size / 1e6,
    }


def _first_card(db: Path, runs: int) -> dict:
    """`cnet review` in a pseudo-terminal: seconds from starting the process to its first card on the screen."""
    import pexpect

    env = {**os.environ, "CNET_DB": str(db), "COLUMNS": "120"}
    times = []
    for n in range(runs + 1):  # the first run is a warm-up (and keeps the mutual counts for the graph's version)
        start = time.perf_counter()
        child = pexpect.spawn(cnet_cmd()[0], [*cnet_cmd()[1:], "review"], env=env, encoding="utf-8", timeout=120)
        child.expect(r"\[1/\d+\]")
        if n:
            times.append(time.perf_counter() - start)
        child.send("q")
        child.expect(pexpect.EOF)
    return {"median_s": statistics.median(times), "max_s": max(times)}


def bench_daily(db: Path, size: str, runs: int) -> dict:
    """Daily use on a copy of the network with 30,000 people on a cadence (three interactions and a birthday
    each): the first review card, due (to a pipe), due --ics and show, beside the read floor of this run; and
    how much the database grows per 100,000 messages kept from mail."""
    daily = WORK / f"{size}-daily.db"
    for p in WORK.glob(f"{size}-daily.db*"):
        p.unlink()
    shutil.copy(db, daily)
    conn = sqlite3.connect(daily)
    ids = [r[0] for r in conn.execute("SELECT person_id FROM connection ORDER BY person_id LIMIT 30000")]
    rnd = random.Random(7)
    stamp = "2026-01-01T00:00:00+00:00"
    conn.executemany(
        "INSERT OR IGNORE INTO keep_in_touch (person_id, every_days, at_most_days, updated_at) VALUES (?, ?, ?, ?)",
        [(i, rnd.choice((30, 60, 90)), rnd.choice((None, 120)), stamp) for i in ids],
    )
    conn.executemany(
        "INSERT INTO interaction (person_id, kind, on_date, note, memorable, created_at) VALUES (?, 'call', ?, 'x', 0, ?)",
        [(i, f"2026-{rnd.randint(1, 11):02d}-{rnd.randint(1, 28):02d}", stamp) for i in ids for _ in range(3)],
    )
    conn.executemany(
        "UPDATE person SET birthday = ? WHERE id = ?", [(f"--{i % 12 + 1:02d}-{i % 28 + 1:02d}", i) for i in ids]
    )
    conn.commit()
    handle = conn.execute("SELECT handle FROM person WHERE id = ?", (ids[0],)).fetchone()[0]
    conn.close()
    env = {**os.environ, "CNET_DB": str(daily)}
    subprocess.run([*cnet_cmd(), "db", "status"], env=env, check=True, capture_output=True)  # migrated first
    runs = max(1, min(runs, 5))
    out: dict = {"read floor": time_process([sys.executable, "-c", READ_FLOOR, str(daily)], runs, env)}
    out["first review card"] = _first_card(daily, runs)
    with tempfile.TemporaryDirectory() as d:
        for name, args in {
            "due (to a pipe)": ["due"],
            "due --json": ["due", "--json"],
            "due --ics": ["due", "--ics", os.path.join(d, "due.ics")],
            "show": ["show", handle],
        }.items():
            out[name] = time_process([*cnet_cmd(), *args], runs, env)
            if out[name]["exit_codes"] != [0]:
                raise SystemExit(f"cnet {' '.join(args)} failed in the benchmark (exit {out[name]['exit_codes']})")
    out["archive growth per 100k messages"] = _archive_growth({"small": 2_000}.get(size, 30_000))
    for p in WORK.glob(f"{size}-daily.db*"):
        p.unlink()
    return out


def _archive_growth(messages: int = 30_000) -> dict:
    """Bytes the database grows by for every 100,000 messages an import keeps (no one known: every header kept)."""
    path = _mail_mbox(messages)
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "cnet.db")
        env = {**os.environ, "CNET_DB": db}
        subprocess.run([*cnet_cmd(), "init", "--name", "Bench", "--email", "me@bench.example"], env=env, check=True,
                       capture_output=True)  # fmt: skip

        def size() -> int:
            c = sqlite3.connect(db)
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.close()
            return os.path.getsize(db)

        before = size()
        subprocess.run([*cnet_cmd(), "import", "mail", str(path)], env=env, check=True, capture_output=True)
        grown = size() - before
        items = sqlite3.connect(db).execute("SELECT count(*) FROM archive_item").fetchone()[0]
    return {"messages": items, "bytes": grown, "mb_per_100k": grown / items * 100_000 / 1e6}


# --only names -> keys of the results
SECTIONS = {
    "point": "point_queries",
    "processes": "processes",
    "writes": "writes",
    "bulk": "bulk_links",
    "exports": "exports",
    "linkedin": "linkedin_import",
    "vcard": "vcard_import",
    "mail": "mail_import",
    "map": "map",
    "daily": "daily",
    "peers": "peers",
}


def _in_repo(path: str) -> str:
    """A path as the repository names it (benchmarks/.work/…), or its file name when it lies elsewhere."""
    p = Path(path).resolve()
    return str(p.relative_to(HERE.parent)) if p.is_relative_to(HERE.parent) else p.name


def main() -> None:
    global WORK
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="large", choices=[*generate.SIZES, "ego"])
    ap.add_argument("--runs", type=int, default=5, help="counted runs per whole-process figure (after a warm-up)")
    ap.add_argument("--pairs", type=int, default=500, help="random pairs for in-process point queries")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--rebuild", action="store_true", help="generate the network again")
    ap.add_argument("--work", metavar="DIR", help=f"where generated networks are kept (default {WORK})")
    ap.add_argument(
        "--only",
        metavar="PARTS",
        help=f"comma-separated parts to run (default all): {', '.join(SECTIONS)}",
    )
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if only - set(SECTIONS):
        ap.error(
            f"--only: unknown part(s) {', '.join(sorted(only - set(SECTIONS)))}; choose from {', '.join(SECTIONS)}"
        )
    if args.work:
        WORK = Path(args.work).resolve()
    # Child processes import cnet as a user's would, from cached bytecode (pip compiles an installed
    # package; an editable one caches on first import), as the floors' packages already are: a
    # PYTHONDONTWRITEBYTECODE in the caller's environment would make only cnet compile on every run.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    start_spawner()

    db, meta = build_network(args.size, args.rebuild)
    pairs = sample_pairs(db, args.pairs)
    results = {
        "size": args.size,
        # the results name the generated files by their place in the repository, not on this machine
        "network": {**meta, "links_file": _in_repo(meta["links_file"])},
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%d"),
        "db_size_mb": sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists()) / 1e6,
    }
    from curated_net.network.derived import settle
    from curated_net.policy import load_gate

    store = settled(db)
    # When the stored degrees are behind (a full pass owed, as after a bulk load written outside cnet), a read
    # works them out in memory for itself: each cold run follows a note that a full pass is owed.
    env = {**os.environ, "CNET_DB": str(db)}
    if "processes" in only:
        cold = []
        for _ in range(3):
            conn = sqlite3.connect(db)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('degrees_kept', '0')")
            conn.commit()
            conn.close()
            cold.append(run_process([*cnet_cmd(), "network"], env))
        with store.connect(write=True) as conn:  # stored again, as the next write would
            settle(conn, load_gate())
        results["network_cold_s"] = statistics.median(w for w, _, _ in cold)
        results["network_cold_rss_mb"] = max(r for _, r, _ in cold)
        results["after_one_change"] = bench_after_one_change(db, pairs, args.runs)
    parts = {
        "point": lambda: bench_point_queries(db, pairs),
        "processes": lambda: bench_processes(db, pairs, args.runs),
        "writes": lambda: bench_writes(db, args.runs),
        "bulk": lambda: bench_bulk_links(meta, args.runs),
        "exports": lambda: bench_exports(db, args.runs),
        "linkedin": lambda: bench_linkedin_import(args.size, 30_000, args.runs),
        "vcard": lambda: bench_vcard_import({"small": 500}.get(args.size, 5_000), args.runs),
        "mail": lambda: bench_mail_import({"small": 2_000}.get(args.size, 30_000), args.runs),
        "map": lambda: bench_map(db, args.runs),
        "daily": lambda: bench_daily(db, args.size, args.runs),
        "peers": lambda: bench_peers(args.size, args.rebuild),
    }
    for part in SECTIONS:
        if part in only:
            results[SECTIONS[part]] = parts[part]()
            if args.json:  # kept part by part: a long run that fails late keeps what it measured
                Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


EXPORT_TARGET_MB, EXPORT_TARGET_X = 300, 5.0


def report(r: dict) -> None:
    rows: list[tuple[str, str, str, str]] = []
    pq = r.get("point_queries")
    peers = [p for p in ("networkx", "igraph", "rustworkx") if pq and p in pq]
    if pq:
        for view in ("curated", "nominal"):
            q = pq[view]
            rows.append(
                (
                    f"point degree ({view}) engine p50 / p95",
                    f"{q['engine_p50_ms']:.2f} / {q['engine_p95_ms']:.2f} ms",
                    "; ".join(f"{p} query p50 {pq[p]['query_p50_ms']:.2f} ms (after load)" for p in peers),
                    "p50 ≤ 5 ms, p95 ≤ 20 ms",
                )
            )
            rows.append(
                (
                    f"point degree ({view}) API p50 / p95",
                    f"{q['api_p50_ms']:.2f} / {q['api_p95_ms']:.2f} ms",
                    "(resolve names, describe hops)",
                    "",
                )
            )
        for p in peers:
            rows.append((f"{p} load of the same graph", f"{pq[p]['load_s']:.2f} s", "", ""))
            rows.append(
                (
                    f"in process: {p} load+{pq[p].get('queries', '')} queries / cnet's",
                    f"{pq[p]['speedup']:.0f}×",
                    f"{pq[p]['load_plus_queries_s']:.2f} s vs {pq[p]['cnet_queries_s']:.3f} s",
                    "",
                )
            )
    procs = r.get("processes", {})
    orm = procs.get("floor: python -c 'import sqlmodel'", {}).get("median_s", float("nan"))
    ui = procs.get("floor: python -c 'import typer, rich'", {}).get("median_s", float("nan"))
    targets = {
        "cnet --help": "≤ 1.5× typer+rich",
        "cnet degree": "≤ ORM floor + 0.15 s; ≤ 0.35 s; ≤ 150 MB; peers ≥ 20× slower",
        "cnet audit --json": "a few seconds (30k connections)",
        "cnet network": "≤ 0.5 s (warm)",
    }
    for name, p in procs.items():
        base = ""
        if name.startswith(("cnet", "completion")):
            base = f"ORM floor {p['median_s'] - orm:+.2f} s; typer+rich ×{p['median_s'] / ui:.2f}"
        if name == "cnet degree":
            for peer in ("networkx", "igraph", "rustworkx"):
                if f"{peer} process: load + one degree" in procs:
                    base += f"; {peer} process ×{procs[f'{peer} process: load + one degree']['median_s'] / p['median_s']:.1f}"
        rows.append(
            (f"{name} (wall, peak RSS)", f"{p['median_s']:.3f} s, {p['peak_rss_mb']} MB", base, targets.get(name, ""))
        )
    for name, p in r.get("writes", {}).items():
        if name == "review answer (in process)":
            rows.append(
                (
                    f"{name}, {p['answers']} LinkedIn-only connections",
                    f"{p['median_s'] * 1000:.1f} ms (max {p['max_s'] * 1000:.1f})",
                    "the gated connect each keystroke saves",
                    "≤ 50 ms",
                )
            )
            continue
        rows.append(
            (
                f"{name} (wall, peak RSS)",
                f"{p['median_s']:.3f} s, {p['peak_rss_mb']} MB",
                f"ORM floor {p['median_s'] - orm:+.2f} s; typer+rich ×{p['median_s'] / ui:.2f}",
                f"≤ {WRITE_TARGET_S} s",
            )
        )
    if "network_cold_s" in r:
        rows.append(
            (
                "cnet network, degrees behind: a full pass in memory (wall, peak RSS)",
                f"{r['network_cold_s']:.2f} s, {r.get('network_cold_rss_mb', '?')} MB",
                "",
                "",
            )
        )
    for name, p in r.get("after_one_change", {}).items():
        rows.append(
            (f"{name} (wall, peak RSS)", f"{p['median_s']:.2f} s, {p['peak_rss_mb']} MB", "", "≤ 1 s; ≤ 300 MB")
        )
    bl = r.get("bulk_links")
    if bl:
        rows.append(
            (
                "bulk link (cnet link --file, whole process; peak RSS)",
                f"{bl['links_per_s']:,.0f} links/s, {bl['peak_rss_mb']} MB",
                f"plain loader {bl['plain_loader_links_per_s']:,.0f}/s, {bl['plain_loader_peak_rss_mb']} MB "
                f"(memory ×{bl['peak_rss_mb'] / bl['plain_loader_peak_rss_mb']:.2f})",
                "≥ 100k/s; memory ≤ 2× the plain loader",
            )
        )
    ex = r.get("exports")
    if ex:
        floor = ex["read floor"]
        rows.append(
            (
                "read floor: every row of link, person, email, connection (wall, peak RSS)",
                f"{floor['median_s']:.2f} s, {floor['peak_rss_mb']} MB",
                "",
                "",
            )
        )
        for name, p in ex.items():
            if name == "read floor":
                continue
            target = (
                f"< {EXPORT_TARGET_MB} MB; ≤ {EXPORT_TARGET_X:.0f}× read floor" if name.startswith("export") else ""
            )
            rows.append(
                (
                    f"cnet {name} (wall, peak RSS)",
                    f"{p['median_s']:.2f} s, {p['peak_rss_mb']} MB",
                    f"×{p['median_s'] / floor['median_s']:.1f} read floor",
                    target,
                )
            )
    imports = (
        ("linkedin_import", "rows", "LinkedIn import, {rows:,} rows (whole process)", "csv+sqlite3", "≥ 20k rows/s"),
        (
            "vcard_import",
            "cards",
            "vCard import, {cards:,} cards with a 6 kB photo, {file_mb:.0f} MB (whole process, peak RSS)",
            "unfold+split",
            "≥ 2,000 cards/s",
        ),
        (
            "mail_import",
            "messages",
            "mail import, {messages:,} messages, {mbox_mb:.0f} MB mbox (whole process, peak RSS)",
            "mailbox+header parser",
            "≥ 3,000 msgs/s; < 200 MB",
        ),
    )
    for key, unit, label, floor_name, target in imports:
        d = r.get(key)
        if d:
            rss = f", {d['peak_rss_mb']} MB" if "peak_rss_mb" in d else ""
            short = "msgs" if unit == "messages" else unit
            rows.append(
                (
                    label.format(**d),
                    f"{d[f'{unit}_per_s']:,.0f} {short}/s{rss}",
                    f"{floor_name} floor {d[f'floor_{unit}_per_s']:,.0f}/s",
                    target,
                )
            )
    for view, m in r.get("map", {}).items():
        rows.append(
            (
                f"cnet map --view {view} (wall, peak RSS, file)",
                f"{m['median_s']:.2f} s, {m['peak_rss_mb']} MB, {m['mb']:.1f} MB",
                f"ORM floor {m['median_s'] - orm:+.2f} s",
                f"≤ {MAP_TARGET_S:.0f} s; < {MAP_TARGET_MB:.0f} MB",
            )
        )
        b = m.get("browser")
        if b:
            rows.append(
                (
                    "  that page in headless Chromium: open; a frame of panning (median / max)",
                    f"{b['open_s']:.2f} s; {b['pan_frame']['median_ms']:.1f} / {b['pan_frame']['max_ms']:.1f} ms",
                    f"a full redraw {b['full_redraw_ms']:.0f} ms"
                    + (
                        f"; every company opened {b['every_group_opened_ms']:.0f} ms, then a full redraw "
                        f"{b['full_redraw_every_group_open_ms']:.0f} ms"
                        if "every_group_opened_ms" in b
                        else ""
                    ),
                    "open ≤ 2 s; a frame ≤ 1/60 s + jitter",
                )
            )
    daily = r.get("daily")
    if daily:
        floor = daily["read floor"]
        rows.append(
            (
                "read floor (daily copy): every row of link, person, email, connection",
                f"{floor['median_s']:.2f} s",
                "",
                "",
            )
        )
        targets = {
            "first review card": "≤ 0.35 s",
            "due (to a pipe)": "≤ 0.5 s CPU",
            "due --ics": "≤ 1 s",
        }
        for name, d in daily.items():
            if name in ("read floor", "archive growth per 100k messages"):
                continue
            cpu = f", CPU {d['median_cpu_s']:.2f} s" if "median_cpu_s" in d else ""
            rss = f", {d['peak_rss_mb']} MB" if "peak_rss_mb" in d else ""
            what = "(30k people on a cadence, wall" + (", CPU, peak RSS)" if cpu else ", in a pty)")
            rows.append(
                (
                    f"cnet {name} {what}",
                    f"{d['median_s']:.3f} s{cpu}{rss}",
                    f"×{d['median_s'] / floor['median_s']:.2f} read floor",
                    targets.get(name, ""),
                )
            )
        g = daily["archive growth per 100k messages"]
        rows.append(
            (
                "archive kept from mail, per 100,000 messages (headers only)",
                f"{g['mb_per_100k']:.1f} MB",
                f"{g['messages']:,} messages kept, {g['bytes'] / 1e6:.1f} MB",
                "",
            )
        )
    for size, p in r.get("peers", {}).items():
        for name, t in p["tools"].items():
            versus = "" if name == "cnet" else f"×{t['x_cnet']:.1f} cnet's time"
            if not t["agrees"]:
                versus += f"; ANSWERS DIFFER: {t['answers']} against cnet's {p['tools']['cnet']['answers']}"
            rows.append(
                (
                    f"{p['links']:,} links: {name}, one distance as a whole process (wall, peak RSS)",
                    f"{t['median_s']:.2f} s, {t['peak_rss_mb']} MB",
                    versus,
                    "peers ≥ 10× cnet's time" if name != "cnet" and size == "10m" else "",
                )
            )
    rows.append(("database size", f"{r['db_size_mb']:.1f} MB", "", ""))
    net = r["network"]
    print(
        f"cnet benchmarks — {r['size']}: {net['people']:,} people, {net['links']:,} links, "
        f"{net['my_connections']:,} my connections — Python {r['machine']['python']}, {r['machine']['cpus']} CPUs"
    )
    w = [max(len(x[i]) for x in rows) for i in range(4)]
    header = ("figure", "median", "floor / peer", "target")
    print("  ".join(h.ljust(w[i]) for i, h in enumerate(header)))
    print("  ".join("-" * w[i] for i in range(4)))
    for row in rows:
        print("  ".join(c.ljust(w[i]) for i, c in enumerate(row)).rstrip())


if __name__ == "__main__":
    main()
