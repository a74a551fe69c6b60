import datetime as dt

import pytest

from ssg.text.arabic import fold_key
from ssg.article import Article
from ssg.model.taxonomy import TermNamer, group_terms, look_alike


def art(*tags: str, day: int = 1) -> Article:
    return Article(source=f"content/{day}.md", title="t", slug=str(day), body="",
                   date=dt.datetime(2024, 1, day, tzinfo=dt.timezone.utc), tags=tags)


def terms(articles, **namer_options):
    namer = TermNamer(lambda path: path, **namer_options)
    namer.learn("tags", articles)
    return group_terms("tags", articles, namer, lambda path: "https://example.org" + path)


@pytest.mark.parametrize("a, b", [
    ("التوتر الإقليمي", "التوتر الاقليمي"),
    ("التوتر الإقليمي", "التَّوتُّر الإقليمي"),
    ("مستشفى", "مستشفي"),
    ("المدينة", "المدينه"),
    ("آثار", "اثار"),
    ("مؤتمر\u200f", "مؤتمر"),
    ("مـؤتـمـر", "مؤتمر"),
    ("  Iraq  War ", "iraq war"),
])
def test_spelling_variants_fold_to_one_key(a, b):
    assert fold_key(a) == fold_key(b)


def test_zwnj_between_persian_letters_is_kept():
    assert "\u200c" in fold_key("می\u200cخواهم")
    assert "\u200c" not in fold_key("خبر\u200c ")


def test_folds_can_be_turned_off():
    assert fold_key("المدينة", ("hamza", "alef_maqsura")) != fold_key("المدينه", ("hamza", "alef_maqsura"))


def test_one_term_shown_with_the_most_used_spelling():
    [term] = terms([art("التوتر الإقليمي", day=1), art("التوتر الاقليمي", day=2),
                    art("التَّوتُّر الإقليمي", day=3), art("التوتر الإقليمي", day=4)])
    assert term.name == "التوتر الإقليمي" and term.count == 4
    assert term.slug == "التوتر-الاقليمي"
    assert [a.slug for a in term.articles] == ["1", "2", "3", "4"]


def test_links_carry_the_terms_shown_name():
    articles = [art("التوتر الإقليمي", day=1), art("التوتر الإقليمي", day=2), art("التوتر الاقليمي", day=3)]
    namer = TermNamer(lambda path: path)
    namer.learn("tags", articles)
    link = namer.link("tags", "التوتر الاقليمي")
    assert (link.name, link.term, link.url) == ("التوتر الاقليمي", "التوتر الإقليمي", "/tags/التوتر-الاقليمي/")


def test_an_article_with_two_spellings_counts_once():
    [term] = terms([art("العراق", "العراق ")])
    assert term.count == 1


def test_aliases_merge_synonyms_under_the_tables_name():
    found = terms([art("داعش", day=1), art("داعش", day=2), art("تنظيم الدولة", day=3)],
                  aliases={"داعش": "تنظيم الدولة"})
    assert [(t.name, t.count) for t in found] == [("تنظيم الدولة", 3)]


def test_terms_sorted_by_count_then_name():
    found = terms([art("ب", "أ", day=1), art("ب", day=2), art("ج", day=3)])
    assert [t.name for t in found] == ["ب", "أ", "ج"]


def test_latin_slug_style_transliterates():
    [term] = terms([art("العراق")], slug_style="latin")
    assert term.slug.isascii() and term.slug


def test_look_alike_terms_are_found():
    found = terms([art("اقتصاد"), art("الاقتصاد", day=2), art("إسرائيل", day=3), art("إسرائل", day=4),
                   art("مسؤول", day=5), art("مسئول", day=6), art("Iraq", day=7), art("Irak", day=8),
                   art("Syria", day=9), art("Syrie", day=10)])
    pairs = {frozenset((a.name, b.name)) for a, b in look_alike(found)}
    assert pairs == {frozenset(("اقتصاد", "الاقتصاد")), frozenset(("إسرائيل", "إسرائل")),
                     frozenset(("مسؤول", "مسئول")), frozenset(("Syria", "Syrie"))}


def test_different_words_one_letter_apart_are_not_flagged():
    found = terms([art("الأمن"), art("اليمن", day=2), art("الرياض", day=3), art("الرياضة", day=4),
                   art("السياسة", day=5), art("السياحة", day=6), art("مصر", day=7), art("مطر", day=8)])
    assert look_alike(found) == []
