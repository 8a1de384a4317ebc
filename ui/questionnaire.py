"""Questionnaire: one section per screen, every change saved to the database at once.

The assessment id is in the URL (``?a=``) and so is the step (``?s=scie.innovation``),
so a refresh, a new tab or a shared link reopens the same screen. Widget values
are seeded from the database every time a widget first appears; session state
only holds view state. No scoring or charts here, to keep each rerun fast.
The screens are built by :mod:`ui.steps`; the questions themselves and their saving are in
:mod:`ui.questions`, the progress line above them in :mod:`ui.progress`.
"""

from __future__ import annotations

import streamlit as st

from assessments.errors import InputError
from assessments.models import Assessment
from assessments.store import AssessmentSummary, Store, read_only_reason
from assessments.wording import SELF_ASSESSMENT_NOTE
from ui.conflicts import details_conflict
from ui.keys import (
    DETAILS_STEP,
    PAGE_HOME,
    PAGE_QUESTIONNAIRE,
    PAGE_RESULTS,
    Q_DETAILS,
    Q_NAV,
    QP_ASSESSMENT,
    QP_NOTES,
    QP_SECTION,
)
from ui.progress import progress_of, show_progress
from ui.questions import section
from ui.saving import remember_details, save_details, set_status, show_problems_at
from ui.state import AppContext, current_assessment_id, forget_assessment
from ui.steps import questionnaire_steps
from ui.widgets import (
    NAME_REQUIRED,
    REQUIRED_DETAILS,
    check_details,
    details_from_state,
    details_inputs,
    guard_unsaved_text,
    hide_apply_hint,
    md_line,
    show_problems,
)


def _nav_key(aid: str) -> str:
    return Q_NAV.format(aid=aid)


def _nav_changed(aid: str) -> None:
    """Callback of the section selector: the step goes into the URL."""
    st.query_params[QP_SECTION] = st.session_state[_nav_key(aid)]


def _save_details(store: Store, aid: str) -> None:
    """Callback of every details widget: check the details, then save them based on what the screen showed.

    Details that do not pass the check (a name emptied, say) are not saved; the problem is shown
    above the fields and the boxes keep what was typed, so nothing is lost while it is put right.
    """
    values = details_from_state(Q_DETAILS.format(aid=aid))
    checked = check_details(values, required=NAME_REQUIRED)
    if isinstance(checked, list):
        set_status(aid, DETAILS_STEP, errors=checked)
        return
    save_details(store, aid, *checked)


def _no_assessment(ctx: AppContext) -> None:
    st.title("Questionnaire")
    st.info("No assessment is open. Start a new one or open a saved one on the Home page.", icon=":material/info:")
    st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")
    st.stop()


def _read_only(ctx: AppContext, summary: AssessmentSummary) -> None:
    """The page for an assessment the person may read but not change: why, and where to go instead."""
    st.title(md_line(summary.innovation_name))
    st.info(
        f"**This assessment can be read but not changed here.** {read_only_reason(summary.workspace_id, summary.origin).capitalize()}.",
        icon=":material/lock:",
    )
    if ctx.has_page(PAGE_RESULTS):
        st.page_link(
            ctx.page(PAGE_RESULTS),
            label="See its results instead",
            icon=":material/radar:",
            query_params={QP_ASSESSMENT: summary.id},
        )
    if ctx.has_page(PAGE_HOME):
        st.page_link(ctx.page(PAGE_HOME), label="Back to Home", icon=":material/home:")


def main(ctx: AppContext) -> None:
    """Render the questionnaire page."""
    frameworks, store = ctx.catalogue, ctx.store
    page = ctx.page(PAGE_QUESTIONNAIRE)
    aid = current_assessment_id()
    if not aid:
        _no_assessment(ctx)
        return
    steps = questionnaire_steps(frameworks)
    by_key = {s.key: s for s in steps}
    step_key = st.query_params.get(QP_SECTION)
    if step_key not in by_key:
        step_key = steps[1].key if len(steps) > 1 else steps[0].key
    try:
        summary = store.get_summary(aid)
        if not summary.editable:
            _read_only(ctx, summary)
            return
        # The section screens read their answers themselves, in the fragment.
        assessment: Assessment = store.get_assessment(aid, with_answers=step_key == DETAILS_STEP)
    except InputError as exc:
        forget_assessment()
        st.title("Questionnaire")
        show_problems(exc.problems, "This assessment cannot be opened.")
        st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")
        st.stop()
    guard_unsaved_text()
    hide_apply_hint()  # every box on this page saves itself when left
    # Always (re)send the query string: after a page link to this same page the
    # browser's address bar would otherwise keep the previous step, and a
    # refresh would reopen the wrong screen.
    st.query_params[QP_SECTION] = step_key
    nav = _nav_key(aid)
    if st.session_state.get(nav) != step_key:
        st.session_state[nav] = step_key

    inn = assessment.innovation
    title = inn.name + (f" — {assessment.assessment.label}" if assessment.assessment.label else "")
    st.title(md_line(title))
    when = assessment.assessment.assessed_on.isoformat() if assessment.assessment.assessed_on else "undated"
    st.caption(
        f"{md_line(inn.organisation) + ' · ' if inn.organisation else ''}Assessed {when}. {SELF_ASSESSMENT_NOTE}"
    )

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
        show_progress(st.empty(), st.empty(), progress_of(frameworks, steps, assessment.answers, step_key), aid)
        show_problems_at(aid, DETAILS_STEP)
        st.subheader("Innovation and assessment details")
        details_conflict(store, aid)
        remember_details(aid, inn, assessment.assessment)
        st.caption("Each detail is saved as soon as you leave its box or pick an option.")
        meta = assessment.assessment
        still = [
            label
            for field, label in REQUIRED_DETAILS.items()
            if field != "innovation.name" and getattr(meta, field.split(".")[1]) is None
        ]
        if still:
            st.info(f"Still to fill in: {', '.join(still)}. They are shown with the results and in every export.")
        details_inputs(
            Q_DETAILS.format(aid=aid), inn, assessment.assessment, on_change=_save_details, args=(store, aid)
        )
        st.page_link(
            page, label=f"Next: {steps[1].title}", icon=":material/arrow_forward:", query_params=link(steps[1].key)
        )
        return

    step = by_key[step_key]
    st.subheader(step.title)
    if step.description:
        st.markdown(step.description)
    st.page_link(
        page,
        label="Hide the note and evidence fields" if notes else "Add notes and evidence to these answers",
        icon=":material/visibility_off:" if notes else ":material/edit_note:",
        query_params=link(step_key, show_notes=not notes),
        help="Optional: a note and the kinds of evidence under every question on this screen. "
        "When hidden, saved notes and evidence are summarised under each question.",
    )
    section(ctx, aid, steps, step, notes, link)

    # Links, not buttons: moving between steps is plain navigation (the step is
    # in the URL) and links hold no widget state, which keeps every rerun cheaper.
    left, right = st.columns(2)
    left.page_link(
        page,
        label="Previous",
        icon=":material/arrow_back:",
        query_params=link(steps[index - 1].key if index > 0 else step_key),
        disabled=index == 0,
    )
    if index + 1 < len(steps):
        right.page_link(
            page,
            label=f"Next: {steps[index + 1].title}",
            icon=":material/arrow_forward:",
            query_params=link(steps[index + 1].key),
        )
    else:
        right.page_link(
            ctx.page(PAGE_RESULTS), label="See the results", icon=":material/radar:", query_params={QP_ASSESSMENT: aid}
        )
