"""Teams: each member keeps a private local cnet and publishes a projection of it to a shared PostgreSQL store.

`projection` decides what of a person may leave the machine (and nothing else ever does); `keys` holds the team's
key and the keyed hashes made with it; `schema` is the server's numbered migrations; `server` talks to
PostgreSQL (psycopg, imported only here and only when a team command runs); `cache` keeps the team's projection
for when the server cannot be reached; `service` holds the use cases behind `cnet team`.
"""
