"""The JSON assessment file: validation by error code, and round trips.

Uses the tiny fixture frameworks (tests/fixtures/tiny_*.yaml) so item and option ids are fixed.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from assessments.catalogue import load_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.jsonfile import (
    MAX_JSON_BYTES,
    assessment_to_dict,
    parse_assessment,
    read_assessment_bytes,
    read_assessment_file,
    write_assessment_file,
)
from assessments.models import MAX_TEXT_LENGTH, EvidenceType, Framework
from tests.conftest import FIXTURES
from tests.strategies import assessments

TINY = load_frameworks(FIXTURES)

VALID: dict[str, Any] = {
    "format": "scaling-readiness-assessment",
    "version": 1,
    "innovation": {"name": "Homeshare pilot", "organisation": "Example Trust", "description": "Matching people"},
    "assessment": {"assessed_on": "2026-02-01", "stage": "pilot", "assessor_role": "innovator", "label": "Baseline"},
    "answers": {
        "tiny_readiness": {
            "r_evidence": {"value": "partly_addressed", "note": "Pilot report", "evidence": ["research"]},
            "r_context": {"value": "Commissioners keen", "note": "", "evidence": []},
        },
        "tiny_complexity": {"c_needs": {"value": "complex"}},
        "tiny_planning": {"p_end_date": {"value": "2027-03-31"}, "p_theory": {"value": "dont_know"}},
    },
}


def _with(path: str, value: Any) -> dict[str, Any]:
    """A copy of VALID with one dotted path set (value ``...`` deletes the key)."""
    doc = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node = doc
    for key in parents:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return doc


def test_valid_document_parses__ok() -> None:
    """Should accept a valid document, keeping ids, text, dates and evidence."""
    a = parse_assessment(copy.deepcopy(VALID), TINY, file="a.json")
    assert a.innovation.name == "Homeshare pilot"
    assert a.assessment.assessed_on is not None and a.assessment.assessed_on.isoformat() == "2026-02-01"
    ev = a.answer("tiny_readiness", "r_evidence")
    assert ev is not None and (ev.value, ev.note, ev.evidence) == ("partly_addressed", "Pilot report", ("research",))
    assert a.answer("tiny_planning", "p_theory") is not None
    assert a.answer("tiny_complexity", "c_parts") is None


OK_VARIANTS = [
    # (case, path, value, check)
    pytest.param("assessment", ..., lambda a: a.assessment.stage is None, id="no-assessment-block"),
    pytest.param("answers", ..., lambda a: a.answers == {}, id="no-answers"),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": None, "note": "", "evidence": []},
        lambda a: a.answer("tiny_readiness", "r_vision") is None,
        id="blank-answer-dropped",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "", "note": "ask the board"},
        lambda a: a.answer("tiny_readiness", "r_vision").value is None,
        id="note-only-kept-value-none",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "evidence": ["practice_knowledge", "research", "research"]},
        lambda a: (
            a.answer("tiny_readiness", "r_vision").evidence == (EvidenceType.RESEARCH, EvidenceType.PRACTICE_KNOWLEDGE)
        ),
        id="evidence-deduplicated-in-canonical-order",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "note": None, "evidence": None},
        lambda a: a.answer("tiny_readiness", "r_vision").note == "",
        id="null-note-and-evidence",
    ),
]


@pytest.mark.parametrize(("path", "value", "check"), OK_VARIANTS)
def test_document_variants__ok(path: str, value: Any, check: Any) -> None:
    """Should accept optional blocks left out, blank answers and loose-but-valid shapes."""
    assert check(parse_assessment(_with(path, value), TINY, file="a.json"))


BAD_DOCUMENTS = [
    # (path, value, expected codes, expected field of the first problem)
    pytest.param("format", "something-else", [ErrorCode.ASSESSMENT_002], "format", id="wrong-format"),
    pytest.param("format", ..., [ErrorCode.ASSESSMENT_002], "format", id="missing-format"),
    pytest.param("version", 3, [ErrorCode.ASSESSMENT_003], "version", id="wrong-version"),
    pytest.param("version", "1", [ErrorCode.ASSESSMENT_003], "version", id="version-as-text"),
    pytest.param("colour", "blue", [ErrorCode.ASSESSMENT_010], "colour", id="unknown-top-key"),
    pytest.param("innovation", ..., [ErrorCode.ASSESSMENT_008], "innovation", id="missing-innovation"),
    pytest.param("innovation.name", "  ", [ErrorCode.ASSESSMENT_008], "innovation.name", id="blank-name"),
    pytest.param("innovation.name", 42, [ErrorCode.ASSESSMENT_007], "innovation.name", id="name-not-text"),
    pytest.param("innovation.name", "x" * 201, [ErrorCode.ASSESSMENT_013], "innovation.name", id="name-too-long"),
    pytest.param("innovation.owner", "me", [ErrorCode.ASSESSMENT_010], "innovation.owner", id="unknown-innovation-key"),
    pytest.param(
        "assessment.assessed_on", "31/02/2026", [ErrorCode.ASSESSMENT_012], "assessment.assessed_on", id="bad-date"
    ),
    pytest.param("assessment.stage", "launch", [ErrorCode.ASSESSMENT_011], "assessment.stage", id="bad-stage"),
    pytest.param(
        "assessment.assessor_role", "boss", [ErrorCode.ASSESSMENT_011], "assessment.assessor_role", id="bad-role"
    ),
    pytest.param("assessment", [], [ErrorCode.ASSESSMENT_007], "assessment", id="assessment-not-object"),
    pytest.param("answers", [], [ErrorCode.ASSESSMENT_007], "answers", id="answers-not-object"),
    pytest.param("answers.maturity", {}, [ErrorCode.ASSESSMENT_004], "answers.maturity", id="unknown-framework"),
    pytest.param(
        "answers.tiny_readiness", [], [ErrorCode.ASSESSMENT_007], "answers.tiny_readiness", id="framework-not-object"
    ),
    pytest.param(
        "answers.tiny_readiness.r_vison",
        {"value": "addressed"},
        [ErrorCode.ASSESSMENT_005],
        "answers.tiny_readiness.r_vison",
        id="unknown-item",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "excellent"},
        [ErrorCode.ASSESSMENT_006],
        "answers.tiny_readiness.r_vision.value",
        id="unknown-option",
    ),
    pytest.param(
        "answers.tiny_complexity.c_needs",
        {"value": "addressed"},
        [ErrorCode.ASSESSMENT_006],
        "answers.tiny_complexity.c_needs.value",
        id="option-of-another-scale",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": 3},
        [ErrorCode.ASSESSMENT_007],
        "answers.tiny_readiness.r_vision.value",
        id="value-number",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        "addressed",
        [ErrorCode.ASSESSMENT_007],
        "answers.tiny_readiness.r_vision",
        id="answer-not-object",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "score": 3},
        [ErrorCode.ASSESSMENT_010],
        "answers.tiny_readiness.r_vision.score",
        id="unknown-answer-key",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "note": 5},
        [ErrorCode.ASSESSMENT_007],
        "answers.tiny_readiness.r_vision.note",
        id="note-not-text",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "evidence": ["gossip"]},
        [ErrorCode.ASSESSMENT_009],
        "answers.tiny_readiness.r_vision.evidence",
        id="unknown-evidence",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "evidence": "research"},
        [ErrorCode.ASSESSMENT_007],
        "answers.tiny_readiness.r_vision.evidence",
        id="evidence-not-list",
    ),
    pytest.param(
        "answers.tiny_planning.p_end_date",
        {"value": "next spring"},
        [ErrorCode.ASSESSMENT_012],
        "answers.tiny_planning.p_end_date.value",
        id="bad-date-answer",
    ),
    pytest.param(
        "answers.tiny_planning.p_problem",
        {"value": "x" * (MAX_TEXT_LENGTH + 1)},
        [ErrorCode.ASSESSMENT_013],
        "answers.tiny_planning.p_problem.value",
        id="text-too-long",
    ),
    pytest.param(
        "answers.tiny_readiness.r_vision",
        {"value": "addressed", "note": "n" * (MAX_TEXT_LENGTH + 1)},
        [ErrorCode.ASSESSMENT_013],
        "answers.tiny_readiness.r_vision.note",
        id="note-too-long",
    ),
]


@pytest.mark.parametrize(("path", "value", "codes", "field"), BAD_DOCUMENTS)
def test_parse_assessment__error(path: str, value: Any, codes: list[ErrorCode], field: str) -> None:
    """Should report unknown ids, wrong types, bad dates, unknown keys and over-long text by code and field."""
    with pytest.raises(InputError) as exc:
        parse_assessment(_with(path, value), TINY, file="a.json")
    assert exc.value.codes == codes
    first = exc.value.problems[0]
    assert (first.file, first.field) == ("a.json", field)
    assert "a.json" in str(first)


def test_parse_assessment_collects_every_problem__error() -> None:
    """Should report every problem in one go rather than stopping at the first."""
    doc = _with("answers.tiny_readiness.r_vision", {"value": "excellent"})
    doc["answers"]["tiny_readiness"]["nope"] = {"value": "addressed"}
    doc["assessment"]["stage"] = "launch"
    with pytest.raises(InputError) as exc:
        parse_assessment(doc, TINY, file="a.json")
    assert sorted(c.name for c in exc.value.codes) == ["ASSESSMENT_005", "ASSESSMENT_006", "ASSESSMENT_011"]


@pytest.mark.parametrize("data", [[], "text", 3, None], ids=["list", "string", "number", "null"])
def test_parse_assessment_not_object__error(data: Any) -> None:
    """Should refuse a document whose top level is not a JSON object."""
    with pytest.raises(InputError) as exc:
        parse_assessment(data, TINY, file="a.json")
    assert exc.value.codes == [ErrorCode.ASSESSMENT_007]


BAD_BYTES = [
    pytest.param(b'{"format": "scaling-readiness-assessment",', ErrorCode.ASSESSMENT_001, id="truncated-json"),
    pytest.param(b"PK\x03\x04\xff\xfe binary", ErrorCode.ASSESSMENT_001, id="not-utf8"),
    pytest.param(b"", ErrorCode.ASSESSMENT_001, id="empty"),
    pytest.param(b" " * (MAX_JSON_BYTES + 1), ErrorCode.ASSESSMENT_014, id="too-big"),
]


@pytest.mark.parametrize(("content", "code"), BAD_BYTES)
def test_read_assessment_bytes__error(content: bytes, code: ErrorCode) -> None:
    """Should refuse bad JSON, non-UTF-8 bytes and oversized files with a located problem."""
    with pytest.raises(InputError) as exc:
        read_assessment_bytes(content, TINY, file="upload.json")
    assert exc.value.codes == [code]
    assert exc.value.problems[0].file == "upload.json"


def test_read_assessment_bytes_with_bom__ok() -> None:
    """Should accept UTF-8 with a byte-order mark, as some editors save it."""
    content = b"\xef\xbb\xbf" + json.dumps(VALID).encode()
    assert read_assessment_bytes(content, TINY, file="bom.json").innovation.name == "Homeshare pilot"


def test_read_assessment_file_missing__error(tmp_path: Path) -> None:
    """Should report a missing file by name with ASSESSMENT_015."""
    with pytest.raises(InputError) as exc:
        read_assessment_file(tmp_path / "absent.json", TINY)
    assert exc.value.codes == [ErrorCode.ASSESSMENT_015]
    assert exc.value.problems[0].file == "absent.json"


def test_read_assessment_file_too_big__error(tmp_path: Path) -> None:
    """Should refuse a file over the size limit before reading it."""
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(MAX_JSON_BYTES + 1)
    with pytest.raises(InputError) as exc:
        read_assessment_file(path, TINY)
    assert exc.value.codes == [ErrorCode.ASSESSMENT_014]


def test_write_then_read_round_trip__ok(tmp_path: Path) -> None:
    """Should read back exactly the assessment that was written."""
    original = parse_assessment(copy.deepcopy(VALID), TINY, file="a.json")
    path = tmp_path / "out.json"
    write_assessment_file(original, path)
    assert read_assessment_file(path, TINY) == original
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "scaling-readiness-assessment"


@settings(max_examples=40, deadline=None, derandomize=True)
@given(assessment=assessments(TINY))
def test_round_trip_property__ok(assessment: Any) -> None:
    """Should round-trip any valid assessment through its JSON form unchanged."""
    data = json.loads(json.dumps(assessment_to_dict(assessment)))
    assert parse_assessment(data, TINY, file="p.json") == assessment


def test_bundled_frameworks_accept_their_own_options__ok(frameworks: dict[str, Framework]) -> None:
    """Should accept every option id of every bundled choice item (and nothing else)."""
    for fid, fw in frameworks.items():
        for iid, item in fw.items.items():
            if item.type != "choice":
                continue
            for option in fw.options(iid):
                doc = _with("answers", {fid: {iid: {"value": option.id}}})
                assert parse_assessment(doc, frameworks).answer(fid, iid) is not None
            with pytest.raises(InputError) as exc:
                parse_assessment(_with("answers", {fid: {iid: {"value": "not_an_option"}}}), frameworks)
            assert exc.value.codes == [ErrorCode.ASSESSMENT_006]


def test_documented_example_is_valid__ok(frameworks: dict[str, Framework]) -> None:
    """Should accept the example assessment file shown in docs/assessment-format.md."""
    text = (FIXTURES.parent.parent / "docs" / "assessment-format.md").read_text(encoding="utf-8")
    example = re.findall(r"```json\n(.*?)```", text, re.S)[0]
    assessment = parse_assessment(json.loads(example), frameworks, file="docs example")
    assert set(assessment.answers) == {"scie", "nasss", "sips"}


@pytest.mark.parametrize("code", [c for c in ErrorCode if c.name.startswith("ASSESSMENT_")], ids=lambda c: c.name)
def test_every_assessment_error_code_documented__ok(code: ErrorCode) -> None:
    """Should list every ASSESSMENT_ error code in docs/assessment-format.md."""
    text = (FIXTURES.parent.parent / "docs" / "assessment-format.md").read_text(encoding="utf-8")
    assert f"`{code.name}`" in text
