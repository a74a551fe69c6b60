"""Font files on this machine: found by family through fontconfig, and known by their bytes.
The share cards (pictures/) and the web fonts (webfonts/) both take their fonts here."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=64)
def find_family(families: tuple[str, ...], style: str, lang: str = "") -> str | None:
    """The file of the first of FAMILIES fontconfig has (not a substitute it offers), in
    STYLE ("regular", "bold"); None when fontconfig has none of them. Asked once per
    process: a font installed while the preview server runs is seen when it restarts."""
    if shutil.which("fc-match") is None:
        return None
    for family in families:
        pattern = f"{family}:style={style.capitalize()}" + (f":lang={lang}" if lang else "")
        try:
            found = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern], capture_output=True,
                                   text=True, timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        names, _, file = found.partition("\t")
        if file and family in names.split(",") and Path(file).is_file() and file.endswith((".ttf", ".otf")):
            return file
    return None


def font_identity(path: str) -> str:
    """The digest of a font file's bytes (not its path or time, so that two machines with
    one font make the same outputs of it); read again only when its size or time changed."""
    stat = Path(path).stat()
    return _digest(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()
