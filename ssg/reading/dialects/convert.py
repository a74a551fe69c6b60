"""The scanner: walks a body once, copies code as it is, and hands each construct of
another generator's syntax to the module that knows it (liquid, shortcodes, components).

A handler gets the scanner and the match of the construct's start, and returns the
text to write in its place and where the scan goes on. What it cannot convert it
leaves as written (Markdown then shows it as text) with a note naming its line.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

REFERENCE = "ssg-ref:"      # an href the link resolver turns into the named article's URL
ACROSS_BLOCKS = re.compile(r"\n[ \t]*(?:\n|```|~~~)")
LONGEST_TAG = 2000          # characters a tag may take: a `{%` with no `%}` near it is text


@dataclass(frozen=True, slots=True)
class Context:
    """What the constructs may print: the site's values (site.title, site.url), the page's
    (its front-matter), and the include files (name -> text, or None)."""
    site: Mapping[str, Any]
    page: Mapping[str, Any]
    include: Callable[[str], str | None] = lambda name: None


@dataclass(slots=True)
class Converted:
    text: str                                   # Markdown and HTML
    notes: list[tuple[int, str, str]] = field(default_factory=list)   # (line in the body, kind, message)
    references: list[tuple[int, str]] = field(default_factory=list)   # (line, article name) linked by name
    converted: Counter = field(default_factory=Counter)               # constructs converted, by kind
    inputs: list[str] = field(default_factory=list)                   # context values printed, for the digest

    @property
    def digest(self) -> str:
        """Changes when a value the body printed changes (the site's title, an include)."""
        if not self.inputs:
            return ""
        return hashlib.sha1("\x00".join(self.inputs).encode("utf-8", "surrogatepass")).hexdigest()


# WordPress's shortcodes the scanner knows; the only constructs that start with a bracket.
WORDPRESS = ("caption", "gallery", "embed", "audio", "video", "playlist")
_MAYBE = re.compile(r"\{[{%:]|</?(?:[A-Z]|amp-)")


def may_hold_constructs(body: str) -> bool:
    """False for a body in which no construct can start (most of an archive's): told by
    substring tests, which run at C speed, where one pattern of alternatives is tried at
    every character."""
    if ("{" in body or "<" in body) and _MAYBE.search(body) is not None:
        return True
    return "[" in body and any(f"[{name}" in body or f"[/{name}" in body for name in WORDPRESS)

_START = re.compile(r"""
    (?P<fence>^[ \t]{0,3}(?P<fence_mark>`{3,}|~{3,}))
  | (?P<ticks>`+)
  | (?P<comment><!--)
  | (?P<hugo>\{\{[<%])
  | (?P<liquid_tag>\{%)
  | (?P<liquid_out>\{\{)
  | (?P<kramdown>\{:)
  | (?P<wordpress>\[/?(?:""" + "|".join(WORDPRESS) + r""")\b)
  | (?P<component></?[A-Z][\w.]*)
  | (?P<amp></?amp-[a-z-]+)
""", re.MULTILINE | re.VERBOSE)


class Scanner:
    def __init__(self, text: str, context: Context):
        self.text, self.context = text, context
        self.result = Converted(text)
        self.out: list[str] = []
        self._newlines: list[int] | None = None
        self._not_after: dict[str, int] = {}      # a closing tag not found from this position on

    def construct(self, pattern: re.Pattern, start: int, closer: str = "") -> re.Match | None:
        """PATTERN at START, within LONGEST_TAG characters (up to the first CLOSER, when
        given): a body of a million `{{` without their `}}` is read in one pass, not once
        from each."""
        end = start + LONGEST_TAG
        if closer:
            end = self.text.find(closer, start, end)
            if end < 0:
                return None
            end += len(closer)
        found = pattern.match(self.text, start, end)
        if found is not None and "\n" in found.group(0) and ACROSS_BLOCKS.search(found.group(0)):
            return None          # a tag does not go on past a blank line or a code fence
        return found

    def closing(self, key: str, pattern: re.Pattern, start: int) -> re.Match | None:
        """The first match of PATTERN (a closing tag, KEY names it) from START on. A search that
        found none is remembered: none from later on can find one either, and a body with
        thousands of unclosed tags would otherwise be read once for each."""
        if start >= self._not_after.get(key, len(self.text) + 1):
            return None
        found = pattern.search(self.text, start)
        if found is None:
            self._not_after[key] = start
        return found

    # --- what handlers use --------------------------------------------------------------

    def line_at(self, position: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._newlines, position) + 1

    def note(self, position: int, kind: str, message: str) -> None:
        self.result.notes.append((self.line_at(position), kind, message))

    def done(self, kind: str) -> None:
        self.result.converted[kind] += 1

    def printed(self, value: str) -> str:
        self.result.inputs.append(value)
        return value

    def reference(self, position: int, name: str, fragment: str = "") -> str:
        """An href to the article NAME (a file name, with or without its date, or a slug)."""
        self.result.references.append((self.line_at(position), name))
        return REFERENCE + name + (("#" + fragment) if fragment else "")

    def drop_before(self, pattern: re.Pattern) -> None:
        """Take back what PATTERN matches at the end of the text written so far."""
        written = "".join(self.out)
        found = pattern.search(written)
        self.out[:] = [written[:found.start()] + "\n" if found else written]

    def _line_before(self, position: int) -> str:
        """The text between the start of POSITION's line and POSITION, as far back as 256
        characters (a body written on one line must not be read back from each construct)."""
        return self.text[max(0, position - 256):position].rsplit("\n", 1)[-1]

    def at_line_start(self, position: int) -> bool:
        return not self._line_before(position).strip()

    def rest_is_blank(self, position: int) -> bool:
        """Nothing but spaces between POSITION and the end of its line."""
        return self.end_of_blank_line(position) is not None

    def end_of_blank_line(self, position: int) -> int | None:
        """Past the end of POSITION's line (its newline), if only spaces come before it; else
        None. Looks 256 characters ahead at most, as _line_before looks back."""
        window = self.text[position:position + 256]
        rest, newline, _ = window.partition("\n")
        if rest.strip() or (not newline and position + 256 < len(self.text)):
            return None
        return position + len(rest) + len(newline)

    def indent_at(self, position: int) -> str:
        before = self._line_before(position)
        return before if not before.strip() else ""

    # --- the walk -----------------------------------------------------------------------

    def run(self) -> Converted:
        from . import components, kramdown, liquid, shortcodes

        handlers = {
            "fence": _fence, "ticks": _code_span, "comment": _html_comment,
            "hugo": shortcodes.hugo, "liquid_tag": liquid.tag, "liquid_out": liquid.output,
            "kramdown": kramdown.marker, "wordpress": shortcodes.wordpress,
            "component": components.component, "amp": components.amp,
        }
        out = self.out
        position = 0
        text = self.text
        while (match := _START.search(text, position)) is not None:
            out.append(text[position:match.start()])
            replacement, position = handlers[match.lastgroup if match.lastgroup != "fence_mark" else "fence"](
                self, match)
            out.append(replacement)
            if position <= match.start():            # a handler that takes nothing: copy one character
                out.append(text[match.start()])
                position = match.start() + 1
        out.append(text[position:])
        self.result.text = "".join(out)
        return self.result


def convert(body: str, context: Context) -> Converted:
    """Pure: a body in any of the dialects to Markdown and HTML, with notes on what stayed."""
    if not may_hold_constructs(body):
        return Converted(body)
    return Scanner(body, context).run()


# --- code, kept as written ---------------------------------------------------------------

_RAW_MARKERS = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
HUGO_COMMENTED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)


def uncommented(match: re.Match) -> str:
    """Hugo's {{</* x */>}} as Hugo prints it: {{< x >}}."""
    return "{{" + match.group(1) + match.group(2) + match.group(3) + "}}"


def literal_code(code: str) -> str:
    """Code as the reader should see it: Jekyll's {% raw %} markers and Hugo's commented
    shortcodes ({{</* x */>}}, which Hugo prints as {{< x >}}) are there to keep the
    generator's hands off the code, and are not part of it."""
    if "{%" in code:
        code = _RAW_MARKERS.sub("", code)
    if "/*" in code:
        code = HUGO_COMMENTED.sub(uncommented, code)
    return code


def _fence(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    mark = match.group("fence_mark")
    closing = re.compile(rf"^[ \t]{{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$", re.MULTILINE)
    line_end = scanner.text.find("\n", match.end())
    if line_end < 0:
        return scanner.text[match.start():], len(scanner.text)
    end = closing.search(scanner.text, line_end + 1)
    stop = end.end() if end is not None else len(scanner.text)
    return literal_code(scanner.text[match.start():stop]), stop


def _code_span(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    ticks = match.group("ticks")
    end = scanner.closing(f"ticks {len(ticks)}", re.compile(rf"(?<!`){ticks}(?!`)"), match.end())
    if end is None:
        return ticks, match.end()
    return literal_code(scanner.text[match.start():end.end()]), end.end()


_COMMENT_END = re.compile("-->")


def _html_comment(scanner: Scanner, match: re.Match) -> tuple[str, int]:
    end = scanner.closing("-->", _COMMENT_END, match.end())
    stop = len(scanner.text) if end is None else end.end()
    return scanner.text[match.start():stop], stop


def fenced(code: str, language: str, indent: str = "") -> str:
    """CODE as a fenced block, with a fence longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    code = code.strip("\n")
    lines = [fence + language] + code.split("\n") + [fence]
    return "\n".join(lines[:1] + [indent + line if line else line for line in lines[1:]]) + "\n"


def block(scanner: Scanner, position: int, html: str) -> str:
    """HTML meant as a block of its own: on its own lines, so that Markdown neither wraps it
    in a paragraph nor takes the following text into it."""
    before = "" if scanner.at_line_start(position) else "\n\n"
    return before + html + "\n\n"


def after_block(scanner: Scanner, end: int) -> int:
    """Where a block construct ends: past the rest of its line when only spaces follow."""
    past = scanner.end_of_blank_line(end)
    return end if past is None else past
