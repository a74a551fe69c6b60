"""Pagefind's indexing service (`pagefind --service`), driven from the build.

The service reads requests and writes answers on its standard streams, each a JSON
object in base64 followed by a comma. The `pagefind` Python package speaks the same
protocol, but waits a tenth of a second before reading each answer: ten records a
second, 17 minutes for 10,000 articles. Here requests are written as fast as the
service takes them and a thread reads the answers as they come.

One service indexes one shard at a time and is then closed: the service keeps the
memory an index took even after the index is deleted (about 450 MB after 1,000
articles of 5,000 characters), and a fresh process gives it back.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Iterable


class ServiceError(Exception):
    """The service could not be started, stopped answering, or refused a request."""


def executable() -> Path:
    """The Pagefind binary: PAGEFIND_BINARY_PATH when set (as for Pagefind's own Python
    package), or else the one the `pagefind[extended]` package ships (the extended build
    segments and stems more languages)."""
    chosen = os.environ.get("PAGEFIND_BINARY_PATH")
    if chosen:
        return Path(chosen)
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = __import__(module).get_executable()
        except (ImportError, FileNotFoundError, AttributeError):
            continue
        if found is not None:
            return Path(found)
    raise ServiceError("the Pagefind binary is not installed")


class PagefindService:
    def __init__(self, binary: Path | None = None):
        self._errors = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(binary or executable()), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._errors)
        except OSError as error:
            self._errors.close()
            raise ServiceError(f"Pagefind could not be started: {error}") from None
        self._answers: queue.Queue[dict | None] = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._read_answers, daemon=True).start()

    def _read_answers(self) -> None:
        stream, pending = self._process.stdout, b""
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                self._answers.put(None)         # the service is gone
                return
            pending += chunk
            *complete, pending = pending.split(b",")
            for message in complete:
                self._answers.put(json.loads(base64.b64decode(message)))

    def ask(self, payloads: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send PAYLOADS; their answers, in the same order. Raises ServiceError on the first
        refusal, naming it."""
        sent: dict[int, int] = {}
        try:
            for payload in payloads:
                self._next_id += 1
                sent[self._next_id] = len(sent)
                request = {"message_id": self._next_id, "payload": payload}
                self._process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
            self._process.stdin.flush()
        except OSError:
            raise ServiceError(self._gone()) from None
        answers: list[dict[str, Any] | None] = [None] * len(sent)
        for _ in range(len(sent)):
            answer = self._answers.get()
            if answer is None:
                raise ServiceError(self._gone())
            payload = answer.get("payload", {})
            if payload.get("type") == "Error" or answer.get("message_id") not in sent:
                raise ServiceError(f"Pagefind refused a request: {payload.get('message', '?')}")
            answers[sent[answer["message_id"]]] = payload
        return answers

    def _gone(self) -> str:
        self._process.wait()
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return f"Pagefind stopped (exit status {self._process.returncode})" + (f": {said[-1]}" if said else "")

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._errors.close()

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
