"""A database that fails under a running ``serve.py``: people see the catalogue's message, never an exception.

The server starts on a working SQLite file; then a table the pages read is renamed underneath it,
so every read fails as a lost database would. A page is then opened over Streamlit's own
websocket protocol (:mod:`bench._streamlit_ws`, as a browser would) and must show STORAGE_002 in
an error box, with no exception element and no SQL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.store import Store
from bench._fixtures import create_assessment, largest_screen
from bench._streamlit_ws import connect
from tests.server.helpers import serve


@pytest.mark.parametrize("page", ["", "questionnaire"])
def test_page_after_database_failure_shows_catalogue_message__error(tmp_path: Path, page: str) -> None:
    """Should show STORAGE_002 in an error box (no exception, no SQL) when the database fails under a page."""
    db = tmp_path / "failing.db"
    store = Store(f"sqlite:///{db}", frameworks=bundled_frameworks())
    aid = create_assessment(store)
    store.close()
    with serve(tmp_path, f"sqlite:///{db}") as url:
        con = sqlite3.connect(db)
        con.execute("ALTER TABLE answers RENAME TO answers_gone")
        con.execute("ALTER TABLE innovations RENAME TO innovations_gone")
        con.commit()
        con.close()
        port = int(url.rsplit(":", 1)[1])
        session = connect(port, prompt_ack=True, query_string=f"a={aid}&s={largest_screen().step}", page_name=page)
        try:
            result = session.rerun([])
        finally:
            session.close()
    assert result.exceptions == []
    # The message in words first; its code in the small print under it, for support.
    assert any(":small[For support: STORAGE_002]" in text for text in result.errors), result.errors
    for text in result.errors:
        assert "SELECT" not in text and "[SQL" not in text
