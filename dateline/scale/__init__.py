"""Scaling out: analysis in worker processes (:mod:`.pool`) or on a Dask cluster
(:mod:`.cluster`), the functions workers run (:mod:`.worker`), and a private PostgreSQL server
for tests and benchmarks (:mod:`.pgserver`).

The store stays one database: SQLite for one analyst, PostgreSQL for a team; see docs/cli.md
("Scaling")."""
