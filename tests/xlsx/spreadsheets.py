"""Real spreadsheet programs for the workbook tests: LibreOffice (``soffice``) and Gnumeric (``ssconvert``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

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


def libreoffice_pdfs(books: dict[str, bytes], tmp_path: Path) -> dict[str, Path]:
    """Each workbook converted to PDF by LibreOffice in one ``soffice`` call (a private profile under
    ``tmp_path``, so runs never share one): name → the PDF. Fails with LibreOffice's output if any is missing."""
    soffice = spreadsheet_tool("soffice")
    source, out = tmp_path / "xlsx", tmp_path / "pdf"
    source.mkdir(exist_ok=True)
    for name, content in books.items():
        (source / f"{name}.xlsx").write_bytes(content)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out)]
    proc = subprocess.run(
        command + sorted(str(p) for p in source.iterdir()), capture_output=True, text=True, timeout=300
    )
    pdfs = {name: out / f"{name}.pdf" for name in books}
    assert proc.returncode == 0 and all(p.exists() for p in pdfs.values()), proc.stdout + proc.stderr
    return pdfs
