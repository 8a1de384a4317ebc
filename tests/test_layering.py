"""Layering: nothing under assessments/ may import streamlit, directly or through a dependency."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import assessments

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(assessments.__path__, "assessments.") if not m.name.endswith("__main__")
)


def test_modules_found__ok() -> None:
    """Should find the domain modules to check (guards against an empty parametrisation)."""
    assert {"assessments.models", "assessments.scoring", "assessments.cli"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_streamlit__ok(module: str) -> None:
    """Should import the module in a fresh interpreter without streamlit ending up in sys.modules."""
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"{module} pulls in streamlit: {proc.stdout.strip()}"


def test_check_detects_streamlit__ok() -> None:
    """Should report streamlit when a module does import it (the check itself can fail)."""
    code = "import sys, streamlit\nprint('streamlit' in sys.modules)\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "True"
