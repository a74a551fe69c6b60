"""The built site on nginx from Debian, the static host most servers run, with the
ordinary configuration: folders with index.html, the site's 404 page, UTF-8 paths."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from ssg.build import build
from tests.helpers import article, require_tool
from tests.serving import get

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

CONFIG = """
worker_processes 1;
{user}
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {work}/body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    absolute_redirect off;
    error_page 404 {prefix}/404.html;
    {location}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(tmp_path):
    require_tool(Path(NGINX).exists(), "nginx (apt-get install nginx)")
    started = []

    def start(site: Path, prefix: str = "") -> str:
        work = tmp_path / f"nginx{len(started)}"
        work.mkdir()
        port = free_port()
        if prefix:
            location = f"location {prefix}/ {{ alias {site}/; }}"
        else:
            location = "location / { try_files $uri $uri/ =404; }"
        root = site if not prefix else tmp_path / "empty"
        root.mkdir(exist_ok=True)
        (work / "nginx.conf").write_text(CONFIG.format(
            user="user root;" if os.geteuid() == 0 else "", work=work, port=port, root=root, prefix=prefix,
            location=location), encoding="utf-8")
        subprocess.run([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")], check=True,
                       capture_output=True)
        started.append(work)
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                get(url, "/")
                break
            except OSError:
                time.sleep(0.05)
        return url

    yield start
    for work in started:
        pid = (work / "nginx.pid").read_text().strip() if (work / "nginx.pid").exists() else ""
        if pid:
            subprocess.run(["kill", pid], check=False)


def test_sample_archive_on_nginx(nginx, sample_site):
    url = nginx(sample_site)
    status, headers, body = get(url, "/" + quote("2024/09/مهرجان-الكتاب") + "/")
    assert status == 200 and "معرض الكتاب".encode() in body
    status, _, body = get(url, "/tags/" + quote("العراق") + "/")
    assert status == 200 and "العراق".encode() in body
    status, headers, body = get(url, "/no/such/page/")
    assert status == 404 and "الصفحة غير موجودة".encode() in body
    status, headers, _ = get(url, "/2024/09/shipping-insurance-costs")
    assert status == 301 and headers["location"] == "/2024/09/shipping-insurance-costs/"
    status, headers, _ = get(url, "/css/" + next(p.name for p in (sample_site / "css").iterdir()))
    assert status == 200 and headers["content-type"].startswith("text/css")


def test_a_site_under_a_sub_path_on_nginx(nginx, make_site):
    root = make_site({"content/x.md": article("قمة", "2024-09-13", slug="قمة-المياه", tags="[المياه]")},
                     'title = "أرشيف"\nbase_url = "https://example.org/archive/"\n')
    build(root)
    url = nginx(root / "site", prefix="/archive")
    status, _, body = get(url, "/archive/2024/09/" + quote("قمة-المياه") + "/")
    assert status == 200
    stylesheet = body.split(b'rel="stylesheet" href="', 1)[1].split(b'"', 1)[0].decode()
    assert stylesheet.startswith("/archive/") and get(url, stylesheet)[0] == 200
    for link in (b'href="/archive/tags/', b'href="/archive/feed.xml"'):
        assert link in body
    status, _, body = get(url, "/archive/tags/" + quote("المياه") + "/")
    assert status == 200
    status, _, body = get(url, "/archive/missing/")
    assert status == 404 and "الصفحة غير موجودة".encode() in body
