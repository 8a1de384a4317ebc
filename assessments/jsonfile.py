"""The JSON assessment file: read, validate against the frameworks, write.

Format (version 2; version 1 is still read), documented in docs/assessment-format.md::

    {"format": "scaling-readiness-assessment", "version": 2,
     "innovation": {"name": ..., "organisation": ..., "description": ...},
     "assessment": {"assessed_on": "YYYY-MM-DD", "stage": ..., "assessor_role": ...,
                    "assessor": ..., "label": ...},
     "answers": {FRAMEWORK_ID: {ITEM_ID: {"value": ..., "note": ..., "evidence": [...]}}},
     "framework_versions": {FRAMEWORK_ID: VERSION}}

A version 1 file has no ``framework_versions``: it was written before files recorded them, so under
each framework's oldest readable version (``Framework.unrecorded_version``); answers whose meaning has
changed since are named for checking, never reinterpreted (:mod:`assessments.upgrades`).

Answers and details are checked by ``assessments.validation`` (the one validator), which
collects every problem (unknown ids, wrong types, bad dates, over-long text) rather than
stopping at the first; this module owns only the file's envelope and its JSON encoding.

Reading a file costs little whatever it holds: its size is checked before it is read, its
nesting depth and the length of its texts before it is parsed (:mod:`assessments.jsondecode`),
numbers while it is parsed (no number of thousands of digits is ever converted), and
keys given twice, ``NaN`` and ``Infinity`` (which are not JSON) are refused. A text
holding half of a surrogate pair (``"\\ud800"``) is refused where it stands, since it is
not a character and could not be saved or shown.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.jsondecode import MAX_JSON_PROBLEMS, decode_json, surrogate_problems
from assessments.models import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    READABLE_FORMAT_VERSIONS,
    Answer,
    Assessment,
    Framework,
)
from assessments.upgrades import settled_versions
from assessments.validation import validate_answer, validate_innovation, validate_meta

MAX_JSON_MB = 5
"""Largest assessment JSON file accepted, in MB (a full assessment is about 50 KB); the Compare page states it."""
MAX_JSON_BYTES = MAX_JSON_MB * 1024 * 1024
"""The same limit in bytes, as the reader checks it."""

_TOP_KEYS = ("format", "version", "id", "innovation", "assessment", "answers", "framework_versions")


def parse_assessment(data: Any, frameworks: Mapping[str, Framework], *, file: str | None = None) -> Assessment:
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
    if isinstance(version, bool) or version not in READABLE_FORMAT_VERSIONS:
        raise InputError(
            [
                problem(
                    ErrorCode.ASSESSMENT_003,
                    file=file,
                    field="version",
                    found=json.dumps(version),
                    expected=" or ".join(str(v) for v in READABLE_FORMAT_VERSIONS),
                )
            ]
        )
    allowed = _TOP_KEYS if version != 1 else _TOP_KEYS[:-1]  # framework_versions came with version 2
    for key in list(data)[:MAX_JSON_PROBLEMS]:
        if key not in allowed:
            problems.append(
                problem(ErrorCode.ASSESSMENT_010, file=file, field=key, found=key, allowed=", ".join(allowed))
            )
    ident = data.get("id")
    if ident is not None and not isinstance(ident, str):
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field="id", detail="'id' must be text"))
        ident = None

    innovation = validate_innovation(data.get("innovation"), problems, file=file)
    meta = validate_meta(data.get("assessment", {}), problems, file=file)

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
        if len(problems) >= MAX_JSON_PROBLEMS:
            break
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
            if len(problems) >= MAX_JSON_PROBLEMS:
                break
            if iid not in fw.items:
                problems.append(
                    problem(ErrorCode.ASSESSMENT_005, file=file, field=f"answers.{fid}.{iid}", found=iid, framework=fid)
                )
                continue
            ans, probs = validate_answer(fw, iid, raw, file=file, field=f"answers.{fid}.{iid}")
            problems.extend(probs)
            if ans is not None and not ans.is_blank:
                parsed[iid] = ans
        answers[fid] = parsed
    versions = _framework_versions(data, frameworks, answers, problems, file)
    if len(problems) >= MAX_JSON_PROBLEMS:
        problems = [
            *problems[:MAX_JSON_PROBLEMS],
            problem(ErrorCode.ASSESSMENT_022, file=file, limit=MAX_JSON_PROBLEMS),
        ]
    if problems or innovation is None or meta is None:
        raise InputError(problems)
    return Assessment(
        id=ident,
        innovation=innovation,
        assessment=meta,
        answers=answers,
        framework_versions=settled_versions(frameworks, versions, answers),
    )


def _framework_versions(
    data: dict[str, Any],
    frameworks: Mapping[str, Framework],
    answers: Mapping[str, Any],
    problems: list[Problem],
    file: str | None,
) -> dict[str, str]:
    """The version each framework's answers were given under (format version 1: the oldest, see the module note)."""
    if data.get("version") == 1:
        return {fid: frameworks[fid].unrecorded_version for fid in answers if fid in frameworks}
    raw = data.get("framework_versions")
    if raw is None:
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_008,
                file=file,
                field="framework_versions",
                detail="'framework_versions' (the framework versions the answers were given under)",
                fix="Export the assessment from the app again; it writes this entry.",
            )
        )
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        detail = "'framework_versions' must be an object of framework id to version text"
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field="framework_versions", detail=detail))
        return {}
    versions: dict[str, str] = {}
    for fid, version in raw.items():
        where = f"framework_versions.{fid}"
        fw = frameworks.get(fid)
        if fw is None:
            problems.append(
                problem(ErrorCode.ASSESSMENT_004, file=file, field=where, found=fid, allowed=", ".join(frameworks))
            )
        elif version != fw.version and fw.earlier(version) is None:
            earlier = ", ".join(e.version for e in fw.earlier_versions) or "none"
            problems.append(
                problem(
                    ErrorCode.VERSION_001,
                    file=file,
                    field=where,
                    framework=fid,
                    found=version,
                    expected=fw.version,
                    allowed=earlier,
                )
            )
        else:
            versions[fid] = version
    return versions


def read_assessment_bytes(content: bytes, frameworks: Mapping[str, Framework], *, file: str) -> Assessment:
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
    data = decode_json(content, file=file)
    lone = surrogate_problems(data, file=file)
    if lone:
        raise InputError(lone)
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


def read_assessment_file(path: Path, frameworks: Mapping[str, Framework]) -> Assessment:
    """Read and validate an assessment JSON file.

    Raises:
        InputError: ASSESSMENT_014 (too big), ASSESSMENT_015 if unreadable, else as :func:`read_assessment_bytes`.
    """
    content = read_limited(path, MAX_JSON_BYTES, ErrorCode.ASSESSMENT_014)
    return read_assessment_bytes(content, frameworks, file=path.name)


def assessment_to_dict(assessment: Assessment, frameworks: Mapping[str, Framework] | None = None) -> dict[str, Any]:
    """The documented JSON form of an assessment (blank answers dropped).

    Always the current format version. With ``frameworks``, ``framework_versions`` records the
    version of every one of them (the answers' own where they were given under an earlier one);
    without, only the earlier ones, which a reader takes to mean every other framework is current.
    """
    data = assessment.model_dump(mode="json", exclude_none=False)
    data["version"] = ASSESSMENT_FORMAT_VERSION
    if frameworks is not None:
        data["framework_versions"] = {
            fid: assessment.framework_versions.get(fid, fw.version) for fid, fw in frameworks.items()
        }
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


def write_assessment_file(
    assessment: Assessment, path: Path, frameworks: Mapping[str, Framework] | None = None
) -> None:
    """Write an assessment as pretty, UTF-8 JSON (see :func:`assessment_to_dict` for ``frameworks``)."""
    text = json.dumps(assessment_to_dict(assessment, frameworks), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
