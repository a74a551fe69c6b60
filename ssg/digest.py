"""One digest of a list of strings, for everything a build keys by what it is made from:
outputs, fingerprints, cache entries, pictures."""

from __future__ import annotations

import hashlib


def sha1(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
