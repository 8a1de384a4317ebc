"""The parts of an uploaded workbook the format defines, read with a bounded cost.

Only what an assessment workbook needs is ever inflated and parsed: the
workbook part (sheet names and the date system), its relationships, the shared
strings, the number formats of the styles (to tell dates from numbers) and the
sheets the reader asks for (:mod:`assessments.xlsx.sheet`). Other sheets,
charts, images, themes and document properties are never opened.

Every part is checked against its own size limit (from the size the zip
declares, before it is inflated), parsed as a stream by defusedxml (no DTD, no
entities) and dropped element by element as it is read, and one budget of XML
elements is shared by all the parts of one workbook, so no file can make the
reader work for long or hold much memory, whatever it declares or holds.

Text comes back exactly as stored (OOXML ``_xHHHH_`` escapes intact): openpyxl's
own shared-string reader half-undoes them (it drops every ``x005F_``), which the
single unescape of :func:`assessments.xlsx.cells.read_text` would then undo again.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

from assessments.errors import ErrorCode, InputError, Problem, human_size, problem
from assessments.xlsx.container import open_container

WORKBOOK_PART = "xl/workbook.xml"
MAX_SHEET_PART_BYTES = 8 * 1024 * 1024
"""Largest unpacked sheet part read (a framework sheet of 39 items, each with two 20,000-character texts, is under 5 MB)."""
MAX_STRINGS_PART_BYTES = 16 * 1024 * 1024
"""Largest unpacked shared-strings part read."""
MAX_OTHER_PART_BYTES = 2 * 1024 * 1024
"""Largest unpacked workbook, relationships or styles part read (an exported workbook's are under 20 KB)."""
MAX_XML_ELEMENTS = 150_000
"""XML elements read from all the parts of one workbook together (a re-saved export has about 5,000)."""
MAX_SHEETS = 64
"""Most sheets a workbook may list (an export has eight)."""
MAX_SHARED_STRINGS = 100_000
"""Most shared strings a workbook may hold (a re-saved export has about 1,000)."""

_REL_NS_HINT = "relationships"


class PartTooBig(Exception):
    """A part holds more XML elements than the budget left (raised inside a part; the caller says where)."""


def local(tag: str) -> str:
    """An element's name without its namespace (transitional and strict OOXML alike)."""
    return tag.rpartition("}")[2]


def _rel_id(el: Element) -> str | None:
    for key, value in el.attrib.items():
        ns, _, name = key.rpartition("}")
        if name == "id" and _REL_NS_HINT in ns:
            return value
    return None


@dataclass
class Package:
    """An opened workbook: its sheets by name, shared strings, date styles and date system."""

    file: str
    archive: zipfile.ZipFile
    sheets: dict[str, str] = field(default_factory=dict)
    """Part path of each sheet, by sheet name."""
    shared: list[str] = field(default_factory=list)
    """Shared strings, exactly as stored (escapes intact)."""
    date_styles: frozenset[int] = frozenset()
    """Cell style indexes whose number format shows a date."""
    epoch: dt.datetime = WINDOWS_EPOCH
    budget: int = MAX_XML_ELEMENTS
    """XML elements still allowed for the rest of this workbook."""

    def close(self) -> None:
        """Close the zip."""
        self.archive.close()

    def sheets_listed(self) -> str:
        """The workbook's sheet names, for a message about a workbook that is not an assessment workbook."""
        names = list(self.sheets)
        shown = ", ".join(f"'{n}'" for n in names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        return f"its sheets are {shown}" if names else "it has no worksheets"

    def damaged(self, detail: str, *, sheet: str | None = None) -> InputError:
        """WORKBOOK_003 for this file."""
        return InputError([problem(ErrorCode.WORKBOOK_003, file=self.file, sheet=sheet, detail=detail)])

    def elements(self, part: str, limit: int, *, sheet: str | None = None) -> Iterator[tuple[str, Element, str]]:
        """Parse one part as a stream: ``(event, element, local name)`` for each start and end.

        After the caller has handled an element's end it is dropped from its parent, so memory
        stays small whatever the part holds; its text and attributes must be used at that point.

        Raises:
            InputError: WORKBOOK_020 (part bigger than ``limit`` unpacked), WORKBOOK_003 (damaged).
            PartTooBig: the element budget ran out.
        """
        try:
            info = self.archive.getinfo(part)
        except KeyError:
            raise self.damaged(f"its part '{part}' is missing", sheet=sheet) from None
        if info.file_size > limit:
            raise InputError(
                [
                    problem(
                        ErrorCode.WORKBOOK_020,
                        file=self.file,
                        sheet=sheet,
                        part=part,
                        size=human_size(info.file_size),
                        limit=human_size(limit),
                    )
                ]
            )
        stack: list[Element] = []
        try:
            with self.archive.open(info) as source:
                for event, el in _iterparse(source):
                    name = local(el.tag)
                    if event == "start":
                        self.budget -= 1
                        if self.budget < 0:
                            raise PartTooBig(part)
                        stack.append(el)
                        yield event, el, name
                        continue
                    stack.pop()
                    yield event, el, name
                    el.clear()
                    if stack:
                        stack[-1].remove(el)
        except (InputError, PartTooBig):
            raise
        except (ParseError, DefusedXmlException) as exc:
            raise self.damaged(
                f"part '{part}' is not well-formed XML ({type(exc).__name__}: {exc})", sheet=sheet
            ) from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise self.damaged(f"part '{part}' cannot be unpacked ({exc})", sheet=sheet) from exc


def _iterparse(source: IO[bytes]) -> Iterator[tuple[str, Element]]:
    return iterparse(source, events=("start", "end"), forbid_dtd=True)  # type: ignore[no-any-return]


def _resolve(target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(WORKBOOK_PART), target))


def open_package(content: bytes, file: str) -> Package:
    """Check the container and read the workbook's sheet list, shared strings and date styles.

    Raises:
        InputError: any WORKBOOK_001-004 of :func:`~assessments.xlsx.container.check_container`,
            WORKBOOK_003 (a damaged part), WORKBOOK_019 (too many sheets, strings or XML
            elements) or WORKBOOK_020 (a part too big).
    """
    archive = open_container(content, file)
    pkg = Package(file=file, archive=archive)
    try:
        _read_package(pkg)
    except PartTooBig as exc:
        pkg.close()
        raise InputError(
            [
                problem(
                    ErrorCode.WORKBOOK_019,
                    file=file,
                    found=f"more XML elements than its sheets need (in part '{exc}')",
                    limit=f"{MAX_XML_ELEMENTS:,} elements",
                )
            ]
        ) from exc
    except BaseException:
        pkg.close()
        raise
    return pkg


def _read_package(pkg: Package) -> None:
    listed, date1904 = _workbook(pkg)
    rels = _relationships(pkg)
    pkg.epoch = MAC_EPOCH if date1904 else WINDOWS_EPOCH
    for name, rid in listed:
        rel = rels.get(rid or "")
        if rel is None or not rel[0].endswith("/worksheet"):
            continue  # a chart sheet, or a sheet without its part: never read, so never a problem here
        if name.casefold() in {n.casefold() for n in pkg.sheets}:
            raise pkg.damaged(f"it lists two sheets called '{name}'")
        pkg.sheets[name] = rel[1]
    strings = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
    if strings is not None:
        pkg.shared = _shared_strings(pkg, strings)
    styles = next((target for kind, target in rels.values() if kind.endswith("/styles")), None)
    if styles is not None:
        pkg.date_styles = _date_styles(pkg, styles)


def _workbook(pkg: Package) -> tuple[list[tuple[str, str | None]], bool]:
    listed: list[tuple[str, str | None]] = []
    date1904 = False
    for event, el, name in pkg.elements(WORKBOOK_PART, MAX_OTHER_PART_BYTES):
        if event != "end":
            continue
        if name == "sheet":
            if len(listed) >= MAX_SHEETS:
                raise InputError(
                    [problem(ErrorCode.WORKBOOK_019, file=pkg.file, found="more sheets", limit=f"{MAX_SHEETS} sheets")]
                )
            listed.append((el.get("name", ""), _rel_id(el)))
        elif name == "workbookPr":
            date1904 = el.get("date1904", "").strip().lower() in ("1", "true")
    return listed, date1904


def _relationships(pkg: Package) -> dict[str, tuple[str, str]]:
    part = posixpath.join(posixpath.dirname(WORKBOOK_PART), "_rels", posixpath.basename(WORKBOOK_PART) + ".rels")
    if part not in pkg.archive.NameToInfo:
        raise pkg.damaged(f"its part '{part}' is missing")
    rels: dict[str, tuple[str, str]] = {}
    for event, el, name in pkg.elements(part, MAX_OTHER_PART_BYTES):
        if event == "end" and name == "Relationship" and el.get("TargetMode") != "External":
            rels[el.get("Id", "")] = (el.get("Type", ""), _resolve(el.get("Target", "")))
    return rels


def _shared_strings(pkg: Package, part: str) -> list[str]:
    strings: list[str] = []
    pieces: list[str] = []
    phonetic = 0
    for event, el, name in pkg.elements(part, MAX_STRINGS_PART_BYTES):
        if event == "start":
            if name == "si":
                pieces = []
            elif name == "rPh":
                phonetic += 1
            continue
        if name == "t" and not phonetic:
            pieces.append(el.text or "")
        elif name == "rPh":
            phonetic -= 1
        elif name == "si":
            if len(strings) >= MAX_SHARED_STRINGS:
                raise InputError(
                    [
                        problem(
                            ErrorCode.WORKBOOK_019,
                            file=pkg.file,
                            found="more shared strings",
                            limit=f"{MAX_SHARED_STRINGS:,} shared strings",
                        )
                    ]
                )
            strings.append("".join(pieces))
    return strings


def _date_styles(pkg: Package, part: str) -> frozenset[int]:
    formats: dict[int, str] = {}
    cell_formats: list[int] = []
    in_cell_xfs = False
    for event, el, name in pkg.elements(part, MAX_OTHER_PART_BYTES):
        if name == "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and name == "numFmt":
            number = _int(el.get("numFmtId"))
            if number is not None:
                formats[number] = el.get("formatCode", "")
        elif event == "end" and name == "xf" and in_cell_xfs:
            cell_formats.append(_int(el.get("numFmtId")) or 0)
    dates: set[int] = set()
    for index, number in enumerate(cell_formats):
        code = formats.get(number, BUILTIN_FORMATS.get(number, ""))
        if (number in range(14, 23) or number in range(45, 48) or is_date_format(code)) and "[h" not in code.lower():
            dates.add(index)
    return frozenset(dates)


def _int(text: str | None) -> int | None:
    if text is None or len(text) > 9:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def with_file(problems: list[Problem], file: str) -> list[Problem]:
    """Problems located in ``file`` (those raised without one get it)."""
    from dataclasses import replace

    return [p if p.file else replace(p, file=file) for p in problems]
