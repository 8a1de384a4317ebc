"""A version number on every answer, assessment and innovation, so a save based on a stale view is caught.

Revision ID: 0003
Revises: 0002
Created: 2026-12-09

Each row starts at version 1 and every write of it adds one (``assessments.store.versions``).
An answer's version counts changes of its value, note or evidence; an assessment's, changes of
its details (label, date, stage, role, assessor); an innovation's, changes of its name,
organisation or description. Existing rows get version 1; nothing else changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("answers", "assessments", "innovations")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))


def downgrade() -> None:
    raise NotImplementedError("Downgrades are not supported: restore the backup taken before upgrading.")
