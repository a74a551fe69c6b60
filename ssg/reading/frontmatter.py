"""Split a Markdown file into front-matter and body, and parse YAML (---) or TOML (+++)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml

MOST_VALUES = 100_000          # in one front-matter, counting each use of a YAML alias again
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)", re.MULTILINE)
_YAML_FENCE = "---"
_YAML_END = ("---", "...")
_TOML_FENCE = "+++"


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None, hint: str = ""):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


@dataclass(frozen=True, slots=True)
class Split:
    data: dict[str, Any]
    raw: str             # the front-matter text, for finding the line of a key
    body: str
    first_line: int      # line number (1-based) of the first front-matter line
    body_line: int       # line number of the first body line
    body_offset: int     # where the body starts in the text (after a byte-order mark is dropped)


def _yaml_loader() -> type:
    """A safe loader that leaves dates as strings, so that we parse them with the
    site's time zone (PyYAML would silently turn naive times into UTC)."""
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return Loader


_LOADER = _yaml_loader()
_TOO_DEEP = ("lists and mappings nest too deep here: front-matter values need a level or two, such as "
             "`tags: [أ, ب]` or `image: {src: a.jpg, alt: ...}`")


def split_front_matter(text: str) -> Split:
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    fence = lines[0].rstrip()
    if fence == _YAML_FENCE:
        ends = _YAML_END
    elif fence == _TOML_FENCE:
        ends = (_TOML_FENCE,)
    else:
        raise FrontMatterError("couldn't find front-matter", 1,
                               "start the file with a line `---`, then `title: ...` and `date: ...`, then `---`")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ends:
            raw = "\n".join(lines[1:index])
            offset = sum(len(line) + 1 for line in lines[:index + 1])
            data = _parse_toml(raw) if fence == _TOML_FENCE else _parse_yaml(raw)
            return Split(data, raw, text[offset:], first_line=2, body_line=index + 2, body_offset=offset)
    closing = "---" if fence == _YAML_FENCE else "+++"
    raise FrontMatterError(f"front-matter opened with `{fence}` on line 1 is never closed", 1,
                           f"add a line `{closing}` after the last front-matter key")


def _parse_yaml(raw: str) -> dict[str, Any]:
    try:
        data = yaml.load(raw, Loader=_LOADER)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct began (an unclosed bracket or
        # quote): the line to fix. Without one, the problem mark is.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 2 if mark is not None else 1
        problem = error.problem or "invalid YAML"
        hint = _TOO_DEEP if "nesting depth" in problem else (
            "check this line's indentation, and put text containing `: ` or starting with [ { * & ! | > ' \" % @ "
            "in quotes")
        raise FrontMatterError(f"broken YAML front-matter: {problem}", line, hint) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"broken YAML front-matter: {error}", 1,
                               "check the front-matter's YAML between the two `---` lines") from None
    except RecursionError:           # PyYAML without libyaml, which stops at a depth of its own
        raise FrontMatterError("broken YAML front-matter: exceeded maximum nesting depth", 1,
                               _TOO_DEEP) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front-matter must be `key: value` lines", 2,
                               "write e.g. `title: ...` on its own line")
    _refuse_repeated_keys(raw)
    if "&" in raw:                   # YAML anchors, which aliases repeat
        _refuse_expansion(data, raw)
    return {str(key): value for key, value in data.items()}


def _refuse_repeated_keys(raw: str) -> None:
    """A key set twice: YAML keeps the last without a word, and the first is lost."""
    seen: dict[str, int] = {}
    for match in _TOP_LEVEL_KEY.finditer(raw):
        line = raw.count("\n", 0, match.start()) + 2
        key = match.group(1)
        if key in seen:
            raise FrontMatterError(f"`{key}` is set twice, on lines {seen[key]} and {line}", line,
                                   "keep one of them: YAML would use the last and drop the other")
        seen[key] = line


def _refuse_expansion(data: Any, raw: str) -> None:
    """YAML aliases repeat a value without copying it, and nested ones multiply: 471 bytes
    can stand for billions of values, which every later step that walks the front-matter
    (a fingerprint, a template) would walk. Counted with each shared value once."""
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        key = id(value)
        if key in sizes:
            if sizes[key] < 0:
                raise FrontMatterError("the front-matter refers to itself through a YAML alias",
                                       _line_of(raw, "&"), "write the values out instead of using & and *")
            return sizes[key]
        if isinstance(value, dict):
            sizes[key] = -1
            total = 1 + sum(size(k) + size(v) for k, v in value.items())
        elif isinstance(value, list):
            sizes[key] = -1
            total = 1 + sum(size(item) for item in value)
        else:
            return 1
        sizes[key] = total
        if total > MOST_VALUES:
            raise FrontMatterError(f"the front-matter's YAML aliases repeat its values more than {MOST_VALUES:,} "
                                   "times", _line_of(raw, "&"), "write the values out instead of using & and *")
        return total

    size(data)


def _line_of(raw: str, text: str) -> int:
    return raw.count("\n", 0, max(raw.find(text), 0)) + 2


def _parse_toml(raw: str) -> dict[str, Any]:
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        line = int(match.group(1)) + 1 if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise FrontMatterError(f"broken TOML front-matter: {message}", line,
                               "TOML needs `key = value` with strings in \"double quotes\"") from None


def line_of_key(split: Split, key: str) -> int:
    """The file line where KEY is set (a TOML table's header, [KEY]), or the front-matter's
    first line."""
    pattern = re.compile(rf"^\s*(?:[\"']?{re.escape(key)}[\"']?\s*[:=]|\[\s*[\"']?{re.escape(key)}[\"']?\s*\])")
    for offset, line in enumerate(split.raw.split("\n")):
        if pattern.match(line):
            return split.first_line + offset
    return split.first_line - 1
