"""Saving from the questionnaire without losing anyone's change: each question's base, its save, its status.

Every question remembers the answer its widgets show (its *base*, :data:`ui.keys.Q_BASED`): a
widget created now shows what is stored, and keeps showing what this tab last saw or saved for
as long as it stays on screen (Streamlit keeps a keyed widget's value across reruns). Each save
passes that base to the store, which writes only the fields the person changed and refuses a
change to a field someone else changed meanwhile (:mod:`assessments.store.versions`). A refused
save is kept as the question's conflict, shown under it by :mod:`ui.conflicts`. The details form
works the same way with :data:`ui.keys.Q_DETAILS_BASED`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from assessments.errors import InputError, Problem
from assessments.models import Answer, AssessmentMeta, Innovation
from assessments.store import AnswerConflict, DetailsConflict, Store
from ui.keys import (
    DETAILS_FIELD,
    DETAILS_STEP,
    Q_ANSWER,
    Q_BASED,
    Q_CONFLICT,
    Q_DETAILS,
    Q_DETAILS_BASED,
    Q_DETAILS_CONFLICT,
    Q_STATUS,
)
from ui.widgets import show_problems

PARTS = ("value", "note", "evidence")
"""An answer's widgets: its value, then (when shown) its note and its evidence."""
_NO_ANSWER = Answer()


def answer_key(aid: str, fid: str, iid: str, part: str) -> str:
    """The session key of one item's widget (``part``: value, note or evidence)."""
    return Q_ANSWER.format(aid=aid, framework=fid, item=iid, part=part)


def status_key(aid: str) -> str:
    """One session key per assessment for the last save's time and any save problems."""
    return Q_STATUS.format(aid=aid)


def set_status(
    aid: str, where: str, *, saved_at: dt.datetime | None = None, errors: list[Problem] | None = None
) -> None:
    """Record the last save (or its problems) and where it happened: ``framework.item`` or the details step.

    The question at ``where`` shows the problems under itself, and its fragment knows from this
    that its answer has just changed (it reads the answers again). The time of the last
    successful save is kept until a newer one replaces it.
    """
    previous = st.session_state.get(status_key(aid)) or {}
    st.session_state[status_key(aid)] = {
        "saved_at": saved_at or previous.get("saved_at"),
        "errors": errors or [],
        "where": where,
        "fresh": True,
    }


def show_problems_at(aid: str, where: str) -> None:
    """The last save's problems, when that save was made here (a question, or the details form)."""
    status = st.session_state.get(status_key(aid)) or {}
    if status.get("errors") and status.get("where") == where:
        show_problems(status["errors"], "The last change was NOT saved:")


# --- one question ---------------------------------------------------------------------------


def remember_answer(aid: str, fid: str, iid: str, saved: Answer | None, *, show_extra: bool) -> None:
    """Record what one question shows, before its widgets are drawn: its base.

    A widget created in this run shows ``saved`` (the stored answer), and so do the note and
    evidence when only their summary is shown; a widget still on screen from an earlier run
    keeps what this tab last saw or saved in it.
    """
    ss = st.session_state
    key = Q_BASED.format(aid=aid, framework=fid, item=iid)
    stored = saved or _NO_ANSWER
    based: Answer | None = ss.get(key)
    if based is None:
        ss[key] = stored
        return
    kept = [p for p in (PARTS if show_extra else PARTS[:1]) if answer_key(aid, fid, iid, p) in ss]
    if all(getattr(based, p) == getattr(stored, p) for p in PARTS if p not in kept):
        return
    ss[key] = Answer.model_construct(**{p: getattr(based if p in kept else stored, p) for p in PARTS})


def based_answer(aid: str, fid: str, iid: str, fallback: Answer | None) -> Answer:
    """The answer one question's next save is based on (``fallback``: the one it was drawn from)."""
    based: Answer | None = st.session_state.get(Q_BASED.format(aid=aid, framework=fid, item=iid))
    return based if based is not None else fallback or _NO_ANSWER


def save_answer(
    store: Store, aid: str, fid: str, iid: str, answer: Answer, *, fallback: Answer | None, base: Answer | None = None
) -> bool:
    """Save one question's answer based on what it shows (or on ``base``, when given); True if saved.

    Saved: the answer becomes the question's base. Refused because someone else changed the same
    field: the conflict is kept for the question to show, with both values. Refused for any
    other reason: the problems are shown under the question.
    """
    ss = st.session_state
    where = f"{fid}.{iid}"
    conflict_key = Q_CONFLICT.format(aid=aid, framework=fid, item=iid)
    based_on = base if base is not None else based_answer(aid, fid, iid, fallback)
    try:
        saved_at = store.save_answer(aid, fid, iid, answer, based_on=based_on)
    except AnswerConflict as exc:
        ss[conflict_key] = exc.with_traceback(None)  # kept for the box: its values, not the store's frames
        set_status(aid, where)
        return False
    except InputError as exc:  # a refused answer, or a database that refused the change (STORAGE_002)
        set_status(aid, where, errors=list(exc.problems))
        return False
    ss[Q_BASED.format(aid=aid, framework=fid, item=iid)] = answer
    ss.pop(conflict_key, None)
    set_status(aid, where, saved_at=saved_at)
    return True


def widget_value(kind: str, value: str | None) -> Any:
    """An answer's value as its widget holds it: a date for a date item, text for a text item, else the option id."""
    if kind == "date":
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            return None
    if kind == "text":
        return value or ""
    return value


def show_answer(aid: str, fid: str, iid: str, kind: str, answer: Answer | None) -> None:
    """Put an answer into the question's widgets that are on screen (from a callback, before they are drawn)."""
    ss = st.session_state
    shown = answer or _NO_ANSWER
    values = {
        "value": widget_value(kind, shown.value),
        "note": shown.note,
        "evidence": [e.value for e in shown.evidence],
    }
    for part, value in values.items():
        key = answer_key(aid, fid, iid, part)
        if key in ss:
            ss[key] = value
    ss[Q_BASED.format(aid=aid, framework=fid, item=iid)] = shown


# --- the details form -----------------------------------------------------------------------

DETAIL_WIDGETS = {
    "innovation.name": "name",
    "innovation.organisation": "org",
    "innovation.description": "description",
    "assessment.stage": "stage",
    "assessment.assessor_role": "role",
    "assessment.assessed_on": "date",
    "assessment.assessor": "assessor",
    "assessment.label": "label",
}
"""Each detail's widget (``ui.widgets.details_inputs``), by dotted field."""


def _detail_key(aid: str, field: str) -> str:
    return DETAILS_FIELD.format(prefix=Q_DETAILS.format(aid=aid), field=DETAIL_WIDGETS[field])


def remember_details(aid: str, innovation: Innovation, meta: AssessmentMeta) -> None:
    """Record what the details form shows, before its widgets are drawn (see :func:`remember_answer`)."""
    ss = st.session_state
    key = Q_DETAILS_BASED.format(aid=aid)
    if key not in ss or _detail_key(aid, "innovation.name") not in ss:
        ss[key] = (innovation, meta)


def save_details(
    store: Store,
    aid: str,
    innovation: Innovation,
    meta: AssessmentMeta,
    *,
    base: tuple[Innovation, AssessmentMeta] | None = None,
) -> bool:
    """Save the details based on what the form showed (or on ``base``); True if saved (see :func:`save_answer`)."""
    ss = st.session_state
    based_key, conflict_key = Q_DETAILS_BASED.format(aid=aid), Q_DETAILS_CONFLICT.format(aid=aid)
    try:
        store.update_details(aid, innovation, meta, based_on=base or ss.get(based_key))
    except DetailsConflict as exc:
        ss[conflict_key] = exc.with_traceback(None)
        set_status(aid, DETAILS_STEP)
        return False
    except InputError as exc:
        set_status(aid, DETAILS_STEP, errors=list(exc.problems))
        return False
    ss[based_key] = (innovation, meta)
    ss.pop(conflict_key, None)
    set_status(aid, DETAILS_STEP, saved_at=dt.datetime.now(dt.UTC))
    return True


def show_details(aid: str, innovation: Innovation, meta: AssessmentMeta) -> None:
    """Put details into the form's widgets (from a callback, before they are drawn)."""
    ss = st.session_state
    values = {
        "innovation.name": innovation.name,
        "innovation.organisation": innovation.organisation,
        "innovation.description": innovation.description,
        "assessment.stage": meta.stage.value if meta.stage else None,
        "assessment.assessor_role": meta.assessor_role.value if meta.assessor_role else None,
        "assessment.assessed_on": meta.assessed_on,
        "assessment.assessor": meta.assessor,
        "assessment.label": meta.label,
    }
    for field, value in values.items():
        key = _detail_key(aid, field)
        if key in ss and (value is not None or field != "assessment.assessed_on"):
            ss[key] = value
    ss[Q_DETAILS_BASED.format(aid=aid)] = (innovation, meta)
