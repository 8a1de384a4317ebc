"""The database: its schema, its statements, who may see what, and the only code that reads or writes it."""

from assessments.store.access import (
    DEMO_WORKSPACE,
    LOCAL_ACTOR,
    LOCAL_WORKSPACE,
    Origin,
    Role,
    Viewer,
    read_only_reason,
)
from assessments.store.api import Store
from assessments.store.audit import AuditEntry
from assessments.store.engine import database_status, default_url, upgrade_database
from assessments.store.migrate import SchemaStatus
from assessments.store.rows import EXAMPLE_SOURCE_PREFIX, new_id
from assessments.store.sharing import LINK_DAYS_MAX, Share, ShareLink
from assessments.store.summaries import AssessmentSummary
from assessments.store.versions import (
    AnswerConflict,
    ConflictError,
    DetailsConflict,
    FieldConflict,
    SavedAnswer,
    SavedDetails,
    resolve_answer,
    resolve_details,
)
from assessments.store.workspaces import Membership, Workspace

__all__ = [
    "DEMO_WORKSPACE",
    "EXAMPLE_SOURCE_PREFIX",
    "LINK_DAYS_MAX",
    "LOCAL_ACTOR",
    "LOCAL_WORKSPACE",
    "AnswerConflict",
    "AssessmentSummary",
    "AuditEntry",
    "ConflictError",
    "DetailsConflict",
    "FieldConflict",
    "Membership",
    "Origin",
    "Role",
    "SavedAnswer",
    "SavedDetails",
    "SchemaStatus",
    "Share",
    "ShareLink",
    "Store",
    "Viewer",
    "Workspace",
    "database_status",
    "default_url",
    "new_id",
    "read_only_reason",
    "resolve_answer",
    "resolve_details",
    "upgrade_database",
]
