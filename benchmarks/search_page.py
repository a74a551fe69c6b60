"""What the search page fetches: before the reader starts, when the field is focused
(the index opens), and for each query, in requests and bytes; with the time to results.

    .venv/bin/python benchmarks/search_page.py OUTPUT_FOLDER QUERY [QUERY ...]

OUTPUT_FOLDER is a built site (its site/ folder), served here on 127.0.0.1 and opened in
Debian's chromium (Playwright); the browser cache is on, so a query fetches only what
earlier ones did not. Bytes are the files' sizes (no compression: the test server
sends none; a host with gzip sends less of the .js and .json, Pagefind's own files are
compressed already).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
import urllib.parse
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("queries", nargs="+")
    arguments = parser.parse_args()
    from playwright.sync_api import sync_playwright
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(arguments.output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fetched: list[tuple[str, int]] = []

    def count(response) -> None:
        path = urllib.parse.urlparse(response.url).path
        local = arguments.output / urllib.parse.unquote(path).lstrip("/")
        size = local.stat().st_size if local.is_file() else 0
        fetched.append((path, size))

    def step(name: str, since: int, seconds: float | None = None) -> None:
        part = fetched[since:]
        index = [size for path, size in part if path.startswith("/pagefind/")]
        took = f", {seconds * 1000:.0f} ms to results" if seconds is not None else ""
        print(f"{name}: {len(part)} requests, {sum(s for _, s in part) / 1024:.0f} KiB "
              f"(index: {len(index)} requests, {sum(index) / 1024:.0f} KiB){took}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("response", count)
        page.goto(base + "/search/")
        page.wait_for_load_state("networkidle")
        step("page load", 0)
        mark = len(fetched)
        page.focus("#search-input")
        page.wait_for_selector(".search-filters:not([data-waiting])")
        page.wait_for_load_state("networkidle")
        step("field focused (index opened)", mark)
        for query in arguments.queries:
            mark = len(fetched)
            started = time.perf_counter()
            page.fill("#search-input", query)
            page.wait_for_function("(q) => new URL(location.href).searchParams.get('q') === q", arg=query)
            page.wait_for_function("() => { const s = document.querySelector('.search-status').textContent;"
                                   " return s !== '' && !s.includes('…'); }")
            seconds = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            shown = page.eval_on_selector_all(".search-result", "items => items.length")
            step(f"query {query!r} ({shown} shown, {page.inner_text('.search-status')})", mark, seconds)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
