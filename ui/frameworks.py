"""Framework browser: each framework's citation, licence, adaptations, sections, items and answer options."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessments.methods import method_of
from assessments.models import Framework, Item
from ui.keys import FRAMEWORKS_PICK, FRAMEWORKS_SEARCH
from ui.state import AppContext


def _options_table(framework: Framework, item: Item) -> pd.DataFrame:
    rows = []
    for option in framework.options(item.id):
        if option.is_scale:
            kind = f"Scale point {option.value}"
        else:
            kind = "Counted, not scored" if option.kind == "dont_know" else "Left out of the section's sums"
        rows.append({"Answer": option.label, "What it means": option.descriptor, "How it is used": kind})
    return pd.DataFrame(rows, columns=["Answer", "What it means", "How it is used"])


def _ready_text(framework: Framework, item: Item) -> str:
    if item.type != "choice":
        return (
            "Written answer (" + ("a date" if item.type == "date" else "free text") + "); counts towards completeness."
        )
    scale = [o for o in framework.options(item.id) if o.is_scale]
    ready = scale[-1] if item.ready_end == "high" else scale[0]
    text = method_of(framework).ready_answer(ready.label)
    if item.ready_means:
        text += f" {item.ready_means}"
    return text


def _show_item(framework: Framework, item: Item, number: int) -> None:
    marker = f" · ★ SCIE priority {item.priority}" if item.priority else ""
    with st.expander(f"{number}. {item.short_label}{marker}"):
        st.markdown(f"**{item.text}**")
        if item.help:
            st.markdown(item.help)
        st.caption(f"id: `{item.id}` · {_ready_text(framework, item)}")
        if item.source:
            st.caption(f"Source: {item.source}")
        if item.type == "choice":
            st.table(_options_table(framework, item), hide_index=True)


def _show_framework(framework: Framework, search: str) -> None:
    st.header(framework.title)
    st.caption(f"id: `{framework.id}` · version {framework.version} · {framework.item_count} questions")
    if framework.description:
        st.markdown(framework.description)
    cite = framework.citation
    st.markdown(f"**Citation.** {cite.text} [{cite.url}]({cite.url})" + (f" doi:{cite.doi}" if cite.doi else ""))
    for ref in framework.references:
        st.markdown(f"- {ref.text} [{ref.url}]({ref.url})")
    st.markdown(f"**Licence and use.** {framework.licence}")
    st.markdown("**How we adapted it**\n\n" + "\n".join(f"- {a}" for a in framework.adaptations))
    priorities = [i for i in framework.items.values() if i.priority]
    if priorities:
        st.markdown(
            f"★ marks the {len(priorities)} questions covering SCIE's seven priorities for adult social care "
            "(marked with text, not colour)."
        )
    needle = search.strip().lower()
    number = 0
    for section in framework.sections:
        items = {
            i.id
            for i in section.items
            if not needle or needle in i.text.lower() or needle in i.short_label.lower() or needle in i.help.lower()
        }
        if not items and needle:
            continue
        st.subheader(f"{section.title} ({len(section.items)} questions)")
        if section.description:
            st.markdown(section.description)
        for item in section.items:
            number += 1
            if item.id in items:
                _show_item(framework, item, number)


def main(ctx: AppContext) -> None:
    """Render the framework browser."""
    st.title("Frameworks")
    st.markdown(
        "The questions in this app are our own wording, based on the structure of three published frameworks. "
        "They are not the published instruments: see each framework's citation for the original."
    )
    frameworks = ctx.catalogue
    names = {f.id: f.short_title for f in frameworks.values()}
    pick = st.radio("Framework", list(names), format_func=names.__getitem__, horizontal=True, key=FRAMEWORKS_PICK)
    search = st.text_input("Find a question", key=FRAMEWORKS_SEARCH, placeholder="e.g. funding, staff, evidence")
    if pick:
        _show_framework(frameworks[pick], search)
