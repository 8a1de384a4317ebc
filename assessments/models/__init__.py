"""Typed models: framework definitions, assessments, and the results scoring produces.

* ``vocab``: ids, limits and vocabularies shared by every framework (evidence types, stages, roles).
* ``framework``: ``Framework`` and its parts, loaded from ``frameworks/*.yaml`` and validated strictly.
* ``assessment``: ``Assessment``, ``Answer``, ``Innovation``, ``AssessmentMeta``: what a person answered.
* ``results``: ``AssessmentResult`` and its parts, with ``FlagCode``; their JSON form is documented.
"""

from assessments.models.assessment import Answer, Answers, Assessment, AssessmentMeta, Innovation
from assessments.models.framework import (
    Citation,
    EarlierVersion,
    Framework,
    FrameworkLookups,
    Item,
    Option,
    Scale,
    Section,
)
from assessments.models.results import AssessmentResult, Flag, FlagCode, FrameworkResult, ItemResult, SectionResult
from assessments.models.vocab import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    DONT_KNOW,
    EVIDENCE_LABELS,
    MAX_TEXT_LENGTH,
    NOT_APPLICABLE,
    READABLE_FORMAT_VERSIONS,
    ROLE_LABELS,
    SHORT_TEXT_LENGTH,
    STAGE_LABELS,
    AssessorRole,
    EvidenceType,
    Id,
    ItemStatus,
    MethodId,
    Stage,
    StrictModel,
)

__all__ = [
    "ASSESSMENT_FORMAT",
    "ASSESSMENT_FORMAT_VERSION",
    "DONT_KNOW",
    "EVIDENCE_LABELS",
    "MAX_TEXT_LENGTH",
    "NOT_APPLICABLE",
    "READABLE_FORMAT_VERSIONS",
    "ROLE_LABELS",
    "SHORT_TEXT_LENGTH",
    "STAGE_LABELS",
    "Answer",
    "Answers",
    "Assessment",
    "AssessmentMeta",
    "AssessmentResult",
    "AssessorRole",
    "Citation",
    "EarlierVersion",
    "EvidenceType",
    "Flag",
    "FlagCode",
    "Framework",
    "FrameworkLookups",
    "FrameworkResult",
    "Id",
    "Innovation",
    "Item",
    "ItemResult",
    "ItemStatus",
    "MethodId",
    "Option",
    "Scale",
    "Section",
    "SectionResult",
    "Stage",
    "StrictModel",
]
