"""The database file: privacy, migrations, backups, checks, and two writers at once."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from curated_net.store import migrations
from curated_net.store.database import Store


def test_database_is_private(me):
    assert stat.S_IMODE(me.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(me.db.parent.stat().st_mode) == 0o700


def test_wal_and_foreign_keys(me):
    conn = sqlite3.connect(me.db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    store = Store.open(me.db)
    with store.connect() as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_from_blank_record_every_version(tmp_path):
    path = tmp_path / "x.db"
    Store.open(path, create=True)
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [m.version for m in migrations.MIGRATIONS]
    assert not list(tmp_path.glob("*.bak")), "a blank database needs no backup"


def test_each_migration_upgrades_from_the_previous_version_with_a_backup(tmp_path):
    for prev in range(1, migrations.LATEST):
        path = tmp_path / f"v{prev}.db"
        conn = sqlite3.connect(path, isolation_level=None)
        migrations.migrate(conn, target=prev)
        conn.close()
        Store.open(path)
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == migrations.LATEST
        backups = list(tmp_path.glob(f"v{prev}.db.v{prev}-*.bak"))
        assert len(backups) == 1


def test_a_failing_migration_leaves_the_previous_version(tmp_path):
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path, isolation_level=None)
    broken = [*migrations.MIGRATIONS, migrations.Migration(99, "broken", "CREATE TABLE ok (x);\nNOT SQL;")]
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, migrations=broken)
    assert migrations.current_version(conn) == migrations.LATEST
    assert "ok" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_a_newer_database_is_refused_untouched(me):
    conn = sqlite3.connect(me.db)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = me.snapshot()
    r = me.fails("list")
    assert "newer cnet" in r.stderr and "999" in r.stderr
    assert me.snapshot() == before


def test_files_that_are_not_cnet_databases(cli, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    r = cli.fails("--db", str(junk), "list")
    assert "not a usable cnet database" in r.stderr
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE songs (title)")
    conn.commit()
    conn.close()
    r = cli.fails("--db", str(other), "list")
    assert "not a cnet database" in r.stderr
    assert {row[0] for row in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")} == {"songs"}


def test_db_path_status_backup_check(me, tmp_path):
    assert me.ok("db", "path").stdout.strip() == str(me.db)
    me.ok("add", "Ann Lee", "--email", "a@x.example", "--tag", "t")
    st = me.json("db", "status")
    assert st["schema_version"] == migrations.LATEST
    assert st["counts"]["people"] == 1 and st["counts"]["emails"] == 1
    on_disk = sum(Path(f"{me.db}{s}").stat().st_size for s in ("", "-wal", "-shm") if Path(f"{me.db}{s}").exists())
    assert st["me"] == "Sam Rivera" and st["size_bytes"] == on_disk
    dest = tmp_path / "b" / "copy.db"
    out = me.json("db", "backup", str(dest))
    assert out["backup"] == str(dest)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert sqlite3.connect(dest).execute("SELECT name FROM person WHERE handle='ann-lee'").fetchone() == ("Ann Lee",)
    assert "already exists" in me.fails("db", "backup", str(dest)).stderr
    assert me.json("db", "check") == {"ok": True, "problems": []}


def test_db_check_reports_a_broken_search_index(me):
    me.ok("add", "Ann Lee")
    conn = sqlite3.connect(me.db)
    conn.execute("UPDATE person_fts_content SET c0 = 'Bob'")  # index and content disagree
    conn.commit()
    conn.close()
    r = me("db", "check", "--json")
    assert r.exit_code == 1
    assert any("search index" in p for p in r.json()["problems"])
    me.ok("db", "reindex")
    assert me.json("db", "check")["ok"] is True
    assert [h["handle"] for h in me.json("search", "ann")] == ["ann-lee"]


def test_default_path_is_in_the_user_data_folder(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    r = cli.runner.invoke(
        __import__("curated_net.cli.app", fromlist=["app"]).app, ["db", "path"], env={"CNET_DB": None}
    )
    assert r.stdout.strip() == str(tmp_path / "xdg" / "cnet" / "cnet.db")


WRITER = """
import sys
from curated_net.cli.app import app
from typer.testing import CliRunner
runner = CliRunner()
for i in range(int(sys.argv[2])):
    r = runner.invoke(app, ["add", f"{sys.argv[1]} {i}"])
    if r.exit_code != 0:
        print(r.stdout, r.stderr, file=sys.stderr)
        sys.exit(1)
"""


def test_two_processes_writing_at_once_never_fail(me):
    env = {**os.environ, "CNET_DB": str(me.db), "CNET_POLICY": str(me.policy)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, name, "25"], env=env, stderr=subprocess.PIPE, text=True)
        for name in ("Writer Alpha", "Writer Beta")
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    assert len(me.json("list")) == 50
    assert me.json("db", "check")["ok"] is True


def test_help_does_not_import_the_orm():
    code = (
        "import sys\n"
        "from curated_net.cli.app import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    app(['add', '--help'])\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))\n"
        "print('ORM:' + ','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("ORM:"), out


def test_completion_of_person_names_does_not_import_the_orm(me):
    me.ok("add", "Leonard Okafor")
    me.ok("add", "Leona Lewis")
    code = (
        "import sys\n"
        "from curated_net.cli.app import app\n"
        "try:\n    app(prog_name='cnet')\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))\n"
        "print('ORM:' + ','.join(bad))\n"
    )
    env = {
        **os.environ,
        "CNET_DB": str(me.db),
        "CNET_POLICY": str(me.policy),
        "_CNET_COMPLETE": "complete_bash",
        "COMP_WORDS": "cnet show leon",
        "COMP_CWORD": "2",
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout
    assert "leonard-okafor" in out and "leona-lewis" in out
    assert out.strip().endswith("ORM:"), out


def test_no_command_imports_the_orm(example):
    code = (
        "import sys\n"
        "from curated_net.cli.app import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel'))\n"
        "print('ORM:' + ','.join(bad))\n"
    )
    env = {**os.environ, "CNET_DB": str(example.db), "CNET_POLICY": str(example.policy)}
    for args in (
        ["show", "bones"],
        ["degree", "christine-chapel"],
        ["search", "robots"],
        ["path", "lucia-romero"],
        ["network"],
        ["list", "--degree", "2"],
        ["history", "bones"],
        ["evidence", "bones"],
        ["db", "status"],
        # Writes too: every daily command runs on plain sqlite3, like the reads.
        ["add", "Orm Free", "--email", "orm@free.example", "--tag", "t"],
        ["edit", "orm-free", "--title", "Tester"],
        ["connect", "orm-free", "--as", "colleague", "--detail", "tests"],
        ["log", "orm-free", "Coffee"],
        ["link", "orm-free", "bones"],
        ["endorse", "orm-free", "--skill", "Testing"],
        ["request", "connect", "Stranger Danger", "--via", "phone"],
        ["intro", "ask", "bones", "jim", "--reason", "a role at Meridian"],
    ):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().endswith("ORM:"), (args, out.stdout[-300:])
