"""Link: the read-only results of an assessment shared by link (``/link?t=TOKEN``), for people without an account.

The token is the only key: it opens one frozen copy, as the assessment was when the
link was made, until the link expires or is revoked. The page shows that copy's results
(the same rendering as the Results page) under a banner that says what it is, and links
to nothing else: no other data can be reached from here. An unknown, revoked or expired
token shows the catalogue's message (STORAGE_007) and nothing more.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assessments.catalogue import Catalogue
from assessments.errors import InputError
from assessments.models import Assessment, AssessmentResult
from assessments.scoring import score_assessment
from assessments.store import ShareLink
from assessments.wording import series_name, short_name
from ui.keys import QP_TOKEN
from ui.report import Series, show_heading, show_report
from ui.state import AppContext
from ui.widgets import local_date, problem_text


@st.cache_resource(show_spinner=False, max_entries=64)
def _scored(link_id: str, version_at: dt.datetime, _assessment: Assessment, _catalogue: Catalogue) -> AssessmentResult:
    """Score a link's frozen copy once per link (the copy never changes)."""
    del link_id, version_at  # cache key only
    return score_assessment(_assessment, _catalogue)


def banner(link: ShareLink) -> str:
    """What the page is, in one sentence (Markdown)."""
    return (
        f"**Read-only copy shared by link, as it was on {local_date(link.version_at)}; expires "
        f"{local_date(link.expires_at)}; a self-assessment, not a validated score.** The answers are the "
        "judgement of whoever filled them in; the scores are worked out from those answers by the app's "
        "published method."
    )


def main(ctx: AppContext) -> None:
    """Render the link page."""
    token = st.query_params.get(QP_TOKEN) or ""
    try:
        assessment, link = ctx.store.open_share_link(token)
    except InputError as exc:
        for p in exc.problems:
            st.error(problem_text(p), icon=":material/link_off:")
        return
    result = _scored(link.id, link.version_at, assessment, ctx.catalogue)
    st.title("Shared assessment results")
    meta = assessment.assessment
    show_heading(
        assessment.innovation.name,
        assessment.innovation.organisation,
        meta.label,
        meta.assessed_on,
        meta.stage,
        meta.assessor_role,
        assessor=meta.assessor,
    )
    st.info(banner(link), icon=":material/lock:")
    current = Series(
        name=short_name(meta.assessed_on, current=True),
        full_name=series_name(meta.label, meta.assessed_on),
        result=result,
        version=(f"link:{link.id}", link.version_at.isoformat()),
        stage=meta.stage,
    )
    show_report(ctx.catalogue, current)
