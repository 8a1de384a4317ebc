"""Decoding an assessment file's JSON with a bounded cost, before anything is validated.

Reading a file costs little whatever it holds: its nesting depth, the number of its
values and the length of its numbers and texts are checked before it is parsed
(:func:`check_json_shape`, at C speed), numbers again while it is parsed (no number of
thousands of digits is ever converted), and keys given twice, ``NaN`` and ``Infinity``
(which are not JSON) are refused. :func:`surrogate_problems` finds texts holding half of
a surrogate pair (``"\\ud800"``), which are not characters and could not be saved or shown.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.models import MAX_TEXT_LENGTH

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
