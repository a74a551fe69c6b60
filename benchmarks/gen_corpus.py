#!/usr/bin/env python3
"""Deterministic generator of an Arabic (RTL) news-article corpus for the ssg benchmark.

Usage: python3 gen_corpus.py OUTDIR N [--seed S] [--start I]

Writes N Markdown articles with YAML front-matter to OUTDIR/YYYY/MM/a-NNNNNN.md
(articles I .. I+N-1; I defaults to 1).  Python 3 standard library only.  The
same (N, seed) always gives byte-identical files, and article i does not depend
on N, so the 1,000-article corpus is the first 1,000 articles of the
10,000-article corpus (same seed), and `--start N+1` gives "one more article"
for an existing corpus of N (benchmarks/run.py uses that for its "add" case).

Articles: dates spread over ten years (2015-01-01 .. 2024-12-31, +03:00, times
06:00-22:59), 2-5 tags drawn with Zipf-like frequency (s=1) from a pool of 300
Arabic tags, one of 12 categories, one of ~40 authors, a 600-900-word body with
2-4 `##` sub-headings, one blockquote, Latin names and numbers mixed into the
Arabic sentences, and a Markdown link in about 3 articles in 10.

Front-matter keys follow Hugo and Jekyll conventions, all of which ssg reads:
title, date (ISO 8601 with a UTC offset), draft, slug, tags (list),
categories (list), category (single, for Pelican), author, summary,
description, image, image_caption, image_credit.
"""
import argparse
import bisect
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

# ---------------------------------------------------------------- vocabulary
# About 400 common words of Arabic news prose, grouped by role so that the
# sentences read like (formulaic) news copy.

VERBS = """
قال أكد أعلن أوضح أشار كشف ذكر أضاف شدد دعا طالب أفاد نفى اعتبر رأى توقع
حذر بحث ناقش استعرض وقع افتتح زار التقى استقبل شارك أطلق قرر وافق رفض أجرى
عقد تناول تابع أعرب رحب انتقد أدان نظم حقق سجل ارتفع انخفض تراجع بلغ شهد
استمر بدأ اختتم نجح أصدر نشر قدم تضمن أسفر تصاعد أثار ساهم دعم عزز فرض أقر
اعتمد خصص جمع أنهى أكمل واصل تجاوز استأنف
""".split()

NOUNS = """
الحكومة الوزير الرئيس البرلمان المجلس اللجنة الوزارة الدولة البلاد المنطقة
المدينة العاصمة الشعب المواطنين السكان الأمن الاقتصاد السوق الأسعار النفط
الغاز الطاقة الكهرباء المياه الزراعة الصناعة التجارة الاستثمار الشركات البنك
البورصة العملة الدولار الموازنة الضرائب الديون النمو التضخم البطالة العمل
العمال الموظفين التعليم المدارس الجامعة الطلاب الصحة المستشفى الأطباء المرضى
الوباء اللقاح الدواء البيئة المناخ الأمطار الفيضانات الجفاف الطرق النقل
المطار الميناء القطار السياحة الثقافة الفن السينما المسرح الكتاب المعرض
المهرجان الرياضة المنتخب الفريق المباراة البطولة الدوري الملعب اللاعب المدرب
الجمهور الانتخابات الأحزاب المعارضة الدستور القانون القضاء المحكمة الشرطة
الجيش القوات الحدود الحرب السلام المفاوضات الاتفاق الأزمة الخلاف الحوار
المبادرة المشروع الخطة البرنامج التقرير الدراسة البيان المؤتمر القمة الاجتماع
الجلسة الزيارة الوفد السفير السفارة العلاقات التعاون الشراكة المساعدات
اللاجئين النازحين الإغاثة الضحايا المصابين الحادث الانفجار الهجوم الاحتجاجات
المظاهرات الإضراب الشباب المرأة الأطفال الأسر المجتمع الإعلام الصحافة
الصحفيين الإنترنت التكنولوجيا الهاتف البيانات المنصة التطبيق المرحلة الفترة
المستقبل التاريخ الملف القضية القرار الإجراءات الخطوة التحديات الفرص النتائج
الأرقام النسبة الخبراء المحللين المسؤولين المصادر المتحدث السلطات المنظمة
الهيئة المؤسسة الجمعية النقابة الاتحاد المركز الإدارة القطاع المستثمرين
الإنتاج الصادرات الواردات المصانع المزارعين المحاصيل القمح الخبز الوقود
الإسكان المنازل الأراضي المباني الشوارع الأحياء القرى المحافظة الولاية الإقليم
""".split()

ADJS = """
الجديد الجديدة الكبير الكبيرة الدولي الدولية المحلي المحلية الوطني الوطنية
العربي العربية الإقليمي الإقليمية الاقتصادي الاقتصادية السياسي السياسية
الأمني الأمنية الاجتماعي الاجتماعية الرسمي الرسمية الحكومي الحكومية الخاص
الخاصة العام العامة الأول الأولى الأخير الأخيرة الماضي الماضية المقبل المقبلة
الحالي الحالية الرئيسي الرئيسية المباشر الكامل الشامل المستدام الرقمي الصحي
التعليمي الثقافي الرياضي العسكري الدبلوماسي المالي التجاري الصناعي الزراعي
الخارجي الداخلي العالمي التاريخي الكبرى المهم الواسع السريع المشترك المتزايد
""".split()

PREPS = """
في من إلى على عن مع بين خلال بعد قبل حول أمام عبر لدى منذ نحو تجاه وفق بشأن
ضمن دون
""".split()

OPENERS = [
    "وقد", "كما", "من جهته،", "من جانبه،", "وفي سياق متصل،", "وبحسب المصادر،",
    "في المقابل،", "إلى ذلك،", "وأضاف أن", "وأشار إلى أن", "في حين", "بينما",
    "ومن المتوقع أن", "وفي هذا الإطار،", "على صعيد آخر،", "وتجدر الإشارة إلى أن",
    "وفق ما أفادت به التقارير،", "بدوره،", "في غضون ذلك،", "علاوة على ذلك،",
]

TIMES = """
اليوم أمس الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء
""".split() + ["الأسبوع الماضي", "الشهر الجاري", "العام الماضي", "خلال الساعات الماضية"]

FIRST_NAMES = """
محمد أحمد علي حسن خالد عمر يوسف إبراهيم سامي ليلى فاطمة مريم نور هدى سلمى
رانيا كريم طارق ماجد وليد زينب سارة عبدالله منى ياسر هشام رشا دينا باسل جمال
""".split()

LAST_NAMES = """
العلي الحسن المصري السوري الخطيب النجار الحداد العمري الزعبي القاسم الشامي
البغدادي التونسي المغربي الكبيسي الراشد العتيبي الهاشمي الجبوري السعدي
""".split()

CITIES = """
القاهرة الرياض دبي أبوظبي الدوحة بيروت دمشق بغداد عمّان القدس غزة الخرطوم
طرابلس الرباط جدة الإسكندرية الموصل البصرة حلب صنعاء عدن مسقط المنامة
""".split()

LATIN = [
    "Emmanuel Macron", "António Guterres", "IMF", "UNESCO", "Apple", "Google",
    "Reuters", "OPEC+", "COVID-19", "NASA", "FIFA", "World Bank", "Bloomberg",
    "BBC", "Tesla", "Microsoft", "Samsung", "Airbus", "Boeing", "Olaf Scholz",
    "Ursula von der Leyen", "Christine Lagarde", "Elon Musk", "Amnesty International",
    "Human Rights Watch", "Goldman Sachs", "Moody's", "S&P Global", "TotalEnergies",
    "Siemens", "Huawei", "OpenAI", "WHO", "UNICEF", "UNHCR", "G20", "Brent",
]

LINKS = [
    ("التقرير الكامل", "https://www.example.org/reports/{n}"),
    ("بيان الوزارة", "https://www.example.gov/ar/news/{n}"),
    ("موقع المنظمة", "https://www.example.int/ar/{n}"),
    ("الدراسة المنشورة", "https://journal.example.com/articles/{n}"),
    ("تغطية سابقة", "/a/{n}/"),
]

CATEGORIES = [
    "سياسة", "اقتصاد", "رياضة", "ثقافة", "صحة", "تكنولوجيا", "علوم", "بيئة",
    "مجتمع", "رأي", "منوعات", "دولي",
]

CREDITS = ["Reuters", "AFP", "AP", "EPA", "Getty Images", "وكالة الأنباء الرسمية",
           "أرشيف الصحيفة"]

# ---------------------------------------------------------------- tag pool
TAG_POOL_RAW = """
مصر|السعودية|الإمارات|قطر|الكويت|البحرين|سلطنة عمان|اليمن|العراق|سوريا|لبنان|
الأردن|فلسطين|ليبيا|تونس|الجزائر|المغرب|موريتانيا|السودان|الصومال|جيبوتي|
جزر القمر|تركيا|إيران|إسرائيل|الولايات المتحدة|روسيا|الصين|الهند|باكستان|
أفغانستان|فرنسا|ألمانيا|بريطانيا|إيطاليا|إسبانيا|اليابان|كوريا الجنوبية|
البرازيل|كندا|أستراليا|إثيوبيا|نيجيريا|جنوب أفريقيا|أوكرانيا|الاتحاد الأوروبي|
إندونيسيا|ماليزيا|المكسيك|الأرجنتين|
القاهرة|الرياض|دبي|أبوظبي|الدوحة|بيروت|دمشق|بغداد|عمّان|القدس|غزة|الخرطوم|
طرابلس|الرباط|الدار البيضاء|جدة|مكة المكرمة|المدينة المنورة|الإسكندرية|
الموصل|البصرة|حلب|حمص|صنعاء|عدن|مسقط|المنامة|نواكشوط|مراكش|وهران|بنغازي|
أربيل|إسطنبول|أنقرة|طهران|موسكو|واشنطن|نيويورك|باريس|لندن|برلين|بكين|جنيف|
بروكسل|فيينا|
الاقتصاد|السياسة|الرياضة|الثقافة|الصحة|التعليم|التكنولوجيا|البيئة|المناخ|
الطاقة|النفط|الغاز الطبيعي|الطاقة المتجددة|الطاقة الشمسية|الزراعة|
الأمن الغذائي|المياه|التجارة|الاستثمار|البورصة|العملات الرقمية|البنوك|التضخم|
البطالة|الفقر|الهجرة|اللاجئون|حقوق الإنسان|حرية الصحافة|الانتخابات|البرلمان|
الدستور|القضاء|الفساد|الإرهاب|الأمن|الدفاع|العلاقات الدولية|الدبلوماسية|
الأمم المتحدة|جامعة الدول العربية|مجلس التعاون الخليجي|الاتحاد الأفريقي|
منظمة الصحة العالمية|صندوق النقد الدولي|البنك الدولي|أوبك|حلف الناتو|مجلس الأمن|
كرة القدم|كأس العالم|دوري أبطال أفريقيا|دوري أبطال آسيا|الألعاب الأولمبية|
كرة السلة|التنس|ألعاب القوى|السينما|المسرح|الموسيقى|الأدب|الشعر|الرواية|
معرض الكتاب|التراث|الآثار|السياحة|الطيران|النقل|السكك الحديدية|الإسكان|
العقارات|المدن الذكية|الذكاء الاصطناعي|الأمن السيبراني|الإنترنت|
وسائل التواصل الاجتماعي|الهواتف الذكية|الفضاء|العلوم|البحث العلمي|الجامعات|
المدارس|الطفولة|المرأة|الشباب|كبار السن|الصحة النفسية|فيروس كورونا|اللقاحات|
المستشفيات|الأوبئة|الزلازل|الفيضانات|الجفاف|التصحر|الحرائق|التلوث|
التغير المناخي|قمة المناخ|النقل العام|الموانئ|قناة السويس|الأسواق|الذهب|
الأسعار|الموازنة العامة|الضرائب|الديون|الخصخصة|ريادة الأعمال|الشركات الناشئة|
التجارة الإلكترونية|الصناعة|السيارات الكهربائية|الاتصالات|الإعلام|الصحافة|
حقوق المرأة|التعليم العالي|الأمن المائي|رمضان|عيد الفطر|عيد الأضحى|الحج|
العمرة|الأوقاف|التراث الشعبي|الفنون التشكيلية|المهرجانات|الجوائز|
الربيع العربي|اتفاق باريس|رؤية 2030|إكسبو 2020|مونديال قطر 2022|
الحرب في أوكرانيا|الأزمة الاقتصادية|أزمة الطاقة|أزمة الغذاء|سد النهضة|
نهر النيل|نهر الفرات|البحر الأحمر|البحر المتوسط|الخليج العربي|مضيق هرمز|
الصحراء الكبرى|الانتخابات الرئاسية|الانتخابات البرلمانية|الانتخابات البلدية|
الحكومة الجديدة|التعديل الوزاري|الإصلاح الاقتصادي|الإصلاح الإداري|
مكافحة الفساد|سوق العمل|الحد الأدنى للأجور|الدعم الحكومي|أسعار الوقود|
أسعار الخبز|الكهرباء|الإنترنت الفضائي|النازحون|المساعدات الإنسانية|
الهلال الأحمر|الصليب الأحمر|الأونروا|المفوضية السامية لشؤون اللاجئين|
محكمة العدل الدولية|المحكمة الجنائية الدولية|حقوق الطفل|العنف الأسري|
المخدرات|الجريمة المنظمة|الهجرة غير النظامية|خفر السواحل|الحدود|
الجيش|الشرطة|وزارة الداخلية|وزارة الخارجية|وزارة المالية|البنك المركزي|
سعر الصرف|الجنيه المصري|الريال السعودي|الدرهم الإماراتي|الدينار العراقي|
الليرة اللبنانية|الليرة التركية|الدولار|اليورو|أسعار الفائدة|الاحتياطي الفيدرالي|
الناتج المحلي|الصادرات|الواردات|الاستثمار الأجنبي|المناطق الحرة|
الموانئ الجافة|الأمن الغذائي العربي|القمح|الأرز|السكر|زيت الزيتون|التمور|
الثروة السمكية|الثروة الحيوانية|الغابات|المحميات الطبيعية|الحياة البرية|
الطاقة النووية|الهيدروجين الأخضر|طاقة الرياح|تحلية المياه|السدود|
الأمطار|العواصف|موجات الحر|الطقس|الأرصاد الجوية|علم الفلك|الأقمار الصناعية|
مسبار الأمل|وكالة الفضاء|الروبوتات|البلوك تشين|الحوسبة السحابية|
الجيل الخامس|البيانات الضخمة|الخصوصية|الأخبار الكاذبة|التعليم عن بعد|
المناهج الدراسية|امتحانات الثانوية|المنح الدراسية|محو الأمية|
اللغة العربية|الترجمة|الخط العربي|المخطوطات|المتاحف|اليونسكو|
مواقع التراث العالمي|مهرجان القاهرة السينمائي|مهرجان قرطاج|جائزة البوكر|
جائزة نوبل|الدراما التلفزيونية|المسلسلات الرمضانية|الأغنية العربية|
الموسيقى الكلاسيكية|الفن المعاصر|التصوير الفوتوغرافي|الأزياء|المطبخ العربي|
الدوري المصري|الدوري السعودي|الدوري الإسباني|الدوري الإنجليزي|كأس الأمم الأفريقية|
كأس آسيا|كأس العرب|الأهلي|الزمالك|الهلال|النصر|الوداد|الترجي|محمد صلاح|
رياض محرز|أشرف حكيمي|سباق الخيل|الفروسية|السباحة|الملاكمة|الرياضات الإلكترونية|
ماراثون|الدراجات الهوائية|الشطرنج|كرة اليد|الكرة الطائرة|الغولف|الفورمولا 1
"""

TAG_POOL = []
for _t in TAG_POOL_RAW.replace("\n", "").split("|"):
    _t = _t.strip()
    if _t and _t not in TAG_POOL:
        TAG_POOL.append(_t)
TAG_POOL = TAG_POOL[:300]

START = datetime(2015, 1, 1, tzinfo=timezone(timedelta(hours=3)))
SPAN_DAYS = 3652  # ~10 years: 2015-01-01 .. 2024-12-31
TZ = timezone(timedelta(hours=3))


def zipf_weights(n, s=1.0):
    return [1.0 / (k ** s) for k in range(1, n + 1)]


def pick_weighted_distinct(rng, items, cum, k):
    """k distinct items, drawn with the given cumulative weights."""
    out = []
    total = cum[-1]
    while len(out) < k:
        x = rng.random() * total
        it = items[bisect.bisect_right(cum, x)]
        if it not in out:
            out.append(it)
    return out


class Gen:
    def __init__(self, seed):
        self.seed = seed
        r = random.Random(f"pool-{seed}")
        order = TAG_POOL[:]
        r.shuffle(order)  # which tag is most frequent depends on the seed
        self.tags_by_rank = order
        cum, acc = [], 0.0
        for w in zipf_weights(len(order), 1.0):
            acc += w
            cum.append(acc)
        self.tag_cum = cum
        self.authors = []
        for i in range(40):
            a = f"{FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]} {LAST_NAMES[(i * 3 + i // 20) % len(LAST_NAMES)]}"
            if a not in self.authors:
                self.authors.append(a)

    # -- text pieces
    def place(self, rng):
        return rng.choice(CITIES)

    def number(self, rng):
        k = rng.random()
        if k < 0.3:
            return f"{rng.randint(2, 98)}.{rng.randint(1, 9)}%"
        if k < 0.5:
            return f"{rng.randint(1, 900)} مليون دولار"
        if k < 0.7:
            return str(rng.randint(2015, 2030))
        if k < 0.85:
            return f"{rng.randint(10, 9999):,}"
        return f"{rng.randint(1, 31)}/{rng.randint(1, 12)}"

    def person(self, rng):
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def np(self, rng):
        """noun phrase"""
        k = rng.random()
        if k < 0.45:
            return f"{rng.choice(NOUNS)} {rng.choice(ADJS)}"
        if k < 0.75:
            return f"{rng.choice(NOUNS)} {rng.choice(NOUNS)}"
        return rng.choice(NOUNS)

    def sentence(self, rng, bidi=0.18):
        parts = []
        if rng.random() < 0.45:
            parts.append(rng.choice(OPENERS))
        parts.append(rng.choice(VERBS))
        parts.append(self.np(rng))
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(PREPS))
            parts.append(self.np(rng))
        if rng.random() < 0.3:
            parts.append(f"في {self.place(rng)}")
        if rng.random() < 0.25:
            parts.append(rng.choice(TIMES))
        if rng.random() < bidi:
            parts.append(f"وفق {rng.choice(LATIN)}" if rng.random() < 0.5 else
                         f"بنسبة {self.number(rng)}")
        if rng.random() < 0.12:
            parts.append(f"بحسب {self.person(rng)}")
        return " ".join(parts) + "."

    def paragraph(self, rng, nsent):
        return " ".join(self.sentence(rng) for _ in range(nsent))

    def title(self, rng):
        k = rng.random()
        if k < 0.4:
            t = f"{rng.choice(NOUNS)} {rng.choice(ADJS)} {rng.choice(VERBS)} {self.np(rng)} في {self.place(rng)}"
        elif k < 0.7:
            t = f"{rng.choice(VERBS)} {self.np(rng)} {rng.choice(PREPS)} {self.np(rng)}"
        elif k < 0.85:
            t = f"{self.person(rng)}: {self.np(rng)} {rng.choice(PREPS)} {self.np(rng)}"
        else:
            t = f"{self.np(rng)} {rng.choice(PREPS)} {rng.choice(LATIN)} {rng.choice(PREPS)} {self.number(rng)}"
        return t

    # -- one article
    def article(self, i):
        rng = random.Random(f"art-{self.seed}-{i}")
        slug = f"a-{i:06d}"
        dt = START + timedelta(days=rng.randrange(SPAN_DAYS),
                               hours=rng.randint(6, 22), minutes=rng.randrange(60),
                               seconds=rng.randrange(60))
        dt = dt.replace(tzinfo=TZ)
        ntags = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
        tags = pick_weighted_distinct(rng, self.tags_by_rank, self.tag_cum, ntags)
        cat = CATEGORIES[min(int(rng.expovariate(0.25)), len(CATEGORIES) - 1)]
        author = rng.choice(self.authors)
        title = self.title(rng)
        summary = self.sentence(rng, bidi=0.1)
        caption = " ".join(self.sentence(rng, bidi=0).split()[:rng.randint(7, 12)])
        credit = rng.choice(CREDITS) if rng.random() < 0.6 else f"تصوير: {self.person(rng)}"
        image = f"/images/{dt:%Y}/{dt:%m}/{slug}.jpg"

        target = rng.randint(600, 900)
        nsec = rng.randint(2, 4)
        quote_at = rng.randrange(nsec + 1)
        body = []
        words = 0

        def add_par():
            nonlocal words
            p = self.paragraph(rng, rng.randint(2, 5))
            body.append(p)
            words += len(p.split())

        # lead paragraph(s)
        per_block = target // (nsec + 1)
        for s in range(nsec + 1):
            if s > 0:
                h = f"## {self.np(rng)} {rng.choice(PREPS)} {self.np(rng)}"
                body.append(h)
                words += len(h.split()) - 1
            goal = per_block * (s + 1) if s < nsec else target
            while words < goal:
                add_par()
            if s == quote_at:
                q = f"> «{self.sentence(rng, bidi=0.3)[:-1]}»، {rng.choice(['قال', 'أكد', 'أوضح'])} {self.person(rng)}."
                body.append(q)
                words += len(q.split()) - 1

        if rng.random() < 0.3:  # about 3 articles in 10 carry one link
            cand = [k for k, p in enumerate(body) if not p.startswith(("#", ">"))]
            k = rng.choice(cand)
            text, url = rng.choice(LINKS)
            w = body[k].split(" ")
            w.insert(rng.randrange(1, len(w)),
                     f"([{text}]({url.format(n=rng.randint(1, 99999))}))")
            body[k] = " ".join(w)

        fm = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            f"date: {dt.isoformat()}",
            "draft: false",
            f"slug: {slug}",
            f"author: {json.dumps(author, ensure_ascii=False)}",
            f"category: {json.dumps(cat, ensure_ascii=False)}",
            f"categories: [{json.dumps(cat, ensure_ascii=False)}]",
            "tags:",
            *[f"  - {json.dumps(t, ensure_ascii=False)}" for t in tags],
            f"summary: {json.dumps(summary, ensure_ascii=False)}",
            f"description: {json.dumps(summary, ensure_ascii=False)}",
            f"image: {image}",
            f"image_caption: {json.dumps(caption, ensure_ascii=False)}",
            f"image_credit: {json.dumps(credit, ensure_ascii=False)}",
            "---",
            "",
        ]
        text = "\n".join(fm) + "\n\n".join(body) + "\n"
        rel = os.path.join(f"{dt:%Y}", f"{dt:%m}", f"{slug}.md")
        return rel, text


def write_article(outdir, gen, i):
    """Write article i of the corpus under outdir; return its path."""
    rel, text = gen.article(i)
    path = os.path.join(outdir, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--start", type=int, default=1, help="number of the first article (default 1)")
    a = ap.parse_args(argv)
    if a.n < 0 or a.start < 1:
        ap.error("N must be >= 0 and --start >= 1")
    g = Gen(a.seed)
    made = set()
    for i in range(a.start, a.start + a.n):
        rel, text = g.article(i)
        path = os.path.join(a.outdir, rel)
        d = os.path.dirname(path)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    print(f"wrote {a.n} articles to {a.outdir} (tag pool {len(TAG_POOL)}, seed {a.seed})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
