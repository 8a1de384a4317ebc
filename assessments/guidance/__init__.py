"""Suggested next steps for an assessment's weakest areas: the advice (``advice.yaml``) and the rules that pick it."""

from assessments.guidance.advice import (
    Advice,
    AdviceBook,
    AdviceFileError,
    StageAdvice,
    bundled_advice,
    load_advice,
    parse_advice,
)
from assessments.guidance.steps import (
    GENERIC_ADVICE,
    GUIDANCE,
    SOURCES,
    STAGE_ADVICE,
    UNKNOWN_STEP_THRESHOLD,
    UNKNOWNS_ADVICE,
    Kind,
    NextStep,
    advice_for,
    next_steps,
    stage_note,
)

__all__ = [
    "GENERIC_ADVICE",
    "GUIDANCE",
    "SOURCES",
    "STAGE_ADVICE",
    "UNKNOWNS_ADVICE",
    "UNKNOWN_STEP_THRESHOLD",
    "Advice",
    "AdviceBook",
    "AdviceFileError",
    "Kind",
    "NextStep",
    "StageAdvice",
    "advice_for",
    "bundled_advice",
    "load_advice",
    "next_steps",
    "parse_advice",
    "stage_note",
]
