"""Hostile workbooks of the corpus (see :mod:`tests.hostile_files.make_hostile_files`)."""

from __future__ import annotations

import datetime as dt
import re
import struct
from collections.abc import Callable

from tests.hostile_files.zips import (
    INNOVATION,
    INVISIBLE_NAME,
    MAIN_NS,
    MARKDOWN_NAME,
    META,
    SCIE,
    STRINGS,
    _assessment,
    _edit,
    _note,
    _parts,
    _set_cell,
    _with_note,
    _with_strings,
    _workbook,
    _zip,
)

# ---------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------


def _last_row() -> bytes:
    def change(xml: str) -> str:
        xml = xml.replace(
            "</sheetData>", '<row r="1048576"><c r="F1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        )
        return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:I1048576"/>', xml)

    return _edit(SCIE, change)


def _last_row_no_dimension() -> bytes:
    def change(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
        return xml.replace(
            "</sheetData>", '<row r="1048576"><c r="F1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        )

    return _edit(SCIE, change)


def _lying_dimension() -> bytes:
    return _edit(
        SCIE,
        lambda xml: xml.replace("</sheetData>", '<row r="500000"><c r="A500000" t="n"><v>1</v></c></row></sheetData>'),
    )


def _last_column() -> bytes:
    return _edit(SCIE, lambda xml: _set_cell(xml, "XFD2", '<c r="XFD2" t="n"><v>1</v></c>'))


def _innovation_far_row() -> bytes:
    return _edit(
        INNOVATION,
        lambda xml: xml.replace("</sheetData>", '<row r="2000"><c r="C2000" t="n"><v>1</v></c></row></sheetData>'),
    )


def _meta_far_row() -> bytes:
    return _edit(
        META,
        lambda xml: xml.replace("</sheetData>", '<row r="100000"><c r="A100000" t="n"><v>1</v></c></row></sheetData>'),
    )


def _empty_rows_flood() -> bytes:
    rows = "".join(f'<row r="{n}" customHeight="1" ht="15"/>' for n in range(100, 50_100))
    return _edit(SCIE, lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))


def _column_flood() -> bytes:
    cols = "<cols>" + '<col min="1" max="1" width="9"/>' * 200_000 + "</cols>"
    return _edit(SCIE, lambda xml: re.sub(r"<cols>.*?</cols>", cols, xml, flags=re.DOTALL))


def _duplicate_cells() -> bytes:
    cells = '<c r="F2" t="n"><v>1</v></c>' * 100_000
    return _edit(SCIE, lambda xml: xml.replace('<row r="2">', '<row r="2">' + cells, 1))


def _too_many_parts() -> bytes:
    parts = _parts(_workbook())
    parts.update({f"xl/media/pad{n}.bin": b"" for n in range(1_500)})
    return _zip(parts)


def _declared_parts() -> bytes:
    # A small zip whose end-of-central-directory record claims 60,000 parts.
    content = bytearray(_workbook())
    at = content.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", content, at + 8, 60_000, 60_000)
    return bytes(content)


def _too_many_sheets() -> bytes:
    sheets = "".join(f'<sheet name="Extra {n}" sheetId="{100 + n}" state="hidden" r:id="rId3"/>' for n in range(100))

    def change(xml: str) -> str:
        ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        return xml.replace("</sheets>", sheets.replace(" r:id", f" {ns} r:id") + "</sheets>")

    return _edit("xl/workbook.xml", change)


def _string_flood() -> bytes:
    return _with_strings(["s"] * 120_000, {SCIE: {"F2": 0}})


def _styles_flood() -> bytes:
    return _edit(
        "xl/styles.xml", lambda xml: re.sub(r"(<cellXfs[^>]*>)", lambda m: m.group(1) + "<xf/>" * 300_000, xml, count=1)
    )


def _big_strings_part() -> bytes:
    return _with_strings(["x" * (20 * 1024 * 1024)], {SCIE: {"F2": 0}})


def _big_sheet_part() -> bytes:
    pad = "<!--" + " " * (9 * 1024 * 1024) + "-->"
    return _edit(SCIE, lambda xml: xml.replace("</worksheet>", pad + "</worksheet>"))


def _big_workbook_part() -> bytes:
    pad = "<!--" + " " * (3 * 1024 * 1024) + "-->"
    return _edit("xl/workbook.xml", lambda xml: xml.replace("</workbook>", pad + "</workbook>"))


def _patched_size(member: str, size: int) -> bytes:
    """A real workbook whose central directory declares ``size`` unpacked bytes for ``member`` (nothing inflated)."""
    content = bytearray(_workbook())
    name = member.encode()
    at = 0
    while True:
        at = content.find(b"PK\x01\x02", at)
        (length,) = struct.unpack_from("<H", content, at + 28)
        if content[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", content, at + 24, size)
            return bytes(content)
        at += 4


def _declared_gigabytes() -> bytes:
    return _patched_size("xl/theme/theme1.xml", 0xF000_0000)


def _many_big_parts() -> bytes:
    parts = _parts(_workbook())
    parts.update({f"xl/media/zeros{n}.bin": b"\0" * (15 * 1024 * 1024) for n in range(8)})
    return _zip(parts)


def _lying_small_size() -> bytes:
    # The sheet declares 200 bytes unpacked: it is cut there (and its CRC no longer matches).
    return _patched_size(SCIE, 200)


def _bad_crc() -> bytes:
    content = bytearray(_workbook())
    at = 0
    while True:
        at = content.find(b"PK\x01\x02", at)
        (length,) = struct.unpack_from("<H", content, at + 28)
        if content[at + 46 : at + 46 + length] == SCIE.encode():
            (crc,) = struct.unpack_from("<I", content, at + 16)
            struct.pack_into("<I", content, at + 16, crc ^ 0xFFFF)
            return bytes(content)
        at += 4


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    doc = f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst xmlns="{MAIN_NS}"><si><t>&i;</t></si></sst>'
    content = _with_strings(["placeholder"], {SCIE: {"F2": 0}})
    parts = _parts(content)
    parts[STRINGS] = doc.encode()
    return _zip(parts)


def _external_entity() -> bytes:
    def change(xml: str) -> str:
        return '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + xml.replace(
            "<workbookPr/>", "<workbookPr/><!-- &x; -->"
        )

    return _edit("xl/workbook.xml", change)


def _string_index_out_of_range() -> bytes:
    return _with_strings(["one"], {SCIE: {"F2": 5}})


def _duplicate_sheet_names() -> bytes:
    return _edit("xl/workbook.xml", lambda xml: xml.replace('name="Summary"', 'name="innovation"'))


def _bad_reference() -> bytes:
    return _edit(SCIE, lambda xml: xml.replace('<c r="F2"', '<c r="F2F"', 1))


def _missing_sheet_part() -> bytes:
    parts = _parts(_workbook())
    del parts[SCIE]
    return _zip(parts)


def _unsupported_compression() -> bytes:
    content = bytearray(_workbook())
    at = 0
    while True:
        at = content.find(b"PK\x01\x02", at)
        (length,) = struct.unpack_from("<H", content, at + 28)
        if content[at + 46 : at + 46 + length] == SCIE.encode():
            struct.pack_into("<H", content, at + 10, 99)
            (local,) = struct.unpack_from("<I", content, at + 42)
            struct.pack_into("<H", content, local + 8, 99)
            return bytes(content)
        at += 4


def _encrypted_entry() -> bytes:
    content = bytearray(_workbook())
    at = content.find(b"PK\x01\x02")
    (flags,) = struct.unpack_from("<H", content, at + 8)
    struct.pack_into("<H", content, at + 8, flags | 1)
    return bytes(content)


def _huge_number_cell() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}" t="n"><v>' + "9" * 5000 + "</v></c>"))


def _boolean_seven() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}" t="b"><v>7</v></c>'))


def _nan_number() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}" t="n"><v>NaN</v></c>'))


def _date_cell(value: str, style: str = "7") -> Callable[[], bytes]:
    return lambda: _edit(
        INNOVATION, lambda xml: _set_cell(xml, "C8", f'<c r="C8" s="{style}" t="n"><v>{value}</v></c>')
    )


def _plain_serial(value: str) -> Callable[[], bytes]:
    return lambda: _edit(INNOVATION, lambda xml: _set_cell(xml, "C8", f'<c r="C8" t="n"><v>{value}</v></c>'))


def _iso_date_cell(value: str) -> Callable[[], bytes]:
    return lambda: _edit(INNOVATION, lambda xml: _set_cell(xml, "C8", f'<c r="C8" t="d"><v>{value}</v></c>'))


def _shared_formula() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}"><f t="shared" si="0"/><v>0</v></c>'))


def _array_formula() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}"><f t="array" ref="{ref}">SUM(1)</f><v>1</v></c>'))


def _huge_inline_note() -> bytes:
    return _edit(SCIE, _note('<c r="{ref}" t="inlineStr"><is><t>' + "y" * 1_000_000 + "</t></is></c>"))


def _many_merged() -> bytes:
    merges = "".join(f'<mergeCell ref="J{n}:K{n}"/>' for n in range(2, 400))
    return _edit(
        SCIE, lambda xml: xml.replace("</sheetData>", f'</sheetData><mergeCells count="398">{merges}</mergeCells>')
    )


def _hidden_huge_sheet() -> bytes:
    parts = _parts(_workbook())
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="n"><v>{n}</v></c></row>' for n in range(1, 60_001))
    parts["xl/worksheets/sheet99.xml"] = (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="/xl/worksheets/sheet99.xml" Id="rIdHidden"/></Relationships>',
    )
    ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", f'<sheet {ns} name="Scratch" sheetId="99" state="hidden" r:id="rIdHidden"/></sheets>'.encode()
    )
    return _zip(parts)


def _libreoffice_escapes() -> bytes:
    # As LibreOffice saves a note holding the literal text "_x000D_" and one holding "mid x005F_ mid".
    return _with_strings(["_x005F_x000D_ typed literally", "mid x005F_ mid"], {SCIE: {"F2": 0}})


def _rich_text_note() -> bytes:
    content = _with_strings(["placeholder"], {SCIE: {"F2": 0}})
    parts = _parts(content)
    parts[STRINGS] = (
        f'<sst xmlns="{MAIN_NS}"><si><r><rPr><b/></rPr><t>Bold </t></r><r><t>and plain</t></r>'
        '<rPh sb="0" eb="1"><t>phonetic</t></rPh></si></sst>'
    ).encode()
    return _zip(parts)


def _date1904() -> bytes:
    content = _edit("xl/workbook.xml", lambda xml: xml.replace("<workbookPr/>", '<workbookPr date1904="1"/>'))
    return _edit(INNOVATION, lambda xml: _set_cell(xml, "C8", '<c r="C8" s="7" t="n"><v>44650</v></c>'), content)


XLSX: dict[str, Callable[[], bytes]] = {
    "WORKBOOK_018_cell_in_row_1048576.xlsx": _last_row,
    "WORKBOOK_018_cell_in_row_1048576_no_dimension.xlsx": _last_row_no_dimension,
    "WORKBOOK_018_dimension_understates_rows.xlsx": _lying_dimension,
    "WORKBOOK_018_cell_in_column_XFD.xlsx": _last_column,
    "WORKBOOK_018_innovation_sheet_row_2000.xlsx": _innovation_far_row,
    "WORKBOOK_018_meta_sheet_row_100000.xlsx": _meta_far_row,
    "WORKBOOK_018_50000_empty_rows.xlsx": _empty_rows_flood,
    "WORKBOOK_018_200000_column_elements.xlsx": _column_flood,
    "WORKBOOK_018_100000_copies_of_one_cell.xlsx": _duplicate_cells,
    "WORKBOOK_019_1500_parts.xlsx": _too_many_parts,
    "WORKBOOK_019_end_record_declares_60000_parts.xlsx": _declared_parts,
    "WORKBOOK_019_100_extra_sheets.xlsx": _too_many_sheets,
    "WORKBOOK_019_120000_shared_strings.xlsx": _string_flood,
    "WORKBOOK_019_300000_cell_styles.xlsx": _styles_flood,
    "WORKBOOK_020_shared_strings_of_20_MB.xlsx": _big_strings_part,
    "WORKBOOK_020_sheet_part_of_9_MB.xlsx": _big_sheet_part,
    "WORKBOOK_020_workbook_part_of_3_MB.xlsx": _big_workbook_part,
    "WORKBOOK_004_part_declares_3_8_GB.xlsx": _declared_gigabytes,
    "WORKBOOK_004_eight_parts_of_15_MB.xlsx": _many_big_parts,
    "WORKBOOK_003_sheet_declares_200_bytes.xlsx": _lying_small_size,
    "WORKBOOK_003_sheet_crc_wrong.xlsx": _bad_crc,
    "WORKBOOK_003_billion_laughs_entities.xlsx": _billion_laughs,
    "WORKBOOK_003_external_entity.xlsx": _external_entity,
    "WORKBOOK_003_shared_string_index_out_of_range.xlsx": _string_index_out_of_range,
    "WORKBOOK_003_two_sheets_one_name.xlsx": _duplicate_sheet_names,
    "WORKBOOK_003_impossible_cell_reference.xlsx": _bad_reference,
    "WORKBOOK_003_sheet_part_missing.xlsx": _missing_sheet_part,
    "WORKBOOK_003_unknown_compression_method.xlsx": _unsupported_compression,
    "WORKBOOK_002_zip_entry_encrypted.xlsx": _encrypted_entry,
    "WORKBOOK_012_number_of_5000_digits.xlsx": _huge_number_cell,
    "WORKBOOK_012_boolean_of_7.xlsx": _boolean_seven,
    "WORKBOOK_012_number_NaN.xlsx": _nan_number,
    "WORKBOOK_013_date_serial_0.xlsx": _date_cell("0"),
    "WORKBOOK_013_date_serial_60_is_29_February_1900.xlsx": _date_cell("60"),
    "WORKBOOK_013_date_serial_past_9999.xlsx": _plain_serial("3000000"),
    "WORKBOOK_013_date_serial_with_fraction.xlsx": _plain_serial("46112.5"),
    "WORKBOOK_012_iso_date_cell_2026_13_45.xlsx": _iso_date_cell("2026-13-45"),
    "WORKBOOK_014_shared_formula_without_text.xlsx": _shared_formula,
    "WORKBOOK_014_array_formula.xlsx": _array_formula,
    "WORKBOOK_015_note_of_1000000_characters.xlsx": _huge_inline_note,
    "WORKBOOK_017_name_only_invisible_characters.xlsx": lambda: _workbook(_assessment(name=INVISIBLE_NAME)),
    "WORKBOOK_017_name_only_bidi_marks.xlsx": lambda: _workbook(_assessment(name="\u202e\u202d\u2066\u2069\u200f")),
    "WORKBOOK_021_398_merged_ranges.xlsx": _many_merged,
    "OK_hidden_sheet_of_60000_rows_never_read.xlsx": _hidden_huge_sheet,
    "OK_numeric_date_serial.xlsx": _plain_serial("46112"),
    "OK_iso_date_cell.xlsx": _iso_date_cell("2026-03-31T00:00:00"),
    "OK_date_1899_12_30.xlsx": lambda: _workbook(_assessment(assessed_on=dt.date(1899, 12, 30))),
    "OK_date_0001_01_01.xlsx": lambda: _workbook(_assessment(assessed_on=dt.date(1, 1, 1))),
    "OK_date_system_1904.xlsx": _date1904,
    "OK_libreoffice_shared_string_escapes.xlsx": _libreoffice_escapes,
    "OK_rich_text_note_with_phonetic_run.xlsx": _rich_text_note,
    "OK_markdown_and_html_in_every_text.xlsx": lambda: _workbook(
        _assessment(name=MARKDOWN_NAME, organisation=MARKDOWN_NAME, label=MARKDOWN_NAME)
    ),
    "OK_escape_sequences_and_ooxml_escapes_in_note.xlsx": lambda: _workbook(
        _with_note("\x1b]0;pwned\x07 \x1b[2J _x0041_ _x000D_= \r\n end")
    ),
}
