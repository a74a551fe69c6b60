"""The newsroom: a small archive that rebuild tests edit."""

from __future__ import annotations

import pytest

from tests.helpers import article


@pytest.fixture
def newsroom(make_site):
    files = {}
    for n in range(12):
        tags = ["العراق"] + (["المياه"] if n % 2 else ["الطاقة"]) + (["نادر"] if n in (3, 7) else [])
        files[f"content/2024/a{n:02d}.md"] = article(
            f"خبر {n}", f"2024-{1 + n // 4:02d}-{1 + n:02d}T10:00:00+03:00", slug=f"a{n:02d}",
            tags="[" + ", ".join(tags) + "]", categories="[سياسة]",
            body=f"نص الخبر {n}." + (" [السابق](a00.md)" if n == 5 else ""))
    files["static/css/extra.css"] = "body { color: black; }\n"
    files["content/2024/images/a.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"/>'
    return make_site(files, 'title = "أرشيف"\nbase_url = "https://example.org/"\nper_page = 3\n')
