"""Checks on an uploaded workbook's bytes before any XML in it is read.

Size, old-style or encrypted Office files, a broken or non-workbook zip, how many
parts the zip holds and the total size its parts *declare* unpacked (a guard
against zip bombs). Nothing is inflated here: the zip's central directory says
how big each part is, and a part is only ever inflated later, when it is read,
up to the size it declares (:mod:`zipfile` stops there and then checks the
part's CRC, so a part that lies about its size is reported as damaged). Each
failure raises at once with its own WORKBOOK code.
"""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO
from typing import Any

from assessments.errors import ErrorCode, InputError, human_size, problem

MAX_WORKBOOK_MB = 10
"""Largest workbook accepted, in MB (an exported assessment is about 40 KB). The one upload limit people
read: the Excel and Compare pages state it, their uploaders enforce it, and ``server.maxUploadSize`` in
.streamlit/config.toml is the same figure (tests/ui/test_upload_limits.py holds them together)."""
MAX_WORKBOOK_BYTES = MAX_WORKBOOK_MB * 1024 * 1024
"""The same limit in bytes, as the reader checks it."""
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total unpacked size the zip's parts may declare (guards against zip bombs)."""
MAX_PARTS = 1000
"""Most parts (files inside the zip) a workbook may hold; an exported assessment has about 25."""

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARKER = "EncryptionInfo".encode("utf-16-le")
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"


def _fail(code: ErrorCode, file: str, **params: Any) -> InputError:
    return InputError([problem(code, file=file, **params)])


def declared_parts(content: bytes) -> int | None:
    """How many parts the zip's end-of-central-directory record declares (None if there is no such record).

    Read from the last bytes of the file, before :mod:`zipfile` builds an entry for each part,
    so a file declaring millions of parts is refused without listing them.
    """
    tail_start = max(0, len(content) - (_EOCD_SIZE + 0xFFFF))
    at = content.rfind(_EOCD, tail_start)
    if at < 0 or at + _EOCD_SIZE > len(content):
        return None
    (count,) = struct.unpack_from("<H", content, at + 10)
    if count != 0xFFFF:
        return int(count)
    # ZIP64: the locator just before the record points at the ZIP64 record, which holds the real count.
    locator = at - 20
    if locator < 0 or content[locator : locator + 4] != _ZIP64_LOCATOR:
        return int(count)
    (offset,) = struct.unpack_from("<Q", content, locator + 8)
    if offset + 56 > len(content) or content[offset : offset + 4] != _ZIP64_EOCD:
        return int(count)
    (count64,) = struct.unpack_from("<Q", content, offset + 32)
    return int(count64)


def check_container(content: bytes, file: str) -> None:
    """Size, encryption and zip checks before any part of the workbook is read.

    Args:
        content: The file's bytes.
        file: The file name, used in the problem's location.

    Raises:
        InputError: WORKBOOK_001 (not an xlsx), WORKBOOK_002 (encrypted),
            WORKBOOK_003 (broken zip), WORKBOOK_004 (too big, packed or declared
            unpacked) or WORKBOOK_019 (too many parts).
    """
    open_container(content, file).close()


def open_container(content: bytes, file: str) -> zipfile.ZipFile:
    """The workbook's zip, opened after the checks of :func:`check_container` (the caller closes it).

    Raises:
        InputError: as :func:`check_container`.
    """
    if len(content) > MAX_WORKBOOK_BYTES:
        raise _fail(ErrorCode.WORKBOOK_004, file, size=human_size(len(content)), limit=human_size(MAX_WORKBOOK_BYTES))
    if content.startswith(_OLE2_MAGIC):
        if _ENCRYPTION_MARKER in content:
            raise _fail(ErrorCode.WORKBOOK_002, file)
        raise _fail(ErrorCode.WORKBOOK_001, file, detail="it is an old-style .xls or other Office 97-2003 file")
    if not content.startswith(b"PK"):
        detail = "the file is empty" if not content else "it is not a zip-based Office file"
        raise _fail(ErrorCode.WORKBOOK_001, file, detail=detail)
    count = declared_parts(content)
    if count is not None and count > MAX_PARTS:
        raise _fail(ErrorCode.WORKBOOK_019, file, found=f"{count:,} parts", limit=f"{MAX_PARTS:,} parts")
    try:
        archive = zipfile.ZipFile(BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error) as exc:
        raise _fail(ErrorCode.WORKBOOK_003, file, detail=f"the zip container is broken: {exc}") from exc
    try:
        _check_parts(archive, file)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_parts(archive: zipfile.ZipFile, file: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _fail(ErrorCode.WORKBOOK_019, file, found=f"{len(infos):,} parts", limit=f"{MAX_PARTS:,} parts")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _fail(
            ErrorCode.WORKBOOK_004,
            file,
            size=f"{human_size(unpacked)} unpacked",
            limit=human_size(MAX_UNPACKED_BYTES),
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise _fail(ErrorCode.WORKBOOK_002, file)
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise _fail(ErrorCode.WORKBOOK_001, file, detail="it is a zip file but holds no Excel workbook")
