"""Chart parts that Gnumeric reads: every namespace declared on the part's root element.

openpyxl declares ``a:``, ``c:`` and ``r:`` on the inner elements that use them (and the drawing's
or chart's own namespace as a default namespace). Gnumeric's reader (libgsf's GsfXMLIn) then
rejects those elements ("Unexpected element 'a:graphic' in state wsDr -> oneCellAnchor ->
graphicFrame", "Unexpected element 'a:bodyPr'") and drops every chart ("Dropping missing
object"). Tried with ssconvert 1.12.55: with the declarations moved to the root, under the
usual prefixes or any others, every chart is read; the drawing parts and the chart parts both
need it (the drawing for the chart to be found, the chart for its title and line styles). Excel
and LibreOffice read either form.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

NAMESPACES = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
}
"""The prefixes Excel itself writes in drawing and chart parts."""
CHART_PARTS = ("xl/charts/chart", "xl/drawings/drawing")
"""Name prefixes of the parts rewritten (the drawings that anchor charts, and the charts)."""

for _prefix, _uri in NAMESPACES.items():
    ElementTree.register_namespace(_prefix, _uri)


def _rewrite_part(data: bytes) -> bytes:
    """The part re-serialised: ElementTree declares every namespace once, on the root element."""
    # The part was written by openpyxl a moment ago in this process: trusted input, not an upload.
    root = ElementTree.fromstring(data)
    return bytes(ElementTree.tostring(root, encoding="UTF-8", xml_declaration=True))


def declare_namespaces_on_root(content: bytes) -> bytes:
    """The saved workbook with its drawing and chart parts' namespaces declared on their root elements.

    Every other part is copied byte for byte, in the same order and with the same zip settings.
    """
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith(CHART_PARTS) and info.filename.endswith(".xml"):
                data = _rewrite_part(data)
            target.writestr(info, data)
    return out.getvalue()
