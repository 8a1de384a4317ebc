"""Scored candidates for the compare tests.

Most are real assessments of the tiny fixture frameworks, scored by the
real scoring module; every expected number in the tests is worked out by hand
in the comment beside it (readiness section = mean of value/max × 100; NASSS
level simple/complicated/complex = 100/50/0; SIPS = readiness).
:func:`synthetic_candidates` gives seeded random ones of the bundled frameworks,
for the charts.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from assessments.compare.candidates import Candidate
from assessments.models import Answer, Assessment, AssessmentMeta, AssessorRole, EvidenceType, Framework, Innovation
from assessments.models import Stage as St
from assessments.scoring import score_assessment
from bench.compare import synthetic_assessment


def make(
    frameworks: Mapping[str, Framework],
    key: str,
    answers: dict[str, dict[str, str]],
    *,
    evidence: dict[str, tuple[EvidenceType, ...]] | None = None,
    stage: St | None = None,
    role: AssessorRole | None = None,
    on: dt.date | None = None,
) -> Candidate:
    """A scored candidate from option ids per framework and item."""
    evidence = evidence or {}
    parsed = {
        fid: {iid: Answer(value=v, evidence=evidence.get(iid, ())) for iid, v in items.items()}
        for fid, items in answers.items()
    }
    a = Assessment(
        innovation=Innovation(name=key),
        assessment=AssessmentMeta(stage=stage, assessor_role=role, assessed_on=on),
        answers=parsed,
    )
    return Candidate(key=key, label=key, assessment=a, result=score_assessment(a, frameworks), source="test")


def synthetic_candidates(frameworks: Mapping[str, Framework], count: int) -> list[Candidate]:
    """``count`` scored synthetic candidates of the bundled frameworks, labelled ``Inno 0``, ``Inno 1``... (seeded)."""
    rng = random.Random(21)
    out = []
    for n in range(count):
        a = synthetic_assessment(frameworks, rng, n)
        out.append(Candidate(key=str(n), label=f"Inno {n}", assessment=a, result=score_assessment(a, frameworks)))
    return out


def ready(**values: str) -> dict[str, dict[str, str]]:
    """Answers to the tiny readiness framework."""
    return {"tiny_readiness": values}


A3 = "addressed"
A2 = "partly_addressed"
A1 = "recognised"
A0 = "not_considered"
