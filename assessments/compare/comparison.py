"""Compare candidate innovations: weights, weighted ranking, rank stability and side-by-side tables.

Pure domain code (no Streamlit, no pandas): the page, the comparison workbook
and the CLI all build on the functions here, so they agree on every number.

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

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.jsonfile import read_assessment_bytes
from assessments.models import (
    Assessment,
    AssessmentResult,
    AssessorRole,
    EvidenceType,
    Framework,
    FrameworkResult,
    SectionResult,
    Stage,
)

DEFAULT_WEIGHT = 1.0
MIN_WEIGHT = 0.0
MAX_WEIGHT = 10.0
STABILITY_RANDOM_RUNS = 50
"""Number of random alternative weightings in the stability check."""
STABILITY_SEED = 20200
"""Seed of the random alternative weightings: the same inputs always give the same ranges."""
STABILITY_FACTOR = 2.0
"""Alternative weightings scale a weight by 1/STABILITY_FACTOR .. STABILITY_FACTOR."""
NASSS_READINESS = {"simple": 100.0, "complicated": 50.0, "complex": 0.0}
"""Where each NASSS level sits on the ranking axis (0-100, more ready = higher)."""
TIE_DECIMALS = 6
PROFILE_NAME = re.compile(r"^[A-Za-z0-9 _\-]{1,60}$")

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

Weights = dict[str, float]


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One assessment taking part in a comparison.

    Attributes:
        key: Unique key in this comparison (database id or file name).
        label: Display label (unique in this comparison).
        assessment: The assessment as answered.
        result: Its scores and flags.
        source: Where it came from, e.g. ``database`` or the uploaded file name.
    """

    key: str
    label: str
    assessment: Assessment
    result: AssessmentResult
    source: str = ""

    @property
    def stage(self) -> Stage | None:
        """Stage recorded with the assessment."""
        return self.assessment.assessment.stage

    @property
    def assessor_role(self) -> AssessorRole | None:
        """Who filled the assessment in."""
        return self.assessment.assessment.assessor_role

    @property
    def assessed_on(self) -> dt.date | None:
        """Date of the assessment."""
        return self.assessment.assessment.assessed_on

    def framework_result(self, framework_id: str) -> FrameworkResult | None:
        """The result for one framework, or None if it was not scored."""
        for r in self.result.results:
            if r.framework == framework_id:
                return r
        return None


def candidate_label(assessment: Assessment) -> str:
    """A readable label: innovation name, then the assessment label or date if any."""
    name = assessment.innovation.name
    meta = assessment.assessment
    extra = meta.label or (meta.assessed_on.isoformat() if meta.assessed_on else "")
    return f"{name} ({extra})" if extra else name


def unique_labels(labels: Sequence[str]) -> list[str]:
    """Make labels unique by appending " #2", " #3" ... to repeats (first keeps its label)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    taken = set(labels)
    for label in labels:
        n = seen.get(label, 0) + 1
        seen[label] = n
        if n == 1:
            out.append(label)
            continue
        candidate = f"{label} #{n}"
        while candidate in taken:
            n += 1
            candidate = f"{label} #{n}"
        seen[label] = n
        taken.add(candidate)
        out.append(candidate)
    return out


def read_assessment_any(content: bytes, name: str, frameworks: Mapping[str, Framework]) -> Assessment:
    """Read an assessment from JSON or workbook bytes, chosen by the file name's suffix.

    Args:
        content: The file's bytes.
        name: The file name (its suffix picks the reader; used in problem locations).
        frameworks: Known frameworks.

    Raises:
        InputError: ASSESSMENT_016 for other suffixes, else the reader's problems.
    """
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return read_assessment_bytes(content, dict(frameworks), file=name)
    if suffix == ".xlsx":
        from assessments.xlsx.read import read_workbook  # openpyxl only loaded when a workbook is compared

        return read_workbook(content, dict(frameworks), file=name)
    raise InputError([problem(ErrorCode.ASSESSMENT_016, file=name, found=suffix or "(no suffix)")])


def filter_candidates(
    candidates: Iterable[Candidate],
    *,
    stages: Iterable[Stage] = (),
    roles: Iterable[AssessorRole] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[Candidate]:
    """Keep candidates matching every filter given (an empty filter keeps all).

    A candidate without a stage or role is dropped only when that filter is
    set; without a date, only when a date bound is set.
    """
    stage_set, role_set = set(stages), set(roles)
    out = []
    for c in candidates:
        if stage_set and c.stage not in stage_set:
            continue
        if role_set and c.assessor_role not in role_set:
            continue
        if date_from is not None or date_to is not None:
            if c.assessed_on is None:
                continue
            if date_from is not None and c.assessed_on < date_from:
                continue
            if date_to is not None and c.assessed_on > date_to:
                continue
        out.append(c)
    return out


# ---------------------------------------------------------------------------
# Weights
# ---------------------------------------------------------------------------


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

    Raises:
        InputError: COMPARE_005 if not YAML or not a mapping, else as :func:`validate_weights`.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        detail = str(exc).replace("\n", " ")
        raise InputError([problem(ErrorCode.COMPARE_005, file=file, detail=detail)]) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            [problem(ErrorCode.COMPARE_005, file=file, detail=f"it holds a {type(data).__name__}, not a mapping")]
        )
    return validate_weights(data, frameworks, file=file)


def read_weights_file(path: Path, frameworks: Mapping[str, Framework]) -> Weights:
    """Read and validate a YAML weights file.

    Raises:
        InputError: COMPARE_005 if unreadable, else as :func:`parse_weights_yaml`.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([problem(ErrorCode.COMPARE_005, file=path.name, detail=str(exc))]) from exc
    return parse_weights_yaml(text, frameworks, file=path.name)


def weights_yaml(weights: Mapping[str, float]) -> str:
    """Weights as YAML text that :func:`parse_weights_yaml` reads back."""
    return "".join(f"{k}: {v:g}\n" for k, v in weights.items())


def validate_profile_name(name: str) -> str:
    """Check a weight-profile name (1-60 letters, digits, spaces, '-' or '_').

    Raises:
        InputError: COMPARE_006.
    """
    clean = name.strip()
    if not PROFILE_NAME.match(clean):
        raise InputError([problem(ErrorCode.COMPARE_006, field="name", found=name)])
    return clean


# ---------------------------------------------------------------------------
# Section readiness on one axis
# ---------------------------------------------------------------------------


def section_readiness(method: str, section: SectionResult) -> float | None:
    """A section's position on the 0-100 ranking axis, or None when missing.

    Args:
        method: The framework's scoring method (readiness, complexity, planning).
        section: The section result.
    """
    if method == "readiness":
        return section.score
    if method == "complexity":
        return NASSS_READINESS.get(section.level) if section.level else None
    if method == "planning":
        return section.readiness
    return None


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
                v = section_readiness(fr.method, s)
                if v is not None:
                    values[row, col] = v
    return ReadinessMatrix(keys=tuple(keys), values=values)


# ---------------------------------------------------------------------------
# Ranking and stability
# ---------------------------------------------------------------------------


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
    weights: Sequence[float], *, runs: int = STABILITY_RANDOM_RUNS, seed: int = STABILITY_SEED
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


# ---------------------------------------------------------------------------
# Side-by-side tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A plain table: column headers and rows of values (for st.dataframe and Excel)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def ranking_table(ranking: Ranking, candidates: Sequence[Candidate]) -> Table:
    """The ranking as a table, with the metadata needed to judge fairness."""
    by_key = {c.key: c for c in candidates}
    rows = []
    for r in ranking.rows:
        c = by_key.get(r.key)
        rows.append(
            (
                r.rank,
                r.label,
                None if r.score is None else round(r.score, 1),
                r.rank_range,
                round(r.coverage),
                _enum_text(c.stage) if c else "",
                _enum_text(c.assessor_role) if c else "",
                c.assessed_on.isoformat() if c and c.assessed_on else "",
                c.source if c else "",
            )
        )
    return Table(
        columns=(
            "Rank",
            "Innovation",
            "Weighted score (0-100)",
            "Rank range",
            "Coverage (% of weight)",
            "Stage",
            "Assessor role",
            "Assessed on",
            "Source",
        ),
        rows=tuple(rows),
    )


def weights_table(weights: Mapping[str, float], frameworks: Mapping[str, Framework]) -> Table:
    """The weights used, with labels and whether each is the default."""
    labels = weight_labels(frameworks)
    return Table(
        columns=("Section key", "Section", "Weight", "Default"),
        rows=tuple((k, labels.get(k, k), w, DEFAULT_WEIGHT) for k, w in weights.items()),
    )


def _enum_text(value: Any) -> str:
    return str(value.value) if value is not None else ""


def _section_cell(method: str, s: SectionResult) -> Any:
    if method == "complexity":
        return s.level or "unknown"
    if method == "planning":
        return None if s.readiness is None else round(s.readiness, 1)
    return None if s.score is None else round(s.score, 1)


def summary_table(candidates: Sequence[Candidate], frameworks: Mapping[str, Framework]) -> Table:
    """Innovations × sections (native values) and flags, as values.

    SCIE sections are 0-100 scores, NASSS domains their level text ("unknown"
    when nothing rated), SIPS sections readiness and completeness (0-100).
    """
    columns: list[str] = ["Innovation", "Stage", "Assessor role", "Assessed on"]
    spec: list[tuple[str, str, str]] = []  # (framework, section, kind)
    for fid, fw in frameworks.items():
        for s in fw.sections:
            if fw.scoring == "planning":
                columns.append(f"{fw.short_title}: {s.label} readiness (0-100)")
                spec.append((fid, s.id, "readiness"))
                columns.append(f"{fw.short_title}: {s.label} completeness (0-100)")
                spec.append((fid, s.id, "completeness"))
            elif fw.scoring == "complexity":
                columns.append(f"{fw.short_title}: {s.label} (level)")
                spec.append((fid, s.id, "native"))
            else:
                columns.append(f"{fw.short_title}: {s.label} (0-100)")
                spec.append((fid, s.id, "native"))
    columns += ["Complex domains", "Priority gaps", "Don't know", "Unanswered", "Flags"]
    rows = []
    for c in candidates:
        row: list[Any] = [c.label, _enum_text(c.stage), _enum_text(c.assessor_role), c.assessed_on]
        for fid, sid, kind in spec:
            fr = c.framework_result(fid)
            if fr is None:
                row.append(None)
                continue
            try:
                s = fr.section(sid)
            except KeyError:
                row.append(None)
                continue
            if kind == "completeness":
                row.append(None if s.completeness is None else round(s.completeness, 1))
            elif kind == "readiness":
                row.append(None if s.readiness is None else round(s.readiness, 1))
            else:
                row.append(_section_cell(fr.method, s))
        flags = [f for fr in c.result.results for f in fr.flags]
        complex_domains = [fr.complex_domains for fr in c.result.results if fr.complex_domains is not None]
        row.append(sum(complex_domains) if complex_domains else None)
        row.append(sum(1 for f in flags if f.code == "SCIE_PRIORITY_GAP"))
        row.append(sum(fr.unknown for fr in c.result.results))
        row.append(sum(fr.unanswered for fr in c.result.results))
        row.append(", ".join(sorted({f.code for f in flags})))
        rows.append(tuple(row))
    return Table(columns=tuple(columns), rows=tuple(rows))


@dataclass(frozen=True)
class EvidenceRow:
    """Unknowns and evidence behind one candidate's answers."""

    label: str
    answered: int
    dont_know: int
    not_applicable: int
    unanswered: int
    total: int
    with_evidence: int
    by_type: dict[EvidenceType, int]

    @property
    def evidenced_share(self) -> float | None:
        """Share (0-100) of answered items that cite any evidence type."""
        return 100.0 * self.with_evidence / self.answered if self.answered else None


def evidence_rows(candidates: Sequence[Candidate]) -> list[EvidenceRow]:
    """Per candidate: don't know, unanswered, answers citing evidence and counts by type."""
    out = []
    for c in candidates:
        results = c.result.results
        with_ev = 0
        by_type = dict.fromkeys(EvidenceType, 0)
        for fr in results:
            for item in fr.items:
                if item.evidence:  # the status counts come from the framework totals
                    if item.status == "answered":
                        with_ev += 1
                    for ev in item.evidence:
                        by_type[ev] += 1
        out.append(
            EvidenceRow(
                label=c.label,
                answered=sum(fr.answered for fr in results),
                dont_know=sum(fr.unknown for fr in results),
                not_applicable=sum(fr.not_applicable for fr in results),
                unanswered=sum(fr.unanswered for fr in results),
                total=sum(fr.total for fr in results),
                with_evidence=with_ev,
                by_type=by_type,
            )
        )
    return out


def evidence_table(candidates: Sequence[Candidate]) -> Table:
    """Unknowns and evidence side by side, one row per candidate."""
    rows = []
    for e in evidence_rows(candidates):
        share = e.evidenced_share
        rows.append(
            (
                e.label,
                e.answered,
                e.dont_know,
                e.unanswered,
                e.not_applicable,
                e.with_evidence,
                None if share is None else round(share),
                *(e.by_type[t] for t in EvidenceType),
            )
        )
    return Table(
        columns=(
            "Innovation",
            "Answered",
            "Don't know",
            "Unanswered",
            "Not applicable",
            "Answers citing evidence",
            "Answers citing evidence (%)",
            *(t.label for t in EvidenceType),
        ),
        rows=tuple(rows),
    )


NASSS_LEVELS = ("simple", "complicated", "complex")


@dataclass(frozen=True)
class GridRow:
    """One innovation's row of the NASSS grid."""

    label: str
    levels: tuple[str, ...]
    """Level per domain: simple / complicated / complex / unknown."""
    complex_count: int


def nasss_grid(
    candidates: Sequence[Candidate], framework: Framework, *, sort_by_complex: bool = False
) -> list[GridRow]:
    """Innovations × NASSS domains with the level of each ("unknown" when nothing rated).

    Args:
        candidates: The candidates (in display order).
        framework: The complexity framework (NASSS).
        sort_by_complex: Order by number of complex domains, most first (stable).
    """
    rows = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        levels = []
        for s in framework.sections:
            level = "unknown"
            if fr is not None:
                try:
                    level = fr.section(s.id).level or "unknown"
                except KeyError:
                    level = "unknown"
            levels.append(level)
        rows.append(GridRow(label=c.label, levels=tuple(levels), complex_count=levels.count("complex")))
    if sort_by_complex:
        rows.sort(key=lambda r: -r.complex_count)
    return rows


def nasss_table(rows: Sequence[GridRow], framework: Framework) -> Table:
    """The NASSS grid as a table (level text in every cell)."""
    return Table(
        columns=("Innovation", *(s.label for s in framework.sections), "Complex domains"),
        rows=tuple((r.label, *r.levels, r.complex_count) for r in rows),
    )


def factor_label(framework: Framework, item_id: str) -> str:
    """A factor label with its priority marked, e.g. ``★ P3 Funding``."""
    item = framework.item(item_id)
    return f"★ P{item.priority} {item.short_label}" if item.priority else item.short_label


@dataclass(frozen=True)
class FactorMatrix:
    """Factors × candidates for a readiness framework (SCIE)."""

    item_ids: tuple[str, ...]
    item_labels: tuple[str, ...]
    candidate_labels: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]
    """Scale value per factor (rows) and candidate (columns); None when not rated."""
    statuses: tuple[tuple[str, ...], ...]
    """answered / dont_know / not_applicable / unanswered, same shape."""
    max_value: int


def factor_matrix(candidates: Sequence[Candidate], framework: Framework) -> FactorMatrix:
    """The SCIE factor heatmap data: each factor's rating per candidate, priorities marked."""
    item_ids = tuple(i for i, item in framework.items.items() if item.type == "choice")
    lookups = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        lookups.append({ir.id: ir for ir in fr.items} if fr else {})
    values = []
    statuses = []
    for iid in item_ids:
        vrow: list[int | None] = []
        srow: list[str] = []
        for lk in lookups:
            ir = lk.get(iid)
            vrow.append(ir.numeric if ir is not None and ir.status == "answered" else None)
            srow.append(ir.status if ir is not None else "unanswered")
        values.append(tuple(vrow))
        statuses.append(tuple(srow))
    max_value = max(
        (o.value for iid in item_ids for o in framework.options(iid) if o.value is not None),
        default=0,
    )
    return FactorMatrix(
        item_ids=item_ids,
        item_labels=tuple(factor_label(framework, i) for i in item_ids),
        candidate_labels=tuple(c.label for c in candidates),
        values=tuple(values),
        statuses=tuple(statuses),
        max_value=max_value,
    )


STATUS_TEXT = {"dont_know": "don't know", "not_applicable": "n/a", "unanswered": "—"}


def factor_table(matrix: FactorMatrix) -> Table:
    """The factor heatmap as a table: value, or "don't know" / "n/a" / "—"."""
    rows = []
    for label, vrow, srow in zip(matrix.item_labels, matrix.values, matrix.statuses, strict=True):
        rows.append(
            (label, *(v if v is not None else STATUS_TEXT.get(s, "—") for v, s in zip(vrow, srow, strict=True)))
        )
    return Table(columns=("Factor", *matrix.candidate_labels), rows=tuple(rows))


# ---------------------------------------------------------------------------
# Radar data (shared by the page's overlay and the workbook's native charts)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarData:
    """Spokes × candidates for one framework's radar, on the framework's own scale.

    Same spokes as :mod:`assessments.charts.radar`: a readiness framework per factor
    (0 to the scale maximum), a complexity framework per domain (1-3), a
    planning framework per section (completeness 0-100). None = gap.
    """

    framework: str
    spoke_labels: tuple[str, ...]
    candidate_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """One row per spoke, one column per candidate."""
    axis_min: float
    axis_max: float
    axis_title: str


def radar_data(candidates: Sequence[Candidate], framework: Framework) -> RadarData:
    """The numbers for an overlaid radar of one framework (no plotting library needed)."""
    per_item = framework.scoring == "readiness"
    if per_item:
        spokes = [i for i, item in framework.items.items() if item.type == "choice"]
        labels = tuple(factor_label(framework, i) for i in spokes)
    else:
        spokes = [s.id for s in framework.sections]
        labels = tuple(s.label for s in framework.sections)
    columns: list[list[float | None]] = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        col: list[float | None] = []
        if fr is None:
            col = [None] * len(spokes)
        elif per_item:
            items = {ir.id: ir for ir in fr.items}
            for sid in spokes:
                ir = items.get(sid)
                ok = ir is not None and ir.status == "answered" and ir.numeric is not None
                col.append(float(ir.numeric) if ok and ir is not None and ir.numeric is not None else None)
        else:
            sections = {s.id: s for s in fr.sections}
            for sid in spokes:
                s = sections.get(sid)
                if s is None:
                    col.append(None)
                elif framework.scoring == "planning":
                    col.append(s.completeness)
                else:
                    col.append(s.score)
        columns.append(col)
    values = tuple(tuple(col[i] for col in columns) for i in range(len(spokes)))
    if framework.scoring == "complexity":
        lo, hi, title = 0.0, 3.0, "Complexity 1 simple - 3 complex (outer = more complex)"
    elif per_item:
        hi = float(max((o.value for i in spokes for o in framework.options(i) if o.value is not None), default=3))
        lo, title = 0.0, f"How well addressed 0-{hi:g} (outer = more ready)"
    else:
        lo, hi, title = 0.0, 100.0, "Completeness % (outer = more complete)"
    return RadarData(
        framework=framework.id,
        spoke_labels=labels,
        candidate_labels=tuple(c.label for c in candidates),
        values=values,
        axis_min=lo,
        axis_max=hi,
        axis_title=title,
    )


def radar_data_table(data: RadarData) -> Table:
    """The radar numbers as a table (the chart's text alternative)."""
    return Table(
        columns=("Spoke", *data.candidate_labels),
        rows=tuple((label, *row) for label, row in zip(data.spoke_labels, data.values, strict=True)),
    )
