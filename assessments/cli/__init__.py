"""Command line: ``python -m assessments COMMAND ...``.

Exit codes: 0 success, 2 bad input (one line per problem on stderr, no
traceback; a database failure is bad input too, named without SQL or values).
Everything printed goes through :func:`assessments.cli.output.terminal_safe`, so
text from a file or the database cannot send control sequences to the terminal. Each group of commands lives in its own module and registers its
sub-commands here: ``cli_core`` (frameworks, score), ``cli_workbook``
(template, export, import), ``cli_report`` (report, and export's CSV formats), ``cli_compare`` (compare), ``cli_people``
(workspace, member) and ``cli_database`` (db status, db upgrade). Who the command line acts as, and in which workspace, is
decided in :mod:`assessments.cli.operator`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from assessments.cli import compare as cli_compare
from assessments.cli import core as cli_core
from assessments.cli import database as cli_database
from assessments.cli import people as cli_people
from assessments.cli import report as cli_report
from assessments.cli import workbook as cli_workbook
from assessments.cli.output import safe_output
from assessments.errors import ErrorCode, InputError, problem

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="python -m assessments",
        description=(
            "Scaling-readiness self-assessment: frameworks, scoring, Excel, comparison, workspaces and members, "
            "and the database's schema."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (cli_core, cli_workbook, cli_report, cli_compare, cli_people, cli_database):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    with safe_output():
        return _run(handler, args)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from assessments.store.failures import database_error

    try:
        return handler(args)
    except InputError as exc:
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        return EXIT_BAD_INPUT
    except SQLAlchemyError as exc:  # the store wraps its own; this is the backstop for any other path
        print(str(problem(ErrorCode.STORAGE_002, detail=database_error(exc))), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of the output went away (e.g. `| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
