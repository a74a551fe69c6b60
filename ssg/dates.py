"""Reading dates from front-matter, and the one function that prints a date."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date, format_skeleton, get_month_names

from .arabic import to_latin_digits

_SPACE_BEFORE_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z)$")
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


class BadDate(ValueError):
    pass


def parse_date(value: object, tz: ZoneInfo) -> dt.datetime:
    """A front-matter date as an aware datetime.

    Accepts what YAML, TOML, Hugo and Jekyll write: 2024-09-13, 2024-09-13T10:30,
    2024-09-13 10:30:00 +0300, ...Z, and Arabic-Indic digits. A date without a time
    zone takes the site's; a written offset is kept as written.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    if not isinstance(value, str):
        raise BadDate(f"{value!r} is not a date")
    text = to_latin_digits(value.strip())
    text = _SPACE_BEFORE_OFFSET.sub(r"\1", text)
    text = _COMPACT_OFFSET.sub(r"\1:\2", text) if re.search(r"[T ]\d", text) else text
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadDate(f"{value!r} is not a date") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


@lru_cache(maxsize=64)
def _babel_locale(language: str) -> Locale:
    """The CLDR locale for a language tag, falling back to its primary language, then English."""
    for candidate in (language.replace("-", "_"), re.split("[-_]", language)[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("en")


def format_date(moment: dt.datetime | dt.date, language: str, style: str = "long") -> str:
    """The date as readers of LANGUAGE write it, from CLDR data.

    Every date the theme prints goes through here, so later options (month
    names, digits, Hijri) change one place.
    """
    locale = _babel_locale(language)
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return babel_format_date(day, format=style, locale=locale)


def iso(moment: dt.datetime) -> str:
    """RFC 3339 / ISO 8601 with offset, for <time datetime> and metadata."""
    return moment.isoformat(timespec="seconds")


def format_period(year: int, month: int | None, day: int | None, language: str) -> str:
    """The name of a date index: '2024', 'سبتمبر 2024', '13 سبتمبر 2024'."""
    if day:
        return format_date(dt.date(year, month or 1, day), language)
    if month:
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=_babel_locale(language))
    return str(year)


def month_name(month: int, language: str) -> str:
    """The month's name on its own, as in an archive's list of months."""
    return get_month_names("wide", context="stand-alone", locale=_babel_locale(language))[month]
