"""The advice text, read once from the bundled ``advice.yaml`` and checked by strict models.

The YAML file is the one place the advice is written; this module only says its
shape. Every piece of advice cites its sources by key, and a key that is not
declared under ``sources`` is a load error naming the key and the advice. See
the comment at the top of ``advice.yaml`` for the schema in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag, ValidationError

from assessments.models import Stage

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C when libyaml is built in: the same documents, read several times faster."""

ADVICE_FILE = "advice.yaml"
"""Name of the advice file inside this package."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Advice(_Strict):
    """One piece of advice: a short title, what to do, and the keys of its sources."""

    title: Text
    action: Text
    sources: tuple[Key, ...] = Field(min_length=1)
    first: bool = False
    """When this area is still missing, its step comes before every other (the theory of change)."""


Area = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""A framework's section, as ``framework.section``."""


class StageAdvice(_Strict):
    """How the steps are ordered for an innovation at one stage: its areas come first within each kind."""

    focus: tuple[Area, ...] = Field(min_length=1)
    note: Text


class SameAs(_Strict):
    """An entry that reuses the advice of another area in the same framework."""

    same_as: Key


def _entry_kind(value: Any) -> str:
    return "same_as" if isinstance(value, dict) and "same_as" in value else "advice"


Entry = Annotated[
    Annotated[Advice, Tag("advice")] | Annotated[SameAs, Tag("same_as")],
    Discriminator(_entry_kind),
]


class AdviceFile(_Strict):
    """The whole advice file, as written (``same_as`` entries not yet resolved)."""

    sources: dict[Key, Text] = Field(min_length=1)
    framework_sources: dict[Key, Key] = Field(default_factory=dict)
    frameworks: dict[Key, dict[Key, Entry]]
    stages: dict[Stage, StageAdvice] = Field(default_factory=dict)
    unknowns: Advice
    generic: Advice


class AdviceBook(_Strict):
    """The advice ready to use: sources by key and advice by framework, then item or section id."""

    sources: Mapping[str, str]
    guidance: Mapping[str, Mapping[str, Advice]]
    unknowns: Advice
    generic: Advice
    stages: Mapping[Stage, StageAdvice] = Field(default_factory=dict)


class AdviceFileError(ValueError):
    """The advice file cannot be used; the message lists every problem with the entry it is in."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{name}: {count}:\n" + "\n".join(f"  - {p}" for p in problems))


_ALLOWED = {
    "advice": "allowed: title, action, sources",
    "same_as": "a same_as entry holds nothing else",
    "file": "allowed: sources, framework_sources, frameworks, stages, unknowns, generic",
}


def _schema_problems(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        raw = [str(p) for p in err["loc"] if p != "[key]"]
        # frameworks.<id>.<area>.<tag>...: the union tag is pydantic's bookkeeping, not a place in the file.
        tag = raw.pop(3) if len(raw) > 3 and raw[0] == "frameworks" else ("file" if len(raw) == 1 else "advice")
        loc, msg = raw, err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{loc.pop()}' ({_ALLOWED[tag]})"
        elif err["type"] == "missing":
            msg = f"required key '{loc.pop()}' is missing"
        elif err["type"] == "model_type" and tag == "advice":
            msg = "expected title, action and sources, or {same_as: <area id>}"
        elif err["type"] == "string_pattern_mismatch":
            msg = "ids and source keys use lower-case letters, digits and underscores"
        out.append(f"{'.'.join(loc) or 'top level'}: {msg}")
    return out


def _resolve(raw: AdviceFile) -> tuple[dict[str, dict[str, Advice]], list[str]]:
    problems: list[str] = []
    known = sorted(raw.sources)

    def check(where: str, advice: Advice) -> None:
        for key in advice.sources:
            if key not in raw.sources:
                problems.append(f"{where}: unknown source '{key}' (declared sources: {', '.join(known)})")

    check("unknowns", raw.unknowns)
    check("generic", raw.generic)
    for fid, key in raw.framework_sources.items():
        if key not in raw.sources:
            problems.append(f"framework_sources.{fid}: unknown source '{key}' (declared sources: {', '.join(known)})")
    guidance: dict[str, dict[str, Advice]] = {}
    for fid, table in raw.frameworks.items():
        resolved: dict[str, Advice] = {}
        for area, entry in table.items():
            where = f"frameworks.{fid}.{area}"
            if isinstance(entry, Advice):
                check(where, entry)
                own = raw.framework_sources.get(fid)
                if own is not None and own not in entry.sources:
                    problems.append(f"{where}: advice on framework '{fid}' must cite its own source '{own}'")
                resolved[area] = entry
                continue
            target = table.get(entry.same_as)
            if not isinstance(target, Advice):
                problems.append(
                    f"{where}: same_as '{entry.same_as}' must name an entry of framework '{fid}' "
                    "that has its own title, action and sources"
                )
                continue
            resolved[area] = target
        guidance[fid] = resolved
    return guidance, problems


def parse_advice(text: str, name: str = ADVICE_FILE) -> AdviceBook:
    """Validate advice YAML and resolve its ``same_as`` entries.

    Args:
        text: The YAML text.
        name: File name used in error messages.

    Returns:
        The advice, with every source key and ``same_as`` reference checked.

    Raises:
        AdviceFileError: listing every problem, each naming the entry it is in.
    """
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)  # a safe loader, the C one where libyaml is built in
    except yaml.YAMLError as exc:
        raise AdviceFileError(name, [f"not valid YAML: {exc}".replace("\n", " ")]) from exc
    if not isinstance(data, dict):
        raise AdviceFileError(name, ["the file must hold a mapping at top level"])
    try:
        raw = AdviceFile.model_validate(data)
    except ValidationError as exc:
        raise AdviceFileError(name, _schema_problems(exc)) from exc
    guidance, problems = _resolve(raw)
    if problems:
        raise AdviceFileError(name, problems)
    return AdviceBook(
        sources=raw.sources, guidance=guidance, unknowns=raw.unknowns, generic=raw.generic, stages=raw.stages
    )


def load_advice(path: Path | Traversable | None = None) -> AdviceBook:
    """Read and validate an advice file.

    Args:
        path: The YAML file; defaults to the ``advice.yaml`` bundled with this package.

    Returns:
        The validated advice.

    Raises:
        AdviceFileError: when the file cannot be read or holds any mistake.
    """
    source = path if path is not None else files(__package__ or "assessments.guidance").joinpath(ADVICE_FILE)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AdviceFileError(source.name, [f"cannot be read: {exc}"]) from exc
    return parse_advice(text, source.name)


@lru_cache(maxsize=1)
def bundled_advice() -> AdviceBook:
    """The advice bundled with the app, loaded once per process (it is immutable)."""
    return load_advice()
