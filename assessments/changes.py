"""What saving one assessment over another would change: details first, then answers, each old -> new.

Used to preview an import (:mod:`assessments.importing`) before anything is
saved. Values are shown as people see them: option labels, dates as
YYYY-MM-DD, evidence types by their labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assessments.models import ROLE_LABELS, STAGE_LABELS, Assessment, Framework
from assessments.wording import DETAIL_LABELS, answer_text, evidence_text


@dataclass(frozen=True)
class Change:
    """One difference between a saved assessment and an imported one."""

    where: str
    """Human location, e.g. ``Innovation: Stage`` or ``SCIE scaling factors: Leadership``."""
    field: str
    """``value``, ``note`` or ``evidence`` for answers; the field id for details."""
    old: str
    new: str
    framework: str | None = None
    item: str | None = None


def _details(assessment: Assessment) -> dict[str, str]:
    inn, meta = assessment.innovation, assessment.assessment
    return {
        "name": inn.name,
        "organisation": inn.organisation,
        "description": inn.description,
        "stage": STAGE_LABELS[meta.stage] if meta.stage else "",
        "assessor_role": ROLE_LABELS[meta.assessor_role] if meta.assessor_role else "",
        "assessor": meta.assessor,
        "assessed_on": meta.assessed_on.isoformat() if meta.assessed_on else "",
        "label": meta.label,
    }


def diff_assessments(old: Assessment | None, new: Assessment, frameworks: Mapping[str, Framework]) -> list[Change]:
    """List what saving ``new`` over ``old`` would change (everything, if ``old`` is None).

    Args:
        old: The saved assessment, or None when the import creates a new one.
        new: The imported assessment.
        frameworks: The frameworks by id, for labels.

    Returns:
        Changes to details first, then answers in questionnaire order.
    """
    changes: list[Change] = []
    old_details = _details(old) if old else dict.fromkeys(DETAIL_LABELS, "")
    for key, new_value in _details(new).items():
        if old_details[key] != new_value:
            changes.append(Change(f"Innovation: {DETAIL_LABELS[key]}", key, old_details[key], new_value))
    for fw in frameworks.values():
        for item_id, item in fw.items.items():
            before = old.answer(fw.id, item_id) if old else None
            after = new.answer(fw.id, item_id)
            where = f"{fw.short_title}: {item.short_label}"
            pairs = (
                ("value", answer_text(fw, item_id, before), answer_text(fw, item_id, after)),
                ("note", before.note if before else "", after.note if after else ""),
                (
                    "evidence",
                    evidence_text(before.evidence) if before else "",
                    evidence_text(after.evidence) if after else "",
                ),
            )
            for field, was, now in pairs:
                if was != now:
                    changes.append(Change(where, field, was, now, framework=fw.id, item=item_id))
    return changes
