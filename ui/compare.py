"""Compare: candidate innovations side by side, a weighted ranking with its stability, and an Excel download.

Candidates are saved assessments (by default the latest of each innovation,
optionally earlier ones too) and/or uploaded assessment workbooks or JSON
files. All numbers come from :mod:`assessments.compare`; this page only
collects choices and shows results. Scoring is cached per assessment id and
last-change time, so a large database is scored once, not on every rerun.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from assessments.compare.candidates import (
    Candidate,
    candidate_label,
    filter_candidates,
    read_assessment_any,
    unique_labels,
)
from assessments.compare.chart_data import (
    factor_matrix,
    factor_table,
    nasss_grid,
    nasss_table,
    radar_data,
    radar_data_table,
)
from assessments.compare.charts import (
    MAX_OVERLAY,
    compare_radar_figure,
    factor_heatmap_figure,
    nasss_grid_figure,
)
from assessments.compare.ranking import CAVEAT, WEIGHTING_NOTES, rank_candidates
from assessments.compare.tables import Table, evidence_table, ranking_table, summary_table
from assessments.compare.weights import (
    DEFAULT_WEIGHT,
    MAX_WEIGHT,
    MIN_WEIGHT,
    default_weights,
    validate_profile_name,
    validate_weights,
    weight_keys,
    weight_labels,
)
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.errors import ErrorCode, InputError, problem
from assessments.methods import method_of
from assessments.models import ROLE_LABELS, STAGE_LABELS, Assessment, AssessmentResult, AssessorRole, Framework, Stage
from assessments.scoring import score_assessment
from assessments.store import AssessmentSummary, Store, default_url
from ui import keys as k
from ui.state import AppContext
from ui.widgets import show_problems

MAX_CHARTED = 24
"""Most candidates drawn in a chart (the top of the ranking); tables always list every candidate."""
AUTO_WORKBOOK_LIMIT = 60
"""Up to this many candidates the workbook is built at once; above, on request."""


@st.cache_resource(show_spinner=False, max_entries=5000)
def _scored(
    _store: Store, _catalogue: Mapping[str, Framework], db_url: str, assessment_id: str, updated_at: dt.datetime
) -> tuple[Assessment, AssessmentResult]:
    """Load and score one saved assessment; cached until it changes (``updated_at``)."""
    del db_url, updated_at  # cache key only
    assessment = _store.get_assessment(assessment_id)
    return assessment, score_assessment(assessment, _catalogue)


@st.cache_resource(show_spinner=False, max_entries=500)
def _read_upload(
    name: str, digest: str, _content: bytes, _catalogue: Mapping[str, Framework]
) -> tuple[Assessment | None, AssessmentResult | None, list]:
    """Read and score an uploaded file once per content; problems are returned, not raised."""
    del digest  # cache key only
    frameworks = _catalogue
    try:
        assessment = read_assessment_any(_content, name, frameworks)
        return assessment, score_assessment(assessment, frameworks), []
    except InputError as exc:
        return None, None, list(exc.problems)
    except Exception as exc:  # a reader bug must still not show a traceback
        return None, None, [problem(ErrorCode.ASSESSMENT_015, file=name, detail=f"unexpected error ({exc})")]


def _summary_label(s: AssessmentSummary) -> str:
    when = s.assessed_on.isoformat() if s.assessed_on else "undated"
    extra = f" · {s.label}" if s.label else ""
    return f"{s.innovation_name} ({when}{extra})"


def _df(table: Table) -> pd.DataFrame:
    return pd.DataFrame(list(table.rows), columns=list(table.columns))


def _weight_state_key(key: str) -> str:
    return k.COMPARE_WEIGHT.format(key=key)


def _set_weights(weights: dict[str, float]) -> None:
    for key, value in weights.items():
        st.session_state[_weight_state_key(key)] = float(value)


def _load_profile(profiles: dict[str, dict[str, float]], frameworks: Mapping[str, Framework]) -> None:
    name = st.session_state.get(k.COMPARE_PROFILE)
    if not name or name not in profiles:
        return
    try:
        weights = validate_weights({k: v for k, v in profiles[name].items()}, frameworks)
    except InputError as exc:
        st.session_state[k.COMPARE_PROFILE_MSG] = ("error", exc.problems)
        return
    _set_weights(weights)
    st.session_state[k.COMPARE_PROFILE_MSG] = ("ok", f"Loaded the weights of profile '{name}'.")


def _select_candidates(store: Store, frameworks: Mapping[str, Framework]) -> list[Candidate]:
    """The picker and uploader: returns every candidate chosen (before filters)."""
    st.subheader("Choose assessments")
    earlier = st.toggle(
        "Include earlier assessments (compare an innovation with its own past)",
        key=k.COMPARE_EARLIER,
        help="Off: only the latest assessment of each innovation is offered. On: every saved assessment.",
    )
    latest = store.list_assessments(latest_only=True)
    offered = store.list_assessments() if earlier else latest
    by_id = {s.id: s for s in offered}
    if k.COMPARE_PICK not in st.session_state:
        st.session_state[k.COMPARE_PICK] = [s.id for s in latest]
    else:
        st.session_state[k.COMPARE_PICK] = [i for i in st.session_state[k.COMPARE_PICK] if i in by_id]
    picked = st.multiselect(
        "Saved assessments",
        options=list(by_id),
        format_func=lambda i: _summary_label(by_id[i]),
        key=k.COMPARE_PICK,
        help="By default, the latest assessment of each innovation.",
    )
    uploads = st.file_uploader(
        "Or add assessment workbooks (.xlsx) or JSON files",
        type=["xlsx", "json"],
        accept_multiple_files=True,
        key=k.COMPARE_UPLOAD,
    )

    assessments: list[tuple[str, Assessment, AssessmentResult, str]] = []
    failed: list[str] = []
    with st.spinner(f"Scoring {len(picked)} assessments (each is scored once, then cached)..."):
        for assessment_id in picked:
            s = by_id[assessment_id]
            try:
                a, r = _scored(store, frameworks, default_url(), assessment_id, s.updated_at)
            except InputError:
                failed.append(_summary_label(s))
                continue
            assessments.append((assessment_id, a, r, "saved"))
    if failed:
        st.warning("These assessments could not be loaded and are left out: " + "; ".join(failed))
    problems = []
    for upload in uploads or []:
        content = upload.getvalue()
        a, r, probs = _read_upload(upload.name, hashlib.sha256(content).hexdigest(), content, frameworks)
        if probs or a is None or r is None:
            problems.extend(probs)
            continue
        assessments.append((f"file:{upload.name}", a, r, upload.name))
    if problems:
        show_problems(problems, "Some uploaded files cannot be compared; the others are included.")
    labels = unique_labels([candidate_label(a) for _, a, _, _ in assessments])
    keys = unique_labels([key for key, _, _, _ in assessments])  # two uploads may share a file name
    return [
        Candidate(key=key, label=label, assessment=a, result=r, source=src)
        for (_, a, r, src), label, key in zip(assessments, labels, keys, strict=True)
    ]


def _filters(candidates: list[Candidate]) -> list[Candidate]:
    with st.expander("Filters: stage, assessor role, date", expanded=False):
        cols = st.columns(4)
        stages = cols[0].multiselect("Stage", list(Stage), format_func=lambda s: STAGE_LABELS[s], key=k.COMPARE_STAGES)
        roles = cols[1].multiselect(
            "Assessor role", list(AssessorRole), format_func=lambda r: ROLE_LABELS[r], key=k.COMPARE_ROLES
        )
        date_from = cols[2].date_input("Assessed on or after", value=None, key=k.COMPARE_FROM)
        date_to = cols[3].date_input("Assessed on or before", value=None, key=k.COMPARE_TO)
        st.caption("Empty filters keep everything. With a date set, undated assessments are left out.")
    kept = filter_candidates(
        candidates,
        stages=stages,
        roles=roles,
        date_from=date_from if isinstance(date_from, dt.date) else None,
        date_to=date_to if isinstance(date_to, dt.date) else None,
    )
    if len(kept) != len(candidates):
        st.caption(f"Filters keep {len(kept)} of {len(candidates)} assessments.")
    return kept


def _weights(store: Store, frameworks: Mapping[str, Framework]) -> dict[str, float]:
    """Number inputs per section (defaults shown), reset, and named profiles; returns valid weights."""
    keys = weight_keys(frameworks)
    labels = weight_labels(frameworks)
    for key in keys:
        st.session_state.setdefault(_weight_state_key(key), DEFAULT_WEIGHT)
    st.subheader("Your weights")
    st.caption(
        f"One weight per framework section, {MIN_WEIGHT:g}-{MAX_WEIGHT:g}; the default is {DEFAULT_WEIGHT:g} for every "
        "section (equal). Weighting is your editorial choice: none of the frameworks defines one."
    )
    for fid, fw in frameworks.items():
        st.markdown(f"**{fw.short_title}**")
        cols = st.columns(min(len(fw.sections), 4))
        for i, section in enumerate(fw.sections):
            key = f"{fid}.{section.id}"
            cols[i % len(cols)].number_input(
                labels[key].split(": ", 1)[-1],
                min_value=MIN_WEIGHT,
                max_value=MAX_WEIGHT,
                step=0.5,
                key=_weight_state_key(key),
                help=f"Weight for '{labels[key]}' (key {key}); default {DEFAULT_WEIGHT:g}.",
            )
    raw = {key: st.session_state[_weight_state_key(key)] for key in keys}
    buttons = st.columns([1, 2, 1, 2, 1], vertical_alignment="bottom")
    buttons[0].button(
        "Reset weights",
        key=k.COMPARE_RESET,
        on_click=_set_weights,
        args=(default_weights(frameworks),),
        help=f"Set every weight back to {DEFAULT_WEIGHT:g} (equal).",
    )
    profiles = store.weight_profiles()
    buttons[1].selectbox(
        "Saved profile", list(profiles), index=None, key=k.COMPARE_PROFILE, placeholder="Choose a profile"
    )
    buttons[2].button(
        "Load profile",
        key=k.COMPARE_LOAD,
        on_click=_load_profile,
        args=(profiles, frameworks),
        disabled=not profiles,
    )
    buttons[3].text_input("Profile name", key=k.COMPARE_PROFILE_NAME, placeholder="e.g. Prevention first")
    if buttons[4].button("Save as profile", key=k.COMPARE_SAVE):
        try:
            name = validate_profile_name(st.session_state.get(k.COMPARE_PROFILE_NAME) or "")
            store.save_weight_profile(name, validate_weights(raw, frameworks))
            st.session_state[k.COMPARE_PROFILE_MSG] = ("ok", f"Saved the weights as profile '{name}'.")
            st.rerun()
        except InputError as exc:
            st.session_state[k.COMPARE_PROFILE_MSG] = ("error", exc.problems)
    message = st.session_state.pop(k.COMPARE_PROFILE_MSG, None)
    if message and message[0] == "ok":
        st.success(message[1])
    elif message:
        show_problems(message[1], "The weights cannot be used.")
    try:
        return validate_weights(raw, frameworks)
    except InputError as exc:
        show_problems(exc.problems, "The weights cannot be used; the ranking uses equal weights until they are fixed.")
        return default_weights(frameworks)


def _charts(candidates: list[Candidate], frameworks: Mapping[str, Framework]) -> None:
    charted = candidates[:MAX_CHARTED]
    if len(candidates) > len(charted):
        st.caption(
            f"Charts show the top {len(charted)} of {len(candidates)} assessments in rank order; "
            "every table below lists them all."
        )
    tabs = st.tabs(["Radar per framework", "NASSS grid", "SCIE factors", "Unknowns and evidence", "Summary table"])
    with tabs[0]:
        st.caption(
            f"Up to {MAX_OVERLAY} innovations are overlaid (each has its own line style and marker as well as "
            "colour); more are drawn as small radars on the same scale."
        )
        for fid, fw in frameworks.items():
            st.plotly_chart(compare_radar_figure(fw, charted), key=k.COMPARE_RADAR.format(framework=fid))
            st.caption(method_of(fw).chart_note)
            st.dataframe(
                _df(radar_data_table(radar_data(candidates, fw))),
                hide_index=True,
                key=k.COMPARE_RADAR_TABLE.format(framework=fid),
            )
    level_grids = [fw for fw in frameworks.values() if method_of(fw).comparison_grid == "levels"]
    with tabs[1]:
        for fw in level_grids:
            sort = st.toggle("Sort by number of complex domains", value=True, key=k.COMPARE_SORT_COMPLEX)
            rows = nasss_grid(candidates, fw, sort_by_complex=sort)
            st.plotly_chart(nasss_grid_figure(rows[:MAX_CHARTED], fw), key=k.COMPARE_GRID.format(framework=fw.id))
            st.dataframe(_df(nasss_table(rows, fw)), hide_index=True, key=k.COMPARE_GRID_TABLE.format(framework=fw.id))
    with tabs[2]:
        for fw in frameworks.values():
            if method_of(fw).comparison_grid != "ratings":
                continue
            st.plotly_chart(
                factor_heatmap_figure(factor_matrix(charted, fw), title=fw.short_title),
                key=k.COMPARE_HEAT.format(framework=fw.id),
            )
            st.dataframe(
                _df(factor_table(factor_matrix(candidates, fw))),
                hide_index=True,
                key=k.COMPARE_HEAT_TABLE.format(framework=fw.id),
            )
    with tabs[3]:
        st.caption(
            "How much of each assessment rests on evidence, and how much is unknown: a well-evidenced rating "
            "can be told from an optimistic one."
        )
        st.dataframe(_df(evidence_table(candidates)), hide_index=True, key=k.COMPARE_EVIDENCE)
    with tabs[4]:
        st.dataframe(_df(summary_table(candidates, frameworks)), hide_index=True, key=k.COMPARE_SUMMARY)


def main(ctx: AppContext) -> None:
    """Render the compare page."""
    st.title("Compare innovations")
    st.warning(CAVEAT, icon=":material/balance:")
    store, frameworks = ctx.store, ctx.catalogue
    candidates = _filters(_select_candidates(store, frameworks))
    if not candidates:
        st.info(
            "Nothing to compare yet. Pick saved assessments above or upload assessment workbooks or JSON files. "
            "The Home page can load the illustrative examples."
        )
        return
    weights = _weights(store, frameworks)

    ranking = rank_candidates(candidates, frameworks, weights)
    st.subheader("Weighted ranking")
    st.caption(
        f"Rank range: best and worst rank over {ranking.alternatives} alternative weightings (each weight halved "
        "and doubled in turn, plus random variations). Coverage: share of the weight on sections this assessment "
        "has a value for."
    )
    st.dataframe(_df(ranking_table(ranking, candidates)), hide_index=True, key=k.COMPARE_RANKING)
    with st.expander("How the ranking is worked out"):
        for line in WEIGHTING_NOTES:
            st.markdown(line)
    order = {r.key: i for i, r in enumerate(ranking.rows)}
    ranked = sorted(candidates, key=lambda c: order.get(c.key, len(order)))

    st.subheader("Side by side")
    _charts(ranked, frameworks)

    st.subheader("Take it away")
    # Scored results are cached objects, replaced when an assessment changes: their ids mark a change.
    signature = repr(([(c.key, id(c.result)) for c in ranked], sorted(weights.items())))
    cached = st.session_state.get(k.COMPARE_XLSX)
    if cached is None or cached[0] != signature:
        cached = None
        if len(ranked) <= AUTO_WORKBOOK_LIMIT or st.button(
            f"Prepare the comparison workbook ({len(ranked)} assessments)", key=k.COMPARE_BUILD
        ):
            cached = (signature, comparison_workbook_bytes(ranked, frameworks, weights, ranking=ranking))
            st.session_state[k.COMPARE_XLSX] = cached
    if cached is not None:
        st.download_button(
            "Download the comparison workbook (.xlsx)",
            data=cached[1],
            file_name=f"comparison-{dt.date.today().isoformat()}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=k.COMPARE_DOWNLOAD,
        )
