"""The weighted ranking of candidates, its rank stability, and the method and caveat shown with it.

Pure domain code (no Streamlit, no pandas): the page, the comparison workbook
and the CLI all rank with :func:`rank_candidates`, so they agree on every number.

Method (disclosed on the page and in every comparison workbook, see
:data:`WEIGHTING_NOTES`):

* **One 0-100 axis per section, for ranking only.** SCIE factor group: its
  section score (0-100). NASSS domain: simple = 100, complicated = 50,
  complex = 0 (a domain with no rated sub-domain is *missing*, never imputed).
  SIPS section: its readiness (share of applicable readiness checks in place,
  0-100); completeness is shown beside it but not ranked, because a long
  narrative is not the same as readiness.
* **Weighted mean.** Each section key ``framework.section`` carries a weight
  0-10 (default 1, equal). A candidate's score is the weighted mean of the
  sections it has a value for; missing sections are left out and the other
  weights renormalised, and the share of weight actually covered is reported
  as *coverage*.
* **Ranks.** Higher score ranks first; equal scores (to 6 decimals) share a
  rank (1, 2, 2, 4). Candidates with no scored section are not ranked.
* **Stability.** The ranking is recomputed under a fixed set of alternative
  weightings: each non-zero weight halved and doubled one at a time, plus
  :data:`STABILITY_RANDOM_RUNS` weightings in which every weight is multiplied
  by a random factor between 1/2 and 2 (log-uniform, seed
  :data:`STABILITY_SEED`). Each candidate's best and worst rank over these
  and the chosen weighting is its *rank range*. A zero weight stays zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assessments.compare.candidates import Candidate
from assessments.compare.weights import Weights, validate_weights, weight_key, weight_keys
from assessments.methods import method_of
from assessments.models import Framework

STABILITY_RANDOM_RUNS = 50
"""Number of random alternative weightings in the stability check."""
STABILITY_SEED = 20200
"""Seed of the random alternative weightings: the same inputs always give the same ranges."""
STABILITY_FACTOR = 2.0
"""Alternative weightings scale a weight by 1/STABILITY_FACTOR .. STABILITY_FACTOR."""
TIE_DECIMALS = 6


CAVEAT = (
    "This ranking is a decision aid built on self-assessments, not a validated score. "
    "The weights are your editorial choice: none of SCIE, NASSS or SIPS defines a total or a weighting. "
    "Read it together with the profiles, the unknowns and the evidence behind each rating."
)

WEIGHTING_NOTES: tuple[str, ...] = (
    "How the comparison ranking is worked out (a decision aid over self-assessments, not a validated score).",
    "Each section is put on one 0-100 axis for ranking only: a SCIE factor group uses its section score; "
    "a NASSS domain counts simple as 100, complicated as 50 and complex as 0; a SIPS section uses its readiness "
    "(the share of applicable readiness checks in place). Don't-know answers are never turned into a number: "
    "a section with nothing rated is missing.",
    "The weights (0-10 per section, equal by default) are chosen by the person comparing and are shown with the "
    "ranking. A candidate's score is the weighted mean of the sections it has a value for; missing sections are "
    "left out and the remaining weights rescaled, and the share of weight covered is shown as coverage.",
    "Equal scores share a rank. The rank range shows the best and worst rank over a fixed set of alternative "
    "weightings: each non-zero weight halved and doubled in turn, plus "
    f"{STABILITY_RANDOM_RUNS} weightings with every weight scaled by a random factor between 1/2 and 2 "
    f"(seed {STABILITY_SEED}). A wide range means the order depends on the weighting.",
    "Comparisons are only fair between assessments made with the same framework versions, at a similar stage, "
    "by similar assessors and with similar evidence: check the stage, role, date, unknowns and evidence columns.",
)


@dataclass(frozen=True)
class ReadinessMatrix:
    """Candidates × section keys on the 0-100 axis (NaN = missing)."""

    keys: tuple[str, ...]
    values: np.ndarray


def readiness_matrix(candidates: Sequence[Candidate], frameworks: Mapping[str, Framework]) -> ReadinessMatrix:
    """Each candidate's section readiness, as a float array (NaN where missing)."""
    keys = weight_keys(frameworks)
    index = {k: i for i, k in enumerate(keys)}
    values = np.full((len(candidates), len(keys)), np.nan)
    for row, c in enumerate(candidates):
        for fr in c.result.results:
            if fr.framework not in frameworks:
                continue
            for s in fr.sections:
                col = index.get(weight_key(fr.framework, s.id))
                if col is None:
                    continue
                v = method_of(fr).ranking_value(s)
                if v is not None:
                    values[row, col] = v
    return ReadinessMatrix(keys=tuple(keys), values=values)


def weighted_scores(values: np.ndarray, weightings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted means of every candidate under every weighting, skipping missing values.

    Args:
        values: Candidates × keys, NaN where missing.
        weightings: Weightings × keys.

    Returns:
        ``(scores, covered)``: candidates × weightings arrays; score is NaN when
        a candidate has no weighted value; covered is the weight used.
    """
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    covered = present.astype(float) @ weightings.T
    total = filled @ weightings.T
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(covered > 0, total / np.where(covered > 0, covered, 1.0), np.nan)
    return scores, covered


def competition_ranks(scores: np.ndarray) -> np.ndarray:
    """Rank each column (1 = highest); equal scores share the best rank; NaN gets 0.

    Args:
        scores: Candidates × weightings (or a 1-D vector).

    Returns:
        Integer ranks of the same shape.
    """
    two_d = scores[:, None] if scores.ndim == 1 else scores
    rounded = np.round(two_d, TIE_DECIMALS)
    ranks = np.zeros(rounded.shape, dtype=int)
    for j in range(rounded.shape[1]):
        col = rounded[:, j]
        ok = ~np.isnan(col)
        valid = np.sort(col[ok])
        # rank = 1 + number of scores strictly greater
        ranks[ok, j] = 1 + len(valid) - np.searchsorted(valid, col[ok], side="right")
    return ranks.reshape(scores.shape)


def alternative_weightings(
    weights: Sequence[float] | npt.NDArray[np.float64],
    *,
    runs: int = STABILITY_RANDOM_RUNS,
    seed: int = STABILITY_SEED,
) -> np.ndarray:
    """The fixed set of alternative weightings used for rank stability.

    Each non-zero weight halved, then doubled, one at a time; then ``runs``
    weightings with every weight multiplied by a log-uniform factor in
    [1/STABILITY_FACTOR, STABILITY_FACTOR] from a generator seeded with
    ``seed``. Zero weights stay zero.

    Returns:
        Weightings × keys array (without the base weighting).
    """
    base = np.asarray(weights, dtype=float)
    rows: list[np.ndarray] = []
    for i, w in enumerate(base):
        if w <= 0:
            continue
        for factor in (1 / STABILITY_FACTOR, STABILITY_FACTOR):
            alt = base.copy()
            alt[i] = w * factor
            rows.append(alt)
    rng = np.random.default_rng(seed)
    if runs > 0 and len(base):
        factors = np.exp(rng.uniform(-math.log(STABILITY_FACTOR), math.log(STABILITY_FACTOR), (runs, len(base))))
        rows.extend(base * factors)
    if not rows:
        return np.empty((0, len(base)))
    return np.vstack(rows)


@dataclass(frozen=True)
class RankedCandidate:
    """One row of the ranking.

    Attributes:
        key: The candidate key.
        label: The candidate label.
        score: Weighted mean on the 0-100 axis (None if nothing scored).
        rank: Rank under the chosen weights (None if not ranked).
        coverage: Share (0-100) of the total weight on sections the candidate has a value for.
        sections_scored: Number of weighted sections with a value.
        best_rank: Best rank over the alternative weightings (and the chosen one).
        worst_rank: Worst rank over them.
        section_values: Section key -> 0-100 value (None where missing).
    """

    key: str
    label: str
    score: float | None
    rank: int | None
    coverage: float
    sections_scored: int
    best_rank: int | None
    worst_rank: int | None
    section_values: dict[str, float | None] = field(default_factory=dict)

    @property
    def rank_range(self) -> str:
        """The rank range as text, e.g. ``1–3`` or ``2`` when it never moves."""
        if self.best_rank is None or self.worst_rank is None:
            return "not ranked"
        if self.best_rank == self.worst_rank:
            return str(self.best_rank)
        return f"{self.best_rank}–{self.worst_rank}"


@dataclass(frozen=True)
class Ranking:
    """The ranking under one weighting, with stability over the alternatives."""

    weights: Weights
    rows: tuple[RankedCandidate, ...]
    alternatives: int

    def by_key(self) -> dict[str, RankedCandidate]:
        """Rows keyed by candidate key."""
        return {r.key: r for r in self.rows}


def rank_candidates(
    candidates: Sequence[Candidate],
    frameworks: Mapping[str, Framework],
    weights: Mapping[str, float] | None = None,
    *,
    stability: bool = True,
    runs: int = STABILITY_RANDOM_RUNS,
    seed: int = STABILITY_SEED,
    matrix: ReadinessMatrix | None = None,
) -> Ranking:
    """Rank candidates by the weighted mean of their section readiness.

    Args:
        candidates: The candidates.
        frameworks: Frameworks whose sections are weighted.
        weights: Weights by key (validated; missing keys default to 1).
        stability: Also compute rank ranges over the alternative weightings.
        runs: Number of random alternative weightings.
        seed: Seed for the random alternatives.
        matrix: A precomputed :func:`readiness_matrix` for these candidates.

    Returns:
        The ranking, rows ordered by rank (unranked last, then by label).

    Raises:
        InputError: if the weights are invalid (COMPARE_001/002/003).
    """
    w = validate_weights(weights or {}, frameworks)
    m = matrix if matrix is not None else readiness_matrix(candidates, frameworks)
    base = np.array([w[k] for k in m.keys], dtype=float)
    weightings = base[None, :]
    alternatives = 0
    if stability:
        alt = alternative_weightings(base, runs=runs, seed=seed)
        alternatives = len(alt)
        weightings = np.vstack([weightings, alt])
    scores, covered = weighted_scores(m.values, weightings)
    ranks = competition_ranks(scores)
    total_weight = float(base.sum())
    present = ~np.isnan(m.values)
    rows: list[RankedCandidate] = []
    for i, c in enumerate(candidates):
        s = scores[i, 0]
        ranked = not math.isnan(s)
        row_ranks = ranks[i]
        rows.append(
            RankedCandidate(
                key=c.key,
                label=c.label,
                score=float(s) if ranked else None,
                rank=int(row_ranks[0]) if ranked else None,
                coverage=100.0 * float(covered[i, 0]) / total_weight if total_weight else 0.0,
                sections_scored=int(np.count_nonzero(present[i] & (base > 0))),
                best_rank=int(row_ranks.min()) if ranked else None,
                worst_rank=int(row_ranks.max()) if ranked else None,
                section_values={k: (float(m.values[i, j]) if present[i, j] else None) for j, k in enumerate(m.keys)},
            )
        )
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.label))
    return Ranking(weights=w, rows=tuple(rows), alternatives=alternatives)
