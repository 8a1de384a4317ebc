"""Tests for ``python -m assessments template | export | import`` against a real, fresh database (SQLite or PostgreSQL).

Without ``--workspace`` the commands act on the single-user ``local`` workspace (the
store's default viewer here); with it, as that workspace's operator.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessments.catalogue import bundled_frameworks
from assessments.cli import main
from assessments.jsonfile import read_assessment_file
from assessments.models import Answer, Assessment, Framework, Innovation
from assessments.store import DEMO_WORKSPACE, Store, Viewer
from assessments.xlsx.layout import COL_ANSWER, sheet_names
from assessments.xlsx.read import read_workbook
from assessments.xlsx.write import build_workbook, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = sorted((ROOT / "data" / "examples").glob("*.json"))[0]


@pytest.fixture(name="example")
def _example(frameworks: dict[str, Framework]) -> Assessment:
    return read_assessment_file(EXAMPLE, frameworks)


def _count(db: str) -> int:
    store = Store(db, frameworks=bundled_frameworks())
    try:
        return len(store.list_assessments())
    finally:
        store.close()


def test_template__ok(tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]) -> None:
    """Should write the blank template with every framework sheet and no answers."""
    out = tmp_path / "template.xlsx"
    assert main(["template", "-o", str(out)]) == 0
    wb = load_workbook(out)
    assert set(sheet_names(frameworks).values()) <= set(wb.sheetnames)
    assert "template.xlsx" in capsys.readouterr().out


def test_export_then_import_updates__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should export a saved assessment and, re-imported after an edit, update that same assessment."""
    store = Store(db, frameworks=bundled_frameworks())
    aid = store.save_assessment(example)
    store.close()
    out = tmp_path / "export.xlsx"
    assert main(["export", aid, "-o", str(out), "--database", db]) == 0
    exported = read_workbook(out.read_bytes(), frameworks, file=out.name)
    assert exported.id == aid
    assert exported.answers == example.answers

    wb = load_workbook(out)
    fw = frameworks["scie"]
    first = next(iter(fw.items))
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Don't know")
    wb.save(out)
    capsys.readouterr()
    assert main(["import", str(out), "--database", db]) == 0
    assert f"updated  {aid}  {out}" in capsys.readouterr().out
    store = Store(db, frameworks=bundled_frameworks())
    assert store.get_assessment(aid).answer("scie", first).value == "dont_know"  # type: ignore[union-attr]
    assert len(store.list_assessments()) == 1
    store.close()


def test_import_each_file_all_or_nothing__error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should import the good file, save nothing from the bad one, print one line per problem and exit 2."""
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook_bytes(frameworks, example))
    wb = build_workbook(frameworks, example)
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Nope")
    wb[sheet_names(frameworks)["nasss"]].cell(row=2, column=COL_ANSWER, value="Nah")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    code = main(["import", str(bad), str(good), "--database", db])
    captured = capsys.readouterr()
    assert code == 2
    assert "created" in captured.out
    assert "good.xlsx" in captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("bad.xlsx, sheet '") and "[WORKBOOK_008]" in line for line in lines)
    assert "Traceback" not in captured.err
    assert _count(db) == 1


def test_failed_update_changes_nothing__error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should leave the saved assessment untouched when its edited workbook has a problem."""
    store = Store(db, frameworks=bundled_frameworks())
    aid = store.save_assessment(example)
    before = store.get_assessment(aid)
    store.close()
    wb = build_workbook(frameworks, before)
    ws = wb[sheet_names(frameworks)["scie"]]
    ws.cell(row=2, column=COL_ANSWER, value="Don't know")  # a valid change...
    ws.cell(row=3, column=COL_ANSWER, value="Maybe")  # ...and an invalid one
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    assert main(["import", str(path), "--database", db]) == 2
    store = Store(db, frameworks=bundled_frameworks())
    assert store.get_assessment(aid) == before
    store.close()


def test_dry_run_saves_nothing__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should list the changes a new import would make without saving it."""
    path = tmp_path / "new.xlsx"
    path.write_bytes(workbook_bytes(frameworks, example))
    assert main(["import", str(path), "--dry-run", "--database", db]) == 0
    out = capsys.readouterr().out
    assert "would create a new assessment" in out
    assert "Innovation: Innovation name [name]" in out
    assert _count(db) == 0


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["export", "no-such-id", "-o", "{tmp}/x.xlsx"], "STORAGE_001"),
        (["import", "{tmp}/missing.xlsx"], "ASSESSMENT_015"),
        (["import", "{bad}"], "WORKBOOK_002"),
    ],
)
def test_bad_input_exit_2__error(
    args: list[str], code: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should exit 2 with a located one-line message and no traceback."""
    bad = ROOT / "tests" / "bad_files" / "WORKBOOK_002_password_protected.xlsx"
    argv = [a.format(tmp=tmp_path, bad=bad) for a in args] + ["--database", db]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"[{code}]" in err
    assert "Traceback" not in err


def test_score_accepts_workbook__ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should score an exported .xlsx with the score command, as it scores the JSON file."""
    path = tmp_path / "scored.xlsx"
    path.write_bytes(workbook_bytes(frameworks, example))
    assert main(["score", str(path), "--json"]) == 0
    from_xlsx = capsys.readouterr().out
    assert main(["score", str(EXAMPLE), "--json"]) == 0
    assert capsys.readouterr().out == from_xlsx


# ---------------------------------------------------------------------------
# workspaces: --workspace NAME, JSON files, created / updated ids
# ---------------------------------------------------------------------------


def _workspaces(db: str, *names: str) -> list[str]:
    """Create organisation workspaces (as the command line may) and return their ids."""
    store = Store(db, frameworks=bundled_frameworks(), viewer=Viewer(actor="test", system=True))
    try:
        return [store.add_workspace(name).id for name in names]
    finally:
        store.close()


def _operator(db: str, workspace_id: str) -> Store:
    return Store(db, frameworks=bundled_frameworks(), viewer=Viewer.operator(workspace_id, "test"))


def _imported(out: str) -> list[tuple[str, str, str]]:
    """(action, id, file) of each ``created``/``updated`` line the import printed."""
    rows = [line.split("  ") for line in out.splitlines() if line.startswith(("created  ", "updated  "))]
    return [(r[0], r[1], r[2]) for r in rows]


def test_import_json_and_xlsx_into_workspace__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should import a .json file and an .xlsx workbook, printing 'created', the new id, the file and the name."""
    (acme,) = _workspaces(db, "Acme Care")
    other = read_assessment_file(ROOT / "data" / "examples" / "shared_lives_short_breaks.json", frameworks)
    xlsx = tmp_path / "shared lives.xlsx"
    xlsx.write_bytes(workbook_bytes(frameworks, other))
    assert main(["import", str(EXAMPLE), str(xlsx), "--workspace", "Acme Care", "--database", db]) == 0
    out = capsys.readouterr().out
    rows = _imported(out)
    assert [(action, file) for action, _, file in rows] == [("created", str(EXAMPLE)), ("created", str(xlsx))]
    assert f"({other.innovation.name}; " in out.splitlines()[1]
    store = _operator(db, acme)
    try:
        saved = {aid: store.get_assessment(aid) for _, aid, _ in rows}
        assert {s.id for s in store.list_assessments()} == set(saved)
        assert [a.innovation.name for a in saved.values()] == [
            read_assessment_file(EXAMPLE, frameworks).innovation.name,
            other.innovation.name,
        ]
        assert list(saved.values())[1].answers == other.answers
    finally:
        store.close()
    assert _count(db) == 0  # nothing went to the local workspace


def test_reimport_export_into_same_workspace_updates__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], frameworks: dict[str, Framework]
) -> None:
    """Should export from a workspace and, re-imported there after an edit, update that assessment ('updated')."""
    (acme,) = _workspaces(db, "Acme Care")
    ws = ["--workspace", acme, "--database", db]  # the id works as well as the name
    assert main(["import", str(EXAMPLE), *ws]) == 0
    ((_, aid, _),) = _imported(capsys.readouterr().out)
    path = tmp_path / "export.xlsx"
    assert main(["export", aid, "-o", str(path), *ws]) == 0
    assert capsys.readouterr().out == f"wrote assessment {aid} to {path}\n"
    wb = load_workbook(path)
    wb[sheet_names(frameworks)["scie"]].cell(row=2, column=COL_ANSWER, value="Don't know")
    wb.save(path)
    assert main(["import", str(path), *ws]) == 0
    out = capsys.readouterr().out
    assert _imported(out) == [("updated", aid, str(path))]
    assert "note:" not in out
    store = _operator(db, acme)
    try:
        assert [s.id for s in store.list_assessments()] == [aid]
        first = next(iter(frameworks["scie"].items))
        assert store.get_assessment(aid).answer("scie", first).value == "dont_know"  # type: ignore[union-attr]
    finally:
        store.close()


def test_import_other_workspaces_export_creates_new__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should save workspace A's export, edited, as a new assessment of B with a note, leaving A's as it was."""
    acme, north = _workspaces(db, "Acme Care", "Northshire Council")
    store = _operator(db, acme)
    try:
        aid = store.save_assessment(example, workspace=acme)
        before = store.get_assessment(aid)
    finally:
        store.close()
    path = tmp_path / "from-acme.xlsx"
    assert main(["export", aid, "-o", str(path), "--workspace", "Acme Care", "--database", db]) == 0
    first = next(iter(frameworks["scie"].items))
    renamed = before.model_copy(
        update={
            "innovation": Innovation(name="Renamed in Northshire"),
            "answers": {**before.answers, "scie": {**before.answers["scie"], first: Answer(value="dont_know")}},
        }
    )
    path.write_bytes(workbook_bytes(frameworks, renamed))
    capsys.readouterr()

    assert main(["import", str(path), "--workspace", "Northshire Council", "--database", db]) == 0
    out = capsys.readouterr().out
    ((action, new_id, _),) = _imported(out)
    assert (action, new_id != aid) == ("created", True)
    assert "  note: The file was exported from an assessment you cannot change here" in out
    assert f"  For support: exported from assessment {aid}" in out

    store = _operator(db, acme)
    try:
        after = store.get_assessment(aid)
        assert after.innovation.name == before.innovation.name == example.innovation.name
        assert after.answers == before.answers
        assert [s.id for s in store.list_assessments()] == [aid]
    finally:
        store.close()
    store = _operator(db, north)
    try:
        copy = store.get_assessment(new_id)
        assert copy.innovation.name == "Renamed in Northshire"
        assert copy.answer("scie", first) == Answer(value="dont_know")
    finally:
        store.close()


@pytest.mark.parametrize("workspace", ["Northshire Council", None], ids=["other-workspace", "local"])
def test_export_from_another_workspace__error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], example: Assessment, workspace: str | None
) -> None:
    """Should refuse to export an assessment the workspace may not read, as if it did not exist (STORAGE_001)."""
    acme, _ = _workspaces(db, "Acme Care", "Northshire Council")
    store = _operator(db, acme)
    try:
        aid = store.save_assessment(example, workspace=acme)
    finally:
        store.close()
    path = tmp_path / "leak.xlsx"
    argv = ["export", aid, "-o", str(path), "--database", db]
    assert main(argv + (["--workspace", workspace] if workspace else [])) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"Assessment '{aid}' is not saved here, or it is not yours to see. Check the id (in the app, the 'a=' part "
        "of the link) or pick the assessment from the list on the home page. [STORAGE_001]"
    ]
    assert not path.exists()


def test_import_into_demo_workspace__error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Should refuse to import into the illustrative examples' workspace, saving nothing."""
    assert main(["import", str(EXAMPLE), "--workspace", DEMO_WORKSPACE, "--database", db]) == 2
    err = capsys.readouterr().err
    assert "holds only the bundled illustrative examples" in err
    assert err.rstrip().endswith("[STORAGE_006]")
    store = _operator(db, DEMO_WORKSPACE)
    try:
        assert store.list_assessments() == []
    finally:
        store.close()


def test_import_in_a_subprocess_tries_every_file__error(
    db: str, tmp_path: Path, example: Assessment, frameworks: dict[str, Framework]
) -> None:
    """Should import the good files, report the bad one on stderr and exit 2, without a traceback."""
    _workspaces(db, "Acme Care")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "scaling-readiness-assessment", "answers": {"nope": {}}}', encoding="utf-8")
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook_bytes(frameworks, example))
    files = [str(good), str(bad), str(EXAMPLE)]
    proc = subprocess.run(
        [sys.executable, "-m", "assessments", "import", *files, "--workspace", "Acme Care", "--database", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert [(a, f) for a, _, f in _imported(proc.stdout)] == [("created", str(good)), ("created", str(EXAMPLE))]
    assert f"failed   {bad}  (" in proc.stdout
    assert proc.stderr.startswith("bad.json")
    assert "Traceback" not in proc.stderr
    assert _count(db) == 0  # the local workspace got nothing


def test_import_and_score_old_version_name_answers_to_check__ok(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should import and score a format-1 file (SCIE 2020-r1) with its external 0s named for checking:
    a 'check:' line (VERSION_002) on import, the EARLIER_VERSION flag when scored."""
    _workspaces(db, "Acme Care")
    old = tmp_path / "old.json"
    old.write_text(
        '{"format": "scaling-readiness-assessment", "version": 1, "innovation": {"name": "Old"},'
        ' "answers": {"scie": {"scale_funding": {"value": "not_considered"}}}}',
        encoding="utf-8",
    )
    assert main(["import", str(old), "--workspace", "Acme Care", "--database", db]) == 0
    [check] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  check: ")]
    assert "version 2020-r1" in check and "Funding for scale" in check and check.endswith("[VERSION_002]")
    assert main(["score", str(old)]) == 0
    out = capsys.readouterr().out
    assert "EARLIER_VERSION" in out and "Funding for scale" in out


def test_import_goes_on_after_an_unforeseen_reader_failure__error(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    example: Assessment,
    frameworks: dict[str, Framework],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should report a file the reader fails on unexpectedly with a catalogue code, no traceback, and import the next."""
    import assessments.cli.workbook as cli_workbook

    real = cli_workbook.read_import_file

    def flaky(path: Path, fws: dict[str, Framework]) -> Assessment:
        if path.name == "odd.xlsx":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, fws)

    monkeypatch.setattr(cli_workbook, "read_import_file", flaky)
    odd, good = tmp_path / "odd.xlsx", tmp_path / "good.xlsx"
    odd.write_bytes(workbook_bytes(frameworks, example))
    good.write_bytes(workbook_bytes(frameworks, example))
    code = main(["import", str(odd), str(good), "--database", db])
    captured = capsys.readouterr()
    assert code == 2
    assert "failed   " in captured.out and "created" in captured.out
    assert captured.err.strip().startswith("odd.xlsx") and "[WORKBOOK_003]" in captured.err
    assert "Traceback" not in captured.err
    assert _count(db) == 1
