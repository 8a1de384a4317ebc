"""The database: its schema, its statements, and the only code that reads or writes it."""

from assessments.store.api import Store
from assessments.store.audit import AuditEntry
from assessments.store.engine import default_url
from assessments.store.rows import EXAMPLE_SOURCE_PREFIX, new_id
from assessments.store.summaries import AssessmentSummary

__all__ = [
    "EXAMPLE_SOURCE_PREFIX",
    "AssessmentSummary",
    "AuditEntry",
    "Store",
    "default_url",
    "new_id",
]
