"""Framework definitions as loaded from ``frameworks/*.yaml``, validated strictly: unknown keys are
rejected, ids are unique and every reference resolves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Self, TypeVar

from pydantic import Field, model_validator

from assessments.models.vocab import DONT_KNOW, NOT_APPLICABLE, Id, MethodId, StrictModel

T = TypeVar("T")


class Citation(StrictModel):
    """Where the framework comes from."""

    text: str = Field(min_length=10)
    url: str = Field(pattern=r"^https?://")
    doi: str | None = None


class Option(StrictModel):
    """One answer option.

    ``value`` places a scale option on its scale (0 = least ready, or simplest
    for NASSS); "don't know" and "not applicable" have no value.
    """

    id: Id
    label: str = Field(min_length=1)
    descriptor: str = ""
    value: int | None = None
    kind: Literal["scale", "dont_know", "not_applicable"] = "scale"

    @model_validator(mode="after")
    def _value_matches_kind(self) -> Self:
        if self.kind == "scale" and self.value is None:
            raise ValueError(f"option '{self.id}': a scale option needs a numeric 'value'")
        if self.kind != "scale" and self.value is not None:
            raise ValueError(f"option '{self.id}': a '{self.kind}' option must not have a 'value'")
        if self.kind == "dont_know" and self.id != DONT_KNOW:
            raise ValueError(f"option '{self.id}': the don't-know option must have id '{DONT_KNOW}'")
        if self.kind == "not_applicable" and self.id != NOT_APPLICABLE:
            raise ValueError(f"option '{self.id}': the not-applicable option must have id '{NOT_APPLICABLE}'")
        return self

    @property
    def is_scale(self) -> bool:
        """True for options that carry a position on the scale."""
        return self.kind == "scale"


class Scale(StrictModel):
    """A reusable list of options, in scale order, with the special options last."""

    id: Id
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError(f"scale '{self.id}': option ids must be unique")
        kinds = [o.kind for o in self.options]
        seen_special = False
        for k in kinds:
            if k != "scale":
                seen_special = True
            elif seen_special:
                raise ValueError(
                    f"scale '{self.id}': list scale options first, then 'dont_know' and 'not_applicable' last"
                )
        values = [o.value for o in self.options if o.value is not None]
        if values != sorted(values) or len(values) != len(set(values)):
            raise ValueError(f"scale '{self.id}': scale options must be listed in rising 'value' order")
        if len(values) < 2:
            raise ValueError(f"scale '{self.id}': needs at least two scale options")
        return self


class Item(StrictModel):
    """One question.

    ``ready_end`` says which end of the scale means "more ready": ``high`` when
    the last scale option is the most ready (SCIE, SIPS checks), ``low`` when
    the first is (NASSS: simple is the most ready end).
    """

    id: Id
    text: str = Field(min_length=5)
    help: str = ""
    type: Literal["choice", "text", "date"] = "choice"
    scale: Id | None = None
    descriptors: dict[Id, str] = Field(default_factory=dict)
    priority: int | None = Field(default=None, ge=1, le=7)
    ready_end: Literal["high", "low"] | None = None
    ready_means: str = ""
    source: str = ""
    label: str = ""
    follow_up_only: bool = False
    """Asked only at follow-up (e.g. "what changed since last time"): when left blank it
    is not counted as missing or against completeness."""

    @model_validator(mode="after")
    def _type_fields(self) -> Self:
        if self.type == "choice":
            if self.scale is None:
                raise ValueError(f"item '{self.id}': a choice item needs a 'scale'")
            if self.ready_end is None:
                raise ValueError(f"item '{self.id}': a choice item must say which end is more ready ('ready_end')")
        else:
            if self.scale is not None or self.descriptors:
                raise ValueError(f"item '{self.id}': a {self.type} item takes no 'scale' or 'descriptors'")
        return self

    def owed(self, answered: bool) -> bool:
        """Whether the item counts towards what is still to do: always, except a blank follow-up-only item."""
        return answered or not self.follow_up_only

    @property
    def short_label(self) -> str:
        """A short label for charts and tables (falls back to the text)."""
        return self.label or self.text


class Section(StrictModel):
    """A group of items: a SCIE factor group, a NASSS domain or a SIPS section."""

    id: Id
    title: str = Field(min_length=1)
    short_title: str = ""
    description: str = ""
    items: tuple[Item, ...] = Field(min_length=1)

    @property
    def label(self) -> str:
        """Short title for charts, falling back to the title."""
        return self.short_title or self.title


class EarlierVersion(StrictModel):
    """An earlier version of a framework whose answers are still read, and what to check in them.

    Answers keep their option ids across versions; what may change is what an option *means*.
    ``recheck_items`` rated at one of ``recheck_values`` were given under the old meaning: they are
    read as they were, never reinterpreted, and named for the person to check
    (``assessments.upgrades``).
    """

    version: str = Field(min_length=1)
    change: str = Field(min_length=10)
    """What changed since that version, in plain words (shown with the items to check)."""
    recheck_items: tuple[Id, ...] = ()
    recheck_values: tuple[Id, ...] = ()
    labels: dict[Id, str] = Field(default_factory=dict)
    """Option labels of that version that differ from today's, by option id: its workbooks show them."""


class Framework(StrictModel):
    """A framework definition as loaded from ``frameworks/<id>.yaml``."""

    id: Id
    title: str = Field(min_length=3)
    short_title: str = Field(min_length=2)
    version: str = Field(min_length=1)
    scoring: MethodId
    description: str = ""
    citation: Citation
    references: tuple[Citation, ...] = ()
    licence: str = Field(min_length=10)
    adaptations: tuple[str, ...] = Field(min_length=1)
    scales: tuple[Scale, ...] = ()
    sections: tuple[Section, ...] = Field(min_length=1)
    earlier_versions: tuple[EarlierVersion, ...] = ()
    """Earlier versions whose answers are still read, oldest first (an assessment file that does not
    record its framework versions was written under the oldest one)."""

    @model_validator(mode="after")
    def _earlier_versions_resolve(self) -> Self:
        seen = {self.version}
        for earlier in self.earlier_versions:
            if earlier.version in seen:
                raise ValueError(
                    f"earlier version '{earlier.version}' is listed twice or is the current version; "
                    "list each earlier version once"
                )
            seen.add(earlier.version)
            for item_id in earlier.recheck_items:
                item = next((i for s in self.sections for i in s.items if i.id == item_id), None)
                if item is None or item.type != "choice":
                    raise ValueError(
                        f"earlier version '{earlier.version}': recheck item '{item_id}' is not a choice item"
                    )
                options = {o.id for sc in self.scales if sc.id == item.scale for o in sc.options}
                unknown = sorted(set(earlier.recheck_values) - options)
                if unknown:
                    raise ValueError(
                        f"earlier version '{earlier.version}': recheck values {', '.join(unknown)} "
                        f"are not options of item '{item_id}'"
                    )
        return self

    def earlier(self, version: str) -> EarlierVersion | None:
        """The earlier version with this name, or None (also for the current version)."""
        return next((e for e in self.earlier_versions if e.version == version), None)

    @property
    def unrecorded_version(self) -> str:
        """The version a file that does not record its framework versions was written under: the oldest."""
        return self.earlier_versions[0].version if self.earlier_versions else self.version

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        scales = {s.id: s for s in self.scales}
        if len(scales) != len(self.scales):
            raise ValueError("scale ids must be unique")
        section_ids = [s.id for s in self.sections]
        if len(section_ids) != len(set(section_ids)):
            dup = sorted({x for x in section_ids if section_ids.count(x) > 1})
            raise ValueError(f"section ids must be unique (repeated: {', '.join(dup)})")
        seen: dict[str, str] = {}
        for section in self.sections:
            for item in section.items:
                if item.id in seen:
                    raise ValueError(
                        f"item id '{item.id}' is used in both '{seen[item.id]}' and '{section.id}'; item ids must be unique"
                    )
                seen[item.id] = section.id
                if item.type != "choice":
                    continue
                if item.scale not in scales:
                    raise ValueError(
                        f"item '{item.id}': scale '{item.scale}' is not declared; use one of: {', '.join(scales) or '(none)'}"
                    )
                option_ids = {o.id for o in scales[item.scale].options}
                unknown = sorted(set(item.descriptors) - option_ids)
                if unknown:
                    raise ValueError(
                        f"item '{item.id}': descriptors for unknown options {', '.join(unknown)}; "
                        f"options of scale '{item.scale}' are: {', '.join(sorted(option_ids))}"
                    )
        return self

    @cached_property
    def lookups(self) -> FrameworkLookups:
        """Lookup tables built on first use; the definition is immutable, so they never go stale."""
        return FrameworkLookups.build(self)

    @property
    def items(self) -> dict[str, Item]:
        """Every item by id, in questionnaire order."""
        return self.lookups.items

    def item(self, item_id: str) -> Item:
        """The item with this id (KeyError if unknown)."""
        return self.lookups.items[item_id]

    def section_of(self, item_id: str) -> Section:
        """The section holding this item."""
        return self.lookups.item_section[item_id]

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if unknown)."""
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def options(self, item_id: str) -> tuple[Option, ...]:
        """Resolved options of an item (item descriptors merged in); empty for text items."""
        return self.lookups.options[item_id]

    def option_ids(self, item_id: str) -> frozenset[str]:
        """The ids of an item's options, for quick membership checks; empty for text items."""
        return self.lookups.option_ids[item_id]

    def option(self, item_id: str, option_id: str) -> Option | None:
        """One option of an item, or None if the item has no such option."""
        for o in self.lookups.options[item_id]:
            if o.id == option_id:
                return o
        return None

    @property
    def item_count(self) -> int:
        """Number of items in the framework."""
        return len(self.lookups.items)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied; its lookup tables are rebuilt from the copy, never shared."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("lookups", None)
        return copy


@dataclass(frozen=True, slots=True)
class FrameworkLookups:
    """Indexes over one framework definition, built once: item, section and option lookups by id."""

    items: dict[str, Item]
    item_section: dict[str, Section]
    options: dict[str, tuple[Option, ...]]
    option_ids: dict[str, frozenset[str]]
    _derived: dict[type, object] = field(default_factory=dict)

    def derived(self, kind: type[T], build: Callable[[], T]) -> T:
        """A structure another layer derives from this framework (scoring's plan), built once per framework.

        Keyed by the structure's type, so each layer keeps its own and gets it back typed; it lives
        exactly as long as the framework, with no global cache keyed on object ids.
        """
        found = self._derived.get(kind)
        if isinstance(found, kind):
            return found
        built = build()
        self._derived[kind] = built
        return built

    @classmethod
    def build(cls, framework: Framework) -> FrameworkLookups:
        """Index a validated framework (item descriptors merged into their options)."""
        scales = {s.id: s for s in framework.scales}
        items: dict[str, Item] = {}
        item_section: dict[str, Section] = {}
        options: dict[str, tuple[Option, ...]] = {}
        for section in framework.sections:
            for item in section.items:
                items[item.id] = item
                item_section[item.id] = section
                if item.type == "choice" and item.scale in scales:
                    options[item.id] = tuple(
                        o.model_copy(update={"descriptor": item.descriptors[o.id]}) if o.id in item.descriptors else o
                        for o in scales[item.scale].options
                    )
                else:
                    options[item.id] = ()
        option_ids = {iid: frozenset(o.id for o in opts) for iid, opts in options.items()}
        return cls(items=items, item_section=item_section, options=options, option_ids=option_ids)
