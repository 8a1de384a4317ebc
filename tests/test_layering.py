"""Layering: the allowed import graph of assessments/, thin pages, and no streamlit under assessments/."""

from __future__ import annotations

import ast
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


# ---------------------------------------------------------------------------
# The allowed import graph: data flows one way, from the frameworks to the pages.
# ---------------------------------------------------------------------------

DOMAIN = {"errors", "models", "catalogue", "validation", "wording", "methods", "upgrades", "scoring"}
"""Importable by everything: the vocabulary, the one validator and the scoring methods."""

ALLOWED: dict[str, set[str]] = {
    "errors": {"models"},  # field labels (models/fields.py) name a problem's field in words
    "models": set(),
    "catalogue": {"errors", "models"},
    "validation": {"errors", "models"},
    "wording": {"models"},
    "methods": {"models"},
    "upgrades": {"errors", "models"},
    "scoring": {"models", "methods", "upgrades"},
    "jsondecode": {"errors", "models"},
    "jsonfile": {"errors", "models", "validation", "upgrades", "jsondecode"},
    "yamlsafe": set(),
    "guidance": {"models", "methods"},
    "charts": {"models", "methods", "wording"},
    "screen": {"models"},
    "store": {"errors", "models", "validation", "methods", "scoring", "screen"},
    "portfolio": {"models", "store"},
    "changes": {"models", "wording"},
    "examples": {"errors", "models", "jsonfile", "store"},
    "importing": {"errors", "models", "store", "changes", "upgrades"},
    "xlsx": {"errors", "models", "validation", "wording", "methods", "scoring", "upgrades"},
    "compare": {
        "errors",
        "models",
        "methods",
        "scoring",
        "wording",
        "charts",
        "jsonfile",
        "xlsx",
        "screen",
        "yamlsafe",
    },
    "report": {"errors", "models", "methods", "scoring", "guidance", "charts", "changes", "wording", "compare"},
    "tidy": {"models", "methods", "scoring", "wording", "xlsx"},
    "cli": DOMAIN | {"jsonfile", "store", "xlsx", "importing", "compare", "examples", "report", "tidy", "screen"},
    "__main__": {"cli"},
    "__init__": set(),
}
"""Which capabilities each capability of ``assessments/`` may import (its own modules always)."""

UI_FORBIDDEN = {"assessments.cli", "sqlalchemy", "openpyxl", "yaml", "json", "csv"}
"""Pages are thin: no command line, no SQL and no file formats (those live in the domain)."""


def component(module: str) -> str:
    """``assessments.store.answers`` -> ``store``; other modules are returned whole."""
    parts = module.split(".")
    return parts[1] if parts[0] == "assessments" and len(parts) > 1 else module


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """Capability -> the other ``assessments`` capabilities its files import."""
    graph: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        own = component(".".join(path.relative_to(package.parent).with_suffix("").parts))
        deps = {component(m) for m in imported_modules(path) if m.startswith("assessments.")}
        graph.setdefault(own, set()).update(deps - {own})
    return graph


def violations(graph: dict[str, set[str]], allowed: dict[str, set[str]]) -> list[str]:
    """Each import the table does not allow, and each capability the table does not know."""
    out = []
    for own, deps in sorted(graph.items()):
        if own not in allowed:
            out.append(f"assessments/{own} is not in the layering table: add it with what it may import")
            continue
        out.extend(f"{own} imports {dep}" for dep in sorted(deps - allowed[own]))
    return out


def test_assessments_follow_the_import_graph__ok() -> None:
    """Should find only imports the layering table allows (data flows one way)."""
    assert violations(import_graph(ROOT / "assessments"), ALLOWED) == []


def test_nothing_outside_cli_imports_cli__ok() -> None:
    """Should find no module outside assessments/cli (pages, domain, bench) importing the command line."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("assessments", "ui", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if "cli" not in path.relative_to(ROOT).parts[:2] and path.name != "__main__.py"
        if any(m == "assessments.cli" or m.startswith("assessments.cli.") for m in imported_modules(path))
    ]
    # bench/workbook.py times the CLI's batch path, garbage-collector pause included.
    assert offenders == ["bench/workbook.py"]


def test_store_reads_no_file_format__ok() -> None:
    """Should keep the store free of the JSON file format and the workbook."""
    assert not import_graph(ROOT / "assessments").get("store", set()) & {"jsonfile", "xlsx", "catalogue"}


@pytest.mark.parametrize("path", [*sorted((ROOT / "ui").glob("*.py")), ROOT / "app.py"], ids=lambda p: p.name)
def test_pages_stay_thin__ok(path: Path) -> None:
    """Should import no CLI, SQL or file-format library from a page."""
    imported = imported_modules(path)
    bad = sorted(m for m in imported if any(m == f or m.startswith(f + ".") for f in UI_FORBIDDEN))
    assert bad == []


def test_layering_check_detects_violations__ok() -> None:
    """Should report a forbidden import and an unknown capability (the check itself can fail)."""
    graph = {"store": {"models", "jsonfile"}, "newthing": {"models"}}
    assert violations(graph, ALLOWED) == [
        "assessments/newthing is not in the layering table: add it with what it may import",
        "store imports jsonfile",
    ]


def test_import_finder_sees_lazy_imports__ok(tmp_path: Path) -> None:
    """Should count an import inside a function as an import."""
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from assessments.xlsx.read import read_workbook\n", encoding="utf-8")
    assert "assessments.xlsx.read" in imported_modules(source)


def test_command_line_loads_no_plotting_library__ok() -> None:
    """Should start the command line without matplotlib or pandas (the comparison's numbers need neither)."""
    code = "import sys, assessments.cli\nprint(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
