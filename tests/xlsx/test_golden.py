"""Golden-content tests for the assessment workbook.

Each case (the blank template and every example in data/examples) is built with
a frozen generated date, saved, read back with openpyxl and turned into a JSON
snapshot: sheet names, order and visibility, frozen panes, merged cells, data
validations (sqref, type, formula1), charts (type and the cells they plot) and
every cell value. The snapshot is compared with tests/golden/<case>.json. The
file is compared by content, never byte by byte (an xlsx is a zip with
timestamps inside).

Regenerate after an intended change with ``make golden`` (which runs
``UPDATE_GOLDEN=1 python -m pytest tests/xlsx/test_golden.py``) and review
the JSON diff like code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment, Framework
from assessments.xlsx.write import workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
EXAMPLES = sorted((ROOT / "data" / "examples").glob("*.json"))
FROZEN = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def workbook_snapshot(content: bytes) -> dict[str, Any]:
    """What a person (or Excel) sees in a workbook, as JSON-ready data."""
    wb = load_workbook(BytesIO(content), data_only=False)
    sheets = []
    for ws in wb.worksheets:
        validations = [
            {
                "sqref": str(dv.sqref),
                "type": dv.type,
                "operator": dv.operator,
                "formula1": dv.formula1,
                "show_error": bool(dv.showErrorMessage),
                "show_prompt": bool(dv.showInputMessage),
                "prompt": dv.prompt,
                "error": dv.error,
            }
            for dv in ws.data_validations.dataValidation
        ]
        charts = []
        # openpyxl keeps loaded charts here; there is no public accessor, and its stubs leave the list out
        for chart in ws._charts:  # type: ignore[attr-defined]
            charts.append(
                {
                    "type": type(chart).__name__,
                    "values": [s.val.numRef.f for s in chart.series],
                    "categories": [s.cat.strRef.f if s.cat.strRef else s.cat.numRef.f for s in chart.series],
                }
            )
        sheets.append(
            {
                "name": ws.title,
                "state": ws.sheet_state,
                "freeze_panes": ws.freeze_panes,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "validations": validations,
                "charts": charts,
                "cells": [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)],
            }
        )
    return {"sheets": sheets}


def _cases(frameworks: dict[str, Framework]) -> dict[str, Assessment | None]:
    cases: dict[str, Assessment | None] = {"template": None}
    for path in EXAMPLES:
        cases[path.stem] = read_assessment_file(path, frameworks)
    return cases


@pytest.mark.parametrize("case", ["template", *[p.stem for p in EXAMPLES]])
def test_workbook_matches_golden__ok(case: str, frameworks: dict[str, Framework]) -> None:
    """Should build a workbook whose read-back content equals the checked-in golden JSON."""
    assessment = _cases(frameworks)[case]
    snapshot = workbook_snapshot(workbook_bytes(frameworks, assessment, generated=FROZEN))
    path = GOLDEN / f"{case}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file for {case}; run `make golden`"
    expected = json.loads(path.read_text(encoding="utf-8"))
    for got, want in zip(snapshot["sheets"], expected["sheets"], strict=False):
        for key in ("name", "state", "freeze_panes", "merged", "validations", "charts"):
            assert got[key] == want[key], f"sheet {want['name']}: {key} differs; run `make golden` if intended"
        for row_no, (got_row, want_row) in enumerate(zip(got["cells"], want["cells"], strict=False), start=1):
            assert got_row == want_row, f"sheet {want['name']} row {row_no} differs; run `make golden` if intended"
    assert snapshot == expected


def test_golden_files_have_cases__ok() -> None:
    """Should have exactly one golden file per case (no stale goldens left behind)."""
    expected = {"template", *(p.stem for p in EXAMPLES)}
    assert {p.stem for p in GOLDEN.glob("*.json")} == expected
    assert len(EXAMPLES) >= 4, "data/examples should hold at least four example assessments"
