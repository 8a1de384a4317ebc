"""The JSON assessment file: read, validate against the frameworks, write.

Format (version 1), documented in docs/assessment-format.md::

    {"format": "scaling-readiness-assessment", "version": 1,
     "innovation": {"name": ..., "organisation": ..., "description": ...},
     "assessment": {"assessed_on": "YYYY-MM-DD", "stage": ..., "assessor_role": ...,
                    "assessor": ..., "label": ...},
     "answers": {FRAMEWORK_ID: {ITEM_ID: {"value": ..., "note": ..., "evidence": [...]}}}}

Answers and details are checked by ``assessments.validation`` (the one validator), which
collects every problem (unknown ids, wrong types, bad dates, over-long text) rather than
stopping at the first; this module owns only the file's envelope and its JSON encoding.

Reading a file costs little whatever it holds: its size is checked before it is read, its
nesting depth and the length of its texts before it is parsed (:func:`check_json_shape`),
numbers while it is parsed (no number of thousands of digits is ever converted), and
keys given twice, ``NaN`` and ``Infinity`` (which are not JSON) are refused. A text
holding half of a surrogate pair (``"\\ud800"``) is refused where it stands, since it is
not a character and could not be saved or shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from itertools import accumulate
from pathlib import Path
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.models import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    MAX_TEXT_LENGTH,
    Answer,
    Assessment,
    Framework,
)
from assessments.validation import validate_answer, validate_innovation, validate_meta

MAX_JSON_BYTES = 5 * 1024 * 1024
"""Largest assessment JSON file accepted (a full assessment is about 50 KB)."""

MAX_JSON_DEPTH = 20
"""Deepest nesting accepted (an assessment file nests five levels: answers, framework, item, answer, evidence)."""
MAX_JSON_NUMBER_CHARS = 40
"""Longest number accepted, in characters (the only number in an assessment file is its version)."""
MAX_JSON_STRING_CHARS = 6 * MAX_TEXT_LENGTH + 2
"""Longest string token accepted before parsing (the longest text, each character escaped as ``\\uXXXX``)."""
MAX_JSON_VALUES = 100_000
"""Most values (texts, numbers, lists, objects) a file may hold; a full assessment has under 2,000."""
MAX_JSON_PROBLEMS = 100
"""Problems listed for one file; past that a last problem (ASSESSMENT_022) says more were found."""

_TOP_KEYS = ("format", "version", "id", "innovation", "assessment", "answers")
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_QUOTED = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_LONG_NUMBER = re.compile(rf"[-+0-9.eE]{{{MAX_JSON_NUMBER_CHARS + 1},}}")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _JsonRefused(Exception):
    """Raised from the parser's hooks; carries the problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


def check_json_shape(text: str, *, file: str | None = None) -> None:
    """Refuse JSON text that no assessment file could be, before it is parsed.

    Escapes are blanked first (each ``\\x`` pair becomes two plain characters, so offsets hold),
    then every string, leaving the file's skeleton: its commas and colons count the values, its
    brackets give the nesting depth (the highest running count of opening minus closing ones)
    and what is left are the numbers. All of it runs at C speed, so even a file at the size
    limit is checked in a fraction of a second.

    Raises:
        InputError: ASSESSMENT_023 (more than :data:`MAX_JSON_VALUES` values), ASSESSMENT_017
            (nested deeper than :data:`MAX_JSON_DEPTH`), ASSESSMENT_018 (a number longer than
            :data:`MAX_JSON_NUMBER_CHARS`), ASSESSMENT_021 (a string longer than
            :data:`MAX_JSON_STRING_CHARS`).
    """
    plain = _ESCAPE.sub("xx", text)
    skeleton = _QUOTED.sub('""', plain)
    values = skeleton.count(",") + skeleton.count(":")
    if values > MAX_JSON_VALUES:
        raise InputError(
            [problem(ErrorCode.ASSESSMENT_023, file=file, count=f"{values:,}", limit=f"{MAX_JSON_VALUES:,}")]
        )
    brackets = _NOT_BRACKET.sub("", skeleton)
    if len(brackets) > MAX_JSON_DEPTH:
        depth = max(accumulate(map(_DEPTH_STEP.__getitem__, map(ord, brackets))), default=0)
        if depth > MAX_JSON_DEPTH:
            raise InputError([problem(ErrorCode.ASSESSMENT_017, file=file, depth=f"{depth:,}", limit=MAX_JSON_DEPTH)])
    number = _LONG_NUMBER.search(skeleton)
    if number is not None:
        found = number.group(0)
        raise InputError(
            [
                problem(
                    ErrorCode.ASSESSMENT_018,
                    file=file,
                    length=f"{len(found):,}",
                    found=found[:20] + "…",
                    limit=MAX_JSON_NUMBER_CHARS,
                )
            ]
        )
    if len(plain) - len(skeleton) < MAX_JSON_STRING_CHARS:
        return  # the strings together are shorter than the limit for one
    for m in _QUOTED.finditer(plain):
        if m.end() - m.start() - 2 > MAX_JSON_STRING_CHARS:
            line = text.count("\n", 0, m.start()) + 1
            position = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            raise InputError(
                [
                    problem(
                        ErrorCode.ASSESSMENT_021,
                        file=file,
                        line=line,
                        position=position,
                        length=f"{m.end() - m.start() - 2:,}",
                        limit=f"{MAX_TEXT_LENGTH:,}",
                    )
                ]
            )


def _number(file: str | None) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_JSON_NUMBER_CHARS:
            raise _JsonRefused(
                problem(
                    ErrorCode.ASSESSMENT_018,
                    file=file,
                    length=f"{len(text):,}",
                    found=text[:20] + "…",
                    limit=MAX_JSON_NUMBER_CHARS,
                )
            )
        return float(text) if any(c in text for c in ".eE") else int(text)

    return parse


def _constant(file: str | None) -> Any:
    def refuse(name: str) -> Any:
        detail = f"{name} is not a JSON value (write a number, or null)"
        raise _JsonRefused(problem(ErrorCode.ASSESSMENT_001, file=file, detail=detail))

    return refuse


def _object(file: str | None) -> Any:
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
            raise _JsonRefused(problem(ErrorCode.ASSESSMENT_020, file=file, found=twice))
        return obj

    return build


def decode_json(content: bytes, *, file: str | None = None) -> Any:
    """Decode an assessment file's bytes as JSON with the bounds described in the module.

    Raises:
        InputError: ASSESSMENT_001 (not UTF-8, not JSON, NaN or Infinity), ASSESSMENT_017 (too deep),
            ASSESSMENT_018 (a number too long), ASSESSMENT_020 (a key twice), ASSESSMENT_021 (a text too long).
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_001, file=file, detail="the file is not UTF-8 text")]) from exc
    check_json_shape(text, file=file)
    try:
        return json.loads(
            text,
            parse_int=_number(file),
            parse_float=_number(file),
            parse_constant=_constant(file),
            object_pairs_hook=_object(file),
        )
    except _JsonRefused as exc:
        raise InputError([exc.problem]) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            [problem(ErrorCode.ASSESSMENT_001, file=file, detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from exc
    except (RecursionError, ValueError) as exc:  # backstops: the shape check above refuses both first
        raise InputError([problem(ErrorCode.ASSESSMENT_001, file=file, detail=type(exc).__name__)]) from exc


def surrogate_problems(data: Any, *, file: str | None = None, path: str = "", depth: int = 0) -> list[Problem]:
    """ASSESSMENT_019 for every key or text in ``data`` holding a lone surrogate, located by its dotted path."""
    found: list[Problem] = []
    if depth > MAX_JSON_DEPTH:
        return found
    if isinstance(data, str):
        m = _LONE_SURROGATE.search(data)
        if m:
            found.append(problem(ErrorCode.ASSESSMENT_019, file=file, field=path or None, found=m.group(0)))
    elif isinstance(data, dict):
        for key, value in data.items():
            where = f"{path}.{key}" if path else key
            lone = _LONE_SURROGATE.search(key)
            if lone:
                found.append(problem(ErrorCode.ASSESSMENT_019, file=file, field=path or None, found=lone.group(0)))
                continue
            found.extend(surrogate_problems(value, file=file, path=where, depth=depth + 1))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(surrogate_problems(value, file=file, path=f"{path}[{index}]", depth=depth + 1))
    return found[:MAX_JSON_PROBLEMS]


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
    for key in list(data)[:MAX_JSON_PROBLEMS]:
        if key not in _TOP_KEYS:
            problems.append(
                problem(ErrorCode.ASSESSMENT_010, file=file, field=key, found=key, allowed=", ".join(_TOP_KEYS))
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
    if len(problems) >= MAX_JSON_PROBLEMS:
        problems = [
            *problems[:MAX_JSON_PROBLEMS],
            problem(ErrorCode.ASSESSMENT_022, file=file, limit=MAX_JSON_PROBLEMS),
        ]
    if problems or innovation is None or meta is None:
        raise InputError(problems)
    return Assessment(id=ident, innovation=innovation, assessment=meta, answers=answers)


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
