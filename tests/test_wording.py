"""The scoring-method note: one source (docs/scoring.md) for the app page and every export."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessments.models import FlagCode
from assessments.wording import METHOD_PATH, SELF_ASSESSMENT_REMINDER, file_stem, method_lines, method_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_method_markdown_is_docs_file__ok() -> None:
    """Should return the text of docs/scoring.md itself."""
    assert METHOD_PATH == ROOT / "docs" / "scoring.md"
    assert method_markdown() == (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", list(FlagCode))
def test_method_documents_every_flag__ok(code: str) -> None:
    """Should name every flag code the scoring can raise."""
    assert f"`{code}`" in method_markdown()


@pytest.mark.parametrize(
    "phrase",
    [
        "self-assessments",
        "not a validated cut-off",
        "never turned into a middle rating",
        "SIPS score",
        "never averaged",
    ],
)
def test_method_states_honesty_points__ok(phrase: str) -> None:
    """Should keep the key caveats the app and exports promise to show."""
    assert phrase in method_markdown()


def test_method_lines_plain_text__ok() -> None:
    """Should give non-empty plain-text paragraphs with no Markdown syntax left."""
    lines = method_lines()
    assert lines[0] == "How the results are worked out"
    assert all(line and line == line.strip() for line in lines)
    joined = "\n".join(lines)
    for token in ("**", "`", "## ", "\n- "):
        assert token not in joined
    assert any(line.startswith("• ") for line in lines)
    assert "SCIE_PRIORITY_GAP" in joined


def test_method_lines_fit_spreadsheet_cells__ok() -> None:
    """Should keep every paragraph well inside Excel's 32,767-character cell limit, none looking like a formula."""
    for line in method_lines():
        assert len(line) < 2000
        assert line[0] not in "=+-@"


def test_reminder_mentions_method__ok() -> None:
    """Should point readers of any summary to the method note."""
    assert "docs/scoring.md" in SELF_ASSESSMENT_REMINDER


@pytest.mark.parametrize("code", list(FlagCode))
def test_format_doc_lists_every_flag__ok(code: str) -> None:
    """Should list every flag code in the results section of docs/assessment-format.md."""
    assert f"`{code}`" in (ROOT / "docs" / "assessment-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("innovation", "label", "on", "expected"),
    [
        ("Café homeshare", "Follow-up", "2026-03-01", "cafe-homeshare-follow-up-2026-03-01"),
        ("Café homeshare", "Baseline", "2026-03-01", "cafe-homeshare-baseline-2026-03-01"),
        ("Zürich / Łódź pilot", None, None, "zurich-lodz-pilot"),
        ("漢字", "", "2026-01-02", "assessment-2026-01-02"),
        ("  ../../etc/passwd  ", None, None, "etc-passwd"),
    ],
)
def test_file_stem_readable_and_distinct__ok(innovation: str, label: str | None, on: str | None, expected: str) -> None:
    """Should keep letters' base form, add the label and date, and never produce path characters."""
    assert file_stem(innovation, label, on) == expected
