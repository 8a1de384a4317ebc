"""Results: the read-only status of the assessment, then its results (:mod:`ui.report`) with earlier ones overlaid.

The assessment comes from the URL (``?a=<id>``). Scores are computed from the
saved answers on every visit (cached per assessment and last-change time), so
the page always matches the database. Earlier assessments of the same
innovation are overlaid on each radar, and a table shows what changed since the
one before.

What the page offers depends on what the person may do with the assessment: its
innovators get a link back to the questionnaire and to sharing and history; a
commissioner reading a shared copy, or anyone reading an illustrative example,
gets a banner saying it is read-only and no way to edit it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessments.catalogue import Catalogue
from assessments.errors import InputError
from assessments.models import AssessmentResult
from assessments.scoring import score_assessment
from assessments.store import AssessmentSummary, Origin, Store, default_url
from assessments.tidy import answers_csv, sections_csv
from assessments.wording import SELF_ASSESSMENT_NOTE, changes_title, file_stem, series_name, short_name
from ui.history import show_history
from ui.keys import PAGE_HOME, PAGE_METHOD, PAGE_QUESTIONNAIRE, PAGE_SHARING, QP_ASSESSMENT
from ui.report import MAX_OVERLAID, Series, show_report, summary_heading
from ui.state import AppContext, current_assessment_id
from ui.widgets import local_date, md, show_problems

RESULTS_HISTORY = "results:history"
"""Prefix of the audit history's widgets on this page."""
RESULTS_DOWNLOAD = "results:download:{kind}"
"""The download buttons (``pdf``, ``csv``, ``sections``)."""


@st.cache_resource(show_spinner=False, max_entries=256)
def _scored(
    _store: Store, _catalogue: Catalogue, db_url: str, assessment_id: str, updated_at: dt.datetime
) -> AssessmentResult:
    """Score one saved assessment; cached until its answers change (``updated_at``).

    The store passed is the viewer's, and the cache is keyed by id: a result is only
    ever reached after the viewer's own store has read that assessment's summary.
    """
    del db_url, updated_at  # cache key only
    return score_assessment(_store.get_assessment(assessment_id), _catalogue)


def _series(ctx: AppContext, summary: AssessmentSummary, *, current: bool = False) -> Series:
    result = _scored(ctx.store, ctx.catalogue, default_url(), summary.id, summary.updated_at)
    return Series(
        name=short_name(summary.assessed_on, current=current),
        full_name=series_name(summary.label, summary.assessed_on),
        result=result,
        version=(summary.id, summary.updated_at.isoformat()),
        stage=summary.stage,
        since=changes_title(summary.label, summary.assessed_on),
    )


def _workspace_name(ctx: AppContext, workspace_id: str) -> str:
    names = {w.id: w.name for w in ctx.store.workspaces()}
    return names.get(workspace_id, "your workspace")


def read_only_banner(ctx: AppContext, summary: AssessmentSummary) -> None:
    """Say why an assessment the person may read cannot be changed here (nothing for one they may change)."""
    if summary.editable:
        return
    if summary.illustrative:
        st.info(
            "**Illustrative example — read-only.** It shows how the app works; it is not a real innovation's "
            "assessment, and nobody can change it. Start your own assessment on the Home page to try the questionnaire.",
            icon=":material/lock:",
        )
    elif summary.origin == Origin.SHARED:
        try:
            share = ctx.store.share_of_copy(summary.id)
        except InputError:
            share = None
        if share is None:
            st.info("**Frozen copy shared with your workspace — read-only.**", icon=":material/lock:")
        else:
            st.info(
                f"**Shared by {md(share.from_workspace)} on {local_date(share.shared_at)} — frozen copy, read-only.** "
                f"It shows the assessment as it was on {local_date(share.version_at)}; later changes reach you "
                "only if its innovators share it again.",
                icon=":material/lock:",
            )
    elif summary.origin == Origin.RECEIVED:
        st.info(
            f"**Received as a file by {md(_workspace_name(ctx, summary.workspace_id))} on "
            f"{local_date(summary.created_at)} — read-only.** To correct it, import a corrected file "
            "(it is kept as a new received assessment).",
            icon=":material/lock:",
        )
    else:
        st.info(
            "**Read-only.** Your role in this assessment's workspace does not include changing it; "
            "ask the workspace's admin if you should be an innovator there.",
            icon=":material/lock:",
        )


def _links(ctx: AppContext, summary: AssessmentSummary) -> bool:
    """Links to edit, to the method, and to sharing and history; True if the history has a page of its own."""
    params = {QP_ASSESSMENT: summary.id}
    history_page = summary.editable and ctx.has_page(PAGE_SHARING)
    links: list[tuple[str, str, str, dict[str, str] | None]] = []
    if summary.editable and ctx.has_page(PAGE_QUESTIONNAIRE):
        links.append((PAGE_QUESTIONNAIRE, "Back to the questionnaire", ":material/edit_note:", params))
    if history_page:
        links.append((PAGE_SHARING, "Share and audit history", ":material/share:", params))
    if ctx.has_page(PAGE_METHOD):
        links.append((PAGE_METHOD, "How results are worked out", ":material/info:", None))
    for column, (page, label, icon, query) in zip(st.columns(3), links, strict=False):
        column.page_link(ctx.page(page), label=label, icon=icon, query_params=query)
    return history_page


def _downloads(ctx: AppContext, summary: AssessmentSummary, earlier_ids: list[str]) -> None:
    """The PDF report and the two tidy CSVs, each made only when its button is pressed."""
    store, catalogue = ctx.store, ctx.catalogue

    def pdf() -> bytes:
        from assessments.report.pdf import report_pdf  # matplotlib and WeasyPrint load on the first report only

        earlier = [store.get_assessment(i) for i in earlier_ids]
        return report_pdf(store.get_assessment(summary.id), catalogue, earlier=earlier)

    stem = file_stem(
        summary.innovation_name, summary.label, summary.assessed_on.isoformat() if summary.assessed_on else None
    )
    buttons = [
        ("pdf", "Download PDF report", pdf, "pdf", "application/pdf", ":material/picture_as_pdf:"),
        (
            "csv",
            "Download CSV (answers)",
            lambda: answers_csv([store.get_assessment(summary.id)], catalogue),
            "answers.csv",
            "text/csv",
            ":material/table_view:",
        ),
        (
            "sections",
            "Download CSV (section results)",
            lambda: sections_csv([store.get_assessment(summary.id)], catalogue),
            "sections.csv",
            "text/csv",
            ":material/table_view:",
        ),
    ]
    for column, (kind, label, data, suffix, mime, icon) in zip(st.columns(3), buttons, strict=True):
        column.download_button(
            label,
            data=data,
            file_name=f"{stem}.{suffix}" if kind == "pdf" else f"{stem}-{suffix}",
            mime=mime,
            icon=icon,
            on_click="ignore",
            key=RESULTS_DOWNLOAD.format(kind=kind),
        )
    st.caption(
        "The PDF report is A4, with each framework's chart and numbers, flags, changes, next steps and the method. "
        "The CSVs are for analysis: one row per answer, or one per section (columns in docs/reports.md)."
    )


def _home_link(ctx: AppContext) -> None:
    if ctx.has_page(PAGE_HOME):
        st.page_link(ctx.page(PAGE_HOME), label="Go to Home", icon=":material/home:")


def main(ctx: AppContext) -> None:
    """Render the results page."""
    st.title("Results")
    store = ctx.store
    assessment_id = current_assessment_id()
    if not assessment_id:
        st.info("No assessment is open. Start or open one on the Home page, then come back here.")
        _home_link(ctx)
        return
    try:
        summary = store.get_summary(assessment_id)
        current = _series(ctx, summary, current=True)
        history = store.innovation_history(summary.innovation_id)
    except InputError as exc:
        show_problems(exc.problems, "This assessment cannot be shown.")
        _home_link(ctx)
        return

    summary_heading(summary)
    read_only_banner(ctx, summary)
    st.info(
        f'{SELF_ASSESSMENT_NOTE} "Don\'t know" answers are shown as gaps and counted, never scored.',
        icon=":material/person_check:",
    )
    history_page = _links(ctx, summary)

    # Earlier assessments of the same innovation, oldest first, up to this one.
    ids = [h.id for h in history]
    position = ids.index(assessment_id) if assessment_id in ids else len(ids)
    earlier: list[Series] = []
    earlier_ids: list[str] = []
    for h in history[:position][-(MAX_OVERLAID - 1) :]:
        try:
            earlier.append(_series(ctx, h))
        except InputError:
            continue
        earlier_ids.append(h.id)
    _downloads(ctx, summary, earlier_ids)
    show_report(ctx.catalogue, current, earlier, method_text=not ctx.has_page(PAGE_METHOD))

    if ctx.has_page(PAGE_METHOD):
        st.page_link(ctx.page(PAGE_METHOD), label="Open the scoring method page", icon=":material/info:")
    if not history_page:
        with st.expander("Audit history: who changed what, and when"):
            show_history(store, ctx.catalogue, assessment_id, key=RESULTS_HISTORY)
