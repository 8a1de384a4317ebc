"""Tests for ``python -m assessments compare ... --pdf`` (the panel pack), run in process through cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessments.cli import main
from tests.report.pdfread import language, reader, text


def test_compare_writes_panel_pack__ok(tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Should write a tagged PDF naming every candidate, print the JSON on stdout and the message on stderr."""
    out = tmp_path / "pack.pdf"
    assert main(["compare", *map(str, good), "--pdf", str(out), "--json", "--order", "nasss"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["ordering"]["framework"] == "nasss"
    assert f"Wrote the panel pack of 3 assessments to {out}" in captured.err
    pdf = reader(out.read_bytes())
    assert language(pdf) == "en-GB"
    words = text(pdf)
    for n in range(3):
        assert f"Innovation {n:04d}" in words
    assert "Ordering inside NASSS complexity (your editorial choice)" in words


@pytest.mark.parametrize(
    ("name", "detail"),
    [
        ("missing/pack.pdf", "does not exist"),
        ("pack.txt", "must end in .pdf"),
        ("folder.pdf", "that is a folder"),
    ],
)
def test_compare_bad_pdf_path__error(
    tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str], name: str, detail: str
) -> None:
    """Should refuse a path the pack cannot be written to with COMPARE_007, exit 2 and write nothing."""
    (tmp_path / "folder.pdf").mkdir()
    out = tmp_path / name
    workbook = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good), "--pdf", str(out), "-o", str(workbook)]) == 2
    err = capsys.readouterr().err
    assert "[COMPARE_007]" in err and detail in err and str(out) in err
    assert "Traceback" not in err
    assert not workbook.exists()  # refused before anything was read or written
    assert not (tmp_path / "missing").exists() and not (tmp_path / "pack.txt").exists()
