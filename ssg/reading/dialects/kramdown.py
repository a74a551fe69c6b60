"""kramdown's markers, as Jekyll archives write them.

`{:toc}` (with the list item kramdown replaces, `* TOC`) becomes a table of contents of
the article's headings, filled in once the body is HTML (rendering.markup). A block
attribute list on a line of its own (`{: .notice}`, `{:#id}`, `{: lang="en"}`) is kept
for Markdown, which sets it on its block (rendering.markup's kramdown_attributes).
`{::options}` and `{::comment}` are dropped, `{::nomarkdown}` kept as HTML. A span's
attribute list (`*word*{: .x}`) is dropped, with a note.
"""

from __future__ import annotations

import re

from .convert import Scanner, after_block

TOC_MARK = "<!-- ssg:toc -->"
ATTRIBUTE_LIST = re.compile(r"\{:\s*((?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)|\s)*)\}")
_TOC = re.compile(r"\{:\s*(?:toc|\.toc)\s*\}")
_ITEM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[*+-]|\d+\.)[ \t]+[^\n]*\n[ \t]*$")   # `* TOC`, replaced by the table
_EXTENSION = re.compile(r"\{::(\w+)([^}]*?)(/?)\}")


def marker(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    text, start = scanner.text, match.start()
    if text.startswith("{::", start):
        return _extension(scanner, match)
    toc = scanner.construct(_TOC, start)
    if toc is not None and scanner.at_line_start(start):
        scanner.done("kramdown toc")
        scanner.drop_before(_ITEM_BEFORE)
        return "\n" + TOC_MARK + "\n\n", after_block(scanner, toc.end())
    attributes = scanner.construct(ATTRIBUTE_LIST, start)
    if attributes is None:
        scanner.note(start, "template", "`{:` that starts no kramdown attribute list: shown as written")
        return "{:", match.end()
    if scanner.at_line_start(start) and scanner.rest_is_blank(attributes.end()):
        scanner.done("kramdown attributes")
        return attributes.group(0), attributes.end()      # Markdown sets it on its block
    scanner.note(start, "kramdown", f"`{attributes.group(0)}` on a span of text is dropped")
    return "", attributes.end()


def _extension(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    found = scanner.construct(_EXTENSION, match.start())
    if found is None:
        scanner.note(match.start(), "kramdown", "`{::` that starts no kramdown extension: shown as written")
        return "{::", match.end()
    name, closed = found.group(1), found.group(3)
    if name == "options" or (closed and name in ("comment", "nomarkdown")):
        scanner.done("kramdown " + name)
        return "", after_block(scanner, found.end())
    if name in ("comment", "nomarkdown"):
        end = scanner.closing("kramdown " + name, re.compile(r"\{:/(?:" + name + r")?\}"), found.end())
        if end is not None:
            scanner.done("kramdown " + name)
            inner = "" if name == "comment" else scanner.text[found.end():end.start()].strip("\n")
            return inner, after_block(scanner, end.end())
    scanner.note(found.start(), "kramdown", f"kramdown extension `{found.group(0)}` has no equivalent here: "
                 "shown as written")
    return found.group(0), found.end()
