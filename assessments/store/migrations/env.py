"""Alembic environment: runs the migrations on the connection the store hands over (never opens its own).

``assessments.store.migrate`` calls Alembic with ``config.attributes["connection"]`` set to a
connection inside an open transaction that already holds the database's write lock, so two
server processes starting at once never migrate twice. SQLite gets batch mode (it cannot alter
most things in place).
"""

from __future__ import annotations

from alembic import context

from assessments.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
