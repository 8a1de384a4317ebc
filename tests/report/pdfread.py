"""Reading a PDF report back with pypdf: its text, its structure tree and the text alternatives of its figures."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, PdfObject


def reader(pdf: bytes) -> PdfReader:
    """The PDF, parsed."""
    return PdfReader(io.BytesIO(pdf))


def text(pdf: PdfReader) -> str:
    """The text of every page, pages joined by newlines, runs of white space made single spaces."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def dictionary(obj: PdfObject) -> DictionaryObject:
    """``obj`` (followed if it is a reference), which must be a PDF dictionary."""
    found = obj.get_object()
    assert isinstance(found, DictionaryObject), f"expected a PDF dictionary, found {type(found).__name__}"
    return found


def catalog(pdf: PdfReader) -> DictionaryObject:
    """The document catalogue (the trailer's ``/Root``): its structure tree, marked-content flag and language."""
    return dictionary(pdf.trailer["/Root"])


def language(pdf: PdfReader) -> str:
    """The document language (the catalogue's ``/Lang``)."""
    lang = catalog(pdf)["/Lang"]
    assert isinstance(lang, str), f"/Lang is a {type(lang).__name__}, not text"
    return lang


def structure(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element below ``node`` (depth first)."""
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return
    if "/S" in node:
        yield node
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if hasattr(kid, "get_object"):
            yield from structure(kid)


def figure_alts(pdf: PdfReader) -> list[str]:
    """The /Alt text of every /Figure structure element."""
    root = catalog(pdf)
    return [str(e.get("/Alt", "")) for e in structure(root["/StructTreeRoot"]) if e["/S"] == NameObject("/Figure")]
