"""Hand-worked examples of the method fixes: evidence behind a top rating, "at least" NASSS levels
everywhere a level is shown, domains that could still be complex, and no unsupported "spread" claim.

Rules: SCIE-S06, NASSS-S04/S05 (``assessments.scoring``). Tiny fixture frameworks as in
tests/test_scoring.py: tiny_readiness inner = r_evidence, r_vision, r_staff; outer = r_funding,
r_networks. tiny_complexity people = c_needs, c_context; model = c_parts, c_knowhow; system = c_policy.
"""

from __future__ import annotations

import pytest

from assessments.methods import method_of
from assessments.methods.complexity import Complexity
from assessments.models import Answer, EvidenceType, FlagCode, Framework, FrameworkResult
from assessments.scoring import score_framework


def _flag(result: FrameworkResult, code: FlagCode) -> str | None:
    found = [f.message for f in result.flags if f.code is code]
    assert len(found) <= 1
    return found[0] if found else None


# --- SCIE-S06: "3 – addressed, with evidence" needs an evidence type --------------------------------


def test_top_rating_without_evidence_is_flagged__ok(readiness_fw: Framework) -> None:
    """Should name every factor rated at the top with no evidence type in one warning, in questionnaire order."""
    result = score_framework(
        readiness_fw,
        {
            "r_evidence": Answer(value="addressed"),
            "r_vision": Answer(value="addressed", evidence=(EvidenceType.RESEARCH,)),
            "r_staff": Answer(value="addressed", note="We have a plan"),  # a note is not an evidence type
            "r_funding": Answer(value="partly_addressed"),
        },
    )
    message = _flag(result, FlagCode.SCIE_NO_EVIDENCE)
    assert message is not None
    labels = [readiness_fw.item(i).short_label for i in ("r_evidence", "r_staff")]
    assert message.startswith("2 factors are rated 3")
    assert message.index(labels[0]) < message.index(labels[1])
    assert readiness_fw.item("r_vision").short_label not in message
    assert FlagCode.SCIE_NO_EVIDENCE.severity == "warning"
    assert result.section("inner").score == 100.0  # the rating still counts as given


@pytest.mark.parametrize(
    "answers",
    [
        {"r_evidence": Answer(value="addressed", evidence=(EvidenceType.LIVED_EXPERIENCE,))},
        {"r_evidence": Answer(value="partly_addressed")},  # only the top of the scale claims evidence
        {"r_evidence": Answer(value="dont_know")},
        {},
    ],
    ids=["top-with-evidence", "below-top", "dont-know", "nothing"],
)
def test_no_evidence_flag_absent__ok(readiness_fw: Framework, answers: dict[str, Answer]) -> None:
    """Should raise no evidence flag when every top rating records its evidence, or nothing is at the top."""
    assert _flag(score_framework(readiness_fw, answers), FlagCode.SCIE_NO_EVIDENCE) is None


def test_only_readiness_top_claims_evidence__ok(complexity_fw: Framework, planning_fw: Framework) -> None:
    """Should ask for evidence only where the top of the scale says "with evidence" (SCIE), not NASSS or SIPS."""
    assert [method_of(fw).top_needs_evidence for fw in (complexity_fw, planning_fw)] == [False, False]
    result = score_framework(complexity_fw, {"c_needs": Answer(value="complex")})
    assert _flag(result, FlagCode.SCIE_NO_EVIDENCE) is None


# --- NASSS "at least" ---------------------------------------------------------------------------


def test_at_least_level_in_every_reading__ok(complexity_fw: Framework) -> None:
    """Should qualify a domain whose unknown sub-domains could make it complex, in words and summary cells.

    people: complicated + don't know -> at least complicated; model: complicated + complex -> complex
    (settled: nothing is above complex); system: unanswered -> no level.
    """
    result = score_framework(
        complexity_fw,
        {
            "c_needs": Answer(value="complicated"),
            "c_context": Answer(value="dont_know"),
            "c_parts": Answer(value="complicated"),
            "c_knowhow": Answer(value="complex"),
        },
    )
    method = Complexity()
    people, model, system = (result.section(s) for s in ("people", "model", "system"))
    assert (people.level, people.at_least) == ("complicated", True)
    assert (model.level, model.at_least) == ("complex", False)
    assert [method.reading(s) for s in (people, model, system)] == [
        "At least complicated",
        "Complex",
        "Not rated: no answers",
    ]
    assert [method.summary_values(s) for s in (people, model, system)] == [
        ("at least complicated",),
        ("complex",),
        ("unknown",),
    ]
    assert result.model_dump(mode="json")["sections"][0]["at_least"] is True


def test_complex_flag_names_domains_that_could_still_be_complex__ok(complexity_fw: Framework) -> None:
    """Should say, beside one complex domain, which domains could still be complex and that the threshold
    could be reached (1 complex + 2 open >= 2)."""
    result = score_framework(
        complexity_fw,
        {
            "c_needs": Answer(value="simple"),
            "c_context": Answer(value="dont_know"),
            "c_parts": Answer(value="complex"),
            "c_policy": Answer(value="dont_know"),
        },
    )
    message = _flag(result, FlagCode.NASSS_COMPLEX_DOMAIN)
    assert message is not None
    assert "Complexity in 1 domain (The innovation itself)" in message
    assert "2 more domains could still be complex" in message
    assert "People and needs (at least simple)" in message and "The wider system (no level yet)" in message
    assert "warning threshold (2)" in message
    assert "spread" not in message  # no source says complexity spreads to other domains


def test_may_be_complex_note_when_none_complex__ok(complexity_fw: Framework) -> None:
    """Should add an information note when no domain is complex yet but unknown ones could be."""
    result = score_framework(complexity_fw, {"c_needs": Answer(value="simple"), "c_context": Answer(value="dont_know")})
    codes = [f.code for f in result.flags]
    assert FlagCode.NASSS_COMPLEX_DOMAIN not in codes and FlagCode.NASSS_MULTIPLE_COMPLEX not in codes
    message = _flag(result, FlagCode.NASSS_MAY_BE_COMPLEX)
    assert message is not None and message.startswith("No domain is known to be complex yet. 3 domains could")
    assert FlagCode.NASSS_MAY_BE_COMPLEX.severity == "info"


def test_no_open_domains_no_note__ok(complexity_fw: Framework) -> None:
    """Should raise no complexity flag at all when every domain is settled and none is complex."""
    answers = {i: Answer(value="simple") for i in ("c_needs", "c_context", "c_parts", "c_knowhow", "c_policy")}
    assert [f.code for f in score_framework(complexity_fw, answers).flags] == []


def test_several_complex_flag_also_names_open_domains__ok(complexity_fw: Framework) -> None:
    """Should keep the several-domains warning and add the open domain to it."""
    result = score_framework(
        complexity_fw,
        {
            "c_needs": Answer(value="complex"),
            "c_parts": Answer(value="complex"),
            "c_policy": Answer(value="dont_know"),
        },
    )
    message = _flag(result, FlagCode.NASSS_MULTIPLE_COMPLEX)
    assert message is not None and "1 more domain could still be complex" in message
    assert "The wider system (no level yet)" in message
    assert "threshold used here (2)" in message and "warning threshold" not in message  # already reached


def test_bundled_nasss_flags_make_no_spread_claim__ok(frameworks: dict[str, Framework]) -> None:
    """Should never say complexity spreads to other domains (no source says so)."""
    nasss = frameworks["nasss"]
    first = next(iter(nasss.items))
    result = score_framework(nasss, {first: Answer(value="complex")})
    assert all("spread" not in f.message for f in result.flags)
