"""The non-compensatory screen: what one scored assessment raises that no other framework can offset.

A screen is not a score. It counts, for one assessment, the things a commissioner should see before
any comparison: NASSS domains that are complex (or could still be, where "don't know" remains), SCIE
priority factors that are gaps, how much is "don't know", how many ratings rest on evidence, and how
many of the questions are answered (by items, not sections). Each finding that crosses a line below
becomes a ``ScreenWarning`` with a stable code and a sentence naming what was found. Nothing here adds
one framework to another, and nothing is imputed.

The plain-English version, with the thresholds, is "Comparing innovations" in docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

from assessments.models import AssessmentResult, FlagCode, FrameworkResult

COMPLEX_LEVEL: Final = "complex"
"""The top of the NASSS complexity scale."""
TOP_RATING: Final = 3
"""SCIE's "3 - Addressed, with evidence": a rating that says evidence exists."""
DONT_KNOW_WARNING: Final = 0.2
"""Editorial: warn when at least this share of the answers given are "don't know"."""
EVIDENCE_WARNING: Final = 0.5
"""Editorial: warn when fewer than this share of the ratings given name an evidence type."""
COVERAGE_WARNING: Final = 0.8
"""Editorial: warn when fewer than this share of the questions have any answer."""

CODES: Final = (
    "SCREEN_NASSS_COMPLEX",
    "SCREEN_NASSS_POSSIBLY_COMPLEX",
    "SCREEN_PRIORITY_GAPS",
    "SCREEN_DONT_KNOW",
    "SCREEN_LOW_EVIDENCE",
    "SCREEN_EVIDENCE_MISSING",
    "SCREEN_INCOMPLETE",
)
"""Every warning code, in the order warnings are listed."""


@dataclass(frozen=True)
class ScreenWarning:
    """One finding of the screen: a stable code and a sentence naming what was found."""

    code: str
    text: str


@dataclass(frozen=True)
class Screen:
    """The non-compensatory screen of one assessment (counts by items; see ``screen_of``)."""

    nasss_complex: int | None
    """NASSS domains whose level is complex; None when there is no NASSS result or no domain has a level."""
    nasss_at_least: int
    """Domains whose level is only a floor (some sub-domains unknown or unanswered): they could still be complex."""
    nasss_unknown: int
    """NASSS domains with no level at all."""
    priority_gaps: tuple[str, ...]
    """SCIE priority factor item ids rated 0 or 1 or answered "don't know", in priority order."""
    items: int
    """Questions across the assessment's frameworks."""
    answered: int
    """Questions with any answer: a rating, text, date, "don't know" or "not applicable"."""
    dont_know: int
    """"Don't know" answers."""
    rated: int
    """Scale ratings given (SCIE 0-3, NASSS levels, SIPS checks); not "don't know", n/a or text."""
    rated_with_evidence: int
    """Of those ratings, the ones with at least one evidence type."""
    top_without_evidence: tuple[str, ...]
    """SCIE item ids rated 3 ("addressed, with evidence") with no evidence type."""
    warnings: tuple[ScreenWarning, ...]

    @property
    def coverage(self) -> float | None:
        """Share of questions with any answer (0..1); None when there are no questions."""
        return self.answered / self.items if self.items else None

    @property
    def dont_know_share(self) -> float | None:
        """Share of the answers given that are "don't know" (0..1); None when nothing is answered."""
        return self.dont_know / self.answered if self.answered else None

    @property
    def evidence_share(self) -> float | None:
        """Share of the ratings given that name an evidence type (0..1); None when nothing is rated."""
        return self.rated_with_evidence / self.rated if self.rated else None

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the warnings raised, in order."""
        return tuple(w.code for w in self.warnings)


def _name(item_id: str, labels: Mapping[str, str] | None) -> str:
    if labels is not None and item_id in labels:
        return labels[item_id]
    return item_id.replace("_", " ")


def _names(ids: Iterable[str], labels: Mapping[str, str] | None) -> str:
    return "; ".join(_name(i, labels) for i in ids)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _pct(share: float) -> str:
    return f"{share * 100:.0f} %"


def _of(result: AssessmentResult, method: str) -> list[FrameworkResult]:
    return [r for r in result.results if r.method == method]


def screen_of(
    result: AssessmentResult, *, complex_threshold: int = 2, labels: Mapping[str, str] | None = None
) -> Screen:
    """The screen of one scored assessment.

    Args:
        result: The assessment's results (every framework it was scored on).
        complex_threshold: Number of complex NASSS domains that raises ``SCREEN_NASSS_COMPLEX`` (at least 1).
        labels: Optional short labels by item id, used to name SCIE factors in the warnings' text
            (item ids, underscores as spaces, otherwise).

    Returns:
        The counts and the warnings they raise, in the order of ``CODES``.

    Raises:
        ValueError: The threshold is below 1.
    """
    if isinstance(complex_threshold, bool) or not isinstance(complex_threshold, int) or complex_threshold < 1:
        raise ValueError(f"complex_threshold must be a whole number of at least 1, not {complex_threshold!r}")
    domains = [s for r in _of(result, "complexity") for s in r.sections]
    complex_titles = [s.title for s in domains if s.level == COMPLEX_LEVEL]
    floor_titles = [s.title for s in domains if s.level is not None and s.level != COMPLEX_LEVEL and s.at_least]
    open_titles = [s.title for s in domains if s.level is None and s.unknown + s.unanswered > 0]
    nasss_complex = len(complex_titles) if any(s.level is not None for s in domains) else None
    readiness = _of(result, "readiness")
    gaps = tuple(
        f.item for r in readiness for f in r.flags if f.code is FlagCode.SCIE_PRIORITY_GAP and f.item is not None
    )
    top_bare = tuple(
        i.id
        for r in readiness
        for i in r.items
        if i.status == "answered" and i.numeric == TOP_RATING and not i.evidence
    )
    all_items = [i for r in result.results for i in r.items]
    rated = [i for i in all_items if i.status == "answered" and i.numeric is not None]
    screen = Screen(
        nasss_complex=nasss_complex,
        nasss_at_least=len(floor_titles),
        nasss_unknown=sum(1 for s in domains if s.level is None),
        priority_gaps=gaps,
        items=len(all_items),
        answered=sum(1 for i in all_items if i.status != "unanswered"),
        dont_know=sum(1 for i in all_items if i.status == "dont_know"),
        rated=len(rated),
        rated_with_evidence=sum(1 for i in rated if i.evidence),
        top_without_evidence=top_bare,
        warnings=(),
    )
    warnings: list[ScreenWarning] = []
    n = len(complex_titles)
    if n >= complex_threshold:
        warnings.append(
            ScreenWarning(
                "SCREEN_NASSS_COMPLEX",
                f"Complex in {_plural(n, 'NASSS domain')}: {'; '.join(complex_titles)}.",
            )
        )
    elif n + len(floor_titles) + len(open_titles) >= complex_threshold:
        still_open = [*floor_titles, *open_titles]
        known = f"complex in {'; '.join(complex_titles)}, and " if complex_titles else ""
        warnings.append(
            ScreenWarning(
                "SCREEN_NASSS_POSSIBLY_COMPLEX",
                f'Could be complex in {complex_threshold} or more NASSS domains once "don\'t know" and unanswered '
                f"sub-domains are settled: {known}not yet settled in {'; '.join(still_open)}.",
            )
        )
    if gaps:
        warnings.append(
            ScreenWarning(
                "SCREEN_PRIORITY_GAPS",
                f'{_plural(len(gaps), "SCIE priority factor")} rated 0 or 1 or "don\'t know": {_names(gaps, labels)}.',
            )
        )
    dk = screen.dont_know_share
    if dk is not None and dk >= DONT_KNOW_WARNING:
        warnings.append(
            ScreenWarning(
                "SCREEN_DONT_KNOW",
                f'{_pct(dk)} of the answers given are "don\'t know" ({screen.dont_know} of {screen.answered}).',
            )
        )
    ev = screen.evidence_share
    if ev is not None and ev < EVIDENCE_WARNING:
        warnings.append(
            ScreenWarning(
                "SCREEN_LOW_EVIDENCE",
                f"Only {_pct(ev)} of the ratings name an evidence type ({screen.rated_with_evidence} of {screen.rated}).",
            )
        )
    if top_bare:
        warnings.append(
            ScreenWarning(
                "SCREEN_EVIDENCE_MISSING",
                f'{_plural(len(top_bare), "SCIE factor")} rated 3 "addressed, with evidence" but no evidence type '
                f"given: {_names(top_bare, labels)}.",
            )
        )
    cov = screen.coverage
    if cov is not None and cov < COVERAGE_WARNING:
        warnings.append(
            ScreenWarning(
                "SCREEN_INCOMPLETE",
                f"Only {_pct(cov)} of the questions are answered ({screen.answered} of {screen.items}).",
            )
        )
    return replace(screen, warnings=tuple(warnings))


def screen_to_json(screen: Screen) -> dict[str, Any]:
    """The screen as a plain JSON-able dict (docs/comparison-format.md); ``screen_from_json`` reads it back."""
    return {
        "nasss_complex": screen.nasss_complex,
        "nasss_at_least": screen.nasss_at_least,
        "nasss_unknown": screen.nasss_unknown,
        "priority_gaps": list(screen.priority_gaps),
        "items": screen.items,
        "answered": screen.answered,
        "dont_know": screen.dont_know,
        "rated": screen.rated,
        "rated_with_evidence": screen.rated_with_evidence,
        "top_without_evidence": list(screen.top_without_evidence),
        "warnings": [{"code": w.code, "text": w.text} for w in screen.warnings],
    }


def screen_from_json(data: Mapping[str, Any]) -> Screen:
    """The screen written by ``screen_to_json``.

    Raises:
        KeyError: A field is missing.
        ValueError: A field has the wrong type.
    """
    counts = ("nasss_at_least", "nasss_unknown", "items", "answered", "dont_know", "rated", "rated_with_evidence")
    for key in counts:
        if isinstance(data[key], bool) or not isinstance(data[key], int):
            raise ValueError(f"screen field '{key}' must be a whole number, not {data[key]!r}")
    complex_ = data["nasss_complex"]
    if complex_ is not None and (isinstance(complex_, bool) or not isinstance(complex_, int)):
        raise ValueError(f"screen field 'nasss_complex' must be a whole number or null, not {complex_!r}")
    lists = {key: data[key] for key in ("priority_gaps", "top_without_evidence")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"screen field '{key}' must be a list of item ids")
    warnings = data["warnings"]
    if not isinstance(warnings, list) or not all(
        isinstance(w, Mapping) and isinstance(w.get("code"), str) and isinstance(w.get("text"), str) for w in warnings
    ):
        raise ValueError("screen field 'warnings' must be a list of {code, text}")
    return Screen(
        nasss_complex=complex_,
        priority_gaps=tuple(lists["priority_gaps"]),
        top_without_evidence=tuple(lists["top_without_evidence"]),
        warnings=tuple(ScreenWarning(w["code"], w["text"]) for w in warnings),
        **{key: data[key] for key in counts},
    )
