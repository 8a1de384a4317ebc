"""The printed report of one assessment as one HTML document (styled by ``report.css``).

Every piece of text that people typed or that comes from a framework file is HTML-escaped
here (:func:`esc`), so a name or note holding markup prints as typed. Charts are embedded as
``data:`` images with a text alternative, so the document needs nothing from outside.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path

from assessments.guidance import SOURCES
from assessments.methods import method_of
from assessments.models import Framework
from assessments.report.content import FrameworkPart, Report, Table, role_text, stage_text
from assessments.report.markdown import markdown_html
from assessments.report.radar_svg import radar_svg
from assessments.wording import SELF_ASSESSMENT_NOTE, method_markdown

CSS_PATH = Path(__file__).with_name("report.css")
LANGUAGE = "en-GB"
TITLE = "Scaling readiness self-assessment"


def esc(text: object) -> str:
    """Text as HTML: ``<``, ``>``, ``&`` and quotes escaped, so typed markup prints as typed."""
    return escape(str(text), quote=True)


def _table(table: Table, caption: str, *, numeric_from: int = 1, css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in table.headings)
    rows = []
    for index, row in enumerate(table.rows):
        cells = [f'<th scope="row">{esc(row[0])}</th>']
        for col, cell in enumerate(row[1:], start=1):
            cls = ' class="num"' if col >= numeric_from and _numeric(cell) else ""
            cells.append(f"<td{cls}>{esc(cell)}</td>")
        strong = ' class="strong"' if index in table.strong_rows else ""
        rows.append(f"<tr{strong}>{''.join(cells)}</tr>")
    cls = f' class="{css}"' if css else ""
    return (
        f'<div class="table {css}"><table{cls}><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _numeric(cell: str) -> bool:
    return cell == "—" or cell.replace(".", "", 1).isdigit()


def _definitions(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in pairs)
    return f'<table class="details"><tbody>{rows}</tbody></table>'


def _cover(report: Report) -> str:
    a = report.current.assessment
    meta = a.assessment
    details = [
        ("Organisation", a.innovation.organisation or "Not given"),
        ("Assessment date", meta.assessed_on.isoformat() if meta.assessed_on else "Not given"),
        ("Stage", stage_text(a)),
        ("Assessor", meta.assessor or "Not given"),
        ("Assessor role", role_text(a)),
    ]
    if meta.label:
        details.append(("Label", meta.label))
    details.append(("Report produced", report.produced_on.isoformat()))
    earlier = ""
    if report.earlier:
        names = "; ".join(esc(s.full_name) for s in report.earlier)
        earlier = f"<p>Earlier assessments of this innovation shown for comparison: {names}.</p>"
    description = f'<p class="description">{esc(a.innovation.description)}</p>' if a.innovation.description else ""
    contents = "".join(
        f'<li><a href="#{anchor}">{esc(title)}</a></li>'
        for anchor, title in [
            ("overview", "Overview"),
            *((f"fw-{p.framework.id}", p.framework.title) for p in report.parts),
            ("next-steps", "Suggested next steps"),
            ("method", "How the results are worked out"),
            ("sources", "Sources"),
        ]
    )
    return (
        '<section class="cover">'
        f'<p class="kicker">{esc(TITLE)} report</p>'
        f'<h1 class="innovation">{esc(a.innovation.name)}</h1>'
        f"{description}{_definitions(details)}"
        f'<div class="caveat" role="note"><p><strong>Read this first.</strong> {esc(SELF_ASSESSMENT_NOTE)}</p>'
        "<p>There is no overall score: each framework is reported on its own terms, and nothing here adds "
        "them together.</p></div>"
        f"{earlier}"
        f'<nav><h2 class="contents">Contents</h2><ol class="toc">{contents}</ol></nav>'
        "</section>"
    )


def _overview(report: Report) -> str:
    items = "".join(
        f"<li><strong>{esc(p.framework.short_title)}:</strong> <strong>{esc(p.overview[0])}</strong> "
        f"{esc(p.overview[1])} ({esc(p.answers)})</li>"
        for p in report.parts
    )
    changed = ""
    if report.previous is not None:
        prev = esc(report.previous.full_name)
        if report.detail_changes:
            rows = Table(("Detail", "Before", "Now"), tuple(report.detail_changes))
            changed = _table(rows, f"Details changed since {report.previous.full_name}")
        else:
            changed = f"<p>No details of the assessment (stage, assessor, role) changed since {prev}.</p>"
        if report.other_changes:
            changed += f"<p>Since {prev}: {esc(report.other_changes)}</p>"
        changed = f"<h3>Since the previous assessment</h3>{changed}"
    return f'<section id="overview"><h2>Overview</h2><ul class="overview">{items}</ul>{changed}</section>'


def _chart(part: FrameworkPart) -> str:
    svg = radar_svg(part.framework, part.series)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    method = method_of(part.framework)
    meaning = method.axis(method.radar_level()).meaning
    return (
        f'<figure class="chart"><img src="{src}" alt="{esc(part.chart_alt)}">'
        f"<figcaption><strong>{esc(part.framework.short_title)}</strong>: {esc(meaning)}. "
        f"{esc(method.chart_note)}</figcaption></figure>"
    )


def _flags(part: FrameworkPart) -> str:
    if not part.flags:
        return "<h3>Flags</h3><p>No flags for this framework.</p>"
    items = "".join(
        f'<li class="{"warning" if f.kind == "Warning" else "note"}"><strong>{esc(f.kind)} – {esc(f.title)}:</strong> '
        f"{esc(f.message)}</li>"
        for f in part.flags
    )
    return f'<h3>Flags</h3><ul class="flags">{items}</ul>'


def _framework(report: Report, part: FrameworkPart) -> str:
    fw = part.framework
    figure, counted = part.overview
    out = [
        f'<section class="framework" id="fw-{esc(fw.id)}">',
        f"<h2>{esc(fw.title)}</h2>",
        f'<p class="lead"><strong>{esc(figure)}</strong> {esc(counted)} · {esc(part.answers)}</p>',
        _chart(part),
        _table(part.radar_table, f"{fw.short_title}: the numbers in the chart", css="numbers"),
    ]
    if part.section_table is not None:
        out.append(_table(part.section_table, f"{fw.short_title}: section scores", css="numbers"))
    out.append(_flags(part))
    if part.changes is not None and report.previous is not None:
        out.append(f"<h3>{esc(report.previous.since)}</h3>")
        out.append(
            f'<p class="lead-in">{part.changed_answers} answer(s) changed. Sections are always listed (in bold); '
            "items only when their answer changed.</p>"
        )
        out.append(_table(part.changes, f"{fw.short_title}: changes", css="changes"))
    out.append("<h3>Evidence behind the answers</h3>")
    out.append(f"<p>{esc(part.evidence_note)}</p>")
    out.append(_table(part.evidence, f"{fw.short_title}: evidence types", css="evidence"))
    if part.written is not None:
        out.append("<h3>Written answers and notes</h3>")
        out.append('<p class="lead-in">As the assessor wrote them; the app does not check them.</p>')
        out.append(_table(part.written, f"{fw.short_title}: written answers and notes", numeric_from=99, css="written"))
    out.append("</section>")
    return "".join(out)


def _steps(report: Report, frameworks: Mapping[str, Framework]) -> str:
    if not report.steps:
        body = "<p>No weak areas stand out from the answers so far.</p>"
    else:
        items = []
        for step in report.steps:
            where = frameworks[step.framework].short_title if step.framework in frameworks else "All frameworks"
            items.append(
                f'<li class="step"><p><strong>{esc(step.title)}</strong> ({esc(where)})</p>'
                f"<p><em>Why:</em> {esc(step.reason)}</p><p>{esc(step.action)}</p>"
                f'<p class="small">Draws on: {esc("; ".join(step.source_labels))}</p></li>'
            )
        body = f'<ol class="steps">{"".join(items)}</ol>'
    return (
        '<section id="next-steps"><h2>Suggested next steps</h2>'
        "<p>Our own suggestions for the weakest areas in the answers, each naming the sources it draws on. "
        "They are prompts for discussion, not instructions from the frameworks' authors.</p>"
        f"{body}</section>"
    )


def _sources(report: Report) -> str:
    blocks = []
    for part in report.parts:
        fw = part.framework
        refs = "".join(
            f"<li>{esc(c.text)} {esc(c.url)}{f' doi:{esc(c.doi)}' if c.doi else ''}</li>" for c in fw.references
        )
        doi = f" doi:{esc(fw.citation.doi)}" if fw.citation.doi else ""
        blocks.append(
            f"<h3>{esc(fw.title)}</h3><p>{esc(fw.citation.text)} {esc(fw.citation.url)}{doi}</p>"
            + (f'<p class="small">Also used:</p><ul class="small">{refs}</ul>' if refs else "")
            + f'<p class="small">{esc(fw.licence)}</p>'
        )
    advice = "".join(f"<li>{esc(label)}</li>" for label in SOURCES.values())
    return (
        '<section id="sources"><h2>Sources</h2>'
        "<p>The questions are our own wording, based on these published sources; they are not the "
        "published instruments.</p>"
        f"{''.join(blocks)}<h3>Where the suggested next steps come from</h3><ul>{advice}</ul></section>"
    )


def report_html(report: Report, frameworks: Mapping[str, Framework]) -> str:
    """The whole report as one HTML document (language en-GB, styles inline, no outside resources)."""
    name = report.current.assessment.innovation.name
    css = CSS_PATH.read_text(encoding="utf-8")
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{esc(TITLE)}: {esc(name)}</title>"
        f'<meta name="description" content="{esc(TITLE)} report of {esc(name)}">'
        f"<style>{css}</style></head><body>"
        f"{_cover(report)}{_overview(report)}"
        f"{''.join(_framework(report, p) for p in report.parts)}"
        f"{_steps(report, frameworks)}"
        f'<section id="method">{markdown_html(method_markdown(), top_level=2)}</section>'
        f"{_sources(report)}</body></html>"
    )
