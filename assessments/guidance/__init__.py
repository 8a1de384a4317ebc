"""Suggested next steps for an assessment's weakest areas: the advice (``advice.yaml``) and the rules that pick it."""

from assessments.guidance.advice import Advice, AdviceBook, AdviceFileError, bundled_advice, load_advice, parse_advice
from assessments.guidance.steps import (
    GENERIC_ADVICE,
    GUIDANCE,
    SOURCES,
    UNKNOWN_STEP_THRESHOLD,
    UNKNOWNS_ADVICE,
    Kind,
    NextStep,
    advice_for,
    next_steps,
)

__all__ = [
    "GENERIC_ADVICE",
    "GUIDANCE",
    "SOURCES",
    "UNKNOWNS_ADVICE",
    "UNKNOWN_STEP_THRESHOLD",
    "Advice",
    "AdviceBook",
    "AdviceFileError",
    "Kind",
    "NextStep",
    "advice_for",
    "bundled_advice",
    "load_advice",
    "next_steps",
    "parse_advice",
]
