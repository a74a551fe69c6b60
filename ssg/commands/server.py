"""The preview server: serves a built folder over HTTP, injects live reload into HTML
responses, overlays build errors, and never serves a file outside its folder.

It knows nothing about building: the preview wiring (preview.py) tells it when a
rebuild starts and how it ended, and requests wait while one runs, so no half-built
page is ever served.
"""

from __future__ import annotations

import html
import http.server
import json
import mimetypes
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlsplit

from ..errors import SiteError

LIVE_PREFIX = "/__ssg/"
LIVE_SCRIPT = Path(__file__).parent.parent / "rendering" / "builtin" / "live.js"
HEARTBEAT_SECONDS = 15.0
WAIT_FOR_BUILD_SECONDS = 120.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".json": "application/json",
    ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ico": "image/x-icon", ".webp": "image/webp",
    ".avif": "image/avif", ".pf_meta": "application/octet-stream", ".pagefind": "application/octet-stream",
}

OVERLAY_WORDS = {
    "ar": ("تعذّر بناء الموقع", "ما زالت تُعرض آخر نسخة ناجحة. أصلح الأخطاء واحفظ الملف."),
    "en": ("The build failed", "The last good build is still served. Fix the errors and save."),
    "fr": ("La construction a échoué", "La dernière version réussie reste servie. Corrigez et enregistrez."),
}


@dataclass
class PreviewStatus:
    """Shared between the rebuild thread and request threads."""
    version: int = 0                  # counts finished rebuilds, good or failed
    building: bool = False
    errors: tuple[SiteError, ...] = ()
    css_only: bool = False            # the last rebuild changed only stylesheets
    stopping: bool = False
    condition: threading.Condition = field(default_factory=threading.Condition)

    def start_build(self) -> None:
        with self.condition:
            self.building = True

    def finish_build(self, errors: Sequence[SiteError] = (), css_only: bool = False) -> None:
        with self.condition:
            self.building, self.errors = False, tuple(errors)
            self.css_only = css_only and not errors
            self.version += 1
            self.condition.notify_all()

    def wait_until_idle(self) -> None:
        with self.condition:
            self.condition.wait_for(lambda: not self.building or self.stopping, timeout=WAIT_FOR_BUILD_SECONDS)

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()


def content_type(path: Path) -> str:
    if path.name.endswith("feed.xml"):
        return "application/atom+xml; charset=utf-8"
    suffix = path.suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def safe_file(folder: Path, url_path: str) -> tuple[str, Path | None]:
    """Map a decoded URL path to a file inside FOLDER.

    Returns ("file", path), ("redirect", None) for a folder asked without its
    trailing slash, or ("missing", None). '..' segments, NUL bytes, backslashes and
    symlinks that lead out of FOLDER are all "missing": nothing outside is ever read.
    """
    if "\x00" in url_path or "\\" in url_path:
        return "missing", None
    segments = [s for s in url_path.split("/") if s not in ("", ".")]
    if ".." in segments:
        return "missing", None
    root = folder.resolve()
    target = root.joinpath(*segments)
    try:
        resolved = target.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError, RuntimeError, OSError):
        return "missing", None
    if not resolved.is_relative_to(root):
        return "missing", None
    if resolved.is_dir():
        if not url_path.endswith("/"):
            return "redirect", None
        index = resolved / "index.html"
        if index.is_file() and index.resolve().is_relative_to(root):
            return "file", index
        return "missing", None
    return ("file", resolved) if resolved.is_file() else ("missing", None)


def overlay_html(errors: Sequence[SiteError], page_lang: str, page_dir: str) -> str:
    lang = page_lang.split("-")[0] if page_lang.split("-")[0] in OVERLAY_WORDS else "en"
    title, advice = OVERLAY_WORDS[lang]
    items = "".join(
        f'<li><code dir="ltr">{html.escape(e.path)}{":" + str(e.line) if e.line else ""}</code> '
        f'<span dir="auto">{html.escape(e.message)}</span>'
        + (f'<br><small dir="auto">{html.escape(e.hint)}</small>' if e.hint else "") + "</li>"
        for e in errors)
    return (f'<div id="ssg-error-overlay" role="alert" lang="{html.escape(lang)}" dir="{html.escape(page_dir)}" '
            'style="position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.93);'
            'color:#fff;font:16px/1.6 system-ui,\'Noto Sans Arabic\',sans-serif;padding:2rem;text-align:start">'
            f'<h2 style="margin:0 0 .5rem;color:#ff8a80">{html.escape(title)}</h2>'
            f'<p style="margin:0 0 1rem">{html.escape(advice)}</p>'
            f'<ul style="margin:0;padding-inline-start:1.25rem">{items}</ul></div>')


_HTML_ATTRS = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)


def inject(page: bytes, state: PreviewStatus) -> bytes:
    """Add the live-reload script (and the error overlay) to an HTML response; the files on
    disk are never touched."""
    addition = f'<script src="{LIVE_PREFIX}live.js" data-version="{state.version}"></script>'
    if state.errors:
        tag = _HTML_ATTRS.search(page)
        attrs = tag.group(0).decode("utf-8", "replace") if tag else ""
        lang = re.search(r'lang="([^"]*)"', attrs)
        direction = re.search(r'dir="([^"]*)"', attrs)
        addition = overlay_html(state.errors, lang.group(1) if lang else "en",
                                direction.group(1) if direction else "ltr") + addition
    data = addition.encode("utf-8")
    at = page.lower().rfind(b"</body>")
    return page[:at] + data + page[at:] if at >= 0 else page + data


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server_version = "ssg-preview"
    protocol_version = "HTTP/1.1"
    folder: Path
    base_path: str
    state: PreviewStatus

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        raw_path = urlsplit(self.path).path if not self.path.startswith("//") else self.path.split("?")[0]
        query = urlsplit(self.path).query
        if raw_path == LIVE_PREFIX + "events":
            return self._events()
        if raw_path == LIVE_PREFIX + "live.js":
            return self._send(200, LIVE_SCRIPT.read_bytes(), "text/javascript; charset=utf-8", head)
        try:
            path = unquote(raw_path, errors="strict")
        except UnicodeDecodeError:
            return self._not_found(head)
        self.state.wait_until_idle()
        if self.base_path:
            if path == "/" or path == self.base_path:
                return self._redirect(self.base_path + "/")
            if not path.startswith(self.base_path + "/"):
                return self._not_found(head)
            path = path[len(self.base_path):]
        kind, file = safe_file(self.folder, path)
        if kind == "redirect":
            return self._redirect(raw_path + "/" + ("?" + query if query else ""))
        if kind == "missing":
            return self._not_found(head)
        self._send_file(200, file, head)

    def _send_file(self, status: int, file: Path, head: bool) -> None:
        try:
            data = file.read_bytes()
        except OSError:
            return self._send(404, b"not found\n", "text/plain; charset=utf-8", head)
        kind = content_type(file)
        if kind.startswith("text/html"):
            data = inject(data, self.state)
        self._send(status, data, kind, head)

    def _not_found(self, head: bool) -> None:
        page = self.folder / "404.html"
        if page.is_file():
            return self._send_file(404, page, head)
        self._send(404, b"not found\n", "text/plain; charset=utf-8", head)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send(self, status: int, data: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-Sent Events: the build version now, then after every rebuild."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state, seen = self.state, None
        try:
            while True:
                with state.condition:
                    if state.version == seen and not state.stopping:
                        state.condition.wait(timeout=HEARTBEAT_SECONDS)
                    if state.stopping:
                        return
                    version, css_only, failed = state.version, state.css_only, bool(state.errors)
                if version != seen:
                    message = json.dumps({"version": version, "css_only": css_only, "failed": failed})
                    self.wfile.write(f"event: build\ndata: {message}\n\n".encode("utf-8"))
                    seen = version
                else:
                    self.wfile.write(b": heartbeat\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, folder: Path, state: PreviewStatus, host: str = "127.0.0.1", port: int = 8000,
                 base_path: str = ""):
        handler = type("Handler", (PreviewHandler,), {"folder": folder, "state": state, "base_path": base_path})
        super().__init__((host, port), handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}"
