"""Text that comes back as written: OOXML escapes, line endings, dates, names, terminal output and charts.

Each test names the defect of issue 13 it guards against.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from assessments.cli import main
from assessments.cli.output import terminal_safe
from assessments.compare.chart_data import factor_matrix, nasss_grid
from assessments.compare.comparison import compare
from assessments.compare.grids import factor_grid_html, nasss_grid_html
from assessments.compare.workbook import comparison_workbook_bytes
from assessments.importing import plan_import, same_line_endings
from assessments.models import Framework
from assessments.store import Store
from assessments.validation import has_visible_text
from assessments.xlsx.cells import read_text
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes
from tests.bad_files.make_bad_files import base_assessment
from tests.compare.test_workbook import candidates_for

HOSTILE = Path(__file__).resolve().parent / "hostile_files"


@pytest.mark.parametrize("name", ["_x0041_", "_x000D_=1+1", "a_x005F_b", "tab\there"])
def test_comparison_workbook_escapes_every_text__ok(name: str, frameworks: dict[str, Framework]) -> None:
    """Should store a name that needs no formula guard escaped too, so a spreadsheet shows it as typed."""
    candidates = candidates_for(frameworks, 2, first_name=name)
    book = comparison_workbook_bytes(compare(candidates, frameworks), frameworks)
    wb = openpyxl.load_workbook(io.BytesIO(book))
    cells = [c for sheet in ("Screen", "Tiers", "Profiles") for c in wb[sheet]["B" if sheet == "Tiers" else "A"]]
    cells = [c for c in cells if c.value is not None]
    assert name in {read_text(c.value) for c in cells}
    assert all(not str(c.value).startswith("=") for c in cells)


def test_libreoffice_shared_strings_read_once__ok(frameworks: dict[str, Framework]) -> None:
    """Should read a literal ``_x000D_`` saved by LibreOffice as shared string ``_x005F_x000D_`` once, not twice."""
    content = (HOSTILE / "OK_libreoffice_shared_string_escapes.xlsx").read_bytes()
    assessment = read_workbook(content, frameworks, file="lo.xlsx")
    notes = [a.note for items in assessment.answers.values() for a in items.values()]
    assert "_x000D_ typed literally" in notes


def test_rich_text_and_phonetic_runs__ok(frameworks: dict[str, Framework]) -> None:
    """Should join a rich-text note's runs and leave out its phonetic guide."""
    content = (HOSTILE / "OK_rich_text_note_with_phonetic_run.xlsx").read_bytes()
    notes = [
        a.note for items in read_workbook(content, frameworks, file="r.xlsx").answers.values() for a in items.values()
    ]
    assert "Bold and plain" in notes


@pytest.mark.parametrize(
    ("file", "date"),
    [
        ("OK_numeric_date_serial.xlsx", dt.date(2026, 3, 31)),
        ("OK_iso_date_cell.xlsx", dt.date(2026, 3, 31)),
        ("OK_date_system_1904.xlsx", dt.date(2026, 3, 31)),
        ("OK_date_1899_12_30.xlsx", dt.date(1899, 12, 30)),
        ("OK_date_0001_01_01.xlsx", dt.date(1, 1, 1)),
    ],
)
def test_dates_read_as_written__ok(file: str, date: dt.date, frameworks: dict[str, Framework]) -> None:
    """Should read numeric serials (in either date system), ISO date cells and the app's own early dates."""
    assessment = read_workbook((HOSTILE / file).read_bytes(), frameworks, file=file)
    assert assessment.assessment.assessed_on == date


@pytest.mark.parametrize(
    "day", [dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 2, 28), dt.date(9999, 12, 31)]
)
def test_every_date_round_trips__ok(day: dt.date, frameworks: dict[str, Framework]) -> None:
    """Should read back every date the app accepts from its own export."""
    base = base_assessment()
    a = base.model_copy(update={"assessment": base.assessment.model_copy(update={"assessed_on": day})})
    assert read_workbook(workbook_bytes(frameworks, a), frameworks, file="d.xlsx").assessment.assessed_on == day


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("\u200b\u200c\u200d\u2060\ufeff", False),
        ("\u202e\u2066\u200f", False),
        ("\u3164\u2800\u115f", False),
        (" \u00a0\u3000", False),
        ("\u0301", False),
        ("A\u200b", True),
        ("\u0915\u094d", True),
        ("\U0001f600", True),
    ],
)
def test_visible_text__ok(text: str, visible: bool) -> None:
    """Should tell a name that shows from one made only of invisible, blank or filler characters."""
    assert has_visible_text(text) is visible


def test_terminal_safe__ok() -> None:
    """Should write escape sequences, C1 controls, bidi overrides and lone surrogates as visible escapes."""
    shown = terminal_safe("a\x1b[2J\x9b31m\u202eb\ud800\tc\n")
    assert shown == "a\\u001b[2J\\u009b31m\\u202eb\\ud800\tc\n"


def test_cli_prints_no_control_characters__ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should score a file whose name holds terminal escapes without sending them to the terminal."""
    path = HOSTILE / "OK_terminal_escape_sequences_in_name.json"
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "\\u001b[2J" in out


def test_cli_bad_file_exit_2_no_traceback__error(capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse a hostile file with its code and exit 2."""
    assert main(["score", str(HOSTILE / "ASSESSMENT_019_lone_surrogate_in_name.json")]) == 2
    err = capsys.readouterr().err
    assert "[ASSESSMENT_019" in err and "Traceback" not in err


def test_import_identical_offers_skip__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should say a file is identical to a saved assessment, and skip it with --skip-identical."""
    file = tmp_path / "same.xlsx"
    file.write_bytes(workbook_bytes(frameworks, base_assessment().model_copy(update={"id": None})))
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["import", str(file), "--database", db]) == 0
    assert main(["import", str(file), "--database", db]) == 0
    second = capsys.readouterr().out
    assert "identical" in second and "--skip-identical" in second
    assert main(["import", str(file), "--database", db, "--skip-identical"]) == 0
    assert "skipped" in capsys.readouterr().out
    store = Store(db, frameworks=frameworks)
    try:
        assert len(store.list_assessments()) == 2
        again = read_workbook(file.read_bytes(), store.frameworks, file="same.xlsx")
        assert plan_import(store, again).duplicate_of is not None
    finally:
        store.close()


def test_line_endings_only_change_nothing__ok(frameworks: dict[str, Framework]) -> None:
    """Should keep the saved text when a re-saved workbook differs only in CR LF versus LF."""
    base = base_assessment()
    fid = next(iter(base.answers))
    iid = next(iter(base.answers[fid]))
    saved = base.model_copy(
        update={"answers": {fid: {iid: base.answers[fid][iid].model_copy(update={"note": "a\r\nb"})}}}
    )
    resaved = base.model_copy(
        update={"answers": {fid: {iid: base.answers[fid][iid].model_copy(update={"note": "a\nb"})}}}
    )
    assert same_line_endings(resaved, saved).answers[fid][iid].note == "a\r\nb"


def test_chart_labels_escaped__ok(frameworks: dict[str, Framework]) -> None:
    """Should show a typed name's HTML as text in the Compare page's charts (grids, radars, bars), never as markup."""
    from ui.compare_charts import radar_html

    hostile = "<b>bold</b> <a href='http://evil'>x</a>"
    candidates = candidates_for(frameworks, 2, first_name=hostile)
    rows = nasss_grid(candidates, frameworks["nasss"])
    for body in (
        factor_grid_html(factor_matrix(candidates, frameworks["scie"])),
        nasss_grid_html(rows, frameworks["nasss"]),
        radar_html(frameworks["nasss"], candidates),
    ):
        assert "<b>" not in body and "<a " not in body
        assert "&lt;b&gt;bold&lt;/b&gt;" in body
    (svg,) = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', radar_html(frameworks["nasss"], candidates))
    texts = [
        "".join(t.itertext()) for t in ET.fromstring(base64.b64decode(svg)).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert hostile in texts  # the radar's legend: the name as typed, in well-formed SVG
