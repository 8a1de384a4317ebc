"""The schema of the first release (innovations, assessments, answers, audit, weight profiles).

Revision ID: 0001
Revises:
Created: 2026-12-02

A database made by that release has these tables and no ``alembic_version``; it is recognised
and stamped at this revision before the later ones run (``assessments.store.migrate``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "innovations",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("innovation_id", sa.String(32), sa.ForeignKey("innovations.id"), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("assessed_on", sa.Date, nullable=True),
        sa.Column("stage", sa.String(32), nullable=True),
        sa.Column("assessor_role", sa.String(32), nullable=True),
        sa.Column("assessor", sa.String(200), nullable=False),
        sa.Column("framework_versions", sa.JSON, nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_assessments_innovation_id", "assessments", ["innovation_id"])
    op.create_table(
        "answers",
        sa.Column("assessment_id", sa.String(32), sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("framework_id", sa.String(64), primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("assessment_id", sa.String(32), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=True),
        sa.Column("item_id", sa.String(64), nullable=True),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old", sa.JSON, nullable=True),
        sa.Column("new", sa.JSON, nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(300), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audit_assessment_id", "audit", ["assessment_id"])
    op.create_table(
        "weight_profiles",
        sa.Column("name", sa.String(60), primary_key=True),
        sa.Column("weights", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Downgrades are not supported: restore the backup taken before upgrading.")
