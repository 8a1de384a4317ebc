"""The questionnaire's questions: each question's widgets, saving and clearing, and a section's screen.

Every question is its own ``st.fragment`` (:func:`question`): answering one
reruns that question only, not the page, its navigation or the other
questions. The progress bar and caption above the questions are two
``st.empty`` slots that every question's fragment fills; after a save, the
question's fragment reads the answers back and redraws them, so the progress
follows every answer. (AppTest runs fragments as part of whole-script reruns;
fragment reruns are covered by the browser tests and ``bench.click_latency``.)

Answers are checked by the store when saved (``assessments.validation.check_answer``);
nothing here checks them again. Each save is based on what the question showed, so it never
overwrites a change someone else made meanwhile; a refused save shows both values under the
question (:mod:`ui.saving`, :mod:`ui.conflicts`). What each answer means is shown once, above
the section's questions; a question that words its answers its own way says so on demand, in a
closed expander under it. The screens themselves are built by :mod:`ui.steps`, the progress
line by :mod:`ui.progress`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assessments.models import EVIDENCE_LABELS, MAX_TEXT_LENGTH, Answer, EvidenceType
from assessments.store import Store
from assessments.upgrades import check_message, to_check
from ui.conflicts import answer_conflict
from ui.keys import PAGE_QUESTIONNAIRE
from ui.progress import Progress, progress_of, sections_left, show_progress
from ui.saving import (
    answer_key,
    based_answer,
    remember_answer,
    save_answer,
    show_problems_at,
    status_key,
)
from ui.state import AppContext
from ui.steps import Step, questionnaire_steps
from ui.widgets import md_line

_ANSWER_GRID = (
    "<style>"
    + "".join(
        f".st-key-answers-{n} [data-testid='stRadio'] [role='radiogroup'] "
        f"{{display: grid; grid-template-columns: repeat({n}, minmax(0, 1fr)); gap: 0.25rem 1rem;}}"
        for n in range(2, 8)
    )
    + "@media (max-width: 640px) {[class*='st-key-answers-'] [data-testid='stRadio'] [role='radiogroup'] "
    "{grid-template-columns: minmax(0, 1fr);}}</style>"
)
"""The answers of a question in a grid: one column per point of the scale, so the scale reads along the first
row and "Don't know" and "Not applicable" start the next; a single column on a phone. Layout only."""
EVIDENCE_IDS = [e.value for e in EvidenceType]
EVIDENCE_LABEL = {e.value: EVIDENCE_LABELS[e] for e in EvidenceType}


def _save(store: Store, aid: str, fid: str, iid: str, kind: str, saved: Answer | None) -> None:
    """Callback: save one item's answer (value, note and evidence) straight away, based on what it showed.

    ``saved`` is the answer as read from the database when the screen was drawn. The note and
    evidence, when their fields are not on screen, are the question's base: unchanged, so the
    store leaves whatever is stored for them alone (:mod:`ui.saving`).
    """
    ss = st.session_state
    value = ss.get(answer_key(aid, fid, iid, "value"))
    if kind == "date":
        value = value.isoformat() if isinstance(value, dt.date) else None
    elif isinstance(value, str) and kind == "text":
        value = value if value.strip() else None
    note = ss.get(answer_key(aid, fid, iid, "note"))
    evidence = ss.get(answer_key(aid, fid, iid, "evidence"))
    if note is None or evidence is None:
        based = based_answer(aid, fid, iid, saved)
        note = based.note if note is None else note
        evidence = list(based.evidence) if evidence is None else evidence
    answer = Answer(value=value, note=note, evidence=tuple(EvidenceType(e) for e in evidence))
    save_answer(store, aid, fid, iid, answer, fallback=saved)


def _clear(store: Store, aid: str, fid: str, iid: str, kind: str, saved: Answer | None) -> None:
    """Callback of "Clear answer": the question shows no answer, and that is saved like any other change.

    Only the answer itself goes; its note and evidence stay. The save is based on what the question
    showed, so a change someone else made meanwhile is never lost: it comes back as a conflict.
    """
    st.session_state[answer_key(aid, fid, iid, "value")] = None
    _save(store, aid, fid, iid, kind, saved)


def _render_item(
    store: Store,
    aid: str,
    fid: str,
    number: int,
    item_view: dict[str, Any],
    saved: Answer | None,
    *,
    show_extra: bool,
    recheck: tuple[str, str] | None = None,
) -> None:
    """One question: its answer widget, then its note and evidence fields (or a one-line summary of them)."""
    iid = item_view["id"]
    remember_answer(aid, fid, iid, saved, show_extra=show_extra)
    args = (store, aid, fid, iid, item_view["type"], saved)
    label = f"{number}. {item_view['text']}"
    value = saved.value if saved else None
    if item_view["type"] == "choice":
        ids = item_view["option_ids"]
        st.radio(
            label,
            options=ids,
            index=ids.index(value) if value in ids else None,
            format_func=item_view["labels"].__getitem__,
            help=item_view["help"] or None,
            horizontal=True,  # laid out as a grid by _ANSWER_GRID
            width="stretch",
            key=answer_key(aid, fid, iid, "value"),
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
            key=answer_key(aid, fid, iid, "value"),
            on_change=_save,
            args=args,
        )
    else:
        st.text_area(
            label,
            value=value or "",
            max_chars=MAX_TEXT_LENGTH,
            help=item_view["help"] or None,
            key=answer_key(aid, fid, iid, "value"),
            on_change=_save,
            args=args,
            height=120,
        )
    if item_view["type"] != "text" and saved and saved.value:  # a text answer is cleared by emptying its box
        st.button(
            f"Clear answer to question {number}",
            key=answer_key(aid, fid, iid, "clear"),
            on_click=_clear,
            args=args,
            type="tertiary",
            icon=":material/close:",
            help="Leave this question unanswered for now; its note and evidence stay",
        )
    if item_view.get("own_meanings"):
        with st.expander(f"What the answers mean for question {number}"):
            st.markdown("\n".join(f"- **{label}**: {meaning}" for label, meaning in item_view["own_meanings"]))
    if recheck and saved and saved.value == recheck[0]:  # gone once the answer is changed
        st.caption(f":material/history: {recheck[1]}")
    if saved and saved.value and saved.value == item_view.get("evidence_top") and not saved.evidence:
        where = "below" if show_extra else "(use 'Add notes and evidence to these answers' above)"
        st.caption(
            f":material/lightbulb: '{item_view['evidence_top_label']}' says there is evidence, but none is recorded "
            f"yet. Pick the kind of evidence {where}, or choose a lower rating; until then the results flag it."
        )
    if not show_extra:
        if saved and (saved.note or saved.evidence):
            bits = []
            if saved.note:
                short = saved.note if len(saved.note) <= 120 else saved.note[:117] + "…"
                bits.append(f"Note: {md_line(short)}")
            if saved.evidence:
                bits.append("Evidence: " + ", ".join(EVIDENCE_LABEL[e.value] for e in saved.evidence))
            st.caption(" · ".join(bits))
        return
    st.text_area(
        "Note (optional)",
        value=saved.note if saved else "",
        max_chars=MAX_TEXT_LENGTH,
        key=answer_key(aid, fid, iid, "note"),
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
        key=answer_key(aid, fid, iid, "evidence"),
        on_change=_save,
        args=args,
    )


def _answer_key(step: Step) -> None:
    """What each answer means, once for the whole screen (every question of a section shares its scale)."""
    for scale in step.answer_key:
        own = any(v.get("own_meanings") for v in step.items)
        lines = "\n".join(f"- **{label}**: {meaning}" for label, meaning in scale)
        more = (
            "\n\nEach question below also says what the answers mean for it, under "
            "'What the answers mean for question …'."
            if own
            else ""
        )
        with st.container(border=True):
            st.markdown(f"**What the answers mean on this screen**\n\n{lines}{more}")


def section(
    ctx: AppContext, aid: str, steps: list[Step], step: Step, show_extra: bool, link: Callable[[str], dict[str, str]]
) -> None:
    """One section: the progress line, the other sections with questions left, what the answers mean,
    then every question as its own fragment."""
    answers = ctx.store.get_answers(aid)
    progress = progress_of(ctx.catalogue, steps, answers, step.key)
    recheck = _earlier_version(ctx, aid, step, answers.get(step.framework_id, {}))
    bar, caption = st.empty(), st.empty()
    sections_left(progress, step.key, ctx.page(PAGE_QUESTIONNAIRE), link)
    _answer_key(step)
    saved_answers = answers.get(step.framework_id, {})
    st.html(_ANSWER_GRID, width="content")
    with st.container(key=f"answers-{max((v['scale_size'] for v in step.items), default=0)}"):
        for n, view in enumerate(step.items, start=1):
            note = recheck.get(view["id"])
            saved = saved_answers.get(view["id"])
            _question(ctx, aid, step, n, view, saved, progress, show_extra, (bar, caption), note)


def _earlier_version(
    ctx: AppContext, aid: str, step: Step, answers: Mapping[str, Answer]
) -> dict[str, tuple[str, str]]:
    """Answers on this screen given under an earlier framework version whose meaning changed: name them,
    and let the person say they checked them (nothing is reinterpreted meanwhile).

    Returns:
        For each such item, by id: the answer it was given under the earlier version, and a note.
    """
    version = ctx.store.get_assessment(aid, with_answers=False).framework_versions.get(step.framework_id)
    fw = ctx.catalogue[step.framework_id]
    items = to_check(fw, version, answers)
    if version is None or not set(items) & set(step.item_ids):
        return {}
    st.warning(check_message(fw, version, items), icon=":material/history:")
    if st.button(
        f"I have checked these answers against version {fw.version}",
        key=f"q:{aid}:{fw.id}:confirm_version",
        icon=":material/task_alt:",
    ):
        ctx.store.confirm_framework_version(aid, fw.id)
        st.rerun()
    note = f"Given under version {version}, when this answer was worded differently: please check it."
    return {iid: (answers[iid].value or "", note) for iid in items}


@st.fragment
def _question(
    ctx: AppContext,
    aid: str,
    step: Step,
    number: int,
    view: dict[str, Any],
    saved: Answer | None,
    progress: Progress,
    show_extra: bool,
    slots: tuple[DeltaGenerator, DeltaGenerator],
    recheck: tuple[str, str] | None = None,
) -> None:
    """One question, as a fragment: answering it reruns this function only.

    The arguments are those of the last whole-page run. After this question's
    answer is saved (its callback marks the status fresh), the fragment reads
    the answers back and redraws the progress slots above the questions, which
    every question's fragment fills on each run (Streamlit requires a fragment
    to write to an outside container on every full run; the last write shows).
    """
    where = f"{step.framework_id}.{view['id']}"
    status = st.session_state.get(status_key(aid)) or {}
    if status.get("fresh") and status.get("where") == where:
        status["fresh"] = False
        answers = ctx.store.get_answers(aid)
        saved = answers.get(step.framework_id, {}).get(view["id"])
        progress = progress_of(ctx.catalogue, questionnaire_steps(ctx.catalogue), answers, step.key)
    _render_item(ctx.store, aid, step.framework_id, number, view, saved, show_extra=show_extra, recheck=recheck)
    answer_conflict(ctx.store, aid, step.framework_id, view)
    show_problems_at(aid, where)
    if show_extra:
        st.divider()
    show_progress(*slots, progress, aid)
