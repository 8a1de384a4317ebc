"""People's text in a plotly chart, shown as typed.

Plotly reads a subset of HTML in every text it draws (titles, legend entries, axis
and tick labels, hover text, annotations): ``<b>``, ``<i>``, ``<br>``, ``<span style>``
and, worst, ``<a href>``, which makes a label a link to wherever it points. A name or
label typed by a person goes through :func:`chart_text` before it reaches a figure,
so ``<`` and ``&`` show as themselves (plotly turns the entities back into the
characters, and only the chart's own ``<br>`` breaks lines).
"""

from __future__ import annotations

import html


def chart_text(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` written as entities, for a plotly label, title or hover text."""
    return html.escape(str(text), quote=False)
