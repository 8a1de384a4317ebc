"""Side-by-side tables of a comparison: the weights used, the summary matrix and the evidence.

A :class:`Table` is plain columns and rows of values, shown by the page
(st.dataframe) and written by the comparison workbook, so both show the same
numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assessments.compare.candidates import Candidate
from assessments.compare.weights import DEFAULT_WEIGHT, weight_labels
from assessments.methods import method_of
from assessments.models import ROLE_LABELS, STAGE_LABELS, EvidenceType, FlagCode, Framework


@dataclass(frozen=True)
class Table:
    """A plain table: column headers and rows of values (for st.dataframe and Excel)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def weights_table(weights: Mapping[str, float], frameworks: Mapping[str, Framework]) -> Table:
    """The weights used, with labels and whether each is the default."""
    labels = weight_labels(frameworks)
    return Table(
        columns=("Section key", "Section", "Weight", "Default"),
        rows=tuple((k, labels.get(k, k), w, DEFAULT_WEIGHT) for k, w in weights.items()),
    )


def _label(value: Any, labels: Mapping[Any, str]) -> str:
    """A stage or role as people read it ("Spreading to other places"), not its stored id."""
    return labels.get(value, str(value.value)) if value is not None else ""


def summary_table(candidates: Sequence[Candidate], frameworks: Mapping[str, Framework]) -> Table:
    """Innovations × sections (native values) and flags, as values.

    SCIE sections are 0-100 scores, NASSS domains their level text ("unknown"
    when nothing rated, "at least ..." when some sub-domains are still open),
    SIPS sections readiness and completeness (0-100).
    """
    columns: list[str] = ["Innovation", "Stage", "Assessor role", "Assessed on"]
    spec: list[tuple[str, str, int]] = []  # (framework, section, number of values)
    for fid, fw in frameworks.items():
        fields = method_of(fw).summary_fields
        for section in fw.sections:
            columns.extend(f"{fw.short_title}: {section.label} {field}" for field in fields)
            spec.append((fid, section.id, len(fields)))
    columns += ["Complex domains", "Priority gaps", "Don't know", "Unanswered", "Flags"]
    rows = []
    for c in candidates:
        row: list[Any] = [c.label, _label(c.stage, STAGE_LABELS), _label(c.assessor_role, ROLE_LABELS), c.assessed_on]
        for fid, sid, width in spec:
            fr = c.framework_result(fid)
            result = next((s for s in fr.sections if s.id == sid), None) if fr is not None else None
            if fr is None or result is None:
                row.extend([None] * width)
            else:
                # A NASSS level that is only a floor reads "at least ..." (the method's summary values say so).
                row.extend(method_of(fr).summary_values(result))
        flags = [f for fr in c.result.results for f in fr.flags]
        complex_domains = [fr.complex_domains for fr in c.result.results if fr.complex_domains is not None]
        row.append(sum(complex_domains) if complex_domains else None)
        row.append(sum(1 for f in flags if f.code is FlagCode.SCIE_PRIORITY_GAP))
        row.append(sum(fr.unknown for fr in c.result.results))
        row.append(sum(fr.unanswered for fr in c.result.results))
        row.append(", ".join(sorted({f.code.label for f in flags})))  # people read labels; codes are in the JSON
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
