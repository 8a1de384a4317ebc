"""The JSON assessment file: read, validate against the frameworks, write.

Format (version 1), documented in docs/assessment-format.md::

    {"format": "scaling-readiness-assessment", "version": 1,
     "innovation": {"name": ..., "organisation": ..., "description": ...},
     "assessment": {"assessed_on": "YYYY-MM-DD", "stage": ..., "assessor_role": ...,
                    "assessor": ..., "label": ...},
     "answers": {FRAMEWORK_ID: {ITEM_ID: {"value": ..., "note": ..., "evidence": [...]}}}}

Validation collects every problem (unknown framework, item or option ids,
wrong types, bad dates, over-long text) rather than stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.models import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
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

MAX_JSON_BYTES = 5 * 1024 * 1024
"""Largest assessment JSON file accepted (a full assessment is about 50 KB)."""

_TOP_KEYS = ("format", "version", "id", "innovation", "assessment", "answers")
_INNOVATION_KEYS = ("name", "organisation", "description")
_META_KEYS = ("assessed_on", "stage", "assessor_role", "assessor", "label")
_ANSWER_KEYS = ("value", "note", "evidence")


_EVIDENCE_BY_ID: dict[str, EvidenceType] = {e.value: e for e in EvidenceType}
_EVIDENCE_ORDER: dict[EvidenceType, int] = {e: i for i, e in enumerate(EvidenceType)}
_ANSWER_KEY_SET = frozenset(_ANSWER_KEYS)
_SHARED_ANSWERS: dict[tuple[str | None, tuple[EvidenceType, ...]], Answer] = {}
"""Note-less answers that pick an option (or give only evidence), by (option id, evidence).

Answers are immutable and there are few of these (option ids x evidence sets), so
a bulk read of many files shares one object per distinct answer."""


def _fast_answer(framework: Framework, item_id: str, raw: Any) -> Answer | None:
    """The answer when ``raw`` is plainly well formed, else None (then the full checks run).

    Most answers in real files are well formed; checking that in one pass keeps
    bulk imports and comparisons fast. Anything unusual falls through to the
    detailed checks, which produce the located problems.
    """
    if type(raw) is not dict or not raw.keys() <= _ANSWER_KEY_SET:
        return None
    value = raw.get("value")
    note = raw.get("note") or ""
    evidence = raw.get("evidence") or []
    if type(note) is not str or len(note) > MAX_TEXT_LENGTH or type(evidence) is not list:
        return None
    item_type = None
    if value is not None:
        if type(value) is not str:
            return None
        item_type = framework.item(item_id).type
        if item_type == "choice":
            if value not in framework.option_ids(item_id):
                return None
        elif item_type == "text":
            if len(value) > MAX_TEXT_LENGTH:
                return None
        else:
            return None  # dates take the full check
    if evidence:
        found = [_EVIDENCE_BY_ID.get(e) if type(e) is str else None for e in evidence]
        if None in found:
            return None
        ev = tuple(sorted(set(found), key=_EVIDENCE_ORDER.__getitem__))  # type: ignore[arg-type]  # None excluded above
    else:
        ev = ()
    if note or item_type == "text":
        return Answer(value=value or None, note=note, evidence=ev)
    key = (value, ev)
    shared = _SHARED_ANSWERS.get(key)
    if shared is None:
        shared = _SHARED_ANSWERS[key] = Answer(value=value, evidence=ev)
    return shared


def validate_answer(
    framework: Framework, item_id: str, raw: Any, *, file: str | None = None, field: str = ""
) -> tuple[Answer | None, list[Problem]]:
    """Check one raw answer against its item.

    Args:
        framework: The framework the item belongs to (item must exist).
        item_id: The item id.
        raw: The raw answer: a mapping with value/note/evidence.
        file: File name for problem locations.
        field: Dotted path of the answer for problem locations.

    Returns:
        The parsed answer (None if it had problems) and the problems found.
    """
    fast = _fast_answer(framework, item_id, raw)
    if fast is not None:
        return fast, []
    return _checked_answer(framework, item_id, raw, file=file, field=field)


def _checked_answer(
    framework: Framework, item_id: str, raw: Any, *, file: str | None, field: str
) -> tuple[Answer | None, list[Problem]]:
    """The detailed checks of :func:`validate_answer`, locating every problem."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return None, [
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field=field,
                detail="an answer must be an object with 'value', 'note' and 'evidence'",
            )
        ]
    for key in raw:
        if key not in _ANSWER_KEYS:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_010,
                    file=file,
                    field=f"{field}.{key}",
                    found=key,
                    allowed=", ".join(_ANSWER_KEYS),
                )
            )
    item_type = framework.item(item_id).type
    option_ids = framework.option_ids(item_id)
    value = raw.get("value")
    if value is not None and not isinstance(value, str):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field=f"{field}.value",
                detail=f"'value' must be text or null, not {type(value).__name__}",
            )
        )
        value = None
    if isinstance(value, str):
        if item_type == "choice" and value != "":
            if value not in option_ids:
                allowed = [o.id for o in framework.options(item_id)]
                problems.append(
                    problem(
                        ErrorCode.ASSESSMENT_006,
                        file=file,
                        field=f"{field}.value",
                        found=value,
                        allowed=", ".join(allowed),
                    )
                )
        elif item_type == "date" and value != "":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                problems.append(problem(ErrorCode.ASSESSMENT_012, file=file, field=f"{field}.value", found=value))
        elif item_type == "text" and len(value) > MAX_TEXT_LENGTH:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_013,
                    file=file,
                    field=f"{field}.value",
                    length=len(value),
                    limit=MAX_TEXT_LENGTH,
                )
            )
    note = raw.get("note", "")
    if note is None:
        note = ""
    if not isinstance(note, str):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field=f"{field}.note",
                detail=f"'note' must be text, not {type(note).__name__}",
            )
        )
        note = ""
    elif len(note) > MAX_TEXT_LENGTH:
        problems.append(
            problem(ErrorCode.ASSESSMENT_013, file=file, field=f"{field}.note", length=len(note), limit=MAX_TEXT_LENGTH)
        )
    evidence_raw = raw.get("evidence", [])
    if evidence_raw is None:
        evidence_raw = []
    evidence: list[EvidenceType] = []
    if not isinstance(evidence_raw, list):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field=f"{field}.evidence",
                detail="'evidence' must be a list of evidence type ids",
            )
        )
    else:
        allowed_ev = ", ".join(_EVIDENCE_BY_ID)
        for ev in evidence_raw:
            et = _EVIDENCE_BY_ID.get(ev) if isinstance(ev, str) else None
            if et is None:
                problems.append(
                    problem(
                        ErrorCode.ASSESSMENT_009, file=file, field=f"{field}.evidence", found=ev, allowed=allowed_ev
                    )
                )
                continue
            if et not in evidence:
                evidence.append(et)
    if problems:
        return None, problems
    return Answer(
        value=value if value != "" else None,
        note=note,
        evidence=tuple(sorted(evidence, key=_EVIDENCE_ORDER.__getitem__)),
    ), []


def parse_assessment(data: Any, frameworks: dict[str, Framework], *, file: str | None = None) -> Assessment:
    """Validate a decoded assessment document.

    Args:
        data: The decoded JSON.
        frameworks: Known frameworks by id.
        file: File name for problem locations.

    Returns:
        The validated assessment.

    Raises:
        InputError: listing every problem found.
    """
    if not isinstance(data, dict):
        raise InputError(
            [problem(ErrorCode.ASSESSMENT_007, file=file, detail="the file must hold a JSON object at top level")]
        )
    problems: list[Problem] = []
    fmt = data.get("format")
    if fmt != ASSESSMENT_FORMAT:
        raise InputError([problem(ErrorCode.ASSESSMENT_002, file=file, field="format", found=json.dumps(fmt))])
    version = data.get("version")
    if version != ASSESSMENT_FORMAT_VERSION:
        raise InputError(
            [
                problem(
                    ErrorCode.ASSESSMENT_003,
                    file=file,
                    field="version",
                    found=json.dumps(version),
                    expected=ASSESSMENT_FORMAT_VERSION,
                )
            ]
        )
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(
                problem(ErrorCode.ASSESSMENT_010, file=file, field=key, found=key, allowed=", ".join(_TOP_KEYS))
            )
    ident = data.get("id")
    if ident is not None and not isinstance(ident, str):
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field="id", detail="'id' must be text"))
        ident = None

    innovation = _parse_innovation(data.get("innovation"), file, problems)
    meta = _parse_meta(data.get("assessment", {}), file, problems)

    answers: dict[str, dict[str, Answer]] = {}
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, dict):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field="answers",
                detail="'answers' must be an object keyed by framework id",
            )
        )
        raw_answers = {}
    for fid, items in raw_answers.items():
        if fid not in frameworks:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_004,
                    file=file,
                    field=f"answers.{fid}",
                    found=fid,
                    allowed=", ".join(frameworks),
                )
            )
            continue
        fw = frameworks[fid]
        if not isinstance(items, dict):
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_007,
                    file=file,
                    field=f"answers.{fid}",
                    detail="answers for a framework must be an object keyed by item id",
                )
            )
            continue
        parsed: dict[str, Answer] = {}
        for iid, raw in items.items():
            if iid not in fw.items:
                problems.append(
                    problem(ErrorCode.ASSESSMENT_005, file=file, field=f"answers.{fid}.{iid}", found=iid, framework=fid)
                )
                continue
            ans = _fast_answer(fw, iid, raw)  # the common, well-formed case: no problem list needed
            if ans is None:
                ans, probs = _checked_answer(fw, iid, raw, file=file, field=f"answers.{fid}.{iid}")
                problems.extend(probs)
            if ans is not None and not ans.is_blank:
                parsed[iid] = ans
        answers[fid] = parsed
    if problems or innovation is None or meta is None:
        raise InputError(problems)
    return Assessment(id=ident, innovation=innovation, assessment=meta, answers=answers)


def _text_field(
    raw: dict[str, Any], key: str, path: str, file: str | None, problems: list[Problem], *, limit: int
) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_007,
                file=file,
                field=path,
                detail=f"'{key}' must be text, not {type(value).__name__}",
            )
        )
        return ""
    if len(value) > limit:
        problems.append(problem(ErrorCode.ASSESSMENT_013, file=file, field=path, length=len(value), limit=limit))
        return ""
    return value


def _parse_innovation(raw: Any, file: str | None, problems: list[Problem]) -> Innovation | None:
    if not isinstance(raw, dict):
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_008, file=file, field="innovation", detail="'innovation' with at least a 'name'"
            )
        )
        return None
    for key in raw:
        if key not in _INNOVATION_KEYS:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_010,
                    file=file,
                    field=f"innovation.{key}",
                    found=key,
                    allowed=", ".join(_INNOVATION_KEYS),
                )
            )
    before = len(problems)
    name = _text_field(raw, "name", "innovation.name", file, problems, limit=200).strip()
    org = _text_field(raw, "organisation", "innovation.organisation", file, problems, limit=200)
    desc = _text_field(raw, "description", "innovation.description", file, problems, limit=MAX_TEXT_LENGTH)
    if not name and len(problems) == before:
        problems.append(
            problem(ErrorCode.ASSESSMENT_008, file=file, field="innovation.name", detail="the innovation's name")
        )
    if len(problems) != before:
        return None
    return Innovation(name=name, organisation=org, description=desc)


def _parse_meta(raw: Any, file: str | None, problems: list[Problem]) -> AssessmentMeta | None:
    if raw is None:
        return AssessmentMeta()
    if not isinstance(raw, dict):
        problems.append(
            problem(ErrorCode.ASSESSMENT_007, file=file, field="assessment", detail="'assessment' must be an object")
        )
        return None
    before = len(problems)
    for key in raw:
        if key not in _META_KEYS:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_010,
                    file=file,
                    field=f"assessment.{key}",
                    found=key,
                    allowed=", ".join(_META_KEYS),
                )
            )
    assessed_on: dt.date | None = None
    raw_date = raw.get("assessed_on")
    if raw_date not in (None, ""):
        try:
            assessed_on = dt.date.fromisoformat(str(raw_date))
        except ValueError:
            problems.append(
                problem(ErrorCode.ASSESSMENT_012, file=file, field="assessment.assessed_on", found=raw_date)
            )
    stage = _enum_field(raw, "stage", Stage, file, problems)
    role = _enum_field(raw, "assessor_role", AssessorRole, file, problems)
    assessor = _text_field(raw, "assessor", "assessment.assessor", file, problems, limit=200)
    label = _text_field(raw, "label", "assessment.label", file, problems, limit=200)
    if len(problems) != before:
        return None
    return AssessmentMeta(assessed_on=assessed_on, stage=stage, assessor_role=role, assessor=assessor, label=label)


def _enum_field(
    raw: dict[str, Any], key: str, enum: type[Stage] | type[AssessorRole], file: str | None, problems: list[Problem]
) -> Any:
    value = raw.get(key)
    if value in (None, ""):
        return None
    try:
        return enum(value)
    except ValueError:
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_011,
                file=file,
                field=f"assessment.{key}",
                found=value,
                allowed=", ".join(e.value for e in enum),
            )
        )
        return None


def read_assessment_bytes(content: bytes, frameworks: dict[str, Framework], *, file: str) -> Assessment:
    """Parse an assessment JSON file's bytes (size-checked, UTF-8).

    Raises:
        InputError: ASSESSMENT_014 (too big), ASSESSMENT_001 (not JSON) or any validation problem.
    """
    if len(content) > MAX_JSON_BYTES:
        raise InputError(
            [
                problem(
                    ErrorCode.ASSESSMENT_014, file=file, size=human_size(len(content)), limit=human_size(MAX_JSON_BYTES)
                )
            ]
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_001, file=file, detail="the file is not UTF-8 text")]) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            [problem(ErrorCode.ASSESSMENT_001, file=file, detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from exc
    return parse_assessment(data, frameworks, file=file)


def read_limited(path: Path, limit: int, too_big: ErrorCode) -> bytes:
    """Read a file's bytes, refusing it before reading when it is over ``limit``.

    Args:
        path: The file.
        limit: Largest size accepted, in bytes.
        too_big: Catalogue code for an oversized file (its template takes ``size`` and ``limit``).

    Raises:
        InputError: ``too_big``, or ASSESSMENT_015 if the file cannot be read.
    """
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError([problem(too_big, file=path.name, size=human_size(size), limit=human_size(limit))])
        return path.read_bytes()
    except OSError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_015, file=path.name, detail=exc.strerror or str(exc))]) from exc


def read_assessment_file(path: Path, frameworks: dict[str, Framework]) -> Assessment:
    """Read and validate an assessment JSON file.

    Raises:
        InputError: ASSESSMENT_014 (too big), ASSESSMENT_015 if unreadable, else as :func:`read_assessment_bytes`.
    """
    content = read_limited(path, MAX_JSON_BYTES, ErrorCode.ASSESSMENT_014)
    return read_assessment_bytes(content, frameworks, file=path.name)


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The documented JSON form of an assessment (blank answers dropped)."""
    data = assessment.model_dump(mode="json", exclude_none=False)
    if data.get("id") is None:
        data.pop("id", None)
    data["answers"] = {
        fid: {
            iid: {"value": a.value, "note": a.note, "evidence": [e.value for e in a.evidence]}
            for iid, a in items.items()
            if not a.is_blank
        }
        for fid, items in assessment.answers.items()
    }
    return data


def write_assessment_file(assessment: Assessment, path: Path) -> None:
    """Write an assessment as pretty, UTF-8 JSON."""
    path.write_text(json.dumps(assessment_to_dict(assessment), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
