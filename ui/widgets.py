"""Small UI helpers shared by the pages: details fields, validation and messages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from assessments.errors import ErrorCode, Problem, problem
from assessments.models import (
    EVIDENCE_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)

SELF_ASSESSMENT_NOTE = (
    "Everything here is a self-assessment: the scores summarise your own judgement against published "
    "frameworks. They are not a measurement, an audit or an endorsement."
)


DETAILS_STEP = "details"
"""Step key of the questionnaire's details screen."""
EVIDENCE_IDS = [e.value for e in EvidenceType]
EVIDENCE_LABEL = {e.value: EVIDENCE_LABELS[e] for e in EvidenceType}


@dataclass(frozen=True)
class Step:
    """One questionnaire screen: the details, or one section of one framework.

    ``items`` holds plain, precomputed views of each item (ids, labels,
    captions) so a rerun does no model work.
    """

    key: str
    framework_id: str
    section_id: str
    title: str
    description: str
    item_ids: tuple[str, ...]
    items: tuple[dict, ...]


def _item_view(fw: Framework, item_id: str) -> dict:
    item = fw.item(item_id)
    options = fw.options(item_id)
    return {
        "id": item.id,
        "text": item.text,
        "help": item.help,
        "type": item.type,
        "option_ids": [o.id for o in options],
        "labels": {o.id: o.label for o in options},
        "captions": [o.descriptor for o in options],
    }


def _build_steps(frameworks: dict[str, Framework]) -> list[Step]:
    steps = [Step(DETAILS_STEP, "", "", "Details of the innovation and this assessment", "", (), ())]
    for fw in frameworks.values():
        for section in fw.sections:
            ids = tuple(i.id for i in section.items)
            steps.append(
                Step(
                    key=f"{fw.id}.{section.id}",
                    framework_id=fw.id,
                    section_id=section.id,
                    title=f"{fw.short_title}: {section.title}",
                    description=section.description,
                    item_ids=ids,
                    items=tuple(_item_view(fw, i) for i in ids),
                )
            )
    return steps


_STEPS_CACHE: dict[tuple[tuple[str, str], ...], list[Step]] = {}


def questionnaire_steps(frameworks: dict[str, Framework]) -> list[Step]:
    """The questionnaire screens in order: details, then each framework's sections.

    Built once per framework set and kept in a plain module-level dict: a dict
    lookup is much cheaper per rerun than ``st.cache_resource`` hashing.
    """
    signature = tuple((fid, fw.version) for fid, fw in frameworks.items())
    steps = _STEPS_CACHE.get(signature)
    if steps is None:
        steps = _STEPS_CACHE[signature] = _build_steps(frameworks)
    return steps


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
    "name": ("innovation.name", "Innovation name"),
    "stage": ("assessment.stage", "Stage"),
    "assessor_role": ("assessment.assessor_role", "Your role"),
    "assessed_on": ("assessment.assessed_on", "Date of the assessment"),
}


def check_details(values: DetailsInput) -> tuple[Innovation, AssessmentMeta] | list[Problem]:
    """Validate the details form: every missing required field gives one problem naming it.

    Returns:
        The innovation and assessment details, or the problems found.
    """
    problems: list[Problem] = []
    present = {
        "name": bool(values.name.strip()),
        "stage": values.stage is not None,
        "assessor_role": values.assessor_role is not None,
        "assessed_on": values.assessed_on is not None,
    }
    for key, (field, label) in REQUIRED_DETAILS.items():
        if not present[key]:
            problems.append(problem(ErrorCode.ASSESSMENT_008, field=field, detail=f"{label} (fill in '{label}')"))
    for text, field, limit in (
        (values.name, "innovation.name", 200),
        (values.organisation, "innovation.organisation", 200),
        (values.assessor, "assessment.assessor", 200),
        (values.label, "assessment.label", 200),
        (values.description, "innovation.description", 20_000),
    ):
        if len(text) > limit:
            problems.append(problem(ErrorCode.ASSESSMENT_013, field=field, length=len(text), limit=limit))
    if problems:
        return problems
    return (
        Innovation(name=values.name.strip(), organisation=values.organisation.strip(), description=values.description),
        AssessmentMeta(
            assessed_on=values.assessed_on,
            stage=Stage(values.stage) if values.stage else None,
            assessor_role=AssessorRole(values.assessor_role) if values.assessor_role else None,
            assessor=values.assessor.strip(),
            label=values.label.strip(),
        ),
    )


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
        max_chars=200,
        key=f"{prefix}:name",
        placeholder="For example: Shared Lives day support",
    )
    organisation = st.text_input(
        "Organisation", value=innovation.organisation if innovation else "", max_chars=200, key=f"{prefix}:org"
    )
    description = st.text_area(
        "Short description",
        value=innovation.description if innovation else "",
        key=f"{prefix}:description",
        help="A few sentences: what the innovation does, for whom, and where it runs now.",
        height=100,
    )
    stage = st.radio(
        "Stage (required)",
        options=stages,
        index=stages.index(meta.stage.value) if meta and meta.stage else None,
        format_func=lambda v: STAGE_LABELS[Stage(v)],
        horizontal=True,
        key=f"{prefix}:stage",
    )
    role = st.radio(
        "Your role (required)",
        options=roles,
        index=roles.index(meta.assessor_role.value) if meta and meta.assessor_role else None,
        format_func=lambda v: ROLE_LABELS[AssessorRole(v)],
        horizontal=True,
        key=f"{prefix}:role",
    )
    assessed_on = st.date_input(
        "Date of the assessment (required)",
        value=meta.assessed_on if meta and meta.assessed_on else "today",
        format="YYYY-MM-DD",
        key=f"{prefix}:date",
    )
    assessor = st.text_input(
        "Assessed by (optional)", value=meta.assessor if meta else "", max_chars=200, key=f"{prefix}:assessor"
    )
    label = st.text_input(
        "Label (optional)",
        value=meta.label if meta else "",
        max_chars=200,
        key=f"{prefix}:label",
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
    assessed_on = ss.get(f"{prefix}:date")
    return DetailsInput(
        name=ss.get(f"{prefix}:name") or "",
        organisation=ss.get(f"{prefix}:org") or "",
        description=ss.get(f"{prefix}:description") or "",
        stage=ss.get(f"{prefix}:stage"),
        assessor_role=ss.get(f"{prefix}:role"),
        assessed_on=assessed_on if isinstance(assessed_on, dt.date) else None,
        assessor=ss.get(f"{prefix}:assessor") or "",
        label=ss.get(f"{prefix}:label") or "",
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
