"""Arabic text folding shared by slugs, tag keys and the search index."""

from __future__ import annotations

import re
import unicodedata

# Harakat, shadda, sukun, tanween (064B-065F), superscript alef (0670), Quranic marks.
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
TATWEEL = "\u0640"
# Bidi embeddings, overrides, isolates and marks, and zero-width characters other than ZWNJ.
INVISIBLE = re.compile("[\u061c\u200b\u200d-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
ZWNJ = "\u200c"
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def strip_marks(text: str) -> str:
    """NFC, then drop tashkeel, tatweel and invisible direction/zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = TASHKEEL.sub("", text).replace(TATWEEL, "")
    return INVISIBLE.sub("", text)


def to_latin_digits(text: str) -> str:
    """Arabic-Indic (and Persian) digits to 0-9, so dates written ٢٠٢٤-٠٩-١٣ parse."""
    return text.translate(ARABIC_INDIC_DIGITS)


# Folds that make spelling variants of one tag the same key. Each can be turned off.
ALEF_FORMS = str.maketrans("أإآٱ", "اااا")
FOLDS = ("hamza", "alef_maqsura", "teh_marbuta")


def fold_key(text: str, folds: tuple[str, ...] = FOLDS) -> str:
    """The identity of a tag or category however it is spelt.

    NFC; tashkeel, tatweel, bidi controls and zero-width characters removed (a ZWNJ
    between two letters stays: Persian and Urdu need it); then, per FOLDS,
    أ إ آ ٱ -> ا, ى -> ي, ة -> ه; Latin case-folded; white space collapsed.
    """
    text = strip_marks(text)
    if ZWNJ in text:
        text = _stray_zwnj(text)
    if "hamza" in folds:
        text = text.translate(ALEF_FORMS)
    if "alef_maqsura" in folds:
        text = text.replace("ى", "ي")
    if "teh_marbuta" in folds:
        text = text.replace("ة", "ه")
    return " ".join(text.casefold().split())


def folding_rules(folds: tuple[str, ...] = FOLDS) -> dict[str, object]:
    """fold_key's rules for a script that folds as it does (the search page folds queries
    with them): the characters it removes, as the inside of a regular expression's
    character class, and those it replaces. Unicode normalisation and case are the
    script's own."""
    replace: dict[str, str] = {}
    if "hamza" in folds:
        replace.update({chr(source): chr(target) for source, target in ALEF_FORMS.items()})
    if "alef_maqsura" in folds:
        replace["ى"] = "ي"
    if "teh_marbuta" in folds:
        replace["ة"] = "ه"
    return {"remove": TASHKEEL.pattern[1:-1] + TATWEEL + INVISIBLE.pattern[1:-1], "replace": replace}


def _stray_zwnj(text: str) -> str:
    kept = []
    for index, char in enumerate(text):
        if char == ZWNJ:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if not (before.isalpha() and after.isalpha()):
                continue
        kept.append(char)
    return "".join(kept)
