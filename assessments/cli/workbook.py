"""Excel commands: ``template``, ``export`` and ``import``.

* ``template -o FILE.xlsx`` writes the blank assessment workbook for offline filling.
* ``export ID -o FILE.xlsx`` writes a saved assessment's workbook (answers, notes,
  evidence, scores and radar charts).
* ``import FILE.xlsx...`` reads filled workbooks into the database. Each file is
  all or nothing: it is saved (in one transaction) only if it has no problem at
  all. A workbook whose assessment id is already in the database updates that
  assessment; otherwise a new one is created. Problems are printed one per line
  with file, sheet, row and column; the exit code is then 2.

The database is ``--database URL``, else ``DATABASE_URL``, else the SQLite file
under ``data/`` (see :mod:`assessments.store`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.cli.gcpause import paused_gc
from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.importing import apply_import, plan_import
from assessments.jsonfile import read_limited
from assessments.models import Assessment, Framework
from assessments.store import Store
from assessments.xlsx.container import MAX_WORKBOOK_BYTES
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes

EXIT_OK = 0
EXIT_BAD_INPUT = 2
IMPORT_ACTOR = "excel import (command line)"


def register(sub: Any) -> None:
    """Add the ``template``, ``export`` and ``import`` sub-commands."""
    p = sub.add_parser("template", help="write the blank assessment workbook (.xlsx) for filling in offline")
    p.add_argument("-o", "--output", type=Path, required=True, help="the workbook to write (.xlsx)")
    p.set_defaults(handler=run_template)

    p = sub.add_parser("export", help="write a saved assessment as an Excel workbook")
    p.add_argument("id", metavar="ID", help="the assessment id (as in the app's ?a= link)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the workbook to write (.xlsx)")
    p.add_argument("--database", metavar="URL", help="database URL (default: DATABASE_URL or data/assessments.db)")
    p.set_defaults(handler=run_export)

    p = sub.add_parser("import", help="import filled assessment workbooks (.xlsx) into the database")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="workbooks exported or templated by the app")
    p.add_argument("--database", metavar="URL", help="database URL (default: DATABASE_URL or data/assessments.db)")
    p.add_argument("--dry-run", action="store_true", help="check the files and show what would change, without saving")
    p.set_defaults(handler=run_import)


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_015, file=str(path), detail=exc.strerror or str(exc))]) from exc


def run_template(args: argparse.Namespace) -> int:
    """Write the blank template."""
    with paused_gc(collect_young=True):
        content = workbook_bytes(bundled_frameworks())
    _write(args.output, content)
    print(f"wrote blank template {args.output}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write one saved assessment's workbook."""
    store = Store(args.database, frameworks=bundled_frameworks())
    try:
        assessment = store.get_assessment(args.id)
        with paused_gc(collect_young=True):
            content = workbook_bytes(store.frameworks, assessment)
    finally:
        store.close()
    _write(args.output, content)
    print(f"wrote assessment {args.id} to {args.output}")
    return EXIT_OK


def read_workbook_file(path: Path, frameworks: Mapping[str, Framework]) -> Assessment:
    """Read one workbook file, checking its size before reading it into memory.

    Args:
        path: The .xlsx file.
        frameworks: The app's frameworks.

    Returns:
        The assessment read from the workbook.

    Raises:
        InputError: the file cannot be read, is too big, or has any workbook problem.
    """
    content = read_limited(path, MAX_WORKBOOK_BYTES, ErrorCode.WORKBOOK_004)
    # A command-line batch, not the server: pausing the collector here cannot stall other sessions.
    with paused_gc(collect_young=True):
        return read_workbook(content, frameworks, file=path.name)


def run_import(args: argparse.Namespace) -> int:
    """Import each workbook all or nothing; report every problem of every file."""
    store = Store(args.database, frameworks=bundled_frameworks())
    frameworks = store.frameworks
    problems: list[Problem] = []
    try:
        for path in args.files:
            try:
                plan = plan_import(store, read_workbook_file(path, frameworks))
                aid = "" if args.dry_run else apply_import(store, plan)
            except InputError as exc:
                problems.extend(p if p.file else _with_file(p, path.name) for p in exc.problems)
                continue
            if args.dry_run:
                target = plan.target_id or "a new assessment"
                print(f"{path}: would {plan.action[:-1]} {target} ({len(plan.changes)} changes)")
                for change in plan.changes:
                    print(f"  {change.where} [{change.field}]: {_short(change.old)!r} -> {_short(change.new)!r}")
            else:
                print(f"{plan.action} {aid} from {path} ({len(plan.changes)} changes)")
    finally:
        store.close()
    for p in problems:
        print(str(p), file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _with_file(p: Problem, name: str) -> Problem:
    return Problem(code=p.code, message=p.message, file=name, sheet=p.sheet, row=p.row, column=p.column, field=p.field)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
