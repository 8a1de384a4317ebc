"""Bringing a database made by an earlier release up to the current schema, in place and with nothing lost.

``metadata.create_all`` adds missing tables but never columns, so a database made
before workspaces existed gets its new columns here, its innovations placed in
the ``local`` workspace (the single-user installation they were made in), its
illustrative examples in the ``demo`` workspace, and its weight profiles kept
as the ``local`` workspace's. Running it on a current database changes nothing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from assessments.store.schema import (
    assessments_table,
    innovations,
    weight_profiles_table,
    workspace_profiles,
    workspaces,
)

_SPECIAL = {"local": "This computer", "demo": "Illustrative examples"}
_NEW_COLUMNS = {
    "innovations": {
        "workspace_id": "VARCHAR(32) NOT NULL DEFAULT 'local'",
        "source_innovation_id": "VARCHAR(32)",
    },
    "assessments": {
        "origin": "VARCHAR(16) NOT NULL DEFAULT 'own'",
        "archived_at": "TIMESTAMP",
    },
    "audit": {"workspace_id": "VARCHAR(32)"},
}


def upgrade_schema(engine: Engine) -> None:
    """Add what an older database lacks and make sure the ``local`` and ``demo`` workspaces exist.

    Several server processes may open a new database at the same moment: the work runs in one
    write transaction (``BEGIN IMMEDIATE`` on SQLite, so a second process waits and then finds
    nothing to do), and a process that loses a race to insert the same row tries once more.
    """
    try:
        _upgrade(engine)
    except IntegrityError:
        _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        with conn.begin():
            inspector = inspect(conn)
            missing = {
                table: [c for c in columns if c not in {col["name"] for col in inspector.get_columns(table)}]
                for table, columns in _NEW_COLUMNS.items()
            }
            _special_workspaces(conn)
            if any(missing.values()):
                _add_columns(conn, missing)


def _special_workspaces(conn: Connection) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    have = set(conn.execute(select(workspaces.c.id)).scalars())
    for wid, name in _SPECIAL.items():
        if wid not in have:
            conn.execute(insert(workspaces).values(id=wid, name=name, kind=wid, created_at=now, created_by=""))


def _add_columns(conn: Connection, missing: dict[str, list[str]]) -> None:
    for table, columns in missing.items():
        for column in columns:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {_NEW_COLUMNS[table][column]}"))
    if "workspace_id" in missing["innovations"]:
        examples = select(assessments_table.c.innovation_id).where(assessments_table.c.source.like("example:%"))
        conn.execute(update(innovations).where(innovations.c.id.in_(examples)).values(workspace_id="demo"))
        old_profiles = conn.execute(select(weight_profiles_table)).all()
        if old_profiles:
            conn.execute(
                insert(workspace_profiles),
                [
                    {"workspace_id": "local", "name": r.name, "weights": r.weights, "updated_at": r.updated_at}
                    for r in old_profiles
                ],
            )
