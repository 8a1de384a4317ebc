"""Report commands: ``report`` (the printed PDF report) and the CSV formats of ``export``.

* ``report ID -o FILE.pdf [--workspace NAME] [--no-earlier]`` writes the PDF report of a saved
  assessment: cover, each framework's chart and numbers, flags, what changed since the
  previous assessment of the same innovation (up to three earlier ones are overlaid on the
  charts, as on the Results page), evidence, next steps, the method note and the sources.
* ``export ID -o FILE.csv --format csv`` writes the long CSV (one row per answer) and
  ``--format sections-csv`` the section results (docs/reports.md).

Both read as :mod:`assessments.cli.operator` says: without ``--workspace`` from the
single-user ``local`` workspace, with it as that workspace's operator. An id the workspace
may not read is reported like one that does not exist (STORAGE_001, exit code 2).
Matplotlib and WeasyPrint are loaded only when a report is written, so the rest of the
command line starts without them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assessments.cli.gcpause import paused_gc
from assessments.cli.operator import add_database_option, workspace_store
from assessments.errors import ErrorCode, InputError, problem
from assessments.models import Assessment
from assessments.store import Store
from assessments.tidy import answers_csv, sections_csv

EXIT_OK = 0
CSV_FORMATS = ("csv", "sections-csv")
"""``export --format`` values this module writes (``xlsx`` is the workbook's)."""
MAX_EARLIER = 3
"""Earlier assessments overlaid on the report's charts, as on the Results page."""


def register(sub: Any) -> None:
    """Add the ``report`` sub-command."""
    p = sub.add_parser(
        "report",
        help="write the printable PDF report of a saved assessment",
        description=(
            "Write an A4 PDF report of one saved assessment: each framework's chart and numbers, flags, "
            "what changed since the previous assessment of the innovation, next steps, method and sources."
        ),
    )
    p.add_argument("id", metavar="ID", help="the assessment id (as in the app's ?a= link)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write (.pdf)")
    p.add_argument(
        "--workspace",
        metavar="NAME",
        help="the workspace's name or id (default: this computer's single-user 'local' workspace)",
    )
    p.add_argument("--no-earlier", action="store_true", help="leave out earlier assessments of the same innovation")
    add_database_option(p)
    p.set_defaults(handler=run_report)


def earlier_assessments(store: Store, assessment_id: str, limit: int = MAX_EARLIER) -> list[Assessment]:
    """The assessments of the same innovation before this one that the store's viewer may read, oldest first."""
    summary = store.get_summary(assessment_id)
    ids = [h.id for h in store.innovation_history(summary.innovation_id)]
    before = ids[: ids.index(assessment_id)] if assessment_id in ids else []
    return [store.get_assessment(i) for i in before[-limit:]] if limit > 0 else []


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_015, file=str(path), detail=exc.strerror or str(exc))]) from exc


def run_report(args: argparse.Namespace) -> int:
    """Write one saved assessment's PDF report (one the workspace may read)."""
    from assessments.report.pdf import report_pdf  # matplotlib and WeasyPrint: only when a report is asked for

    with workspace_store(args.database, args.workspace, adds=False) as (store, _workspace):
        assessment = store.get_assessment(args.id)
        earlier = [] if args.no_earlier else earlier_assessments(store, args.id)
        with paused_gc(collect_young=True):
            content = report_pdf(assessment, store.frameworks, earlier=earlier)
    _write(args.output, content)
    print(f"wrote the report of assessment {args.id} to {args.output}")
    return EXIT_OK


def run_export_csv(args: argparse.Namespace) -> int:
    """``export --format csv|sections-csv``: one saved assessment, or all the workspace may read (``--all``)."""
    with workspace_store(args.database, args.workspace, adds=False) as (store, _workspace):
        ids = [s.id for s in store.list_assessments()] if args.all else [args.id]
        assessments = [store.get_assessment(i) for i in ids]
        write = answers_csv if args.format == "csv" else sections_csv
        content = write(assessments, store.frameworks)
    _write(args.output, content)
    what = "answers" if args.format == "csv" else "section results"
    whose = f"{len(ids)} assessment{'' if len(ids) == 1 else 's'}" if args.all else f"assessment {args.id}"
    print(f"wrote the {what} of {whose} to {args.output}")
    return EXIT_OK
