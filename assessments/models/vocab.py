"""Vocabularies shared by every framework and assessment: ids, limits, evidence types, stages, roles, methods."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A stable snake_case identifier: storage, scores and exports key on these."""

MethodId = Literal["readiness", "complexity", "planning"]
"""How a framework is scored; each has one implementation in ``assessments.methods``."""

ItemStatus = Literal["answered", "dont_know", "not_applicable", "unanswered"]
"""How one item was answered (scoring rule ALL-01)."""

ASSESSMENT_FORMAT: Final = "scaling-readiness-assessment"
ASSESSMENT_FORMAT_VERSION: Final = 2
"""Written by this app. Version 2 added ``framework_versions``; version 1 files are still read."""
READABLE_FORMAT_VERSIONS: Final = (1, 2)
MAX_TEXT_LENGTH = 20_000
"""Longest note, narrative answer or description accepted (Excel holds at most 32,767 characters a cell)."""
SHORT_TEXT_LENGTH = 200
"""Longest name, organisation, assessor or label accepted."""


class StrictModel(BaseModel):
    """Base for every model: unknown keys are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceType(StrEnum):
    """Kinds of evidence an answer can rest on (seed documents ask for a mix)."""

    RESEARCH = "research"
    EVALUATION_DATA = "evaluation_data"
    LIVED_EXPERIENCE = "lived_experience"
    PRACTICE_KNOWLEDGE = "practice_knowledge"
    ORGANISATIONAL_DATA = "organisational_data"

    @property
    def label(self) -> str:
        """Human label for the evidence type."""
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS: dict[EvidenceType, str] = {
    EvidenceType.RESEARCH: "Research",
    EvidenceType.EVALUATION_DATA: "Evaluation data",
    EvidenceType.LIVED_EXPERIENCE: "Lived experience",
    EvidenceType.PRACTICE_KNOWLEDGE: "Practice knowledge",
    EvidenceType.ORGANISATIONAL_DATA: "Organisational data",
}


class Stage(StrEnum):
    """How far the innovation has got."""

    IDEA = "idea"
    PILOT = "pilot"
    ESTABLISHED = "established"
    SPREADING = "spreading"


class AssessorRole(StrEnum):
    """Who filled in the assessment."""

    INNOVATOR = "innovator"
    PROVIDER = "provider"
    COMMISSIONER = "commissioner"
    OTHER = "other"


STAGE_LABELS = {
    Stage.IDEA: "Idea",
    Stage.PILOT: "Pilot",
    Stage.ESTABLISHED: "Established",
    Stage.SPREADING: "Spreading",
}
ROLE_LABELS = {
    AssessorRole.INNOVATOR: "Innovator",
    AssessorRole.PROVIDER: "Provider",
    AssessorRole.COMMISSIONER: "Commissioner",
    AssessorRole.OTHER: "Other",
}

DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
