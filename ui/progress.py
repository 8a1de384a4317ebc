"""The questionnaire's progress: one line above the questions, and the sections that still have questions left.

Counts come from the scoring itself (:func:`assessments.scoring.score_framework`) and are worded by
:func:`assessments.methods.base.answers_text`, so "answered" means here what it means on Results,
in the exports and on the command line: any answer, "don't know" and "not applicable" included,
and those two named.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.navigation.page import StreamlitPage

from assessments.methods.base import answers_text
from assessments.models import Answer, Framework, FrameworkResult
from assessments.scoring import score_framework
from ui.keys import DETAILS_STEP
from ui.saving import status_key
from ui.steps import Step
from ui.widgets import local_time


@dataclass(frozen=True)
class Left:
    """A section with questions still to answer."""

    key: str
    title: str
    left: int
    total: int


@dataclass(frozen=True)
class Progress:
    """What the progress line says (everything but the last save's time), and where questions are left."""

    fraction: float
    line: str
    left: tuple[Left, ...]


def _readable(fw: Framework, items: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers the framework can read: an item or option it no longer has is left out (so not counted), never
    an error that would stop the screen on which it can be answered again."""
    out = {}
    for iid, answer in items.items():
        if iid not in fw.items:
            continue
        if fw.item(iid).type == "choice" and answer.value and answer.value not in {o.id for o in fw.options(iid)}:
            continue
        out[iid] = answer
    return out


def _results(
    frameworks: Mapping[str, Framework], answers: Mapping[str, Mapping[str, Answer]]
) -> dict[str, FrameworkResult]:
    return {fid: score_framework(fw, _readable(fw, answers.get(fid, {}))) for fid, fw in frameworks.items()}


def progress_of(
    frameworks: Mapping[str, Framework], steps: list[Step], answers: Mapping[str, Mapping[str, Answer]], step_key: str
) -> Progress:
    """This screen's place among the sections and the answers given, on this screen and in its framework."""
    results = _results(frameworks, answers)
    sections = [s for s in steps if s.key != DETAILS_STEP]
    left = []
    for s in sections:
        counts = next(x for x in results[s.framework_id].sections if x.id == s.section_id)
        if counts.unanswered:
            left.append(Left(s.key, s.title, counts.unanswered, counts.total))
    here = next((n for n, s in enumerate(sections, start=1) if s.key == step_key), None)
    if here is None:
        line = " · ".join(f"{fw.short_title}: {answers_text(results[fid])}" for fid, fw in frameworks.items())
        done = sum(r.total - r.unanswered for r in results.values())
        total = sum(r.total for r in results.values())
    else:
        step = sections[here - 1]
        fr = results[step.framework_id]
        counts = next(x for x in fr.sections if x.id == step.section_id)
        fw = frameworks[step.framework_id]
        line = (
            f"Section {here} of {len(sections)} · This section: {answers_text(counts)} · "
            f"{fw.short_title}: {answers_text(fr)}"
        )
        done, total = fr.total - fr.unanswered, fr.total
    return Progress(fraction=done / total if total else 0.0, line=line, left=tuple(left))


def show_progress(bar: DeltaGenerator, caption: DeltaGenerator, progress: Progress, aid: str) -> None:
    """Fill the two progress slots: the bar with its one line, and the last save's time."""
    status = st.session_state.get(status_key(aid)) or {}
    saved_at = status.get("saved_at")
    saved = (
        f":material/cloud_done: Saved at {local_time(saved_at, with_date=False)}"
        if saved_at
        else "Every change is saved as soon as you make it."
    )
    bar.progress(progress.fraction, text=progress.line)
    caption.caption(saved)


def sections_left(progress: Progress, here: str, page: StreamlitPage, link: Callable[[str], dict[str, str]]) -> None:
    """The other sections with questions left, as links in a closed expander (one line until opened)."""
    others = [s for s in progress.left if s.key != here]
    if not others:
        st.caption("Every other section has an answer to every question.")
        return
    with st.expander(f"Other sections with questions left ({len(others)})", icon=":material/checklist:"):
        for s in others:
            st.page_link(page, label=f"{s.title} ({s.left} of {s.total} left)", query_params=link(s.key))
