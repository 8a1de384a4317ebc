"""AppTest flows for the Excel page: downloads offered, uploads previewed, confirmed imports saved."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment
from assessments.store import Store
from assessments.xlsx.layout import COL_ANSWER, sheet_names
from assessments.xlsx.write import build_workbook, workbook_bytes
from tests.ui.conftest import main_text, open_page, page_text, support_lines

PAGE = "ui/excel.py"
EXAMPLE = sorted((Path(__file__).resolve().parents[2] / "data" / "examples").glob("*.json"))[0]
MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(name="example")
def _example() -> Assessment:
    return read_assessment_file(EXAMPLE, bundled_frameworks())


def test_page_offers_downloads__ok(app_store: Store, example: Assessment) -> None:
    """Should offer the open assessment's workbook, tidy CSVs of every assessment listed, and the blank template."""
    aid = app_store.save_assessment(example)
    at = open_page(PAGE, a=aid)
    assert not at.exception
    assert at.selectbox(key="excel:pick").value == aid
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Download this assessment (.xlsx)",
        "Download CSV of all (answers)",
        "Download CSV of all (section results)",
        "Download the blank template (.xlsx)",
    ]
    assert "self-assessment" in page_text(at)


def test_empty_database_offers_template__ok(app_store: Store) -> None:
    """Should still offer the template when nothing is saved."""
    at = open_page(PAGE)
    assert not at.exception
    assert len(at.get("download_button")) == 1
    assert "No assessments are saved yet" in page_text(at)


def test_upload_previews_then_imports__ok(app_store: Store, example: Assessment) -> None:
    """Should preview a new and an updated assessment, save nothing until confirmed, then save both."""
    frameworks = bundled_frameworks()
    aid = app_store.save_assessment(example)
    saved = app_store.get_assessment(aid)
    wb = build_workbook(frameworks, saved)
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Don't know")
    buffer = BytesIO()
    wb.save(buffer)
    new = example.model_copy(update={"innovation": example.innovation.model_copy(update={"name": "Brand new"})})
    at = open_page(PAGE, a=aid)
    at.file_uploader[0].set_value(
        [("edited.xlsx", buffer.getvalue(), MIME), ("new.xlsx", workbook_bytes(frameworks, new), MIME)]
    ).run()
    assert not at.exception
    text = page_text(at)
    assert "**edited.xlsx** updates the saved assessment" in text
    assert "**new.xlsx** creates a new assessment of **Brand new**" in text
    assert aid not in main_text(text) and f"For support: assessment {aid}" in support_lines(text)
    assert len(app_store.list_assessments()) == 1  # nothing saved yet
    at.button(key="excel:confirm").click().run()
    assert not at.exception
    assert len(app_store.list_assessments()) == 2
    first = next(iter(frameworks["scie"].items))
    assert app_store.get_assessment(aid).answer("scie", first).value == "dont_know"  # type: ignore[union-attr]
    successes = [s.body for s in at.success]
    assert any("edited.xlsx: updated" in s for s in successes)
    assert any("new.xlsx: created" in s for s in successes)
    # Saved assessments are named in words; their ids are only in the small print, for support.
    assert all(aid not in main_text(s) for s in successes)
    assert [len(support_lines(s)) for s in successes] == [1, 1]


def test_bad_upload_listed_with_location__error(app_store: Store) -> None:
    """Should list each problem with file, sheet, row and column, and offer no import for that file."""
    bad = Path(__file__).resolve().parents[1] / "bad_files" / "WORKBOOK_008_value_not_in_list.xlsx"
    at = open_page(PAGE)
    at.file_uploader[0].set_value(("bad.xlsx", bad.read_bytes(), MIME)).run()
    assert not at.exception
    errors = "\n".join(e.body for e in at.error)
    assert "bad.xlsx, sheet 'SCIE scaling factors', row 2, column E" in errors
    assert "WORKBOOK_008" not in main_text(errors) and "For support: WORKBOOK_008" in support_lines(errors)
    assert not [b for b in at.button if b.key == "excel:confirm"]
    assert app_store.list_assessments() == []


def test_same_file_twice_in_one_upload_marked__ok(app_store: Store) -> None:
    """Should mark the second of two identical new files in one upload as the first one's twin, and only it."""
    from assessments.catalogue import bundled_frameworks
    from assessments.jsonfile import read_assessment_file
    from assessments.xlsx.write import workbook_bytes
    from tests.cli.test_workbook import EXAMPLE
    from ui.excel_preview import mark_twins_in_upload, preview_upload

    frameworks = bundled_frameworks()
    content = workbook_bytes(frameworks, read_assessment_file(EXAMPLE, frameworks).model_copy(update={"id": None}))
    previews = [preview_upload(name, content, app_store, frameworks, None) for name in ("a.xlsx", "b.xlsx")]
    assert not any(p.twin for p in previews)
    marked = mark_twins_in_upload(previews)
    assert [(p.file, p.same_as_file) for p in marked] == [("a.xlsx", ""), ("b.xlsx", "a.xlsx")]
