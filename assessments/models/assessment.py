"""Assessments: what a person answered about one innovation, keyed by stable ids."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from assessments.models.vocab import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    MAX_TEXT_LENGTH,
    SHORT_TEXT_LENGTH,
    AssessorRole,
    EvidenceType,
    Stage,
    StrictModel,
)


class Answer(StrictModel):
    """One answer: an option id (choice), text (narrative) or ISO date (date).

    ``value`` may be None when only a note or evidence has been recorded.
    """

    value: str | None = None
    note: str = Field(default="", max_length=MAX_TEXT_LENGTH)
    evidence: tuple[EvidenceType, ...] = ()

    @property
    def is_blank(self) -> bool:
        """True when nothing at all has been recorded."""
        return (self.value is None or self.value == "") and not self.note and not self.evidence


class Innovation(StrictModel):
    """What is being assessed."""

    name: str = Field(min_length=1, max_length=SHORT_TEXT_LENGTH)
    organisation: str = Field(default="", max_length=SHORT_TEXT_LENGTH)
    description: str = Field(default="", max_length=MAX_TEXT_LENGTH)

    @field_validator("name")
    @classmethod
    def _name_trimmed(cls, value: str) -> str:
        """Names are matched and shown without surrounding spaces, so store them that way."""
        value = value.strip()
        if not value:
            raise ValueError("the innovation's name must not be blank")
        return value


class AssessmentMeta(StrictModel):
    """Who assessed, when, and at what stage."""

    assessed_on: dt.date | None = None
    stage: Stage | None = None
    assessor_role: AssessorRole | None = None
    assessor: str = Field(default="", max_length=SHORT_TEXT_LENGTH)
    label: str = Field(default="", max_length=SHORT_TEXT_LENGTH)


Answers = dict[str, dict[str, Answer]]
"""Answers keyed by framework id, then item id."""


class Assessment(StrictModel):
    """One dated assessment of one innovation, as in the JSON assessment file."""

    format: Literal["scaling-readiness-assessment"] = ASSESSMENT_FORMAT
    version: Literal[1, 2] = ASSESSMENT_FORMAT_VERSION
    id: str | None = None
    innovation: Innovation
    assessment: AssessmentMeta = Field(default_factory=AssessmentMeta)
    answers: Answers = Field(default_factory=dict)
    framework_versions: dict[str, str] = Field(default_factory=dict)
    """The framework versions the answers were given under, by framework id, where that is not the
    app's current version (an earlier one, whose answers may need checking: ``assessments.upgrades``).
    A framework not listed was answered under the current version, the usual case."""

    def answer(self, framework_id: str, item_id: str) -> Answer | None:
        """The answer to one item, or None if there is none."""
        return self.answers.get(framework_id, {}).get(item_id)
