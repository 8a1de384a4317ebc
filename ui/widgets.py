"""Small UI helpers shared by the pages: the details fields and their check, messages, times,
people's text kept as text (:func:`md`), and the workspaces a page works in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from assessments import validation
from assessments.errors import InputError, Problem
from assessments.models import (
    ROLE_LABELS,
    SHORT_TEXT_LENGTH,
    STAGE_LABELS,
    AssessmentMeta,
    AssessorRole,
    Innovation,
    Stage,
)
from assessments.store import DEMO_WORKSPACE, Role
from ui.keys import DETAILS_FIELD, QP_WORKSPACE
from ui.state import AppContext


@dataclass(frozen=True)
class DetailsInput:
    """Raw values from the details widgets, before validation."""

    name: str
    organisation: str
    description: str
    stage: str | None
    assessor_role: str | None
    assessed_on: dt.date | None
    assessor: str
    label: str


REQUIRED_DETAILS = {
    "innovation.name": "Innovation name",
    "assessment.stage": "Stage",
    "assessment.assessor_role": "Your role",
    "assessment.assessed_on": "Date of the assessment",
}
"""The details this form requires, by field, with the label each is shown under."""


NAME_REQUIRED = {"innovation.name": REQUIRED_DETAILS["innovation.name"]}
"""What a saved assessment cannot be without: the questionnaire saves details that lack the rest, and says so."""


def check_details(
    values: DetailsInput, *, required: Mapping[str, str] = REQUIRED_DETAILS
) -> tuple[Innovation, AssessmentMeta] | list[Problem]:
    """Validate the details form (through ``assessments.validation``): every missing required field gives one problem.

    Returns:
        The innovation and assessment details, or the problems found.
    """
    innovation = {
        "name": values.name,
        "organisation": values.organisation.strip(),
        "description": values.description,
    }
    meta = {
        "assessed_on": values.assessed_on,
        "stage": values.stage,
        "assessor_role": values.assessor_role,
        "assessor": values.assessor.strip(),
        "label": values.label.strip(),
    }
    try:
        return validation.check_details(innovation, meta, required=required)
    except InputError as exc:
        return list(exc.problems)


def _key(prefix: str, field: str) -> str:
    return DETAILS_FIELD.format(prefix=prefix, field=field)


def details_inputs(
    prefix: str,
    innovation: Innovation | None = None,
    meta: AssessmentMeta | None = None,
    *,
    on_change: Callable[..., None] | None = None,
    args: tuple[Any, ...] = (),
) -> DetailsInput:
    """Render the innovation and assessment details widgets (keys start with ``prefix``).

    Stage and role have no pre-selected answer unless one was saved before. ``on_change`` (with
    ``args``) is called when any of them changes: the questionnaire saves the details then; inside a
    form (Home's start form) there is none.
    """
    changed: dict[str, Any] = {"on_change": on_change, "args": args} if on_change is not None else {}
    stages = [s.value for s in Stage]
    roles = [r.value for r in AssessorRole]
    name = st.text_input(
        "Innovation name (required)",
        value=innovation.name if innovation else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "name"),
        **changed,
        placeholder="For example: Shared Lives day support",
    )
    organisation = st.text_input(
        "Organisation",
        value=innovation.organisation if innovation else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "org"),
        **changed,
    )
    description = st.text_area(
        "Short description",
        value=innovation.description if innovation else "",
        key=_key(prefix, "description"),
        **changed,
        help="A few sentences: what the innovation does, for whom, and where it runs now.",
        height=100,
    )
    stage = st.radio(
        "Stage (required)",
        options=stages,
        index=stages.index(meta.stage.value) if meta and meta.stage else None,
        format_func=lambda v: STAGE_LABELS[Stage(v)],
        horizontal=True,
        key=_key(prefix, "stage"),
        **changed,
    )
    role = st.radio(
        "Your role (required)",
        options=roles,
        index=roles.index(meta.assessor_role.value) if meta and meta.assessor_role else None,
        format_func=lambda v: ROLE_LABELS[AssessorRole(v)],
        horizontal=True,
        key=_key(prefix, "role"),
        **changed,
    )
    assessed_on = st.date_input(
        "Date of the assessment (required)",
        value=meta.assessed_on if meta and meta.assessed_on else "today",
        format="YYYY-MM-DD",
        key=_key(prefix, "date"),
        **changed,
    )
    assessor = st.text_input(
        "Assessed by (optional)",
        value=meta.assessor if meta else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "assessor"),
        **changed,
    )
    label = st.text_input(
        "Label (optional)",
        value=meta.label if meta else "",
        max_chars=SHORT_TEXT_LENGTH,
        key=_key(prefix, "label"),
        **changed,
        placeholder="For example: Baseline, or Six-month review",
    )
    return DetailsInput(
        name=name or "",
        organisation=organisation or "",
        description=description or "",
        stage=stage,
        assessor_role=role,
        assessed_on=assessed_on if isinstance(assessed_on, dt.date) else None,
        assessor=assessor or "",
        label=label or "",
    )


def details_from_state(prefix: str) -> DetailsInput:
    """The details as currently held by the widgets made with :func:`details_inputs` (for callbacks)."""
    ss = st.session_state
    assessed_on = ss.get(_key(prefix, "date"))
    return DetailsInput(
        name=ss.get(_key(prefix, "name")) or "",
        organisation=ss.get(_key(prefix, "org")) or "",
        description=ss.get(_key(prefix, "description")) or "",
        stage=ss.get(_key(prefix, "stage")),
        assessor_role=ss.get(_key(prefix, "role")),
        assessed_on=assessed_on if isinstance(assessed_on, dt.date) else None,
        assessor=ss.get(_key(prefix, "assessor")) or "",
        label=ss.get(_key(prefix, "label")) or "",
    )


_MD_ALWAYS = frozenset("\\`*[]<>|~$&")
"""Characters escaped wherever they stand: emphasis, code, links, HTML, tables, strike-through, maths, entities."""
_WORD_JOINER = "\u2060"
"""Invisible; keeps Streamlit from reading ``:name:`` as an emoji or icon (a backslash does not stop it),
and ``www.`` (joined inside) as a link. An e-mail address is left alone: Streamlit may show it as a
``mailto:`` link to that same address, which misleads nobody, and a joiner inside it would be copied
along with it."""
_WWW = re.compile(r"(?i)(?<![\w.])www\.")
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([#+=-])|(\d+)([.)]))", re.MULTILINE)
"""What opens a heading, a list or a setext underline at the start of a line (``>`` is always escaped)."""


def md(text: object) -> str:
    """People's text (names, organisations, e-mails, notes, file names) made safe to put in Markdown.

    Everything that Markdown or Streamlit would read as formatting is escaped, so the text
    shows exactly as typed: emphasis and code marks, links and images, HTML, tables,
    maths (``$``), Streamlit's ``:colour[...]`` and ``:emoji:`` or ``:material/icon:`` codes, and
    list, heading and quote marks at the start of a line. An underscore inside a word
    (``STORAGE_001``) and a colon before a space are left alone: neither can format anything.
    A colon before anything else, and ``www.``, are followed by an invisible word joiner
    (U+2060): Streamlit turns ``:smile:`` into an emoji even when the colon is backslash-escaped,
    and ``www.`` addresses into links.
    """
    raw = str(text)
    out: list[str] = []
    last = len(raw) - 1
    for i, ch in enumerate(raw):
        if ch in _MD_ALWAYS:
            out.append("\\" + ch)
        elif ch == "_" and not (0 < i < last and raw[i - 1].isalnum() and raw[i + 1].isalnum()):
            out.append("\\_")
        elif ch == ":" and i < last and not raw[i + 1].isspace():
            out.append(ch + _WORD_JOINER)
        else:
            out.append(ch)
    escaped = _WWW.sub(lambda m: m.group(0)[:2] + _WORD_JOINER + m.group(0)[2:], "".join(out))
    return _MD_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(m: re.Match[str]) -> str:
    indent, mark, number, dot = m.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"


def md_line(text: object) -> str:
    """:func:`md` for text that must stay on one line (a heading, a label): line breaks become spaces."""
    return md(" ".join(str(text).split()))


def problem_text(p: Problem) -> str:
    """One problem as Markdown, the one way every page shows a message: first the plain words (where, by the
    field's label, what is wrong and how to fix it), then in small print on the next line the code and field
    path for support. Both are kept as text: they may quote people's input."""
    return f"{md(p.text)}  \n{small_print(p.support)}"


def small_print(text: str) -> str:
    """A line in small print under a message (the code, field or id support asks for), kept as text."""
    return f":small[{md(text)}]"


def show_problems(problems: Sequence[Problem], heading: str, *, icon: str = ":material/error:") -> None:
    """One error box listing every problem as :func:`problem_text` writes it; quoted input shows as typed."""
    lines = "\n".join(f"- {problem_text(p)}".replace("\n", "\n  ") for p in problems)
    st.error(f"{heading}\n\n{lines}", icon=icon)


def local_time(value: dt.datetime | None, *, with_date: bool = True) -> str:
    """A stored UTC time as the server's local time, e.g. ``2026-03-01 14:05``."""
    if value is None:
        return ""
    local = value.astimezone()
    return local.strftime("%Y-%m-%d %H:%M") if with_date else local.strftime("%H:%M:%S")


def local_date(value: dt.datetime | None) -> str:
    """A stored UTC time as the server's local date, e.g. ``2026-03-01``."""
    return value.astimezone().date().isoformat() if value is not None else ""


@dataclass(frozen=True)
class Place:
    """A workspace a page works in, with the roles the person holds there."""

    id: str
    name: str
    roles: frozenset[Role]

    def label(self) -> str:
        """The workspace's name and the person's roles there, e.g. ``Riverside Council (commissioner)``."""
        held = ", ".join(r.value for r in Role if r in self.roles)
        return f"{self.name} ({held})"


def places(ctx: AppContext, *roles: Role) -> list[Place]:
    """The workspaces (never the examples') where the person holds any of ``roles``, by name.

    Each place lists every role the person holds there, not only those asked for.
    """
    memberships = ctx.memberships or tuple(ctx.store.my_memberships())
    held: dict[str, set[Role]] = {}
    names: dict[str, str] = {}
    for m in memberships:
        if m.workspace_id != DEMO_WORKSPACE:
            held.setdefault(m.workspace_id, set()).add(m.role)
            names[m.workspace_id] = m.workspace_name
    found = [Place(ws, names[ws], frozenset(r)) for ws, r in held.items() if r & set(roles)]
    return sorted(found, key=lambda p: (p.name.lower(), p.id))


def _workspace_to_url(key: str) -> None:
    picked = st.session_state.get(key)
    if picked:
        st.query_params[QP_WORKSPACE] = picked
    else:
        st.query_params.pop(QP_WORKSPACE, None)


def choose_place(options: Sequence[Place], *, key: str, label: str, help: str) -> Place | None:
    """The workspace a page works in: the only one, or the one chosen (nothing is chosen for the person).

    The choice goes into the URL (``?w=``), so a refresh or a shared link keeps it.
    """
    if len(options) <= 1:
        return options[0] if options else None
    by_id = {p.id: p for p in options}
    wanted = st.query_params.get(QP_WORKSPACE)
    picked = st.selectbox(
        label,
        list(by_id),
        index=list(by_id).index(wanted) if wanted in by_id else None,
        format_func=lambda i: by_id[i].label(),
        key=key,
        placeholder="Choose a workspace",
        help=help,
        on_change=_workspace_to_url,
        args=(key,),
    )
    return by_id.get(picked) if picked else None


_UNSAVED_TEXT_GUARD = """
<script>
(() => {
  if (window.__unsavedTextGuard) return;
  window.__unsavedTextGuard = true;
  // A text box sends its value to the app when it loses focus. Text typed into the box that has
  // the focus is therefore not saved yet: on leaving or reloading the page, send it (by taking the
  // focus away) and ask the browser to warn, so it is never lost without a word.
  const seen = new WeakMap();
  const isText = (el) => el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text"));
  document.addEventListener("focusin", (e) => { if (isText(e.target)) seen.set(e.target, e.target.value); });
  window.addEventListener("beforeunload", (e) => {
    const el = document.activeElement;
    if (!isText(el) || !seen.has(el) || seen.get(el) === el.value) return;
    el.blur();
    e.preventDefault();
    e.returnValue = "";
  });
})();
</script>
"""


def guard_unsaved_text() -> None:
    """Warn before a reload or leaving the page while typed text has not been sent yet (and send it).

    Streamlit sends a text box's value when the box loses focus; text typed and then reloaded
    before that was lost silently. The script is the app's own, fixed text (no user text in it).
    """
    st.html(_UNSAVED_TEXT_GUARD, unsafe_allow_javascript=True, width="content")


_NO_APPLY_HINT = """
<style>
/* Streamlit's hint under a text box ("Press Ctrl+Enter to apply") is its first part; the
   character count, when there is one, is the second (its leading dot goes too). */
[data-testid="stMain"] [data-testid="InputInstructions"] > span:first-child { display: none; }
[data-testid="stMain"] [data-testid="InputInstructions"] > span + span::before { content: none; }
</style>
"""


def hide_apply_hint() -> None:
    """Hide Streamlit's "Press Enter to apply" hint under the text boxes of a page whose boxes all save themselves.

    Such a box saves as soon as it is left, so the hint misled. The style is on the page only while it
    is shown (it goes with the page); the character count stays.
    """
    st.html(_NO_APPLY_HINT, width="content")
