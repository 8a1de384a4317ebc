"""The comparison's method note: the section "Comparing innovations" of docs/scoring.md, the one text shown everywhere."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from assessments.wording import method_markdown

HEADING: Final = "## Comparing innovations"


@lru_cache(maxsize=1)
def comparing_markdown() -> str:
    """The section "Comparing innovations" of docs/scoring.md (its heading included), as Markdown.

    Raises:
        LookupError: The note has no such section (a broken installation).
    """
    lines = method_markdown().splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == HEADING)
    except StopIteration:
        raise LookupError(f"docs/scoring.md has no section '{HEADING[3:]}'") from None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(lines[start:end]).strip() + "\n"
