"""Answers given under an earlier version of a framework: read as they were, and named for checking.

A framework lists the earlier versions whose answers it still reads (``earlier_versions`` in its
YAML file, :class:`~assessments.models.EarlierVersion`). Option ids never change between versions,
so an answer is always read with the same id; what can change is what an option *means*. Such
answers are never silently reinterpreted: every reader (workbook, JSON file, the store) keeps the
version the answers were given under in ``Assessment.framework_versions``, and the items whose
meaning changed are named, with the catalogue message ``VERSION_002``, on import, on the Results
page and in every export (flag ``EARLIER_VERSION``), until the person changes them or says they
checked them.

Deliberate rules:

* A version that is neither the current one nor listed as earlier cannot be read (``WORKBOOK_010``,
  ``VERSION_001``): nobody has said what changed since.
* Answers given under an earlier version with nothing to check (no recheck item at a recheck value)
  are taken as given under the current version: nothing in them changed meaning.
"""

from __future__ import annotations

from collections.abc import Mapping

from assessments.errors import ErrorCode, Problem, problem
from assessments.models import Answer, Framework


def to_check(framework: Framework, version: str | None, answers: Mapping[str, Answer]) -> list[str]:
    """The items whose answers were given under ``version`` with a meaning that has changed since.

    Args:
        framework: The framework as this app has it.
        version: The version the answers were given under (None or the current version: nothing to check).
        answers: The framework's answers by item id.

    Returns:
        Item ids in questionnaire order; empty when nothing needs checking. For a version the
        framework does not list, every answered choice item (nobody has said what changed).
    """
    if version is None or version == framework.version:
        return []
    earlier = framework.earlier(version)
    if earlier is None:
        return [
            iid
            for iid, item in framework.items.items()
            if item.type == "choice" and _value(answers.get(iid)) is not None
        ]
    wanted = set(earlier.recheck_items)
    return [iid for iid in framework.items if iid in wanted and _value(answers.get(iid)) in earlier.recheck_values]


def _value(answer: Answer | None) -> str | None:
    return answer.value if answer is not None and answer.value else None


def settled_versions(
    frameworks: Mapping[str, Framework], versions: Mapping[str, str], answers: Mapping[str, Mapping[str, Answer]]
) -> dict[str, str]:
    """The versions an assessment keeps: only earlier ones under which some answer still needs checking."""
    return {
        fid: version
        for fid, version in versions.items()
        if fid in frameworks and to_check(frameworks[fid], version, answers.get(fid, {}))
    }


def check_message(framework: Framework, version: str, item_ids: list[str]) -> str:
    """The ``VERSION_002`` message: what changed, and which answers to check (never reinterpreted)."""
    return check_problem(framework, version, item_ids).message


def check_problem(framework: Framework, version: str, item_ids: list[str], *, file: str | None = None) -> Problem:
    """The ``VERSION_002`` warning for answers given under an earlier version of ``framework``."""
    earlier = framework.earlier(version)
    change = earlier.change if earlier is not None else "This app does not know what changed since that version."
    values = sorted({_label(framework, iid, version) for iid in item_ids}) if earlier is not None else []
    what = f" rated {' or '.join(values)} under the old wording" if values else ""
    labels = "; ".join(framework.item(iid).short_label for iid in item_ids)
    return problem(
        ErrorCode.VERSION_002,
        file=file,
        framework=framework.short_title,
        found=version,
        expected=framework.version,
        change=change.strip(),
        count=len(item_ids),
        answers="answer" if len(item_ids) == 1 else "answers",
        what=what,
        items=labels,
    )


def _label(framework: Framework, item_id: str, version: str) -> str:
    """An answer's option label as that version showed it, e.g. '0 – Not yet considered'."""
    earlier = framework.earlier(version)
    return next(
        (
            f"'{(earlier.labels.get(o.id) if earlier else None) or o.label}'"
            for o in framework.options(item_id)
            if earlier is not None and o.id in earlier.recheck_values
        ),
        "",
    )


def version_problems(
    frameworks: Mapping[str, Framework],
    versions: Mapping[str, str],
    answers: Mapping[str, Mapping[str, Answer]],
    *,
    file: str | None = None,
) -> list[Problem]:
    """One ``VERSION_002`` warning per framework whose answers still need checking (for an import)."""
    out: list[Problem] = []
    for fid, version in versions.items():
        fw = frameworks.get(fid)
        if fw is None:
            continue
        items = to_check(fw, version, answers.get(fid, {}))
        if items:
            out.append(check_problem(fw, version, items, file=file))
    return out


def as_read_under(framework: Framework, version: str) -> Framework:
    """The framework as a workbook of an earlier ``version`` shows it: the same ids, that version's labels.

    Used to read such a workbook's answers, which are written as option labels, and to export answers
    still awaiting their check as that version showed them (so a round trip keeps them named).
    """
    earlier = framework.earlier(version)
    if earlier is None:
        return framework
    scales = tuple(
        scale.model_copy(
            update={
                "options": tuple(
                    o.model_copy(update={"label": earlier.labels[o.id]}) if o.id in earlier.labels else o
                    for o in scale.options
                )
            }
        )
        for scale in framework.scales
    )
    return framework.model_copy(update={"scales": scales, "version": version})
