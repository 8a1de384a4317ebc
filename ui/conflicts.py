"""A save refused because someone else changed the same thing meanwhile: both values, and the person's choice.

Shown right where the change was made (under the question, above the details form): who changed
it and when, their value and the person's in words (option labels, notes as typed, never read
as Markdown), and two buttons. "Keep theirs" puts the stored answer back into the widgets;
"Use mine" saves the person's value over it. Neither reverts a change of theirs to anything the
person did not touch (:func:`assessments.store.resolve_answer`). The box says "Not saved" in
words and has its own icon, so it does not rely on colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from assessments.models import (
    EVIDENCE_LABELS,
    ROLE_LABELS,
    STAGE_LABELS,
    Answer,
    AssessorRole,
    EvidenceType,
    Stage,
)
from assessments.store import (
    AnswerConflict,
    ConflictError,
    DetailsConflict,
    FieldConflict,
    Store,
    resolve_answer,
    resolve_details,
)
from ui.keys import Q_CONFLICT, Q_DETAILS_CONFLICT, Q_DETAILS_KEEP, Q_DETAILS_MINE, Q_KEEP, Q_MINE
from ui.saving import save_answer, save_details, set_status, show_answer, show_details
from ui.widgets import local_time, md_line

ANSWER_FIELDS = {"value": "answer", "note": "note", "evidence": "evidence"}
DETAIL_FIELDS = {
    "innovation.name": "innovation name",
    "innovation.organisation": "organisation",
    "innovation.description": "short description",
    "assessment.stage": "stage",
    "assessment.assessor_role": "role",
    "assessment.assessed_on": "date of the assessment",
    "assessment.assessor": "assessed by",
    "assessment.label": "label",
}
"""Each field as the conflict names it (the labels the form shows)."""
ICON = ":material/sync_problem:"


def _quoted(text: str) -> str:
    return f"“{md_line(text)}”"


def answer_words(field: str, value: Any, view: dict[str, Any]) -> str:
    """One field of an answer in words, as Markdown (people's text escaped)."""
    if field == "value":
        if value in (None, ""):
            return "no answer"
        return _quoted(view["labels"].get(value, value) if view["type"] == "choice" else value)
    if field == "note":
        return _quoted(value) if value else "no note"
    labels = [EVIDENCE_LABELS[EvidenceType(e)] for e in value]
    return ", ".join(labels) if labels else "none"


def detail_words(field: str, value: Any) -> str:
    """One detail in words, as Markdown (people's text escaped)."""
    if value in (None, ""):
        return "empty"
    if field == "assessment.stage":
        return STAGE_LABELS[Stage(value)]
    if field == "assessment.assessor_role":
        return ROLE_LABELS[AssessorRole(value)]
    if isinstance(value, dt.date):
        return value.isoformat()
    return _quoted(str(value))


def _who(field: FieldConflict) -> str:
    return md_line(field.changed_by) if field.changed_by else "someone else"


def _when(field: FieldConflict) -> str:
    return f" at {local_time(field.changed_at)}" if field.changed_at else ""


def _box(conflict: ConflictError, what: str, names: dict[str, str], words: Callable[[str, Any], str]) -> None:
    """The warning: who changed what and when, then theirs and yours for every conflicting field."""
    latest = max(conflict.conflicts, key=lambda c: c.changed_at or dt.datetime.min.replace(tzinfo=dt.UTC))
    several = len({c.changed_by for c in conflict.conflicts}) > 1
    lines = [
        f"- **{names[c.field].capitalize()}**{f' (changed by {_who(c)}{_when(c)})' if several else ''}: "
        f"theirs {words(c.field, c.stored)}; yours {words(c.field, c.yours)}"
        for c in conflict.conflicts
    ]
    st.warning(
        f"**Not saved: {_who(latest)} changed {what}{_when(latest)}, after this page showed it to you.** "
        "Nothing of your change was written. Compare the two, then keep theirs or use yours.\n\n" + "\n".join(lines),
        icon=ICON,
    )


def _buttons(
    keep: str, mine: str, on_keep: Callable[..., None], on_mine: Callable[..., None], args: tuple[Any, ...]
) -> None:
    left, right, _ = st.columns([1, 1, 3])
    left.button(
        "Keep theirs",
        key=keep,
        on_click=on_keep,
        args=args,
        icon=":material/undo:",
        width="stretch",
        help="Show what is saved now in the fields above, and keep it",
    )
    right.button(
        "Use mine",
        key=mine,
        on_click=on_mine,
        args=args,
        icon=":material/done:",
        width="stretch",
        help="Save yours over theirs; anything else they changed stays",
    )


# --- a question ------------------------------------------------------------------------------


def answer_conflict(store: Store, aid: str, fid: str, view: dict[str, Any]) -> None:
    """The conflict of one question's last save, if any: both values and the two choices."""
    iid = view["id"]
    conflict = st.session_state.get(Q_CONFLICT.format(aid=aid, framework=fid, item=iid))
    if not isinstance(conflict, AnswerConflict):
        return
    _box(conflict, "this answer", ANSWER_FIELDS, lambda field, value: answer_words(field, value, view))
    keys = {"aid": aid, "framework": fid, "item": iid}
    _buttons(
        Q_KEEP.format(**keys), Q_MINE.format(**keys), _keep_answer, _use_answer, (store, aid, fid, iid, view["type"])
    )


def _keep_answer(store: Store, aid: str, fid: str, iid: str, kind: str) -> None:
    """Callback of "Keep theirs": the answer stored now goes into the widgets (any other change of the person's is saved)."""
    conflict = st.session_state.pop(Q_CONFLICT.format(aid=aid, framework=fid, item=iid), None)
    if not isinstance(conflict, AnswerConflict):
        return
    fresh = store.saved_answer(aid, fid, iid)
    theirs = fresh.answer if fresh else None
    show_answer(aid, fid, iid, kind, theirs)
    resolved = resolve_answer(conflict, theirs, mine=False)
    if resolved != (theirs or Answer()) and save_answer(store, aid, fid, iid, resolved, fallback=theirs):
        show_answer(aid, fid, iid, kind, resolved)
    else:
        set_status(aid, f"{fid}.{iid}")


def _use_answer(store: Store, aid: str, fid: str, iid: str, kind: str) -> None:
    """Callback of "Use mine": the person's answer is saved over theirs (theirs stays for what the person left alone).

    Based on theirs as the box showed it: if it changed again since, the box shows the newer one.
    """
    conflict = st.session_state.get(Q_CONFLICT.format(aid=aid, framework=fid, item=iid))
    if not isinstance(conflict, AnswerConflict):
        return
    theirs = conflict.stored.answer if conflict.stored else None
    resolved = resolve_answer(conflict, theirs, mine=True)
    if save_answer(store, aid, fid, iid, resolved, fallback=theirs, base=theirs or Answer()):
        show_answer(aid, fid, iid, kind, resolved)


# --- the details form ------------------------------------------------------------------------


def details_conflict(store: Store, aid: str) -> None:
    """The conflict of the details form's last save, if any: both values and the two choices."""
    conflict = st.session_state.get(Q_DETAILS_CONFLICT.format(aid=aid))
    if not isinstance(conflict, DetailsConflict):
        return
    _box(conflict, "these details", DETAIL_FIELDS, detail_words)
    _buttons(Q_DETAILS_KEEP.format(aid=aid), Q_DETAILS_MINE.format(aid=aid), _keep_details, _use_details, (store, aid))


def _keep_details(store: Store, aid: str) -> None:
    """Callback of "Keep theirs" for the details (the person's changes to other fields are saved)."""
    conflict = st.session_state.pop(Q_DETAILS_CONFLICT.format(aid=aid), None)
    if not isinstance(conflict, DetailsConflict):
        return
    fresh = store.saved_details(aid)
    theirs = (fresh.innovation, fresh.meta)
    show_details(aid, *theirs)
    resolved = resolve_details(conflict, theirs, mine=False)
    if resolved != theirs and save_details(store, aid, *resolved):
        show_details(aid, *resolved)


def _use_details(store: Store, aid: str) -> None:
    """Callback of "Use mine" for the details (based on theirs as the box showed them)."""
    conflict = st.session_state.get(Q_DETAILS_CONFLICT.format(aid=aid))
    if not isinstance(conflict, DetailsConflict) or conflict.stored is None:
        return
    theirs = (conflict.stored.innovation, conflict.stored.meta)
    resolved = resolve_details(conflict, theirs, mine=True)
    if save_details(store, aid, *resolved, base=theirs):
        show_details(aid, *resolved)
