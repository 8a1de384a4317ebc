"""One upload limit: what the Excel and Compare pages say, what their uploaders and Streamlit refuse, and what
the workbook reader enforces are the same figure (they said 10 MB and 25 MB)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assessments.jsonfile import MAX_JSON_BYTES, MAX_JSON_MB
from assessments.store import Store
from assessments.xlsx.container import MAX_WORKBOOK_BYTES, MAX_WORKBOOK_MB
from tests.ui.conftest import open_page, page_text
from tests.ui.test_compare_page import save_pair

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def _stated(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"up to (\d+) MB", text)]


def test_limits_in_megabytes_are_the_readers__ok() -> None:
    """Should state in MB exactly the byte limits the readers check."""
    assert MAX_WORKBOOK_BYTES == MAX_WORKBOOK_MB * 1024 * 1024
    assert MAX_JSON_BYTES == MAX_JSON_MB * 1024 * 1024


def test_streamlit_limit_is_the_workbook_limit__ok() -> None:
    """Should cap every upload (server.maxUploadSize) at the workbook reader's limit, not above it."""
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_WORKBOOK_MB


def test_pages_state_the_same_limit__ok(app_store: Store) -> None:
    """Should state the same workbook limit on the Excel and Compare pages, and pass it to both uploaders."""
    save_pair(app_store)
    excel = open_page("ui/excel.py")
    compare = open_page("ui/compare.py")
    assert not excel.exception and not compare.exception
    [excel_upload] = excel.file_uploader
    [compare_upload] = compare.file_uploader
    excel_says = _stated(page_text(excel) + excel_upload.proto.label)
    compare_says = _stated(compare_upload.proto.label)
    assert excel_says == [MAX_WORKBOOK_MB]
    assert compare_says == [MAX_WORKBOOK_MB, MAX_JSON_MB]  # workbooks, then JSON files
    assert excel_upload.proto.max_upload_size_mb == compare_upload.proto.max_upload_size_mb == MAX_WORKBOOK_MB
