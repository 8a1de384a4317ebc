"""Fuzzing the readers of people's files: a catalogue error or a valid result, never another exception.

Hypothesis draws JSON documents (random and mutated valid ones), workbooks (a valid
export with random values in random cells, and with random bytes changed) and
weights files (random YAML), and each reader must either return its result or raise
:class:`~assessments.errors.InputError` whose every problem has a code and a message
that can be encoded. How long reads take is measured by ``bench.hostile``, not here.
"""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from assessments.catalogue import bundled_frameworks
from assessments.compare.weights import parse_weights_yaml, weight_keys
from assessments.errors import InputError
from assessments.jsonfile import assessment_to_dict, read_assessment_bytes
from assessments.xlsx.layout import sheet_names
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import build_workbook
from tests.bad_files.make_bad_files import base_assessment

FRAMEWORKS = dict(bundled_frameworks())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORKBOOK_FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_text = st.text(st.characters(codec="utf-8") | st.sampled_from("\ud800\udfff\x00\x1b\u202e_x000D_"), max_size=30)
_scalars = st.none() | st.booleans() | st.integers() | st.floats() | _text
_json_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4), max_leaves=30
)


def _checked(read: Any) -> None:
    """Run a read: a result, or an InputError of located, encodable problems; anything else fails the test."""
    try:
        result = read()
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.code.name
            str(p).encode("utf-8")
        return
    assert result is not None


def _valid_document() -> dict[str, Any]:
    return assessment_to_dict(base_assessment())


@FUZZ
@given(_json_values)
def test_json_reader_any_value__ok(value: Any) -> None:
    """Should give a catalogue error for any JSON value, at the top or in any field."""
    content = json.dumps(value).encode("utf-8")
    _checked(lambda: read_assessment_bytes(content, FRAMEWORKS, file="fuzz.json"))


@FUZZ
@given(st.sampled_from(["innovation", "assessment", "answers", "version", "format", "id"]), _json_values)
def test_json_reader_field_replaced__ok(key: str, value: Any) -> None:
    """Should read or refuse a valid document with one top-level field replaced by anything."""
    data = _valid_document()
    data[key] = value
    content = json.dumps(data).encode("utf-8")
    _checked(lambda: read_assessment_bytes(content, FRAMEWORKS, file="fuzz.json"))


@FUZZ
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=2000))
def test_json_reader_bytes_spliced__ok(noise: bytes, at: int) -> None:
    """Should give a catalogue error when random bytes are spliced into a valid file."""
    content = json.dumps(_valid_document()).encode("utf-8")
    at = at % (len(content) + 1)
    spliced = content[:at] + noise + content[at:]
    _checked(lambda: read_assessment_bytes(spliced, FRAMEWORKS, file="fuzz.json"))


_cell_values = (
    st.none()
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
    | st.sampled_from(["=1+1", "_x000D_", "_x005F_x0041_", "'quoted", "31/02/2026", "2026-03-31", "Don't know"])
)


@WORKBOOK_FUZZ
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Innovation", "scie", "nasss", "sips", "_meta"]),
            st.integers(min_value=1, max_value=60),
            st.integers(min_value=1, max_value=12),
            _cell_values,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_workbook_reader_cells_changed__ok(edits: list[tuple[str, int, int, Any]]) -> None:
    """Should read or refuse a valid export with random values written into random cells."""
    wb = build_workbook(FRAMEWORKS, base_assessment())
    names = sheet_names(FRAMEWORKS)
    for sheet, row, column, value in edits:
        ws = wb[names.get(sheet, sheet)]
        try:
            ws.cell(row=row, column=column).value = value
        except (IllegalCharacterError, ValueError, TypeError, AttributeError):  # openpyxl refuses some values
            continue
    buffer = io.BytesIO()
    wb.save(buffer)
    _checked(lambda: read_workbook(buffer.getvalue(), FRAMEWORKS, file="fuzz.xlsx"))


_EXPORT = io.BytesIO()
build_workbook(FRAMEWORKS, base_assessment()).save(_EXPORT)


@WORKBOOK_FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8))
def test_workbook_reader_bytes_changed__ok(changes: list[tuple[int, int]]) -> None:
    """Should give a catalogue error (or read the file) when bytes of a valid export are changed."""
    content = bytearray(_EXPORT.getvalue())
    for at, byte in changes:
        content[at % len(content)] = byte
    _checked(lambda: read_workbook(bytes(content), FRAMEWORKS, file="fuzz.xlsx"))


@FUZZ
@given(st.text(max_size=300))
def test_weights_reader_any_text__ok(text: str) -> None:
    """Should give a catalogue error, or weights, for any text."""
    _checked(lambda: parse_weights_yaml(text, FRAMEWORKS, file="fuzz.yaml"))


@FUZZ
@given(st.dictionaries(st.sampled_from(weight_keys(FRAMEWORKS)) | _text, _json_values, max_size=5))
def test_weights_reader_any_mapping__ok(mapping: dict[str, Any]) -> None:
    """Should give a catalogue error, or weights, for any mapping of keys to values (as JSON, which is YAML)."""
    _checked(lambda: parse_weights_yaml(json.dumps(mapping), FRAMEWORKS, file="fuzz.yaml"))
