"""The catalogue: framework definitions loaded from ``frameworks/*.yaml``, validated, and held in one frozen ``Catalogue``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from assessments.errors import ErrorCode, InputError, Problem, problem
from assessments.models import Framework

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, in C when libyaml is built in: the same documents, read several times faster."""

FRAMEWORKS_DIR = Path(__file__).resolve().parents[2] / "frameworks"
FRAMEWORK_ORDER = ("scie", "nasss", "sips")
"""Display order for the bundled frameworks; others follow alphabetically."""


class Catalogue(Mapping[str, Framework]):
    """The frameworks an installation knows, by id, in display order.

    Immutable and loaded once at start-up, then passed explicitly to every page and
    domain call that needs frameworks. It is a read-only mapping of id to framework.
    """

    __slots__ = ("_frameworks",)

    def __init__(self, frameworks: Iterable[Framework]) -> None:
        by_id: dict[str, Framework] = {}
        for fw in frameworks:
            if fw.id in by_id:
                raise ValueError(f"framework id '{fw.id}' appears twice in one catalogue")
            by_id[fw.id] = fw
        self._frameworks = by_id

    def __getitem__(self, framework_id: str) -> Framework:
        return self._frameworks[framework_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frameworks)

    def __len__(self) -> int:
        return len(self._frameworks)

    def __repr__(self) -> str:
        return f"Catalogue({', '.join(f'{fw.id} {fw.version}' for fw in self._frameworks.values())})"


def pydantic_problems(
    exc: ValidationError, code: ErrorCode, *, file: str | None = None, prefix: str = ""
) -> list[Problem]:
    """Flatten a pydantic ValidationError into located catalogue problems.

    Args:
        exc: The validation error.
        code: Catalogue entry whose template has a ``{detail}`` field.
        file: File name to attach to each problem.
        prefix: Dotted path to prepend to every location.

    Returns:
        One problem per pydantic error.
    """
    out: list[Problem] = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        path = ".".join(p for p in (prefix, loc) if p)
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not allowed here); remove it or check its spelling"
        elif err["type"] == "missing":
            msg = "required key is missing"
        msg = msg.removeprefix("Value error, ")
        out.append(problem(code, file=file, field=path or None, detail=msg))
    return out


def load_framework(path: Path) -> Framework:
    """Read and validate one framework YAML file.

    Args:
        path: The YAML file.

    Returns:
        The validated framework.

    Raises:
        InputError: FRAMEWORK_001 (unreadable), FRAMEWORK_002 (bad YAML) or
            FRAMEWORK_003 (schema problems, one per field).
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([problem(ErrorCode.FRAMEWORK_001, file=name, detail=str(exc))]) from exc
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)  # a safe loader, the C one where libyaml is built in
    except yaml.YAMLError as exc:
        raise InputError([problem(ErrorCode.FRAMEWORK_002, file=name, detail=str(exc).replace("\n", " "))]) from exc
    if not isinstance(data, dict):
        raise InputError(
            [problem(ErrorCode.FRAMEWORK_003, file=name, detail="the file must hold a mapping at top level")]
        )
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        raise InputError(pydantic_problems(exc, ErrorCode.FRAMEWORK_003, file=name)) from exc


def load_frameworks(directory: Path | None = None) -> Catalogue:
    """Load every framework in a directory, in display order.

    Args:
        directory: Folder of ``*.yaml`` files; defaults to the bundled ``frameworks/``.

    Returns:
        The catalogue of those frameworks, bundled ones first in :data:`FRAMEWORK_ORDER`.

    Raises:
        InputError: with every problem across all files.
    """
    directory = directory or FRAMEWORKS_DIR
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise InputError([problem(ErrorCode.FRAMEWORK_005, detail=str(directory))])
    problems: list[Problem] = []
    found: dict[str, Framework] = {}
    for path in paths:
        try:
            fw = load_framework(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if fw.id in found:
            problems.append(problem(ErrorCode.FRAMEWORK_004, file=path.name, id=fw.id))
            continue
        found[fw.id] = fw
    if problems:
        raise InputError(problems)

    def order(fid: str) -> tuple[int, str]:
        return (FRAMEWORK_ORDER.index(fid) if fid in FRAMEWORK_ORDER else len(FRAMEWORK_ORDER), fid)

    return Catalogue(found[fid] for fid in sorted(found, key=order))


@lru_cache(maxsize=1)
def bundled_frameworks() -> Catalogue:
    """The catalogue of bundled frameworks, loaded once per process (it is immutable)."""
    return load_frameworks(FRAMEWORKS_DIR)
