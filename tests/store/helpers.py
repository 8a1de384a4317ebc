"""Shared test data for the store tests: two small frameworks and helpers that create and count rows."""

from __future__ import annotations

import datetime as dt
import sqlite3

from assessments.models import Answer, Assessment, AssessmentMeta, AssessorRole, Framework, Innovation, Stage
from assessments.store import Store

SCALE = {
    "id": "addressed",
    "options": [
        {"id": "not_considered", "label": "Not considered", "value": 0},
        {"id": "recognised", "label": "Recognised", "value": 1},
        {"id": "addressed", "label": "Addressed", "value": 2},
        {"id": "dont_know", "label": "Don't know", "kind": "dont_know"},
        {"id": "not_applicable", "label": "Not applicable", "kind": "not_applicable"},
    ],
}
ADAPT = ["Test framework built for the storage tests."]
CITE = {"text": "A citation for the storage test framework.", "url": "https://example.org/"}
LICENCE = "Test-only framework, no licence needed."


def framework(fid: str, sections: dict[str, list[dict]]) -> Framework:
    """A readiness framework with the test scale and the given sections of items."""
    return Framework.model_validate(
        {
            "id": fid,
            "title": f"Framework {fid}",
            "short_title": fid.upper(),
            "version": "1",
            "scoring": "readiness",
            "citation": CITE,
            "licence": LICENCE,
            "adaptations": ADAPT,
            "scales": [SCALE],
            "sections": [{"id": sid, "title": sid.title(), "items": items} for sid, items in sections.items()],
        }
    )


def choice(iid: str) -> dict:
    """A choice item on the test scale."""
    return {"id": iid, "text": f"Question {iid}?", "scale": "addressed", "ready_end": "high"}


FRAMEWORKS = {
    "alpha": framework("alpha", {"one": [choice("a1"), choice("a2")], "two": [choice("a3")]}),
    "beta": framework(
        "beta",
        {
            "plan": [
                choice("b1"),
                {"id": "b_text", "text": "Describe the plan.", "type": "text"},
                {"id": "b_date", "text": "When will it start?", "type": "date"},
            ]
        },
    ),
}
TOTAL = 6


def new_assessment(store: Store, name: str = "Shared Lives Plus", org: str = "Org A", **meta: object) -> str:
    return store.create_assessment(
        Innovation(name=name, organisation=org, description="A description"),
        AssessmentMeta(
            assessed_on=meta.get("assessed_on", dt.date(2026, 1, 10)),
            stage=Stage.PILOT,
            assessor_role=AssessorRole.INNOVATOR,
            label=str(meta.get("label", "Baseline")),
        ),
    )


def row_counts(url: str) -> dict[str, int]:
    path = url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("innovations", "assessments", "answers", "audit")
        }
    finally:
        con.close()


def imported_assessment(name: str = "Imported", answers: dict | None = None) -> Assessment:
    return Assessment(
        innovation=Innovation(name=name, organisation="Org I"),
        assessment=AssessmentMeta(assessed_on=dt.date(2026, 2, 2), stage=Stage.IDEA),
        answers=answers if answers is not None else {"alpha": {"a1": Answer(value="addressed")}},
    )
