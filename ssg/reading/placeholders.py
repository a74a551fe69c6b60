"""The text `ssg new article` writes for the author to replace. While a line of it is still
in an article, the reader warns: an article published with it would say nothing."""

from __future__ import annotations

# By the article's language: the lead, then the body.
PLACEHOLDERS = {
    "ar": ("اكتب الفقرة الأولى هنا: هي مقدمة الخبر.", "نص المقال."),
    "en": ("Write the first paragraph here: it is the story's lead.", "The story's text."),
}
_LINES = frozenset(line for lines in PLACEHOLDERS.values() for line in lines)
_AR_LEAD, _AR_BODY = PLACEHOLDERS["ar"]
_EN_LEAD, _EN_BODY = PLACEHOLDERS["en"]


def placeholder_lines(body: str) -> list[tuple[int, str]]:
    """The lines of BODY (1-based, in the body) that are still a placeholder, with the text."""
    if _AR_BODY not in body and _AR_LEAD not in body and _EN_BODY not in body and _EN_LEAD not in body:
        return []                        # every article but a new one: four searches at C speed
    return [(number, line.strip()) for number, line in enumerate(body.split("\n"), start=1) if line.strip() in _LINES]
