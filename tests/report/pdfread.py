"""Reading a PDF report back with pypdf: its text, its structure tree and the text alternatives of its figures."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def reader(pdf: bytes) -> PdfReader:
    """The PDF, parsed."""
    return PdfReader(io.BytesIO(pdf))


def text(pdf: PdfReader) -> str:
    """The text of every page, pages joined by newlines, runs of white space made single spaces."""
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


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
    root = pdf.trailer["/Root"]
    return [str(e.get("/Alt", "")) for e in structure(root["/StructTreeRoot"]) if e["/S"] == "/Figure"]
