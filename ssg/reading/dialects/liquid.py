"""Jekyll's Liquid in article bodies: {% tags %} and {{ outputs }}.

Converted: raw, comment, highlight (with linenos), post_url, link, include (a file of
`_includes/` that is HTML with {{ include.x }} and {% if include.x %}), gist, youtube;
outputs of site.* and page.* values with the filters Jekyll's themes use most
(relative_url, absolute_url, prepend, append, escape). Anything else stays as
written, with a note.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import Any

from .convert import Scanner, after_block, block, fenced, literal_code

_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}", re.DOTALL)
_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_ARGUMENT = re.compile(r"""(\w+)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)""")
_INSIDE_BLOCKS = frozenset({"else", "elsif", "when", "break", "continue"})


def _end_tag(scanner: Scanner, found: re.Match, name: str) -> re.Match | None:
    """The `{% endNAME %}` that closes the tag FOUND; None, with a note, when there is none."""
    end = scanner.closing("end" + name, re.compile(rf"\{{%-?\s*end{name}\s*-?%\}}"), found.end())
    if end is None:
        scanner.note(found.start(), "liquid", f"`{{% {name} %}}` without `{{% end{name} %}}`: shown as written")
    return end


def tag(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    found = scanner.construct(_TAG, match.start(), "%}")
    if found is None:
        scanner.note(match.start(), "template", "`{%` without its `%}`: shown as written")
        return "{%", match.end()
    name, arguments = found.group(1), found.group(2)
    handler = _TAGS.get(name)
    if handler is None and (name.startswith("end") or name in _INSIDE_BLOCKS):
        return found.group(0), found.end()       # its opening tag has the note
    if handler is None:
        scanner.note(found.start(), "liquid", f"Liquid tag `{{% {name} %}}` has no equivalent here: shown as written")
        return found.group(0), found.end()
    return handler(scanner, found, arguments)


def _raw(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    end = _end_tag(scanner, found, "raw")
    if end is None:
        return found.group(0), found.end()
    scanner.done("liquid raw")
    return scanner.text[found.end():end.start()], end.end()


def _comment(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    end = _end_tag(scanner, found, "comment")
    if end is None:
        return found.group(0), found.end()
    scanner.done("liquid comment")
    return "", after_block(scanner, end.end())


def _highlight(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    end = _end_tag(scanner, found, "highlight")
    if end is None:
        return found.group(0), found.end()
    language = arguments.split()[0] if arguments.split() else ""
    code = literal_code(scanner.text[found.end():end.start()])
    scanner.done("liquid highlight")
    indent = scanner.indent_at(found.start())
    before = "" if scanner.at_line_start(found.start()) else "\n\n"
    return before + fenced(code, re.sub(r"[^\w+#.-]", "", language), indent), after_block(scanner, end.end())


def _post_url(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    name = arguments.strip().strip("\"'")
    if not name:
        scanner.note(found.start(), "liquid", "`{% post_url %}` names no post: shown as written")
        return found.group(0), found.end()
    scanner.done("liquid post_url")
    return scanner.reference(found.start(), posixpath.basename(name)), found.end()


def _link(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    path = arguments.strip().strip("\"'")
    if not path or "{{" in path:
        scanner.note(found.start(), "liquid", "`{% link %}` with no plain path: shown as written")
        return found.group(0), found.end()
    scanner.done("liquid link")
    stem, extension = posixpath.splitext(posixpath.basename(path))
    if extension.lower() in (".md", ".markdown", ".html"):
        return scanner.reference(found.start(), stem), found.end()
    return "/" + path.lstrip("/"), found.end()        # a file copied as it is, from the site's root


def _embed(kind: str, url: str, title: str) -> str:
    return (f'<div class="embed {kind}"><iframe src="{html.escape(url)}" title="{html.escape(title)}" '
            'loading="lazy" allowfullscreen></iframe></div>')


def youtube(video: str) -> str:
    return _embed("youtube", f"https://www.youtube-nocookie.com/embed/{video}", "YouTube")


def gist(path: str) -> str:
    url = f"https://gist.github.com/{path}"
    return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'


def _youtube(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    video = arguments.strip().strip("\"'")
    if not re.fullmatch(r"[\w-]{6,20}", video):
        scanner.note(found.start(), "liquid", "`{% youtube %}` without a video id: shown as written")
        return found.group(0), found.end()
    scanner.done("liquid youtube")
    return block(scanner, found.start(), youtube(video)), after_block(scanner, found.end())


def _gist(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    path = arguments.split()[0].strip("\"'") if arguments.split() else ""
    if not re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", path):
        scanner.note(found.start(), "liquid", "`{% gist %}` without a gist: shown as written")
        return found.group(0), found.end()
    scanner.done("liquid gist")
    return block(scanner, found.start(), gist(path)), after_block(scanner, found.end())


def _include(scanner: Scanner, found: re.Match, arguments: str) -> tuple[str, int]:
    parts = arguments.split(None, 1)
    name = parts[0] if parts else ""
    text = scanner.context.include(name) if re.fullmatch(r"[\w./-]+", name) and ".." not in name else None
    if text is None:
        scanner.note(found.start(), "include", f"`{{% include {name} %}}`: no such file in _includes/; "
                     "shown as written")
        return found.group(0), found.end()
    values = {key: _unquote(value) for key, value in _ARGUMENT.findall(parts[1] if len(parts) > 1 else "")}
    expanded = _expand_include(text, values)
    if expanded is None:
        scanner.note(found.start(), "include", f"`{{% include {name} %}}` uses Liquid beyond include.* values: "
                     "shown as written")
        return found.group(0), found.end()
    scanner.printed(text)
    scanner.done("liquid include")
    expanded = " ".join(expanded.split()) if "\n\n" not in expanded.strip() else expanded.strip()
    if scanner.at_line_start(found.start()) and expanded.startswith("<"):
        return block(scanner, found.start(), expanded), after_block(scanner, found.end())
    return expanded, found.end()


_INCLUDE_IF = re.compile(r"\{%-?\s*(if|unless)\s+include\.(\w+)\s*-?%\}(.*?)"
                         r"(?:\{%-?\s*else\s*-?%\}(.*?))?\{%-?\s*end(?:if|unless)\s*-?%\}", re.DOTALL)
_INCLUDE_VALUE = re.compile(r"\{\{-?\s*include\.(\w+)\s*(?:\|\s*(\w+)\s*)?-?\}\}")


def _expand_include(text: str, values: dict[str, str]) -> str | None:
    """An include that is HTML with {{ include.x }} and {% if include.x %} ... {% endif %}:
    its text with the values put in; None when it uses more of Liquid."""
    text = _INCLUDE_IF.sub(lambda m: (m.group(3) if bool(values.get(m.group(2))) == (m.group(1) == "if")
                                      else m.group(4) or ""), text)

    def value(m: re.Match) -> str:
        found = values.get(m.group(1), "")
        return found if m.group(2) in ("relative_url", "absolute_url", None) else html.escape(found)

    text = _INCLUDE_VALUE.sub(value, text)
    if "{%" in text or "{{" in text:
        return None
    return text


def _unquote(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


# --- {{ outputs }} -------------------------------------------------------------------------

def output(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    found = scanner.construct(_OUTPUT, match.start(), "}}")
    if found is None:
        scanner.note(match.start(), "template", "`{{` without its `}}`: shown as written")
        return "{{", match.end()
    value = _evaluate(scanner, found.group(1))
    if value is None:
        scanner.note(found.start(), "liquid", f"`{found.group(0)}` has no value here: shown as written")
        return found.group(0), found.end()
    scanner.done("liquid value")
    return scanner.printed(value), found.end()


def _evaluate(scanner: Scanner, expression: str) -> str | None:
    """A Liquid output: a value and its filters, or None where either is not known."""
    value_text, *filters = [part.strip() for part in expression.split("|")]
    value = _value(scanner, value_text)
    if value is None:
        return None
    for item in filters:
        name, _, argument = item.partition(":")
        name, argument = name.strip(), argument.strip()
        if name == "relative_url":
            value = "/" + value.lstrip("/") if not re.match(r"\w+://", value) else value
        elif name == "absolute_url":
            value = str(scanner.context.site.get("url", "")) + "/" + value.lstrip("/")
        elif name in ("prepend", "append"):
            extra = _value(scanner, argument)
            if extra is None:
                return None
            value = extra + value if name == "prepend" else value + extra
        elif name in ("escape", "xml_escape", "escape_once"):
            value = html.escape(value)
        elif name in ("strip", "downcase", "upcase"):
            value = {"strip": value.strip, "downcase": value.lower, "upcase": value.upper}[name]()
        else:
            return None
    return value


def _value(scanner: Scanner, text: str) -> str | None:
    if len(text) >= 2 and _unquote(text) is not text:
        return text[1:-1]
    scope, _, key = text.partition(".")
    if scope not in ("site", "page") or not re.fullmatch(r"\w+", key):
        return None
    found: Any = (scanner.context.site if scope == "site" else scanner.context.page).get(key)
    if found is None or isinstance(found, (dict, list)):
        return None
    return str(found)


_TAGS = {
    "raw": _raw, "comment": _comment, "highlight": _highlight, "post_url": _post_url, "link": _link,
    "include": _include, "youtube": _youtube, "gist": _gist,
}
