"""The words each scoring method gives the app: the one-line overview and the most-ready answer."""

from __future__ import annotations

from assessments.catalogue import Catalogue, bundled_frameworks
from assessments.methods import method_of
from assessments.models import Assessment, AssessmentResult, Innovation
from assessments.scoring import score_assessment


def _empty_results() -> tuple[Catalogue, AssessmentResult]:
    frameworks = bundled_frameworks()
    result = score_assessment(Assessment(innovation=Innovation(name="Empty")), frameworks)
    return frameworks, result


def test_overview_of_empty_assessment__ok() -> None:
    """Should give each method's headline figure and what it counts, for an assessment with no answers."""
    frameworks, result = _empty_results()
    lines = {fr.method: method_of(fr).overview(frameworks[fr.framework], fr) for fr in result.results}
    assert lines["readiness"][0] == f"0 of {sum(1 for i in frameworks['scie'].items.values() if i.priority)}"
    assert lines["readiness"][1].startswith("priority factors are gaps · ")
    assert lines["complexity"] == (
        f"0 of {len(frameworks['nasss'].sections)}",
        f"domains rated complex · {len(frameworks['nasss'].sections)} without a level yet",
    )
    assert lines["planning"][0] == "0 %"
    assert lines["planning"][1].startswith("complete · ")


def test_ready_answer__ok() -> None:
    """Should describe the most-ready answer as 'more ready', except complexity, where it is the simplest."""
    frameworks = bundled_frameworks()
    assert method_of(frameworks["scie"]).ready_answer("Fully") == "More ready: towards 'Fully'."
    assert method_of(frameworks["nasss"]).ready_answer("Simple").startswith("Simplest (least complexity): 'Simple'.")
