"""Results: overview, a radar and its table per framework, flags, what changed, next steps and the method note.

The assessment comes from the URL (``?a=<id>``). Scores are computed from the
saved answers on every visit (cached per assessment and last-change time), so
the page always matches the database. Earlier assessments of the same
innovation are overlaid on each radar, and a table shows what changed since the
one before.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from assessments.catalogue import Catalogue
from assessments.charts.changes import change_table
from assessments.charts.radar import radar_figure, radar_table
from assessments.charts.spokes import Level
from assessments.errors import InputError
from assessments.guidance import next_steps
from assessments.methods import method_of
from assessments.models import (
    ROLE_LABELS,
    STAGE_LABELS,
    AssessmentResult,
    Flag,
    FlagCode,
    Framework,
    FrameworkResult,
)
from assessments.scoring import score_assessment
from assessments.store import AssessmentSummary, Store, default_url
from assessments.wording import SELF_ASSESSMENT_NOTE, STATUS_LABELS, method_markdown
from ui.keys import (
    PAGE_HOME,
    PAGE_METHOD,
    PAGE_QUESTIONNAIRE,
    QP_ASSESSMENT,
    RESULTS_CHANGES,
    RESULTS_CHART,
    RESULTS_LEVEL,
    RESULTS_TABLE,
)
from ui.state import AppContext, current_assessment_id
from ui.widgets import show_problems

MAX_OVERLAID = 4
"""Most assessments overlaid on one radar (the current one and up to three earlier)."""


@st.cache_resource(show_spinner=False, max_entries=256)
def _scored(
    _store: Store, _catalogue: Catalogue, db_url: str, assessment_id: str, updated_at: dt.datetime
) -> AssessmentResult:
    """Score one saved assessment; cached until its answers change (``updated_at``)."""
    del db_url, updated_at  # cache key only
    return score_assessment(_store.get_assessment(assessment_id), _catalogue)


def _series_name(summary: AssessmentSummary) -> str:
    when = summary.assessed_on.isoformat() if summary.assessed_on else "undated"
    return f"{summary.label or 'Assessment'} {when}".strip()


def _short_name(summary: AssessmentSummary, *, current: bool = False) -> str:
    """A compact series name for chart legends and table headers (full names go in the caption)."""
    when = summary.assessed_on.isoformat() if summary.assessed_on else "undated"
    return f"This one ({when})" if current else f"Earlier ({when})"


def _overview_line(framework: Framework, fr: FrameworkResult) -> str:
    figure, counted = method_of(fr).overview(framework, fr)
    return f"**{figure}** {counted}"


def _answers_line(fr: FrameworkResult) -> str:
    parts = [f"{fr.answered} of {fr.total} {STATUS_LABELS['answered'].lower()}"]
    parts.append(f"{fr.unknown} {STATUS_LABELS['dont_know'].lower()}")
    if fr.not_applicable:
        parts.append(f"{fr.not_applicable} {STATUS_LABELS['not_applicable'].lower()}")
    return ", ".join(parts)


def _show_flags(flags: tuple[Flag, ...]) -> None:
    if not flags:
        st.markdown("✓ **No flags** for this framework.")
        return
    gaps = [f for f in flags if f.code is FlagCode.SCIE_PRIORITY_GAP]
    if gaps:
        lines = "\n".join(f"- {f.message}" for f in gaps)
        st.warning(f"**⚠ Warning – priority gaps ({len(gaps)})**\n\n{lines}", icon=":material/warning:")
    for flag in flags:
        if flag.code is FlagCode.SCIE_PRIORITY_GAP:
            continue
        title = flag.code.label
        if flag.severity == "warning":
            st.warning(f"**⚠ Warning – {title}:** {flag.message}", icon=":material/warning:")
        else:
            st.info(f"**ℹ Note – {title}:** {flag.message}", icon=":material/info:")


@st.cache_resource(show_spinner=False, max_entries=128)
def _views(
    db_url: str,
    framework_id: str,
    level: Level,
    key: tuple[tuple[str, str, str], ...],
    _framework: Framework,
    _series: list[tuple[str, FrameworkResult]],
) -> tuple[go.Figure, pd.DataFrame, pd.DataFrame | None]:
    """Chart, table and change table for one framework; cached until any overlaid assessment changes.

    ``key`` holds (series name, assessment id, last change) for every series, so
    a saved answer anywhere in the overlay rebuilds the views.
    """
    del db_url, framework_id, key  # cache key only
    fig = radar_figure(_framework, _series, level=level)
    table = radar_table(_framework, _series, level=level)
    changes = change_table(_framework, _series[-2][1], _series[-1][1]) if len(_series) > 1 else None
    return fig, table, changes


def _framework_block(
    framework: Framework,
    fr: FrameworkResult,
    series: list[tuple[str, FrameworkResult]],
    previous: tuple[str, FrameworkResult] | None,
    key: tuple[tuple[str, str, str], ...],
) -> None:
    st.subheader(framework.title)
    st.markdown(_overview_line(framework, fr) + f" · {_answers_line(fr)}")
    level: Level = "auto"
    if method_of(framework).item_radar:
        choice = st.radio(
            "Show",
            ["Each factor (0-3)", "Each section (0-100)"],
            horizontal=True,
            key=RESULTS_LEVEL.format(framework=framework.id),
        )
        level = "section" if choice and choice.startswith("Each section") else "item"
    fig, table, changes = _views(default_url(), framework.id, level, key, framework, series)
    chart_col, table_col = st.columns([3, 2])
    with chart_col:
        st.plotly_chart(
            fig,
            width="stretch",
            key=RESULTS_CHART.format(framework=framework.id),
            alt=f"Radar chart of {framework.short_title} results. The same numbers are in the table beside it.",
            config={"displaylogo": False},
        )
    with table_col:
        spokes = "factor" if method_of(framework).radar_level(level) == "item" else "section"
        st.caption(f"The same numbers as a table (one row per {spokes}; blank = no number, see the reading).")
        st.dataframe(table, width="stretch", hide_index=True, key=RESULTS_TABLE.format(framework=framework.id))
    st.caption(method_of(framework).chart_note)
    _show_flags(fr.flags)
    if previous is not None:
        name, before = previous
        with st.expander(f"What changed since {name}", expanded=True):
            if changes is None:  # pragma: no cover - previous implies two series
                changes = change_table(framework, before, fr)
            changed_items = int((changes["Level"] == "Item").sum())
            st.caption(
                f"{changed_items} answers changed. Sections are always listed; items only when their answer changed."
            )
            st.dataframe(changes, width="stretch", hide_index=True, key=RESULTS_CHANGES.format(framework=framework.id))


def main(ctx: AppContext) -> None:
    """Render the results page."""
    st.title("Results")
    store, frameworks = ctx.store, ctx.catalogue
    assessment_id = current_assessment_id()
    if not assessment_id:
        st.info("No assessment is open. Start or open one on the Home page, then come back here.")
        st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")
        return
    try:
        summary = store.get_summary(assessment_id)
        result = _scored(store, frameworks, default_url(), assessment_id, summary.updated_at)
        history = store.innovation_history(summary.innovation_id)
    except InputError as exc:
        show_problems(exc.problems, "This assessment cannot be shown.")
        st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")
        return

    tag = " (illustrative example)" if summary.illustrative else ""
    st.markdown(f"### {summary.innovation_name}{tag}")
    details = [summary.organisation, _series_name(summary)]
    if summary.stage:
        details.append(f"stage: {STAGE_LABELS[summary.stage]}")
    if summary.assessor_role:
        details.append(f"assessed by: {ROLE_LABELS[summary.assessor_role]}")
    st.caption(" · ".join(d for d in details if d))
    st.info(
        f'{SELF_ASSESSMENT_NOTE} "Don\'t know" answers are shown as gaps and counted, never scored.',
        icon=":material/person_check:",
    )
    nav = st.columns(3)
    with nav[0]:
        st.page_link(
            ctx.page(PAGE_QUESTIONNAIRE),
            label="Back to the questionnaire",
            icon=":material/edit_note:",
            query_params={QP_ASSESSMENT: assessment_id},
        )
    with nav[1]:
        st.page_link(ctx.page(PAGE_METHOD), label="How results are worked out", icon=":material/info:")

    # Earlier assessments of the same innovation, oldest first, up to this one.
    ids = [h.id for h in history]
    position = ids.index(assessment_id) if assessment_id in ids else len(ids)
    earlier = history[:position][-(MAX_OVERLAID - 1) :]
    earlier_results: list[tuple[str, AssessmentResult]] = []
    earlier_keys: list[tuple[str, str, str]] = []
    earlier_names: list[str] = []
    for h in earlier:
        try:
            earlier_results.append((_short_name(h), _scored(store, frameworks, default_url(), h.id, h.updated_at)))
        except InputError:
            continue
        earlier_keys.append((_short_name(h), h.id, h.updated_at.isoformat()))
        earlier_names.append(_series_name(h))
    if earlier_results:
        st.caption(
            f"Overlaying {len(earlier_results)} earlier assessment(s) of this innovation: "
            + "; ".join(earlier_names)
            + ". Series differ by line style and marker shape as well as colour."
        )

    st.header("Overview")
    for fr in result.results:
        fw = frameworks.get(fr.framework)
        if fw is not None:
            st.markdown(f"- **{fw.short_title}:** {_overview_line(fw, fr)} ({_answers_line(fr)})")

    current_name = _short_name(summary, current=True)
    for fr in result.results:
        fw = frameworks.get(fr.framework)
        if fw is None:
            continue
        series = []
        keys = []
        for (name, er), k in zip(earlier_results, earlier_keys, strict=True):
            try:
                series.append((name, er.framework(fr.framework)))
            except KeyError:
                continue
            keys.append(k)
        previous = series[-1] if series else None
        series.append((current_name, fr))
        keys.append((series[-1][0], assessment_id, summary.updated_at.isoformat()))
        _framework_block(fw, fr, series, previous, tuple(keys))

    st.header("Suggested next steps")
    steps = next_steps(result, frameworks)
    if not steps:
        st.markdown("✓ No weak areas stand out from the answers so far.")
    for number, step in enumerate(steps, start=1):
        where = frameworks[step.framework].short_title if step.framework in frameworks else "All frameworks"
        st.markdown(f"**{number}. {step.title}** ({where})  \n*Why:* {step.reason}  \n{step.action}")
        st.caption("Draws on: " + "; ".join(step.source_labels))

    with st.expander("How these results are worked out (scoring method)"):
        st.markdown(method_markdown())
    st.page_link(ctx.page(PAGE_METHOD), label="Open the scoring method page", icon=":material/info:")
