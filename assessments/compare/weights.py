"""Section weights of a comparison: keys and labels, defaults, validation, the YAML weights file and profile names.

Each section key ``framework.section`` carries a weight 0-10 (default 1,
equal). Only an ordering inside one framework uses them (:mod:`assessments.compare.ordering`);
the screen and the dominance tiers use no weights.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.models import Framework
from assessments.yamlsafe import YamlRefused, load_yaml

DEFAULT_WEIGHT = 1.0
MIN_WEIGHT = 0.0
MAX_WEIGHT = 10.0
MAX_WEIGHTS_BYTES = 64 * 1024
"""Largest weights file read (one line per section: about 2 KB)."""
PROFILE_NAME = re.compile(r"^[A-Za-z0-9 _\-]{1,60}$")

Weights = dict[str, float]


def weight_key(framework_id: str, section_id: str) -> str:
    """The weight key of a section, ``framework.section``."""
    return f"{framework_id}.{section_id}"


def weight_keys(frameworks: Mapping[str, Framework]) -> list[str]:
    """Every section key, in framework then section order."""
    return [weight_key(fid, s.id) for fid, fw in frameworks.items() for s in fw.sections]


def weight_labels(frameworks: Mapping[str, Framework]) -> dict[str, str]:
    """Human labels for the weight keys, e.g. ``SCIE: Innovation factors``."""
    return {
        weight_key(fid, s.id): f"{fw.short_title}: {s.label}" for fid, fw in frameworks.items() for s in fw.sections
    }


def default_weights(frameworks: Mapping[str, Framework]) -> Weights:
    """Equal weights (1) for every section."""
    return dict.fromkeys(weight_keys(frameworks), DEFAULT_WEIGHT)


def validate_weights(
    raw: Mapping[Any, Any], frameworks: Mapping[str, Framework], *, file: str | None = None
) -> Weights:
    """Check user weights and fill the keys not given with the default (1).

    Args:
        raw: Mapping ``framework.section -> number``.
        frameworks: The frameworks being compared.
        file: File name for problem locations (weights files).

    Returns:
        A complete weight mapping in :func:`weight_keys` order.

    Raises:
        InputError: COMPARE_002 unknown key, COMPARE_001 not a number in 0-10,
            COMPARE_003 every weight zero.
    """
    keys = weight_keys(frameworks)
    known = set(keys)
    problems: list[Problem] = []
    weights = default_weights(frameworks)
    for key, value in raw.items():
        skey = str(key)
        if skey not in known:
            problems.append(problem(ErrorCode.COMPARE_002, file=file, field=skey, key=skey, allowed=", ".join(keys)))
            continue
        number = _as_weight(value)
        if number is None:
            problems.append(problem(ErrorCode.COMPARE_001, file=file, field=skey, key=skey, found=repr(value)))
            continue
        weights[skey] = number
    if not problems and not any(w > 0 for w in weights.values()):
        problems.append(problem(ErrorCode.COMPARE_003, file=file))
    if problems:
        raise InputError(problems)
    return weights


def _as_weight(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                return None
        else:
            return None
    number = float(value)
    if not math.isfinite(number) or number < MIN_WEIGHT or number > MAX_WEIGHT:
        return None
    return number


def parse_weights_yaml(text: str | bytes, frameworks: Mapping[str, Framework], *, file: str | None = None) -> Weights:
    """Read weights from YAML text: a mapping ``framework.section: weight``.

    Loaded with a bounded cost (:func:`assessments.yamlsafe.load_yaml`: few aliases, shallow
    nesting, no key twice, no integer of hundreds of digits converted); a message never
    repeats more than a short piece of the file.

    Raises:
        InputError: COMPARE_005 if not YAML, over a bound or not a mapping, else as :func:`validate_weights`.
    """
    try:
        data = load_yaml(text, max_chars=MAX_WEIGHTS_BYTES)
    except YamlRefused as exc:
        raise InputError([problem(ErrorCode.COMPARE_005, file=file, detail=str(exc))]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            [problem(ErrorCode.COMPARE_005, file=file, detail=f"it holds a {type(data).__name__}, not a mapping")]
        )
    return validate_weights(data, frameworks, file=file)


def read_weights_file(path: Path, frameworks: Mapping[str, Framework]) -> Weights:
    """Read and validate a YAML weights file (its size checked before it is read).

    Raises:
        InputError: COMPARE_005 if unreadable or too big, else as :func:`parse_weights_yaml`.
    """
    try:
        size = path.stat().st_size
        if size > MAX_WEIGHTS_BYTES:
            detail = f"it is {human_size(size)}; a weights file is at most {human_size(MAX_WEIGHTS_BYTES)}"
            raise InputError([problem(ErrorCode.COMPARE_005, file=path.name, detail=detail)])
        with path.open("rb") as handle:
            content = handle.read(MAX_WEIGHTS_BYTES + 1)
    except OSError as exc:
        raise InputError([problem(ErrorCode.COMPARE_005, file=path.name, detail=exc.strerror or str(exc))]) from exc
    return parse_weights_yaml(content, frameworks, file=path.name)


def weights_yaml(weights: Mapping[str, float]) -> str:
    """Weights as YAML text that :func:`parse_weights_yaml` reads back."""
    return "".join(f"{k}: {v:g}\n" for k, v in weights.items())


def validate_profile_name(name: str) -> str:
    """Check a weight-profile name (1-60 letters, digits, spaces, '-' or '_').

    Raises:
        InputError: COMPARE_008 if it is empty, COMPARE_006 if it holds anything else.
    """
    clean = name.strip()
    if not clean:
        raise InputError([problem(ErrorCode.COMPARE_008, field="name")])
    if not PROFILE_NAME.match(clean):
        raise InputError([problem(ErrorCode.COMPARE_006, field="name", found=name)])
    return clean
