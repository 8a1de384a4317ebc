"""The screen of every candidate side by side, which candidates raise which warnings, and mixed-context warnings.

The per-assessment screen is :mod:`assessments.screen`; this module lays the screens of a comparison
out as one table, says in plain words who raises what, and warns when the candidates were assessed
at different stages, by different kinds of assessor or with different framework versions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assessments.compare.candidates import Candidate
from assessments.compare.tables import Table
from assessments.methods import method_of
from assessments.models import ROLE_LABELS, STAGE_LABELS, Framework
from assessments.screen import CODES, Screen, screen_of

WARNING_TITLES = {
    "SCREEN_NASSS_COMPLEX": "Complex in several NASSS domains",
    "SCREEN_NASSS_POSSIBLY_COMPLEX": "Could be complex in several NASSS domains",
    "SCREEN_PRIORITY_GAPS": "SCIE priority gaps",
    "SCREEN_DONT_KNOW": 'Many "don\'t know" answers',
    "SCREEN_LOW_EVIDENCE": "Few ratings backed by evidence",
    "SCREEN_EVIDENCE_MISSING": "Rated 3 with no evidence type",
    "SCREEN_INCOMPLETE": "Many questions unanswered",
}
"""A short title per screen warning code, in the order of ``assessments.screen.CODES``."""
assert set(WARNING_TITLES) == set(CODES)


def item_labels(frameworks: Mapping[str, Framework]) -> dict[str, str]:
    """Short labels of every item of the readiness frameworks (SCIE), to name factors in the screen."""
    return {
        iid: item.short_label
        for fw in frameworks.values()
        if method_of(fw).id == "readiness"
        for iid, item in fw.items.items()
    }


def screens(candidates: Sequence[Candidate], frameworks: Mapping[str, Framework]) -> list[Screen]:
    """The screen of each candidate, SCIE factors named by their short labels."""
    labels = item_labels(frameworks)
    return [screen_of(c.result, labels=labels) for c in candidates]


def nasss_text(s: Screen) -> str:
    """Complex NASSS domains, with "at least" where domains are not settled."""
    if s.nasss_complex is None:
        return "no level yet"
    open_ = s.nasss_at_least + s.nasss_unknown
    if not open_:
        return str(s.nasss_complex)
    return f"at least {s.nasss_complex} ({open_} not settled)"


def _pct(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def screen_table(
    candidates: Sequence[Candidate], screened: Sequence[Screen], frameworks: Mapping[str, Framework]
) -> Table:
    """One row per candidate: the screen's findings (no total, no order implied beyond the list order)."""
    labels = item_labels(frameworks)
    rows = []
    for c, s in zip(candidates, screened, strict=True):
        rows.append(
            (
                c.label,
                nasss_text(s),
                len(s.priority_gaps),
                "; ".join(labels.get(i, i) for i in s.priority_gaps),
                _pct(s.dont_know_share),
                _pct(s.evidence_share),
                _pct(s.coverage),
                f"{s.answered} of {s.items}",
                len(s.top_without_evidence),
                "; ".join(WARNING_TITLES.get(w.code, w.code) for w in s.warnings),
            )
        )
    return Table(
        columns=(
            "Innovation",
            "Complex NASSS domains",
            "SCIE priority gaps",
            "Priority gaps by name",
            "Don't know (% of answers)",
            "Ratings with evidence (%)",
            "Answered (% of questions)",
            "Questions answered",
            "Rated 3 without evidence type",
            "Warnings",
        ),
        rows=tuple(rows),
    )


def who_raises_what(candidates: Sequence[Candidate], screened: Sequence[Screen]) -> list[str]:
    """Plain sentences: for each warning, the candidates that raise it; then those that raise none."""
    lines = []
    for code in CODES:
        who = sorted((c.label for c, s in zip(candidates, screened, strict=True) if code in s.codes), key=str.casefold)
        if who:
            lines.append(f"{WARNING_TITLES[code]}: {'; '.join(who)}.")
    clear = sorted((c.label for c, s in zip(candidates, screened, strict=True) if not s.warnings), key=str.casefold)
    if clear:
        lines.append(f"No screen warning: {'; '.join(clear)}.")
    return lines


def candidate_warnings(candidates: Sequence[Candidate], screened: Sequence[Screen]) -> list[tuple[str, list[str]]]:
    """Per candidate (in the order given), its warnings' sentences."""
    return [(c.label, [w.text for w in s.warnings]) for c, s in zip(candidates, screened, strict=True)]


@dataclass(frozen=True)
class ContextWarning:
    """Candidates that should not be compared without care: a stable code and a sentence."""

    code: str
    text: str


def _groups(candidates: Sequence[Candidate], value: Mapping[str, str]) -> str:
    by: dict[str, list[str]] = {}
    for c in candidates:
        by.setdefault(value[c.key], []).append(c.label)
    return "; ".join(f"{v}: {', '.join(sorted(labels, key=str.casefold))}" for v, labels in sorted(by.items()))


def context_warnings(candidates: Sequence[Candidate]) -> list[ContextWarning]:
    """Warnings for mixed stages, assessor roles or framework versions among the candidates."""
    out: list[ContextWarning] = []
    stage = {c.key: STAGE_LABELS[c.stage] if c.stage else "stage not recorded" for c in candidates}
    if len(set(stage.values())) > 1:
        out.append(
            ContextWarning(
                "MIXED_STAGES",
                "The candidates are at different stages, and an idea cannot be as ready as an established "
                f"service: compare within a stage. {_groups(candidates, stage)}.",
            )
        )
    role = {c.key: ROLE_LABELS[c.assessor_role] if c.assessor_role else "role not recorded" for c in candidates}
    if len(set(role.values())) > 1:
        out.append(
            ContextWarning(
                "MIXED_ROLES",
                "The assessments were filled in by different kinds of assessor, who may rate the same thing "
                f"differently. {_groups(candidates, role)}.",
            )
        )
    versions: dict[str, dict[str, str]] = {}
    for c in candidates:
        for fid, version in c.versions().items():
            versions.setdefault(fid, {})[c.key] = f"{fid} version {version}"
    for fid, by_key in versions.items():
        if len(set(by_key.values())) > 1:
            present = [c for c in candidates if c.key in by_key]
            out.append(
                ContextWarning(
                    "MIXED_VERSIONS",
                    f"The candidates answered different versions of {fid}, whose questions or scales differ. "
                    f"{_groups(present, by_key)}.",
                )
            )
    return out
