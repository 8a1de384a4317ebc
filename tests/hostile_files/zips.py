"""Building blocks of the hostile workbooks: a real export, taken apart and zipped again with one thing changed."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from assessments.catalogue import bundled_frameworks
from assessments.models import Assessment, AssessmentMeta, Innovation
from assessments.xlsx.write import build_workbook
from tests.bad_files.make_bad_files import GENERATED, base_assessment

MARKDOWN_NAME = "![x](http://evil/x.png) [click](http://evil) **b** <b>x</b>"
INVISIBLE_NAME = "\u200b\u200e\u3164\u2800\ufeff\u2060"

INNOVATION = "xl/worksheets/sheet2.xml"
SCIE = "xl/worksheets/sheet3.xml"
META = "xl/worksheets/sheet8.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_REL = (
    '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml" Id="rIdStrings"/>'
)


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


def _workbook(assessment: Assessment | None = None) -> bytes:
    buffer = io.BytesIO()
    build_workbook(bundled_frameworks(), assessment or base_assessment(), generated=GENERATED).save(buffer)
    return buffer.getvalue()


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # a fixed time: the files regenerate alike
            info.compress_type = compression
            z.writestr(info, data)
    return out.getvalue()


def _edit(part: str, change: Callable[[str], str], base: bytes | None = None) -> bytes:
    parts = _parts(base or _workbook())
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    return _zip(parts)


def _cell(text: str, ref: str) -> re.Pattern[str]:
    return re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)


def _set_cell(xml: str, ref: str, cell: str) -> str:
    pattern = _cell(xml, ref)
    if pattern.search(xml):
        return pattern.sub(lambda m: cell, xml, count=1)
    row = re.sub(r"[A-Z]+", "", ref)
    return re.sub(rf'(<row r="{row}"[^>]*>)', lambda m: m.group(1) + cell, xml, count=1)


def _note(cell_xml: str, ref: str = "F2") -> Callable[[str], str]:
    return lambda xml: _set_cell(xml, ref, cell_xml.format(ref=ref))


def _with_strings(strings: list[str], cells: dict[str, dict[str, int]], base: bytes | None = None) -> bytes:
    """A workbook whose given cells point at shared strings (as LibreOffice and Excel save them)."""
    parts = _parts(base or _workbook())
    items = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    parts[STRINGS] = f'<sst xmlns="{MAIN_NS}" count="{len(strings)}">{items}</sst>'.encode()
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", STRINGS_REL.encode() + b"</Relationships>")
    for part, refs in cells.items():
        xml = parts[part].decode()
        for ref, index in refs.items():
            style = re.search(rf'<c r="{ref}" s="(\d+)"', xml)
            s = f' s="{style.group(1)}"' if style else ""
            xml = _set_cell(xml, ref, f'<c r="{ref}"{s} t="s"><v>{index}</v></c>')
        parts[part] = xml.encode()
    return _zip(parts)


def _assessment(**changes: object) -> Assessment:
    base = base_assessment()
    inn = base.innovation.model_copy(update={k: v for k, v in changes.items() if k in Innovation.model_fields})
    meta = base.assessment.model_copy(update={k: v for k, v in changes.items() if k in AssessmentMeta.model_fields})
    return base.model_copy(update={"innovation": inn, "assessment": meta})


def _with_note(note: str) -> Assessment:
    base = base_assessment()
    answers = {fid: dict(items) for fid, items in base.answers.items()}
    first = next(iter(answers["scie"]))
    answers["scie"][first] = answers["scie"][first].model_copy(update={"note": note})
    return base.model_copy(update={"answers": answers})
