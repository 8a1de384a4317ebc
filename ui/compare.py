"""Compare: candidate innovations' profiles side by side, their screen, dominance tiers, an optional ordering inside
one framework, and an Excel download.

Candidates are what the person may read in one scope, never both: the real
assessments of their workspace (for a commissioner, those shared with or received
by it) or the illustrative examples. Within the scope: saved assessments (by
default the latest of each innovation, optionally earlier ones too) and, for real
candidates, uploaded assessment workbooks or JSON files. Weight profiles belong to
the workspace. All numbers come from :mod:`assessments.compare`; this page only
collects choices and shows results. Scoring is cached per assessment id and
last-change time, so a large database is scored once, not on every rerun.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

import streamlit as st

from assessments.compare.candidates import (
    Candidate,
    candidate_label,
    read_assessment_any,
    unique_labels,
)
from assessments.compare.comparison import CAVEAT, Comparison, compare
from assessments.compare.method import comparing_markdown
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.jsonfile import MAX_JSON_MB
from assessments.models import Assessment, AssessmentResult, Framework
from assessments.scoring import score_assessment
from assessments.store import AssessmentSummary, Role, Store, default_url
from assessments.xlsx.container import MAX_WORKBOOK_MB
from ui import compare_findings as findings
from ui import keys as k
from ui.compare_charts import charts
from ui.compare_pack import panel_pack_button
from ui.portfolio import portfolio_picker
from ui.state import AppContext
from ui.widgets import Place, choose_place, md, places, show_problems

COMPARE_SCOPE = "compare:scope"
"""Our candidates or the illustrative examples (keys defined here, not in ui/keys.py, which another change owns)."""
COMPARE_WORKSPACE = "compare:workspace"
COMPARE_PICK_SCOPE = "compare:pick_scope"
"""The scope and workspace the current pick belongs to: a new one starts from its own latest assessments."""
SCOPE_OURS = "ours"
SCOPE_EXAMPLES = "examples"
SCOPES = {SCOPE_OURS: "Our candidates", SCOPE_EXAMPLES: "Illustrative examples"}

PICKER_OURS = "compare"
PICKER_EXAMPLES = "compare:examples"
"""Key prefixes of the portfolio picker for each scope (its search, filters and ticks)."""
AUTO_PICK = 8
"""Up to this many innovations in scope, all are ticked the first time (the latest assessment of each)."""

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
) -> tuple[Assessment | None, AssessmentResult | None, list[Problem]]:
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


def _scope(ctx: AppContext) -> tuple[str, Place | None, bool]:
    """Which candidates are offered: the workspace's own (real) ones or the illustrative examples, never both.

    Returns:
        The scope, the commissioner workspace the page works in (None when the person holds that role
        nowhere, or has not chosen among several), and whether a choice of workspace is still needed.
    """
    options = places(ctx, Role.COMMISSIONER)
    place = choose_place(
        options,
        key=COMPARE_WORKSPACE,
        label="Workspace",
        help="You are a commissioner in several workspaces: its candidates and weight profiles are compared here.",
    )
    scope = st.radio(
        "Compare",
        list(SCOPES),
        format_func=SCOPES.__getitem__,
        horizontal=True,
        key=COMPARE_SCOPE,
        help="Real assessments and the illustrative examples are never mixed in one comparison.",
    )
    where = md(place.name) if place else "your workspace"
    if scope == SCOPE_EXAMPLES:
        st.caption(
            "**Illustrative examples**: made-up assessments for trying this page. They are not real innovations "
            "and are never compared with real ones."
        )
    else:
        whose = (
            f"the assessments of {where}: its own, and those shared with it or received by it"
            if place is None or Role.INNOVATOR in place.roles
            else f"the assessments shared with or received by {where}"
        )
        st.caption(f"**Our candidates**: {whose}.")
    return scope or SCOPE_OURS, place, len(options) > 1 and place is None


def pick_saved(ctx: AppContext, scope: str, workspace: str | None) -> list[AssessmentSummary]:
    """Which saved assessments take part: ticked in the portfolio table of every assessment in scope.

    The table reads the results stored with each assessment, so it stays quick with thousands; only the
    rows ticked are loaded and drawn. The first time, a scope with at most :data:`AUTO_PICK` innovations
    has them all ticked (the latest assessment of each); a larger one starts with none.
    """
    examples = scope == SCOPE_EXAMPLES
    key = PICKER_EXAMPLES if examples else PICKER_OURS
    where = f"{scope}:{workspace}"
    if st.session_state.get(COMPARE_PICK_SCOPE) != where:
        st.session_state.pop(f"{key}:picked", None)  # a new scope or workspace starts from its own latest
        st.session_state[COMPARE_PICK_SCOPE] = where
    ids = portfolio_picker(ctx, workspace=workspace, examples=examples, key=key, tick_all_up_to=AUTO_PICK)
    return [ctx.store.get_summary(i) for i in ids]


def _select_candidates(ctx: AppContext, scope: str, workspace: str | None) -> list[Candidate]:
    """The portfolio picker and the uploader: returns every candidate chosen."""
    store, frameworks = ctx.store, ctx.catalogue
    examples = scope == SCOPE_EXAMPLES
    if examples:
        workspace = None  # the examples live in a workspace of their own
    st.subheader("Choose assessments")
    picked = pick_saved(ctx, scope, workspace)
    uploads = (
        None
        if examples
        else st.file_uploader(
            f"Or add assessment workbooks (.xlsx, up to {MAX_WORKBOOK_MB} MB each) or JSON files (up to {MAX_JSON_MB} MB)",
            type=["xlsx", "json"],
            accept_multiple_files=True,
            key=k.COMPARE_UPLOAD,
            max_upload_size=MAX_WORKBOOK_MB,
        )
    )

    assessments: list[tuple[str, Assessment, AssessmentResult, str]] = []
    failed: list[str] = []
    with st.spinner(f"Scoring {len(picked)} assessments (each is scored once, then cached)..."):
        for s in picked:
            try:
                a, r = _scored(store, frameworks, default_url(), s.id, s.updated_at)
            except InputError:
                failed.append(md(_summary_label(s)))
                continue
            assessments.append((s.id, a, r, "saved"))
    if failed:
        st.warning("These assessments could not be loaded and are left out: " + "; ".join(failed))
    problems = []
    for upload in uploads or []:
        content = upload.getvalue()
        read, scored, probs = _read_upload(upload.name, hashlib.sha256(content).hexdigest(), content, frameworks)
        if probs or read is None or scored is None:
            problems.extend(probs)
            continue
        assessments.append((f"file:{upload.name}", read, scored, upload.name))
    if problems:
        show_problems(problems, "Some uploaded files cannot be compared; the others are included.")
    labels = unique_labels([candidate_label(a) for _, a, _, _ in assessments])
    keys = unique_labels([key for key, _, _, _ in assessments])  # two uploads may share a file name
    return [
        Candidate(key=key, label=label, assessment=a, result=r, source=src)
        for (_, a, r, src), label, key in zip(assessments, labels, keys, strict=True)
    ]


def main(ctx: AppContext) -> None:
    """Render the compare page: choose candidates, then profiles, the screen, the tiers, an optional ordering."""
    st.title("Compare innovations")
    st.warning(CAVEAT, icon=":material/balance:")
    store, frameworks = ctx.store, ctx.catalogue
    scope, place, must_choose = _scope(ctx)
    workspace = place.id if place else None
    if must_choose and scope == SCOPE_OURS:
        st.info("Choose the workspace whose candidates to compare.", icon=":material/info:")
        return
    candidates = _select_candidates(ctx, scope, workspace)
    if not candidates:
        if scope == SCOPE_EXAMPLES:
            st.info("No illustrative examples are loaded. The Home page can load them.")
        else:
            st.info(
                "Nothing to compare yet. Pick saved assessments above or upload assessment workbooks or JSON files. "
                "Innovators' assessments appear here once they share them with your workspace; to try the page, "
                "choose Illustrative examples above."
            )
        return
    comparison = compare(candidates, frameworks)
    findings.context(comparison)

    st.subheader("Profiles, framework by framework")
    st.caption(
        "Each innovation in each framework's own terms. Innovations are listed by tier, then alphabetically: "
        "there is no order inside a tier."
    )
    charts(list(comparison.candidates), frameworks)
    findings.screen(comparison, frameworks)
    findings.tiers(comparison)
    comparison = findings.ordering(comparison, store, frameworks, workspace)
    with st.expander("How this comparison is worked out (from the method note)"):
        st.markdown(comparing_markdown())

    st.subheader("Take it away")
    _download(comparison, frameworks)
    panel_pack_button(comparison, frameworks)


def _download(comparison: Comparison, frameworks: Mapping[str, Framework]) -> None:
    """The comparison workbook: built at once for a few candidates, on request for many."""
    listed = comparison.candidates
    # Scored results are cached objects, replaced when an assessment changes: their ids mark a change.
    o = comparison.ordering
    signature = repr(([(c.key, id(c.result)) for c in listed], None if o is None else (o.framework, o.weights)))
    cached = st.session_state.get(k.COMPARE_XLSX)
    if cached is None or cached[0] != signature:
        cached = None
        if len(listed) <= AUTO_WORKBOOK_LIMIT or st.button(
            f"Prepare the comparison workbook ({len(listed)} assessments)", key=k.COMPARE_BUILD
        ):
            cached = (signature, comparison_workbook_bytes(comparison, frameworks))
            st.session_state[k.COMPARE_XLSX] = cached
    if cached is not None:
        st.download_button(
            "Download the comparison workbook (.xlsx)",
            data=cached[1],
            file_name=f"comparison-{dt.date.today().isoformat()}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=k.COMPARE_DOWNLOAD,
        )
