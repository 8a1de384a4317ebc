"""The questionnaire page's implementation (``ui/questionnaire.py`` only calls :func:`main`).

Kept in an imported module so its code is compiled once per process rather
than on every rerun (AppTest recompiles page scripts each run; the server
caches them, but the import keeps both the same).

Questionnaire: one section per screen, every change saved to the database at once.

The assessment id is in the URL (``?a=``) and so is the step (``?s=scie.innovation``),
so a refresh, a new tab or a shared link reopens the same screen. Widget values
are seeded from the database every time a widget first appears; session state
only holds view state. No scoring or charts here, to keep each rerun fast.

Every question is its own ``st.fragment`` (:func:`_question`): answering one
reruns that question only, not the page, its navigation or the other
questions. The progress bar and caption above the questions are two
``st.empty`` slots that every question's fragment fills; after a save, the
question's fragment reads the answers back and redraws them, so the progress
follows every answer. (AppTest runs fragments as part of whole-script reruns;
fragment reruns are covered by the browser tests and ``bench.click_latency``.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.delta_generator import DeltaGenerator

from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Answer, Assessment, EvidenceType, Framework
from assessments.store import Store
from ui.state import (
    QP_ASSESSMENT,
    QP_SECTION,
    current_assessment_id,
    forget_assessment,
    frameworks_or_stop,
    store_or_stop,
)
from ui.widgets import (
    DETAILS_STEP,
    EVIDENCE_IDS,
    EVIDENCE_LABEL,
    SELF_ASSESSMENT_NOTE,
    Step,
    check_details,
    details_from_state,
    details_inputs,
    local_time,
    questionnaire_steps,
    show_problems,
)

MAX_NOTE = 20_000
PAGE = "ui/questionnaire.py"
RESULTS_PAGE = "ui/results.py"


QP_NOTES = "n"
"""URL query parameter: ``n=1`` shows the note and evidence fields under every question."""


def _status_key(aid: str) -> str:
    """One session key per assessment for the last save's time and any save problems."""
    return f"q:{aid}:status"


def _set_status(aid: str, where: str, *, saved_at: dt.datetime | None = None, errors: list | None = None) -> None:
    """Record the last save (or its problems) and where it happened: ``framework.item`` or the details step.

    The question at ``where`` shows the problems under itself, and its fragment
    knows from this that its answer has just changed.
    """
    previous = st.session_state.get(_status_key(aid)) or {}
    st.session_state[_status_key(aid)] = {
        "saved_at": saved_at or (previous.get("saved_at") if errors else None),
        "errors": errors or [],
        "where": where,
        "fresh": True,
    }


def _nav_key(aid: str) -> str:
    return f"q:{aid}:nav"


def _nav_changed(aid: str) -> None:
    """Callback of the section selector: the step goes into the URL."""
    st.query_params[QP_SECTION] = st.session_state[_nav_key(aid)]


def _save(store: Store, aid: str, fid: str, iid: str, kind: str, saved: Answer | None) -> None:
    """Callback: save one item's answer (value, note and evidence) straight away.

    ``saved`` is the answer as read from the database when the screen was drawn;
    it supplies the note and evidence when their fields are not on screen.
    """
    ss = st.session_state
    base = f"q:{aid}:{fid}:{iid}"
    value = ss.get(f"{base}:value")
    if kind == "date":
        value = value.isoformat() if isinstance(value, dt.date) else None
    elif isinstance(value, str) and kind == "text":
        value = value if value.strip() else None
    note = ss.get(f"{base}:note")
    evidence = ss.get(f"{base}:evidence")
    if note is None or evidence is None:
        saved = saved or Answer()
        note = saved.note if note is None else note
        evidence = list(saved.evidence) if evidence is None else evidence
    where = f"{fid}.{iid}"
    try:
        answer = Answer(value=value, note=note[:MAX_NOTE], evidence=tuple(EvidenceType(e) for e in evidence))
        _set_status(aid, where, saved_at=store.save_answer(aid, fid, iid, answer))
    except InputError as exc:
        _set_status(aid, where, errors=list(exc.problems))
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        _set_status(aid, where, errors=[problem(ErrorCode.STORAGE_002, field=where, detail=detail)])


def _save_details(store: Store, aid: str) -> None:
    """Form callback: validate and save the details."""
    values = details_from_state(f"d:{aid}")
    checked = check_details(values)
    if isinstance(checked, list):
        _set_status(aid, DETAILS_STEP, errors=checked)
        return
    innovation, meta = checked
    try:
        store.update_details(aid, innovation, meta)
    except InputError as exc:
        _set_status(aid, DETAILS_STEP, errors=list(exc.problems))
        return
    _set_status(aid, DETAILS_STEP, saved_at=dt.datetime.now(dt.UTC))


def _no_assessment() -> None:
    st.title("Questionnaire")
    st.info("No assessment is open. Start a new one or open a saved one on the Home page.", icon=":material/info:")
    st.page_link("ui/home.py", label="Go to Home", icon=":material/home:")
    st.stop()


def _render_item(
    store: Store, aid: str, fid: str, number: int, item_view: dict, saved: Answer | None, *, show_extra: bool
) -> None:
    """One question: its answer widget, then its note and evidence fields (or a one-line summary of them)."""
    iid = item_view["id"]
    base = f"q:{aid}:{fid}:{iid}"
    args = (store, aid, fid, iid, item_view["type"], saved)
    label = f"**{number}. {item_view['text']}**"
    value = saved.value if saved else None
    if item_view["type"] == "choice":
        ids = item_view["option_ids"]
        st.radio(
            label,
            options=ids,
            index=ids.index(value) if value in ids else None,
            format_func=item_view["labels"].__getitem__,
            captions=item_view["captions"],
            help=item_view["help"] or None,
            key=f"{base}:value",
            on_change=_save,
            args=args,
        )
    elif item_view["type"] == "date":
        try:
            initial = dt.date.fromisoformat(value) if value else None
        except ValueError:
            initial = None
        st.date_input(
            label,
            value=initial,
            format="YYYY-MM-DD",
            help=item_view["help"] or None,
            key=f"{base}:value",
            on_change=_save,
            args=args,
        )
    else:
        st.text_area(
            label,
            value=value or "",
            max_chars=MAX_NOTE,
            help=item_view["help"] or None,
            key=f"{base}:value",
            on_change=_save,
            args=args,
            height=120,
        )
    if not show_extra:
        if saved and (saved.note or saved.evidence):
            bits = []
            if saved.note:
                short = saved.note if len(saved.note) <= 120 else saved.note[:117] + "…"
                bits.append(f"Note: {short}")
            if saved.evidence:
                bits.append("Evidence: " + ", ".join(EVIDENCE_LABEL[e.value] for e in saved.evidence))
            st.caption(" · ".join(bits))
        return
    st.text_area(
        "Note (optional)",
        value=saved.note if saved else "",
        max_chars=MAX_NOTE,
        key=f"{base}:note",
        on_change=_save,
        args=args,
        height=68,
        placeholder="Why this answer? What would change it?",
    )
    st.pills(
        "Evidence this answer rests on (optional)",
        options=EVIDENCE_IDS,
        selection_mode="multi",
        default=[e.value for e in saved.evidence] if saved else [],
        format_func=EVIDENCE_LABEL.__getitem__,
        key=f"{base}:evidence",
        on_change=_save,
        args=args,
    )
    st.divider()


def _progress_line(steps: list[Step], done: dict[str, set[str]]) -> tuple[dict[str, tuple[int, int]], int, int]:
    """Answered/total per step key, plus overall answered and total."""
    per_step: dict[str, tuple[int, int]] = {}
    for s in steps:
        if s.key == DETAILS_STEP:
            continue
        got = done.get(s.framework_id, set())
        per_step[s.key] = (sum(1 for i in s.item_ids if i in got), len(s.item_ids))
    answered = sum(a for a, _ in per_step.values())
    total = sum(t for _, t in per_step.values())
    return per_step, answered, total


@dataclass(frozen=True)
class _Progress:
    """What the progress bar and its caption say (everything but the last save's time)."""

    fraction: float
    bar: str
    details: str


def _progress(
    frameworks: dict[str, Framework], steps: list[Step], answers: dict[str, dict[str, Answer]], step_key: str
) -> _Progress:
    """Progress overall and on this screen, per-framework counts and what is still to answer."""
    done = {fid: {iid for iid, a in items.items() if a.value not in (None, "")} for fid, items in answers.items()}
    per_step, answered, total = _progress_line(steps, done)
    bar = f"Overall: {answered} of {total} questions answered"
    if step_key in per_step:
        a, t = per_step[step_key]
        bar = f"This section: {a} of {t} answered. {bar}"
    counts = " · ".join(
        f"{fw.short_title}: {len(done.get(fid, set()) & fw.items.keys())} of {fw.item_count}"
        for fid, fw in frameworks.items()
    )
    unfinished = [
        f"{frameworks[s.framework_id].short_title} – {frameworks[s.framework_id].section(s.section_id).label}: "
        f"{t - a} of {t}"
        for s in steps
        if s.key != DETAILS_STEP and (a := per_step[s.key][0]) < (t := per_step[s.key][1])
    ]
    still = (
        "Still to answer: " + " · ".join(unfinished) if unfinished else "Every section has an answer to every question."
    )
    details = f'{counts}. "Don\'t know" counts as answered here; it is never scored.  \n{still}'
    return _Progress(fraction=answered / total if total else 0.0, bar=bar, details=details)


def _show_progress(bar: DeltaGenerator, caption: DeltaGenerator, progress: _Progress, aid: str) -> None:
    """Fill the two progress slots: the bar, and one caption with the last save's time and the details."""
    status = st.session_state.get(_status_key(aid)) or {}
    saved_at = status.get("saved_at")
    saved = (
        f":material/cloud_done: Saved at {local_time(saved_at, with_date=False)}"
        if saved_at
        else "Every change is saved as soon as you make it."
    )
    bar.progress(progress.fraction, text=progress.bar)
    caption.caption(f"{saved}  \n{progress.details}")


def _show_problems_at(aid: str, where: str) -> None:
    """The last save's problems, when that save was made here (a question, or the details form)."""
    status = st.session_state.get(_status_key(aid)) or {}
    if status.get("errors") and status.get("where") == where:
        show_problems(status["errors"], "The last change was NOT saved:")


def _section(
    store: Store, aid: str, frameworks: dict[str, Framework], steps: list[Step], step: Step, show_extra: bool
) -> None:
    """One section: two progress slots, then every question as its own fragment."""
    answers = store.get_answers(aid)
    progress = _progress(frameworks, steps, answers, step.key)
    bar, caption = st.empty(), st.empty()
    saved_answers = answers.get(step.framework_id, {})
    for n, view in enumerate(step.items, start=1):
        _question(store, aid, step, n, view, saved_answers.get(view["id"]), progress, show_extra, (bar, caption))


@st.fragment
def _question(
    store: Store,
    aid: str,
    step: Step,
    number: int,
    view: dict,
    saved: Answer | None,
    progress: _Progress,
    show_extra: bool,
    slots: tuple[DeltaGenerator, DeltaGenerator],
) -> None:
    """One question, as a fragment: answering it reruns this function only.

    The arguments are those of the last whole-page run. After this question's
    answer is saved (its callback marks the status fresh), the fragment reads
    the answers back and redraws the progress slots above the questions, which
    every question's fragment fills on each run (Streamlit requires a fragment
    to write to an outside container on every full run; the last write shows).
    """
    where = f"{step.framework_id}.{view['id']}"
    status = st.session_state.get(_status_key(aid)) or {}
    if status.get("fresh") and status.get("where") == where:
        status["fresh"] = False
        frameworks = frameworks_or_stop()
        answers = store.get_answers(aid)
        saved = answers.get(step.framework_id, {}).get(view["id"])
        progress = _progress(frameworks, questionnaire_steps(frameworks), answers, step.key)
    _render_item(store, aid, step.framework_id, number, view, saved, show_extra=show_extra)
    _show_problems_at(aid, where)
    _show_progress(*slots, progress, aid)


def main() -> None:
    """Render the questionnaire page."""
    frameworks = frameworks_or_stop()
    store = store_or_stop()
    aid = current_assessment_id()
    if not aid:
        _no_assessment()
    steps = questionnaire_steps(frameworks)
    by_key = {s.key: s for s in steps}
    step_key = st.query_params.get(QP_SECTION)
    if step_key not in by_key:
        step_key = steps[1].key if len(steps) > 1 else steps[0].key
    try:
        # The section screens read their answers themselves, in the fragment.
        assessment: Assessment = store.get_assessment(aid, with_answers=step_key == DETAILS_STEP)
    except InputError as exc:
        forget_assessment()
        st.title("Questionnaire")
        show_problems(exc.problems, "This assessment cannot be opened.")
        st.page_link("ui/home.py", label="Go to Home", icon=":material/home:")
        st.stop()
    # Always (re)send the query string: after a page link to this same page the
    # browser's address bar would otherwise keep the previous step, and a
    # refresh would reopen the wrong screen.
    st.query_params[QP_SECTION] = step_key
    nav = _nav_key(aid)
    if st.session_state.get(nav) != step_key:
        st.session_state[nav] = step_key

    inn = assessment.innovation
    title = inn.name + (f" — {assessment.assessment.label}" if assessment.assessment.label else "")
    st.title(title)
    when = assessment.assessment.assessed_on.isoformat() if assessment.assessment.assessed_on else "undated"
    st.caption(f"{inn.organisation + ' · ' if inn.organisation else ''}Assessed {when}. {SELF_ASSESSMENT_NOTE}")

    def step_label(key: str) -> str:
        # Labels must not change between reruns: the browser sends a selectbox's value
        # back as its displayed label, so a label with a live count ("3 of 5") no longer
        # matches after an answer and the page would jump to another section. Progress
        # per section is shown under the selector instead.
        return by_key[key].title

    index = [s.key for s in steps].index(step_key)
    st.selectbox(
        "Section",
        options=[s.key for s in steps],
        format_func=step_label,
        key=nav,
        on_change=_nav_changed,
        args=(aid,),
    )
    notes = st.query_params.get(QP_NOTES) == "1"

    def link(key: str, *, show_notes: bool = notes) -> dict[str, str]:
        params = {QP_ASSESSMENT: aid, QP_SECTION: key}
        if show_notes:
            params[QP_NOTES] = "1"
        return params

    if step_key == DETAILS_STEP:
        _show_progress(st.empty(), st.empty(), _progress(frameworks, steps, assessment.answers, step_key), aid)
        _show_problems_at(aid, DETAILS_STEP)
        st.subheader("Innovation and assessment details")
        with st.form(f"d:{aid}:form", border=False):
            details_inputs(f"d:{aid}", inn, assessment.assessment)
            st.form_submit_button(
                "Save details", type="primary", on_click=_save_details, args=(store, aid), icon=":material/save:"
            )
        st.page_link(
            PAGE, label=f"Next: {steps[1].title}", icon=":material/arrow_forward:", query_params=link(steps[1].key)
        )
        return

    step = by_key[step_key]
    st.subheader(step.title)
    if step.description:
        st.markdown(step.description)
    st.page_link(
        PAGE,
        label="Hide the note and evidence fields" if notes else "Add notes and evidence to these answers",
        icon=":material/visibility_off:" if notes else ":material/edit_note:",
        query_params=link(step_key, show_notes=not notes),
        help="Optional: a note and the kinds of evidence under every question on this screen. "
        "When hidden, saved notes and evidence are summarised under each question.",
    )
    _section(store, aid, frameworks, steps, step, notes)

    # Links, not buttons: moving between steps is plain navigation (the step is
    # in the URL) and links hold no widget state, which keeps every rerun cheaper.
    left, right = st.columns(2)
    left.page_link(
        PAGE,
        label="Previous",
        icon=":material/arrow_back:",
        query_params=link(steps[index - 1].key if index > 0 else step_key),
        disabled=index == 0,
    )
    if index + 1 < len(steps):
        right.page_link(
            PAGE,
            label=f"Next: {steps[index + 1].title}",
            icon=":material/arrow_forward:",
            query_params=link(steps[index + 1].key),
        )
    else:
        right.page_link(
            RESULTS_PAGE, label="See the results", icon=":material/radar:", query_params={QP_ASSESSMENT: aid}
        )
