"""Weight profiles: named sets of comparison weights (section key to weight) kept for the comparison page."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import insert, select, update

from assessments.store.engine import StoreBase
from assessments.store.rows import now
from assessments.store.schema import weight_profiles_table


class Profiles(StoreBase):
    """Saving and listing weight profiles."""

    def save_weight_profile(self, name: str, weights: Mapping[str, float]) -> None:
        """Create or replace a named set of comparison weights."""
        at = now()
        data = {str(k): float(v) for k, v in weights.items()}
        with self._write() as conn:
            exists = conn.execute(
                select(weight_profiles_table.c.name).where(weight_profiles_table.c.name == name)
            ).first()
            if exists:
                conn.execute(
                    update(weight_profiles_table)
                    .where(weight_profiles_table.c.name == name)
                    .values(weights=data, updated_at=at)
                )
            else:
                conn.execute(insert(weight_profiles_table).values(name=name, weights=data, updated_at=at))

    def weight_profiles(self) -> dict[str, dict[str, float]]:
        """Every saved weight profile by name (sorted)."""
        with self._read() as conn:
            rows = conn.execute(select(weight_profiles_table).order_by(weight_profiles_table.c.name)).all()
        return {r.name: {k: float(v) for k, v in (r.weights or {}).items()} for r in rows}
