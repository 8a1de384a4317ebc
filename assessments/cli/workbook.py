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
from assessments.jsonfile import read_limited
from assessments.models import Assessment, Framework
from assessments.store import Store
from assessments.xlsx.workbook import MAX_WORKBOOK_BYTES, diff_assessments, read_workbook, workbook_bytes

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


def import_assessment(store: Store, assessment: Assessment, *, actor: str, dry_run: bool = False) -> tuple[str, str]:
    """Save an imported assessment: update it if its id is saved already, else create it.

    Args:
        store: The database.
        assessment: The assessment read from a workbook.
        actor: Who is importing (kept in the audit trail).
        dry_run: Only work out what would happen.

    Returns:
        ``("updated" | "created", assessment id)``; the id is empty for a dry-run create.
    """
    existing = _existing(store, assessment.id)
    if dry_run:
        return ("updated", existing) if existing else ("created", "")
    if existing:
        return "updated", store.save_assessment(assessment, actor=actor, assessment_id=existing, source="excel")
    return "created", store.save_assessment(assessment, actor=actor, source="excel")


def _existing(store: Store, assessment_id: str | None) -> str | None:
    if not assessment_id:
        return None
    try:
        store.get_summary(assessment_id)
    except InputError as exc:
        if ErrorCode.STORAGE_001 in exc.codes:
            return None
        raise
    return assessment_id


def run_import(args: argparse.Namespace) -> int:
    """Import each workbook all or nothing; report every problem of every file."""
    store = Store(args.database, frameworks=bundled_frameworks())
    frameworks = store.frameworks
    problems: list[Problem] = []
    try:
        for path in args.files:
            try:
                assessment = read_workbook_file(path, frameworks)
                existing = _existing(store, assessment.id)
                old = store.get_assessment(existing) if existing else None
                changes = diff_assessments(old, assessment, frameworks)
                action, aid = import_assessment(store, assessment, actor=IMPORT_ACTOR, dry_run=args.dry_run)
            except InputError as exc:
                problems.extend(p if p.file else _with_file(p, path.name) for p in exc.problems)
                continue
            if args.dry_run:
                print(f"{path}: would {action[:-1]} {aid or 'a new assessment'} ({len(changes)} changes)")
                for change in changes:
                    print(f"  {change.where} [{change.field}]: {_short(change.old)!r} -> {_short(change.new)!r}")
            else:
                print(f"{action} {aid} from {path} ({len(changes)} changes)")
    finally:
        store.close()
    for p in problems:
        print(str(p), file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _with_file(p: Problem, name: str) -> Problem:
    return Problem(code=p.code, message=p.message, file=name, sheet=p.sheet, row=p.row, column=p.column, field=p.field)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
