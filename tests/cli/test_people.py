"""``python -m assessments workspace ...`` and ``member ...`` against a real, fresh database (SQLite or PostgreSQL).

In-process runs (``cli.main``) check the output and what the database holds; one
subprocess run proves the exit codes and that no traceback reaches the person.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assessments.catalogue import bundled_frameworks
from assessments.cli import main
from assessments.store import Role, Store, Viewer

ROOT = Path(__file__).resolve().parents[2]


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that should succeed and return what it printed."""
    capsys.readouterr()
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run a command that should exit 2 and return its one line on stderr."""
    capsys.readouterr()
    assert main(list(argv)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def _system(db: str) -> Store:
    return Store(db, frameworks=bundled_frameworks(), viewer=Viewer(actor="test", system=True))


def _workspace(db: str, capsys: pytest.CaptureFixture[str], name: str) -> str:
    """Create a workspace with the command and return its id (the second column of the output)."""
    words = _out(capsys, "workspace", "add", name, "--database", db).split()
    assert words[:2] == ["created", "workspace"]
    return words[2]


# ---------------------------------------------------------------------------
# workspace
# ---------------------------------------------------------------------------


def test_workspace_add_and_list__ok(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should print the new workspace's id and name, then list it with the local and demo ones."""
    out = _out(capsys, "workspace", "add", "  Northshire   Council ", "--database", db)
    assert out.startswith("created workspace  ")
    assert out.rstrip().endswith("  Northshire Council")
    wid = out.split()[2]
    store = _system(db)
    try:
        assert [(w.id, w.name, w.kind) for w in store.workspaces() if w.kind == "organisation"] == [
            (wid, "Northshire Council", "organisation")
        ]
    finally:
        store.close()

    lines = _out(capsys, "workspace", "list", "--database", db).splitlines()
    assert lines[0].split() == ["ID", "NAME", "KIND"]
    rows = [line.split("  ") for line in lines[1:]]
    assert [[c.strip() for c in row if c.strip()] for row in rows] == [
        ["demo", "Illustrative examples", "demo"],
        [wid, "Northshire Council", "organisation"],
        ["local", "This computer", "local"],
    ]


def test_workspace_duplicate_name__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse a name already taken (case aside) with exit 2 and say which name."""
    _workspace(db, capsys, "Acme Care")
    line = _fails(capsys, "workspace", "add", "ACME care", "--database", db)
    assert line == "A workspace called 'ACME care' exists already. [STORAGE_006]"
    assert _out(capsys, "workspace", "list", "--database", db).count("organisation") == 1


def test_workspace_empty_name__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse a blank name, saying how long a name may be."""
    assert "1 to 100 characters" in _fails(capsys, "workspace", "add", "   ", "--database", db)


# ---------------------------------------------------------------------------
# member
# ---------------------------------------------------------------------------


def test_member_add_list_remove__ok(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should add people by e-mail (case-insensitive), list them with who added them, and remove roles."""
    wid = _workspace(db, capsys, "Acme Care")
    ws = ["--workspace", "acme care", "--database", db]  # the name in any case
    out = _out(capsys, "member", "add", "Alice@Example.org", "--role", "admin", *ws)
    assert out == "added  alice@example.org  as admin  in workspace 'Acme Care'\n"
    _out(capsys, "member", "add", "alice@example.org", "--role", "innovator", "--workspace", wid, "--database", db)
    _out(capsys, "member", "add", "bob@example.org", "--role", "commissioner", *ws)
    again = _out(capsys, "member", "add", "bob@example.org", "--role", "commissioner", *ws)
    assert again.startswith("bob@example.org is already commissioner in workspace 'Acme Care' (added ")
    assert again.rstrip().endswith("nothing changed")

    lines = _out(capsys, "member", "list", *ws).splitlines()
    assert lines[0].split("  ")[0] == "EMAIL"
    assert [line.split()[:2] for line in lines] == [
        ["EMAIL", "ROLE"],
        ["alice@example.org", "innovator"],
        ["alice@example.org", "admin"],
        ["bob@example.org", "commissioner"],
    ]
    assert all(" UTC  command line (" in line for line in lines[1:])

    store = _system(db)
    try:
        assert {(m.email, m.role) for m in store.members(wid)} == {
            ("alice@example.org", Role.ADMIN),
            ("alice@example.org", Role.INNOVATOR),
            ("bob@example.org", Role.COMMISSIONER),
        }
        assert {e.field for e in store.workspace_audit(wid)} == {"workspace.created", "member.added"}
    finally:
        store.close()

    out = _out(capsys, "member", "remove", "bob@example.org", "--role", "admin", *ws)
    assert out == "bob@example.org did not hold the admin role in workspace 'Acme Care'; nothing removed\n"
    out = _out(capsys, "member", "remove", "ALICE@example.org", *ws)
    assert out == "removed 2 memberships of alice@example.org in workspace 'Acme Care'\n"
    out = _out(capsys, "member", "remove", "bob@example.org", "--role", "commissioner", *ws)
    assert out == "removed 1 membership of bob@example.org in workspace 'Acme Care'\n"
    out = _out(capsys, "member", "list", *ws)
    assert out.startswith("workspace 'Acme Care' has no members yet; add one with: python -m assessments member add")


def test_member_bad_email__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse something that is not an e-mail address, quoting it, and add nobody."""
    wid = _workspace(db, capsys, "Acme Care")
    line = _fails(capsys, "member", "add", "alice", "--role", "admin", "--workspace", "Acme Care", "--database", db)
    assert line == "'alice' is not an e-mail address. [STORAGE_006]"
    store = _system(db)
    try:
        assert store.members(wid) == []
    finally:
        store.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["member", "add", "a@example.org", "--role", "admin"],
        ["member", "list"],
        ["member", "remove", "a@example.org"],
        ["import", str(ROOT / "data" / "examples" / "shared_lives_short_breaks.json")],
        ["export", "some-id", "-o", "never-written.xlsx"],
    ],
    ids=["member-add", "member-list", "member-remove", "import", "export"],
)
def test_unknown_workspace_is_named__error(db: str, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Should exit 2 naming the workspace that does not exist and pointing at `workspace list`."""
    _workspace(db, capsys, "Acme Care")
    line = _fails(capsys, *argv, "--workspace", "Acme Cares", "--database", db)
    assert line.startswith("There is no workspace called 'Acme Cares'.")
    assert "python -m assessments workspace list" in line
    assert line.endswith("[STORAGE_004]")
    assert not Path("never-written.xlsx").exists()


def test_demo_workspace_takes_no_members__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse to add anyone to the illustrative examples' workspace (that would let them change examples)."""
    line = _fails(
        capsys, "member", "add", "a@example.org", "--role", "innovator", "--workspace", "demo", "--database", db
    )
    assert "illustrative examples" in line
    assert line.endswith("[STORAGE_006]")
    out = _out(capsys, "member", "list", "--workspace", "demo", "--database", db)
    assert (
        out == "workspace 'Illustrative examples' has no members: everyone signed in reads it, and nobody changes it\n"
    )


def test_bad_role_is_a_usage_error__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should name the roles there are when the role is not one of them (argparse's usage error, exit 2)."""
    _workspace(db, capsys, "Acme Care")
    with pytest.raises(SystemExit) as exc:
        main(["member", "add", "a@example.org", "--role", "owner", "--workspace", "Acme Care", "--database", db])
    assert exc.value.code == 2
    assert "invalid choice: 'owner' (choose from 'innovator', 'commissioner', 'admin')" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# as a separate process: the exit codes a script sees
# ---------------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_exit_codes_in_a_subprocess__ok(db: str) -> None:
    """Should exit 0 on success and 2 on a duplicate name or a bad address, one stderr line and no traceback."""
    ok = _run("workspace", "add", "Acme Care", "--database", db)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.startswith("created workspace  ")
    dup = _run("workspace", "add", "Acme Care", "--database", db)
    bad = _run("member", "add", "not-an-address", "--role", "admin", "--workspace", "Acme Care", "--database", db)
    for proc, code in ((dup, "STORAGE_006"), (bad, "STORAGE_006")):
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1
        assert proc.stderr.rstrip().endswith(f"[{code}]")
        assert "Traceback" not in proc.stderr
    listed = _run("member", "add", "a@example.org", "--role", "admin", "--workspace", "Acme Care", "--database", db)
    assert listed.returncode == 0
    assert "command line (" in _run("member", "list", "--workspace", "Acme Care", "--database", db).stdout
