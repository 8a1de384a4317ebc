"""The questionnaire's screens (steps): the details, then one screen per section of each framework.

Each step holds plain, precomputed views of its items and the key to its answers (what each
answer of the section's scale means), so a rerun does no model work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessments.methods import method_of
from assessments.models import Framework
from ui.keys import DETAILS_STEP


@dataclass(frozen=True)
class Step:
    """One questionnaire screen: the details, or one section of one framework.

    ``items`` holds plain, precomputed views of each item (ids, labels, help);
    ``answer_key`` what each answer of the section's scale means, shown once above its
    questions: (answer, meaning) pairs, one tuple per scale the section uses.
    """

    key: str
    framework_id: str
    section_id: str
    title: str
    description: str
    item_ids: tuple[str, ...]
    items: tuple[dict[str, Any], ...]
    answer_key: tuple[tuple[tuple[str, str], ...], ...] = ()


def _item_view(fw: Framework, item_id: str) -> dict[str, Any]:
    item = fw.item(item_id)
    options = fw.options(item_id)
    scale = [o for o in options if o.is_scale]
    top = scale[-1] if scale and method_of(fw).top_needs_evidence and item.ready_end == "high" else None
    return {
        "evidence_top": top.id if top else None,
        "evidence_top_label": top.label if top else "",
        "id": item.id,
        "text": item.text,
        "help": item.help,
        "type": item.type,
        "option_ids": [o.id for o in options],
        "scale_size": len(scale),
        "labels": {o.id: o.label for o in options},
        # This question's own meaning of each answer, where it words them differently from the
        # scale (shown on demand under the question; the scale's own meanings are in the key).
        "own_meanings": [(o.label, o.descriptor) for o in options if o.id in item.descriptors],
    }


def _answer_key(fw: Framework, item_ids: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], ...]:
    used = {fw.item(i).scale for i in item_ids if fw.item(i).type == "choice"}
    return tuple(tuple((o.label, o.descriptor) for o in scale.options) for scale in fw.scales if scale.id in used)


def _build_steps(frameworks: Mapping[str, Framework]) -> list[Step]:
    steps = [Step(DETAILS_STEP, "", "", "Details of the innovation and this assessment", "", (), ())]
    for fw in frameworks.values():
        for section in fw.sections:
            ids = tuple(i.id for i in section.items)
            steps.append(
                Step(
                    key=f"{fw.id}.{section.id}",
                    framework_id=fw.id,
                    section_id=section.id,
                    title=f"{fw.short_title}: {section.title}",
                    description=section.description,
                    item_ids=ids,
                    items=tuple(_item_view(fw, i) for i in ids),
                    answer_key=_answer_key(fw, ids),
                )
            )
    return steps


_STEPS_CACHE: dict[tuple[tuple[str, str], ...], list[Step]] = {}


def questionnaire_steps(frameworks: Mapping[str, Framework]) -> list[Step]:
    """The questionnaire screens in order: details, then each framework's sections.

    Built once per framework set and kept in a plain module-level dict: a dict
    lookup is much cheaper per rerun than ``st.cache_resource`` hashing.
    """
    signature = tuple((fid, fw.version) for fid, fw in frameworks.items())
    steps = _STEPS_CACHE.get(signature)
    if steps is None:
        steps = _STEPS_CACHE[signature] = _build_steps(frameworks)
    return steps
