"""What each field of an assessment is called where people read it.

A problem or a change names a field by its dotted path (``innovation.name``, ``answers.scie.q1.note``):
stable, and what support needs. People read the field's label instead ("Innovation name"). This is the
one mapping from path to label, used by messages (``assessments.errors``), workbooks, change lists,
the app and the command line.
"""

from __future__ import annotations

DETAIL_LABELS = {
    "name": "Innovation name",
    "organisation": "Organisation",
    "description": "Description",
    "stage": "Stage",
    "assessor_role": "Assessor role",
    "assessor": "Assessor",
    "assessed_on": "Assessment date",
    "label": "Label",
}
"""How each field of an innovation's and an assessment's details is named, in workbooks and change lists."""

FIELD_LABELS = {
    "innovation": "Innovation details",
    "assessment": "Assessment details",
    "answers": "Answers",
    "format": "File format",
    "version": "Format version",
    "framework_versions": "Framework versions",
    "id": "Assessment id",
    "workspace": "Workspace",
    "role": "Role",
    "name": "Profile name",
    "order": "Ordering",
    "weights": "Weights",
    "answer": "Answer",
    "framework_version": "Framework version",
    "details": "Details",
} | {f"{part}.{key}": label for part in ("innovation", "assessment") for key, label in DETAIL_LABELS.items()}
"""Labels of the paths that are not an answer's (those are worded by :func:`field_label`)."""

_ANSWER_PARTS = {
    "value": "Answer to item {item}",
    "note": "Note on item {item}",
    "evidence": "Evidence for item {item}",
}


def field_label(path: str | None) -> str | None:
    """The label people read for a field path: ``innovation.name`` -> ``Innovation name``,
    ``answers.scie.q1.note`` -> ``Note on item q1``; ``None`` for a path with no label of its own
    (a key of someone's file, a weight such as ``scie.people``), which is then named as it stands."""
    if not path:
        return None
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    parts = path.split(".")
    if parts[0] == "answers" and len(parts) >= 3:
        part = parts[3] if len(parts) == 4 else "value"
        if len(parts) in (3, 4) and part in _ANSWER_PARTS:
            return _ANSWER_PARTS[part].format(item=parts[2])
    return None
