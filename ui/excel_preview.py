"""Excel page: each uploaded workbook read, checked and compared with the database before anything is saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from assessments.changes import Change
from assessments.errors import InputError, Problem
from assessments.importing import plan_import, same_content
from assessments.models import Assessment, Framework
from assessments.store import Store
from assessments.wording import series_name
from assessments.xlsx.read import read_workbook
from ui.widgets import md, problem_text, show_problems, small_print


@dataclass(frozen=True)
class Preview:
    """One uploaded file, read and compared with the database."""

    file: str
    assessment: Assessment | None
    problems: tuple[Problem, ...]
    existing_id: str | None
    changes: tuple[Change, ...]
    note: str = ""
    """Why a file that names a saved assessment creates a new one (empty otherwise)."""
    support: str = ""
    """The assessment ids behind the note and the duplicate warning, for the small print (empty when neither)."""
    warnings: tuple[Problem, ...] = ()
    """Answers given under an earlier framework version, to check after importing (``VERSION_002``)."""
    duplicate_of: str | None = None
    """A saved assessment whose content is identical to the file's (it would be saved a second time)."""
    same_as_file: str = ""
    """An earlier file of the same upload with identical content (both would make a new assessment)."""

    @property
    def twin(self) -> bool:
        """Identical to a saved assessment or to an earlier file of this upload."""
        return bool(self.duplicate_of or self.same_as_file)

    @property
    def ok(self) -> bool:
        """True when the file can be imported."""
        return self.assessment is not None and not self.problems


def preview_upload(
    name: str, content: bytes, store: Store, frameworks: Mapping[str, Framework], workspace: str | None = None
) -> Preview:
    """Read one uploaded workbook and work out what importing it would change.

    Args:
        name: The file name (used in problem locations).
        content: The file's bytes.
        store: The database, acting for the person importing.
        frameworks: The app's frameworks.
        workspace: The workspace a new assessment goes to (None: the person's only one).

    Returns:
        The preview: problems if the file cannot be imported, else new/update and the changes.
    """
    try:
        assessment = read_workbook(content, frameworks, file=name)
    except InputError as exc:
        return Preview(name, None, tuple(exc.problems), None, ())
    try:
        plan = plan_import(store, assessment, workspace=workspace)
    except InputError as exc:
        return Preview(name, None, tuple(exc.problems), None, ())
    return Preview(
        name,
        assessment,
        (),
        plan.target_id,
        plan.changes,
        plan.note,
        plan.support,
        plan.warnings,
        plan.duplicate_of,
    )


def mark_twins_in_upload(previews: list[Preview]) -> list[Preview]:
    """Each file that would create an assessment identical to an earlier file's of the same upload, marked."""
    out: list[Preview] = []
    for preview in previews:
        new = preview.ok and preview.assessment is not None and not preview.existing_id and not preview.duplicate_of
        first = next(
            (
                q
                for q in out
                if new
                and q.ok
                and q.assessment is not None
                and not q.existing_id
                and not q.twin
                and same_content(q.assessment, preview.assessment)  # type: ignore[arg-type]
            ),
            None,
        )
        out.append(replace(preview, same_as_file=first.file) if first is not None else preview)
    return out


def _change_table(changes: tuple[Change, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Where": c.where, "What": c.field, "Was": c.old or "(empty)", "Will be": c.new or "(empty)"} for c in changes]
    )


def show_preview(preview: Preview, store: Store) -> None:
    file = md(preview.file)
    if not preview.ok:
        show_problems(preview.problems, f"{file}: cannot be imported. Nothing from this file will be saved.")
        return
    assert preview.assessment is not None
    name = md(preview.assessment.innovation.name)
    count = f"{len(preview.changes)} change{'s' if len(preview.changes) != 1 else ''}"
    if preview.existing_id:
        summary = store.get_summary(preview.existing_id)
        saved = f"**{md(summary.innovation_name)}** ({md(series_name(summary.label, summary.assessed_on))})"
        st.markdown(
            f"**{file}** updates the saved assessment of {saved}: {count}.  \n"
            + small_print(f"For support: assessment {preview.existing_id}")
        )
    else:
        st.markdown(f"**{file}** creates a new assessment of **{name}**: {count}.")
    if preview.note:
        st.warning(
            f"**{file}: nothing is overwritten.** {md(preview.note)}  \n{small_print(preview.support)}",
            icon=":material/content_copy:",
        )
    for warning in preview.warnings:
        st.warning(f"**{file}: answers to check.** {problem_text(warning)}", icon=":material/history:")
    if preview.same_as_file:
        st.warning(
            f"**{file}** has the same content as **{md(preview.same_as_file)}** in this upload; importing both "
            "would make two copies.",
            icon=":material/content_copy:",
        )
    if preview.duplicate_of:
        twin = store.get_summary(preview.duplicate_of)
        st.warning(
            f"**{file} is already saved.** Its content is identical to the assessment of "
            f"**{md(twin.innovation_name)}** ({md(series_name(twin.label, twin.assessed_on))}); importing it again "
            f"would make a second copy.  \n{small_print(f'For support: assessment {preview.duplicate_of}')}",
            icon=":material/content_copy:",
        )
    if preview.changes:
        with st.expander(f"What will change in {file}", expanded=bool(preview.existing_id)):
            st.dataframe(_change_table(preview.changes), hide_index=True, width="stretch")
