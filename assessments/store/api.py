"""The public ``Store``: one object composed of the capabilities (assessments, summaries, answers, imports, audit, profiles)."""

from __future__ import annotations

from assessments.store.answers import Answers
from assessments.store.audit import Audit
from assessments.store.imports import Imports
from assessments.store.portfolio import Portfolio
from assessments.store.profiles import Profiles
from assessments.store.sharing import Sharing
from assessments.store.summaries import Summaries
from assessments.store.workspaces import Workspaces


class Store(Sharing, Portfolio, Summaries, Answers, Imports, Audit, Profiles, Workspaces):
    """All reads and writes of saved assessments.

    Streamlit forgets everything on a browser refresh, so every answer is written
    here the moment it changes. Each capability lives in its own module and shares
    the engine and transactions of :class:`~assessments.store.engine.StoreBase`.

    A store acts for one viewer (:class:`~assessments.store.access.Viewer`): every
    method reads only what that viewer may read and changes only what it may change,
    and the audit trail names it. :meth:`as_viewer` gives the same database for
    another viewer.

    Args:
        url: SQLAlchemy database URL; defaults to :func:`~assessments.store.engine.default_url`.
        frameworks: Frameworks answers are validated against (required; pass the app's
            :class:`~assessments.catalogue.Catalogue`, e.g. ``bundled_frameworks()``).
        viewer: Who the store acts for; by default the one person of a single-user installation.

    Raises:
        InputError: STORAGE_002 if the database cannot be opened or created.
    """
