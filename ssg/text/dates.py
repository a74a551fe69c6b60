"""Reading dates from front-matter, and the one function that prints a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from hijridate import Gregorian

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
        return _shared_zone(value) if value.tzinfo else value.replace(tzinfo=tz)
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
    return _shared_zone(parsed) if parsed.tzinfo else parsed.replace(tzinfo=tz)


_ZONES: dict[tuple, dt.tzinfo] = {}


def _shared_zone(moment: dt.datetime) -> dt.datetime:
    """MOMENT with the one zone object of its offset and name. Each parsed offset is a new
    object otherwise, and ten thousand dates then pickle ten thousand zones into the cache."""
    zone = moment.tzinfo
    if type(zone) is not dt.timezone:
        return moment
    shared = _ZONES.setdefault((zone.utcoffset(None), zone.tzname(None)), zone)
    return moment if shared is zone else moment.replace(tzinfo=shared)


@lru_cache(maxsize=64)
def zone_city(zone: str, language: str) -> str | None:
    """The city a time zone is named by, in LANGUAGE: "بغداد" for Asia/Baghdad in Arabic;
    None for a zone that is an offset, not a place (UTC, Etc/GMT-3)."""
    from babel.dates import get_timezone_location

    if zone in ("UTC", "GMT") or zone.startswith("Etc/"):
        return None
    try:
        return get_timezone_location(ZoneInfo(zone), locale=_babel_locale(language), return_city=True)
    except (LookupError, ValueError):
        return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_offset(moment: dt.datetime, language: str) -> str:
    """MOMENT's offset as CLDR writes it in LANGUAGE: "غرينتش+03:00", "GMT+03:00"."""
    from babel.dates import get_timezone_gmt

    return get_timezone_gmt(moment, "long", locale=_babel_locale(language))


@lru_cache(maxsize=64)
def _babel_locale(language: str) -> Locale:
    """The CLDR locale for a language tag, falling back to its primary language, then English."""
    for candidate in (language.replace("-", "_"), re.split("[-_]", language)[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale("en")


def iso(moment: dt.datetime) -> str:
    """RFC 3339 / ISO 8601 with offset, for <time datetime> and metadata."""
    return _iso(moment, moment.tzinfo)


@lru_cache(maxsize=65536)
def _iso(moment: dt.datetime, zone: dt.tzinfo | None) -> str:
    # Cached: a date is printed on every listing, feed and related list its article
    # appears in, and formatting an aware datetime asks its zone for the offset each
    # time. ZONE is in the key because equal moments in two zones print differently.
    return moment.isoformat(timespec="seconds")


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# "dual" month names: the Levantine/Iraqi name, then the one Egypt and the Gulf use.
DUAL_MONTHS = ("ar_SY", "ar_EG")
_UNQUOTED_MONTH = re.compile(r"MMMM|LLLL")


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How the site prints dates and numbers; every date the theme prints goes through here.

    The site's locale picks the month names (ar_SY and ar_IQ say أيلول, ar_EG and
    ar_SA say سبتمبر) for articles in the locale's language; an article in another
    language gets that language's CLDR dates. Arabic-Indic digits and the Hijri date
    apply to Arabic text only.
    """

    locale: str = "ar"
    month_names: str = "locale"
    digits: str = "latin"
    hijri: bool = False
    # (day, language, style) -> the date as printed. An archive prints the same days again
    # and again (cards, feeds, date pages), and Babel is slow a date. A build makes one
    # style, which its forked workers inherit with what it printed.
    printed: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    asked: set | None = field(default=None, compare=False, hash=False, repr=False)   # keys asked, when kept

    @classmethod
    def from_config(cls, config, printed: dict | None = None) -> "DateStyle":
        """PRINTED: dates an earlier build printed in the same style (its `printed`)."""
        return cls(config.date_locale, config.month_names, config.digits, config.hijri, dict(printed or {}))

    def _locale_for(self, language: str) -> Locale:
        same = primary(language) == primary(self.locale)
        return _babel_locale(self.locale if same else language)

    def _arabic(self, language: str) -> bool:
        return primary(language) == "ar"

    def number(self, value: int | str, language: str) -> str:
        text = str(value)
        return text.translate(ARABIC_INDIC) if self.digits == "arabic" and self._arabic(language) else text

    def _pattern(self, locale: Locale, style: str) -> str:
        if style in ("full", "long", "medium", "short"):
            return locale.date_formats[style].pattern
        if style in locale.datetime_skeletons:
            return locale.datetime_skeletons[style].pattern
        return style

    def _render(self, day: dt.date, pattern: str, locale: Locale, language: str) -> str:
        if self.month_names == "dual" and self._arabic(language):
            names = "/".join(_babel_locale(code).months["format"]["wide"][day.month] for code in DUAL_MONTHS)
            pattern = _replace_month(pattern, names)
        return self.number(babel_format_date(day, format=pattern, locale=locale), language)

    def format_date(self, moment: dt.datetime | dt.date, language: str, style: str = "long") -> str:
        """STYLE is a CLDR width (full, long, medium, short), skeleton (yMMMM) or pattern."""
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        key = (day, language, style)
        found = self.printed.get(key)
        if found is None:
            found = self.printed[key] = self._format_day(day, language, style)
        if self.asked is not None:
            self.asked.add(key)
        return found

    def asking(self) -> DateStyle:
        """This style, sharing what it printed, that keeps the keys it is asked for."""
        return dataclasses.replace(self, asked=set())

    def printed_when_asked(self) -> dict:
        """What this style printed for the keys it was asked for (see asking)."""
        return {key: self.printed[key] for key in self.asked or ()}

    def _format_day(self, day: dt.date, language: str, style: str) -> str:
        locale = self._locale_for(language)
        text = self._render(day, self._pattern(locale, style), locale, language)
        if self.hijri and self._arabic(language) and style in ("full", "long"):
            hijri = hijri_date(day)
            if hijri:
                text += " · " + self.number(hijri, language)
        return text

    def format_hour(self, moment: dt.datetime, language: str) -> str:
        """The hour and minute, on the 24-hour clock news datelines use: '10:30', '١٠:٣٠'."""
        return self.number(f"{moment.hour:02d}:{moment.minute:02d}", language)

    def format_period(self, year: int, month: int | None, day: int | None, language: str) -> str:
        """The name of a date index: '2024', 'أيلول 2024', '13 أيلول 2024'."""
        if day:
            return self.format_date(dt.date(year, month or 1, day), language)
        if month:
            return self.format_date(dt.date(year, month, 1), language, "yMMMM")
        return self.number(year, language)

    def month_name(self, month: int, language: str) -> str:
        """The month's name on its own, as in an archive's list of months."""
        return self.format_date(dt.date(2000, month, 1), language, "LLLL")


def _replace_month(pattern: str, name: str) -> str:
    """Put NAME, quoted, where a CLDR pattern has its month field; quoted text stays."""
    parts = pattern.split("'")
    for index in range(0, len(parts), 2):  # even parts are outside quotes
        parts[index] = _UNQUOTED_MONTH.sub(lambda _: f"'{name}'", parts[index])
    return "'".join(parts)


def hijri_date(day: dt.date) -> str:
    """'10 ربيع الأول 1446 هـ' (Umm al-Qura), or '' outside the calendar's range (1924-2077)."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    return f"{hijri.day} {hijri.month_name('ar')} {hijri.year} {hijri.notation('ar')}"


def primary(language: str) -> str:
    return re.split("[-_]", language)[0].lower()
