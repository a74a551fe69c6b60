"""Web font subsets: what they keep, how they are declared, how Latin is matched to Arabic."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from ssg.config import FONT_ROLES
from ssg.fontfiles import find_family
from ssg.webfonts.repertoire import ARABIC, COMMON, LATIN_ACCENTED
from ssg.webfonts.stage import ARABIC_FAMILIES, LATIN_FAMILIES, ROLES
from ssg.webfonts.subset import size_adjust, subset_woff2, unicode_range
from tests.helpers import require_tool


@pytest.fixture(scope="module")
def naskh():
    found = find_family(ARABIC_FAMILIES[:1], "regular", lang="ar")
    require_tool(found is not None, "Noto Naskh Arabic (Debian: fonts-noto-core)")
    return found


@pytest.fixture(scope="module")
def serif():
    found = find_family(LATIN_FAMILIES[:1], "regular")
    require_tool(found is not None, "Noto Serif (Debian: fonts-noto-core)")
    return found


def test_a_subset_is_woff2_with_the_arabic_letters_and_their_joining_forms(naskh):
    data, codes = subset_woff2(naskh, ARABIC + COMMON)
    assert data[:4] == b"wOF2"
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    assert {ord(c) for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئةى،؟"} <= set(cmap)
    assert ord("A") not in cmap, "Latin letters are the Latin face's"
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features, "Arabic cannot be joined without them"
    assert {"mark", "mkmk"} <= {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
    assert set(codes) == set(cmap)
    whole = len(open(naskh, "rb").read())
    assert len(data) < whole / 5, (len(data), whole)


def test_unicode_range_joins_runs():
    assert unicode_range((0x20, 0x21, 0x22, 0x41, 0x621, 0x622)) == "U+20-22, U+41, U+621-622"
    assert unicode_range(()) == ""


def test_latin_is_scaled_so_its_capitals_stand_as_tall_as_the_alef(naskh, serif):
    adjust = size_adjust(naskh, serif)
    assert 0.85 < adjust < 1.0, adjust       # Noto Serif's capitals are taller than Naskh's alef
    data, _ = subset_woff2(serif, LATIN_ACCENTED)
    assert ord("é") in TTFont(io.BytesIO(data)).getBestCmap() and ord("e") not in TTFont(io.BytesIO(data)).getBestCmap()


def test_the_settings_name_every_role_of_the_stage():
    assert FONT_ROLES == tuple(role[0] for role in ROLES)
