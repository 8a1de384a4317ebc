"""AppTest tests for the panel pack button on the Compare page."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from assessments.store import Store
from tests.ui.conftest import open_page, page_text
from tests.ui.test_compare_page import PAGE, order_scie, save_pair
from ui.compare_pack import PACK_DOWNLOAD


def pack_button(at: AppTest) -> Any:
    """The panel pack's download button (exactly one)."""
    found = [b for b in at.get("download_button") if b.proto.id.endswith(PACK_DOWNLOAD)]
    assert len(found) == 1
    return found[0]


def test_offers_panel_pack_made_on_click__ok(app_store: Store) -> None:
    """Should offer the panel pack next to the workbook, made only when pressed (nothing built at page load)."""
    save_pair(app_store)
    at = open_page(PAGE)
    assert not at.exception
    button = pack_button(at)
    proto = button.proto
    assert proto.label == "Download panel pack (PDF)"
    assert not proto.disabled
    assert proto.deferred_file_id and not proto.url  # a callable, run on the click
    assert "The panel pack is an A4 PDF for a panel" in page_text(at)
    assert "and your ordering" not in page_text(at)


def test_panel_pack_carries_the_ordering__ok(app_store: Store) -> None:
    """Should say the pack includes the ordering once one is chosen on the page."""
    save_pair(app_store)
    at = open_page(PAGE)
    order_scie(at)
    pack_button(at)
    assert "the tiers and your ordering" in page_text(at)
