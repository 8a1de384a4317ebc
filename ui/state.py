"""Session and URL state shared by the pages: one place for keys and helpers.

Answers never live only in session state: they are written to the database the
moment they change (see assessments.storage). Session state holds only view
state (which section is open), and the assessment id lives in the URL
(``?a=<id>``) so a refresh or a shared link reopens the same assessment.
"""

from __future__ import annotations

import streamlit as st

from assessments.catalogue import bundled_frameworks
from assessments.models import Framework
from assessments.storage import Store

QP_ASSESSMENT = "a"
"""URL query parameter holding the open assessment's id."""
QP_SECTION = "s"
"""URL query parameter holding the open questionnaire step (framework.section)."""


@st.cache_resource
def get_store() -> Store:
    """The process-wide store (DATABASE_URL or SQLite under data/)."""
    return Store()


@st.cache_resource
def get_frameworks() -> dict[str, Framework]:
    """The bundled frameworks, validated once per server process."""
    return bundled_frameworks()


def current_assessment_id() -> str | None:
    """The assessment id from the URL, if any."""
    value = st.query_params.get(QP_ASSESSMENT)
    return value or None


def open_assessment(assessment_id: str) -> None:
    """Put an assessment id in the URL (keeps other params)."""
    st.query_params[QP_ASSESSMENT] = assessment_id
