"""Real spreadsheet programs for the workbook tests: LibreOffice (``soffice``) and Gnumeric (``ssconvert``)."""

from __future__ import annotations

import os
import shutil

import pytest


def spreadsheet_tool(name: str) -> str:
    """The path of ``name``; skip when it is missing, or fail when REQUIRE_SPREADSHEETS is set (CI)."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (Debian: libreoffice-calc-nogui for soffice, gnumeric for ssconvert)"
        if os.environ.get("REQUIRE_SPREADSHEETS"):
            pytest.fail(f"REQUIRE_SPREADSHEETS is set but {message}")
        pytest.skip(message)
    return found
