"""Regenerate the corpus of bad assessment workbooks: ``python -m tests.bad_files.make_bad_files``.

Each file is named ``<ERROR CODE>_<what is wrong>.<ext>`` and must make
:func:`assessments.xlsx.read.read_workbook` fail with exactly that code (checked
by tests/xlsx/test_import_errors.py). Files start from a real export of a
small assessment and break one thing. Re-run this script when a framework's
version or the workbook layout changes (the test says so when files go stale).

Not in the corpus, to keep the repository small: a file over the 10 MB limit
(the test builds one in memory). Files an attacker would send are in the hostile
corpus beside this one (tests/hostile_files/), which also covers WORKBOOK_012 and
WORKBOOK_021.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, Assessment, AssessmentMeta, EvidenceType, Innovation, Stage
from assessments.xlsx.layout import COL_ANSWER, COL_NOTE, INNOVATION_SHEET, META_SHEET, sheet_names
from assessments.xlsx.write import build_workbook

HERE = Path(__file__).resolve().parent
GENERATED = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)


def base_assessment() -> Assessment:
    """A small, valid assessment every bad file starts from."""
    fws = bundled_frameworks()
    answers: dict[str, dict[str, Answer]] = {}
    for fid, fw in fws.items():
        first_choice = next(iid for iid, item in fw.items.items() if item.type == "choice")
        answers[fid] = {
            first_choice: Answer(
                value=fw.options(first_choice)[0].id, note="Starting point", evidence=(EvidenceType.RESEARCH,)
            )
        }
    return Assessment(
        id="corpus0001",
        innovation=Innovation(name="Corpus innovation", organisation="Test org"),
        assessment=AssessmentMeta(assessed_on=dt.date(2026, 1, 1), stage=Stage.PILOT),
        answers=answers,
    )


def _first_sheet() -> str:
    return next(iter(sheet_names(bundled_frameworks()).values()))


def _save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _mutated(change: Callable[[Workbook], None]) -> Callable[[], bytes]:
    def make() -> bytes:
        wb = build_workbook(bundled_frameworks(), base_assessment(), generated=GENERATED)
        change(wb)
        return _save(wb)

    return make


def _good() -> bytes:
    return _mutated(lambda wb: None)()


def _rezip(replace: dict[str, bytes], *, drop: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_good())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            if name not in src.namelist():
                dst.writestr(name, data)
    return out.getvalue()


def _not_a_workbook() -> bytes:
    return b"Name,Answer\nLeadership,3\n"


def _word_document() -> bytes:
    return _rezip({}, drop=("xl/workbook.xml",))


def _old_xls() -> bytes:
    # An OLE2 compound file header with no encryption stream, as an Excel 97-2003 .xls has.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 512


def _encrypted() -> bytes:
    # Excel saves a password-protected .xlsx as an OLE2 compound file holding an
    # "EncryptionInfo" stream next to the encrypted package; this is its shape.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 100
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 512
    )


def _truncated() -> bytes:
    content = _good()
    return content[: len(content) // 2]


def _corrupt_xml() -> bytes:
    return _rezip({"xl/workbook.xml": b"<workbook><sheets><sheet name="})


def _zip_bomb() -> bytes:
    # Small on disk, 120 MB when unpacked.
    return _rezip({"xl/media/padding.bin": b"\x00" * (120 * 1024 * 1024)})


def _drop_sheet(wb: Workbook) -> None:
    del wb[_first_sheet()]


def _drop_meta(wb: Workbook) -> None:
    del wb[META_SHEET]


def _wrong_version(wb: Workbook) -> None:
    wb[META_SHEET]["B3"] = 99


def _unknown_item(wb: Workbook) -> None:
    wb[_first_sheet()]["A3"] = "made_up_item"


def _not_in_list(wb: Workbook) -> None:
    wb[_first_sheet()].cell(row=2, column=COL_ANSWER, value="Maybe")


def _merged(wb: Workbook) -> None:
    wb[_first_sheet()].merge_cells("E3:F3")


def _moved(wb: Workbook) -> None:
    ws = wb[_first_sheet()]
    for col in range(1, 10):
        a, b = ws.cell(row=2, column=col), ws.cell(row=3, column=col)
        a.value, b.value = b.value, a.value


def _deleted(wb: Workbook) -> None:
    wb[_first_sheet()].delete_rows(4)


def _framework_version(wb: Workbook) -> None:
    wb[META_SHEET]["C6"] = "0.1-old"


def _header(wb: Workbook) -> None:
    wb[_first_sheet()]["E1"] = "My answer"


def _bad_date(wb: Workbook) -> None:
    wb[INNOVATION_SHEET]["C8"] = "31st of March"


def _formula(wb: Workbook) -> None:
    wb[_first_sheet()].cell(row=2, column=COL_NOTE, value='=HYPERLINK("http://example.com","click")')


def _long_note(wb: Workbook) -> None:
    wb[_first_sheet()].cell(row=2, column=COL_NOTE, value="x" * 25_000)


def _unknown_framework(wb: Workbook) -> None:
    wb[META_SHEET]["B6"] = "made_up_framework"


def _no_name(wb: Workbook) -> None:
    wb[INNOVATION_SHEET]["C2"] = None


def _far_below(wb: Workbook) -> None:
    wb[_first_sheet()].cell(row=5000, column=COL_NOTE, value="A note typed far below the table")


def _many_parts() -> bytes:
    return _rezip({f"xl/media/image{n}.png": b"" for n in range(1100)})


def _big_part() -> bytes:
    with zipfile.ZipFile(io.BytesIO(_good())) as src:
        workbook = src.read("xl/workbook.xml")
    return _rezip(
        {"xl/workbook.xml": workbook.replace(b"</workbook>", b"<!--" + b" " * (3 * 1024 * 1024) + b"--></workbook>")}
    )


def _other_workbook() -> bytes:
    """A workbook someone made for something else: one sheet of figures."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Budget 2026"
    ws.append(["Item", "Cost"])
    ws.append(["Sensors", 1200])
    return _save(wb)


def _comparison_workbook() -> bytes:
    """The comparison workbook this app makes, of two copies of the small assessment."""
    from assessments.compare.candidates import Candidate
    from assessments.compare.comparison import compare
    from assessments.compare.workbook import build_comparison_workbook
    from assessments.scoring import score_assessment

    frameworks = bundled_frameworks()
    a = base_assessment()
    candidates = [
        Candidate(key=key, label=key, assessment=a, result=score_assessment(a, frameworks)) for key in ("one", "two")
    ]
    return _save(build_comparison_workbook(compare(candidates, frameworks), frameworks, generated=GENERATED))


def _pandas_index() -> bytes:
    """The export read by pandas and saved again with pandas' defaults (``index=True``): every sheet gains a
    first column of row numbers. Written cell by cell as pandas writes it, so pandas is not needed here."""
    source = build_workbook(bundled_frameworks(), base_assessment(), generated=GENERATED)
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for old in source.worksheets:
        ws = wb.create_sheet(old.title)
        for number, row in enumerate(old.iter_rows(values_only=True)):
            ws.append([None if number == 0 else number - 1, *row])
    return _save(wb)


CORPUS: dict[str, Callable[[], bytes]] = {
    "WORKBOOK_001_not_a_workbook.xlsx": _not_a_workbook,
    "WORKBOOK_001_zip_without_workbook.xlsx": _word_document,
    "WORKBOOK_001_old_xls_format.xls": _old_xls,
    "WORKBOOK_002_password_protected.xlsx": _encrypted,
    "WORKBOOK_003_truncated.xlsx": _truncated,
    "WORKBOOK_003_corrupt_xml.xlsx": _corrupt_xml,
    "WORKBOOK_004_zip_bomb.xlsx": _zip_bomb,
    "WORKBOOK_005_missing_framework_sheet.xlsx": _mutated(_drop_sheet),
    "WORKBOOK_005_missing_meta_sheet.xlsx": _mutated(_drop_meta),
    "WORKBOOK_006_wrong_format_version.xlsx": _mutated(_wrong_version),
    "WORKBOOK_007_unknown_item_id.xlsx": _mutated(_unknown_item),
    "WORKBOOK_008_value_not_in_list.xlsx": _mutated(_not_in_list),
    "WORKBOOK_009_merged_cells.xlsx": _mutated(_merged),
    "WORKBOOK_009_rows_moved.xlsx": _mutated(_moved),
    "WORKBOOK_009_row_deleted.xlsx": _mutated(_deleted),
    "WORKBOOK_010_framework_version_mismatch.xlsx": _mutated(_framework_version),
    "WORKBOOK_011_changed_header.xlsx": _mutated(_header),
    "WORKBOOK_013_bad_date.xlsx": _mutated(_bad_date),
    "WORKBOOK_014_formula_in_note.xlsx": _mutated(_formula),
    "WORKBOOK_015_note_too_long.xlsx": _mutated(_long_note),
    "WORKBOOK_016_unknown_framework.xlsx": _mutated(_unknown_framework),
    "WORKBOOK_017_missing_innovation_name.xlsx": _mutated(_no_name),
    "WORKBOOK_018_note_in_row_5000.xlsx": _mutated(_far_below),
    "WORKBOOK_019_1100_parts.xlsx": _many_parts,
    "WORKBOOK_020_workbook_part_of_3_MB.xlsx": _big_part,
    "WORKBOOK_022_other_workbook.xlsx": _other_workbook,
    "WORKBOOK_023_comparison_workbook.xlsx": _comparison_workbook,
    "WORKBOOK_024_pandas_index_column.xlsx": _pandas_index,
}


def main() -> None:
    """Write every corpus file next to this script (and remove stale ones)."""
    for old in HERE.glob("WORKBOOK_*"):
        if old.name not in CORPUS:
            old.unlink()
    for name, make in CORPUS.items():
        (HERE / name).write_bytes(make())
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
