"""Tests for assessments.compare.charts: overlaid radar vs small multiples, the NASSS grid and the SCIE heatmap."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest

from assessments.compare.candidates import Candidate
from assessments.compare.chart_data import factor_matrix, nasss_grid
from assessments.compare.charts import (
    MAX_OVERLAY,
    compare_radar_figure,
    factor_heatmap_figure,
    nasss_grid_figure,
)
from assessments.models import Framework
from assessments.scoring import score_assessment
from bench.compare import synthetic_assessment


def candidates(frameworks: Mapping[str, Framework], count: int) -> list[Candidate]:
    """``count`` scored synthetic candidates (seeded)."""
    rng = random.Random(21)
    out = []
    for n in range(count):
        a = synthetic_assessment(frameworks, rng, n)
        out.append(Candidate(key=str(n), label=f"Inno {n}", assessment=a, result=score_assessment(a, frameworks)))
    return out


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_overlay_up_to_six__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should overlay up to six innovations on one radar, each with its own dash and marker."""
    fig = compare_radar_figure(frameworks[fid], candidates(frameworks, MAX_OVERLAY))
    assert len(fig.data) == MAX_OVERLAY
    assert len({t.line.dash for t in fig.data}) == MAX_OVERLAY
    assert len({t.marker.symbol for t in fig.data}) == MAX_OVERLAY
    assert [t.name for t in fig.data] == [f"Inno {n}" for n in range(MAX_OVERLAY)]
    assert all(t.fill in (None, "none") for t in fig.data)


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_small_multiples_beyond_six__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should draw one polar subplot per innovation beyond six, all on the same radial range."""
    fig = compare_radar_figure(frameworks[fid], candidates(frameworks, MAX_OVERLAY + 1))
    assert len(fig.data) == MAX_OVERLAY + 1
    subplots = {t.subplot for t in fig.data}
    assert len(subplots) == MAX_OVERLAY + 1
    ranges = {tuple(fig.layout[s].radialaxis.range) for s in subplots}
    assert len(ranges) == 1


def test_nasss_grid_figure_text__ok(frameworks: dict[str, Framework]) -> None:
    """Should write the level in every cell as well as colouring it, sorted by complex domains."""
    nasss = frameworks["nasss"]
    rows = nasss_grid(candidates(frameworks, 4), nasss, sort_by_complex=True)
    fig = nasss_grid_figure(rows, nasss)
    heat = fig.data[0]
    assert [list(r) for r in heat.text] == [list(r.texts) for r in rows]  # "at least ..." where not settled
    assert heat.texttemplate == "%{text}"
    assert list(heat.x) == [s.label for s in nasss.sections]
    assert [int(y.rsplit("(", 1)[1].split()[0]) for y in heat.y] == sorted(
        (r.complex_count for r in rows), reverse=True
    )


def test_factor_heatmap_marks_priorities__ok(frameworks: dict[str, Framework]) -> None:
    """Should label priority factors with a star and their number and write each rating in its cell."""
    scie = frameworks["scie"]
    m = factor_matrix(candidates(frameworks, 3), scie)
    heat = factor_heatmap_figure(m).data[0]
    priorities = [i for i in scie.items.values() if i.priority]
    assert sum(1 for y in heat.y if y.startswith("★ P")) == len(priorities)
    assert len(heat.x) == 3
    flat = [t for row in heat.text for t in row]
    assert set(flat) <= {"0", "1", "2", "3", "don't know", "n/a", "—"}


def test_factor_heatmap_long_similar_labels__ok(frameworks: dict[str, Framework]) -> None:
    """Should keep one column per innovation even when long labels differ only at the end."""
    cands = candidates(frameworks, 2)
    long = "A very long innovation name that goes on and on (Illustrative example – "
    renamed = [
        Candidate(key=c.key, label=long + end, assessment=c.assessment, result=c.result)
        for c, end in zip(cands, ("baseline)", "follow-up)"), strict=True)
    ]
    heat = factor_heatmap_figure(factor_matrix(renamed, frameworks["scie"])).data[0]
    assert len(set(heat.x)) == 2
