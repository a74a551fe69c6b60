"""Language tags and the writing direction they imply."""

from __future__ import annotations

import re

# Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "syr", "ug", "ur", "yi"})

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def is_valid_language(tag: str) -> bool:
    return bool(_LANGUAGE_TAG.fullmatch(tag))


def normalize_language(tag: str) -> str:
    """'ar_SY' -> 'ar-SY', the form HTML's lang attribute expects."""
    return tag.replace("_", "-")


def primary_language(tag: str) -> str:
    return normalize_language(tag).split("-")[0].lower()


def direction_of(tag: str) -> str:
    return "rtl" if primary_language(tag) in RTL_LANGUAGES else "ltr"
