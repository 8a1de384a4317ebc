"""Reading an assessment workbook back strictly, at a bounded cost.

:func:`read_workbook` checks the bytes first (:mod:`assessments.xlsx.container`:
sizes as the zip declares them, before anything is inflated), then reads only
what the format defines (:mod:`assessments.xlsx.package`): the ``_meta`` sheet,
the Innovation sheet and the framework sheets ``_meta`` lists, each as a stream
with row and column limits (:mod:`assessments.xlsx.sheet`). Other sheets (About,
Summary, Lists, or any sheet someone added) are never parsed. Every problem is
collected (up to a limit), located (file, sheet, row, column) and raised
together as one :class:`~assessments.errors.InputError`; nothing is half-read.
Free text goes through :mod:`assessments.xlsx.cells`, so it round-trips exactly
and a formula is never run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from assessments.errors import ErrorCode, InputError, Problem
from assessments.models import (
    EVIDENCE_LABELS,
    MAX_TEXT_LENGTH,
    ROLE_LABELS,
    SHORT_TEXT_LENGTH,
    STAGE_LABELS,
    Answer,
    Assessment,
    AssessmentMeta,
    AssessorRole,
    EvidenceType,
    Framework,
    Innovation,
    Stage,
)
from assessments.upgrades import as_read_under, settled_versions
from assessments.validation import has_visible_text, validate_answer, validate_innovation, validate_meta
from assessments.wording import norm_label, option_labels
from assessments.xlsx.cells import read_text
from assessments.xlsx.checks import CellReader, TooManyProblems
from assessments.xlsx.layout import (
    COL_ANSWER,
    COL_EVIDENCE,
    COL_NOTE,
    COMPARISON_FORMAT,
    INNOVATION_FIELDS,
    INNOVATION_HEADERS,
    INNOVATION_SHEET,
    ITEM_HEADERS,
    META_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_FORMAT_VERSION,
)
from assessments.xlsx.package import Package, open_package
from assessments.xlsx.sheet import Sheet, XCell, read_sheet

"""Limit for names, organisation, assessor and label (as in the models)."""
_EVIDENCE_SPLIT = re.compile(r"[,;\n]")


def read_workbook(content: bytes, frameworks: Mapping[str, Framework], *, file: str) -> Assessment:
    """Read an assessment workbook (filled template or export) strictly.

    Checks, in order: size (before parsing), encryption, zip container, the
    ``_meta`` sheet (format version, framework versions), then the Innovation
    sheet and every framework sheet (header row, merged cells, item ids and
    their order, answers against their lists, dates, formulas, text length).
    Every problem found is collected before raising.

    Args:
        content: The .xlsx file's bytes.
        frameworks: The app's frameworks by id.
        file: The file name, used in every problem's location.

    Returns:
        The assessment, with ``id`` set to the assessment id recorded in the
        workbook (None for a filled-in template). Answers are validated against
        the frameworks; a framework with no answers has no entry in ``answers``.

    Raises:
        InputError: With every problem found (WORKBOOK_001 to WORKBOOK_017).
    """
    pkg = open_package(content, file)
    try:
        return _read_checked(pkg, frameworks)
    finally:
        pkg.close()


def _read_checked(pkg: Package, fws: Mapping[str, Framework]) -> Assessment:
    reader = CellReader(file=pkg.file, problems=[], epoch=pkg.epoch)
    try:
        meta = _read_meta(pkg, fws, reader)
        if meta is None:
            raise InputError(reader.problems)
        details = _read_innovation(pkg, reader)
        answers: dict[str, dict[str, Answer]] = {}
        for fw, sheet in meta.frameworks:
            found = _read_framework(pkg, fw, sheet, reader)
            if found:
                answers[fw.id] = found
    except TooManyProblems:
        raise InputError(reader.problems) from None
    if reader.problems or details is None:
        raise InputError(reader.problems)
    innovation, assessment_meta = details
    return Assessment(
        id=meta.assessment_id,
        innovation=innovation,
        assessment=assessment_meta,
        answers=answers,
        framework_versions=settled_versions(fws, meta.versions, answers),
    )


def _sheet(pkg: Package, title: str, reader: CellReader) -> Sheet | None:
    """The sheet called ``title``, read within the limits; None (after reporting WORKBOOK_005) if it is missing."""
    if title not in pkg.sheets:
        reader.add(ErrorCode.WORKBOOK_005, sheet=title)
        return None
    try:
        return read_sheet(pkg, title)
    except InputError as exc:  # too big or damaged: reported with the other sheets' problems
        reader.extend(exc.problems)
        return None


@dataclass(frozen=True)
class _MetaInfo:
    assessment_id: str | None
    frameworks: list[tuple[Framework, str]]
    """Each framework found in the workbook with its sheet name (as its version labelled the answers)."""
    versions: dict[str, str]
    """Earlier framework versions the workbook was made for, by framework id (``assessments.upgrades``)."""


def _read_meta(pkg: Package, fws: Mapping[str, Framework], reader: CellReader) -> _MetaInfo | None:
    if META_SHEET not in pkg.sheets and INNOVATION_SHEET not in pkg.sheets:  # else WORKBOOK_005 names the sheet
        reader.add(ErrorCode.WORKBOOK_022, detail=pkg.sheets_listed())
        return None
    ws = _sheet(pkg, META_SHEET, reader)
    if ws is None:
        return None
    keys: dict[str, Any] = {}
    shifted: dict[str, Any] = {}
    listed: list[tuple[int | None, str, str, str]] = []
    for number in range(1, ws.last_row + 1):
        cells = ws.row(number, 5)
        key = cells[0].value
        if key == "framework":
            listed.append(
                (cells[0].row, read_text(cells[1].value), read_text(cells[2].value), read_text(cells[3].value))
            )
        elif isinstance(key, str):
            keys[key] = cells[1].value
        if isinstance(cells[1].value, str):
            shifted[cells[1].value] = cells[2].value  # where the keys are after pandas added an index column
    found_format = keys.get("format")
    if found_format == COMPARISON_FORMAT:
        reader.add(ErrorCode.WORKBOOK_023)
        return None
    if found_format is None and shifted.get("format") in (WORKBOOK_FORMAT, COMPARISON_FORMAT):
        reader.add(
            ErrorCode.WORKBOOK_024, sheet=META_SHEET, column="A", detail="the app's markers are in column B, not A"
        )
        return None
    if found_format != WORKBOOK_FORMAT:
        shown = "no format marker" if found_format is None else f"the format marker '{read_text(found_format)}'"
        reader.add(ErrorCode.WORKBOOK_022, sheet=META_SHEET, row=2, column="B", detail=f"its _meta sheet has {shown}")
        return None
    if keys.get("format_version") != WORKBOOK_FORMAT_VERSION:
        reader.add(
            ErrorCode.WORKBOOK_006,
            sheet=META_SHEET,
            row=3,
            column="B",
            found=keys.get("format_version"),
            expected=WORKBOOK_FORMAT_VERSION,
        )
        return None
    found: list[tuple[Framework, str]] = []
    versions: dict[str, str] = {}
    for row, fid, version, sheet in listed:
        fw = fws.get(fid)
        if fw is None:
            reader.add(ErrorCode.WORKBOOK_016, sheet=META_SHEET, row=row, column="B", found=fid, allowed=", ".join(fws))
            continue
        if version != fw.version and fw.earlier(version) is not None:
            versions[fid] = version  # read with that version's labels; answers whose meaning changed are named
            fw = as_read_under(fw, version)
        elif version != fw.version:
            reader.add(
                ErrorCode.WORKBOOK_010,
                sheet=META_SHEET,
                row=row,
                column="C",
                framework=fid,
                found=version,
                expected=fw.version,
            )
            continue
        found.append((fw, sheet))
    ident = read_text(keys.get("assessment_id")).strip() or None
    return _MetaInfo(assessment_id=ident, frameworks=found, versions=versions)


def _match_choice(value: str, labels: dict[str, str]) -> str | None:
    wanted = norm_label(value)
    for option_id, label in labels.items():
        if wanted in (norm_label(label), option_id.casefold()):
            return option_id
    return None


def _parse_evidence(cell: XCell, sheet: str, reader: CellReader) -> tuple[EvidenceType, ...] | None:
    if reader.formula(cell, sheet):
        return None
    raw = read_text(cell.value)
    by_key: dict[str, EvidenceType] = {}
    for kind, label in EVIDENCE_LABELS.items():
        by_key[norm_label(label)] = kind
        by_key[kind.value] = kind
    found: list[EvidenceType] = []
    ok = True
    for token in _EVIDENCE_SPLIT.split(raw):
        token = token.strip()
        if not token:
            continue
        et = by_key.get(norm_label(token)) or by_key.get(token.casefold())
        if et is None:
            reader.not_in_list(cell, sheet, token, ", ".join(EVIDENCE_LABELS.values()))
            ok = False
        elif et not in found:
            found.append(et)
    if not ok:
        return None
    order = list(EvidenceType)
    return tuple(sorted(found, key=order.index))


def _read_framework(pkg: Package, fw: Framework, sheet: str, reader: CellReader) -> dict[str, Answer]:
    ws = _sheet(pkg, sheet, reader)
    if ws is None:
        return {}
    if not (reader.header(ws, ITEM_HEADERS) & reader.merged(ws)):
        return {}
    expected = list(fw.items)
    seen: dict[str, int] = {}
    structural = False
    answers: dict[str, Answer] = {}
    for row in range(2, ws.last_row + 1):
        cells = ws.row(row, len(ITEM_HEADERS))
        content = [c for c in cells[1:] if c.value not in (None, "")]
        raw_id = cells[0].value
        if raw_id in (None, ""):
            if content:
                structural = True
                reader.add(
                    ErrorCode.WORKBOOK_009,
                    sheet=sheet,
                    row=row,
                    column="A",
                    detail="this row has content but no item id in column A (was a row added?)",
                )
            continue
        item_id = read_text(raw_id).strip()
        if item_id not in fw.items:
            structural = True
            reader.add(ErrorCode.WORKBOOK_007, sheet=sheet, row=row, column="A", found=item_id)
            continue
        if item_id in seen:
            structural = True
            reader.add(
                ErrorCode.WORKBOOK_009,
                sheet=sheet,
                row=row,
                column="A",
                detail=f"item '{item_id}' appears twice (rows {seen[item_id]} and {row})",
            )
            continue
        seen[item_id] = row
        answer = _read_answer(fw, item_id, cells, sheet, reader)
        if answer is not None and not answer.is_blank:
            answers[item_id] = answer
    missing = [item_id for item_id in expected if item_id not in seen]
    if missing and not structural:  # after an unknown or repeated id the missing rows are usually that row
        structural = True
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        reader.add(ErrorCode.WORKBOOK_009, sheet=sheet, column="A", detail=f"the rows for items {shown} are missing")
    elif not structural:
        for index, item_id in enumerate(expected):
            if seen[item_id] != index + 2:
                reader.add(
                    ErrorCode.WORKBOOK_009,
                    sheet=sheet,
                    row=seen[item_id],
                    column="A",
                    detail=f"item '{item_id}' is on row {seen[item_id]} but belongs on row {index + 2}",
                )
    return answers


def _read_answer(
    fw: Framework, item_id: str, cells: tuple[XCell, ...], sheet: str, reader: CellReader
) -> Answer | None:
    item = fw.item(item_id)
    before = len(reader.problems)
    answer_cell = cells[COL_ANSWER - 1]
    value: str | None = None
    if item.type == "choice":
        if not reader.formula(answer_cell, sheet):
            typed = read_text(answer_cell.value).strip()
            if typed:
                labels = option_labels(fw, item_id)
                value = _match_choice(typed, labels)
                if value is None:
                    reader.not_in_list(answer_cell, sheet, typed, "; ".join(labels.values()))
    elif item.type == "date":
        ok, date = reader.date(answer_cell, sheet)
        value = date.isoformat() if ok and date else None
    else:
        value = reader.text(answer_cell, sheet, MAX_TEXT_LENGTH) or None
    note = reader.text(cells[COL_NOTE - 1], sheet, MAX_TEXT_LENGTH)
    evidence = _parse_evidence(cells[COL_EVIDENCE - 1], sheet, reader)
    if len(reader.problems) != before or note is None or evidence is None:
        return None
    # The cells are read; the answer itself is checked by the one validator, like any other.
    raw = {"value": value, "note": note, "evidence": [e.value for e in evidence]}
    answer, problems = validate_answer(fw, item_id, raw, file=reader.file, field=f"{fw.id}.{item_id}")
    reader.extend([replace(p, sheet=sheet, row=answer_cell.row) for p in problems])
    return answer


def _read_innovation(pkg: Package, reader: CellReader) -> tuple[Innovation, AssessmentMeta] | None:
    sheet = INNOVATION_SHEET
    ws = _sheet(pkg, sheet, reader)
    if ws is None:
        return None
    if not (reader.header(ws, INNOVATION_HEADERS) & reader.merged(ws)):
        return None
    before = len(reader.problems)
    cells: dict[str, XCell] = {}
    for row, (field_id, _label, _hint) in enumerate(INNOVATION_FIELDS, start=2):
        found = read_text(ws.cell(row, 1).value).strip()
        if found != field_id:
            reader.add(
                ErrorCode.WORKBOOK_009,
                sheet=sheet,
                row=row,
                column="A",
                detail=f"row {row} should hold field '{field_id}' but holds '{found}'",
            )
        cells[field_id] = ws.cell(row, 3)
    if len(reader.problems) != before:
        return None
    name = reader.text(cells["name"], sheet, SHORT_TEXT_LENGTH)
    if name is not None and not has_visible_text(name):
        detail = "The innovation name" + (" (it holds only invisible characters)" if name else "")
        reader.add(ErrorCode.WORKBOOK_017, sheet=sheet, row=cells["name"].row, column="C", detail=detail)
    organisation = reader.text(cells["organisation"], sheet, SHORT_TEXT_LENGTH)
    description = reader.text(cells["description"], sheet, MAX_TEXT_LENGTH)
    assessor = reader.text(cells["assessor"], sheet, SHORT_TEXT_LENGTH)
    label = reader.text(cells["label"], sheet, SHORT_TEXT_LENGTH)
    stage = _read_enum(cells["stage"], sheet, Stage, STAGE_LABELS, reader)
    role = _read_enum(cells["assessor_role"], sheet, AssessorRole, ROLE_LABELS, reader)
    _ok, assessed_on = reader.date(cells["assessed_on"], sheet)
    if len(reader.problems) != before:
        return None
    # The cells are read; the details themselves are checked by the one validator.
    problems: list[Problem] = []
    innovation = validate_innovation(
        {"name": name, "organisation": organisation, "description": description}, problems, file=reader.file
    )
    meta = validate_meta(
        {"assessed_on": assessed_on, "stage": stage, "assessor_role": role, "assessor": assessor, "label": label},
        problems,
        file=reader.file,
    )
    reader.extend([replace(p, sheet=sheet) for p in problems])
    if innovation is None or meta is None:
        return None
    return innovation, meta


def _read_enum(cell: XCell, sheet: str, enum: Any, labels: Mapping[Any, str], reader: CellReader) -> Any:
    if reader.formula(cell, sheet):
        return None
    typed = read_text(cell.value).strip()
    if not typed:
        return None
    option_id = _match_choice(typed, {member.value: label for member, label in labels.items()})
    if option_id is None:
        reader.not_in_list(cell, sheet, typed, ", ".join(labels.values()))
        return None
    return enum(option_id)
