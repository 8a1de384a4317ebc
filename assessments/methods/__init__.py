"""Scoring methods: readiness, complexity and planning, each the one place its rules and meanings live."""

from __future__ import annotations

from assessments.methods.base import Axis, RadarLevel, Reading, ScoringMethod, SectionScores
from assessments.methods.complexity import Complexity
from assessments.methods.planning import Planning
from assessments.methods.readiness import Readiness
from assessments.models import Framework, FrameworkResult, MethodId

METHODS: dict[MethodId, ScoringMethod] = {m.id: m for m in (Readiness(), Complexity(), Planning())}
"""Every method by id; a framework names its method in ``scoring``."""


def method_of(subject: Framework | FrameworkResult) -> ScoringMethod:
    """The scoring method of a framework, or of a framework's result."""
    return METHODS[subject.scoring if isinstance(subject, Framework) else subject.method]


__all__ = ["METHODS", "Axis", "RadarLevel", "Reading", "ScoringMethod", "SectionScores", "method_of"]
