"""Shared fixtures: the test database (SQLite or PostgreSQL), the bundled frameworks and tiny fixture frameworks.

``TEST_DATABASE=postgresql`` runs every test that uses the test database on PostgreSQL (see
:mod:`tests.databases`); tests that use none, and browser tests of layout, ran on SQLite and are deselected;
tests marked ``sqlite_only`` are then skipped with their reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import SQLAlchemyError

from assessments.catalogue import Catalogue, bundled_frameworks, load_frameworks
from assessments.models import Framework
from tests.databases import POSTGRESQL, TestDatabases, backend, server_url, server_version

FIXTURES = Path(__file__).resolve().parent / "fixtures"
"""Tiny framework files (``tiny_*.yaml``) and other test inputs."""


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a PostgreSQL run that cannot reach its server before any test starts (never a silent SQLite run)."""
    try:
        chosen = backend()
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    if chosen == POSTGRESQL:
        try:
            server_version()
        except SQLAlchemyError as exc:
            where = server_url("postgres").render_as_string(hide_password=True)
            raise pytest.UsageError(
                f"TEST_DATABASE=postgresql but the server at {where} cannot be reached "
                f"({str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}); run the tests inside "
                "`pg_virtualenv -o fsync=off ...`, or set PGHOST, PGPORT, PGUSER and PGPASSWORD"
            ) from exc


def pytest_report_header(config: pytest.Config) -> str:
    if backend() == POSTGRESQL:
        where = server_url("postgres").render_as_string(hide_password=True)
        return f"test database: PostgreSQL {server_version()} ({where}; a fresh database per test)"
    return "test database: SQLite (a fresh file per test; TEST_DATABASE=postgresql for PostgreSQL)"


DATABASE_BROWSER_FILES = frozenset(
    {"test_cluster.py", "test_details.py", "test_journey.py", "test_signin.py", "test_two_tabs.py"}
)
"""Browser tests that save, reload and share data, so they run on PostgreSQL too. The other browser tests check
layout, accessibility and printing of pages that are the same whatever the database: they run once, on SQLite."""


def _needs_database(item: pytest.Item) -> bool:
    """Whether a test touches the test database: asks, directly or through another fixture, for ``databases``
    (or for ``pg_url``, the PostgreSQL-only tests)."""
    if not {"databases", "pg_url"} & set(getattr(item, "fixturenames", ())):
        return False
    if item.get_closest_marker("browser") is not None:
        return item.path.name in DATABASE_BROWSER_FILES
    return True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a PostgreSQL run, keep only the tests that use the database (the rest ran on SQLite and would give
    the same answer); skip tests marked ``sqlite_only``, giving the marker's reason."""
    if backend() == POSTGRESQL:
        kept = [item for item in items if _needs_database(item)]
        if len(kept) < len(items):
            config.hook.pytest_deselected(items=[item for item in items if item not in kept])
            items[:] = kept
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is None:
            continue
        reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
        if not reason:
            raise pytest.UsageError(f"{item.nodeid}: @pytest.mark.sqlite_only needs a reason")
        if backend() == POSTGRESQL:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(name="databases")
def _databases(tmp_path: Path) -> Iterator[TestDatabases]:
    """Makes fresh, empty databases for this test (``databases.new()``), dropped when it ends."""
    made = TestDatabases(tmp_path)
    try:
        yield made
    finally:
        made.drop_all()


@pytest.fixture(name="database_url")
def _database_url(databases: TestDatabases) -> str:
    """The URL of a fresh, empty database for this test: a SQLite file, or a new PostgreSQL database."""
    return databases.new()


@pytest.fixture(name="frameworks", scope="session")
def _frameworks() -> Catalogue:
    """The bundled frameworks (frameworks/*.yaml), in display order."""
    return bundled_frameworks()


@pytest.fixture(name="tiny_frameworks", scope="session")
def _tiny_frameworks() -> Catalogue:
    """The three tiny fixture frameworks: readiness, complexity and planning."""
    return load_frameworks(FIXTURES)


@pytest.fixture(name="readiness_fw", scope="session")
def _readiness_fw(tiny_frameworks: Catalogue) -> Framework:
    """A tiny SCIE-like readiness framework (two sections, 0-3 scale, priorities)."""
    return tiny_frameworks["tiny_readiness"]


@pytest.fixture(name="complexity_fw", scope="session")
def _complexity_fw(tiny_frameworks: Catalogue) -> Framework:
    """A tiny NASSS-like complexity framework (three domains, 1-3 scale)."""
    return tiny_frameworks["tiny_complexity"]


@pytest.fixture(name="planning_fw", scope="session")
def _planning_fw(tiny_frameworks: Catalogue) -> Framework:
    """A tiny SIPS-structure-like planning framework (text, date and check items)."""
    return tiny_frameworks["tiny_planning"]
