"""Tests for assessments.store.profiles: named comparison weights."""

from __future__ import annotations

from assessments.store import Store


def test_weight_profiles__ok(store: Store) -> None:
    """Should save, replace and list named weight profiles, sorted by name."""
    store.save_weight_profile("Equal", {"alpha.one": 1, "alpha.two": 1})
    store.save_weight_profile("Equal", {"alpha.one": 2.5})
    store.save_weight_profile("Another", {"beta.plan": 0})
    assert store.weight_profiles() == {"Another": {"beta.plan": 0.0}, "Equal": {"alpha.one": 2.5}}
    assert list(store.weight_profiles()) == ["Another", "Equal"]


def test_weight_profiles_sorted_ignoring_case__ok(store: Store) -> None:
    """Should list profiles alphabetically ignoring case, whatever order the database sorts text in
    (SQLite by code point: 'Zeta' before 'alpha'; PostgreSQL by the database's collation)."""
    for name in ("Zeta", "alpha", "Beta", "beta 2", "_first"):
        store.save_weight_profile(name, {"alpha.one": 1})
    assert list(store.weight_profiles()) == ["_first", "alpha", "Beta", "beta 2", "Zeta"]
