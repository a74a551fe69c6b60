"""Control characters in what authors write: invisible, forbidden in XML (a feed with one
is no longer a feed) and parse errors in HTML. They are dropped, or become a space where
they stand between words (vertical tab, form feed)."""

from __future__ import annotations

import re

_BETWEEN_WORDS = re.compile("[\x0b\x0c]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_ANY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def without_controls(text: str) -> str:
    """TEXT with tabs, line ends and every printable character, and no other control."""
    if _ANY.search(text) is None:
        return text
    return _CONTROLS.sub("", _BETWEEN_WORDS.sub(" ", text))


def xml_safe(text: str) -> str:
    """TEXT without the characters XML 1.0 forbids."""
    return _NOT_IN_XML.sub("", text) if _NOT_IN_XML.search(text) else text
