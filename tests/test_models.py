"""Schema strictness of framework definitions (assessments/models.py via catalogue.load_framework).

Every case writes a small inline YAML framework to tmp_path, changes one thing and
checks the loader's answer by error code and, where pydantic can locate it, by the
field named in the problem. Wording is never asserted.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessments.catalogue import load_framework, load_frameworks
from assessments.errors import ErrorCode, InputError
from assessments.models import Answer, EvidenceType, Framework, Option

BASE_YAML = """
id: tiny
title: "Tiny test framework"
short_title: "Tiny"
version: "2024-r1"
scoring: readiness
description: "A framework used only by tests."
citation:
  text: "Somebody (2024). A tiny framework for tests."
  url: "https://example.org/tiny"
licence: "Test data, written for this test suite."
adaptations:
  - "Invented for tests."
scales:
  - id: level
    options:
      - {id: low, label: "Low", value: 0}
      - {id: mid, label: "Middle", value: 1}
      - {id: high, label: "High", value: 2}
      - {id: dont_know, label: "Don't know", kind: dont_know}
      - {id: not_applicable, label: "Not applicable", kind: not_applicable}
sections:
  - id: first
    title: "First section"
    items:
      - id: alpha
        text: "How ready is alpha?"
        scale: level
        ready_end: high
        descriptors:
          low: "Alpha is not ready."
      - id: beta
        type: text
        text: "Describe beta in your own words."
  - id: second
    title: "Second section"
    short_title: "Second"
    items:
      - id: gamma
        type: date
        text: "When does gamma end?"
"""


def _base() -> dict[str, Any]:
    data = yaml.safe_load(BASE_YAML)
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, data: Any, name: str = "tiny.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _mutated(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(_base())
    change(data)
    return data


def _item(data: dict[str, Any], section: int = 0, item: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = data["sections"][section]["items"][item]
    return found


# --- valid input ---------------------------------------------------------------


def test_load_framework_minimal__ok(tmp_path: Path) -> None:
    """Should load a minimal valid framework with items in file order."""
    fw = load_framework(_write(tmp_path, _base()))
    assert isinstance(fw, Framework)
    assert list(fw.items) == ["alpha", "beta", "gamma"]
    assert fw.item_count == 3
    assert fw.section_of("gamma").id == "second"
    assert fw.section("first").label == "First section"
    assert fw.section("second").label == "Second"


def test_options_merge_item_descriptors__ok(tmp_path: Path) -> None:
    """Should merge an item's descriptors into its resolved options and keep scale order."""
    fw = load_framework(_write(tmp_path, _base()))
    options = fw.options("alpha")
    assert [o.id for o in options] == ["low", "mid", "high", "dont_know", "not_applicable"]
    assert options[0].descriptor == "Alpha is not ready."
    assert options[1].descriptor == ""
    assert fw.options("beta") == ()
    assert fw.option("alpha", "mid") is not None
    assert fw.option("alpha", "nonsense") is None


def test_item_short_label_falls_back_to_text__ok(tmp_path: Path) -> None:
    """Should use the item text as its short label when no label is given."""
    fw = load_framework(_write(tmp_path, _base()))
    assert fw.item("alpha").short_label == "How ready is alpha?"


def test_framework_is_immutable__error(tmp_path: Path) -> None:
    """Should refuse changes to a loaded framework (frozen models)."""
    fw = load_framework(_write(tmp_path, _base()))
    with pytest.raises(ValueError):
        fw.title = "changed"  # type: ignore[misc]


# --- schema problems: FRAMEWORK_003 with the field named ----------------------------


SCHEMA_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str | None]] = [
    ("unknown top-level key", lambda d: d.update(colour="blue"), "colour"),
    ("unknown key in section", lambda d: d["sections"][0].update(weight=2), "sections.0.weight"),
    ("unknown key in item", lambda d: _item(d).update(colour="red"), "sections.0.items.0.colour"),
    ("unknown key in option", lambda d: d["scales"][0]["options"][0].update(score=1), "scales.0.options.0.score"),
    ("unknown key in citation", lambda d: d["citation"].update(year=2024), "citation.year"),
    ("missing title", lambda d: d.pop("title"), "title"),
    ("missing citation url", lambda d: d["citation"].pop("url"), "citation.url"),
    ("citation url not http", lambda d: d["citation"].update(url="ftp://example.org"), "citation.url"),
    ("missing licence", lambda d: d.pop("licence"), "licence"),
    ("no adaptations", lambda d: d.update(adaptations=[]), "adaptations"),
    ("unknown scoring method", lambda d: d.update(scoring="average"), "scoring"),
    ("framework id not snake_case", lambda d: d.update(id="Tiny-Framework"), "id"),
    ("section id not snake_case", lambda d: d["sections"][0].update(id="First Section"), "sections.0.id"),
    ("item id not snake_case", lambda d: _item(d).update(id="Alpha1!"), "sections.0.items.0.id"),
    ("priority above 7", lambda d: _item(d).update(priority=8), "sections.0.items.0.priority"),
    ("priority below 1", lambda d: _item(d).update(priority=0), "sections.0.items.0.priority"),
    ("unknown item type", lambda d: _item(d).update(type="slider"), "sections.0.items.0.type"),
    ("bad ready_end", lambda d: _item(d).update(ready_end="up"), "sections.0.items.0.ready_end"),
    ("choice item without scale", lambda d: _item(d).pop("scale"), "sections.0.items.0"),
    ("choice item without ready_end", lambda d: _item(d).pop("ready_end"), "sections.0.items.0"),
    ("text item with a scale", lambda d: _item(d, 0, 1).update(scale="level"), "sections.0.items.1"),
    ("date item with descriptors", lambda d: _item(d, 1, 0).update(descriptors={"low": "x"}), "sections.1.items.0"),
    ("section without items", lambda d: d["sections"][1].update(items=[]), "sections.1.items"),
    ("no sections", lambda d: d.update(sections=[]), "sections"),
    (
        "scale options out of value order",
        lambda d: d["scales"][0]["options"][0].update(value=5),
        "scales.0",
    ),
    (
        "special option listed before a scale option",
        lambda d: d["scales"][0]["options"].insert(0, d["scales"][0]["options"].pop(3)),
        "scales.0",
    ),
    (
        "duplicate option ids in a scale",
        lambda d: d["scales"][0]["options"][1].update(id="low"),
        "scales.0",
    ),
    (
        "repeated option value",
        lambda d: d["scales"][0]["options"][1].update(value=0),
        "scales.0",
    ),
    (
        "only one scale option",
        lambda d: d["scales"][0].update(options=d["scales"][0]["options"][2:]),
        "scales.0",
    ),
    (
        "scale option without a value",
        lambda d: d["scales"][0]["options"][1].pop("value"),
        "scales.0.options.1",
    ),
    (
        "don't-know option with a value",
        lambda d: d["scales"][0]["options"][3].update(value=3),
        "scales.0.options.3",
    ),
    (
        "don't-know kind with another id",
        lambda d: d["scales"][0]["options"][3].update(id="unsure"),
        "scales.0.options.3",
    ),
    (
        "not-applicable kind with another id",
        lambda d: d["scales"][0]["options"][4].update(id="skip"),
        "scales.0.options.4",
    ),
    ("unknown option kind", lambda d: d["scales"][0]["options"][0].update(kind="other"), "scales.0.options.0.kind"),
    ("duplicate section ids", lambda d: d["sections"][1].update(id="first"), None),
    ("duplicate item ids across sections", lambda d: _item(d, 1, 0).update(id="alpha"), None),
    ("duplicate item ids in one section", lambda d: _item(d, 0, 1).update(id="alpha"), None),
    ("unresolved scale reference", lambda d: _item(d).update(scale="levels"), None),
    ("descriptor for an unknown option", lambda d: _item(d).update(descriptors={"medium": "x"}), None),
    ("duplicate scale ids", lambda d: d["scales"].append(copy.deepcopy(d["scales"][0])), None),
]


@pytest.mark.parametrize(("change", "field"), [c[1:] for c in SCHEMA_CASES], ids=[c[0] for c in SCHEMA_CASES])
def test_load_framework_schema__error(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], field: str | None
) -> None:
    """Should reject the schema problem with FRAMEWORK_003 naming the file and the field."""
    path = _write(tmp_path, _mutated(change))
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert exc.value.codes and set(exc.value.codes) == {ErrorCode.FRAMEWORK_003}
    assert all(p.file == "tiny.yaml" for p in exc.value.problems)
    assert field in [p.field for p in exc.value.problems]


def test_load_framework_reports_every_problem__error(tmp_path: Path) -> None:
    """Should report several independent schema problems at once, one per field."""

    def change(d: dict[str, Any]) -> None:
        d["colour"] = "blue"
        _item(d).update(priority=9)
        d["citation"].pop("url")

    with pytest.raises(InputError) as exc:
        load_framework(_write(tmp_path, _mutated(change)))
    fields = {p.field for p in exc.value.problems}
    assert {"colour", "sections.0.items.0.priority", "citation.url"} <= fields


# --- file-level problems ------------------------------------------------------------


FILE_CASES: list[tuple[str, bytes, ErrorCode]] = [
    ("invalid YAML", b"id: tiny\nsections: [unclosed\n", ErrorCode.FRAMEWORK_002),
    ("tab indentation", b"id: tiny\n\ttitle: x\n", ErrorCode.FRAMEWORK_002),
    ("top level is a list", b"- id: tiny\n", ErrorCode.FRAMEWORK_003),
    ("empty file", b"", ErrorCode.FRAMEWORK_003),
    ("not UTF-8", b"id: tiny\ntitle: \xff\xfe\n", ErrorCode.FRAMEWORK_001),
]


@pytest.mark.parametrize(("content", "code"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_load_framework_file__error(tmp_path: Path, content: bytes, code: ErrorCode) -> None:
    """Should reject an unreadable or malformed file with its catalogue code and the file name."""
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        load_framework(path)
    assert exc.value.codes == [code]
    assert exc.value.problems[0].file == "broken.yaml"


def test_load_framework_missing_file__error(tmp_path: Path) -> None:
    """Should report a missing file as unreadable (FRAMEWORK_001)."""
    with pytest.raises(InputError) as exc:
        load_framework(tmp_path / "absent.yaml")
    assert exc.value.codes == [ErrorCode.FRAMEWORK_001]


def test_load_frameworks_duplicate_id__error(tmp_path: Path) -> None:
    """Should refuse two files that declare the same framework id (FRAMEWORK_004)."""
    _write(tmp_path, _base(), "a.yaml")
    _write(tmp_path, _base(), "b.yaml")
    with pytest.raises(InputError) as exc:
        load_frameworks(tmp_path)
    assert exc.value.codes == [ErrorCode.FRAMEWORK_004]
    assert exc.value.problems[0].file == "b.yaml"


def test_load_frameworks_empty_directory__error(tmp_path: Path) -> None:
    """Should say when a directory holds no framework files (FRAMEWORK_005)."""
    with pytest.raises(InputError) as exc:
        load_frameworks(tmp_path)
    assert exc.value.codes == [ErrorCode.FRAMEWORK_005]


def test_load_frameworks_collects_problems_across_files__error(tmp_path: Path) -> None:
    """Should report problems from every broken file, not stop at the first."""
    _write(tmp_path, _mutated(lambda d: d.update(colour="x")), "a.yaml")
    (tmp_path / "b.yaml").write_text("sections: [\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_frameworks(tmp_path)
    assert {p.file for p in exc.value.problems} == {"a.yaml", "b.yaml"}
    assert set(exc.value.codes) == {ErrorCode.FRAMEWORK_002, ErrorCode.FRAMEWORK_003}


def _set_id(fid: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data.update(id=fid)

    return change


def test_load_frameworks_orders_bundled_first__ok(tmp_path: Path) -> None:
    """Should list frameworks in display order: bundled ids first, then others alphabetically."""
    for fid in ("zeta", "sips", "alpha", "scie"):
        _write(tmp_path, _mutated(_set_id(fid)), f"{fid}.yaml")
    assert list(load_frameworks(tmp_path)) == ["scie", "sips", "alpha", "zeta"]


# --- small models -------------------------------------------------------------------


OPTION_CASES: list[tuple[str, dict[str, Any]]] = [
    ("scale without value", {"id": "low", "label": "Low"}),
    ("dont_know with value", {"id": "dont_know", "label": "?", "kind": "dont_know", "value": 1}),
    ("dont_know with other id", {"id": "unsure", "label": "?", "kind": "dont_know"}),
    ("not_applicable with other id", {"id": "na", "label": "n/a", "kind": "not_applicable"}),
    ("empty label", {"id": "low", "label": "", "value": 0}),
]


@pytest.mark.parametrize("data", [c[1] for c in OPTION_CASES], ids=[c[0] for c in OPTION_CASES])
def test_option_validation__error(data: dict[str, Any]) -> None:
    """Should reject an option whose kind, id and value do not fit together."""
    with pytest.raises(ValueError):
        Option.model_validate(data)


@pytest.mark.parametrize(
    ("answer", "blank"),
    [
        (Answer(), True),
        (Answer(value=""), True),
        (Answer(value="low"), False),
        (Answer(note="checked with the team"), False),
        (Answer(evidence=(EvidenceType.RESEARCH,)), False),
    ],
)
def test_answer_is_blank__ok(answer: Answer, blank: bool) -> None:
    """Should treat an answer as blank only when it has no value, note or evidence."""
    assert answer.is_blank is blank


def test_evidence_type_labels__ok() -> None:
    """Should give every evidence type a human label."""
    assert all(e.label for e in EvidenceType)
