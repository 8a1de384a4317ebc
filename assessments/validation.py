"""The one validator: answers and assessment details checked against the frameworks, for every way in.

JSON files (``assessments.jsonfile``), workbooks (``assessments.xlsx``), the store and the
questionnaire pages all validate through these functions, so a limit or a rule exists once.
Problems come from the error catalogue (``assessments.errors``), located by file and field,
and every problem in the input is collected rather than stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.models import (
    MAX_TEXT_LENGTH,
    SHORT_TEXT_LENGTH,
    Answer,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)

ANSWER_KEYS = ("value", "note", "evidence")
INNOVATION_KEYS = ("name", "organisation", "description")
META_KEYS = ("assessed_on", "stage", "assessor_role", "assessor", "label")

EVIDENCE_BY_ID: dict[str, EvidenceType] = {e.value: e for e in EvidenceType}
EVIDENCE_ORDER: dict[EvidenceType, int] = {e: i for i, e in enumerate(EvidenceType)}
_ANSWER_KEY_SET = frozenset(ANSWER_KEYS)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_LISTED = 10
"""Problems of one kind listed for one object or list (the rest are alike)."""
_EVIDENCE_SETS: dict[tuple[str, ...], tuple[EvidenceType, ...]] = {}
"""Evidence lists already read, by their ids in the order given (valid, distinct ids only)."""
_SHARED_ANSWERS: dict[tuple[str | None, tuple[EvidenceType, ...]], Answer] = {}
"""Note-less answers that pick an option (or give only evidence), by (option id, evidence).

Answers are immutable and there are few of these (option ids x evidence sets), so a bulk
read of many files shares one object per distinct answer."""


_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})
"""Controls, format characters (zero-width space and joiners, bidirectional marks, BOM, soft
hyphen, tags), surrogates, spaces and separators, and combining marks with nothing to combine
with: none of them shows as a character of its own. (Unassigned and private-use code points do
show, as a box or a symbol of some font.)"""
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
"""Characters Unicode counts as letters or symbols that nonetheless show nothing: the Hangul
fillers (U+115F, U+1160, U+3164, U+FFA0), the blank Braille pattern (U+2800), the Mongolian
vowel separator and the Khmer inherent vowels."""


def has_visible_text(text: str) -> bool:
    """True if ``text`` holds at least one character that shows (not only spaces, invisible or filler characters).

    A name made of zero-width spaces, bidirectional marks, Hangul fillers or blank Braille
    patterns looks empty on every page and list, so it is no name.
    """
    return any(ch not in _BLANK_LETTERS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text)


def clean_text(text: str) -> str:
    """Remove control characters no document format can hold (keeps tab, line feed and carriage return)."""
    return _ILLEGAL.sub("", text)


def validate_answer(
    framework: Framework, item_id: str, raw: Any, *, file: str | None = None, field: str = ""
) -> tuple[Answer | None, list[Problem]]:
    """Check one raw answer (a mapping with value, note and evidence) against its item.

    Args:
        framework: The framework the item belongs to (the item must exist).
        item_id: The item id.
        raw: The raw answer, as decoded from JSON or gathered from a workbook row.
        file: File name for problem locations.
        field: Dotted path of the answer for problem locations.

    Returns:
        The parsed answer (None if it had problems) and every problem found.
    """
    if not isinstance(raw, dict):
        detail = "an answer must be an object with 'value', 'note' and 'evidence'"
        return None, [problem(ErrorCode.ASSESSMENT_007, file=file, field=field, detail=detail)]
    problems: list[Problem] = []
    if not raw.keys() <= _ANSWER_KEY_SET:
        allowed = ", ".join(ANSWER_KEYS)
        for key in raw:
            if key not in _ANSWER_KEY_SET:
                problems.append(
                    problem(ErrorCode.ASSESSMENT_010, file=file, field=f"{field}.{key}", found=key, allowed=allowed)
                )
    item_type = framework.item(item_id).type
    value = raw.get("value")
    if value == "":
        value = None
    elif value is not None:
        if not isinstance(value, str):
            detail = f"'value' must be text or null, not {type(value).__name__}"
            problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field=f"{field}.value", detail=detail))
            value = None
        elif item_type == "choice":
            if value not in framework.option_ids(item_id):
                allowed = ", ".join(o.id for o in framework.options(item_id))
                problems.append(
                    problem(ErrorCode.ASSESSMENT_006, file=file, field=f"{field}.value", found=value, allowed=allowed)
                )
        elif item_type == "date":
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                problems.append(problem(ErrorCode.ASSESSMENT_012, file=file, field=f"{field}.value", found=value))
        elif len(value) > MAX_TEXT_LENGTH:
            problems.append(
                problem(
                    ErrorCode.ASSESSMENT_013,
                    file=file,
                    field=f"{field}.value",
                    length=len(value),
                    limit=MAX_TEXT_LENGTH,
                )
            )
    note = raw.get("note")
    if note is None:
        note = ""
    elif not isinstance(note, str):
        detail = f"'note' must be text, not {type(note).__name__}"
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field=f"{field}.note", detail=detail))
        note = ""
    elif len(note) > MAX_TEXT_LENGTH:
        problems.append(
            problem(ErrorCode.ASSESSMENT_013, file=file, field=f"{field}.note", length=len(note), limit=MAX_TEXT_LENGTH)
        )
    raw_evidence = raw.get("evidence")
    evidence = () if raw_evidence is None else _evidence(raw_evidence, file, field, problems)
    if problems:
        return None, problems
    if note or item_type != "choice":
        return Answer(value=value, note=note, evidence=evidence), []
    key = (value, evidence)
    shared = _SHARED_ANSWERS.get(key)
    if shared is None:
        shared = _SHARED_ANSWERS[key] = Answer(value=value, evidence=evidence)
    return shared, []


def _evidence(raw: Any, file: str | None, field: str, problems: list[Problem]) -> tuple[EvidenceType, ...]:
    """Evidence type ids as a tuple in canonical order, without repeats; problems for anything else."""
    if not isinstance(raw, list):
        detail = "'evidence' must be a list of evidence type ids"
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field=f"{field}.evidence", detail=detail))
        return ()
    if not raw:
        return ()
    if all(type(ev) is str for ev in raw):
        known = _EVIDENCE_SETS.get(tuple(raw))
        if known is not None:
            return known
    found: set[EvidenceType] = set()
    unknown = 0
    for ev in raw:
        et = EVIDENCE_BY_ID.get(ev) if isinstance(ev, str) else None
        if et is None:
            unknown += 1
            if unknown > MAX_LISTED:
                break
            allowed = ", ".join(EVIDENCE_BY_ID)
            problems.append(
                problem(ErrorCode.ASSESSMENT_009, file=file, field=f"{field}.evidence", found=ev, allowed=allowed)
            )
        else:
            found.add(et)
    evidence = tuple(sorted(found, key=EVIDENCE_ORDER.__getitem__))
    if len(found) == len(raw):
        # Every entry a known id and none repeated, so the memo holds at most a few hundred orderings of five types.
        _EVIDENCE_SETS[tuple(raw)] = evidence
    return evidence


def check_answer(
    frameworks: Mapping[str, Framework], framework_id: str, item_id: str, answer: Answer, *, field: str = ""
) -> Answer:
    """Check an answer built in the app (a page, an import) before it is saved; return it with text cleaned.

    Raises:
        InputError: an unknown framework or item, an option the item does not have, or text over its limit.
    """
    fw = frameworks.get(framework_id)
    if fw is None:
        raise InputError(
            [problem(ErrorCode.ASSESSMENT_004, field=field, found=framework_id, allowed=", ".join(frameworks))]
        )
    if item_id not in fw.items:
        raise InputError([problem(ErrorCode.ASSESSMENT_005, field=field, found=item_id, framework=framework_id)])
    value = answer.value
    if value is not None and fw.item(item_id).type != "choice":
        value = clean_text(value)
    raw = {"value": value, "note": clean_text(answer.note), "evidence": [e.value for e in answer.evidence]}
    parsed, problems = validate_answer(fw, item_id, raw, field=field)
    if parsed is None:
        raise InputError(problems)
    return parsed


def _text_field(
    raw: Mapping[str, Any], key: str, path: str, file: str | None, problems: list[Problem], *, limit: int
) -> str:
    value = raw.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        detail = f"'{key}' must be text, not {type(value).__name__}"
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field=path, detail=detail))
        return ""
    if len(value) > limit:
        problems.append(problem(ErrorCode.ASSESSMENT_013, file=file, field=path, length=len(value), limit=limit))
        return ""
    return value


def _unknown_keys(raw: Mapping[str, Any], allowed: tuple[str, ...], prefix: str, file: str | None) -> list[Problem]:
    return [
        problem(ErrorCode.ASSESSMENT_010, file=file, field=f"{prefix}.{key}", found=key, allowed=", ".join(allowed))
        for key in raw
        if key not in allowed
    ][:MAX_LISTED]


def validate_innovation(raw: Any, problems: list[Problem], *, file: str | None = None) -> Innovation | None:
    """The innovation's details from a raw mapping (name required), appending any problems found."""
    if not isinstance(raw, dict):
        detail = "The innovation's details ('innovation', with at least a 'name')"
        fix = "Add them, as in an assessment exported from the app."
        problems.append(problem(ErrorCode.ASSESSMENT_008, file=file, field="innovation", detail=detail, fix=fix))
        return None
    problems.extend(_unknown_keys(raw, INNOVATION_KEYS, "innovation", file))
    before = len(problems)
    name = _text_field(raw, "name", "innovation.name", file, problems, limit=SHORT_TEXT_LENGTH).strip()
    org = _text_field(raw, "organisation", "innovation.organisation", file, problems, limit=SHORT_TEXT_LENGTH)
    desc = _text_field(raw, "description", "innovation.description", file, problems, limit=MAX_TEXT_LENGTH)
    if not has_visible_text(name) and len(problems) == before:
        detail = "The innovation's name" + (" (it holds only invisible characters)" if name else "")
        fix = "Type the name of the innovation."
        problems.append(problem(ErrorCode.ASSESSMENT_008, file=file, field="innovation.name", detail=detail, fix=fix))
    if len(problems) != before:
        return None
    return Innovation(name=name, organisation=org, description=desc)


def validate_meta(raw: Any, problems: list[Problem], *, file: str | None = None) -> AssessmentMeta | None:
    """The assessment's details (date, stage, role, assessor, label) from a raw mapping, appending any problems."""
    if raw is None:
        return AssessmentMeta()
    if not isinstance(raw, dict):
        detail = "'assessment' must be an object"
        problems.append(problem(ErrorCode.ASSESSMENT_007, file=file, field="assessment", detail=detail))
        return None
    before = len(problems)
    problems.extend(_unknown_keys(raw, META_KEYS, "assessment", file))
    assessed_on: dt.date | None = None
    raw_date = raw.get("assessed_on")
    if isinstance(raw_date, dt.date):
        assessed_on = raw_date
    elif raw_date not in (None, ""):
        try:
            assessed_on = dt.date.fromisoformat(str(raw_date))
        except ValueError:
            problems.append(
                problem(ErrorCode.ASSESSMENT_012, file=file, field="assessment.assessed_on", found=raw_date)
            )
    stage = _enum_field(raw, "stage", Stage, file, problems)
    role = _enum_field(raw, "assessor_role", AssessorRole, file, problems)
    assessor = _text_field(raw, "assessor", "assessment.assessor", file, problems, limit=SHORT_TEXT_LENGTH)
    label = _text_field(raw, "label", "assessment.label", file, problems, limit=SHORT_TEXT_LENGTH)
    if len(problems) != before:
        return None
    return AssessmentMeta(
        assessed_on=assessed_on,
        stage=Stage(stage) if stage else None,
        assessor_role=AssessorRole(role) if role else None,
        assessor=assessor,
        label=label,
    )


def _enum_field(
    raw: Mapping[str, Any],
    key: str,
    enum: type[Stage] | type[AssessorRole],
    file: str | None,
    problems: list[Problem],
) -> str | None:
    value = raw.get(key)
    if value in (None, ""):
        return None
    allowed = [e.value for e in enum]
    if value not in allowed:
        problems.append(
            problem(
                ErrorCode.ASSESSMENT_011, file=file, field=f"assessment.{key}", found=value, allowed=", ".join(allowed)
            )
        )
        return None
    return str(value)


def check_details(
    innovation: Mapping[str, Any], meta: Mapping[str, Any], *, required: Mapping[str, str] | None = None
) -> tuple[Innovation, AssessmentMeta]:
    """Check the details typed into a form, with the fields the form requires.

    Args:
        innovation: Raw innovation fields (name, organisation, description).
        meta: Raw assessment fields (assessed_on, stage, assessor_role, assessor, label).
        required: Dotted field (``innovation.name``, ``assessment.stage`` ...) to the label the
            form shows; each one left empty gives a problem naming that label.

    Raises:
        InputError: every problem found.
    """
    problems: list[Problem] = []
    values = {f"innovation.{k}": v for k, v in innovation.items()} | {f"assessment.{k}": v for k, v in meta.items()}
    missing: set[str] = set()
    for field, label in (required or {}).items():
        value = values.get(field)
        if value is None or (isinstance(value, str) and not has_visible_text(value)):
            missing.add(field)
            fix = "Type it in." if isinstance(value, str) else "Choose one."
            problems.append(problem(ErrorCode.ASSESSMENT_008, field=field, label=label, detail=label, fix=fix))
    found: list[Problem] = []
    parsed_innovation = validate_innovation(dict(innovation), found)
    # A required name left empty is reported once, with the form's label.
    problems.extend(p for p in found if not (p.field == "innovation.name" and "innovation.name" in missing))
    parsed_meta = validate_meta(dict(meta), problems)
    if problems or parsed_innovation is None or parsed_meta is None:
        raise InputError(problems)
    return parsed_innovation, parsed_meta
