"""``python -m assessments compare FILES... [-o comparison.xlsx] [--pdf pack.pdf] [--json] [--order FRAMEWORK [--weights weights.yaml]]``.

FILES are assessment JSON files or assessment workbooks (.xlsx). The comparison
(:func:`assessments.compare.comparison.compare`) screens every candidate, groups
them into dominance tiers and, with ``--order``, orders them inside one framework
by the weights given. ``-o`` writes the comparison workbook; ``--pdf`` writes the panel pack
(an A4 PDF for a panel: docs/reports.md), its path checked before anything is read; ``--json`` prints the
comparison as JSON (docs/comparison-format.md) on stdout; without ``--json`` the
screen's warnings and the tiers are printed in plain words. Every file is
read and checked first. Without ``--skip-invalid`` any bad file means its
problems go to stderr, the exit code is 2 and nothing is written. With it, the
bad files are reported the same way (exit code still 2) and the comparison of
the good ones is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assessments.catalogue import bundled_frameworks
from assessments.cli.gcpause import paused_gc
from assessments.compare.candidates import Candidate, candidate_label, read_assessment_any, unique_labels
from assessments.compare.comparison import CAVEAT, Comparison, compare
from assessments.compare.jsonout import comparison_to_json
from assessments.compare.ordering import orderable
from assessments.compare.screening import who_raises_what
from assessments.compare.weights import default_weights, read_weights_file
from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.jsonfile import MAX_JSON_BYTES, read_limited
from assessments.models import Assessment, Framework
from assessments.scoring import score_assessment
from assessments.xlsx.container import MAX_WORKBOOK_BYTES

EXIT_OK = 0
EXIT_BAD_INPUT = 2
_SIZE_LIMITS = {
    ".xlsx": (MAX_WORKBOOK_BYTES, ErrorCode.WORKBOOK_004),
    ".json": (MAX_JSON_BYTES, ErrorCode.ASSESSMENT_014),
}


def register(sub: Any) -> None:
    """Add the ``compare`` sub-command to the parser's sub-parsers."""
    p = sub.add_parser(
        "compare",
        help="compare assessments (JSON files or workbooks): screen, dominance tiers, workbook or JSON",
        description=(
            "Compare candidate innovations: each one's screen (complex NASSS domains, SCIE priority gaps, "
            "don't know, evidence, coverage), dominance tiers with their ranges under the sensitivity checks, "
            "and, if asked, an ordering inside one framework by your weights. No number adds SCIE, NASSS and "
            "SIPS together. The method is 'Comparing innovations' in docs/scoring.md."
        ),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="assessment .json files or .xlsx workbooks")
    p.add_argument("-o", "--output", type=Path, default=None, help="the comparison workbook to write (.xlsx)")
    p.add_argument(
        "--pdf",
        type=Path,
        default=None,
        metavar="FILE.pdf",
        help="the panel pack to write: an A4 PDF with the screen, tiers, profiles side by side and a part per candidate",
    )
    p.add_argument("--json", action="store_true", help="print the comparison as JSON (see docs/comparison-format.md)")
    p.add_argument(
        "--order",
        metavar="FRAMEWORK",
        default=None,
        help="also order the candidates inside this one framework (scie or nasss) by --weights: your editorial choice",
    )
    p.add_argument(
        "--weights",
        type=Path,
        default=None,
        help="YAML mapping 'framework.section: weight' (0-10; default 1 each), used by --order only",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="still write the comparison of the good files when some are invalid (exit code stays 2)",
    )
    p.set_defaults(handler=run_compare)


def load_candidates(
    paths: Sequence[Path], frameworks: Mapping[str, Framework]
) -> tuple[list[Candidate], list[Problem]]:
    """Read and score every file; collect problems per file instead of stopping.

    Returns:
        The candidates read (labels made unique) and every problem found.
    """
    problems: list[Problem] = []
    read: list[tuple[Path, Assessment]] = []
    for path in paths:
        try:  # the size is checked before anything is read (a sparse file of gigabytes is refused at once)
            content = read_limited(path, *_SIZE_LIMITS.get(path.suffix.lower(), _SIZE_LIMITS[".json"]))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        try:
            read.append((path, read_assessment_any(content, path.name, frameworks)))
        except InputError as exc:
            problems.extend(exc.problems)
    labels = unique_labels([candidate_label(a) for _, a in read])
    keys = unique_labels([str(path) for path, _ in read])  # the same file given twice is two candidates
    candidates = [
        Candidate(key=key, label=label, assessment=a, result=score_assessment(a, frameworks), source=path.name)
        for (path, a), label, key in zip(read, labels, keys, strict=True)
    ]
    return candidates, problems


def run_compare(args: argparse.Namespace) -> int:
    """Handler of ``compare``: returns the exit code (0, or 2 when any input was bad)."""
    # The candidates read stay alive until the workbook is written, so there is
    # nothing for a collection to free until the process exits (bench/compare.py:
    # collections over the batch were more than half of the run time).
    with paused_gc(collect_young=False):
        return _run_compare(args)


def _run_compare(args: argparse.Namespace) -> int:
    frameworks = bundled_frameworks()
    if args.output is None and args.pdf is None and not args.json:
        raise InputError(
            [problem(ErrorCode.COMPARE_004, detail="say where the result goes: -o FILE.xlsx, --pdf FILE.pdf, --json")]
        )
    if args.pdf is not None:
        check_pdf_path(args.pdf)  # before the files are read and scored: a typo costs nothing
    if args.weights is not None and args.order is None:
        detail = (
            f"--weights only weights an ordering inside one framework: add --order ({', '.join(orderable(frameworks))})"
        )
        raise InputError([problem(ErrorCode.COMPARE_004, detail=detail)])
    weights = read_weights_file(args.weights, frameworks) if args.weights else default_weights(frameworks)
    candidates, problems = load_candidates(args.files, frameworks)
    for p in problems:
        print(str(p), file=sys.stderr)
    if problems and not args.skip_invalid:
        print("Nothing written: fix the files above or pass --skip-invalid.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not candidates:
        raise InputError([problem(ErrorCode.COMPARE_004, detail="none of the files could be read")])

    comparison = compare(candidates, frameworks, order=args.order, weights=weights)
    if args.output is not None:
        from assessments.compare.workbook import comparison_workbook_bytes  # openpyxl only when writing

        content = comparison_workbook_bytes(comparison, frameworks)
        try:
            args.output.write_bytes(content)
        except OSError as exc:
            raise InputError(
                [problem(ErrorCode.ASSESSMENT_015, file=str(args.output), detail=exc.strerror or str(exc))]
            ) from exc
    if args.pdf is not None:
        from assessments.report.panel_html import panel_pdf  # matplotlib and WeasyPrint only when a pack is asked for

        _write_pdf(args.pdf, panel_pdf(comparison, frameworks))
    if args.json:
        print(json.dumps(comparison_to_json(comparison), ensure_ascii=False, indent=2))
    else:
        print("\n".join(plain_summary(comparison)))
    if args.output is not None:
        print(
            f"Wrote the comparison of {len(candidates)} assessments to {args.output}",
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.pdf is not None:
        print(
            f"Wrote the panel pack of {len(candidates)} assessments to {args.pdf}",
            file=sys.stderr if args.json else sys.stdout,
        )
    return EXIT_BAD_INPUT if problems else EXIT_OK


def check_pdf_path(path: Path) -> None:
    """Refuse a panel pack path that cannot be written: not ending in .pdf, a folder, or in no existing folder.

    Raises:
        InputError: COMPARE_007 saying which.
    """
    detail = None
    if path.suffix.lower() != ".pdf":
        detail = "the panel pack is a PDF, so its name must end in .pdf"
    elif path.is_dir():
        detail = "that is a folder"
    elif not path.parent.is_dir():
        detail = f"the folder '{path.parent}' does not exist"
    if detail is not None:
        raise InputError([problem(ErrorCode.COMPARE_007, found=str(path), detail=detail)])


def _write_pdf(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise InputError([problem(ErrorCode.COMPARE_007, found=str(path), detail=exc.strerror or str(exc))]) from exc


def plain_summary(comparison: Comparison) -> list[str]:
    """The comparison in plain words: the caveat, mixed-context warnings, who raises what, the tiers, any ordering."""
    lines = [CAVEAT, ""]
    if comparison.context:
        lines += ["Compare with care:", *(f"- {w.text}" for w in comparison.context), ""]
    lines += [
        "Screen (not a score):",
        *(f"- {line}" for line in who_raises_what(comparison.candidates, comparison.screens)),
    ]
    lines += ["", "Dominance tiers (members alphabetically; no order inside a tier):"]
    for tier, members in comparison.tier_members():
        lines.append(f"- Tier {tier}: {'; '.join(members)}")
    o, r = comparison.ordering, comparison.ordering_ranges
    if o is not None and r is not None:
        lines += ["", f"Ordering within {o.title} by your weights (your editorial choice; ties share a position):"]
        for i, row in enumerate(o.rows):
            if row.score is None:
                lines.append(f"- not ordered: {row.label} (nothing rated)")
                continue
            span = f"{r.low[i]}" if r.low[i] == r.high[i] else f"{r.low[i]}-{r.high[i]}"
            lines.append(
                f"- {row.position}. {row.label}: {row.score:.1f} (worst {row.worst:.1f}, best {row.best:.1f}; "
                f"position {span} under the sensitivity checks)"
            )
    lines += ["", "Method: 'Comparing innovations' in docs/scoring.md."]
    return lines
