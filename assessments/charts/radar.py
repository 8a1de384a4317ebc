"""The radar's series colours and its numbers as a table, one row per spoke.

The radar itself is drawn by matplotlib (:mod:`assessments.report.radar_svg`) and its narrow-screen
bars as HTML (:mod:`assessments.charts.html`); :func:`radar_table` gives the same numbers as a table,
so the page never relies on the picture alone.

What each framework's radar shows:

* ``readiness`` (SCIE): one spoke per factor on the 0-3 "how well addressed"
  scale (``level="item"``, the default), or one spoke per section as 0-100
  (``level="section"``). "Don't know", "not applicable" and unanswered items are
  gaps, never zero.
* ``complexity`` (NASSS): one spoke per domain on rings 1-3 labelled Simple,
  Complicated and Complex. Lines are not filled and the axis says "outer = more
  complex", so a bigger shape is not read as a better one.
* ``planning`` (SIPS): one spoke per section, its completeness as 0-100.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from assessments.charts.spokes import Level, radar_points, radar_spokes, resolve_level
from assessments.methods import RadarLevel, method_of
from assessments.models import Framework, FrameworkResult

__all__ = ["SERIES_COLOURS", "radar_table"]

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
"""Okabe-Ito colours: distinguishable with the common colour-vision deficiencies."""


def _unique_names(series: Sequence[tuple[str, FrameworkResult]]) -> list[str]:
    names: list[str] = []
    for name, _ in series:
        base = name or "Assessment"
        candidate, n = base, 2
        while candidate in names:
            candidate = f"{base} ({n})"
            n += 1
        names.append(candidate)
    return names


def _area_heading(framework: Framework, level: RadarLevel) -> str:
    if level == "item":
        return "Factor"
    return method_of(framework).area_heading


def radar_table(
    framework: Framework,
    series: Sequence[tuple[str, FrameworkResult]],
    *,
    level: Level = "auto",
) -> pd.DataFrame:
    """The numbers the radar draws, as a table.

    Args:
        framework: The framework all results belong to.
        series: ``(name, result)`` pairs, oldest first; names are made unique if they repeat.
        level: ``"item"`` or ``"section"`` spokes for readiness frameworks (see :func:`resolve_level`).

    Returns:
        One row per spoke, indexed by spoke id. Columns: the area label
        (``Factor``/``Domain``/``Section``), ``Group`` and ``Priority`` for item
        spokes, then per series a numeric column named after the series (NaN
        for a gap: the chart draws no point there) and a ``<name>: reading``
        text column (option chosen, level, or counts of answered, don't know
        and not applicable items).
    """
    resolved = resolve_level(framework, level)
    spokes = radar_spokes(framework, resolved)
    heading = _area_heading(framework, resolved)
    data: dict[str, list[object]] = {heading: [s.label for s in spokes]}
    if resolved == "item":
        data["Group"] = [framework.section(s.section).label for s in spokes]
        data["Priority"] = [f"P{s.priority}" if s.priority else "" for s in spokes]
    for name, (_, result) in zip(_unique_names(series), series, strict=True):
        points = radar_points(framework, result, resolved)
        data[name] = [math.nan if p.value is None else p.value for p in points]
        data[f"{name}: reading"] = [p.reading for p in points]
    frame = pd.DataFrame(data, index=pd.Index([s.id for s in spokes], name="id"))
    for name in _unique_names(series):
        frame[name] = frame[name].astype("float64")
    return frame
