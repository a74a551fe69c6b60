"""One error type for everything a user can fix: it names the file, the line and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, slots=True)
class SiteError:
    """A problem in the user's input. `line` is 1-based; None when it has no line."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class BuildFailed(Exception):
    """Raised with every error of a build, so that they are reported together."""

    def __init__(self, errors: Iterable[SiteError]):
        self.errors = tuple(sorted(errors, key=lambda e: (e.path, e.line or 0, e.message)))
        super().__init__(self.report())

    def report(self, shown: int | None = None) -> str:
        """Every error with its hint; with SHOWN, an error that many files share (a hundred
        articles without a title) is printed for the first SHOWN of them, then counted,
        with its hint once."""
        count = len(self.errors)
        groups: dict[tuple[str, str], list[SiteError]] = {}
        for error in self.errors:
            groups.setdefault((error.message, error.hint), []).append(error)
        lines = []
        for (message, hint), group in groups.items():
            if shown is None or len(group) <= shown:
                lines += [str(e) for e in group]
                continue
            lines += [str(SiteError(e.path, e.line, message)) for e in group[:shown]]
            lines.append(f"    and {len(group) - shown} more files with this error (`-v` lists them all)")
            if hint:
                lines.append(f"    hint: {hint}")
        lines.append(f"build failed: {count} error{'s' if count != 1 else ''}")
        return "\n".join(lines)


class CommandError(Exception):
    """A command could not do what was asked (a deploy target refused, a port in use...):
    its message is printed as it is, and `ssg` exits with status 1."""


class ConfigError(BuildFailed):
    """A problem in site.toml; raised before any article is read."""


def display_path(path: Path, root: Path | None) -> str:
    """The path as the user knows it: relative to the site folder where possible."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def unexpected(error: BaseException, root: Path | None) -> SiteError:
    """A SiteError for an exception that is not a build error (a file that cannot be read,
    or a bug), so that whoever shows errors can show this one too."""
    if isinstance(error, OSError) and error.filename:
        return SiteError(display_path(Path(error.filename), root), None, error.strerror or str(error),
                         "fix or remove this file, then save again")
    return SiteError("ssg", None, f"{type(error).__name__}: {error}",
                     "run `ssg build` to see where it happened; if it is not in your files, please report it")
