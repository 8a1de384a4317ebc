"""Small UI helpers shared by the pages: the details fields and their check, messages and times."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from assessments import validation
from assessments.errors import InputError, Problem
from assessments.models import (
    ROLE_LABELS,
    SHORT_TEXT_LENGTH,
    STAGE_LABELS,
    AssessmentMeta,
    AssessorRole,
    Innovation,
    Stage,
)
from ui.keys import DETAILS_FIELD


@dataclass(frozen=True)
class DetailsInput:
    """Raw values from the details widgets, before validation."""

    name: str
    organisation: str
    description: str
    stage: str | None
    assessor_role: str | None
    assessed_on: dt.date | None
    assessor: str
    label: str


REQUIRED_DETAILS = {
    "innovation.name": "Innovation name",
    "assessment.stage": "Stage",
    "assessment.assessor_role": "Your role",
    "assessment.assessed_on": "Date of the assessment",
}
"""The details this form requires, by field, with the label each is shown under."""


def check_details(values: DetailsInput) -> tuple[Innovation, AssessmentMeta] | list[Problem]:
    """Validate the details form (through ``assessments.validation``): every missing required field gives one problem.

    Returns:
        The innovation and assessment details, or the problems found.
    """
    innovation = {
        "name": values.name,
        "organisation": values.organisation.strip(),
        "description": values.description,
    }
    meta = {
        "assessed_on": values.assessed_on,
        "stage": values.stage,
        "assessor_role": values.assessor_role,
        "assessor": values.assessor.strip(),
        "label": values.label.strip(),
    }
    try:
        return validation.check_details(innovation, meta, required=REQUIRED_DETAILS)
    except InputError as exc:
        return list(exc.problems)


def _key(prefix: str, field: str) -> str:
    return DETAILS_FIELD.format(prefix=prefix, field=field)


def details_inputs(
    prefix: str, innovation: Innovation | None = None, meta: AssessmentMeta | None = None
) -> DetailsInput:
    """Render the innovation and assessment details widgets (keys start with ``prefix``).

    Stage and role have no pre-selected answer unless one was saved before.
    """
    stages = [s.value for s in Stage]
    roles = [r.value for r in AssessorRole]
    name = st.text_input(
        "Innovation name (required)",
        value=innovation.name if innovation else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "name"),
        placeholder="For example: Shared Lives day support",
    )
    organisation = st.text_input(
        "Organisation",
        value=innovation.organisation if innovation else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "org"),
    )
    description = st.text_area(
        "Short description",
        value=innovation.description if innovation else "",
        key=_key(prefix, "description"),
        help="A few sentences: what the innovation does, for whom, and where it runs now.",
        height=100,
    )
    stage = st.radio(
        "Stage (required)",
        options=stages,
        index=stages.index(meta.stage.value) if meta and meta.stage else None,
        format_func=lambda v: STAGE_LABELS[Stage(v)],
        horizontal=True,
        key=_key(prefix, "stage"),
    )
    role = st.radio(
        "Your role (required)",
        options=roles,
        index=roles.index(meta.assessor_role.value) if meta and meta.assessor_role else None,
        format_func=lambda v: ROLE_LABELS[AssessorRole(v)],
        horizontal=True,
        key=_key(prefix, "role"),
    )
    assessed_on = st.date_input(
        "Date of the assessment (required)",
        value=meta.assessed_on if meta and meta.assessed_on else "today",
        format="YYYY-MM-DD",
        key=_key(prefix, "date"),
    )
    assessor = st.text_input(
        "Assessed by (optional)",
        value=meta.assessor if meta else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "assessor"),
    )
    label = st.text_input(
        "Label (optional)",
        value=meta.label if meta else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "label"),
        placeholder="For example: Baseline, or Six-month review",
    )
    return DetailsInput(
        name=name or "",
        organisation=organisation or "",
        description=description or "",
        stage=stage,
        assessor_role=role,
        assessed_on=assessed_on if isinstance(assessed_on, dt.date) else None,
        assessor=assessor or "",
        label=label or "",
    )


def details_from_state(prefix: str) -> DetailsInput:
    """The details as currently held by the widgets made with :func:`details_inputs` (for callbacks)."""
    ss = st.session_state
    assessed_on = ss.get(_key(prefix, "date"))
    return DetailsInput(
        name=ss.get(_key(prefix, "name")) or "",
        organisation=ss.get(_key(prefix, "org")) or "",
        description=ss.get(_key(prefix, "description")) or "",
        stage=ss.get(_key(prefix, "stage")),
        assessor_role=ss.get(_key(prefix, "role")),
        assessed_on=assessed_on if isinstance(assessed_on, dt.date) else None,
        assessor=ss.get(_key(prefix, "assessor")) or "",
        label=ss.get(_key(prefix, "label")) or "",
    )


def show_problems(problems: Sequence[Problem], heading: str) -> None:
    """One error box listing every problem (location, message and code)."""
    lines = "\n".join(f"- {p}" for p in problems)
    st.error(f"{heading}\n\n{lines}", icon=":material/error:")


def local_time(value: dt.datetime | None, *, with_date: bool = True) -> str:
    """A stored UTC time as the server's local time, e.g. ``2026-03-01 14:05``."""
    if value is None:
        return ""
    local = value.astimezone()
    return local.strftime("%Y-%m-%d %H:%M") if with_date else local.strftime("%H:%M:%S")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text typed by a person (a name, an e-mail address) made safe to put inside Streamlit markdown.

    Every markdown, LaTeX (``$``) and Streamlit directive (``:color[...]``, ``:material/...:``)
    character is backslash-escaped and line breaks become spaces, so the text shows as typed.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))
