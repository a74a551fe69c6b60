"""Tags that are not HTML: MDX components (<Author slug="x" />) and AMP's elements.

A browser drops a tag it does not know, and Markdown would take an MDX tag for HTML:
the component would vanish without a word, and, on a line of its own, take the
paragraph after it out of Markdown. It is shown as written instead (escaped), with a
note; the text between an opening and a closing tag stays. <amp-img> becomes <img>
and <amp-youtube> the video; other AMP elements are noted.
"""

from __future__ import annotations

import html
import re

from .convert import Scanner, block
from .liquid import youtube

# Names HTML knows, written in capitals by old editors (<P>, <IMG SRC=...>): left alone.
HTML_ELEMENTS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite
code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font
footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map
mark menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s
samp script section select small source span strike strong style sub summary sup table tbody td template
textarea tfoot th thead time title tr track tt u ul var video wbr
""".split())

# A tag to its end: attribute values in quotes or braces may hold `>`.
_TAG = re.compile(r"</?[\w.:-]+(?:\s+(?:[^\s\"'{}<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"
                  r"|[^\s>]+))?|\{[^{}]*\}))*\s*/?>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*')""")


def component(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    name = match.group("component").lstrip("</")
    if name.lower() in HTML_ELEMENTS:
        return match.group(0), match.end()
    found = scanner.construct(_TAG, match.start())
    if found is None:
        return match.group(0), match.end()
    tag = found.group(0)
    if not tag.startswith("</"):
        scanner.note(found.start(), "component", f"component `{_shortened(tag)}` has no HTML equivalent: "
                     "shown as written")
    return html.escape(tag, quote=False), found.end()


def amp(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    found = scanner.construct(_TAG, match.start())
    if found is None:
        return match.group(0), match.end()
    tag = found.group(0)
    name = match.group("amp").lstrip("</")
    if name in ("amp-img", "amp-youtube") and tag.startswith("</"):
        return "", found.end()
    attributes = dict((key, value[1:-1]) for key, value in _ATTRIBUTE.findall(tag))
    if name == "amp-img" and attributes.get("src"):
        scanner.done("amp img")
        kept = "".join(f' {key}="{html.escape(attributes[key])}"'
                       for key in ("src", "alt", "width", "height", "srcset", "sizes") if key in attributes)
        if "alt" not in attributes:
            kept += ' alt=""'
        return f"<img{kept}>", found.end()
    video = attributes.get("data-videoid", "")
    if name == "amp-youtube" and re.fullmatch(r"[\w-]{4,20}", video):
        scanner.done("amp youtube")
        return block(scanner, found.start(), youtube(video)), found.end()
    if not tag.startswith("</"):
        scanner.note(found.start(), "component", f"AMP element `{_shortened(tag)}` shows nothing outside AMP: "
                     "shown as written")
    return html.escape(tag, quote=False), found.end()


def _shortened(tag: str) -> str:
    tag = " ".join(tag.split())
    return tag if len(tag) <= 60 else tag[:57] + "…"
