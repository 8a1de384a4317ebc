"""Round trips through other spreadsheet writers: a workbook re-saved by LibreOffice, Gnumeric or
pandas + xlsxwriter reads back as the assessment it was, and importing it over the saved one
changes nothing (issue 13: no double unescaping, carriage returns that LibreOffice drops are no change).

The LibreOffice and Gnumeric cases run the real programs (``soffice``, ``ssconvert``); CI installs
them (``.ci/run``) and sets REQUIRE_SPREADSHEETS, so there they fail rather than skip when missing.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.importing import plan_import
from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment
from assessments.store import Store
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes
from tests.xlsx.spreadsheets import spreadsheet_tool

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples"
TRICKY_NOTES = (
    "_x000D_ typed literally",
    "two lines\r\nwith a Windows line ending",
    "=1+1 looks like a formula",
    "a_x005F_b and _x0041_",
    "tab\tinside, and an emoji 🙂",
    "@SUM(A1) and +44 20 and -3",
    "line one\nline two",
)


NEEDS_OOXML_ESCAPE = ("\r", "_x")
"""Text a cell can hold only escaped (``_x000D_``, ``_x005F_``): pandas reads cells with openpyxl's
read-only reader, which hands the escapes over undecoded, so such text is not kept by that route."""


def _tricky(*, escapes: bool = True) -> Assessment:
    """The first bundled example with notes that need guarding, care with line endings and (with ``escapes``)
    OOXML escaping."""
    frameworks = bundled_frameworks()
    path = sorted(EXAMPLE.glob("*.json"))[0]
    base = read_assessment_file(path, frameworks)
    answers = {fid: dict(items) for fid, items in base.answers.items()}
    scie = answers.setdefault("scie", {})
    notes = [n for n in TRICKY_NOTES if escapes or not any(mark in n for mark in NEEDS_OOXML_ESCAPE)]
    for iid, note in zip(sorted(scie), notes, strict=False):
        scie[iid] = scie[iid].model_copy(update={"note": note})
    return base.model_copy(update={"answers": answers, "id": None})


def _same(a: Assessment, b: Assessment) -> None:
    """Same details and answers, line endings aside (CR LF and LF are one line break to a person)."""

    def norm(x: Assessment) -> dict[str, object]:
        return {
            "innovation": x.innovation.model_dump(),
            "meta": x.assessment.model_dump(),
            "answers": {
                fid: {
                    iid: (ans.value, ans.note.replace("\r\n", "\n"), ans.evidence)
                    for iid, ans in items.items()
                    if not ans.is_blank
                }
                for fid, items in x.answers.items()
            },
        }

    assert norm(a) == norm(b)


def _no_change_over_saved(tmp_path: Path, original: Assessment, resaved: bytes) -> None:
    """Importing the re-saved workbook over the saved original finds nothing to change."""
    frameworks = bundled_frameworks()
    store = Store(f"sqlite:///{tmp_path / 'round.db'}", frameworks=frameworks)
    try:
        aid = store.save_assessment(original)
        back = read_workbook(resaved, frameworks, file="resaved.xlsx").model_copy(update={"id": aid})
        plan = plan_import(store, back)
        assert plan.target_id == aid
        assert plan.changes == (), [str(c) for c in plan.changes]
    finally:
        store.close()


def _convert(command: list[str], out: Path, timeout: int = 180) -> bytes:
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    assert proc.returncode == 0 and out.exists(), f"{command[0]} failed: {proc.stdout}{proc.stderr}"
    return out.read_bytes()


def test_libreoffice_resave__ok(tmp_path: Path) -> None:
    """Should read a workbook re-saved by LibreOffice (shared strings, CRs dropped) as written, changing nothing."""
    soffice = spreadsheet_tool("soffice")
    original = _tricky()
    source = tmp_path / "in" / "assessment.xlsx"
    source.parent.mkdir()
    source.write_bytes(workbook_bytes(bundled_frameworks(), original))
    out_dir = tmp_path / "out"
    profile = tmp_path / "profile"
    resaved = _convert(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        out_dir / "assessment.xlsx",
    )
    _same(read_workbook(resaved, bundled_frameworks(), file="lo.xlsx"), original)
    _no_change_over_saved(tmp_path, original, resaved)


def test_gnumeric_resave__ok(tmp_path: Path) -> None:
    """Should read a workbook re-saved by Gnumeric's ssconvert as written, changing nothing."""
    ssconvert = spreadsheet_tool("ssconvert")
    original = _tricky()
    source = tmp_path / "assessment.xlsx"
    source.write_bytes(workbook_bytes(bundled_frameworks(), original))
    out = tmp_path / "resaved.xlsx"
    resaved = _convert([ssconvert, "--export-type=Gnumeric_Excel:xlsx2", str(source), str(out)], out)
    _same(read_workbook(resaved, bundled_frameworks(), file="gnumeric.xlsx"), original)
    _no_change_over_saved(tmp_path, original, resaved)


def test_pandas_xlsxwriter_resave__ok(tmp_path: Path) -> None:
    """Should read a workbook read by pandas and written again with xlsxwriter (every cell kept) as written.

    Text that needs an OOXML escape is left out: pandas hands it over still escaped (see
    :data:`NEEDS_OOXML_ESCAPE`; docs/assessment-format.md says so).
    """
    pd = pytest.importorskip("pandas")
    pytest.importorskip("xlsxwriter")
    original = _tricky(escapes=False)
    sheets = pd.read_excel(
        io.BytesIO(workbook_bytes(bundled_frameworks(), original)), sheet_name=None, header=None, dtype=object
    )
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    resaved = buf.getvalue()
    _same(read_workbook(resaved, bundled_frameworks(), file="pandas.xlsx"), original)
    _no_change_over_saved(tmp_path, original, resaved)
