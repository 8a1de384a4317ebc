"""People's text stays text on every page: no stored name, note or file name is ever read as Markdown or HTML.

Every user-typed field of two saved assessments holds :data:`HOSTILE` (an image that would
make every viewer's browser fetch from a stranger's server, a link, bold, HTML, a Streamlit
colour directive and maths). Each page is rendered, and every string of every element that
Streamlit renders as Markdown (bodies of markdown, captions, headings and alert boxes; labels
and help of widgets, expanders and tabs; radio options) is checked: none may hold the
payload's formatting unescaped. A page that renders stored text without
:func:`ui.widgets.md` fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assessments.catalogue import bundled_frameworks
from assessments.models import Answer, Assessment, AssessmentMeta, AssessorRole, Innovation, Stage
from assessments.store import Store
from assessments.xlsx.write import workbook_bytes
from tests.ui.conftest import open_page

HOSTILE = "![x](http://evil/x.png) [click](http://evil) **b** <b>x</b> :red[r] $x$"
"""Markdown and HTML that must show as typed."""
UNESCAPED = (
    re.compile(r"(?<!\\)\]\(http://evil"),  # a link or image target
    re.compile(r"(?<!\\)!(?<!\\)\[x"),  # an image
    re.compile(r"(?<!\\)\*(?<!\\)\*b"),  # bold
    re.compile(r"(?<!\\)<b>"),  # HTML
    re.compile(r"(?<![\\\u2060]):red(?<!\\)\["),  # a colour directive
    re.compile(r"(?<!\\)\$x(?<!\\)\$"),  # maths
)
MARKDOWN_FIELDS = frozenset({"body", "label", "help", "captions"})
"""Proto fields Streamlit renders as Markdown (radio options too, below)."""
MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def hostile_assessment(label: str) -> Assessment:
    """An assessment with :data:`HOSTILE` in every text people type."""
    fws = bundled_frameworks()
    answers: dict[str, dict[str, Answer]] = {}
    for fid, fw in fws.items():
        answers[fid] = {}
        for iid, item in fw.items.items():
            if item.type == "choice":
                answers[fid][iid] = Answer(value=fw.options(iid)[0].id, note=f"{HOSTILE} note")
            elif item.type == "text":
                answers[fid][iid] = Answer(value=f"{HOSTILE} answer", note=HOSTILE)
    return Assessment(
        innovation=Innovation(name=HOSTILE, organisation=f"{HOSTILE} org", description=f"{HOSTILE} description"),
        assessment=AssessmentMeta(
            assessed_on=dt.date(2026, 3, 1),
            stage=Stage.PILOT,
            assessor_role=AssessorRole.PROVIDER,
            assessor=f"{HOSTILE} assessor",
            label=f"{HOSTILE} {label}",
        ),
        answers=answers,
    )


def markdown_strings(message: Any) -> Iterator[str]:
    """Every string of a proto message (and the messages inside it) that Streamlit renders as Markdown."""
    radio = message.DESCRIPTOR.name == "Radio"
    if message.DESCRIPTOR.name == "Html":
        return  # st.html is HTML, never Markdown: checked by html_bodies
    for fd, value in message.ListFields():
        values = list(value) if getattr(fd, "is_repeated", False) else [value]
        if fd.type == fd.TYPE_MESSAGE:
            for item in values:
                yield from markdown_strings(item)
        elif fd.type == fd.TYPE_STRING and (fd.name in MARKDOWN_FIELDS or (radio and fd.name == "options")):
            yield from (str(v) for v in values)


def rendered(node: Any) -> Iterator[str]:
    """The Markdown strings of a rendered page, from every element and block of its tree."""
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        yield from markdown_strings(proto)
    for child in getattr(node, "children", {}).values():
        yield from rendered(child)


def assert_escaped(at: AppTest) -> None:
    """Fail if any Markdown string of the page holds the payload's formatting unescaped, or any HTML its tag."""
    assert not at.exception, [e.value for e in at.exception]
    found = [s for s in rendered(at._tree) if any(p.search(s) for p in UNESCAPED)]
    assert found == []
    # The static charts and grids are HTML (st.html): Markdown marks are plain text there, a tag is not.
    html = [str(h.proto.body) for h in at.get("html")]
    assert [b for b in html if "<b>x" in b] == []


@pytest.fixture(name="hostile")
def _hostile(app_store: Store) -> str:
    """Two hostile assessments of one innovation saved; the id of the later one."""
    app_store.save_assessment(hostile_assessment("baseline"))
    later = hostile_assessment("review")
    later = later.model_copy(
        update={"assessment": later.assessment.model_copy(update={"assessed_on": dt.date(2026, 9, 1)})}
    )
    return app_store.save_assessment(later)


def test_detector_finds_unescaped_text__ok() -> None:
    """Should flag the raw payload and pass it once escaped by md() (the check itself can fail)."""
    from ui.widgets import md

    assert all(p.search(HOSTILE) for p in UNESCAPED)
    assert not any(p.search(md(HOSTILE)) for p in UNESCAPED)


@pytest.mark.parametrize("page", ["ui/home.py", "ui/questionnaire.py", "ui/results.py", "ui/excel.py", "ui/sharing.py"])
def test_page_shows_stored_text_as_text__ok(page: str, hostile: str) -> None:
    """Should render every stored text of the assessment escaped on the page."""
    assert_escaped(open_page(page, a=hostile))


def test_compare_page_shows_names_as_text__ok(hostile: str) -> None:
    """Should show the candidates' names and labels escaped in every box, label and caption."""
    assert_escaped(open_page("ui/compare.py"))


def test_excel_upload_echo_is_text__ok(app_store: Store, hostile: str) -> None:
    """Should show an uploaded file's name and the names inside it escaped, for good and bad files alike."""
    content = workbook_bytes(bundled_frameworks(), hostile_assessment("upload"))
    at = open_page("ui/excel.py")
    at.file_uploader[0].set_value(
        [(f"{HOSTILE}.xlsx", content, MIME), (f"{HOSTILE} bad.xlsx", b"PK not a zip", MIME)]
    ).run()
    assert_escaped(at)
    at.button(key="excel:confirm").click().run()
    assert_escaped(at)
