"""Compare: the findings after the profiles: the screen, the dominance tiers and the optional ordering in one framework.

All values come from :class:`assessments.compare.comparison.Comparison` and its tables; this module
only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from assessments.compare.comparison import EDITORIAL_NOTE, TIERS_NOTE, Comparison, with_ordering
from assessments.compare.ordering import orderable
from assessments.compare.result_tables import ordering_table, screen_findings, tiers_table, variants_table
from assessments.compare.screening import candidate_warnings, who_raises_what
from assessments.errors import InputError
from assessments.models import Framework
from assessments.store import Store
from ui.compare_charts import fitted, frame
from ui.compare_weights import weights_panel
from ui.widgets import md, show_problems

SCREEN_TABLE = "compare:screen"
TIERS_TABLE = "compare:tiers"
TIER_VARIANTS = "compare:tier_variants"
ORDER = "compare:order"
ORDER_TABLE = "compare:order_table"
ORDER_VARIANTS = "compare:order_variants"
NO_ORDER = ""


def context(comparison: Comparison) -> None:
    """A visible warning for mixed stages, assessor roles or framework versions."""
    for w in comparison.context:
        st.warning(md(w.text), icon=":material/warning:")


def screen(comparison: Comparison, frameworks: Mapping[str, Framework]) -> None:
    """The screen table, and in plain words which candidates raise which warnings."""
    st.subheader("Screen: what no other framework can offset")
    st.caption(
        "Not a score. Complex NASSS domains ('at least' where domains are not settled), SCIE priority factors "
        'that are gaps, the share of "don\'t know", the share of ratings backed by evidence, and how many of the '
        "questions are answered. Innovations are listed by tier, then alphabetically."
    )
    screen_frame = frame(screen_findings(comparison, dict(frameworks)))
    st.dataframe(screen_frame, hide_index=True, column_config=fitted(screen_frame), key=SCREEN_TABLE)
    st.markdown("**Which innovations raise which warnings**")
    st.markdown("\n".join(f"- {md(line)}" for line in who_raises_what(comparison.candidates, comparison.screens)))
    with st.expander("Each innovation's warnings in full"):
        for label, texts in candidate_warnings(comparison.candidates, comparison.screens):
            st.markdown(f"**{md(label)}**")
            st.markdown("\n".join(f"- {md(t)}" for t in texts) if texts else "No screen warning.")


def tiers(comparison: Comparison) -> None:
    """The dominance tiers, members alphabetically, with their ranges and who dominates whom."""
    st.subheader("Dominance tiers")
    st.caption(TIERS_NOTE)
    st.markdown(
        "\n".join(f"- **Tier {tier}**: {md('; '.join(members))}" for tier, members in comparison.tier_members())
    )
    tiers_frame = frame(tiers_table(comparison))
    st.dataframe(tiers_frame, hide_index=True, column_config=fitted(tiers_frame), key=TIERS_TABLE)
    st.caption(
        "Tier range: the best and worst tier under every alternative tried (NASSS level mapping, missing data, "
        "rating noise). Weights never enter the tiers. A candidate with sections left blank can sit in tier 1 "
        "because nobody can be shown to be ahead of it there: read its coverage in the screen."
    )
    with st.expander("Alternatives tried"):
        st.dataframe(frame(variants_table(comparison.tiers)), hide_index=True, key=TIER_VARIANTS)


def ordering(
    comparison: Comparison, store: Store, frameworks: Mapping[str, Framework], workspace: str | None
) -> Comparison:
    """The optional ordering inside one framework, chosen and weighted by the commissioner; returns the comparison
    with that ordering (unchanged when none is chosen)."""
    st.subheader("Ordering inside one framework (optional)")
    choices = [NO_ORDER, *orderable(frameworks)]
    chosen = st.selectbox(
        "Order the innovations inside one framework",
        choices,
        format_func=lambda fid: "No ordering" if fid == NO_ORDER else frameworks[fid].title,
        key=ORDER,
        help="An ordering is your own editorial choice and stays inside one framework. SIPS has no score.",
    )
    if not chosen:
        st.caption("No ordering: the screen and the tiers above are the comparison.")
        return comparison
    fw = frameworks[chosen]
    st.info(EDITORIAL_NOTE.format(framework=fw.short_title), icon=":material/edit_note:")
    weights = weights_panel(store, frameworks, workspace, chosen)
    try:
        ordered = with_ordering(comparison, frameworks, chosen, weights)
    except InputError as exc:
        show_problems(exc.problems, "This ordering cannot be worked out.")
        return comparison
    table = ordering_table(ordered)
    if table is not None:
        order_frame = frame(table)
        st.dataframe(order_frame, hide_index=True, column_config=fitted(order_frame), key=ORDER_TABLE)
    st.caption(
        "Innovations whose scores differ by less than one answer's effect share a position. Worst and best "
        'case: every "don\'t know" taken at the bottom and at the top of its scale. Position range: the best '
        "and worst position under every alternative tried (weights halved, doubled and varied at random, equal "
        "weights, missing data, and for NASSS the level mapping)."
    )
    if ordered.ordering_ranges is not None:
        with st.expander("Alternatives tried"):
            st.dataframe(frame(variants_table(ordered.ordering_ranges)), hide_index=True, key=ORDER_VARIANTS)
    return ordered
