"""Tests for ``python -m assessments compare`` (assessments.cli.compare), run in process through cli.main."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import openpyxl
import pytest

from assessments.cli import main
from assessments.models import Framework
from assessments.xlsx.cells import read_text
from assessments.xlsx.write import workbook_bytes
from bench.compare import synthetic_assessment


@pytest.fixture(name="bad")
def _bad(tmp_path: Path, good: list[Path]) -> list[Path]:
    """Files that cannot be compared: broken JSON, an unknown item id, a wrong suffix."""
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    data = json.loads(good[0].read_text(encoding="utf-8"))
    data["answers"]["scie"]["no_such_item"] = {"value": "addressed"}
    unknown = tmp_path / "unknown_item.json"
    unknown.write_text(json.dumps(data), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    return [broken, unknown, notes]


def innovations_in(path: Path) -> list[str]:
    """Innovation names listed on the Profiles sheet of a written comparison."""
    ws = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))["Profiles"]
    return sorted(read_text(c.value) for c in ws["A"][1:] if c.value)


def test_compare_good_files__ok(tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Should write the comparison of every file and exit 0."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good), "-o", str(out)]) == 0
    assert innovations_in(out) == ["Innovation 0000", "Innovation 0001", "Innovation 0002"]
    assert "3 assessments" in capsys.readouterr().out


def test_compare_with_weights__ok(tmp_path: Path, good: list[Path]) -> None:
    """Should order inside SCIE by the weights from a YAML file and show this framework's weights on its sheet."""
    weights = tmp_path / "weights.yaml"
    weights.write_text("nasss.technology: 4\nscie.external: 0\n", encoding="utf-8")
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good), "-o", str(out), "--order", "scie", "--weights", str(weights)]) == 0
    ws = openpyxl.load_workbook(out)["Ordering SCIE"]
    used = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=3).value for r in range(1, 8)}
    assert used["scie.external"] == 0 and used["scie.innovation"] == 1
    assert "nasss.technology" not in used  # the ordering stays inside one framework


def test_compare_bad_without_skip__error(
    tmp_path: Path, good: list[Path], bad: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Should report each bad file with its code on stderr, exit 2 and write nothing."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good + bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "[ASSESSMENT_001" in err
    assert "unknown_item.json" in err and "[ASSESSMENT_005" in err
    assert "notes.txt" in err and "[ASSESSMENT_016" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_compare_bad_with_skip__error(
    tmp_path: Path, good: list[Path], bad: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Should report the bad files (exit 2) and still write the comparison of the good ones."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, bad + good), "-o", str(out), "--skip-invalid"]) == 2
    assert "[ASSESSMENT_001" in capsys.readouterr().err
    assert innovations_in(out) == ["Innovation 0000", "Innovation 0001", "Innovation 0002"]


def test_compare_only_bad_with_skip__error(tmp_path: Path, bad: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Should say there is nothing to compare (COMPARE_004) when every file is bad."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, bad), "-o", str(out), "--skip-invalid"]) == 2
    assert "[COMPARE_004" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "code"),
    [("scie.innovation: 12\n", "COMPARE_001"), ("scie.nope: 1\n", "COMPARE_002"), ("[1, 2]\n", "COMPARE_005")],
)
def test_compare_bad_weights__error(
    tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str], text: str, code: str
) -> None:
    """Should refuse a bad weights file with its COMPARE code and write nothing."""
    weights = tmp_path / "weights.yaml"
    weights.write_text(text, encoding="utf-8")
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good), "-o", str(out), "--order", "scie", "--weights", str(weights)]) == 2
    assert f"[{code}" in capsys.readouterr().err
    assert not out.exists()


def test_compare_missing_file__error(tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Should name a file that does not exist (ASSESSMENT_015)."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", str(good[0]), str(tmp_path / "absent.json"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "absent.json" in err and "[ASSESSMENT_015" in err


def test_compare_workbook_and_json__ok(tmp_path: Path, good: list[Path], frameworks: dict[str, Framework]) -> None:
    """Should compare an assessment workbook (.xlsx) exported by the app together with JSON files."""
    rng = random.Random(9)
    assessment = synthetic_assessment(frameworks, rng, 77)
    xlsx = tmp_path / "returned.xlsx"
    xlsx.write_bytes(workbook_bytes(frameworks, assessment))
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", str(xlsx), *map(str, good), "-o", str(out)]) == 0
    assert "Innovation 0077" in innovations_in(out)


def test_compare_same_file_twice__ok(tmp_path: Path, good: list[Path]) -> None:
    """Should compare a file given twice as two rows with distinct labels."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", str(good[0]), str(good[0]), "-o", str(out)]) == 0
    assert innovations_in(out) == ["Innovation 0000", "Innovation 0000 #2"]


def test_compare_json__ok(good: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Should print the comparison as JSON: per candidate its screen and warnings, tier and ranges, no ordering."""
    assert main(["compare", *map(str, good), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "scaling-readiness-comparison" and data["ordering"] is None
    assert len(data["candidates"]) == 3
    for c in data["candidates"]:
        assert {"screen", "shares", "tier", "tier_range", "tier_range_by_dimension", "orderings"} <= set(c)
        assert c["tier_range"][0] <= c["tier"] <= c["tier_range"][1]
        assert all({"code", "text"} == set(w) for w in c["screen"]["warnings"])
    tiers = [c["tier"] for c in data["candidates"]]
    assert tiers == sorted(tiers)


def test_compare_json_with_ordering_and_workbook__ok(
    tmp_path: Path, good: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Should print JSON with the NASSS ordering on stdout and the workbook message on stderr."""
    out = tmp_path / "comparison.xlsx"
    assert main(["compare", *map(str, good), "--json", "--order", "nasss", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["ordering"]["framework"] == "nasss" and data["ordering"]["nasss_mapping"] == "100/50/0"
    assert all(c["orderings"][0]["framework"] == "nasss" for c in data["candidates"])
    assert "Wrote the comparison of 3 assessments" in captured.err
    assert out.exists()


def test_compare_plain_words__ok(good: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Should print in plain words the caveat, who raises which screen warning and the tiers."""
    assert main(["compare", *map(str, good), "-o", str(tmp_path / "c.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "No number here adds SCIE, NASSS and SIPS together" in out
    assert "Screen (not a score):" in out and "Dominance tiers" in out and "- Tier 1: " in out


@pytest.mark.parametrize(
    ("args", "detail"),
    [
        ([], "say where the result goes"),
        (["--json", "--order", "sips"], "cannot be ordered"),
        (["--json", "--weights", "w.yaml"], "add --order"),
    ],
)
def test_compare_bad_options__error(
    good: list[Path], capsys: pytest.CaptureFixture[str], args: list[str], detail: str
) -> None:
    """Should refuse no output, an ordering of SIPS (no score) and weights without an ordering (COMPARE_004)."""
    assert main(["compare", *map(str, good), *args]) == 2
    err = capsys.readouterr().err
    assert "[COMPARE_004" in err and detail in err
