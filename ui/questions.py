"""The questionnaire's questions: its screens (steps), each question's widgets, saving, and progress.

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
question (:mod:`ui.saving`, :mod:`ui.conflicts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assessments.methods import method_of
from assessments.models import EVIDENCE_LABELS, MAX_TEXT_LENGTH, Answer, EvidenceType, Framework
from assessments.store import Store
from assessments.upgrades import check_message, to_check
from ui.conflicts import answer_conflict
from ui.keys import DETAILS_STEP
from ui.saving import (
    answer_key,
    based_answer,
    remember_answer,
    save_answer,
    show_problems_at,
    status_key,
)
from ui.state import AppContext
from ui.widgets import local_time, md_line

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
    scale = [o for o in options if o.is_scale]
    top = scale[-1] if scale and method_of(fw).top_needs_evidence and item.ready_end == "high" else None
    return {
        "evidence_top": top.id if top else None,
        "evidence_top_label": top.label if top else "",
        "id": item.id,
        "text": item.text,
        "help": item.help,
        "type": item.type,
        "option_ids": [o.id for o in options],
        "labels": {o.id: o.label for o in options},
        "captions": [o.descriptor for o in options],
    }


def _build_steps(frameworks: Mapping[str, Framework]) -> list[Step]:
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


def questionnaire_steps(frameworks: Mapping[str, Framework]) -> list[Step]:
    """The questionnaire screens in order: details, then each framework's sections.

    Built once per framework set and kept in a plain module-level dict: a dict
    lookup is much cheaper per rerun than ``st.cache_resource`` hashing.
    """
    signature = tuple((fid, fw.version) for fid, fw in frameworks.items())
    steps = _STEPS_CACHE.get(signature)
    if steps is None:
        steps = _STEPS_CACHE[signature] = _build_steps(frameworks)
    return steps


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


def _render_item(
    store: Store,
    aid: str,
    fid: str,
    number: int,
    item_view: dict,
    saved: Answer | None,
    *,
    show_extra: bool,
    recheck: tuple[str, str] | None = None,
) -> None:
    """One question: its answer widget, then its note and evidence fields (or a one-line summary of them)."""
    iid = item_view["id"]
    remember_answer(aid, fid, iid, saved, show_extra=show_extra)
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
class Progress:
    """What the progress bar and its caption say (everything but the last save's time)."""

    fraction: float
    bar: str
    details: str


def progress_of(
    frameworks: Mapping[str, Framework], steps: list[Step], answers: dict[str, dict[str, Answer]], step_key: str
) -> Progress:
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
    return Progress(fraction=answered / total if total else 0.0, bar=bar, details=details)


def show_progress(bar: DeltaGenerator, caption: DeltaGenerator, progress: Progress, aid: str) -> None:
    """Fill the two progress slots: the bar, and one caption with the last save's time and the details."""
    status = st.session_state.get(status_key(aid)) or {}
    saved_at = status.get("saved_at")
    saved = (
        f":material/cloud_done: Saved at {local_time(saved_at, with_date=False)}"
        if saved_at
        else "Every change is saved as soon as you make it."
    )
    bar.progress(progress.fraction, text=progress.bar)
    caption.caption(f"{saved}  \n{progress.details}")


def section(ctx: AppContext, aid: str, steps: list[Step], step: Step, show_extra: bool) -> None:
    """One section: two progress slots, then every question as its own fragment."""
    answers = ctx.store.get_answers(aid)
    progress = progress_of(ctx.catalogue, steps, answers, step.key)
    recheck = _earlier_version(ctx, aid, step, answers.get(step.framework_id, {}))
    bar, caption = st.empty(), st.empty()
    saved_answers = answers.get(step.framework_id, {})
    for n, view in enumerate(step.items, start=1):
        note = recheck.get(view["id"])
        _question(ctx, aid, step, n, view, saved_answers.get(view["id"]), progress, show_extra, (bar, caption), note)


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
    view: dict,
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
