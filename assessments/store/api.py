"""The public ``Store``: one object composed of the capabilities (assessments, summaries, answers, audit, profiles)."""

from __future__ import annotations

from assessments.store.answers import Answers
from assessments.store.assessments import Assessments
from assessments.store.audit import Audit
from assessments.store.profiles import Profiles
from assessments.store.summaries import Summaries


class Store(Assessments, Summaries, Answers, Audit, Profiles):
    """All reads and writes of saved assessments.

    Streamlit forgets everything on a browser refresh, so every answer is written
    here the moment it changes. Each capability lives in its own module and shares
    the engine and transactions of :class:`~assessments.store.engine.StoreBase`.

    Args:
        url: SQLAlchemy database URL; defaults to :func:`~assessments.store.engine.default_url`.
        frameworks: Frameworks answers are validated against (required; pass the app's
            :class:`~assessments.catalogue.Catalogue`, e.g. ``bundled_frameworks()``).

    Raises:
        InputError: STORAGE_002 if the database cannot be opened or created.
    """
