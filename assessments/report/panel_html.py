"""The panel pack as one HTML document and as a tagged PDF (PDF/UA-1, A4, en-GB).

Parts, in order: the cover (candidates, the caveat, how to read the pack), the screen, the
dominance tiers (and an ordering inside one framework if one was asked for), the profiles of
each framework side by side with their grid or table, weights, caveats and method, then one
part per candidate starting on a new page. Every typed text is escaped (:func:`esc`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from assessments.compare.comparison import CAVEAT, EDITORIAL_NOTE, TIERS_NOTE, Comparison
from assessments.compare.method import comparing_markdown
from assessments.compare.result_tables import ordering_table, screen_findings, tiers_table
from assessments.compare.screening import who_raises_what
from assessments.compare.weights import weight_labels
from assessments.models import Framework
from assessments.report.document import CSS_PATH, LANGUAGE, esc
from assessments.report.markdown import markdown_html
from assessments.report.panel import PanelCandidate, PanelPack, build_pack
from assessments.report.panel_tables import css_colours, figure, html_table, profiles_html
from assessments.wording import SELF_ASSESSMENT_NOTE

PANEL_CSS_PATH = Path(__file__).with_name("panel.css")
TITLE = "Panel pack"
SCREEN_HIDDEN = ("Priority gaps by name", "Questions answered")
"""Screen columns left out of the printed table (the candidate pages name the gaps; the share is kept)."""


def _caveat() -> str:
    return (
        f'<div class="caveat" role="note"><p><strong>Read this first.</strong> {esc(SELF_ASSESSMENT_NOTE)}</p>'
        f"<p>{esc(CAVEAT)}</p></div>"
    )


def _cover(pack: PanelPack) -> str:
    c = pack.comparison
    rows = [
        (pc.label, *(v for k, v in pc.details if k in ("Assessment date", "Stage", "Assessor role")), pc.tier)
        for pc in pack.candidates
    ]
    listed = html_table(
        ("Innovation", "Assessment date", "Stage", "Assessor role", "Tier"),
        rows,
        "The innovations compared, by tier and then alphabetically (no order inside a tier)",
        css="candidates",
        numeric=[4],
    )
    contents = [
        ("screen", "The screen: what no other framework can offset"),
        ("tiers", "Dominance tiers"),
        *((f"profiles-{fid}", f"Profiles: {fw.title}") for fid, fw in pack.frameworks.items()),
        ("method", "Weights, caveats and method"),
        *((f"candidate-{pc.number}", pc.label) for pc in pack.candidates),
    ]
    toc = "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in contents)
    return (
        '<section class="cover">'
        f'<p class="kicker">{esc(TITLE)}</p>'
        f'<h1 class="innovation">Comparison of {len(c.candidates)} innovations</h1>'
        f"<p>Made on {esc(pack.produced_on.isoformat())} from the Compare page or the command line of the "
        "scaling readiness self-assessment.</p>"
        f"{_caveat()}{listed}"
        '<h2 class="contents">How to read this pack</h2>'
        "<ol><li>Start with the <strong>screen</strong>: what each innovation raises that no other framework "
        "can offset.</li><li>The <strong>tiers</strong> only say who is at least as ready everywhere; tier 1 can "
        "hold several innovations, and none of them is ranked above the others.</li><li>The "
        "<strong>profiles</strong> show each framework in its own terms, one small chart per innovation, with "
        "the same values in words and numbers.</li><li>Each innovation then has a part of its own, starting on "
        "a new page.</li></ol>"
        f'<nav><h2 class="contents">Contents</h2><ol class="toc">{toc}</ol></nav></section>'
    )


def _screen(pack: PanelPack) -> str:
    c = pack.comparison
    table = screen_findings(c, dict(pack.frameworks))
    keep = [i for i, h in enumerate(table.columns) if h not in SCREEN_HIDDEN]
    context = "".join(f"<li>{esc(w.text)}</li>" for w in c.context)
    lines = "".join(f"<li>{esc(line)}</li>" for line in who_raises_what(c.candidates, c.screens))
    return (
        '<section id="screen"><h2>The screen: what no other framework can offset</h2>'
        + (f'<div class="caveat"><p><strong>Compare with care.</strong></p><ul>{context}</ul></div>' if context else "")
        + '<p>Not a score. For each innovation: complex NASSS domains ("at least" where domains are not '
        'settled), SCIE priority factors that are gaps, the share of "don\'t know", the share of ratings '
        "backed by evidence and how many of the questions are answered, counted by questions.</p>"
        + html_table(
            [table.columns[i] for i in keep],
            [[row[i] for i in keep] for row in table.rows],
            "The screen of each innovation",
            css="screen",
            numeric=[n for n, i in enumerate(keep) if table.columns[i].endswith(("%)", "gaps", "type"))],
        )
        + f'<h3>Which innovations raise which warnings</h3><ul class="who">{lines}</ul></section>'
    )


def _tiers(pack: PanelPack) -> str:
    c = pack.comparison
    members = c.tier_members()
    items = "".join(
        f"<li><strong>Tier {t}</strong> ({len(m)} innovation{'s' if len(m) != 1 else ''}): {esc('; '.join(m))}</li>"
        for t, m in members
    )
    alone = (
        "<p>No innovation is at least as ready as another everywhere, so all are in tier 1: the tiers do not "
        "separate them. Read the screen and the profiles.</p>"
        if len(members) == 1
        else ""
    )
    table = tiers_table(c)
    out = [
        '<section id="tiers"><h2>Dominance tiers</h2>',
        f"<p>{esc(TIERS_NOTE)}</p>{alone}<ul>{items}</ul>",
        html_table(
            (table.columns[1], table.columns[0], *table.columns[2:]),
            [(r[1], r[0], *r[2:]) for r in table.rows],
            "Tiers and their ranges (innovations by tier, then alphabetically)",
            css="tiers",
            numeric=[1],
        ),
        '<p class="small">Tier range: the best and worst tier under every alternative tried (NASSS level mapping, '
        "missing data, rating noise). Weights never enter the tiers. An innovation with sections left blank can "
        "sit in tier 1 because nobody can be shown to be ahead of it there: read its coverage in the screen.</p>",
    ]
    ordering = ordering_table(c)
    if ordering is not None and c.ordering is not None:
        fw = pack.frameworks[c.ordering.framework]
        out += [
            f"<h3>Ordering inside {esc(fw.short_title)} (your editorial choice)</h3>",
            f'<div class="caveat"><p>{esc(EDITORIAL_NOTE.format(framework=fw.short_title))}</p></div>',
            html_table(
                (ordering.columns[1], ordering.columns[0], *ordering.columns[2:]),
                [(r[1], r[0], *r[2:]) for r in ordering.rows],
                f"Ordering inside {fw.short_title} by your weights (ties share a position)",
                css="ordering",
                numeric=range(1, len(ordering.columns)),
            ),
        ]
    out.append("</section>")
    return "".join(out)


def _method(pack: PanelPack) -> str:
    if pack.weights is None:
        weights = (
            "<p>No ordering inside a framework was asked for, so no weights were used: the screen and the tiers "
            "use none.</p>"
        )
    else:
        labels = weight_labels(pack.frameworks)
        weights = "<p>Only the ordering inside one framework uses weights (0-10, 1 unless changed).</p>" + html_table(
            ("Section", "Weight"),
            [(labels.get(k, k), w) for k, w in pack.weights.items()],
            "Weights used by the ordering",
            css="weights",
            numeric=[1],
        )
    return (
        '<section id="method"><h2>Weights, caveats and method</h2><h3>Weights</h3>'
        f"{weights}<h3>Caveats</h3><ul>"
        f"<li>{esc(SELF_ASSESSMENT_NOTE)}</li><li>{esc(CAVEAT)}</li>"
        "<li>SCIE, NASSS and SIPS are never added together, and no number in this pack is a total across "
        'them.</li><li>"Don\'t know" is printed as "don\'t know" and never given a value; a blank stays '
        "blank.</li></ul>"
        f'<div class="method-note">{markdown_html(comparing_markdown(), top_level=2)}</div></section>'
    )


def _candidate(pc: PanelCandidate) -> str:
    details = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in pc.details)
    warnings = (
        '<ul class="flags">' + "".join(f'<li class="warning">{esc(w)}</li>' for w in pc.warnings) + "</ul>"
        if pc.warnings
        else "<p>No screen warning.</p>"
    )
    out = [
        f'<section class="candidate" id="candidate-{pc.number}">',
        f'<h2 class="candidate">{esc(pc.label)}</h2>',
        f'<table class="details"><tbody>{details}<tr><th scope="row">Tier</th>'
        f"<td>{pc.tier} (range {esc(pc.tier_range)} under the checks)</td></tr></tbody></table>",
        f"<h3>Screen warnings</h3>{warnings}",
        f"<h3>Coverage</h3><p>{esc(pc.coverage)}</p>",
    ]
    if pc.missing:
        out.append(f"<p>No answers in: {esc(', '.join(pc.missing))}.</p>")
    for part in pc.parts:
        fw = part.framework
        flags = "".join(
            f'<li class="{"warning" if f.kind == "Warning" else "note"}"><strong>{esc(f.kind)} – {esc(f.title)}:'
            f"</strong> {esc(f.message)}</li>"
            for f in part.flags
        )
        out.append(
            f'<div class="part"><div class="keep"><h3>{esc(fw.title)}</h3>'
            f"<p><strong>{esc(part.headline[0])}</strong> {esc(part.headline[1])} · {esc(part.answers)}</p>"
            f'<div class="side">{figure(part.chart, f"{fw.short_title}: {pc.label}", css="small side")}'
            f"{html_table(part.table.headings, part.table.rows, f'{fw.short_title}: the numbers in the chart', css='numbers compact', numeric=[0, 2], row_header=1)}"
            "</div></div>"
            + (f'<ul class="flags">{flags}</ul>' if flags else '<p class="small">No flags.</p>')
            + "</div>"
        )
    out.append("</section>")
    return "".join(out)


def panel_html(pack: PanelPack) -> str:
    """The whole pack as one HTML document (language en-GB, styles inline, no outside resources)."""
    css = CSS_PATH.read_text(encoding="utf-8") + PANEL_CSS_PATH.read_text(encoding="utf-8") + css_colours()
    n = len(pack.candidates)
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
        f"<title>{esc(TITLE)}: comparison of {n} innovations</title>"
        f'<meta name="description" content="{esc(TITLE)} for a panel: screen, tiers and profiles of {n} innovations">'
        f"<style>{css}</style></head><body>"
        f"{_cover(pack)}{_screen(pack)}{_tiers(pack)}"
        f"{''.join(profiles_html(pack, fw) for fw in pack.frameworks.values())}"
        f"{_method(pack)}{''.join(_candidate(pc) for pc in pack.candidates)}</body></html>"
    )


def panel_pdf(
    comparison: Comparison, frameworks: Mapping[str, Framework], *, produced_on: dt.date | None = None
) -> bytes:
    """The panel pack of a comparison as PDF bytes (tagged PDF/UA-1, A4, en-GB, nothing fetched).

    Args:
        comparison: The comparison (with its ordering inside one framework, if one was asked for).
        frameworks: The frameworks compared, in display order.
        produced_on: The pack's date (default: today).
    """
    from assessments.report.pdf import html_pdf  # WeasyPrint only when a PDF is made

    return html_pdf(panel_html(build_pack(comparison, frameworks, produced_on=produced_on)))
