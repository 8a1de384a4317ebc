"""Charts as HTML for the pages: a bar chart that fits any width, and a static SVG radar made fit to inline.

Why HTML and no chart library on the Results and Compare pages: plotly.js, which drew them before, is
several megabytes that the browser fetches and runs on every full load, which made those pages take 2-4
times as long as a bare page. A static SVG (drawn by matplotlib, :mod:`assessments.report.radar_svg`) and
plain HTML bars cost almost nothing to show, need no script, and their words are real text that a screen
reader, a search and a zoom reach.

* :func:`bars_html`: one labelled bar per spoke and series, the reading written beside it. It is the
  chart on narrow screens (a 22-spoke radar cannot keep its labels legible in 360 px) and for any
  view with fewer than three spokes (a radar of two spokes is a line).
* :func:`svg_img_html`: an SVG document as an ``<img>`` with a text alternative, scaling with its
  column up to a width where its labels read at about 13 px.
* :data:`RESPONSIVE_CSS`: the radar is shown on wide screens and the bars on narrow ones.

Everything a person typed is HTML-escaped here. Series are told apart by name and marker symbol in
text and by border style, as well as colour.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence

from assessments.charts.radar import SERIES_COLOURS
from assessments.charts.spokes import Level, Spoke, radar_points, radar_spokes, resolve_level
from assessments.methods import method_of
from assessments.models import Framework, FrameworkResult

MIN_RADAR_SPOKES = 3
"""Fewer spokes than this are drawn as bars: a radar of two spokes is a line."""
NARROW_PX = 640
"""At or below this viewport width the bars replace the radar."""
SERIES_MARKS = ("●", "■", "◆", "▲", "✕", "★", "✚")
"""The marker symbol of each series, as on the radar (circle, square, diamond, triangle, x, star, cross)."""
BAR_BORDERS = ("solid", "dashed", "dotted", "double", "solid", "dashed", "dotted")
"""The border style of each series' bars, so series differ by more than colour."""
RADAR_SCALE = 1.35
"""How much wider than its natural size (1 pt = 1.333 px) an inline radar may grow: labels of 7.5 pt read at 13 px."""

RESPONSIVE_CSS = f"""
<style>
.sr-chart-narrow {{ display: none; }}
@media (max-width: {NARROW_PX}px) {{
  .sr-chart-wide {{ display: none; }}
  .sr-chart-narrow {{ display: block; }}
}}
.sr-svg {{ margin: 0 auto; }}
.sr-svg img {{ display: block; width: 100%; height: auto; }}
.sr-bars {{ margin: 0 0 1rem 0; }}
.sr-bars ul {{ list-style: none; margin: 0; padding: 0; }}
.sr-bars li {{ margin: 0 0 0.6rem 0; padding: 0; }}
.sr-bars .sr-spoke {{ font-weight: 600; overflow-wrap: anywhere; }}
.sr-bars .sr-track {{ display: block; height: 0.9rem; background: #f0f2f6; border-radius: 2px; margin: 0.15rem 0; }}
.sr-bars .sr-fill {{ display: block; height: 100%; box-sizing: border-box; border-radius: 2px; border-width: 2px; }}
.sr-bars .sr-reading {{ display: block; font-size: 0.95rem; overflow-wrap: anywhere; }}
.sr-bars .sr-meaning {{ display: block; font-size: 0.9rem; color: #4b4f58; margin-bottom: 0.5rem; }}
</style>
"""


def draws_radar(framework: Framework, level: Level = "auto") -> bool:
    """Whether the view is a radar: only with at least :data:`MIN_RADAR_SPOKES` spokes (else bars)."""
    return len(radar_spokes(framework, level)) >= MIN_RADAR_SPOKES


def spoke_text(spoke: Spoke) -> str:
    """A spoke's label with its priority written out (``[P1]``), never marked by colour alone."""
    return f"{spoke.label} [P{spoke.priority}]" if spoke.priority else spoke.label


def bars_html(
    framework: Framework, series: Sequence[tuple[str, FrameworkResult]], *, level: Level = "auto", css_class: str = ""
) -> str:
    """The radar's numbers as horizontal bars, one per spoke and series, with the reading in words.

    Args:
        framework: The framework all results belong to.
        series: ``(name, result)`` pairs, oldest first, as for the radar.
        level: ``"item"`` or ``"section"`` spokes (see :func:`assessments.charts.spokes.resolve_level`).
        css_class: Extra class of the ``<figure>`` (e.g. ``sr-chart-narrow`` to show it on narrow screens only).

    Returns:
        A ``<figure>``: the axis meaning as its caption, then a list with one entry per spoke. A gap
        ("don't know", not applicable, unanswered) has an empty bar and its reading, never a zero bar.
    """
    resolved = resolve_level(framework, level)
    axis = method_of(framework).axis(resolved)
    span = (axis.high - axis.low) or 1
    spokes = radar_spokes(framework, resolved)
    columns = [radar_points(framework, result, resolved) for _, result in series]
    several = len(series) > 1
    rows = []
    for index, spoke in enumerate(spokes):
        parts = [f'<span class="sr-spoke">{html.escape(spoke_text(spoke))}</span>']
        for k, ((name, _), points) in enumerate(zip(series, columns, strict=True)):
            point = points[index]
            colour = SERIES_COLOURS[k % len(SERIES_COLOURS)]
            mark = SERIES_MARKS[k % len(SERIES_MARKS)]
            who = f"{mark} {html.escape(name)}: " if several else ""
            width = 0.0 if point.value is None else max(0.0, min(100.0, 100 * (point.value - axis.low) / span))
            fill = (
                f'<span class="sr-fill" style="width:{width:.1f}%;background:{colour};'
                f'border-style:{BAR_BORDERS[k % len(BAR_BORDERS)]};border-color:#1f2430"></span>'
                if point.value is not None and width > 0
                else ""
            )
            parts.append(
                f'<span class="sr-track" aria-hidden="true">{fill}</span>'
                f'<span class="sr-reading">{who}{html.escape(point.reading)}</span>'
            )
        rows.append(f"<li>{''.join(parts)}</li>")
    classes = " ".join(c for c in ("sr-bars", css_class) if c)
    return (
        f'<figure class="{classes}"><figcaption class="sr-meaning">{html.escape(axis.meaning)}; '
        f"bar length from {html.escape(axis.ticktext[0])} to {html.escape(axis.ticktext[-1])}</figcaption>"
        f"<ul>{''.join(rows)}</ul></figure>"
    )


_WIDTH = re.compile(r'<svg[^>]*\swidth="([0-9.]+)pt"')


def svg_img_html(svg: str, *, alt: str, css_class: str = "") -> str:
    """An SVG document as an ``<img>`` with a text alternative, scaling with its column.

    The page's HTML is sanitised (no inline ``<svg>``), so the picture travels as a data URI; its words
    are still drawn as text, sharp at any zoom.

    Args:
        svg: The SVG document (e.g. from :func:`assessments.report.radar_svg.radar_svg`), sizes in pt.
        alt: What the picture shows and where the same numbers are as text.
        css_class: Extra class of the wrapping ``<div>``.

    Returns:
        ``<div class="sr-svg ..." style="max-width:...px"><img ...></div>``: the picture fills its column
        up to :data:`RADAR_SCALE` times its natural size.
    """
    found = _WIDTH.search(svg)
    if found is None:
        raise ValueError("not an SVG document with a width in pt")
    natural_px = float(found.group(1)) * 4 / 3
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    classes = " ".join(c for c in ("sr-svg", css_class) if c)
    return (
        f'<div class="{classes}" style="max-width:{natural_px * RADAR_SCALE:.0f}px">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt, quote=True)}"></div>'
    )
