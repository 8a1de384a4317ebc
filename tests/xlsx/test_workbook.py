"""Tests for the assessment workbook: round trips, layout, what import accepts.

Bad input (each error code) is in tests/xlsx/test_import_errors.py, the
cell-by-cell golden comparison in tests/xlsx/test_golden.py and import previews
in tests/test_changes.py.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from assessments.jsonfile import read_assessment_file
from assessments.models import (
    MAX_TEXT_LENGTH,
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)
from assessments.scoring import score_assessment
from assessments.wording import option_labels
from assessments.xlsx.cells import EXCEL_CELL_LIMIT, cell_round_trip, clean_text, escape_ooxml
from assessments.xlsx.layout import (
    COL_ANSWER,
    COL_EVIDENCE,
    COL_NOTE,
    INNOVATION_SHEET,
    LISTS_SHEET,
    META_SHEET,
    SUMMARY_SHEET,
    sheet_names,
)
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import build_workbook, workbook_bytes
from tests.strategies import evidence_lists, iso_dates
from tests.xlsx.test_golden import FROZEN, workbook_snapshot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.json"))

# --- strategies for text that stresses spreadsheets -------------------------------------------------

_plain = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
_fragments = st.sampled_from(
    ["=SUM(A1:A2)", "+1", "-2", "@cmd", "\t", "\r", "\n", "\r\n", "'", "''", "_x000D_", "é", "€", "漢字", "😀", " "]
)
tricky_text = st.lists(st.one_of(_fragments, st.text(alphabet=_plain, max_size=8)), min_size=1, max_size=8).map("".join)
"""Text built from formula triggers, apostrophes, CR/LF, OOXML escapes and non-ASCII pieces."""
long_text = (
    st.tuples(tricky_text.map(lambda s: s or "x"), st.integers(min_value=18_000, max_value=MAX_TEXT_LENGTH))
    .map(lambda t: (t[0] * (t[1] // len(t[0]) + 1))[: t[1]])
    .filter(lambda t: len(escape_ooxml(t.replace("\r", ""))) <= EXCEL_CELL_LIMIT)
)
"""Notes near the 20,000-character limit (that fit a cell once escaped; see cells.stored_text)."""
notes = st.one_of(st.just(""), tricky_text, long_text)
"""An empty, short tricky or very long note."""
short = tricky_text.map(lambda s: s[:200])


def _clean(text: str) -> str:
    return clean_text(text)


@st.composite
def workbook_assessments(draw: st.DrawFn, frameworks: dict[str, Framework]) -> Assessment:
    """Valid assessments whose free text is hard for spreadsheets."""
    answers: dict[str, dict[str, Answer]] = {}
    for fid, fw in frameworks.items():
        chosen: dict[str, Answer] = {}
        for item_id, item in fw.items.items():
            if not draw(st.booleans()):
                continue
            if item.type == "choice":
                value = draw(st.sampled_from([o.id for o in fw.options(item_id)]))
            elif item.type == "date":
                value = draw(iso_dates)
            else:
                value = _clean(draw(tricky_text)) or "x"
            # One very long note per framework keeps the test quick while covering the limit.
            note = _clean(draw(long_text if not chosen else st.one_of(st.just(""), tricky_text)))
            chosen[item_id] = Answer(value=value, note=note, evidence=draw(evidence_lists))
        if chosen:
            answers[fid] = chosen
    name = _clean(draw(short))
    return Assessment(
        id=draw(st.one_of(st.none(), st.text(alphabet="abcdefghijkXYZ0123456789-_", min_size=4, max_size=12))),
        innovation=Innovation(
            name=name if name.strip() else "Innovation",
            organisation=_clean(draw(st.one_of(st.just(""), short))),
            description=_clean(draw(notes)),
        ),
        assessment=AssessmentMeta(
            assessed_on=draw(st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2100, 1, 1)))),
            stage=draw(st.one_of(st.none(), st.sampled_from(list(Stage)))),
            assessor_role=draw(st.one_of(st.none(), st.sampled_from(list(AssessorRole)))),
            assessor=_clean(draw(st.one_of(st.just(""), short))),
            label=_clean(draw(st.one_of(st.just(""), short))),
        ),
        answers=answers,
    )


def _as_read_back(assessment: Assessment) -> Assessment:
    """The assessment as a workbook can hold it (identical unless a text passes the cell limit once escaped)."""
    answers = {
        fid: {
            iid: a.model_copy(
                update={
                    "note": cell_round_trip(a.note),
                    "value": cell_round_trip(a.value) if a.value and len(a.value) > 100 else a.value,
                }
            )
            for iid, a in items.items()
        }
        for fid, items in assessment.answers.items()
    }
    innovation = assessment.innovation.model_copy(
        update={"description": cell_round_trip(assessment.innovation.description)}
    )
    return assessment.model_copy(update={"answers": answers, "innovation": innovation})


def _round_trip(frameworks: dict[str, Framework], assessment: Assessment) -> tuple[bytes, Assessment, bytes]:
    first = workbook_bytes(frameworks, assessment, generated=FROZEN)
    back = read_workbook(first, frameworks, file="round-trip.xlsx")
    second = workbook_bytes(frameworks, back, generated=FROZEN)
    return first, back, second


# --- round trips -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_round_trip_examples__ok(path: Path, frameworks: dict[str, Framework]) -> None:
    """Should give back the same answers, notes, evidence, details and scores for every example."""
    assessment = read_assessment_file(path, frameworks)
    first, back, second = _round_trip(frameworks, assessment)
    assert back == assessment
    assert score_assessment(back, frameworks) == score_assessment(assessment, frameworks)
    assert workbook_snapshot(second) == workbook_snapshot(first)


def test_examples_exist__ok() -> None:
    """Should have example assessments to round-trip (written by the frameworks work)."""
    assert len(EXAMPLES) >= 4


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_round_trip_generated__ok(data: st.DataObject, frameworks: dict[str, Framework]) -> None:
    """Should round-trip formula-like, non-ASCII, multi-line and very long text exactly."""
    assessment = data.draw(workbook_assessments(frameworks))
    first, back, second = _round_trip(frameworks, assessment)
    assert back == _as_read_back(assessment)
    assert score_assessment(back, frameworks) == score_assessment(assessment, frameworks)
    assert workbook_snapshot(second) == workbook_snapshot(first)


def test_round_trip_template__ok(frameworks: dict[str, Framework]) -> None:
    """Should read a filled-in template (name only) as a new assessment with no answers."""
    wb = build_workbook(frameworks)
    wb[INNOVATION_SHEET]["C2"] = "Befriending by phone"
    buffer = BytesIO()
    wb.save(buffer)
    back = read_workbook(buffer.getvalue(), frameworks, file="t.xlsx")
    assert back.id is None
    assert back.innovation.name == "Befriending by phone"
    assert back.answers == {}


# --- layout ------------------------------------------------------------------------------------------


@pytest.fixture(name="export", scope="module")
def _export() -> bytes:
    from assessments.catalogue import bundled_frameworks

    return workbook_bytes(bundled_frameworks(), read_assessment_file(EXAMPLES[0], bundled_frameworks()))


def test_sheets_and_visibility__ok(export: bytes, frameworks: dict[str, Framework]) -> None:
    """Should have About, Innovation, one sheet per framework, Summary, then hidden Lists and _meta."""
    wb = load_workbook(BytesIO(export))
    names = list(sheet_names(frameworks).values())
    assert wb.sheetnames == ["About", INNOVATION_SHEET, *names, SUMMARY_SHEET, LISTS_SHEET, META_SHEET]
    assert {ws.title for ws in wb.worksheets if ws.sheet_state != "visible"} == {LISTS_SHEET, META_SHEET}
    assert all(len(name) <= 31 for name in wb.sheetnames)
    for name in names:
        assert wb[name].freeze_panes == "A2"
        assert wb[name]["A1"].font.b


def test_answer_validations_read_lists_sheet__ok(export: bytes, frameworks: dict[str, Framework]) -> None:
    """Should give every choice answer cell a list validation that points at the Lists sheet (no inline list)."""
    wb = load_workbook(BytesIO(export))
    lists = wb[LISTS_SHEET]
    for fid, name in sheet_names(frameworks).items():
        ws = wb[name]
        fw = frameworks[fid]
        for row, (item_id, item) in enumerate(fw.items.items(), start=2):
            if item.type != "choice":
                continue
            coord = f"{ws.cell(row=row, column=COL_ANSWER).coordinate}"
            dvs = [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]
            assert len(dvs) == 1, f"{name}!{coord}"
            dv = dvs[0]
            assert dv.type == "list"
            assert '"' not in dv.formula1
            assert dv.showErrorMessage
            assert dv.showInputMessage
            assert dv.prompt
            match = re.fullmatch(r"Lists!\$([A-Z]+)\$2:\$\1\$(\d+)", dv.formula1)
            assert match, dv.formula1
            listed = [lists[f"{match.group(1)}{r}"].value for r in range(2, int(match.group(2)) + 1)]
            assert listed == list(option_labels(fw, item_id).values())


def test_file_holds_charts_and_validations__ok(export: bytes, frameworks: dict[str, Framework]) -> None:
    """Should store one native radar chart per framework and dataValidation elements in the sheet XML."""
    with zipfile.ZipFile(BytesIO(export)) as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert len(charts) == len(frameworks)
        for name in charts:
            xml = z.read(name).decode()
            assert "<c:radarChart>" in xml or "<radarChart" in xml or ":radarChart" in xml
            assert "Summary" in xml
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        with_validation = [s for s in sheets if "<dataValidation " in s]
        assert len(with_validation) == 1 + len(frameworks)  # Innovation + framework sheets
        assert all("<formula1>Lists!$" in s for s in with_validation)


def _choice_items(fw: Framework) -> list[str]:
    return [iid for iid, item in fw.items.items() if item.type == "choice"]


def test_no_formulas_anywhere__ok(frameworks: dict[str, Framework]) -> None:
    """Should write no formula cell, even for text that starts with '=' (scores are values)."""
    assessment = Assessment(
        innovation=Innovation(name="=cmd|' /C calc'!A0", organisation="+44 1234", description="@SUM(1)"),
        answers={
            fid: {iid: Answer(value=fw.options(iid)[0].id, note="=1+1") for iid in _choice_items(fw)[:1]}
            for fid, fw in frameworks.items()
        },
    )
    content = workbook_bytes(frameworks, assessment)
    with zipfile.ZipFile(BytesIO(content)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode(), name
    wb = load_workbook(BytesIO(content))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
    assert wb[INNOVATION_SHEET]["C2"].value == "'=cmd|' /C calc'!A0"
    assert wb[INNOVATION_SHEET]["C2"].quotePrefix


def test_summary_scores_are_values__ok(frameworks: dict[str, Framework]) -> None:
    """Should put the scoring module's section scores on the Summary sheet as numbers."""
    assessment = read_assessment_file(EXAMPLES[0], frameworks)
    result = score_assessment(assessment, frameworks)
    wb = load_workbook(BytesIO(workbook_bytes(frameworks, assessment)))
    ws = wb[SUMMARY_SHEET]
    by_id = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0]}
    for fr in result.results:
        for sec in fr.sections:
            # The radar's value: SIPS completeness, as on the app's chart (was readiness: a drift).
            expected = sec.completeness if fr.method == "planning" else sec.score
            assert by_id[sec.id][2] == expected
            assert by_id[sec.id][4:9] == (sec.answered, sec.unknown, sec.not_applicable, sec.unanswered, sec.total)
    codes = {row[1] for row in ws.iter_rows(values_only=True)}
    assert {f.code for fr in result.results for f in fr.flags} <= codes


def test_template_has_no_answers__ok(frameworks: dict[str, Framework]) -> None:
    """Should leave every answer, note and evidence cell of the template empty."""
    wb = load_workbook(BytesIO(workbook_bytes(frameworks)))
    for name in sheet_names(frameworks).values():
        for row in wb[name].iter_rows(min_row=2):
            assert row[COL_ANSWER - 1].value is None
            assert row[COL_NOTE - 1].value is None
            assert row[COL_EVIDENCE - 1].value is None
    assert wb[META_SHEET]["B4"].value is None


@pytest.mark.parametrize(
    ("short_title", "expected"),
    [
        ("SCIE", "SCIE"),
        ("A/B: what? [draft]*", "A B  what   draft"),
        ("Summary", "Summary (2)"),
        ("x" * 40, "x" * 31),
    ],
)
def test_sheet_names_are_valid__ok(short_title: str, expected: str, frameworks: dict[str, Framework]) -> None:
    """Should make Excel-safe, unique sheet names of at most 31 characters."""
    fw = frameworks["scie"].model_copy(update={"short_title": short_title})
    assert sheet_names({fw.id: fw}) == {"scie": expected}


# --- what import accepts -----------------------------------------------------------------------------


def _edited(frameworks: dict[str, Framework], edits: dict[tuple[str, str], str | dt.date]) -> bytes:
    wb = build_workbook(frameworks)
    wb[INNOVATION_SHEET]["C2"] = "Edited"
    for (sheet, coord), value in edits.items():
        wb[sheet][coord] = value
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3 – Addressed, with evidence", "addressed"),
        ("  3 - addressed, WITH evidence ", "addressed"),
        ("addressed", "addressed"),
        ("dont_know", "dont_know"),
        ("Don't know", "dont_know"),
    ],
)
def test_import_accepts_labels_and_ids__ok(typed: str, expected: str, frameworks: dict[str, Framework]) -> None:
    """Should map the drop-down label (any case or dash) or the option id back to the option id."""
    name = sheet_names(frameworks)["scie"]
    first = next(iter(frameworks["scie"].items))
    back = read_workbook(_edited(frameworks, {(name, "E2"): typed}), frameworks, file="f.xlsx")
    assert back.answers["scie"][first].value == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Research; Lived experience", (EvidenceType.RESEARCH, EvidenceType.LIVED_EXPERIENCE)),
        ("lived_experience, research", (EvidenceType.RESEARCH, EvidenceType.LIVED_EXPERIENCE)),
        ("Practice knowledge;", (EvidenceType.PRACTICE_KNOWLEDGE,)),
        ("research;research", (EvidenceType.RESEARCH,)),
    ],
)
def test_import_accepts_evidence_lists__ok(
    typed: str, expected: tuple[EvidenceType, ...], frameworks: dict[str, Framework]
) -> None:
    """Should read evidence types as labels or ids separated by commas or semicolons."""
    name = sheet_names(frameworks)["scie"]
    first = next(iter(frameworks["scie"].items))
    back = read_workbook(_edited(frameworks, {(name, "G2"): typed}), frameworks, file="f.xlsx")
    assert back.answers["scie"][first].evidence == expected


@pytest.mark.parametrize(
    "typed",
    [dt.datetime(2026, 3, 31), dt.date(2026, 3, 31), "2026-03-31", "31/03/2026"],
)
def test_import_accepts_dates__ok(typed: str | dt.date, frameworks: dict[str, Framework]) -> None:
    """Should accept a date cell, an ISO date or a UK day/month/year date."""
    back = read_workbook(_edited(frameworks, {(INNOVATION_SHEET, "C8"): typed}), frameworks, file="f.xlsx")
    assert back.assessment.assessed_on == dt.date(2026, 3, 31)


def test_import_text_typed_in_excel__ok(frameworks: dict[str, Framework]) -> None:
    """Should keep text typed with Excel's quote prefix ('=x shown as =x) as that text, not a formula."""
    wb = build_workbook(frameworks)
    wb[INNOVATION_SHEET]["C2"] = "Name"
    name = sheet_names(frameworks)["scie"]
    cell = wb[name]["F2"]
    cell.value = "=not a formula"
    cell.data_type = "s"
    cell.quotePrefix = True
    buffer = BytesIO()
    wb.save(buffer)
    back = read_workbook(buffer.getvalue(), frameworks, file="f.xlsx")
    assert back.answers["scie"][next(iter(frameworks["scie"].items))].note == "=not a formula"
