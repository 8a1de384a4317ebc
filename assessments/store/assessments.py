"""Assessments and innovations: create one, start a follow-up, read one back whole, change its details."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, insert, select, update

from assessments.models import Answer, Assessment, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store.access import Role
from assessments.store.engine import StoreBase
from assessments.store.rows import (
    answer_json,
    assessment_row,
    check_name,
    earlier_versions,
    framework_versions,
    insert_assessment,
    insert_innovation,
    now,
    row_answer,
    row_meta,
    unknown_assessment,
)
from assessments.store.schema import LOCK_ASSESSMENT, answers_table, assessments_table, audit_table, innovations
from assessments.store.versions import (
    DETAIL_FIELDS,
    DetailsConflict,
    FieldConflict,
    SavedDetails,
    conflict_problem,
    detail_values,
    innovation_assessments,
    last_changes,
    merge,
)


def _latest_of(conn: Connection, innovation_id: str) -> Any:
    return conn.execute(
        select(assessments_table)
        .where(assessments_table.c.innovation_id == innovation_id)
        .order_by(
            assessments_table.c.assessed_on.desc(),
            assessments_table.c.created_at.desc(),
        )
        .limit(1)
    ).first()


class Assessments(StoreBase):
    """Whole assessments: their innovation, their details and (read back) their answers."""

    def create_assessment(self, innovation: Innovation, meta: AssessmentMeta, *, workspace: str | None = None) -> str:
        """Create a new innovation and its first assessment in a workspace where the viewer is an innovator.

        Args:
            innovation: Name (required), organisation, description.
            meta: Date (today if None), stage, assessor role, assessor, label.
            workspace: Workspace id; may be left out when the viewer innovates in one workspace only.

        Returns:
            The new assessment's id.

        Raises:
            InputError: ASSESSMENT_008 if the innovation has no name; STORAGE_005/006 if the
                viewer is not an innovator there (or must choose a workspace).
        """
        check_name(innovation)
        at = now()
        with self._write() as conn:
            ws = self._home(conn, workspace, Role.INNOVATOR)
            iid = insert_innovation(conn, innovation, at, workspace_id=ws)
            aid = insert_assessment(conn, iid, meta, at, frameworks=self.frameworks, actor=self.actor)
            self._store_results(conn, aid)
            return aid

    def start_follow_up(self, assessment_id: str, meta: AssessmentMeta | None = None) -> str:
        """Start a new dated assessment of the same innovation, pre-filled from its latest one.

        Answers, notes and evidence are copied from the innovation's LATEST
        assessment (which may not be ``assessment_id`` itself); each copied answer
        gets an audit row saying where it came from.

        Args:
            assessment_id: Any assessment of the innovation.
            meta: Details of the follow-up; by default today's date, the latest
                assessment's stage, role and assessor, and the label "Follow-up".

        Returns:
            The new assessment's id.

        Raises:
            InputError: STORAGE_001 if the assessment is unknown, STORAGE_003 if the viewer may not change it.
        """
        at = now()
        actor = self.actor
        with self._write() as conn:
            self._place(conn, assessment_id, edit=True)
            base = assessment_row(conn, assessment_id)
            latest = _latest_of(conn, base.innovation_id)
            if meta is None:
                meta = AssessmentMeta(
                    assessed_on=dt.date.today(),
                    stage=Stage(latest.stage) if latest.stage else None,
                    assessor_role=AssessorRole(latest.assessor_role) if latest.assessor_role else None,
                    assessor=latest.assessor,
                    label="Follow-up",
                )
            # Copied answers keep the framework versions they were given under (never reinterpreted).
            earlier = earlier_versions(self.frameworks, latest.framework_versions)
            aid = insert_assessment(
                conn, base.innovation_id, meta, at, frameworks=self.frameworks, actor=actor, versions=earlier
            )
            reason = f"copied from {latest.id}"
            rows = conn.execute(select(answers_table).where(answers_table.c.assessment_id == latest.id)).all()
            for row in rows:
                conn.execute(
                    insert(answers_table).values(
                        assessment_id=aid,
                        framework_id=row.framework_id,
                        item_id=row.item_id,
                        value=row.value,
                        note=row.note,
                        evidence=list(row.evidence or []),
                        updated_by=actor,
                        updated_at=at,
                    )
                )
                conn.execute(
                    insert(audit_table).values(
                        assessment_id=aid,
                        framework_id=row.framework_id,
                        item_id=row.item_id,
                        field="answer",
                        old=None,
                        new=answer_json(row_answer(row)),
                        actor=actor,
                        reason=reason,
                        at=at,
                    )
                )
            self._store_results(conn, aid)
            return aid

    def get_assessment(self, assessment_id: str, *, with_answers: bool = True) -> Assessment:
        """The full assessment with every saved answer (or, with ``with_answers=False``, none).

        Raises:
            InputError: STORAGE_001 if no assessment has this id (or the viewer may not read it).
        """
        with self._read() as conn:
            self._place(conn, assessment_id)
            row = conn.execute(
                select(
                    assessments_table,
                    innovations.c.name.label("inn_name"),
                    innovations.c.organisation.label("inn_organisation"),
                    innovations.c.description.label("inn_description"),
                )
                .join(innovations, innovations.c.id == assessments_table.c.innovation_id)
                .where(assessments_table.c.id == assessment_id)
            ).first()
            if row is None:
                raise unknown_assessment(assessment_id)
            answer_rows = (
                conn.execute(
                    select(answers_table)
                    .where(answers_table.c.assessment_id == assessment_id)
                    .order_by(answers_table.c.framework_id, answers_table.c.item_id)
                ).all()
                if with_answers
                else []
            )
        answers: dict[str, dict[str, Answer]] = {}
        for a in answer_rows:
            answers.setdefault(a.framework_id, {})[a.item_id] = row_answer(a)
        # Keep framework and item order as in the frameworks, unknown ones last.
        ordered: dict[str, dict[str, Answer]] = {}
        for fid in [*self.frameworks, *sorted(set(answers) - set(self.frameworks))]:
            if fid not in answers:
                continue
            items = answers[fid]
            fw = self.frameworks.get(fid)
            order = list(fw.items) if fw else []
            ordered[fid] = {
                iid: items[iid]
                for iid in sorted(items, key=lambda i: (order.index(i) if i in order else len(order), i))
            }
        return Assessment(
            id=row.id,
            innovation=Innovation(
                name=row.inn_name, organisation=row.inn_organisation, description=row.inn_description
            ),
            assessment=row_meta(row),
            answers=ordered,
            framework_versions=earlier_versions(self.frameworks, row.framework_versions),
        )

    def confirm_framework_version(self, assessment_id: str, framework_id: str) -> None:
        """Record that the answers to one framework were checked against its current version.

        Answers given under an earlier version whose meaning changed are named until then
        (``assessments.upgrades``); this is the person saying they checked them. One audit row
        (``framework_version``, old version -> current). Nothing happens when already current.

        Raises:
            InputError: STORAGE_001 (unknown id), STORAGE_003 (read-only).
        """
        current = self.frameworks[framework_id].version
        at = now()
        with self._write() as conn:
            self._place(conn, assessment_id, edit=True)
            row = assessment_row(conn, assessment_id)
            stored = dict(row.framework_versions or {})
            old = stored.get(framework_id)
            if old == current:
                return
            versions = framework_versions(self.frameworks, earlier_versions(self.frameworks, stored))
            versions[framework_id] = current
            conn.execute(
                update(assessments_table)
                .where(assessments_table.c.id == assessment_id)
                .values(updated_at=at, framework_versions=versions)
            )
            conn.execute(
                insert(audit_table).values(
                    assessment_id=assessment_id,
                    framework_id=framework_id,
                    field="framework_version",
                    old=old,
                    new=current,
                    actor=self.actor,
                    reason="answers checked against the current version",
                    at=at,
                )
            )
            self._store_results(conn, assessment_id)

    def saved_details(self, assessment_id: str) -> SavedDetails:
        """The innovation's and the assessment's details as stored, with their versions.

        Raises:
            InputError: STORAGE_001 if no assessment has this id (or the viewer may not read it).
        """
        with self._read() as conn:
            self._place(conn, assessment_id)
            row = assessment_row(conn, assessment_id)
            inn = conn.execute(select(innovations).where(innovations.c.id == row.innovation_id)).one()
        return _saved_details(inn, row)

    def update_details(
        self,
        assessment_id: str,
        innovation: Innovation,
        meta: AssessmentMeta,
        *,
        based_on: tuple[Innovation, AssessmentMeta] | None = None,
    ) -> None:
        """Change the innovation's and the assessment's details; one audit row per changed field.

        The innovation details are shared by all assessments of that innovation. With
        ``based_on`` (the details as the person saw them) only the fields they changed are
        written, and a field someone else changed meanwhile to something else is a conflict:
        then nothing is written (:mod:`assessments.store.versions`). Each write adds one to the
        version of the innovation or assessment it changes.

        Raises:
            DetailsConflict: STORAGE_009 with both values of every conflicting field.
            InputError: STORAGE_001 (unknown id), STORAGE_003 (read-only) or ASSESSMENT_008 (empty name).
        """
        check_name(innovation)
        at = now()
        new = detail_values(innovation, meta)
        actor = self.actor
        with self._write() as conn:
            self._place(conn, assessment_id, edit=True)
            if conn.dialect.name != "sqlite":
                conn.execute(LOCK_ASSESSMENT, {"k_assessment": assessment_id})
            row = assessment_row(conn, assessment_id)
            inn = conn.execute(select(innovations).where(innovations.c.id == row.innovation_id)).one()
            stored = {f"innovation.{k}": getattr(inn, k) for k in ("name", "organisation", "description")} | {
                f"assessment.{k}": getattr(row, k)
                for k in ("label", "assessed_on", "stage", "assessor_role", "assessor")
            }
            if based_on is None:
                changed = [k for k in DETAIL_FIELDS if new[k] != stored[k]]
            else:
                based = detail_values(*based_on)
                writes, conflicts = merge(*([d[k] for k in DETAIL_FIELDS] for d in (new, based, stored)))
                if conflicts:
                    names = [DETAIL_FIELDS[i] for i in conflicts]
                    raise _details_conflict(conn, assessment_id, inn, row, names, (innovation, meta), based_on)
                changed = [DETAIL_FIELDS[i] for i in writes]
            if not changed:
                return
            inn_changes = {k.removeprefix("innovation."): new[k] for k in changed if k.startswith("innovation.")}
            meta_changes = {k.removeprefix("assessment."): new[k] for k in changed if k.startswith("assessment.")}
            if inn_changes:
                conn.execute(
                    update(innovations)
                    .where(innovations.c.id == inn.id)
                    .values(updated_at=at, version=innovations.c.version + 1, **inn_changes)
                )
            bump = {"version": assessments_table.c.version + 1} if meta_changes else {}
            conn.execute(
                update(assessments_table)
                .where(assessments_table.c.id == assessment_id)
                .values(updated_at=at, **bump, **meta_changes)
            )
            conn.execute(
                insert(audit_table),
                [
                    {
                        "assessment_id": assessment_id,
                        "actor": actor,
                        "reason": "",
                        "at": at,
                        "field": k,
                        "old": _jsonable(stored[k]),
                        "new": _jsonable(new[k]),
                    }
                    for k in changed
                ],
            )
            # The results depend on the answers only today; written anyway, so that a result that
            # comes to depend on the details (the stage, say) can never be left stale by this path.
            self._store_results(conn, assessment_id)


def _jsonable(value: Any) -> Any:
    """A detail's value as the audit trail keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _saved_details(inn: Any, row: Any) -> SavedDetails:
    return SavedDetails(
        innovation=Innovation(name=inn.name, organisation=inn.organisation, description=inn.description),
        meta=row_meta(row),
        version=row.version,
        innovation_version=inn.version,
    )


def _details_conflict(
    conn: Connection,
    assessment_id: str,
    inn: Any,
    row: Any,
    names: list[str],
    yours: tuple[Innovation, AssessmentMeta],
    based_on: tuple[Innovation, AssessmentMeta],
) -> DetailsConflict:
    """The conflict of a details save: both values of every conflicting field, and who changed each when."""
    saved = _saved_details(inn, row)
    theirs, mine, based = (detail_values(*d) for d in ((saved.innovation, saved.meta), yours, based_on))
    inn_fields = [n for n in names if n.startswith("innovation.")]
    who = last_changes(conn, [assessment_id], [n for n in names if n not in inn_fields])
    if inn_fields:
        who |= last_changes(conn, innovation_assessments(conn, inn.id), inn_fields)
    fields = tuple(
        FieldConflict(
            field=name,
            based_on=based[name],
            stored=theirs[name],
            yours=mine[name],
            changed_by=who[name][0] if name in who else "",
            changed_at=who[name][1] if name in who else None,
        )
        for name in names
    )
    return DetailsConflict(
        conflict_problem("details", fields).problems, conflicts=fields, stored=saved, yours=yours, based_on=based_on
    )
