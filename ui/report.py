"""The results of one assessment as shown on screen: overview, a radar and its table per framework, flags,
what changed, next steps and the method note.

Shared by the Results page (a saved assessment, with earlier ones of the same innovation
overlaid) and the Link page (a frozen copy opened by a share link, on its own). Nothing
here reads the database: the pages pass the scored results in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from assessments.charts.changes import change_table
from assessments.charts.html import RESPONSIVE_CSS, bars_html, draws_radar, svg_img_html
from assessments.charts.radar import radar_table
from assessments.charts.spokes import Level
from assessments.guidance import next_steps, stage_note
from assessments.methods import method_of
from assessments.methods.base import answers_text
from assessments.models import (
    ROLE_LABELS,
    STAGE_LABELS,
    AssessmentResult,
    AssessorRole,
    Flag,
    FlagCode,
    Framework,
    FrameworkResult,
    Stage,
)
from assessments.report.radar_svg import RadarSeries, radar_svg
from assessments.store import AssessmentSummary, default_url
from assessments.wording import method_markdown, series_name
from ui.keys import RESULTS_CHANGES, RESULTS_CHART, RESULTS_LEVEL, RESULTS_TABLE
from ui.widgets import md, md_line

if TYPE_CHECKING:
    from streamlit.elements.lib.column_types import ColumnConfig

MAX_OVERLAID = 4
"""Most assessments overlaid on one radar (the current one and up to three earlier)."""


@dataclass(frozen=True)
class Series:
    """One scored assessment on the radars: the current one or an earlier one of the same innovation."""

    name: str
    """Short name for chart legends and table headers, e.g. ``Earlier (2026-01-10)``."""
    full_name: str
    """Label and date, for the caption that lists the overlaid assessments."""
    result: AssessmentResult
    version: tuple[str, str]
    """(assessment or copy id, last change): charts are rebuilt when any overlaid series changes."""
    stage: Stage | None = None
    """The innovation's stage at this assessment: the next steps take it into account."""
    since: str = ""
    """The heading of the change view against this one (``wording.changes_title``), when it is the baseline."""


def show_heading(
    name: str,
    organisation: str,
    label: str,
    assessed_on: dt.date | None,
    stage: Stage | None,
    role: AssessorRole | None,
    *,
    tag: str = "",
    assessor: str = "",
) -> None:
    """The innovation's name as a heading and its details in one line (people's text shown as typed).

    "Assessed by" names the assessor when one was given, with their role in brackets.
    """
    st.markdown(f"### {md_line(name)}{tag}")
    details = [md_line(organisation), md_line(series_name(label, assessed_on))]
    if stage:
        details.append(f"stage: {STAGE_LABELS[stage]}")
    if assessor.strip():
        details.append(f"assessed by: {md_line(assessor)}" + (f" ({ROLE_LABELS[role]})" if role else ""))
    elif role:
        details.append(f"assessed by: a{'n' if ROLE_LABELS[role][0] in 'AEIOU' else ''} {ROLE_LABELS[role].lower()}")
    st.caption(" · ".join(d for d in details if d))


def summary_heading(summary: AssessmentSummary) -> None:
    """:func:`show_heading` for a saved assessment (examples marked as such)."""
    show_heading(
        summary.innovation_name,
        summary.organisation,
        summary.label,
        summary.assessed_on,
        summary.stage,
        summary.assessor_role,
        assessor=summary.assessor,
        tag=" (illustrative example)" if summary.illustrative else "",
    )


def _overview_line(framework: Framework, fr: FrameworkResult) -> str:
    figure, counted = method_of(fr).overview(framework, fr)
    return f"**{figure}** {counted}"


def _show_flags(flags: tuple[Flag, ...]) -> None:
    if not flags:
        st.markdown("✓ **No flags** for this framework.")
        return
    # Answers to check after a framework version change qualify every other flag: shown first.
    flags = tuple(sorted(flags, key=lambda f: f.code is not FlagCode.EARLIER_VERSION))
    for flag in flags:
        if flag.code is FlagCode.EARLIER_VERSION:
            st.warning(f"**⚠ Warning – {flag.code.label}:** {flag.message}", icon=":material/history:")
    gaps = [f for f in flags if f.code is FlagCode.SCIE_PRIORITY_GAP]
    if gaps:
        lines = "\n".join(f"- {f.message}" for f in gaps)
        st.warning(f"**⚠ Warning – priority gaps ({len(gaps)})**\n\n{lines}", icon=":material/warning:")
    for flag in flags:
        if flag.code in (FlagCode.SCIE_PRIORITY_GAP, FlagCode.EARLIER_VERSION):
            continue
        title = flag.code.label
        if flag.severity == "warning":
            st.warning(f"**⚠ Warning – {title}:** {flag.message}", icon=":material/warning:")
        else:
            st.info(f"**ℹ Note – {title}:** {flag.message}", icon=":material/info:")


def chart_html(framework: Framework, series: Sequence[tuple[str, FrameworkResult]], level: Level) -> str:
    """One framework's chart as inline HTML: a static SVG radar on wide screens and bars on narrow ones.

    Fewer than three spokes (SCIE's two sections) are bars at every width: a radar of two spokes is a line.
    The radar is matplotlib's SVG (the PDF report's), so the page loads no chart script.
    """
    if not draws_radar(framework, level):
        return RESPONSIVE_CSS + bars_html(framework, series, level=level)
    svg = radar_svg(framework, [RadarSeries(name, fr) for name, fr in series], level=level)
    names = ", ".join(name for name, _ in series)
    picture = svg_img_html(
        svg,
        alt=f"Radar chart of {framework.short_title} results ({names}). The same numbers are in the table under it.",
        css_class="sr-chart-wide",
    )
    return RESPONSIVE_CSS + picture + bars_html(framework, series, level=level, css_class="sr-chart-narrow")


@st.cache_resource(show_spinner=False, max_entries=128)
def _views(
    db_url: str,
    framework_id: str,
    level: Level,
    key: tuple[tuple[str, str, str], ...],
    _framework: Framework,
    _series: list[tuple[str, FrameworkResult]],
) -> tuple[str, pd.DataFrame, pd.DataFrame | None]:
    """Chart (HTML), table and change table for one framework; cached until any overlaid assessment changes.

    ``key`` holds (series name, assessment id, last change) for every series, so
    a saved answer anywhere in the overlay rebuilds the views.
    """
    del db_url, framework_id, key  # cache key only
    chart = chart_html(_framework, _series, level)
    table = radar_table(_framework, _series, level=level)
    changes = change_table(_framework, _series[-2][1], _series[-1][1]) if len(_series) > 1 else None
    return chart, table, changes


def table_view(table: pd.DataFrame, names: Sequence[str]) -> tuple[pd.DataFrame, dict[str, ColumnConfig]]:
    """The radar table with each series' number and reading right after the area, and its column settings.

    On a phone the area and the first number fit the screen; the grouping columns come last.
    """
    area = table.columns[0]
    series_columns = [c for name in names for c in (name, f"{name}: reading")]
    rest = [c for c in table.columns if c != area and c not in series_columns]
    config: dict[str, ColumnConfig] = {area: st.column_config.TextColumn(area, width=170, pinned=True)}
    for name in names:
        config[name] = st.column_config.NumberColumn(name, width=110, format="%.0f")
        config[f"{name}: reading"] = st.column_config.TextColumn(f"{name}: reading", width=220)
    return table[[area, *series_columns, *rest]], config


def _framework_block(
    framework: Framework,
    fr: FrameworkResult,
    series: list[tuple[str, FrameworkResult]],
    previous: tuple[str, FrameworkResult] | None,
    key: tuple[tuple[str, str, str], ...],
) -> None:
    st.subheader(framework.title)
    st.markdown(_overview_line(framework, fr) + f" · {answers_text(fr)}")
    level: Level = "auto"
    if method_of(framework).item_radar:
        choice = st.radio(
            "Show",
            ["Each factor (0-3)", "Each section (0-100)"],
            horizontal=True,
            key=RESULTS_LEVEL.format(framework=framework.id),
        )
        level = "section" if choice and choice.startswith("Each section") else "item"
    chart, table, changes = _views(default_url(), framework.id, level, key, framework, series)
    with st.container(key=RESULTS_CHART.format(framework=framework.id).replace(":", "-")):
        st.html(chart)
    spokes = "factor" if method_of(framework).radar_level(level) == "item" else "section"
    st.caption(f"The same numbers as a table (one row per {spokes}; blank = no number, see the reading).")
    shown, config = table_view(table, [name for name, _ in series])
    st.dataframe(
        shown,
        width="stretch",
        hide_index=True,
        column_config=config,
        key=RESULTS_TABLE.format(framework=framework.id),
    )
    st.caption(method_of(framework).chart_note)
    _show_flags(fr.flags)
    if previous is not None:
        title, before = previous
        with st.expander(md_line(title), expanded=True):
            if changes is None:  # pragma: no cover - previous implies two series
                changes = change_table(framework, before, fr)
            changed_items = int((changes["Level"] == "Item").sum())
            st.caption(
                f"{changed_items} answers changed. Sections are always listed; items only when their answer changed."
            )
            # What changed comes right after the area, so it stays on a phone's screen; the level comes last.
            st.dataframe(
                changes[["Area", "Change", "Before", "After", "Level"]],
                width="stretch",
                hide_index=True,
                column_config={
                    "Area": st.column_config.TextColumn("Area", width=170, pinned=True),
                    "Change": st.column_config.TextColumn("Change", width=130),
                },
                key=RESULTS_CHANGES.format(framework=framework.id),
            )


def show_report(
    frameworks: Mapping[str, Framework],
    current: Series,
    earlier: Sequence[Series] = (),
    *,
    method_text: bool = True,
) -> None:
    """Everything below an assessment's heading: overview, one block per framework, next steps, method.

    Args:
        frameworks: The app's frameworks.
        current: The assessment shown.
        earlier: Earlier assessments of the same innovation, oldest first, overlaid on the radars
            (at most :data:`MAX_OVERLAID` - 1 are used).
        method_text: Show the scoring method's full text in an expander. A page that links to the
            Scoring method page leaves it out: the browser renders an expander's text even while it is
            closed, and those 20 KB of Markdown were the largest cost of drawing the Results page.
    """
    earlier = list(earlier)[-(MAX_OVERLAID - 1) :]
    if earlier:
        st.caption(
            f"Overlaying {len(earlier)} earlier assessment(s) of this innovation: "
            + "; ".join(md(s.full_name) for s in earlier)
            + ". Series differ by line style and marker shape as well as colour."
        )

    st.header("Overview")
    for fr in current.result.results:
        fw = frameworks.get(fr.framework)
        if fw is not None:
            st.markdown(f"- **{fw.short_title}:** {_overview_line(fw, fr)} ({answers_text(fr)})")

    for fr in current.result.results:
        fw = frameworks.get(fr.framework)
        if fw is None:
            continue
        series: list[tuple[str, FrameworkResult]] = []
        keys: list[tuple[str, str, str]] = []
        since = ""
        for s in earlier:
            try:
                series.append((s.name, s.result.framework(fr.framework)))
            except KeyError:
                continue
            keys.append((s.name, *s.version))
            since = s.since or f"What changed since {s.name}"
        previous = (since, series[-1][1]) if series else None
        series.append((current.name, fr))
        keys.append((current.name, *current.version))
        _framework_block(fw, fr, series, previous, tuple(keys))

    st.header("Suggested next steps")
    steps = next_steps(current.result, frameworks, stage=current.stage)
    if not steps:
        st.markdown("✓ No weak areas stand out from the answers so far.")
    elif note := stage_note(current.stage):
        st.caption(note)
    for number, step in enumerate(steps, start=1):
        where = frameworks[step.framework].short_title if step.framework in frameworks else "All frameworks"
        st.markdown(f"**{number}. {step.title}** ({where})  \n*Why:* {step.reason}  \n{step.action}")
        st.caption("Draws on: " + "; ".join(step.source_labels))

    if method_text:
        with st.expander("How these results are worked out (scoring method)"):
            st.markdown(method_markdown())
