"""Tests for the advice file: the bundled advice.yaml matches the frameworks, and a bad file is refused clearly."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.guidance import GUIDANCE, AdviceFileError, bundled_advice, load_advice

GOOD = """\
sources:
  scie_2020: SCIE (2020) review
  impact: IMPACT model
frameworks:
  scie:
    coproduction:
      title: Involve people
      action: Build in time and payment.
      sources: [scie_2020, impact]
    shared_vision: {same_as: coproduction}
unknowns:
  title: Find out
  action: List them.
  sources: [impact]
generic:
  title: Look at it
  action: Discuss it.
  sources: [impact]
"""


def _load(tmp_path: Path, text: str) -> AdviceFileError:
    path = tmp_path / "advice.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AdviceFileError) as info:
        load_advice(path)
    return info.value


def test_advice_file_ships_with_package__ok() -> None:
    """Should find advice.yaml inside the installed package, not beside the repository."""
    assert files("assessments.guidance").joinpath("advice.yaml").is_file()
    assert bundled_advice() is bundled_advice()


def test_bundled_ids_exist_in_bundled_frameworks__ok() -> None:
    """Should key advice only by framework ids, and item or section ids, that the bundled frameworks define."""
    frameworks = bundled_frameworks()
    for framework_id, table in GUIDANCE.items():
        assert framework_id in frameworks, framework_id
        fw = frameworks[framework_id]
        known = set(fw.items) | {s.id for s in fw.sections}
        assert set(table) <= known, (framework_id, set(table) - known)


def test_bundled_sources_resolve__ok() -> None:
    """Should resolve every cited source key to a label, and cite every declared source somewhere."""
    book = bundled_advice()
    cited = {key for table in book.guidance.values() for a in table.values() for key in a.sources}
    cited |= {*book.unknowns.sources, *book.generic.sources}
    assert cited == set(book.sources)
    assert all(label.strip() for label in book.sources.values())


def test_same_as_reuses_the_advice__ok(tmp_path: Path) -> None:
    """Should give a same_as entry the very advice it names, so shared planning items group into one step."""
    path = tmp_path / "advice.yaml"
    path.write_text(GOOD, encoding="utf-8")
    book = load_advice(path)
    scie = book.guidance["scie"]
    assert scie["shared_vision"] is scie["coproduction"]
    assert scie["coproduction"].sources == ("scie_2020", "impact")


def test_unknown_key__error(tmp_path: Path) -> None:
    """Should name the unknown key and the advice it is in."""
    err = _load(tmp_path, GOOD.replace("      action: Build", "      actoin: Build"))
    assert "frameworks.scie.coproduction: unknown key 'actoin'" in str(err)
    assert "frameworks.scie.coproduction: required key 'action' is missing" in str(err)


def test_unknown_source__error(tmp_path: Path) -> None:
    """Should name the unknown source key and the advice citing it, and list the declared keys."""
    err = _load(tmp_path, GOOD.replace("sources: [scie_2020, impact]", "sources: [scie_2021, impact]"))
    assert err.problems == [
        "frameworks.scie.coproduction: unknown source 'scie_2021' (declared sources: impact, scie_2020)"
    ]


def test_unknown_source_in_generic__error(tmp_path: Path) -> None:
    """Should check the sources of the generic and don't-know advice too."""
    err = _load(
        tmp_path,
        GOOD.replace("  action: Discuss it.\n  sources: [impact]", "  action: Discuss it.\n  sources: [welsh]"),
    )
    assert err.problems == ["generic: unknown source 'welsh' (declared sources: impact, scie_2020)"]


@pytest.mark.parametrize(
    "bad",
    [
        "      action: Build in time and payment.\n",  # missing
        "      action: ''\n",  # empty
        "      action: '   '\n",  # blank
    ],
)
def test_missing_text__error(tmp_path: Path, bad: str) -> None:
    """Should refuse advice without its action text, naming the advice."""
    text = GOOD.replace("      action: Build in time and payment.\n", "" if bad.endswith("payment.\n") else bad)
    err = _load(tmp_path, text)
    assert len(err.problems) == 1
    assert err.problems[0].startswith("frameworks.scie.coproduction")
    assert "action" in err.problems[0]


def test_no_sources__error(tmp_path: Path) -> None:
    """Should refuse advice that cites no source."""
    err = _load(tmp_path, GOOD.replace("sources: [scie_2020, impact]", "sources: []"))
    assert err.problems[0].startswith("frameworks.scie.coproduction.sources:")


def test_same_as_unknown_entry__error(tmp_path: Path) -> None:
    """Should refuse same_as naming an entry that is missing or itself a same_as."""
    err = _load(tmp_path, GOOD.replace("{same_as: coproduction}", "{same_as: co_production}"))
    assert err.problems[0].startswith("frameworks.scie.shared_vision: same_as 'co_production'")
    chained = GOOD.replace(
        "    shared_vision: {same_as: coproduction}\n", "    a: {same_as: b}\n    b: {same_as: coproduction}\n"
    )
    err = _load(tmp_path, chained)
    assert err.problems[0].startswith("frameworks.scie.a: same_as 'b'")


def test_same_as_with_text__error(tmp_path: Path) -> None:
    """Should refuse an entry mixing same_as with its own text."""
    err = _load(tmp_path, GOOD.replace("{same_as: coproduction}", "{same_as: coproduction, title: Vision}"))
    assert err.problems == ["frameworks.scie.shared_vision: unknown key 'title' (a same_as entry holds nothing else)"]


@pytest.mark.parametrize(("text", "expected"), [("- a\n- b\n", "mapping at top level"), ("a: [b\n", "not valid YAML")])
def test_not_an_advice_file__error(tmp_path: Path, text: str, expected: str) -> None:
    """Should say plainly when the file is not a YAML mapping at all."""
    err = _load(tmp_path, text)
    assert expected in str(err)
    assert str(err).startswith("advice.yaml: 1 problem:")


def test_entry_not_a_mapping__error(tmp_path: Path) -> None:
    """Should explain the two shapes an entry may take when it is a bare string."""
    err = _load(tmp_path, GOOD.replace("{same_as: coproduction}", "coproduction"))
    assert err.problems == [
        "frameworks.scie.shared_vision: expected title, action and sources, or {same_as: <area id>}"
    ]


def test_advice_must_cite_its_framework_source__error(tmp_path: Path) -> None:
    """Should refuse advice on a framework that does not cite that framework's own source."""
    text = GOOD.replace("frameworks:\n", "framework_sources:\n  scie: scie_2020\nframeworks:\n", 1)
    err = _load(tmp_path, text.replace("sources: [scie_2020, impact]", "sources: [impact]"))
    assert err.problems == [
        "frameworks.scie.coproduction: advice on framework 'scie' must cite its own source 'scie_2020'"
    ]


def test_unknown_stage__error(tmp_path: Path) -> None:
    """Should refuse a stage the app does not have, and a focus that is not framework.section."""
    text = GOOD.replace("unknowns:\n", "stages:\n  launch:\n    focus: [scie]\n    note: Soon.\nunknowns:\n", 1)
    err = _load(tmp_path, text)
    assert any(p.startswith("stages.launch") for p in err.problems), err.problems


def test_bundled_framework_sources__ok() -> None:
    """Should cite Greenhalgh et al. 2017 for NASSS, Brown's SIPS (via SCIE) for the planning record, SCIE 2020
    for the SCIE factors: every piece of advice on a framework cites that framework's own source."""
    book = bundled_advice()
    own = {"scie": "scie_2020", "nasss": "greenhalgh_2017", "sips": "brown_2015"}
    assert "Greenhalgh" in book.sources["greenhalgh_2017"] and "2017" in book.sources["greenhalgh_2017"]
    assert "Brown" in book.sources["brown_2015"] and "SIPS" in book.sources["brown_2015"]
    for fid, key in own.items():
        for area, advice in book.guidance[fid].items():
            assert key in advice.sources, (fid, area)
    assert all("scie_2020" not in a.sources for a in book.guidance["nasss"].values())
