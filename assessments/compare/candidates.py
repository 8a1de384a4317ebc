"""Candidates of a comparison: the assessments taking part, their labels, reading them from files and filtering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assessments.errors import ErrorCode, InputError, problem
from assessments.jsonfile import read_assessment_bytes
from assessments.models import Assessment, AssessmentResult, AssessorRole, Framework, FrameworkResult, Stage


@dataclass(frozen=True)
class Candidate:
    """One assessment taking part in a comparison.

    Attributes:
        key: Unique key in this comparison (database id or file name).
        label: Display label (unique in this comparison).
        assessment: The assessment as answered.
        result: Its scores and flags.
        source: Where it came from, e.g. ``database`` or the uploaded file name.
        framework_versions: The framework versions the answers were given under, when the caller
            knows them; otherwise the earlier versions the assessment records, and for the rest
            those the result was scored with.
    """

    key: str
    label: str
    assessment: Assessment
    result: AssessmentResult
    source: str = ""
    framework_versions: Mapping[str, str] | None = None

    def versions(self) -> dict[str, str]:
        """Framework id -> version, for the frameworks this candidate answered anything in."""
        answered = {
            fr.framework: fr.framework_version
            for fr in self.result.results
            if fr.answered + fr.unknown + fr.not_applicable
        }
        # An assessment records the earlier versions its answers were given under (a store and a
        # version-2 file do); a caller may know better still.
        given = self.framework_versions if self.framework_versions is not None else self.assessment.framework_versions
        return {fid: given.get(fid, v) for fid, v in answered.items()}

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
        return read_assessment_bytes(content, dict(frameworks), file=name)  # the JSON reader takes a dict
    if suffix == ".xlsx":
        from assessments.xlsx.read import read_workbook  # openpyxl only loaded when a workbook is compared

        return read_workbook(content, frameworks, file=name)
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
