"""Core sub-commands: ``frameworks`` (list what is bundled) and ``score`` (score an assessment file).

``python -m assessments frameworks [--json]`` and
``python -m assessments score FILE [--json] [--complex-threshold N]``. Both JSON
forms are documented in docs/assessment-format.md and are stable.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from assessments.catalogue import bundled_frameworks
from assessments.errors import ErrorCode, InputError, human_size, problem
from assessments.jsonfile import read_assessment_file
from assessments.methods import method_of
from assessments.methods.base import answers_text
from assessments.models import ROLE_LABELS, STAGE_LABELS, Assessment, Framework, FrameworkResult, SectionResult
from assessments.scoring import DEFAULT_COMPLEX_THRESHOLD, results_to_json, score_assessment
from assessments.wording import SELF_ASSESSMENT_REMINDER

SCORE_SUFFIXES = (".json", ".xlsx")


def register(sub: Any) -> None:
    """Add the ``frameworks`` and ``score`` sub-commands to the parser's sub-parsers."""
    p = sub.add_parser(
        "frameworks",
        help="list the bundled frameworks, their sections and item counts",
        description="List the bundled frameworks with their sections and item counts.",
    )
    p.add_argument("--json", action="store_true", help="print every framework, item and option as JSON")
    p.set_defaults(handler=run_frameworks)

    p = sub.add_parser(
        "score",
        help="score an assessment file (.json or .xlsx)",
        description=(
            "Score an assessment file and print a summary per framework and section. "
            "The scores are self-assessments; see docs/scoring.md for the method."
        ),
    )
    p.add_argument("file", type=Path, metavar="FILE", help="assessment file: .json, or .xlsx exported by the app")
    p.add_argument("--json", action="store_true", help="print the results as JSON (see docs/assessment-format.md)")
    p.add_argument(
        "--complex-threshold",
        type=_threshold,
        default=DEFAULT_COMPLEX_THRESHOLD,
        metavar="N",
        help=f"complex NASSS domains that trigger the several-complex-domains warning (default {DEFAULT_COMPLEX_THRESHOLD})",
    )
    p.set_defaults(handler=run_score)


def _threshold(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number; give 1 or more, e.g. 2") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small; give 1 or more, e.g. 2")
    return value


# ---------------------------------------------------------------------------
# frameworks
# ---------------------------------------------------------------------------


def frameworks_to_json(frameworks: Mapping[str, Framework]) -> dict[str, Any]:
    """The documented JSON listing of frameworks, sections, items and options.

    Args:
        frameworks: Frameworks by id, in display order.

    Returns:
        ``{"frameworks": [{"id", "title", "version", "citation", "sections": [{"id", "title",
        "items": [{"id", "text", "priority", "options": [{"id", "label"}, ...]}]}]}]}`` plus extra keys.
    """
    return {
        "frameworks": [
            {
                "id": fw.id,
                "title": fw.title,
                "short_title": fw.short_title,
                "version": fw.version,
                "scoring": fw.scoring,
                "citation": fw.citation.text,
                "citation_url": fw.citation.url,
                "doi": fw.citation.doi,
                "licence": fw.licence,
                "adaptations": list(fw.adaptations),
                "item_count": fw.item_count,
                "sections": [
                    {
                        "id": s.id,
                        "title": s.title,
                        "item_count": len(s.items),
                        "items": [
                            {
                                "id": i.id,
                                "text": i.text,
                                "label": i.short_label,
                                "type": i.type,
                                "priority": i.priority,
                                "ready_end": i.ready_end,
                                "options": [
                                    {
                                        "id": o.id,
                                        "label": o.label,
                                        "descriptor": o.descriptor,
                                        "value": o.value,
                                        "kind": o.kind,
                                    }
                                    for o in fw.options(i.id)
                                ],
                            }
                            for i in s.items
                        ],
                    }
                    for s in fw.sections
                ],
            }
            for fw in frameworks.values()
        ]
    }


def run_frameworks(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the bundled frameworks (readable, or JSON with ``--json``)."""
    out = out or sys.stdout
    frameworks = bundled_frameworks()
    if args.json:
        json.dump(frameworks_to_json(frameworks), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    for n, fw in enumerate(frameworks.values()):
        if n:
            out.write("\n")
        out.write(f"{fw.id}: {fw.title}\n")
        out.write(f"  Version {fw.version}; method: {fw.scoring}; {fw.item_count} items\n")
        out.write(f"  Source: {fw.citation.text} {fw.citation.url}\n")
        width = max(len(s.id) for s in fw.sections)
        for s in fw.sections:
            out.write(f"  {s.id:<{width}}  {s.title} ({len(s.items)} items)\n")
    return 0


# ---------------------------------------------------------------------------
# score
# ---------------------------------------------------------------------------


def read_assessment_any(path: Path, frameworks: Mapping[str, Framework]) -> Assessment:
    """Read an assessment from a .json file or an .xlsx workbook, chosen by suffix.

    Args:
        path: The file.
        frameworks: Known frameworks by id.

    Returns:
        The validated assessment.

    Raises:
        InputError: ASSESSMENT_016 for other suffixes, ASSESSMENT_015 when the file
            cannot be read, or any problem the reader finds.
    """
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_assessment_file(path, frameworks)
    if suffix != ".xlsx":
        raise InputError([problem(ErrorCode.ASSESSMENT_016, file=path.name, found=path.suffix or "(no suffix)")])
    # lazy: only needed for Excel input
    from assessments.xlsx.container import MAX_WORKBOOK_BYTES
    from assessments.xlsx.read import read_workbook

    try:
        size = path.stat().st_size
        if size > MAX_WORKBOOK_BYTES:
            raise InputError(
                [
                    problem(
                        ErrorCode.WORKBOOK_004,
                        file=path.name,
                        size=human_size(size),
                        limit=human_size(MAX_WORKBOOK_BYTES),
                    )
                ]
            )
        content = path.read_bytes()
    except OSError as exc:
        raise InputError([problem(ErrorCode.ASSESSMENT_015, file=path.name, detail=exc.strerror or str(exc))]) from exc
    return read_workbook(content, frameworks, file=path.name)


def _counts(s: SectionResult | FrameworkResult) -> str:
    return f"{answers_text(s)}, {s.unanswered} not answered yet"


def _section_line(result: FrameworkResult, s: SectionResult) -> str:
    return f"{s.title}: {method_of(result).reading(s)}; {_counts(s)}"


def format_results(assessment: Assessment, frameworks: Mapping[str, Framework], results: list[FrameworkResult]) -> str:
    """A readable, plain-text summary of scored results.

    Args:
        assessment: The assessment that was scored (for its heading).
        frameworks: Frameworks by id (for titles and labels).
        results: One result per framework.

    Returns:
        Text: a heading, then per framework its sections and flags, then the self-assessment reminder.
    """
    lines: list[str] = []
    inv = assessment.innovation
    head = inv.name + (f" ({inv.organisation})" if inv.organisation else "")
    meta = assessment.assessment
    details = [
        f"assessed {meta.assessed_on.isoformat()}" if meta.assessed_on else "",
        f"stage: {STAGE_LABELS[meta.stage]}" if meta.stage else "",
        f"by: {ROLE_LABELS[meta.assessor_role]}" if meta.assessor_role else "",
        meta.label,
    ]
    details = [d for d in details if d]
    lines.append(head + (f"; {', '.join(details)}" if details else ""))
    for r in results:
        fw = frameworks[r.framework]
        lines.append("")
        lines.append(f"{fw.title} [{fw.id} v{r.framework_version}; {method_of(r).description}]")
        for s in r.sections:
            lines.append(f"  {_section_line(r, s)}")
            if s.missing:
                labels = ", ".join(fw.item(i).short_label for i in s.missing)
                lines.append(f"    still to do: {labels}")
        if r.complex_domains is not None:
            lines.append(f"  Domains rated complex: {r.complex_domains}")
        if r.flags:
            lines.append("  Flags:")
            # As on the Results page: the severity and label in words first; the code last, for support.
            kind = {"warning": "Warning", "info": "Note"}
            lines.extend(f"    {kind[f.severity]} – {f.code.label}: {f.message} [{f.code}]" for f in r.flags)
        else:
            lines.append("  Flags: none")
    lines.append("")
    lines.append(SELF_ASSESSMENT_REMINDER)
    return "\n".join(lines) + "\n"


def run_score(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Score an assessment file and print the summary (or JSON with ``--json``)."""
    out = out or sys.stdout
    frameworks = bundled_frameworks()
    path: Path = args.file
    assessment = read_assessment_any(path, frameworks)
    result = score_assessment(assessment, frameworks, complex_threshold=args.complex_threshold)
    if args.json:
        data = results_to_json(result)
        data["complex_threshold"] = args.complex_threshold
        data["note"] = SELF_ASSESSMENT_REMINDER
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(format_results(assessment, frameworks, list(result.results)))
    return 0
