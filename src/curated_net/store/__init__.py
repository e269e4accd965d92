"""Persistence. `database` and `models` import the ORM; this package's root does not."""
