"""Dominance tiers: candidates grouped by who is at least as ready everywhere and clearly more ready somewhere.

Pure functions over a candidates × sections matrix of 0-100 values where higher means more ready,
with ``None`` where a candidate has no value. The matrix can come from fresh scoring
(:mod:`assessments.compare.sections`) or from values stored with each assessment.

* **Dominance.** Candidate A dominates B when, on every section, A's value is at least B's and, on at
  least one section, A's value exceeds B's by at least that section's *tolerance* (the effect of one
  answer; 0 = any difference counts). No weights, no sum: a strength never offsets a weakness.
* **Missing values are never imputed.** Under the default rule (:data:`MISSING_BLOCKS`) a section
  where exactly one of the two has a value makes them incomparable (nobody can say who is more ready
  there); a section where neither has a value is skipped. Under :data:`SHARED_ONLY` (a sensitivity
  check) sections where either is missing are skipped, and at least one shared section must exist.
* **Tiers.** Tier 1 holds every candidate no other candidate dominates; tier 2 those dominated only
  by tier 1, and so on (non-dominated sorting). Within a tier there is no order. Under
  :data:`MISSING_BLOCKS` dominance is a strict partial order, so the peeling always ends; under
  :data:`SHARED_ONLY` it can cycle, and a round that finds no undominated candidate puts all that
  remain in one last tier. Either way no candidate sits in a worse tier than one it dominates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

MissingRule = Literal["missing_blocks", "shared_only"]
MISSING_BLOCKS: Final[MissingRule] = "missing_blocks"
"""A section where only one of the two has a value makes them incomparable (the default)."""
SHARED_ONLY: Final[MissingRule] = "shared_only"
"""Sections where either has no value are skipped (a sensitivity check)."""
MISSING_RULES: Final[dict[MissingRule, str]] = {
    MISSING_BLOCKS: "a section only one of the two has a value for makes them incomparable",
    SHARED_ONLY: "only sections both have a value for are compared",
}

Matrix = Sequence[Sequence[float | None]]
"""Candidates × sections, 0-100 with higher = more ready, None = no value."""

_CHUNK = 2048
"""Rows of the pairwise comparison done at once (bounds memory at thousands of candidates)."""


def _arrays(
    matrix: Matrix | npt.NDArray[np.float64], tolerance: Sequence[float] | None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    if isinstance(matrix, np.ndarray):
        values = np.asarray(matrix, dtype=float)
        if values.ndim != 2 or np.isinf(values).any():
            raise ValueError("the matrix must be candidates x sections of finite numbers (NaN = no value)")
    else:
        rows = len(matrix)
        cols = len(matrix[0]) if rows else (len(tolerance) if tolerance is not None else 0)
        values = np.full((rows, cols), np.nan)
        for i, row in enumerate(matrix):
            if len(row) != cols:
                raise ValueError(f"row {i} has {len(row)} values, expected {cols}")
            for j, v in enumerate(row):
                if v is not None:
                    if not np.isfinite(v):
                        raise ValueError(f"row {i}, column {j}: {v!r} is not a finite number")
                    values[i, j] = v
    cols = values.shape[1]
    tol = np.zeros(cols) if tolerance is None else np.asarray(tolerance, dtype=float)
    if tol.shape != (cols,) or np.any(tol < 0) or not np.all(np.isfinite(tol)):
        raise ValueError(f"tolerance must be {cols} finite numbers of at least 0")
    return values, tol


def _dominance_block(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], tol: npt.NDArray[np.float64], rule: MissingRule
) -> npt.NDArray[np.bool_]:
    """``out[i, j]``: row i of ``a`` dominates row j of ``b`` (one section at a time, to keep memory flat)."""
    ok = np.ones((len(a), len(b)), dtype=bool)
    better = np.zeros_like(ok)
    a_missing, b_missing = np.isnan(a), np.isnan(b)
    with np.errstate(invalid="ignore"):
        for col in range(a.shape[1]):
            d = a[:, col][:, None] - b[:, col][None, :]  # NaN where either has no value: never below, never ahead
            ok &= ~(d < 0)
            better |= (d >= tol[col]) if tol[col] > 0 else (d > 0)
            if rule == MISSING_BLOCKS and (a_missing[:, col].any() or b_missing[:, col].any()):
                ok &= ~(a_missing[:, col][:, None] ^ b_missing[:, col][None, :])
    ok &= better
    return ok


def dominance_matrix(
    matrix: Matrix | npt.NDArray[np.float64],
    *,
    tolerance: Sequence[float] | None = None,
    rule: MissingRule = MISSING_BLOCKS,
) -> npt.NDArray[np.bool_]:
    """``out[i, j]`` is True when candidate i dominates candidate j (see the module docstring).

    Args:
        matrix: Candidates × sections, 0-100, higher = more ready, None (or NaN in an array) = no value.
        tolerance: Per section, the smallest difference that counts as "more ready" (default 0: any).
        rule: How a missing value is treated: :data:`MISSING_BLOCKS` or :data:`SHARED_ONLY`.

    Raises:
        ValueError: Rows of different lengths, a value that is not finite, or a bad tolerance.
    """
    values, tol = _arrays(matrix, tolerance)
    n = len(values)
    out = np.zeros((n, n), dtype=bool)
    for start in range(0, n, _CHUNK):
        out[start : start + _CHUNK] = _dominance_block(values[start : start + _CHUNK], values, tol, rule)
    return out


def dominates(
    a: Sequence[float | None],
    b: Sequence[float | None],
    *,
    tolerance: Sequence[float] | None = None,
    rule: MissingRule = MISSING_BLOCKS,
) -> bool:
    """Whether candidate ``a`` dominates candidate ``b`` (see the module docstring)."""
    return bool(dominance_matrix([a, b], tolerance=tolerance, rule=rule)[0, 1])


def tiers_from_dominance(dom: npt.NDArray[np.bool_]) -> list[int]:
    """Tier per candidate (1 = nobody dominates it) by non-dominated sorting of a dominance matrix."""
    n = len(dom)
    tier = [0] * n
    remaining = np.ones(n, dtype=bool)
    level = 0
    while remaining.any():
        level += 1
        dominated = (dom[remaining][:, remaining]).any(axis=0)
        idx = np.flatnonzero(remaining)
        front = idx[~dominated] if (~dominated).any() else idx  # a cycle (SHARED_ONLY): the rest share a tier
        for i in front:
            tier[int(i)] = level
        remaining[front] = False
    return tier


def dominance_tiers(
    matrix: Matrix | npt.NDArray[np.float64],
    *,
    tolerance: Sequence[float] | None = None,
    rule: MissingRule = MISSING_BLOCKS,
) -> list[int]:
    """Tier per candidate, 1 = not dominated by anyone (see the module docstring).

    Args:
        matrix: Candidates × sections, 0-100, higher = more ready, None = no value.
        tolerance: Per section, the smallest difference that counts as "more ready".
        rule: How a missing value is treated.

    Returns:
        One tier number per row of ``matrix``, in the same order.
    """
    return tiers_from_dominance(dominance_matrix(matrix, tolerance=tolerance, rule=rule))


def tier_members(tiers: Sequence[int], labels: Sequence[str]) -> list[tuple[int, list[str]]]:
    """``[(tier, labels...)]`` with each tier's members in alphabetical order (no order is implied)."""
    by_tier: dict[int, list[str]] = {}
    for t, label in zip(tiers, labels, strict=True):
        by_tier.setdefault(t, []).append(label)
    return [(t, sorted(by_tier[t], key=str.casefold)) for t in sorted(by_tier)]
