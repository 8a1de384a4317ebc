"""Checks on an uploaded workbook's bytes before any xlsx parser sees them.

Size, old-style or encrypted Office files, a broken or non-workbook zip, and the
total unpacked size of the zip parts (a guard against zip bombs). Each failure
raises at once with its own WORKBOOK code.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from assessments.errors import ErrorCode, InputError, human_size, problem

MAX_WORKBOOK_BYTES = 10 * 1024 * 1024
"""Largest workbook accepted (an exported assessment is about 40 KB)."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total unpacked size of the zip parts (guards against zip bombs)."""

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKER = "EncryptionInfo".encode("utf-16-le")


def check_container(content: bytes, file: str) -> None:
    """Size, encryption and zip checks before openpyxl sees the bytes.

    Args:
        content: The file's bytes.
        file: The file name, used in the problem's location.

    Raises:
        InputError: WORKBOOK_001 (not an xlsx), WORKBOOK_002 (encrypted),
            WORKBOOK_003 (broken zip) or WORKBOOK_004 (too big, packed or unpacked).
    """
    if len(content) > MAX_WORKBOOK_BYTES:
        raise InputError(
            [
                problem(
                    ErrorCode.WORKBOOK_004,
                    file=file,
                    size=human_size(len(content)),
                    limit=human_size(MAX_WORKBOOK_BYTES),
                )
            ]
        )
    if content.startswith(_OLE2_MAGIC):
        if _ENCRYPTION_MARKER in content:
            raise InputError([problem(ErrorCode.WORKBOOK_002, file=file)])
        raise InputError(
            [problem(ErrorCode.WORKBOOK_001, file=file, detail="it is an old-style .xls or other Office 97-2003 file")]
        )
    if not content.startswith(b"PK"):
        detail = "the file is empty" if not content else "it is not a zip-based Office file"
        raise InputError([problem(ErrorCode.WORKBOOK_001, file=file, detail=detail)])
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            unpacked = sum(info.file_size for info in infos)
            bad = archive.testzip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            [problem(ErrorCode.WORKBOOK_003, file=file, detail=f"the zip container is broken: {exc}")]
        ) from exc
    if bad is not None:
        raise InputError([problem(ErrorCode.WORKBOOK_003, file=file, detail=f"part '{bad}' is corrupted")])
    if "xl/workbook.xml" not in names:
        raise InputError(
            [problem(ErrorCode.WORKBOOK_001, file=file, detail="it is a zip file but holds no Excel workbook")]
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            [
                problem(
                    ErrorCode.WORKBOOK_004,
                    file=file,
                    size=f"{human_size(unpacked)} unpacked",
                    limit=human_size(MAX_UNPACKED_BYTES),
                )
            ]
        )
