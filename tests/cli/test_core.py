"""The ``frameworks`` and ``score`` commands: output shapes, exit codes and bad input.

In-process runs (``cli.main``) check output; subprocess runs check that bad input
exits 2 with one line per problem on stderr and never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assessments.cli import main
from assessments.jsonfile import assessment_to_dict
from assessments.models import Answer, Assessment, AssessmentMeta, Framework, Innovation, Stage
from assessments.scoring import results_to_json, score_assessment

ROOT = Path(__file__).resolve().parents[2]


def _assessment(frameworks: dict[str, Framework], complex_domains: int = 2) -> Assessment:
    """A full assessment: SCIE all 'recognised', NASSS with ``complex_domains`` complex domains, SIPS partly done."""
    answers: dict[str, dict[str, Answer]] = {fid: {} for fid in frameworks}
    for fid, fw in frameworks.items():
        for n, section in enumerate(fw.sections):
            for item in section.items:
                if item.type != "choice":
                    answers[fid][item.id] = Answer(value="2027-03-31" if item.type == "date" else "Written answer")
                elif fw.scoring == "complexity":
                    level = "complex" if n < complex_domains else "simple"
                    answers[fid][item.id] = Answer(value=level)
                else:
                    scale = [o.id for o in fw.options(item.id) if o.is_scale]
                    answers[fid][item.id] = Answer(value=scale[1])
    return Assessment(
        innovation=Innovation(name="Homeshare pilot", organisation="Example Trust"),
        assessment=AssessmentMeta(stage=Stage.PILOT),
        answers=answers,
    )


def _write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


# ---------------------------------------------------------------------------
# frameworks
# ---------------------------------------------------------------------------


def test_frameworks_lists_sections_and_counts__ok(
    capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should list every framework with its version, sections and item counts."""
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    for fw in frameworks.values():
        assert f"{fw.id}: {fw.title}\n  Version {fw.version}; method: {fw.scoring}; {fw.item_count} items" in out
        assert fw.citation.url in out
        for s in fw.sections:
            assert f"{s.title} ({len(s.items)} items)" in out


def test_frameworks_json_shape__ok(capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]) -> None:
    """Should print the documented JSON shape: frameworks, sections, items and options in scale order."""
    assert main(["frameworks", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in data["frameworks"]] == list(frameworks)
    for f in data["frameworks"]:
        fw = frameworks[f["id"]]
        assert {"id", "title", "version", "citation", "citation_url", "sections"} <= set(f)
        assert (f["title"], f["version"], f["citation"]) == (fw.title, fw.version, fw.citation.text)
        assert f["item_count"] == fw.item_count == sum(len(s["items"]) for s in f["sections"])
        for s in f["sections"]:
            assert {"id", "title", "items"} <= set(s)
            for item in s["items"]:
                assert {"id", "text", "priority", "options", "type"} <= set(item)
                assert [o["id"] for o in item["options"]] == [o.id for o in fw.options(item["id"])]
                for o in item["options"]:
                    assert {"id", "label"} <= set(o)


def test_frameworks_json_scie_counts__ok(capsys: pytest.CaptureFixture[str]) -> None:
    """Should show SCIE's 14 innovation-level and 8 external factors with their seven priorities."""
    main(["frameworks", "--json"])
    scie = next(f for f in json.loads(capsys.readouterr().out)["frameworks"] if f["id"] == "scie")
    assert [(s["id"], len(s["items"])) for s in scie["sections"]] == [("innovation", 14), ("external", 8)]
    priorities = sorted(i["priority"] for s in scie["sections"] for i in s["items"] if i["priority"])
    assert priorities == [1, 2, 3, 3, 4, 5, 6, 7]


# ---------------------------------------------------------------------------
# score
# ---------------------------------------------------------------------------


def test_score_readable_summary__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should print each framework's sections, flags and the self-assessment reminder."""
    path = _write(tmp_path, "a.json", assessment_to_dict(_assessment(frameworks)))
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Homeshare pilot (Example Trust)")
    for fw in frameworks.values():
        assert fw.title in out
        for s in fw.sections:
            assert s.title in out
    assert "Domains rated complex: 2" in out
    # Each flag in words first (severity and label), its code last, for support.
    assert any(line.strip().startswith("Warning – Complex in several domains: ") for line in out.splitlines())
    gaps = [line.strip() for line in out.splitlines() if line.strip().startswith("Warning – Priority gap: ")]
    assert gaps and all(line.endswith("[SCIE_PRIORITY_GAP]") for line in gaps)
    assert out.rstrip().splitlines()[-1].startswith("These results are self-assessments")


def test_score_json_shape__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should print the documented results JSON, equal to results_to_json of the scored assessment."""
    assessment = _assessment(frameworks)
    path = _write(tmp_path, "a.json", assessment_to_dict(assessment))
    assert main(["score", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"] == results_to_json(score_assessment(assessment, frameworks))["results"]
    assert [r["framework"] for r in data["results"]] == list(frameworks)
    assert data["complex_threshold"] == 2 and "self-assessments" in data["note"]
    for r in data["results"]:
        assert {"framework", "sections", "flags"} <= set(r)
        for s in r["sections"]:
            assert {"id", "score", "level", "answered", "unknown", "total"} <= set(s)
            if r["method"] != "complexity":
                assert s["level"] is None
        for f in r["flags"]:
            assert {"code", "message"} <= set(f)


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [("2", "NASSS_MULTIPLE_COMPLEX"), ("3", "NASSS_COMPLEX_DOMAIN"), ("1", "NASSS_MULTIPLE_COMPLEX")],
)
def test_score_complex_threshold__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework], threshold: str, expected: str
) -> None:
    """Should apply --complex-threshold to the several-complex-domains warning."""
    path = _write(tmp_path, "a.json", assessment_to_dict(_assessment(frameworks, complex_domains=2)))
    assert main(["score", str(path), "--json", "--complex-threshold", threshold]) == 0
    nasss = next(r for r in json.loads(capsys.readouterr().out)["results"] if r["framework"] == "nasss")
    assert [f["code"] for f in nasss["flags"] if f["code"].startswith("NASSS_")] == [expected]


def test_score_example_files__ok(capsys: pytest.CaptureFixture[str]) -> None:
    """Should score every bundled example assessment without problems."""
    examples = sorted((ROOT / "data" / "examples").glob("*.json"))
    assert len(examples) >= 4
    for path in examples:
        assert main(["score", str(path), "--json"]) == 0, path.name
        assert json.loads(capsys.readouterr().out)["results"]


def test_score_workbook_matches_json__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should score an exported .xlsx workbook exactly as the same assessment in JSON."""
    workbook = pytest.importorskip("assessments.xlsx.write")
    assessment = _assessment(frameworks)
    xlsx = tmp_path / "a.xlsx"
    xlsx.write_bytes(workbook.workbook_bytes(frameworks, assessment))
    assert main(["score", str(xlsx), "--json"]) == 0
    from_xlsx = json.loads(capsys.readouterr().out)
    assert from_xlsx["results"] == results_to_json(score_assessment(assessment, frameworks))["results"]


# ---------------------------------------------------------------------------
# bad input: exit 2, one line per problem, never a traceback
# ---------------------------------------------------------------------------

VALID_HEAD = {"format": "scaling-readiness-assessment", "version": 1, "innovation": {"name": "x"}}

BAD_FILES = [
    # (file name, content (bytes, JSON-able, or None for no file), expected codes)
    pytest.param("missing.json", None, ["ASSESSMENT_015"], id="missing-file"),
    pytest.param("bad.json", b"{not json", ["ASSESSMENT_001"], id="bad-json"),
    pytest.param("list.json", [1, 2], ["ASSESSMENT_007"], id="not-an-object"),
    pytest.param(
        "item.json",
        {**VALID_HEAD, "answers": {"scie": {"no_such_item": {"value": "addressed"}}}},
        ["ASSESSMENT_005"],
        id="unknown-item",
    ),
    pytest.param(
        "option.json",
        {**VALID_HEAD, "answers": {"nasss": {"ITEM": {"value": "terrible"}}}},
        ["ASSESSMENT_006"],
        id="bad-option",
    ),
    pytest.param(
        "type.json",
        {**VALID_HEAD, "answers": {"nasss": {"ITEM": {"value": 3}}}},
        ["ASSESSMENT_007"],
        id="wrong-type",
    ),
    pytest.param(
        "two.json",
        {**VALID_HEAD, "answers": {"other": {}, "nasss": {"ITEM": {"value": "terrible"}}}},
        ["ASSESSMENT_004", "ASSESSMENT_006"],
        id="two-problems-two-lines",
    ),
    pytest.param("notes.txt", b"hello", ["ASSESSMENT_016"], id="unsupported-suffix"),
    pytest.param("broken.xlsx", b"this is not a zip file", ["WORKBOOK_"], id="corrupt-workbook"),
]


@pytest.mark.parametrize(("name", "content", "codes"), BAD_FILES)
def test_score_bad_file__error(
    tmp_path: Path, frameworks: dict[str, Framework], name: str, content: Any, codes: list[str]
) -> None:
    """Should exit 2 with one stderr line per problem naming the file and code, and no traceback."""
    path = tmp_path / name
    if isinstance(content, dict):
        first_nasss = next(iter(frameworks["nasss"].items))
        text = json.dumps(content).replace('"ITEM"', json.dumps(first_nasss))
        path.write_text(text, encoding="utf-8")
    elif isinstance(content, list):
        path.write_text(json.dumps(content), encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    proc = _run("score", str(path))
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(codes)
    for line, code in zip(lines, codes, strict=True):
        assert name in line
        assert f"[{code}" in line


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_score_bad_threshold__error(tmp_path: Path, value: str) -> None:
    """Should reject a complex threshold below 1 or not a number with exit 2 and no traceback."""
    path = _write(tmp_path, "a.json", VALID_HEAD)
    proc = _run("score", str(path), "--complex-threshold", value)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "--complex-threshold" in proc.stderr


def test_score_valid_file_subprocess__ok(tmp_path: Path) -> None:
    """Should exit 0 and print the summary when run as python -m assessments."""
    path = _write(tmp_path, "a.json", VALID_HEAD)
    proc = _run("score", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("x\n") and "INCOMPLETE" in proc.stdout


def test_reader_going_away_is_quiet__ok() -> None:
    """Should stop with exit 141 and no traceback when the output's reader closes early (like `| head -1`)."""
    with subprocess.Popen(
        [sys.executable, "-m", "assessments", "frameworks", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(1) == b"{"  # the listing is larger than a pipe's buffer: the writer is still busy
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err
