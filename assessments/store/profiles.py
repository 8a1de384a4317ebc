"""Weight profiles: named sets of comparison weights (section key to weight), kept per workspace for its commissioners."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import insert, select, update

from assessments.errors import ErrorCode, InputError, problem
from assessments.store.access import Role
from assessments.store.engine import StoreBase
from assessments.store.rows import now
from assessments.store.schema import workspace_profiles
from assessments.validation import has_visible_text


class Profiles(StoreBase):
    """Saving and listing a workspace's weight profiles (commissioners of the workspace only)."""

    def save_weight_profile(self, name: str, weights: Mapping[str, float], *, workspace: str | None = None) -> None:
        """Create or replace a named set of comparison weights of a workspace.

        Args:
            name: The profile's name.
            weights: Section key to weight.
            workspace: Workspace id; may be left out when the viewer is a commissioner of one workspace only.

        Raises:
            InputError: STORAGE_005/006 if the viewer is not a commissioner there (or must choose); COMPARE_008
                if the name has no character that shows.
        """
        if not has_visible_text(name):  # the page checks the name's letters; the store, that it shows at all
            raise InputError([problem(ErrorCode.COMPARE_008, field="name")])
        at = now()
        data = {str(k): float(v) for k, v in weights.items()}
        with self._write() as conn:
            ws = self._home(conn, workspace, Role.COMMISSIONER)
            key = (workspace_profiles.c.workspace_id == ws) & (workspace_profiles.c.name == name)
            if conn.execute(select(workspace_profiles.c.name).where(key)).first():
                conn.execute(update(workspace_profiles).where(key).values(weights=data, updated_at=at))
            else:
                conn.execute(insert(workspace_profiles).values(workspace_id=ws, name=name, weights=data, updated_at=at))

    def weight_profiles(self, *, workspace: str | None = None) -> dict[str, dict[str, float]]:
        """Every saved weight profile of a workspace by name (sorted ignoring case); none if the viewer is no commissioner."""
        with self._read() as conn:
            try:
                ws = self._home(conn, workspace, Role.COMMISSIONER)
            except InputError:
                return {}
            rows = conn.execute(select(workspace_profiles).where(workspace_profiles.c.workspace_id == ws)).all()
        # Sorted here: SQL ORDER BY follows each database's collation (code points on SQLite).
        ordered = sorted(rows, key=lambda r: (r.name.lower(), r.name))
        return {r.name: {k: float(v) for k, v in (r.weights or {}).items()} for r in ordered}
