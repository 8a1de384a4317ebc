"""An assessment's audit history in words: when, who, what, and what it was before and after.

The store keeps one row per change (:meth:`~assessments.store.Store.audit_log`); this
module only words them for people (item labels instead of ids, option labels instead of
option ids) and shows them newest first as a plain-text table, a page at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from assessments.errors import InputError
from assessments.models import EVIDENCE_LABELS, ROLE_LABELS, STAGE_LABELS, AssessorRole, EvidenceType, Framework, Stage
from assessments.store import AuditEntry, Store
from assessments.wording import DETAIL_LABELS, option_labels
from ui.widgets import local_time, show_problems

PAGE_ROWS = 25
"""History rows per page of the table."""
MAX_CELL = 300
"""Longest text shown in one cell (longer notes are cut with an ellipsis)."""
COLUMNS = ("When", "Who", "What", "Was", "Now", "Why")

_SIMPLE = {
    "archived": "archived (hidden from lists and comparisons)",
    "restored": "restored from the archive",
    "deleted": "deleted",
    "link.revoked": "read-only link revoked",
}


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _item(frameworks: Mapping[str, Framework], fid: str | None, iid: str | None) -> tuple[Framework | None, str]:
    """The framework and the words for one item, e.g. ``'Co-production' (SCIE)``."""
    fw = frameworks.get(fid or "")
    if fw is None or iid not in fw.items:
        return None, f"{fid}.{iid}"
    return fw, f"'{fw.item(iid or '').short_label}' ({fw.short_title})"


def _value(fw: Framework | None, iid: str | None, value: Any) -> str:
    if value is None or value == "":
        return ""
    if fw is not None and iid in fw.items and fw.item(iid).type == "choice":
        return option_labels(fw, iid).get(str(value), str(value))
    return _cut(str(value))


def _evidence(value: Any) -> str:
    if not value:
        return ""
    ids = value if isinstance(value, list | tuple) else [value]
    known = EvidenceType._value2member_map_
    return "; ".join(EVIDENCE_LABELS[EvidenceType(e)] if e in known else str(e) for e in ids)


def _answer(fw: Framework | None, iid: str | None, value: Any) -> str:
    """A whole answer (value, note, evidence) in one line."""
    if not isinstance(value, Mapping):
        return _value(fw, iid, value)
    parts = [_value(fw, iid, value.get("value")) or "no answer"]
    if value.get("note"):
        parts.append(f"note: {_cut(str(value['note']))}")
    if value.get("evidence"):
        parts.append(f"evidence: {_evidence(value['evidence'])}")
    return "; ".join(parts)


def _detail(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field == "assessment.stage" and value in Stage._value2member_map_:
        return STAGE_LABELS[Stage(value)]
    if field == "assessment.assessor_role" and value in AssessorRole._value2member_map_:
        return ROLE_LABELS[AssessorRole(value)]
    return _cut(str(value))


def _created(reason: str) -> str:
    if reason.startswith("shared:"):
        return "a frozen copy shared with this workspace"
    if reason.startswith("example:"):
        return "an illustrative example"
    if reason.startswith("excel"):
        return "imported from an Excel workbook"
    if reason.startswith("json"):
        return "imported from a JSON file"
    return ""


def describe(entry: AuditEntry, frameworks: Mapping[str, Framework]) -> dict[str, str]:
    """One audit row in words, under :data:`COLUMNS`."""
    field, old, new, reason = entry.field, entry.old, entry.new, entry.reason or ""
    row = {"When": local_time(entry.at), "Who": entry.actor, "What": field, "Was": "", "Now": "", "Why": ""}
    fw, item = _item(frameworks, entry.framework_id, entry.item_id)
    if field == "value":
        kind = "rating" if fw is not None and fw.item(entry.item_id or "").type == "choice" else "answer"
        row.update(What=f"{kind} of {item}", Was=_value(fw, entry.item_id, old), Now=_value(fw, entry.item_id, new))
    elif field == "note":
        row.update(What=f"note on {item}", Was=_cut(str(old or "")), Now=_cut(str(new or "")))
    elif field == "evidence":
        row.update(What=f"evidence for {item}", Was=_evidence(old), Now=_evidence(new))
    elif field == "answer":
        why = "copied from the previous assessment" if reason.startswith("copied from") else _created(reason)
        row.update(
            What=f"answer to {item}", Was=_answer(fw, entry.item_id, old), Now=_answer(fw, entry.item_id, new), Why=why
        )
    elif field.startswith(("innovation.", "assessment.")):
        name = DETAIL_LABELS.get(field.split(".", 1)[1], field)
        row.update(What=name.lower(), Was=_detail(field, old), Now=_detail(field, new))
    elif field == "created":
        row.update(What="assessment created", Why=_created(reason))
    elif field == "replaced":
        row.update(What="every answer replaced by an import", Why=_created(reason) or _cut(reason))
    elif field == "shared":
        row.update(What=f"shared with {new}", Now="frozen copy of this version")
    elif field == "share.withdrawn":
        replaced = "replaced" in reason
        row.update(What=f"share with {old} {'replaced by a newer version' if replaced else 'withdrawn'}")
    elif field == "framework_version":
        owner = frameworks.get(entry.framework_id or "")
        name = owner.short_title if owner is not None else entry.framework_id or "framework"
        row.update(What=f"{name} answers checked against version {new}", Was=str(old or ""), Now=str(new or ""))
    elif field == "link.created":
        row.update(What="read-only link created", Now=f"expires {new}")
    else:
        row["What"] = _SIMPLE.get(field, field)
    return row


def history_table(entries: Sequence[AuditEntry], frameworks: Mapping[str, Framework]) -> pd.DataFrame:
    """Audit rows in words, newest first (the order given is oldest first, as the store returns them)."""
    rows = [describe(e, frameworks) for e in reversed(entries)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def show_history(store: Store, frameworks: Mapping[str, Framework], assessment_id: str, *, key: str) -> None:
    """The assessment's history as a plain-text table, newest first, :data:`PAGE_ROWS` rows a page.

    ``key`` prefixes the table's and the page picker's widget keys.
    """
    try:
        # The store also files a copy of some events (shares, links, archiving) under each workspace
        # concerned, for the workspace's own history; the assessment's history is its own rows only.
        entries = [e for e in store.audit_log(assessment_id) if e.workspace_id is None]
    except InputError as exc:
        show_problems(exc.problems, "The history of this assessment cannot be shown.")
        return
    if not entries:
        st.caption("Nothing has been recorded for this assessment yet.")
        return
    table = history_table(entries, frameworks)
    pages = (len(table) + PAGE_ROWS - 1) // PAGE_ROWS
    page = 1
    if pages > 1:
        page = int(
            st.number_input(
                f"Page (of {pages}; {PAGE_ROWS} changes a page, newest first)",
                min_value=1,
                max_value=pages,
                value=1,
                step=1,
                key=f"{key}:page",
            )
        )
    start = (page - 1) * PAGE_ROWS
    shown = table.iloc[start : start + PAGE_ROWS]
    st.caption(
        f"Changes {start + 1} to {start + len(shown)} of {len(table)}, newest first. "
        "Each answer change is recorded field by field (rating, note, evidence)."
    )
    st.dataframe(shown, hide_index=True, width="stretch", height="content", key=f"{key}:table")
