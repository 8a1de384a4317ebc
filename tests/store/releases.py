"""Databases made by earlier releases, on whichever database the tests run on.

``tests/store/data`` keeps two SQLite files made by earlier releases (see ``test_migrate``).
On SQLite a test works on a copy of the file. On PostgreSQL the same database is made
again: the release's tables are created by the Alembic revision that describes them
(``0001`` for ``release-issue9``, ``0002`` for ``release-issue10``, ``0003`` for
``release-issue11``), the ``alembic_version`` table is dropped for the two releases made before
Alembic was used (the upgrade must recognise them by their tables), and every row of the SQLite file is copied in, ids and times unchanged. What the
upgrade then does is exactly what it does for such a database on a PostgreSQL server.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, MetaData, create_engine, insert, inspect, select, text
from sqlalchemy.engine import make_url

from assessments.store.migrate import MIGRATIONS

DATA = Path(__file__).parent / "data"
RELEASE_REVISION = {"release-issue9.db": "0001", "release-issue10.db": "0002", "release-issue11.db": "0003"}
"""The Alembic revision whose tables each release file has."""
STAMPED = {"release-issue11.db"}
"""Releases made with Alembic: their ``alembic_version`` table is copied like any other."""


def load_release(name: str, url: str) -> None:
    """Make the database at ``url`` (new and empty) hold what the release file ``name`` holds."""
    if make_url(url).get_backend_name() == "sqlite":
        target = Path(make_url(url).database or "")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / name, target)
        return
    source = create_engine(f"sqlite:///{DATA / name}")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _create_release_tables(conn, RELEASE_REVISION[name], stamped=name in STAMPED)
        with source.connect() as src, engine.begin() as dst:
            _copy_rows(src, dst)
    finally:
        source.dispose()
        engine.dispose()


def _create_release_tables(conn: Connection, revision: str, *, stamped: bool) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)
    if not stamped:
        conn.execute(text("DROP TABLE alembic_version"))


def _copy_rows(src: Connection, dst: Connection) -> None:
    """Replace every row of the target's tables with the source's (same columns), then move sequences on."""
    old, new = MetaData(), MetaData()
    old.reflect(src)
    new.reflect(dst)
    assert set(old.tables) == set(new.tables), "the revision must describe the release's tables"
    for table in reversed(new.sorted_tables):
        dst.execute(table.delete())
    for table in new.sorted_tables:
        extra = set(old.tables[table.name].c.keys()) - set(table.c.keys())
        assert not extra, f"{table.name}: the release had columns the revision lacks: {extra}"
        rows: list[dict[str, Any]] = [dict(r._mapping) for r in src.execute(select(old.tables[table.name]))]
        if rows:
            dst.execute(insert(table), rows)
    for table in new.sorted_tables:
        for column in inspect(dst).get_pk_constraint(table.name)["constrained_columns"]:
            sequence = dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column})
            name = sequence.scalar()
            if name is not None:
                dst.execute(
                    text(f"SELECT setval(:s, coalesce((SELECT max({column}) FROM {table.name}), 0) + 1, false)"),
                    {"s": name},
                )
