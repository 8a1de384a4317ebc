"""Tests for assessments.compare.weights: keys, validation, the YAML weights file and profile names."""

from __future__ import annotations

import pytest

from assessments.compare.weights import (
    default_weights,
    parse_weights_yaml,
    validate_profile_name,
    validate_weights,
    weight_keys,
    weights_yaml,
)
from assessments.errors import ErrorCode, InputError
from assessments.models import Framework


def test_weight_keys__ok(tiny_frameworks: dict[str, Framework]) -> None:
    """Should list one framework.section key per section, defaults equal to 1."""
    keys = weight_keys(tiny_frameworks)
    assert "tiny_readiness.inner" in keys and "tiny_complexity.system" in keys and "tiny_planning.money" in keys
    assert len(keys) == 2 + 3 + 2
    assert set(default_weights(tiny_frameworks).values()) == {1.0}


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ({"nope.section": 1}, [ErrorCode.COMPARE_002]),
        ({"tiny_readiness.inner": 11}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": -0.5}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": "lots"}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": True}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": float("nan")}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": None}, [ErrorCode.COMPARE_001]),
        ({"tiny_readiness.inner": 0, "tiny_readiness.outer": 0}, [ErrorCode.COMPARE_003]),
        ({"x.y": 1, "tiny_readiness.outer": 20}, [ErrorCode.COMPARE_002, ErrorCode.COMPARE_001]),
    ],
)
def test_validate_weights__error(rfw: dict[str, Framework], raw: dict[str, object], codes: list[ErrorCode]) -> None:
    """Should report each bad weight with its COMPARE code."""
    with pytest.raises(InputError) as exc:
        validate_weights(raw, rfw)
    assert exc.value.codes == codes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, {"tiny_readiness.inner": 1.0, "tiny_readiness.outer": 1.0}),
        ({"tiny_readiness.inner": 2.5}, {"tiny_readiness.inner": 2.5, "tiny_readiness.outer": 1.0}),
        (
            {"tiny_readiness.outer": "0", "tiny_readiness.inner": 10},
            {"tiny_readiness.inner": 10, "tiny_readiness.outer": 0},
        ),
    ],
)
def test_validate_weights__ok(rfw: dict[str, Framework], raw: dict[str, object], expected: dict[str, float]) -> None:
    """Should fill missing keys with the default and keep key order."""
    assert validate_weights(raw, rfw) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("- 1\n- 2\n", ErrorCode.COMPARE_005),
        ("tiny_readiness.inner: [1\n", ErrorCode.COMPARE_005),
        ("tiny_readiness.inner: 12\n", ErrorCode.COMPARE_001),
        ("scie.nope: 1\n", ErrorCode.COMPARE_002),
    ],
)
def test_parse_weights_yaml__error(rfw: dict[str, Framework], text: str, code: ErrorCode) -> None:
    """Should turn YAML and value problems into COMPARE codes with the file name."""
    with pytest.raises(InputError) as exc:
        parse_weights_yaml(text, rfw, file="w.yaml")
    assert exc.value.codes == [code]
    assert exc.value.problems[0].file == "w.yaml"


def test_weights_yaml_round_trip__ok(rfw: dict[str, Framework]) -> None:
    """Should write weights as YAML that reads back the same."""
    w = {"tiny_readiness.inner": 2.5, "tiny_readiness.outer": 0.0}
    assert parse_weights_yaml(weights_yaml(w), rfw) == w


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Prevention first", None),
        ("a" * 61, ErrorCode.COMPARE_006),
        ("=cmd", ErrorCode.COMPARE_006),
        ("", ErrorCode.COMPARE_008),
        ("   ", ErrorCode.COMPARE_008),
    ],
)
def test_validate_profile_name(name: str, code: ErrorCode | None) -> None:
    """Should accept plain names, refuse long or formula-like ones (COMPARE_006) and say an empty one is empty (COMPARE_008)."""
    if code is None:
        assert validate_profile_name(name) == name
    else:
        with pytest.raises(InputError) as exc:
            validate_profile_name(name)
        assert exc.value.codes == [code]
