"""Workspaces, memberships, shares and links; every innovation placed in a workspace.

Revision ID: 0002
Revises: 0001
Created: 2026-12-02

Existing assessments go to the single-user ``local`` workspace (the installation they were made
in), the illustrative examples to the ``demo`` workspace, and the old global weight profiles
become the ``local`` workspace's. Nothing is deleted. A database made by the release that first
had workspaces (created without Alembic) is recognised and stamped at this revision.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SPECIAL = {"local": "This computer", "demo": "Illustrative examples"}


def upgrade() -> None:
    op.create_table(
        "workspaces",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column("workspace_id", sa.String(32), sa.ForeignKey("workspaces.id"), primary_key=True),
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_memberships_email", "memberships", ["email"])
    op.create_table(
        "shares",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("assessment_id", sa.String(32), nullable=False),
        sa.Column("from_workspace_id", sa.String(32), nullable=False),
        sa.Column("to_workspace_id", sa.String(32), sa.ForeignKey("workspaces.id"), nullable=False),
        sa.Column("copy_id", sa.String(32), nullable=True),
        sa.Column("version_at", sa.DateTime, nullable=False),
        sa.Column("shared_at", sa.DateTime, nullable=False),
        sa.Column("shared_by", sa.String(200), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime, nullable=True),
        sa.Column("withdrawn_by", sa.String(200), nullable=False),
    )
    for column in ("assessment_id", "to_workspace_id", "copy_id"):
        op.create_index(f"ix_shares_{column}", "shares", [column])
    op.create_table(
        "share_links",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("assessment_id", sa.String(32), nullable=False),
        sa.Column("snapshot", sa.JSON, nullable=False),
        sa.Column("version_at", sa.DateTime, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.Column("revoked_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_share_links_assessment_id", "share_links", ["assessment_id"])
    op.create_table(
        "workspace_profiles",
        sa.Column("workspace_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("weights", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    with op.batch_alter_table("innovations") as batch:
        batch.add_column(sa.Column("workspace_id", sa.String(32), nullable=False, server_default="local"))
        batch.add_column(sa.Column("source_innovation_id", sa.String(32), nullable=True))
        batch.create_index("ix_innovations_workspace_id", ["workspace_id"])
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="own"))
        batch.add_column(sa.Column("archived_at", sa.DateTime, nullable=True))
    with op.batch_alter_table("audit") as batch:
        batch.add_column(sa.Column("workspace_id", sa.String(32), nullable=True))
        batch.create_index("ix_audit_workspace_id", ["workspace_id"])

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    workspaces = sa.table(
        "workspaces",
        sa.column("id", sa.String),
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("created_by", sa.String),
    )
    op.bulk_insert(
        workspaces,
        [{"id": wid, "name": name, "kind": wid, "created_at": now, "created_by": ""} for wid, name in SPECIAL.items()],
    )
    op.execute(
        "UPDATE innovations SET workspace_id = 'demo' WHERE id IN "
        "(SELECT innovation_id FROM assessments WHERE source LIKE 'example:%')"
    )
    op.execute(
        "INSERT INTO workspace_profiles (workspace_id, name, weights, updated_at) "
        "SELECT 'local', name, weights, updated_at FROM weight_profiles"
    )


def downgrade() -> None:
    raise NotImplementedError("Downgrades are not supported: restore the backup taken before upgrading.")
