"""Answers given under an earlier framework version (SCIE 2020-r1): read as given, named for checking.

In SCIE 2020-r1 a 0 on an external factor meant "unfavourable, or we do not know"; from 2020-r2 it
means unfavourable only. Old JSON files (format 1, no framework versions), old workbooks and stored
assessments recorded under 2020-r1 must still open, keep every answer as it was, and name the
external factors rated 0 (``VERSION_002``, flag ``EARLIER_VERSION``) until changed or confirmed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.importing import apply_import, plan_import
from assessments.jsonfile import assessment_to_dict, parse_assessment
from assessments.models import Answer, Assessment, FlagCode, Framework, Innovation
from assessments.scoring import score_assessment
from assessments.store import Store
from assessments.upgrades import to_check, version_problems
from assessments.xlsx.layout import META_SHEET
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes

OLD_ANSWERS = {
    "scale_funding": {"value": "not_considered", "note": "", "evidence": []},  # external, 0: to check
    "time_to_embed": {"value": "not_considered", "note": "", "evidence": []},  # external, 0: to check
    "spread_networks": {"value": "recognised", "note": "", "evidence": []},  # external, 1: unchanged meaning
    "coproduction": {"value": "not_considered", "note": "", "evidence": []},  # innovation-level 0: unchanged
}


def _file(version: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "format": "scaling-readiness-assessment",
        "version": version,
        "innovation": {"name": "Old file"},
        "answers": {"scie": OLD_ANSWERS},
        **extra,
    }


def _flag(assessment: Assessment, frameworks: dict[str, Framework]) -> str | None:
    flags = [f for f in score_assessment(assessment, frameworks).framework("scie").flags]
    found = [f.message for f in flags if f.code is FlagCode.EARLIER_VERSION]
    if found:
        assert flags[0].code is FlagCode.EARLIER_VERSION  # the framework's first flag
    return found[0] if found else None


# --- JSON files -----------------------------------------------------------------------------------


def test_format_1_file_is_read_as_2020_r1__ok(frameworks: dict[str, Framework]) -> None:
    """Should read a file without framework versions as SCIE 2020-r1, keep every answer, and name the two
    external factors rated 0 (not the external 1, nor the innovation-level 0)."""
    assessment = parse_assessment(_file(), frameworks, file="old.json")
    assert assessment.framework_versions == {"scie": "2020-r1"}
    assert assessment.answer("scie", "scale_funding") == Answer(value="not_considered")  # never reinterpreted
    assert to_check(frameworks["scie"], "2020-r1", assessment.answers["scie"]) == ["scale_funding", "time_to_embed"]
    message = _flag(assessment, frameworks)
    assert message is not None
    assert "version 2020-r1" in message and "2020-r2" in message
    assert "2 answers rated '0 – Not yet considered' under the old wording: Funding for scale; Time to embed" in message
    assert "Co-production" not in message and "Networks" not in message
    section = score_assessment(assessment, frameworks).framework("scie").section("external")
    assert section.score == pytest.approx(11.1)  # 0, 0 and 1 of 3: scored as given


def test_format_1_file_without_external_zeros_needs_no_check__ok(frameworks: dict[str, Framework]) -> None:
    """Should take an old file with nothing whose meaning changed as the current version: no message."""
    data = _file()
    data["answers"]["scie"] = {k: v for k, v in OLD_ANSWERS.items() if k in ("spread_networks", "coproduction")}
    assessment = parse_assessment(data, frameworks)
    assert assessment.framework_versions == {}
    assert _flag(assessment, frameworks) is None


def test_format_2_file_names_its_versions__ok(frameworks: dict[str, Framework]) -> None:
    """Should read versions from a format-2 file: 2020-r1 named for checking, the current one not."""
    old = parse_assessment(_file(2, framework_versions={"scie": "2020-r1"}), frameworks)
    assert old.framework_versions == {"scie": "2020-r1"} and _flag(old, frameworks) is not None
    new = parse_assessment(_file(2, framework_versions={"scie": "2020-r2", "nasss": "2017-r1"}), frameworks)
    assert new.framework_versions == {} and _flag(new, frameworks) is None


@pytest.mark.parametrize(
    ("data", "code", "field"),
    [
        (_file(2, framework_versions={"scie": "2019-r9"}), ErrorCode.VERSION_001, "framework_versions.scie"),
        (_file(2, framework_versions={"care": "1"}), ErrorCode.ASSESSMENT_004, "framework_versions.care"),
        (_file(2, framework_versions=["scie"]), ErrorCode.ASSESSMENT_007, "framework_versions"),
        (_file(2), ErrorCode.ASSESSMENT_008, "framework_versions"),
        (_file(1, framework_versions={"scie": "2020-r2"}), ErrorCode.ASSESSMENT_010, "framework_versions"),
        (_file(3), ErrorCode.ASSESSMENT_003, "version"),
    ],
    ids=["unknown-version", "unknown-framework", "not-an-object", "missing-in-format-2", "in-format-1", "format-3"],
)
def test_bad_framework_versions__fails(
    frameworks: dict[str, Framework], data: dict[str, Any], code: ErrorCode, field: str
) -> None:
    """Should refuse a version nobody described, and a malformed or misplaced framework_versions."""
    with pytest.raises(InputError) as info:
        parse_assessment(data, frameworks, file="f.json")
    assert info.value.codes == [code]
    assert info.value.problems[0].field == field


def test_written_file_records_versions_and_round_trips__ok(frameworks: dict[str, Framework]) -> None:
    """Should write format 2 with every framework's version (the earlier one kept), and read it back the same."""
    old = parse_assessment(_file(), frameworks)
    data = json.loads(json.dumps(assessment_to_dict(old, frameworks)))
    assert data["version"] == 2
    assert data["framework_versions"] == {"scie": "2020-r1", "nasss": "2017-r1", "sips": "2015-r1"}
    assert parse_assessment(data, frameworks) == old


# --- workbooks ----------------------------------------------------------------------------------------


def _old_workbook(frameworks: dict[str, Framework]) -> bytes:
    """A workbook as the app made it under SCIE 2020-r1: that version in _meta, that version's labels."""
    assessment = Assessment(
        innovation=Innovation(name="Old workbook"),
        answers={"scie": {k: Answer(**v) for k, v in OLD_ANSWERS.items()}},
        framework_versions={"scie": "2020-r1"},
    )
    return workbook_bytes(frameworks, assessment)


def test_export_keeps_the_earlier_version_and_its_labels__ok(frameworks: dict[str, Framework]) -> None:
    """Should export answers still to check as 2020-r1 showed them, so a round trip keeps them named."""
    wb = load_workbook(BytesIO(_old_workbook(frameworks)))
    meta = {row[1]: row[2] for row in wb[META_SHEET].iter_rows(min_row=2, values_only=True) if row[0] == "framework"}
    assert meta["scie"] == "2020-r1" and meta["nasss"] == "2017-r1"
    answers = [str(c.value) for row in wb.worksheets[2].iter_rows() for c in row if c.value]
    assert "0 – Not yet considered" in answers and "0 – Unfavourable" not in answers


def test_old_workbook_reads_with_a_message__ok(frameworks: dict[str, Framework]) -> None:
    """Should read a 2020-r1 workbook (not WORKBOOK_010), keep its answers, and name the external zeros."""
    assessment = read_workbook(_old_workbook(frameworks), frameworks, file="old.xlsx")
    assert assessment.framework_versions == {"scie": "2020-r1"}
    assert {k: a.value for k, a in assessment.answers["scie"].items()} == {
        k: v["value"] for k, v in OLD_ANSWERS.items()
    }
    [warning] = version_problems(frameworks, assessment.framework_versions, assessment.answers, file="old.xlsx")
    assert warning.code is ErrorCode.VERSION_002
    assert "Funding for scale; Time to embed" in warning.message and "Don't know" in warning.message


def test_unknown_workbook_version_still_refused__fails(frameworks: dict[str, Framework]) -> None:
    """Should still refuse a version the framework does not list (WORKBOOK_010)."""
    wb = load_workbook(BytesIO(_old_workbook(frameworks)))
    for row in wb[META_SHEET].iter_rows(min_row=2):
        if row[1].value == "scie":
            row[2].value = "2018-r0"
    out = BytesIO()
    wb.save(out)
    with pytest.raises(InputError) as info:
        read_workbook(out.getvalue(), frameworks, file="older.xlsx")
    assert info.value.codes == [ErrorCode.WORKBOOK_010]


# --- the store, the import plan, and confirming --------------------------------------------------------


@pytest.fixture(name="store")
def _store(database_url: str) -> Iterator[Store]:
    store = Store(database_url, frameworks=bundled_frameworks())
    yield store
    store.close()


def test_import_plan_warns_and_store_keeps_the_version__ok(store: Store, frameworks: dict[str, Framework]) -> None:
    """Should warn on import, save the earlier version with the answers, open it with the flag, carry it
    to a follow-up, and clear it (with an audit row) once the person confirms."""
    assessment = read_workbook(_old_workbook(frameworks), frameworks, file="old.xlsx")
    plan = plan_import(store, assessment)
    assert [w.code for w in plan.warnings] == [ErrorCode.VERSION_002]
    aid = apply_import(store, plan)
    saved = store.get_assessment(aid)
    assert saved.framework_versions == {"scie": "2020-r1"}
    assert _flag(saved, frameworks) is not None

    follow_up = store.start_follow_up(aid)
    assert store.get_assessment(follow_up).framework_versions == {"scie": "2020-r1"}

    store.confirm_framework_version(aid, "scie")
    confirmed = store.get_assessment(aid)
    assert confirmed.framework_versions == {}
    assert confirmed.answers == saved.answers  # nothing reinterpreted: the person confirmed them
    assert _flag(confirmed, frameworks) is None
    entry = [e for e in store.audit_log(aid) if e.field == "framework_version"]
    assert [(e.framework_id, e.old, e.new) for e in entry] == [("scie", "2020-r1", "2020-r2")]
    store.confirm_framework_version(aid, "scie")  # already current: nothing more recorded
    assert len([e for e in store.audit_log(aid) if e.field == "framework_version"]) == 1


def test_changing_the_answer_clears_its_name__ok(store: Store, frameworks: dict[str, Framework]) -> None:
    """Should stop naming an external factor once its answer is changed (here to "don't know")."""
    aid = apply_import(store, plan_import(store, parse_assessment(_file(), frameworks)))
    store.save_answer(aid, "scie", "scale_funding", Answer(value="dont_know"))
    message = _flag(store.get_assessment(aid), frameworks)
    assert message is not None and "Time to embed" in message and "Funding for scale" not in message
    store.save_answer(aid, "scie", "time_to_embed", Answer(value="recognised"))
    assert _flag(store.get_assessment(aid), frameworks) is None
