"""Running `ssg serve` in a subprocess for tests, and talking to it over real HTTP."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SERVE_TIMEOUT = 20.0


@contextlib.contextmanager
def running_server(root: Path, tmp_path: Path, *args: str):
    """Start `ssg serve --port 0`; yield (base URL, process, its temp folder parent)."""
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "ssg", "serve", "-s", str(root), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    url = None
    deadline = time.monotonic() + SERVE_TIMEOUT
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        match = re.search(r"at (http://127\.0\.0\.1:\d+/\S*)", line)
        url = match.group(1) if match else None
    assert url, "server did not start:\n" + "".join(lines)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        yield url, process, temp, output
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def get(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05):
    """Poll until PREDICATE returns something true; return it, or fail after TIMEOUT."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")
