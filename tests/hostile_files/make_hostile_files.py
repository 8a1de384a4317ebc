"""Regenerate the hostile-input corpus: ``python -m tests.hostile_files.make_hostile_files``.

Files an attacker (or an unlucky converter) would send, beyond the ordinary bad
files of tests/bad_files/: workbooks that cost a lot to read (a cell in the last
row, element floods, parts that declare gigabytes, zip tricks, XML entity
attacks), JSON files that break parsers (deep nesting, huge numbers, lone
surrogates, duplicate keys), YAML weights files that expand (aliases) or nest,
and text that is not what it seems (invisible names, Markdown, control
characters, OOXML escapes, 1899 dates, numeric date serials).

Each file is named ``<ERROR CODE>_<what it is>.<ext>``: reading it must raise that
code (and only that one, except the ``*_022``/``*_021`` "more problems" files,
which list others first), or, for ``OK_*`` files, read without any problem. The
readers are :func:`assessments.xlsx.read.read_workbook` (``.xlsx``),
:func:`assessments.jsonfile.read_assessment_bytes` (``.json``) and
:func:`assessments.compare.weights.parse_weights_yaml` (``.yaml``); checked by
tests/test_hostile_corpus.py, and each is read in at most 2 s and 300 MB by
``python -m bench.hostile`` (``make hostile``).

Every file is small on disk (the largest is under 1 MB); what they declare or
expand to is not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.hostile_files.documents import JSON, WEIGHTS
from tests.hostile_files.workbooks import XLSX

HERE = Path(__file__).resolve().parent

CORPUS: dict[str, Callable[[], bytes]] = {**XLSX, **JSON, **WEIGHTS}


def main() -> None:
    """Write every corpus file next to this script (and remove stale ones)."""
    for old in HERE.iterdir():
        if old.suffix in (".xlsx", ".json", ".yaml") and old.name not in CORPUS:
            old.unlink()
    for name, make in CORPUS.items():
        (HERE / name).write_bytes(make())
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
