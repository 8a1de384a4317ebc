"""The small part of Markdown the method note (docs/scoring.md) uses, as escaped HTML for the printed report.

Headings, paragraphs, bullet lists (with wrapped lines), ``**bold**``, ``*italic*``, `` `code` ``
and ``[text](address)`` links, which are printed as "text (address)": a printed page cannot be
clicked. Everything is HTML-escaped before any markup is added, so text in the note can never
become markup.
"""

from __future__ import annotations

import re
from html import escape

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def inline(text: str) -> str:
    """One line or paragraph of Markdown as escaped HTML with its emphasis, code and links."""
    out = escape(text, quote=True)
    out = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", out)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def markdown_html(text: str, *, top_level: int = 2) -> str:
    """A Markdown note as HTML.

    Args:
        text: The Markdown.
        top_level: The HTML heading level a ``#`` heading becomes (``##`` is one more, and so on, up to 6).

    Returns:
        HTML of headings, paragraphs and lists.
    """
    html: list[str] = []
    paragraph: list[str] = []
    bullets: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            html.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if bullets:
            html.append("<ul>" + "".join(f"<li>{inline(' '.join(b))}</li>" for b in bullets) + "</ul>")
            bullets.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            hashes = len(line) - len(line.lstrip("#"))
            level = min(6, top_level + hashes - 1)
            html.append(f"<h{level}>{inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith(("- ", "* ")):
            if paragraph:
                flush()
            bullets.append([line[2:]])
        elif bullets and raw.startswith((" ", "\t")):
            bullets[-1].append(line)
        else:
            if bullets:
                flush()
            paragraph.append(line)
    flush()
    return "\n".join(html)
