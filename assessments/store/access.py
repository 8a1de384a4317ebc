"""Who is asking: the viewer a store is bound to, the roles it holds, and the rules of what it may read and change.

Every read and write of :class:`~assessments.store.Store` goes through these rules,
so a page cannot forget them. The rules, per workspace:

* an **innovator** reads and changes the workspace's own assessments (origin ``own``),
  creates new ones, shares them, archives and deletes them;
* a **commissioner** reads what was shared with the workspace or received by it
  (origin ``shared`` or ``received``), compares it, and never changes it;
* an **admin** manages the workspace's memberships and reads its audit history;
* anyone signed in reads the ``demo`` workspace of illustrative examples; nobody
  changes it except the examples loader.

An assessment the viewer may not read is reported exactly like one that does not
exist (STORAGE_001), so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

LOCAL_WORKSPACE = "local"
"""The workspace of a single-user installation (no sign-in)."""
DEMO_WORKSPACE = "demo"
"""The workspace of the illustrative examples: read by everyone, never mixed into real lists."""
LOCAL_ACTOR = "local user"
"""Who the audit trail names in single-user mode."""
SPECIAL_WORKSPACES = {LOCAL_WORKSPACE: "This computer", DEMO_WORKSPACE: "Illustrative examples"}
"""Ids and names of the workspaces every database has."""


class Role(StrEnum):
    """A person's role in one workspace."""

    INNOVATOR = "innovator"
    COMMISSIONER = "commissioner"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role as shown to people."""
        return self.value.capitalize()


class Origin(StrEnum):
    """Where an assessment in a workspace came from; decides who may read and change it."""

    OWN = "own"
    """Made (or imported) by the workspace's innovators; they may change it."""
    SHARED = "shared"
    """A frozen copy shared by another workspace; read-only."""
    RECEIVED = "received"
    """A workbook or file imported by a commissioner; read-only."""


@dataclass(frozen=True)
class Viewer:
    """The person (or process) a store acts for.

    Attributes:
        actor: Who the audit trail names for every change (an e-mail address, "local user"...).
        email: Matched against memberships (lower case); empty for a viewer with fixed grants only.
        grants: Fixed (workspace id, role) pairs that hold whatever the memberships say.
        system: Installation-level administration (the command line): may create workspaces
            and manage any workspace's memberships. Never set for a person signed in to the app.
    """

    actor: str
    email: str = ""
    grants: frozenset[tuple[str, Role]] = field(default_factory=frozenset)
    system: bool = False

    @classmethod
    def local(cls, actor: str = LOCAL_ACTOR) -> Viewer:
        """The one person of a single-user installation: every role in the ``local`` workspace."""
        return cls(actor=actor, grants=frozenset((LOCAL_WORKSPACE, r) for r in Role))

    @classmethod
    def member(cls, email: str) -> Viewer:
        """A signed-in person whose roles are their memberships (matched by e-mail, case-insensitive)."""
        address = email.strip().lower()
        return cls(actor=address, email=address)

    @classmethod
    def operator(cls, workspace_id: str, actor: str, *, system: bool = False) -> Viewer:
        """Whoever runs the command line for one workspace: every role in it."""
        return cls(actor=actor, grants=frozenset((workspace_id, r) for r in Role), system=system)

    @classmethod
    def anonymous(cls) -> Viewer:
        """Nobody signed in: sees nothing."""
        return cls(actor="anonymous")

    @property
    def signed_in(self) -> bool:
        """True for anyone but :meth:`anonymous` (the demo workspace is readable then)."""
        return bool(self.email or self.grants or self.system)


@dataclass(frozen=True)
class Roles:
    """The roles a viewer holds right now, by workspace id (fixed grants and memberships together)."""

    by_workspace: Mapping[str, frozenset[Role]]
    signed_in: bool

    @classmethod
    def of(cls, viewer: Viewer, memberships: Iterable[tuple[str, str]]) -> Roles:
        """Combine the viewer's fixed grants with membership rows (workspace id, role)."""
        out: dict[str, set[Role]] = {}
        for ws, role in [*viewer.grants, *memberships]:
            if role in Role._value2member_map_:
                out.setdefault(ws, set()).add(Role(role))
        return cls({ws: frozenset(r) for ws, r in out.items()}, viewer.signed_in)

    def workspaces(self, role: Role) -> list[str]:
        """Workspace ids where the viewer holds ``role`` (sorted)."""
        return sorted(ws for ws, roles in self.by_workspace.items() if role in roles)

    def has(self, workspace_id: str, role: Role) -> bool:
        """True if the viewer holds ``role`` in the workspace."""
        return role in self.by_workspace.get(workspace_id, frozenset())

    def can_read(self, workspace_id: str, origin: str) -> bool:
        """The read rule for one assessment (see the module docstring)."""
        if workspace_id == DEMO_WORKSPACE and self.signed_in:
            return True
        needed = Role.INNOVATOR if origin == Origin.OWN else Role.COMMISSIONER
        return self.has(workspace_id, needed)

    def can_edit(self, workspace_id: str, origin: str) -> bool:
        """The change rule for one assessment: innovators of its workspace, on its own assessments only."""
        return origin == Origin.OWN and self.has(workspace_id, Role.INNOVATOR)

    def readable_places(self) -> tuple[list[str], list[str]]:
        """(workspaces whose own assessments are readable, workspaces whose shared/received ones are)."""
        own = self.workspaces(Role.INNOVATOR)
        if self.signed_in:
            own = sorted({*own, DEMO_WORKSPACE})
        return own, self.workspaces(Role.COMMISSIONER)


def read_only_reason(workspace_id: str, origin: str) -> str:
    """Why an assessment the viewer may read cannot be changed by it, in words (one sentence, no full stop)."""
    if workspace_id == DEMO_WORKSPACE:
        return "it is one of the illustrative examples, which anyone can read and nobody can change; start your own assessment to try the questionnaire"
    if origin == Origin.SHARED:
        return (
            "it is a frozen copy shared with your workspace; only the innovators who shared it can change the original"
        )
    if origin == Origin.RECEIVED:
        return "it was received by your workspace as a file; import a corrected file to replace it"
    return "your role in its workspace does not include changing assessments; ask the workspace's admin"
