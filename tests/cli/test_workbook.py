"""Tests for ``python -m assessments template | export | import`` against a real SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessments.catalogue import bundled_frameworks
from assessments.cli import main
from assessments.jsonfile import read_assessment_file
from assessments.models import Assessment, Framework
from assessments.store import Store
from assessments.xlsx.layout import COL_ANSWER, sheet_names
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import build_workbook, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = sorted((ROOT / "data" / "examples").glob("*.json"))[0]


@pytest.fixture(name="db")
def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(name="example")
def _example(frameworks: dict[str, Framework]) -> Assessment:
    return read_assessment_file(EXAMPLE, frameworks)


def _count(db: str) -> int:
    store = Store(db, frameworks=bundled_frameworks())
    try:
        return len(store.list_assessments())
    finally:
        store.close()


def test_template__ok(tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]) -> None:
    """Should write the blank template with every framework sheet and no answers."""
    out = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert set(sheet_names(frameworks).values()) <= set(wb.sheetnames)
    assert "template.xlsx" in capsys.readouterr().out


def test_export_then_import_updates__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should export a saved assessment and, re-imported after an edit, update that same assessment."""
    store = Store(db, frameworks=bundled_frameworks())
    aid = store.save_assessment(example)
    store.close()
    out = tmp_path / "export.xlsx"
    assert main(["export", aid, "-o", str(out), "--database", db]) == 0
    exported = read_workbook(out.read_bytes(), frameworks, file=out.name)
    assert exported.id == aid
    assert exported.answers == example.answers

    wb = load_workbook(out)
    fw = frameworks["scie"]
    first = next(iter(fw.items))
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Don't know")
    wb.save(out)
    capsys.readouterr()
    assert main(["import", str(out), "--database", db]) == 0
    assert f"updated {aid}" in capsys.readouterr().out
    store = Store(db, frameworks=bundled_frameworks())
    assert store.get_assessment(aid).answer("scie", first).value == "dont_know"  # type: ignore[union-attr]
    assert len(store.list_assessments()) == 1
    store.close()


def test_import_each_file_all_or_nothing__error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should import the good file, save nothing from the bad one, print one line per problem and exit 2."""
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook_bytes(frameworks, example))
    wb = build_workbook(frameworks, example)
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Nope")
    wb[sheet_names(frameworks)["nasss"]].cell(row=2, column=COL_ANSWER, value="Nah")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    code = main(["import", str(bad), str(good), "--database", db])
    captured = capsys.readouterr()
    assert code == 2
    assert "created" in captured.out
    assert "good.xlsx" in captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("bad.xlsx, sheet '") and "[WORKBOOK_008]" in line for line in lines)
    assert "Traceback" not in captured.err
    assert _count(db) == 1


def test_failed_update_changes_nothing__error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should leave the saved assessment untouched when its edited workbook has a problem."""
    store = Store(db, frameworks=bundled_frameworks())
    aid = store.save_assessment(example)
    before = store.get_assessment(aid)
    store.close()
    wb = build_workbook(frameworks, before)
    ws = wb[sheet_names(frameworks)["scie"]]
    ws.cell(row=2, column=COL_ANSWER, value="Don't know")  # a valid change...
    ws.cell(row=3, column=COL_ANSWER, value="Maybe")  # ...and an invalid one
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    assert main(["import", str(path), "--database", db]) == 2
    store = Store(db, frameworks=bundled_frameworks())
    assert store.get_assessment(aid) == before
    store.close()


def test_dry_run_saves_nothing__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should list the changes a new import would make without saving it."""
    path = tmp_path / "new.xlsx"
    path.write_bytes(workbook_bytes(frameworks, example))
    assert main(["import", str(path), "--dry-run", "--database", db]) == 0
    out = capsys.readouterr().out
    assert "would create a new assessment" in out
    assert "Innovation: Innovation name [name]" in out
    assert _count(db) == 0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export", "no-such-id", "-o", "{tmp}/x.xlsx"], "STORAGE_001"),
        (["import", "{tmp}/missing.xlsx"], "ASSESSMENT_015"),
        (["import", "{bad}"], "WORKBOOK_002"),
    ],
)
def test_bad_input_exit_2__error(
    args: list[str], code: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should exit 2 with a located one-line message and no traceback."""
    bad = ROOT / "tests" / "bad_files" / "WORKBOOK_002_password_protected.xlsx"
    argv = [a.format(tmp=tmp_path, bad=bad) for a in args] + ["--database", db]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"[{code}]" in err
    assert "Traceback" not in err


def test_score_accepts_workbook__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should score an exported .xlsx with the score command, as it scores the JSON file."""
    path = tmp_path / "scored.xlsx"
    path.write_bytes(workbook_bytes(frameworks, example))
    assert main(["score", str(path), "--json"]) == 0
    from_xlsx = capsys.readouterr().out
    assert main(["score", str(EXAMPLE), "--json"]) == 0
    assert capsys.readouterr().out == from_xlsx
