"""The database schema: every table, and the prebuilt statements on the questionnaire's hot path.

Tables:

* ``innovations``: what is assessed (name, organisation, description).
* ``assessments``: one dated assessment of an innovation (a baseline, then
  follow-ups), with stage, assessor role and the framework versions used.
* ``answers``: one row per (assessment, framework, item): option id / text /
  date, note and evidence types, who and when, and a version.

``answers``, ``assessments`` and ``innovations`` each carry a ``version`` that every write of
the row's own fields adds one to (an answer's value, note, evidence; an assessment's details;
an innovation's name, organisation, description): see :mod:`assessments.store.versions`.
* ``audit``: append-only; one row per changed field of an answer or of the
  assessment details, with old and new values as JSON, and one per event of a
  workspace (membership, share, deletion; ``assessment_id`` empty when none).
* ``workspaces``: organisations (plus the single-user ``local`` one and the ``demo`` one
  holding the illustrative examples); every innovation belongs to exactly one.
* ``memberships``: a person (matched by e-mail) holds a role in a workspace.
* ``shares``: an assessment shared with another workspace as a frozen copy, and its withdrawal.
* ``share_links``: read-only links for people without an account (only a hash of the token).
* ``workspace_profiles``: named comparison weights of one workspace.
* ``assessment_results``: one row per assessment, what its answers score to (per-section values and
  the screen), written in the same transaction as every change of its answers or details
  (:mod:`assessments.store.results`), so the portfolio never scores anything when it is viewed.

The schema is created by the Alembic migrations when a store opens an empty database;
one made by an earlier release is upgraded by ``python -m assessments db upgrade``
(:mod:`assessments.store.migrate`).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    delete,
    insert,
    select,
    update,
)

metadata = MetaData()

workspaces = Table(
    "workspaces",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("kind", String(16), nullable=False, default="organisation"),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False, default=""),
)

memberships = Table(
    "memberships",
    metadata,
    Column("workspace_id", String(32), ForeignKey("workspaces.id"), primary_key=True),
    Column("email", String(254), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("added_at", DateTime, nullable=False),
    Column("added_by", String(200), nullable=False, default=""),
    Index("ix_memberships_email", "email"),
)

innovations = Table(
    "innovations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("workspace_id", String(32), nullable=False, default="local", index=True),
    Column("source_innovation_id", String(32), nullable=True),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
)

assessments_table = Table(
    "assessments",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("innovation_id", String(32), ForeignKey("innovations.id"), nullable=False, index=True),
    Column("label", String(200), nullable=False, default=""),
    Column("assessed_on", Date, nullable=True),
    Column("stage", String(32), nullable=True),
    Column("assessor_role", String(32), nullable=True),
    Column("assessor", String(200), nullable=False, default=""),
    Column("framework_versions", JSON, nullable=False, default=dict),
    Column("source", String(300), nullable=False, default=""),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False, default=""),
    Column("origin", String(16), nullable=False, default="own"),
    Column("archived_at", DateTime, nullable=True),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
)

answers_table = Table(
    "answers",
    metadata,
    Column("assessment_id", String(32), ForeignKey("assessments.id"), primary_key=True),
    Column("framework_id", String(64), primary_key=True),
    Column("item_id", String(64), primary_key=True),
    Column("value", Text, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("evidence", JSON, nullable=False, default=list),
    Column("updated_by", String(200), nullable=False, default=""),
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
)

audit_table = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("assessment_id", String(32), nullable=False, index=True),
    Column("workspace_id", String(32), nullable=True, index=True),
    Column("framework_id", String(64), nullable=True),
    Column("item_id", String(64), nullable=True),
    Column("field", String(64), nullable=False),
    Column("old", JSON, nullable=True),
    Column("new", JSON, nullable=True),
    Column("actor", String(200), nullable=False, default=""),
    Column("reason", String(300), nullable=False, default=""),
    Column("at", DateTime, nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("assessment_id", String(32), nullable=False, index=True),
    Column("from_workspace_id", String(32), nullable=False),
    Column("to_workspace_id", String(32), ForeignKey("workspaces.id"), nullable=False, index=True),
    Column("copy_id", String(32), nullable=True, index=True),
    Column("version_at", DateTime, nullable=False),
    Column("shared_at", DateTime, nullable=False),
    Column("shared_by", String(200), nullable=False),
    Column("withdrawn_at", DateTime, nullable=True),
    Column("withdrawn_by", String(200), nullable=False, default=""),
)

share_links = Table(
    "share_links",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("assessment_id", String(32), nullable=False, index=True),
    Column("snapshot", JSON, nullable=False),
    Column("version_at", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("revoked_at", DateTime, nullable=True),
    Column("revoked_by", String(200), nullable=False, default=""),
)

workspace_profiles = Table(
    "workspace_profiles",
    metadata,
    Column("workspace_id", String(32), primary_key=True),
    Column("name", String(60), primary_key=True),
    Column("weights", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

assessment_results = Table(
    "assessment_results",
    metadata,
    Column("assessment_id", String(32), ForeignKey("assessments.id"), primary_key=True),
    Column("stamp", String(64), nullable=False),
    Column("framework_versions", JSON, nullable=False),
    Column("sections", Text, nullable=False),
    Column("screen", Text, nullable=False),
    Column("complex_domains", Integer, nullable=True),
    Column("at_least_domains", Integer, nullable=False),
    Column("unknown_domains", Integer, nullable=False),
    Column("priority_gaps", Integer, nullable=False),
    Column("items", Integer, nullable=False),
    Column("answered", Integer, nullable=False),
    Column("dont_know", Integer, nullable=False),
    Column("rated", Integer, nullable=False),
    Column("rated_with_evidence", Integer, nullable=False),
    Column("dont_know_pct", Float, nullable=True),
    Column("evidence_pct", Float, nullable=True),
    Column("coverage_pct", Float, nullable=True),
    Column("computed_at", DateTime, nullable=False),
)
"""What an assessment's answers score to, kept beside them (:mod:`assessments.store.results`).

``stamp`` names the scoring code and framework versions the row was computed with; a row whose
stamp differs from the running app's is recomputed before it is shown. ``sections`` and ``screen``
are JSON text, parsed only for the assessments a page draws."""

weight_profiles_table = Table(
    "weight_profiles",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("weights", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
"""Weight profiles of a database made before workspaces; read once by the upgrade, never written."""

# The statements on the questionnaire's hot path (one save per click, one read per
# screen), built once with bound parameters. Building a statement afresh costs
# more in SQLAlchemy than SQLite spends running it; these compile once per dialect.
ANSWER_KEY = and_(
    answers_table.c.assessment_id == bindparam("k_assessment"),
    answers_table.c.framework_id == bindparam("k_framework"),
    answers_table.c.item_id == bindparam("k_item"),
)
SELECT_ANSWER = select(answers_table).where(ANSWER_KEY)
SELECT_ANSWERS = select(answers_table).where(answers_table.c.assessment_id == bindparam("k_assessment"))
# A change is written only over the version it was merged with (``k_version``): a row changed
# in between matches nothing, and the save is merged again (assessments.store.answers).
ANSWER_AT_VERSION = and_(ANSWER_KEY, answers_table.c.version == bindparam("k_version"))
DELETE_ANSWER = delete(answers_table).where(ANSWER_AT_VERSION)
INSERT_ANSWER = insert(answers_table)
UPDATE_ANSWER = (
    update(answers_table)
    .where(ANSWER_AT_VERSION)
    .values(
        value=bindparam("n_value"),
        note=bindparam("n_note"),
        evidence=bindparam("n_evidence"),
        updated_by=bindparam("n_by"),
        updated_at=bindparam("n_at"),
        version=answers_table.c.version + 1,
    )
)
LOCK_ASSESSMENT = (
    select(assessments_table.c.id).where(assessments_table.c.id == bindparam("k_assessment")).with_for_update()
)
"""Held by a save until it commits, on databases with row locks (PostgreSQL): saves of one
assessment's answers and details then run one after another, as SQLite's write lock makes them."""
INSERT_AUDIT = insert(audit_table)
TOUCH_ASSESSMENT = (
    update(assessments_table)
    .where(assessments_table.c.id == bindparam("k_assessment"))
    .values(updated_at=bindparam("n_at"))
)
SELECT_PLACE = (
    select(assessments_table.c.id, assessments_table.c.origin, innovations.c.workspace_id)
    .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
    .where(assessments_table.c.id == bindparam("k_assessment"))
)
SELECT_ROLES = select(memberships.c.workspace_id, memberships.c.role).where(memberships.c.email == bindparam("k_email"))
