"""A database shared by three organisations, for the access tests.

* workspace **A** (Alpha Care): alice is innovator, dave is admin;
* workspace **B** (Bravo Homes): bob is innovator;
* workspace **C** (County Council): carol is commissioner.

Alice and Bob each have an assessment with answers; Bob shares his with C and makes a link.
Bob's data carries marker strings so a test can tell whether any of it reached someone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Answer, Innovation
from assessments.store import Role, Store, Viewer, Workspace
from tests.store.helpers import new_assessment

B_SECRET = "Bravo secret innovation"
B_NOTE = "bravo-private-note"

SYSTEM = Viewer(actor="command line (test)", system=True)


@dataclass
class Org:
    """The shared database and what each party made."""

    system: Store
    alice: Store
    bob: Store
    carol: Store
    dave: Store
    a: Workspace
    b: Workspace
    c: Workspace
    a_id: str
    b_id: str
    b_copy: str
    b_share: str
    b_link_token: str
    b_link_id: str

    def markers(self) -> list[str]:
        """Strings that only Bob's workspace's data contains."""
        return [B_SECRET, B_NOTE, self.b_id, "bob@bravo.example", self.b_link_id]


def build(url: str, frameworks: object) -> Org:
    """Create the three workspaces, their members and their assessments in the database at ``url``."""
    system = Store(url, frameworks=frameworks, viewer=SYSTEM)  # type: ignore[arg-type]
    a, b, c = (system.add_workspace(n) for n in ("Alpha Care", "Bravo Homes", "County Council"))
    system.add_member(a.id, "alice@alpha.example", Role.INNOVATOR)
    system.add_member(a.id, "dave@alpha.example", Role.ADMIN)
    system.add_member(b.id, "bob@bravo.example", Role.INNOVATOR)
    system.add_member(c.id, "carol@county.example", Role.COMMISSIONER)
    alice, bob, carol, dave = (
        system.as_viewer(Viewer.member(e))
        for e in ("alice@alpha.example", "bob@bravo.example", "carol@county.example", "dave@alpha.example")
    )
    a_id = new_assessment(alice, name="Alpha homeshare", org="Alpha Care")
    alice.save_answer(a_id, "alpha", "a1", Answer(value="recognised", note="alpha note"))
    b_id = bob.create_assessment(
        Innovation(name=B_SECRET, organisation="Bravo Homes"), alice.get_assessment(a_id).assessment
    )
    bob.save_answer(b_id, "alpha", "a1", Answer(value="addressed", note=B_NOTE))
    share = bob.share(b_id, c.id)
    assert share.copy_id
    token, link = bob.create_share_link(b_id, days=7)
    return Org(system, alice, bob, carol, dave, a, b, c, a_id, b_id, share.copy_id, share.id, token, link.id)
