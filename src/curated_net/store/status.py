"""What is in a database, in numbers."""

from __future__ import annotations

from .database import Store

_COUNTS = {
    "connections": "SELECT count(*) FROM connection",
    "curated_connections": "SELECT count(*) FROM connection WHERE curated = 1",
    "links": "SELECT count(*) FROM link",
    "interactions": "SELECT count(*) FROM interaction",
    "people": "SELECT count(*) FROM person WHERE is_me = 0",
    "emails": "SELECT count(*) FROM email",
    "phones": "SELECT count(*) FROM phone",
    "tags": "SELECT count(DISTINCT name_key) FROM tag",
    "highlights": "SELECT count(*) FROM highlight",
}


def database_status(store: Store) -> dict:
    with store.connect() as conn:
        counts = {name: int(conn.execute(sql).fetchone()[0]) for name, sql in _COUNTS.items()}
        me = conn.execute("SELECT name FROM person WHERE is_me = 1").fetchone()
    return {
        "path": str(store.path),
        "schema_version": store.schema_version(),
        "me": me[0] if me else None,
        "counts": counts,
        "size_bytes": store.size_bytes(),
    }
