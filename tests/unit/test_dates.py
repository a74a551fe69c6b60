import datetime as dt

import pytest

from ssg.text.dates import DateStyle, hijri_date

SEPT_13 = dt.date(2024, 9, 13)


@pytest.mark.parametrize("locale, month", [
    ("ar_SY", "أيلول"), ("ar_IQ", "أيلول"), ("ar_LB", "أيلول"), ("ar_JO", "أيلول"),
    ("ar_EG", "سبتمبر"), ("ar_SA", "سبتمبر"), ("ar", "سبتمبر"),
])
def test_month_names_follow_the_sites_country(locale, month):
    assert DateStyle(locale).format_date(SEPT_13, "ar") == f"13 {month} 2024"


def test_day_names_in_the_full_style():
    assert DateStyle("ar_SY").format_date(SEPT_13, "ar", "full").startswith("الجمعة")


def test_dual_month_names():
    style = DateStyle("ar_EG", month_names="dual")
    assert style.format_date(SEPT_13, "ar") == "13 أيلول/سبتمبر 2024"
    assert style.format_period(2024, 9, None, "ar") == "أيلول/سبتمبر 2024"
    assert style.month_name(1, "ar") == "كانون الثاني/يناير"


def test_arabic_indic_digits_in_dates_and_numbers_for_arabic_text_only():
    style = DateStyle("ar_SY", digits="arabic")
    assert style.format_date(SEPT_13, "ar") == "١٣ أيلول ٢٠٢٤"
    assert style.number(25, "ar") == "٢٥"
    assert style.format_period(2024, None, None, "ar") == "٢٠٢٤"
    assert style.format_date(SEPT_13, "en") == "September 13, 2024"
    assert style.number(25, "en") == "25"


def test_hijri_date_beside_the_gregorian():
    assert hijri_date(SEPT_13) == "10 ربيع الأول 1446 هـ"
    assert DateStyle("ar_SY", hijri=True).format_date(SEPT_13, "ar") == "13 أيلول 2024 · 10 ربيع الأول 1446 هـ"
    assert DateStyle("ar", digits="arabic", hijri=True).format_date(SEPT_13, "ar").endswith("١٠ ربيع الأول ١٤٤٦ هـ")
    assert "ربيع" not in DateStyle("ar", hijri=True).format_date(SEPT_13, "en")


def test_hijri_outside_umm_al_qura_range_is_left_out():
    assert hijri_date(dt.date(1800, 1, 1)) == ""
    assert DateStyle("ar", hijri=True).format_date(dt.date(1800, 1, 1), "ar") == "1 يناير 1800"


def test_other_languages_get_their_own_dates():
    style = DateStyle("ar_SY")
    assert style.format_date(SEPT_13, "en") == "September 13, 2024"
    assert style.format_date(SEPT_13, "fr") == "13 septembre 2024"
    assert style.format_period(2024, 9, None, "en") == "September 2024"


def test_iso_prints_each_moment_in_its_own_zone_even_when_an_equal_one_was_printed_first():
    from ssg.text.dates import iso
    baghdad = dt.datetime(2024, 9, 13, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    utc = dt.datetime(2024, 9, 13, 7, 0, tzinfo=dt.timezone.utc)
    assert baghdad == utc
    assert (iso(baghdad), iso(utc)) == ("2024-09-13T10:00:00+03:00", "2024-09-13T07:00:00+00:00")
