"""Stored results: what each assessment's answers score to, kept beside them for the portfolio.

Revision ID: 0004
Revises: 0003
Created: 2026-12-02

Adds the ``assessment_results`` table, empty. The migration imports no scoring code (a
migration must give the same schema whatever the app's scoring becomes): the rows of existing
assessments are computed by the store from their answers, by ``python -m assessments db upgrade``
right after this revision (``assessments.store.results.refresh_results``), and otherwise the first
time a portfolio needs them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_results",
        sa.Column("assessment_id", sa.String(32), sa.ForeignKey("assessments.id"), primary_key=True),
        sa.Column("stamp", sa.String(64), nullable=False),
        sa.Column("framework_versions", sa.JSON, nullable=False),
        sa.Column("sections", sa.Text, nullable=False),
        sa.Column("screen", sa.Text, nullable=False),
        sa.Column("complex_domains", sa.Integer, nullable=True),
        sa.Column("at_least_domains", sa.Integer, nullable=False),
        sa.Column("unknown_domains", sa.Integer, nullable=False),
        sa.Column("priority_gaps", sa.Integer, nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("answered", sa.Integer, nullable=False),
        sa.Column("dont_know", sa.Integer, nullable=False),
        sa.Column("rated", sa.Integer, nullable=False),
        sa.Column("rated_with_evidence", sa.Integer, nullable=False),
        sa.Column("dont_know_pct", sa.Float, nullable=True),
        sa.Column("evidence_pct", sa.Float, nullable=True),
        sa.Column("coverage_pct", sa.Float, nullable=True),
        sa.Column("computed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Downgrades are not supported: restore the backup taken before upgrading.")
