"""The bundled framework files and illustrative examples (real-data guard).

Checks traced to issue 2 (framework definitions) and issue 3 (examples):

* CAT-01 every frameworks/*.yaml loads, is cited (text + URL), has a licence note,
  adaptations, a description and a version.
* CAT-02 scie: sections innovation (14) then external (8), the agreed item ids in the
  review's order, priorities 1..7 each present, priority 3 on exactly one innovation-level
  and one external item, every other priority once; ready_end, ready_means, label, help
  and source on every item; external items carry per-option descriptors.
* CAT-03 nasss: seven domains in the published order, sub-domains as 24 items prefixed by
  domain, simple/complicated/complex descriptors on every item, ready_end low.
* CAT-04 sips: four sections in Brown's order, titled "based on" the SIPS structure, the
  narrative prompts and readiness checks of issue 2.
* CAT-05 every choice item lists options in scale order, least ready (or simplest) first,
  with dont_know and not_applicable last.
* CAT-06 ids are unique and snake_case; short labels fit chart axes (<= 30 characters).
* CAT-07 every example in data/examples validates, is labelled illustrative, and
  together they cover >= 4 innovations at different stages plus a follow-up.
* CAT-08 frameworks/README.md documents every schema field; SOURCES.md cites every framework.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessments.catalogue import FRAMEWORKS_DIR, load_framework
from assessments.jsonfile import read_assessment_file
from assessments.models import (
    DONT_KNOW,
    NOT_APPLICABLE,
    Assessment,
    Citation,
    EarlierVersion,
    Framework,
    Item,
    Option,
    Scale,
    Section,
    Stage,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "data" / "examples"
FRAMEWORK_FILES = sorted(FRAMEWORKS_DIR.glob("*.yaml"))
EXAMPLE_FILES = sorted(EXAMPLES_DIR.glob("*.json"))
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

SCIE_INNOVATION = [
    "evidence_of_efficacy",
    "fidelity_and_adaptation",
    "iterative_learning",
    "engaging_with_complexity",
    "scaling_leadership",
    "scale_teams",
    "time_and_commitment",
    "coproduction",
    "planning_for_scale",
    "shared_vision",
    "adequate_resources",
    "recruitment_and_turnover",
    "risk_aversion",
    "partnership_working",
]
SCIE_EXTERNAL = [
    "difficult_environment",
    "scale_funding",
    "spread_networks",
    "leadership_support",
    "time_to_embed",
    "policy_levers",
    "national_local_priorities",
    "commissioning_for_spread",
]
SCIE_PRIORITIES = {
    "engaging_with_complexity": 1,
    "difficult_environment": 2,
    "adequate_resources": 3,
    "scale_funding": 3,
    "recruitment_and_turnover": 4,
    "risk_aversion": 5,
    "coproduction": 6,
    "evidence_of_efficacy": 7,
}
NASSS_DOMAINS = [
    ("condition", "condition_", 2),
    ("technology", "technology_", 5),
    ("value_proposition", "value_", 2),
    ("adopter_system", "adopters_", 3),
    ("organisation", "organisation_", 5),
    ("wider_system", "wider_", 5),
    ("embedding_over_time", "embedding_", 2),
]
SIPS_SECTIONS = ["defining", "environment", "resources", "next_steps"]
SIPS_NARRATIVE = {
    "defining": [
        "problem",
        "target_group",
        "core_components",
        "adaptable_components",
        "theory_of_change",
        "logic_inputs",
        "logic_activities",
        "logic_outputs",
        "logic_outcomes",
        "logic_impact",
        "evidence_so_far",
    ],
    "environment": ["governance", "partners", "regulatory_and_risk"],
    "resources": [
        "setup_costs",
        "running_costs",
        "double_running_costs",
        "staff_time",
        "funding_source",
        "funding_end_date",
    ],
    "next_steps": [
        "sustainability_plan",
        "spread_plan",
        "evaluation_plan",
        "indicators",
        "next_review_date",
        "changes_since_last",
    ],
}
SIPS_DATES = {"funding_end_date", "next_review_date"}
SIPS_CHECKS = {
    "theory_of_change_agreed",
    "logic_model_complete",
    "governance_owner_named",
    "partners_committed",
    "risks_agreed",
    "costs_estimated",
    "funding_secured",
    "sustainability_plan_ready",
    "evaluation_plan_ready",
    "spread_model_chosen",
}


def _choice_items(fw: Framework) -> list[Item]:
    return [i for i in fw.items.values() if i.type == "choice"]


# --- CAT-01: every file loads and is cited ---------------------------------------------


def test_bundled_framework_files__ok(frameworks: dict[str, Framework]) -> None:
    """Should bundle exactly scie, nasss and sips, one file each, in display order."""
    assert [p.stem for p in FRAMEWORK_FILES] == sorted(["scie", "nasss", "sips"])
    assert list(frameworks) == ["scie", "nasss", "sips"]


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=lambda p: p.name)
def test_framework_file_loads_and_is_cited__ok(path: Path) -> None:
    """Should load each file with its id matching the file name, a full citation, licence and adaptations."""
    fw = load_framework(path)
    assert fw.id == path.stem
    assert len(fw.citation.text) > 40
    assert fw.citation.url.startswith("https://")
    assert len(fw.licence) > 100
    assert len(fw.adaptations) >= 3
    assert len(fw.description) > 100
    assert re.fullmatch(r"\d{4}-r\d+", fw.version)
    assert fw.short_title
    for ref in fw.references:
        assert ref.url.startswith("https://")


@pytest.mark.parametrize(
    ("fid", "doi"),
    [("nasss", "10.2196/jmir.8775"), ("sips", "10.1093/bjsw/bct106")],
)
def test_framework_doi__ok(frameworks: dict[str, Framework], fid: str, doi: str) -> None:
    """Should record the DOI of the journal articles behind NASSS and SIPS."""
    assert frameworks[fid].citation.doi == doi


def test_nasss_citation__ok(frameworks: dict[str, Framework]) -> None:
    """Should cite Greenhalgh et al. 2017, JMIR 19(11):e367, at the journal's URL."""
    c = frameworks["nasss"].citation
    assert "Greenhalgh T" in c.text and "2017;19(11):e367" in c.text
    assert c.url == "https://www.jmir.org/2017/11/e367/"


def test_sips_citation__ok(frameworks: dict[str, Framework]) -> None:
    """Should cite Brown's BJSW article and SCIE 2020 as the source of the section summaries."""
    fw = frameworks["sips"]
    assert "Brown L" in fw.citation.text and "138-152" in fw.citation.text
    assert any("Social Care Institute for Excellence" in r.text for r in fw.references)


# --- CAT-02: scie ----------------------------------------------------------------------


def test_scie_sections_and_ids__ok(frameworks: dict[str, Framework]) -> None:
    """Should hold the 14 innovation-level then 8 external factors with the agreed ids, in the review's order."""
    fw = frameworks["scie"]
    assert fw.scoring == "readiness"
    assert [s.id for s in fw.sections] == ["innovation", "external"]
    assert [i.id for i in fw.section("innovation").items] == SCIE_INNOVATION
    assert [i.id for i in fw.section("external").items] == SCIE_EXTERNAL


def test_scie_priorities__ok(frameworks: dict[str, Framework]) -> None:
    """Should mark SCIE's seven priorities, with priority 3 on one innovation-level and one external item."""
    fw = frameworks["scie"]
    marked = {i.id: i.priority for i in fw.items.values() if i.priority is not None}
    assert marked == SCIE_PRIORITIES
    assert sorted(set(marked.values())) == list(range(1, 8))
    threes = [fw.section_of(i).id for i, p in marked.items() if p == 3]
    assert sorted(threes) == ["external", "innovation"]


@pytest.mark.parametrize("scale", [0, 1], ids=["addressed", "context"])
def test_scie_scale__ok(frameworks: dict[str, Framework], scale: int) -> None:
    """Should have an 'addressed' scale (innovation) and a 'context' scale (external) with the same option ids
    0-3, each with descriptors, then don't know and not applicable."""
    fw = frameworks["scie"]
    assert [s.id for s in fw.scales] == ["addressed", "context"]
    options = fw.scales[scale].options
    assert [(o.id, o.value) for o in options] == [
        ("not_considered", 0),
        ("recognised", 1),
        ("partly_addressed", 2),
        ("addressed", 3),
        (DONT_KNOW, None),
        (NOT_APPLICABLE, None),
    ]
    assert all(o.descriptor for o in options)
    assert [o.label[0] for o in options[:4]] == ["0", "1", "2", "3"]


@pytest.mark.parametrize("item_id", SCIE_INNOVATION + SCIE_EXTERNAL)
def test_scie_item_fields__ok(frameworks: dict[str, Framework], item_id: str) -> None:
    """Should say for every SCIE item that the high end is more ready, what a 3 looks like, and where it comes from."""
    item = frameworks["scie"].item(item_id)
    assert item.type == "choice" and item.scale == ("context" if item_id in SCIE_EXTERNAL else "addressed")
    assert item.ready_end == "high"
    assert len(item.ready_means) > 30
    assert item.help and item.label
    assert item.source.startswith("SCIE 2020, ")
    if item.priority is not None:
        assert f"priority {item.priority}" in item.source


@pytest.mark.parametrize("item_id", SCIE_EXTERNAL)
def test_scie_external_descriptors__ok(frameworks: dict[str, Framework], item_id: str) -> None:
    """Should give every external item its own descriptor for each point 0-3 of the scale."""
    fw = frameworks["scie"]
    assert set(fw.item(item_id).descriptors) == {"not_considered", "recognised", "partly_addressed", "addressed"}
    resolved = [o.descriptor for o in fw.options(item_id)[:4]]
    assert resolved == [fw.item(item_id).descriptors[o.id] for o in fw.scales[1].options[:4]]


@pytest.mark.parametrize("item_id", SCIE_EXTERNAL)
def test_scie_external_zero_means_unfavourable_only__ok(frameworks: dict[str, Framework], item_id: str) -> None:
    """Should describe 0 on an external factor as unfavourable only: an unknown context is "Don't know"
    (version 2020-r2; in 2020-r1 the 0 also meant "or we do not know")."""
    fw = frameworks["scie"]
    zero = fw.option(item_id, "not_considered")
    assert zero is not None and zero.label == "0 – Unfavourable"
    for text in (zero.descriptor, fw.option(item_id, "recognised").descriptor):  # type: ignore[union-attr]
        assert not any(w in text.lower() for w in ("not know", "unknown", "unclear", "not sure")), text
    dont_know = fw.option(item_id, DONT_KNOW)
    assert dont_know is not None and "rather than 0" in dont_know.descriptor


def test_scie_earlier_version_names_the_external_zeros__ok(frameworks: dict[str, Framework]) -> None:
    """Should read answers of 2020-r1, naming the eight external factors rated 0 for checking."""
    fw = frameworks["scie"]
    assert fw.version == "2020-r2" and fw.unrecorded_version == "2020-r1"
    earlier = fw.earlier("2020-r1")
    assert earlier is not None
    assert list(earlier.recheck_items) == SCIE_EXTERNAL and earlier.recheck_values == ("not_considered",)
    assert earlier.labels["not_considered"] == "0 – Not yet considered"


# --- CAT-03: nasss ---------------------------------------------------------------------


def test_nasss_domains__ok(frameworks: dict[str, Framework]) -> None:
    """Should hold the seven NASSS domains in the published order with 24 sub-domain items."""
    fw = frameworks["nasss"]
    assert fw.scoring == "complexity"
    assert [(s.id, len(s.items)) for s in fw.sections] == [(d, n) for d, _, n in NASSS_DOMAINS]
    assert fw.item_count == 24
    assert "technology_ownership" in fw.items
    assert [i.id for i in fw.section("embedding_over_time").items] == ["embedding_adaptability", "embedding_resilience"]


@pytest.mark.parametrize(("domain", "prefix", "count"), NASSS_DOMAINS, ids=[d[0] for d in NASSS_DOMAINS])
def test_nasss_items__ok(frameworks: dict[str, Framework], domain: str, prefix: str, count: int) -> None:
    """Should prefix item ids by domain, rate complexity with simple as the ready end, and describe each level."""
    fw = frameworks["nasss"]
    for item in fw.section(domain).items:
        assert item.id.startswith(prefix)
        assert item.scale == "complexity" and item.ready_end == "low"
        assert set(item.descriptors) == {"simple", "complicated", "complex"}
        assert item.source.startswith(f"NASSS domain {[d[0] for d in NASSS_DOMAINS].index(domain) + 1}")


def test_nasss_scale__ok(frameworks: dict[str, Framework]) -> None:
    """Should order the complexity scale simple, complicated, complex, then don't know and not applicable."""
    scale = frameworks["nasss"].scales[0]
    assert [(o.id, o.value) for o in scale.options] == [
        ("simple", 1),
        ("complicated", 2),
        ("complex", 3),
        (DONT_KNOW, None),
        (NOT_APPLICABLE, None),
    ]


def test_nasss_social_care_adaptation__ok(frameworks: dict[str, Framework]) -> None:
    """Should state that domains 1 and 2 are widened for non-technology innovations and where 2E comes from."""
    fw = frameworks["nasss"]
    text = " ".join(fw.adaptations).lower()
    assert "domain 1" in text and "domain 2" in text and "2e" in text
    assert "needs and circumstances" in fw.section("condition").title
    assert "innovation or model itself" in fw.section("technology").title
    assert "nasss-cat" in fw.licence.lower()


# --- CAT-04: sips ----------------------------------------------------------------------


def test_sips_sections_and_title__ok(frameworks: dict[str, Framework]) -> None:
    """Should follow Brown's four sections and say it is based on the SIPS structure, not the tool."""
    fw = frameworks["sips"]
    assert fw.scoring == "planning"
    assert [s.id for s in fw.sections] == SIPS_SECTIONS
    assert "based on the SIPS structure" in fw.title
    everything = " ".join([fw.title, fw.short_title, fw.description] + [i.text for i in fw.items.values()])
    assert "the SIPS tool" not in everything


@pytest.mark.parametrize("section", SIPS_SECTIONS)
def test_sips_narrative_items__ok(frameworks: dict[str, Framework], section: str) -> None:
    """Should ask the narrative questions of issue 2 in each section, with dates as date items."""
    fw = frameworks["sips"]
    ids = [i.id for i in fw.section(section).items]
    for iid in SIPS_NARRATIVE[section]:
        assert iid in ids
        assert fw.item(iid).type == ("date" if iid in SIPS_DATES else "text")


def test_sips_logic_model_in_order__ok(frameworks: dict[str, Framework]) -> None:
    """Should list the logic model rows inputs, activities, outputs, outcomes, impact in that order."""
    ids = [i.id for i in frameworks["sips"].section("defining").items]
    rows = [i for i in ids if i.startswith("logic_") and i != "logic_model_complete"]
    assert rows == ["logic_inputs", "logic_activities", "logic_outputs", "logic_outcomes", "logic_impact"]


def test_sips_checks__ok(frameworks: dict[str, Framework]) -> None:
    """Should have readiness checks on the progress scale with in_place as the ready end."""
    fw = frameworks["sips"]
    checks = {i.id: i for i in _choice_items(fw)}
    assert set(checks) >= SIPS_CHECKS
    assert [(o.id, o.value) for o in fw.scales[0].options] == [
        ("not_started", 0),
        ("in_progress", 1),
        ("in_place", 2),
        (DONT_KNOW, None),
        (NOT_APPLICABLE, None),
    ]
    for item in checks.values():
        assert item.scale == "progress" and item.ready_end == "high" and item.ready_means
    for section in fw.sections:
        assert any(i.type == "choice" for i in section.items), section.id


# --- CAT-05 / CAT-06: options, ids and labels in every framework ---------------------------


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_choice_options_in_scale_order__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should list every choice item's options least ready (or simplest) first, don't know and not applicable last."""
    fw = frameworks[fid]
    for item in _choice_items(fw):
        options = fw.options(item.id)
        raw = [o.value for o in options[:-2]]
        assert all(v is not None for v in raw), item.id
        values = [v for v in raw if v is not None]
        assert values == sorted(values) and len(set(values)) == len(values), item.id
        assert [o.id for o in options[-2:]] == [DONT_KNOW, NOT_APPLICABLE], item.id
        assert [o.kind for o in options[-2:]] == ["dont_know", "not_applicable"], item.id


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_ids_unique_and_snake_case__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should use unique snake_case ids for the framework, its sections, items, scales and options."""
    fw = frameworks[fid]
    ids = [fw.id, *(s.id for s in fw.sections), *(s.id for s in fw.scales)]
    item_ids = [i.id for s in fw.sections for i in s.items]
    option_ids = [o.id for s in fw.scales for o in s.options]
    assert all(SNAKE.match(x) for x in ids + item_ids + option_ids)
    assert len(item_ids) == len(set(item_ids))
    assert len({s.id for s in fw.sections}) == len(fw.sections)


def test_item_ids_unique_across_frameworks__ok(frameworks: dict[str, Framework]) -> None:
    """Should not reuse an item id in two bundled frameworks, so exports and notes stay unambiguous."""
    all_ids = [iid for fw in frameworks.values() for iid in fw.items]
    assert len(all_ids) == len(set(all_ids))


@pytest.mark.parametrize("fid", ["scie", "nasss", "sips"])
def test_labels_fit_chart_axes__ok(frameworks: dict[str, Framework], fid: str) -> None:
    """Should give every item and section a short label of at most 30 characters, and every item help text."""
    fw = frameworks[fid]
    for item in fw.items.values():
        assert 0 < len(item.label) <= 30, item.id
        assert item.help, item.id
        assert item.source, item.id
    for section in fw.sections:
        assert 0 < len(section.short_title) <= 30, section.id
        assert section.description, section.id


# --- CAT-07: examples --------------------------------------------------------------------


@pytest.fixture(name="examples", scope="module")
def _examples(frameworks: dict[str, Framework]) -> dict[str, Assessment]:
    return {p.name: read_assessment_file(p, frameworks) for p in EXAMPLE_FILES}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_validates__ok(frameworks: dict[str, Framework], path: Path) -> None:
    """Should read each example with the real validator, labelled illustrative, answering all three frameworks."""
    a = read_assessment_file(path, frameworks)
    assert a.innovation.description.startswith("Illustrative example:")
    assert a.assessment.label in ("Illustrative example – baseline", "Illustrative example – follow-up")
    assert a.assessment.assessed_on is not None and a.assessment.stage is not None
    assert a.assessment.assessor_role is not None
    assert "fictional" in a.innovation.organisation
    for fid, fw in frameworks.items():
        answered = a.answers.get(fid, {})
        assert len(answered) >= fw.item_count * 0.4, (fid, len(answered))
    assert sum(1 for ans in a.answers["scie"].values() if ans.note) >= 1
    assert any(ans.evidence for fa in a.answers.values() for ans in fa.values())
    assert any(ans.value and len(ans.value) > 40 for ans in a.answers["sips"].values())


def test_examples_cover_different_innovations__ok(examples: dict[str, Assessment]) -> None:
    """Should offer at least five files about at least four innovations at three or more stages."""
    assert len(examples) >= 5
    names = {a.innovation.name for a in examples.values()}
    assert len(names) >= 4
    stages = {a.assessment.stage for a in examples.values()}
    assert len(stages) >= 3 and Stage.IDEA in stages


def test_examples_include_follow_up__ok(examples: dict[str, Assessment]) -> None:
    """Should include a later follow-up of a baseline, same innovation and organisation, with answers changed."""
    follow_ups = [a for a in examples.values() if a.assessment.label.endswith("follow-up")]
    assert follow_ups
    for fu in follow_ups:
        bases = [
            a
            for a in examples.values()
            if a.assessment.label.endswith("baseline")
            and (a.innovation.name, a.innovation.organisation) == (fu.innovation.name, fu.innovation.organisation)
        ]
        assert len(bases) == 1
        base = bases[0]
        assert base.assessment.assessed_on and fu.assessment.assessed_on
        assert fu.assessment.assessed_on > base.assessment.assessed_on
        changed = [
            (fid, iid)
            for fid in ("scie", "nasss")
            for iid, ans in fu.answers[fid].items()
            if (before := base.answer(fid, iid)) is None or before.value != ans.value
        ]
        assert len(changed) >= 5
        assert fu.answer("sips", "changes_since_last") is not None


def test_examples_use_dont_know_and_gaps__ok(examples: dict[str, Assessment], frameworks: dict[str, Framework]) -> None:
    """Should show don't know answers and deliberate gaps somewhere, so those screens are filled in too."""
    values = [ans.value for a in examples.values() for fa in a.answers.values() for ans in fa.values()]
    assert values.count(DONT_KNOW) >= 5
    assert NOT_APPLICABLE in values
    gaps = sum(
        1 for a in examples.values() for fid, fw in frameworks.items() for iid in fw.items if a.answer(fid, iid) is None
    )
    assert gaps >= 5


# --- CAT-08: documentation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", [Framework, Citation, Scale, Option, Section, Item, EarlierVersion], ids=lambda m: m.__name__
)
def test_readme_documents_schema__ok(model: type) -> None:
    """Should explain every field of the framework schema in frameworks/README.md."""
    readme = (FRAMEWORKS_DIR / "README.md").read_text(encoding="utf-8")
    for field in model.model_fields:  # type: ignore[attr-defined]
        assert f"`{field}`" in readme, f"{model.__name__}.{field}"


def test_sources_cite_every_framework__ok(frameworks: dict[str, Framework]) -> None:
    """Should give each framework's citation and version in frameworks/SOURCES.md."""
    sources = (FRAMEWORKS_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for fw in frameworks.values():
        assert fw.citation.url in sources, fw.id
        assert fw.version in sources, fw.id
