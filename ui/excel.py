"""Excel import and export: download an assessment's workbook or the blank template; upload filled workbooks.

Uploads are read strictly (assessments.xlsx.read.read_workbook). Every file is
previewed first: whether it creates a new assessment or updates a saved one,
and each change as old -> new. Nothing is saved until the confirm button, and
then each file is saved in one transaction (all or nothing per file). Files
with problems are listed with the sheet, row and column of every problem and
are never saved.

Imports go to one workspace (chosen when the person works in several) and are made
by the person signed in (the store's viewer). A file exported from an assessment
the person may not change never touches it: a new assessment is made, and the page
says so. A commissioner's imports are kept as received: read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.importing import apply_import, plan_import
from assessments.models import Assessment, Framework
from assessments.store import Role, Store
from assessments.tidy import answers_csv, sections_csv
from assessments.wording import SELF_ASSESSMENT_NOTE, file_stem, series_name
from assessments.xlsx.container import MAX_WORKBOOK_BYTES, MAX_WORKBOOK_MB
from assessments.xlsx.write import workbook_bytes
from ui.excel_preview import Preview, mark_twins_in_upload, preview_upload, show_preview
from ui.keys import (
    EXCEL_CONFIRM,
    EXCEL_DONE,
    EXCEL_DOWNLOAD,
    EXCEL_OPEN,
    EXCEL_PICK,
    EXCEL_TEMPLATE,
    EXCEL_UPLOAD,
    EXCEL_UPLOAD_GENERATION,
    PAGE_RESULTS,
    QP_ASSESSMENT,
)
from ui.state import AppContext, current_assessment_id, open_assessment
from ui.widgets import Place, choose_place, md, places, show_problems, small_print

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_WORKSPACE = "excel:workspace"
"""The workspace imports go to (defined here, not in ui/keys.py, which another change owns)."""
EXCEL_ALL_CSV = "excel:all_csv:{kind}"
"""The tidy CSV downloads of every assessment listed (``answers``, ``sections``)."""
EXCEL_SKIP_IDENTICAL = "excel:skip-identical"
"""Whether files identical to a saved assessment are left out of the import (they are, unless unticked)."""


def _everything_csv(store: Store, frameworks: Mapping[str, Framework], ids: list[str]) -> None:
    """Tidy CSVs of every assessment listed for this person (made only when a button is pressed)."""
    st.markdown(f"**For analysis:** every assessment you can see here ({len(ids)}) as tidy CSV files.")

    def every() -> list[Assessment]:
        return [store.get_assessment(i) for i in ids]

    stem = f"assessments-{dt.date.today().isoformat()}"
    left, right = st.columns(2)
    left.download_button(
        "Download CSV of all (answers)",
        data=lambda: answers_csv(every(), frameworks),
        file_name=f"{stem}-answers.csv",
        mime="text/csv",
        on_click="ignore",
        key=EXCEL_ALL_CSV.format(kind="answers"),
        icon=":material/table_view:",
    )
    right.download_button(
        "Download CSV of all (section results)",
        data=lambda: sections_csv(every(), frameworks),
        file_name=f"{stem}-sections.csv",
        mime="text/csv",
        on_click="ignore",
        key=EXCEL_ALL_CSV.format(kind="sections"),
        icon=":material/table_view:",
    )
    st.caption("One row per answer, or one per section result; the columns are described in docs/reports.md.")


def _download_section(store: Store, frameworks: Mapping[str, Framework]) -> None:
    st.subheader("Download")
    summaries = store.list_assessments()
    if summaries:
        ids = [s.id for s in summaries]
        by_id = {s.id: s for s in summaries}
        current = current_assessment_id()
        index = ids.index(current) if current in ids else None

        def label(aid: str) -> str:
            s = by_id[aid]
            when = s.assessed_on.isoformat() if s.assessed_on else "undated"
            parts = [s.innovation_name, s.label, when]
            # No live counts here: a selectbox's value comes back as its label, which must not change.
            return " · ".join(p for p in parts if p)

        picked = st.selectbox(
            "Assessment to download",
            ids,
            index=index,
            format_func=label,
            key=EXCEL_PICK,
            placeholder="Pick an assessment",
        )
        if picked:
            summary = by_id[picked]

            def build() -> bytes:
                return workbook_bytes(frameworks, store.get_assessment(picked))

            when = summary.assessed_on.isoformat() if summary.assessed_on else dt.date.today().isoformat()
            st.download_button(
                "Download this assessment (.xlsx)",
                data=build,
                file_name=f"{file_stem(summary.innovation_name, summary.label, when)}.xlsx",
                mime=XLSX_MIME,
                on_click="ignore",
                key=EXCEL_DOWNLOAD,
                icon=":material/download:",
            )
            then = (
                "Edit it and upload it below to update this assessment."
                if summary.editable
                else "You cannot change this assessment: a workbook edited from it is imported as a new one."
            )
            st.caption(
                "The workbook holds the answers, notes and evidence, every score and flag as values, a radar "
                f"chart per framework, and the scoring method. {then}"
            )
        _everything_csv(store, frameworks, [s.id for s in summaries])
    else:
        st.info("No assessments are saved yet. Start one on the Home page, or fill in the blank template below.")
    st.download_button(
        "Download the blank template (.xlsx)",
        data=lambda: workbook_bytes(frameworks),
        file_name="scaling-readiness-template.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        key=EXCEL_TEMPLATE,
        icon=":material/description:",
    )
    st.caption(
        "Fill the template in offline: answers come from drop-down lists, the About sheet explains each step. "
        "Upload it below to create a new assessment."
    )


def _import(previews: list[Preview], store: Store, workspace: str | None) -> list[tuple[str, str, str] | Problem]:
    done: list[tuple[str, str, str] | Problem] = []
    for preview in previews:
        assert preview.assessment is not None
        try:
            # Planned again now: if the previewed assessment was deleted meanwhile, the file creates a new one.
            plan = plan_import(store, preview.assessment, workspace=workspace)
            aid = apply_import(store, plan)
        except InputError as exc:
            done.extend(exc.problems)
            continue
        done.append((preview.file, plan.action, aid))
    return done


def _target(ctx: AppContext) -> Place | None:
    """The workspace imports go to, with what becomes of them there; None until one is chosen (or if none)."""
    options = places(ctx, Role.INNOVATOR, Role.COMMISSIONER)
    if not options:
        st.info(
            "Importing needs the innovator or commissioner role in a workspace; ask a workspace's admin.",
            icon=":material/info:",
        )
        return None
    place = choose_place(
        options,
        key=EXCEL_WORKSPACE,
        label="Workspace to import into",
        help="You work in several workspaces: the imported assessments belong to the one you choose.",
    )
    if place is None:
        st.info("Choose the workspace to import into; files are read once it is chosen.", icon=":material/info:")
        return None
    where = md(place.name)
    if Role.INNOVATOR in place.roles:
        st.caption(
            f"Imported workbooks become assessments of **{where}**, which you and its other innovators can change."
        )
    else:
        st.info(
            f"**Kept as received, read-only.** You are a commissioner in {where}: an imported workbook is saved as "
            "an assessment your workspace has received. You can read and compare it; nobody can change it. "
            "To correct one, import a corrected file (it is kept as a new received assessment).",
            icon=":material/inbox:",
        )
    return place


def _upload_section(ctx: AppContext) -> None:
    store, frameworks = ctx.store, ctx.catalogue
    st.subheader("Upload filled workbooks")
    st.caption(
        f"Upload one or more workbooks exported by this app or filled in from the template (up to "
        f"{MAX_WORKBOOK_MB} MB each). You will see what each one changes before anything is "
        "saved. A workbook that was exported from an assessment you may change updates it; any other creates a "
        "new one, and nothing else is ever overwritten."
    )
    place = _target(ctx)
    if place is None:
        return
    workspace = place.id
    generation = st.session_state.get(EXCEL_UPLOAD_GENERATION, 0)
    uploads = st.file_uploader(
        "Workbooks (.xlsx)",
        type=["xlsx"],
        accept_multiple_files=True,
        key=EXCEL_UPLOAD.format(generation=generation),
        max_upload_size=MAX_WORKBOOK_MB,
    )
    previews = []
    for upload in uploads or []:
        if upload.size > MAX_WORKBOOK_BYTES:
            too_big = problem(
                ErrorCode.WORKBOOK_004,
                file=upload.name,
                size=human_size(upload.size),
                limit=human_size(MAX_WORKBOOK_BYTES),
            )
            previews.append(Preview(upload.name, None, (too_big,), None, ()))
            continue
        previews.append(preview_upload(upload.name, upload.getvalue(), store, frameworks, workspace))
    previews = mark_twins_in_upload(previews)
    for preview in previews:
        show_preview(preview, store)
    ready = [p for p in previews if p.ok]
    if previews:
        failed = len(previews) - len(ready)
        if failed:
            which = "It" if failed == 1 else "They"
            rest = (
                f" The other {len(ready)} can be imported now."
                if len(ready) > 1
                else " The other one can be imported now."
                if ready
                else ""
            )
            st.warning(
                f"{failed} file{'s' if failed != 1 else ''} cannot be imported (see above). "
                f"{which} can be fixed and uploaded again.{rest}"
            )
        twins = [p for p in ready if p.twin]
        if twins and st.checkbox(
            f"Skip the {len(twins)} file{'s' if len(twins) != 1 else ''} already saved or uploaded twice "
            "(identical content)",
            value=True,
            key=EXCEL_SKIP_IDENTICAL,
            help="Untick to save a second copy of each.",
        ):
            ready = [p for p in ready if not p.twin]
            if not ready:
                st.info("Nothing new to import: every file is already saved.", icon=":material/info:")
        if ready and st.button(
            f"Import {len(ready)} workbook{'s' if len(ready) != 1 else ''}",
            type="primary",
            key=EXCEL_CONFIRM,
            icon=":material/upload:",
        ):
            st.session_state[EXCEL_DONE] = _import(ready, store, workspace)
            st.session_state[EXCEL_UPLOAD_GENERATION] = generation + 1
            st.rerun()


def _show_done(ctx: AppContext) -> None:
    store = ctx.store
    done = st.session_state.get(EXCEL_DONE)
    if not done:
        return
    problems = [d for d in done if isinstance(d, Problem)]
    saved = [d for d in done if not isinstance(d, Problem)]
    if problems:
        show_problems(problems, "Some workbooks could not be saved; nothing from them was changed.")
    for index, (file, action, aid) in enumerate(saved):
        summary = store.get_summary(aid)
        name = md(summary.innovation_name)
        kept = "" if summary.editable else " It is kept as received: read-only."
        when = md(series_name(summary.label, summary.assessed_on))
        st.success(
            f"{md(file)}: {action} the assessment of {name} ({when}).{kept}  \n"
            + small_print(f"For support: assessment {aid}"),
            icon=":material/check:",
        )
        if st.button(f"Open the results of {name}", key=EXCEL_OPEN.format(index=index)):
            open_assessment(aid)
            st.switch_page(ctx.page(PAGE_RESULTS), query_params={QP_ASSESSMENT: aid})


def main(ctx: AppContext) -> None:
    """Render the Excel import and export page."""
    st.title("Excel import and export")
    st.caption(SELF_ASSESSMENT_NOTE)
    _show_done(ctx)
    _download_section(ctx.store, ctx.catalogue)
    _upload_section(ctx)
