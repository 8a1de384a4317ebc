"""Tests for ``python -m assessments report`` and ``export --format csv|sections-csv`` against a real database."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.cli import main
from assessments.jsonfile import read_assessment_file
from assessments.models import Framework
from assessments.store import Store
from assessments.tidy import ENCODING
from tests.report.pdfread import reader, text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "data" / "examples"


@pytest.fixture(name="saved")
def _saved(db: str, frameworks: dict[str, Framework]) -> tuple[str, str]:
    """The pilot's baseline and follow-up saved in the local workspace: (baseline id, follow-up id)."""
    store = Store(db, frameworks=bundled_frameworks())
    try:
        base = store.save_assessment(read_assessment_file(EXAMPLES / "home_sensors_pilot_baseline.json", frameworks))
        # Same name and organisation: saved as a later assessment of the same innovation.
        follow_id = store.save_assessment(
            read_assessment_file(EXAMPLES / "home_sensors_pilot_follow_up.json", frameworks)
        )
        assert store.get_summary(follow_id).innovation_id == store.get_summary(base).innovation_id
    finally:
        store.close()
    return base, follow_id


def test_report_writes_pdf_with_changes__ok(
    db: str, saved: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should write the follow-up's PDF report, with what changed since the baseline saved before it."""
    _, follow = saved
    out = tmp_path / "report.pdf"
    assert main(["report", follow, "-o", str(out), "--database", db]) == 0
    assert f"wrote the report of assessment {follow} to {out}" in capsys.readouterr().out
    got = text(reader(out.read_bytes()))
    assert "Kestrel home sensors pilot" in got
    assert "What changed since the assessment of 10 March 2025" in got


def test_report_unknown_id__fails(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should exit 2 with the catalogue's STORAGE_001 line for an id that does not exist, writing nothing."""
    out = tmp_path / "report.pdf"
    assert main(["report", "no-such-id", "-o", str(out), "--database", db]) == 2
    assert "STORAGE_001" in capsys.readouterr().err
    assert not out.exists()


def test_report_unknown_workspace__fails(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should exit 2 with STORAGE_004 for a workspace that does not exist."""
    assert main(["report", "x", "-o", str(tmp_path / "r.pdf"), "--workspace", "nowhere", "--database", db]) == 2
    assert "STORAGE_004" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "column"), [("csv", "option_label"), ("sections-csv", "section_title")])
def test_export_csv__ok(
    db: str, saved: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, column: str
) -> None:
    """Should write the tidy CSV of one saved assessment, every row carrying its id."""
    base, _ = saved
    out = tmp_path / "out.csv"
    assert main(["export", base, "-o", str(out), "--format", fmt, "--database", db]) == 0
    assert str(out) in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(ENCODING), newline="")))
    assert rows
    assert {r["assessment_id"] for r in rows} == {base}
    assert column in rows[0]


@pytest.mark.parametrize("fmt", ["csv", "sections-csv"])
def test_export_all_csv__ok(
    db: str, saved: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """Should write every assessment the workspace may read into one CSV, and say how many."""
    out = tmp_path / "all.csv"
    assert main(["export", "--all", "-o", str(out), "--format", fmt, "--database", db]) == 0
    assert f"of 2 assessments to {out}" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(ENCODING), newline="")))
    assert {r["assessment_id"] for r in rows} == set(saved)


def test_export_all_of_another_workspace__ok(db: str, saved: tuple[str, str], tmp_path: Path) -> None:
    """Should export nothing of the local workspace's assessments for a workspace that holds none."""
    assert main(["workspace", "add", "Elsewhere", "--database", db]) == 0
    out = tmp_path / "all.csv"
    assert (
        main(["export", "--all", "-o", str(out), "--format", "csv", "--workspace", "Elsewhere", "--database", db]) == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode(ENCODING), newline="")))
    assert rows == [] and not set(saved) & {r["assessment_id"] for r in rows}
    assert out.read_bytes().decode(ENCODING).startswith("assessment_id")


def test_export_all_as_workbook__fails(
    db: str, saved: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should exit 2 asking for a CSV format when --all is given without one, writing nothing."""
    out = tmp_path / "all.xlsx"
    assert main(["export", "--all", "-o", str(out), "--database", db]) == 2
    assert "--format csv" in capsys.readouterr().err
    assert not out.exists()


def test_export_id_and_all__fails(db: str, saved: tuple[str, str], tmp_path: Path) -> None:
    """Should refuse an id together with --all (argparse usage error, exit 2)."""
    with pytest.raises(SystemExit) as exc:
        main(["export", saved[0], "--all", "-o", str(tmp_path / "x.csv"), "--format", "csv", "--database", db])
    assert exc.value.code == 2


def test_export_csv_unknown_id__fails(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should exit 2 with STORAGE_001 and write no file for an unknown id."""
    out = tmp_path / "out.csv"
    assert main(["export", "no-such-id", "-o", str(out), "--format", "csv", "--database", db]) == 2
    assert "STORAGE_001" in capsys.readouterr().err
    assert not out.exists()


def test_command_line_starts_without_report_libraries__ok() -> None:
    """Should start the command line without matplotlib or WeasyPrint (loaded only when a report is written)."""
    code = "import sys, assessments.cli\nprint(sorted(m for m in ('matplotlib', 'weasyprint') if m in sys.modules))\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
