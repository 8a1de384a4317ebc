"""Excel commands: ``template``, ``export`` and ``import``.

* ``template -o FILE.xlsx`` writes the blank assessment workbook for offline filling.
* ``export ID -o FILE.xlsx [--workspace NAME]`` writes a saved assessment's workbook
  (answers, notes, evidence, scores and radar charts).
* ``import FILE... [--workspace NAME]`` reads filled workbooks (``.xlsx``) and JSON
  assessment files (``.json``, docs/assessment-format.md) into the database. Each file
  is all or nothing: it is saved (in one transaction) only if it has no problem at all.
  A file naming an assessment id the workspace may change updates that assessment;
  any other file creates a new one (and says so when it named an assessment it may
  not change, such as another workspace's). One line per file says what was
  **created** or **updated** and its id; problems are printed one per line with file,
  sheet, row and column, the other files are still tried, and the exit code is then 2.
  A file whose content is identical to an assessment already saved is said to be so;
  with ``--skip-identical`` it is **skipped** instead of saved as a second copy. A file
  that would update an assessment to what it already holds is reported **unchanged**.

Without ``--workspace`` both act on the single-user ``local`` workspace (an
installation without sign-in); with it, as that workspace's operator
(:mod:`assessments.cli.operator`), so an export reads only what that workspace may
read. The database is ``--database URL``, else ``DATABASE_URL``, else the SQLite
file under ``data/`` (see :mod:`assessments.store`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.cli import report as cli_report
from assessments.cli.core import read_assessment_any
from assessments.cli.gcpause import paused_gc
from assessments.cli.operator import add_database_option, workspace_store
from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.importing import ImportPlan, apply_import, plan_import
from assessments.jsonfile import read_limited
from assessments.models import Assessment, Framework
from assessments.xlsx.container import MAX_WORKBOOK_BYTES
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import workbook_bytes

EXIT_OK = 0
EXIT_BAD_INPUT = 2
WORKSPACE_HELP = "the workspace's name or id (default: this computer's single-user 'local' workspace)"


def register(sub: Any) -> None:
    """Add the ``template``, ``export`` and ``import`` sub-commands."""
    p = sub.add_parser("template", help="write the blank assessment workbook (.xlsx) for filling in offline")
    p.add_argument("-o", "--output", type=Path, required=True, help="the workbook to write (.xlsx)")
    p.set_defaults(handler=run_template)

    p = sub.add_parser(
        "export",
        help="write a saved assessment as an Excel workbook (or a tidy CSV)",
        description=(
            "Write one saved assessment (ID) as a workbook or a tidy CSV, or, with --all and a CSV format, "
            "every assessment the workspace may read, in one CSV."
        ),
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("id", metavar="ID", nargs="?", help="the assessment id (as in the app's ?a= link)")
    which.add_argument(
        "--all",
        action="store_true",
        help="every assessment the workspace may read (its own and those shared with it; not archived ones), "
        "with --format csv or sections-csv",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write (.xlsx, or .csv)")
    p.add_argument(
        "--format",
        choices=("xlsx", *cli_report.CSV_FORMATS),
        default="xlsx",
        help="xlsx: the workbook (default); csv: one row per answer; sections-csv: one row per section result",
    )
    p.add_argument("--workspace", metavar="NAME", help=WORKSPACE_HELP + "; only its assessments can be exported")
    add_database_option(p)
    p.set_defaults(handler=run_export)

    p = sub.add_parser(
        "import",
        help="import filled workbooks (.xlsx) or JSON assessment files (.json) into the database",
        description=(
            "Import each file all or nothing. A file exported from an assessment this workspace may change "
            "updates it; any other file creates a new assessment."
        ),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="workbooks from the app, or .json files")
    p.add_argument("--workspace", metavar="NAME", help=WORKSPACE_HELP)
    add_database_option(p)
    p.add_argument("--dry-run", action="store_true", help="check the files and show what would change, without saving")
    p.add_argument(
        "--skip-identical",
        action="store_true",
        help="skip a file whose content is identical to an assessment already saved (default: import it as a copy)",
    )
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
    """Write one saved assessment's workbook (one the workspace may read), or a tidy CSV (``--format``)."""
    if args.format in cli_report.CSV_FORMATS:
        return cli_report.run_export_csv(args)
    if args.all:
        print(
            "export --all writes one CSV of every assessment: add --format csv or --format sections-csv",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    with workspace_store(args.database, args.workspace, adds=False) as (store, _workspace):
        assessment = store.get_assessment(args.id)
        with paused_gc(collect_young=True):
            content = workbook_bytes(store.frameworks, assessment)
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


def read_import_file(path: Path, frameworks: Mapping[str, Framework]) -> Assessment:
    """Read a workbook (``.xlsx``) or a JSON assessment file (``.json``), chosen by suffix.

    Raises:
        InputError: ASSESSMENT_016 for any other suffix, or any problem the reader finds.
    """
    if path.suffix.lower() == ".xlsx":
        return read_workbook_file(path, frameworks)
    return read_assessment_any(path, frameworks)


def _unreadable(path: Path, exc: Exception) -> Problem:
    """A file the readers failed on in a way they did not foresee, as a catalogue problem naming the file."""
    detail = f"unexpected {type(exc).__name__} while reading it"
    code = ErrorCode.WORKBOOK_003 if path.suffix.lower() == ".xlsx" else ErrorCode.ASSESSMENT_001
    return problem(code, file=path.name, detail=detail)


def run_import(args: argparse.Namespace) -> int:
    """Import each file all or nothing into the workspace; report every problem of every file.

    A file that cannot be read, or that the database refuses, is reported and the next file is tried.
    """
    problems: list[Problem] = []
    skip_identical: bool = getattr(args, "skip_identical", False)
    with workspace_store(args.database, args.workspace, adds=True) as (store, workspace):
        for path in args.files:
            try:
                plan = plan_import(store, read_import_file(path, store.frameworks), workspace=workspace.id)
                skipped = bool(plan.duplicate_of) and skip_identical
                aid = "" if args.dry_run or skipped or plan.unchanged else apply_import(store, plan)
            except InputError as exc:
                found = [p if p.file else _with_file(p, path.name) for p in exc.problems]
                problems.extend(found)
                storage = any(p.code.name.startswith("STORAGE_") for p in found)
                why = "the database refused it" if storage else f"{_count(len(found), 'problem')}"
                print(f"failed   {path}  ({why}, listed below; nothing saved)")
                continue
            except Exception as exc:  # a batch reports every file and goes on, never a traceback
                problems.append(_unreadable(path, exc))
                print(f"failed   {path}  (it could not be read, listed below; nothing saved)")
                continue
            if args.dry_run:
                _print_plan(path, plan)
            elif skipped:
                print(f"skipped  {plan.duplicate_of}  {path}  (identical to this saved assessment; nothing saved)")
            elif plan.unchanged:
                print(f"unchanged  {plan.target_id}  {path}  (it already holds everything in the file)")
            else:
                name = plan.assessment.innovation.name
                print(f"{plan.action}  {aid}  {path}  ({name}; {_count(len(plan.changes), 'change')})")
            if plan.note:
                print(f"  note: {plan.note}")
            for warning in plan.warnings:
                print(f"  check: {warning}")
            if plan.duplicate_of and not skipped:
                print(f"  note: {plan.duplicate} Pass --skip-identical to leave such files out.")
            if plan.note or (plan.duplicate_of and not skipped):
                print(f"  {plan.support}")
    for p in problems:
        print(str(p), file=sys.stderr)
    return EXIT_BAD_INPUT if problems else EXIT_OK


def _print_plan(path: Path, plan: ImportPlan) -> None:
    target = plan.target_id or "a new assessment"
    print(f"{path}: would {plan.action[:-1]} {target} ({_count(len(plan.changes), 'change')})")
    for change in plan.changes:
        print(f"  {change.where} [{change.field}]: {_short(change.old)!r} -> {_short(change.new)!r}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _with_file(p: Problem, name: str) -> Problem:
    return Problem(
        code=p.code,
        message=p.message,
        file=name,
        sheet=p.sheet,
        row=p.row,
        column=p.column,
        field=p.field,
        label=p.label,
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
