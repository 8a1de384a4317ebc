"""The numbers behind each comparison chart, with their table twins: NASSS grid, SCIE factor matrix, radar overlay.

No plotting library is needed here: the Compare page shows the grids as HTML
(:mod:`assessments.compare.grids`) and the radars as SVG
(:mod:`assessments.report.radar_svg`), and :mod:`assessments.compare.workbook`
writes these numbers (and native radar charts) into the comparison workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assessments.charts.spokes import radar_points, radar_spokes
from assessments.compare.candidates import Candidate
from assessments.compare.tables import Table
from assessments.methods import method_of
from assessments.models import Framework, ItemStatus
from assessments.wording import STATUS_SHORT


@dataclass(frozen=True)
class GridRow:
    """One innovation's row of the NASSS grid."""

    label: str
    levels: tuple[str, ...]
    """Level per domain: simple / complicated / complex / unknown."""
    complex_count: int
    floors: tuple[bool, ...] = ()
    """Per domain: the level is only a floor ("at least"), some sub-domains being "don't know" or blank."""

    @property
    def texts(self) -> tuple[str, ...]:
        """Level per domain as written in a cell: "at least complicated" where the level is a floor."""
        floors = self.floors or (False,) * len(self.levels)
        return tuple(f"at least {lv}" if floor else lv for lv, floor in zip(self.levels, floors, strict=True))


def nasss_grid(
    candidates: Sequence[Candidate], framework: Framework, *, sort_by_complex: bool = False
) -> list[GridRow]:
    """Innovations × NASSS domains with the level of each ("unknown" when nothing rated).

    Args:
        candidates: The candidates (in display order).
        framework: The complexity framework (NASSS).
        sort_by_complex: Order by number of complex domains, most first (stable).
    """
    rows = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        levels = []
        floors = []
        for s in framework.sections:
            level, floor = "unknown", False
            if fr is not None:
                try:
                    found = fr.section(s.id)
                except KeyError:
                    found = None
                if found is not None and found.level is not None:
                    level, floor = found.level, found.at_least
            levels.append(level)
            floors.append(floor)
        rows.append(
            GridRow(label=c.label, levels=tuple(levels), complex_count=levels.count("complex"), floors=tuple(floors))
        )
    if sort_by_complex:
        rows.sort(key=lambda r: -r.complex_count)
    return rows


def nasss_table(rows: Sequence[GridRow], framework: Framework) -> Table:
    """The NASSS grid as a table (level text in every cell, "at least" where the level is a floor)."""
    return Table(
        columns=("Innovation", *(s.label for s in framework.sections), "Complex domains"),
        rows=tuple((r.label, *r.texts, r.complex_count) for r in rows),
    )


def factor_label(framework: Framework, item_id: str) -> str:
    """A factor label with its priority marked, e.g. ``★ P3 Funding``."""
    item = framework.item(item_id)
    return f"★ P{item.priority} {item.short_label}" if item.priority else item.short_label


@dataclass(frozen=True)
class FactorMatrix:
    """Factors × candidates for a readiness framework (SCIE)."""

    item_ids: tuple[str, ...]
    item_labels: tuple[str, ...]
    candidate_labels: tuple[str, ...]
    values: tuple[tuple[int | None, ...], ...]
    """Scale value per factor (rows) and candidate (columns); None when not rated."""
    statuses: tuple[tuple[ItemStatus, ...], ...]
    """answered / dont_know / not_applicable / unanswered, same shape."""
    max_value: int


def factor_matrix(candidates: Sequence[Candidate], framework: Framework) -> FactorMatrix:
    """The SCIE factor heatmap data: each factor's rating per candidate, priorities marked."""
    item_ids = tuple(i for i, item in framework.items.items() if item.type == "choice")
    lookups = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        lookups.append({ir.id: ir for ir in fr.items} if fr else {})
    values = []
    statuses = []
    for iid in item_ids:
        vrow: list[int | None] = []
        srow: list[ItemStatus] = []
        for lk in lookups:
            ir = lk.get(iid)
            vrow.append(ir.numeric if ir is not None and ir.status == "answered" else None)
            srow.append(ir.status if ir is not None else "unanswered")
        values.append(tuple(vrow))
        statuses.append(tuple(srow))
    max_value = max(
        (o.value for iid in item_ids for o in framework.options(iid) if o.value is not None),
        default=0,
    )
    return FactorMatrix(
        item_ids=item_ids,
        item_labels=tuple(factor_label(framework, i) for i in item_ids),
        candidate_labels=tuple(c.label for c in candidates),
        values=tuple(values),
        statuses=tuple(statuses),
        max_value=max_value,
    )


def factor_table(matrix: FactorMatrix) -> Table:
    """The factor heatmap as a table: value, or "don't know" / "n/a" / "—"."""
    rows = []
    for label, vrow, srow in zip(matrix.item_labels, matrix.values, matrix.statuses, strict=True):
        rows.append((label, *(v if v is not None else STATUS_SHORT[s] for v, s in zip(vrow, srow, strict=True))))
    return Table(columns=("Factor", *matrix.candidate_labels), rows=tuple(rows))


MAX_OVERLAY = 6
"""Most innovations overlaid on one radar on the Compare page; more get a radar each, all on the same scale."""


@dataclass(frozen=True)
class RadarData:
    """Spokes × candidates for one framework's radar, on the framework's own scale.

    Same spokes as the app's radar (:mod:`assessments.charts.spokes`): a readiness framework per factor
    (0 to the scale maximum), a complexity framework per domain (1-3), a
    planning framework per section (completeness 0-100). None = gap.
    """

    framework: str
    spoke_labels: tuple[str, ...]
    candidate_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]
    """One row per spoke, one column per candidate."""
    axis_min: float
    axis_max: float
    axis_title: str


def radar_data(candidates: Sequence[Candidate], framework: Framework) -> RadarData:
    """The numbers for an overlaid radar of one framework (no plotting library needed).

    The spokes and values are those of the app's own radar (:mod:`assessments.charts.spokes`).
    """
    level = method_of(framework).radar_level()
    spokes = radar_spokes(framework, level)
    columns: list[list[float | None]] = []
    for c in candidates:
        fr = c.framework_result(framework.id)
        if fr is None:
            columns.append([None] * len(spokes))
        else:
            columns.append([p.value for p in radar_points(framework, fr, level)])
    axis = method_of(framework).axis(level)
    return RadarData(
        framework=framework.id,
        spoke_labels=tuple(factor_label(framework, s.id) if level == "item" else s.label for s in spokes),
        candidate_labels=tuple(c.label for c in candidates),
        values=tuple(tuple(col[i] for col in columns) for i in range(len(spokes))),
        axis_min=axis.low,
        axis_max=axis.high,
        axis_title=axis.meaning,
    )


def radar_data_table(data: RadarData) -> Table:
    """The radar numbers as a table (the chart's text alternative)."""
    return Table(
        columns=("Spoke", *data.candidate_labels),
        rows=tuple((label, *row) for label, row in zip(data.spoke_labels, data.values, strict=True)),
    )
