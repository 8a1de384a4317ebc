"""Shared test data for the store tests: two small frameworks and helpers that create and count rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import MetaData, create_engine, func, select, table

from assessments.models import Answer, Answers, Assessment, AssessmentMeta, AssessorRole, Framework, Innovation, Stage
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


def framework(fid: str, sections: dict[str, list[dict[str, Any]]]) -> Framework:
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


def choice(iid: str) -> dict[str, Any]:
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


def row_counts(url: str, tables: Iterable[str] = ("innovations", "assessments", "answers", "audit")) -> dict[str, int]:
    """The number of rows in each table, read through a connection of its own (any database)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(select(func.count()).select_from(table(t))).scalar_one() for t in tables}
    finally:
        engine.dispose()


def table_contents(url: str) -> dict[str, list[tuple[str, ...]]]:
    """Every table's rows (each value as its repr), sorted: the whole database, on any dialect."""
    engine = create_engine(url)
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted(tuple(repr(v) for v in r) for r in conn.execute(select(t)))
                for name, t in tables.tables.items()
            }
    finally:
        engine.dispose()


def all_text(url: str) -> str:
    """Everything the database holds, as one string to search for what must never be stored."""
    contents: dict[str, Any] = table_contents(url)
    return "\n".join(f"{name}: {rows}" for name, rows in contents.items())


def imported_assessment(name: str = "Imported", answers: Answers | None = None) -> Assessment:
    return Assessment(
        innovation=Innovation(name=name, organisation="Org I"),
        assessment=AssessmentMeta(assessed_on=dt.date(2026, 2, 2), stage=Stage.IDEA),
        answers=answers if answers is not None else {"alpha": {"a1": Answer(value="addressed")}},
    )
