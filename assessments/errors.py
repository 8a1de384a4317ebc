"""The one catalogue of user-facing problems, each with a stable code.

Every message is written for the person who has to fix the input: it says
where the problem is (file, sheet, row, column or field), what is wrong and
how to put it right. Code raises :class:`InputError` carrying one or more
:class:`Problem` objects; the CLI prints one line per problem and the app shows
them as a list. People read :attr:`Problem.text` first (fields named by their label);
the code and field path follow in a smaller line (:attr:`Problem.support`) for support.
Tests assert on codes, never on message wording.

Codes are grouped by topic (``FRAMEWORK_``, ``VERSION_``, ``ASSESSMENT_``, ``WORKBOOK_``,
``STORAGE_``, ``COMPARE_``). ``VERSION_002`` is a warning: it is shown, never raised. Add new
codes at the end of their group; never renumber or reuse one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from assessments.models.fields import field_label


class ErrorCode(Enum):
    """Stable error codes with message templates (``str.format`` fields)."""

    # --- framework definition files (frameworks/*.yaml) -------------------
    FRAMEWORK_001 = "The framework file cannot be read: {detail}. Check the file exists and is UTF-8 YAML."
    FRAMEWORK_002 = (
        "The framework file is not valid YAML: {detail}. Fix the indentation or quoting near the position given."
    )
    FRAMEWORK_003 = "{detail}. Correct this field in the framework file; see frameworks/README.md for the schema."
    FRAMEWORK_004 = "Two frameworks use the id '{id}'. Give each framework file a unique 'id'."
    FRAMEWORK_005 = "No framework files were found in {detail}. Add at least one *.yaml framework definition."

    # --- answers given under another version of a framework -------------------
    VERSION_001 = "These answers were given under framework '{framework}' version {found}, which this app cannot read (it has version {expected}, and reads earlier versions {allowed}). Export the assessment again from the app it came from, or copy the answers into a new template."
    VERSION_002 = '{framework}: these answers were given under version {found}; this app has version {expected}. {change} Please check {count} {answers}{what}: {items}. They are kept as they were, never reinterpreted: change any that needs it (to "Don\'t know" if you do not know), or confirm them on the questionnaire.'

    # --- assessment documents (JSON files and parsed answers) ---------------
    ASSESSMENT_001 = "This is not valid JSON: {detail}. Save the assessment again from the app or fix the JSON syntax."
    ASSESSMENT_002 = (
        "'format' must be \"scaling-readiness-assessment\" (found {found}). "
        "This file does not look like an assessment file; export one from the app to see the expected shape."
    )
    ASSESSMENT_003 = "Format version {found} is not supported; this version of the app reads version {expected}. Re-export the file from a matching version of the app."
    ASSESSMENT_004 = "Unknown framework id '{found}'. Use one of: {allowed}."
    ASSESSMENT_005 = "Unknown item id '{found}' in framework '{framework}'. Check the spelling against `python -m assessments frameworks`, or remove the entry."
    ASSESSMENT_006 = "'{found}' is not an answer option for this item. Use one of: {allowed}."
    ASSESSMENT_007 = "Wrong type: {detail}."
    ASSESSMENT_008 = "{detail} is required but empty. {fix}"
    ASSESSMENT_009 = "Unknown evidence type '{found}'. Use any of: {allowed}."
    ASSESSMENT_010 = "Unknown field '{found}'. Remove it; allowed fields here are: {allowed}."
    ASSESSMENT_011 = "'{found}' is not a valid value. Use one of: {allowed}."
    ASSESSMENT_012 = "'{found}' is not a valid date. Write dates as YYYY-MM-DD, for example 2026-03-31."
    ASSESSMENT_013 = "The text is {length} characters long; the limit is {limit}. Shorten it or attach the detail as a separate document."
    ASSESSMENT_014 = "The file is {size} which is over the {limit} limit. Split it or remove unrelated content."
    ASSESSMENT_015 = "The file cannot be read: {detail}."
    ASSESSMENT_016 = "Files ending '{found}' cannot be read as an assessment. Give a .json assessment file or an .xlsx workbook exported by the app."
    ASSESSMENT_017 = "The JSON is nested {depth} levels deep; an assessment file is at most {limit} levels deep. Export the assessment from the app again, or give the file the shape shown in docs/assessment-format.md."
    ASSESSMENT_018 = "A number in the file is written with {length} characters ({found}); numbers in an assessment file have at most {limit}. Correct the number."
    ASSESSMENT_019 = "The text holds {found}, half of a UTF-16 surrogate pair, which is not a character. Delete it, or type the character it was meant to be."
    ASSESSMENT_020 = (
        "'{found}' appears more than once in the same object, so it is not clear which one is meant. Keep one of them."
    )
    ASSESSMENT_021 = "The text starting at line {line}, column {position} is {length} characters long; no text in an assessment file may be longer than {limit}. Shorten it."
    ASSESSMENT_022 = "More problems were found; only the first {limit} are listed. Fix those and check the file again."
    ASSESSMENT_023 = "The file holds {count} values (texts, numbers, lists and objects); an assessment file holds at most {limit}. Give the assessment file exported by the app, not another file."

    # --- Excel workbooks ------------------------------------------------------
    WORKBOOK_001 = (
        "This file is not an Excel .xlsx workbook ({detail}). Save it as 'Excel Workbook (.xlsx)' and upload it again."
    )
    WORKBOOK_002 = "The workbook is password-protected or encrypted. Remove the password in Excel (File > Info > Protect Workbook) and upload it again."
    WORKBOOK_003 = "The workbook is damaged and cannot be opened ({detail}). Open it in Excel or LibreOffice, save a fresh copy and try again."
    WORKBOOK_004 = "The file is {size}, over the {limit} limit for a workbook. Upload the assessment workbook exported by the app, not a larger file."
    WORKBOOK_005 = "Sheet '{sheet}' is missing. Start from a fresh template (python -m assessments template) and copy the answers across."
    WORKBOOK_006 = "The workbook format version is {found}; this app reads version {expected}. Download a new template and copy the answers across."
    WORKBOOK_007 = (
        "Unknown item id '{found}'. Item ids in column A must not be edited; restore it from a fresh template."
    )
    WORKBOOK_008 = "'{found}' is not in the list for this item. Pick a value from the drop-down list: {allowed}."
    WORKBOOK_009 = "Rows were merged, moved or deleted: {detail}. Do not merge, reorder or delete rows; copy the answers into a fresh template."
    WORKBOOK_010 = "This workbook was made for framework '{framework}' version {found}, but the app has version {expected}. Download a new template and copy the answers across."
    WORKBOOK_011 = "The header row has been changed ({detail}). Restore the header row from a fresh template."
    WORKBOOK_012 = "Invalid value: {detail}."
    WORKBOOK_013 = "'{found}' is not a valid date. Type the date as YYYY-MM-DD, for example 2026-03-31."
    WORKBOOK_014 = "The cell holds a formula ({found}); formulas are never run on import. Type the text itself, starting it with an apostrophe (') if it begins with =, +, - or @."
    WORKBOOK_015 = "The text in this cell is {length} characters long; the limit is {limit}. Shorten it in the workbook or attach the detail as a separate document."
    WORKBOOK_016 = "The workbook holds framework '{found}', which this app does not have (it has: {allowed}). Download a new template from this app and copy the answers across."
    WORKBOOK_017 = "{detail} is required but empty. Fill it in and upload the workbook again."
    WORKBOOK_018 = "The sheet is bigger than a sheet of the assessment workbook can be: {detail}. Delete the rows and columns outside the template's table (or copy the answers into a fresh template) and upload it again."
    WORKBOOK_019 = "The workbook holds {found}; an assessment workbook holds at most {limit}. Upload the workbook exported by the app or filled in from its template, not another file."
    WORKBOOK_020 = "Part '{part}' of the workbook is {size} unpacked, over the {limit} limit for it. Upload the workbook exported by the app or filled in from its template, not a larger file."
    WORKBOOK_021 = (
        "More problems were found; only the first {limit} are listed. Fix those and upload the workbook again."
    )
    WORKBOOK_022 = "This workbook is not an assessment workbook made by this app: {detail}. Upload a workbook exported from the app, or download the blank template (the app's 'Excel import and export' page, or python -m assessments template), fill it in and upload that."
    WORKBOOK_023 = "This is a comparison workbook made by this app, not an assessment: it holds the results of comparing several assessments, and cannot be imported as one. Upload the assessment workbooks or JSON files the comparison was made from instead."
    WORKBOOK_024 = "Every sheet has gained an extra first column ({detail}), as pandas adds when it saves a table with its index (to_excel with index=True). Save the workbook again with index=False, or upload the workbook as the app exported it."

    # --- storage ---------------------------------------------------------------
    STORAGE_001 = "Assessment '{id}' is not saved here, or it is not yours to see. Check the id (in the app, the 'a=' part of the link) or pick the assessment from the list on the home page."
    STORAGE_002 = "The database cannot be opened or written ({detail}). What was saved before is kept. Check DATABASE_URL, that the data/ folder is writable and that the disk has room; if it keeps happening, tell whoever runs this installation."
    STORAGE_003 = "Assessment '{id}' can be read but not changed here: {detail}."
    STORAGE_004 = (
        "There is no workspace called '{found}'. Check the spelling; `python -m assessments workspace list` lists them."
    )
    STORAGE_005 = "You need the {detail} role in workspace '{found}' to do this. Ask that workspace's admin to add you."
    STORAGE_006 = "{detail}."
    STORAGE_007 = "This share link does not work: {detail}. Ask the person who sent it for a new one."
    STORAGE_008 = "The database cannot be used by this version of the app yet: {detail}."
    STORAGE_009 = "Not saved: {actor} changed the same thing ({detail}) at {at}, after you opened it. Nothing of your change was written; compare both values, then keep theirs or save yours again."

    # --- comparison and weights ----------------------------------------------
    COMPARE_001 = "Weight for '{key}' must be a number between 0 and 10 (found {found})."
    COMPARE_002 = "Unknown weight key '{key}'. Use framework.section ids such as: {allowed}."
    COMPARE_003 = "All weights are zero. Give at least one section a weight above zero."
    COMPARE_004 = "Nothing to compare: {detail}."
    COMPARE_005 = "The weights file cannot be read: {detail}. Write it as YAML mapping 'framework.section: weight'."
    COMPARE_006 = "Profile name '{found}' is not allowed. Use 1-60 letters, digits, spaces, '-' or '_'."
    COMPARE_007 = "The panel pack cannot be written to '{found}': {detail}. Give a file name ending in .pdf, in a folder that exists and that you may write to."
    COMPARE_008 = "The profile name is empty. Type a name for these weights, for example 'Prevention first' (up to 60 letters, digits, spaces, '-' or '_'), then save again."

    @property
    def code(self) -> str:
        """The code as printed, e.g. ``ASSESSMENT_005``."""
        return self.name


@dataclass(frozen=True)
class Problem:
    """One problem found in some input, located as precisely as possible."""

    code: ErrorCode
    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    label: str | None = None
    """The field's name where the person sees it under another (a form's "Your role"); else its usual label."""

    def __post_init__(self) -> None:
        # Locations repeat input too (file names, sheet names, keys of a JSON file): kept short and encodable.
        for name in ("file", "sheet", "column", "field", "label"):
            object.__setattr__(self, name, shown(getattr(self, name)))
        object.__setattr__(self, "message", shown(self.message, MESSAGE_LIMIT))

    @property
    def location(self) -> str:
        """Where the problem is, as support reads it, e.g. ``a.xlsx, sheet 'NASSS', row 7, column E, field 'x.y'``."""
        return ", ".join([*self._places(), *([f"field '{self.field}'"] if self.field else [])])

    def _places(self) -> list[str]:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return parts

    @property
    def where(self) -> str:
        """Where the problem is in words: file, sheet, row, column, and the field by its label
        (``Innovation name``), left out when the message names it already; empty when nowhere."""
        parts = self._places()
        if self.field:
            label = self.label or field_label(self.field)
            named = (label or self.field).casefold() in self.message.casefold()
            if not named:
                parts.append(label or f"entry '{self.field}'")
        return ", ".join(parts)

    @property
    def text(self) -> str:
        """The problem in plain words, what a person reads first: where it is, what is wrong, how to fix it."""
        return f"{self.where}: {self.message}" if self.where else self.message

    @property
    def reference(self) -> str:
        """The code and field path, for support: ``ASSESSMENT_008 · field innovation.name``."""
        return f"{self.code.code} · field {self.field}" if self.field else self.code.code

    @property
    def support(self) -> str:
        """The line shown under the message, in small print: ``For support: ASSESSMENT_008 · field innovation.name``."""
        return f"For support: {self.reference}"

    def __str__(self) -> str:
        """One line (the command line's): the plain words first, then the code and field in brackets."""
        return f"{self.text} [{self.reference}]"


SHOWN_LIMIT = 300
"""Most characters of one value a message repeats (a list of allowed values may be longer)."""
ALLOWED_LIMIT = 2000
"""Most characters of a list of allowed values a message repeats."""
MESSAGE_LIMIT = 4000
"""Most characters of a whole message."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def shown(value: Any, limit: int = SHOWN_LIMIT) -> Any:
    """A value as a message repeats it: text cut to ``limit`` characters and any lone surrogate written
    as its escape (``\\ud800``), so a message never echoes megabytes of input and can always be encoded.
    Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    if len(value) > limit:
        value = f"{value[: limit - 1]}… ({len(value):,} characters)"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value)


def message(code: ErrorCode, **params: Any) -> str:
    """The message of ``code`` with its template fields filled in, each value shown as :func:`shown` makes it."""
    return code.value.format(
        **{key: shown(value, ALLOWED_LIMIT if key == "allowed" else SHOWN_LIMIT) for key, value in params.items()}
    )


def problem(
    code: ErrorCode,
    *,
    file: str | None = None,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    field: str | None = None,
    label: str | None = None,
    **params: Any,
) -> Problem:
    """Build a :class:`Problem` from a catalogue code and its template fields.

    Args:
        code: The catalogue entry.
        file: File name, if the input came from a file.
        sheet: Worksheet name, for workbooks.
        row: 1-based row number, for workbooks.
        column: Column letter or header, for workbooks.
        field: Dotted path of the field, for structured documents.
        label: The field's name where the person sees it, when not its usual label (a form's own wording).
        **params: Values for the template placeholders.

    Returns:
        The located problem with its message filled in.
    """
    return Problem(
        code=code,
        message=message(code, **params),
        file=file,
        sheet=sheet,
        row=row,
        column=column,
        field=field,
        label=label,
    )


MAX_PROBLEMS = 200
"""Most problems one input error carries; readers stop collecting well before (see ``enough``)."""


@dataclass
class InputError(Exception):
    """Raised when input cannot be accepted; carries every problem found (at most :data:`MAX_PROBLEMS`)."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.problems) > MAX_PROBLEMS:
            self.problems = self.problems[:MAX_PROBLEMS]
        super().__init__(self.summary())

    def summary(self) -> str:
        """All problems, one per line."""
        return "\n".join(str(p) for p in self.problems)

    @property
    def codes(self) -> list[ErrorCode]:
        """The codes of all problems, in order."""
        return [p.code for p in self.problems]

    def __str__(self) -> str:
        return self.summary()


def human_size(n_bytes: int) -> str:
    """Format a byte count for messages, e.g. ``12.3 MB``."""
    size = float(n_bytes)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"  # pragma: no cover - loop always returns
