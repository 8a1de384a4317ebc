"""The illustrative example assessments (``data/examples/*.json``): read as JSON files and saved through the store.

Examples live in the ``demo`` workspace, apart from every real one: anyone signed
in can read them, nobody can change them, and they never appear in a real
workspace's lists or comparisons. Each is saved with the source
``example:<file name>``, which is how a second load recognises files loaded already.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessments.jsonfile import read_assessment_file
from assessments.store import DEMO_WORKSPACE, EXAMPLE_SOURCE_PREFIX, Store, Viewer

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "examples"
EXAMPLES_ACTOR = "examples"
"""Who the audit trail names for a loaded example."""


def load_examples(store: Store, directory: Path | None = None) -> list[str]:
    """Load the illustrative example assessments into the store.

    Files with the same innovation name and organisation become one innovation
    with several dated assessments (saved oldest first). Loading twice does not
    duplicate anything: a file already loaded is skipped.

    Args:
        store: The database; its frameworks are the ones the files are read against.
        directory: Folder of example JSON files; defaults to ``data/examples``.

    Returns:
        The assessment ids of every example file, in file-name order.

    Raises:
        InputError: if an example file is invalid (nothing is loaded then).
    """
    directory = directory or EXAMPLES_DIR
    paths = sorted(directory.glob("*.json"))
    parsed = [(p, read_assessment_file(p, store.frameworks)) for p in paths]
    parsed.sort(key=lambda pa: (pa[1].assessment.assessed_on or dt.date.min, pa[0].name))
    store = store.as_viewer(Viewer.operator(DEMO_WORKSPACE, EXAMPLES_ACTOR))
    loaded = {s.source: s.id for s in store.list_assessments(examples=True)}
    ids: dict[str, str] = {}
    for path, assessment in parsed:
        source = f"{EXAMPLE_SOURCE_PREFIX}{path.name}"
        aid = loaded.get(source)
        if aid is None:
            aid = loaded[source] = store.save_assessment(assessment, source=source, workspace=DEMO_WORKSPACE)
        ids[path.name] = aid
    return [ids[p.name] for p in paths]
