"""`ssg serve`: build into a private temporary folder, serve it, rebuild on save."""

from __future__ import annotations

import errno
import queue
import shutil
import signal
import tempfile
import threading
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..build import build
from ..incremental.state import cache_folder
from ..config import load_config
from ..errors import BuildFailed, CommandError, unexpected
from .server import PreviewStatus, PreviewServer
from ..rendering.theme import find_theme
from .watch import Changes, WatchedFolders, Watcher


class ServeError(CommandError):
    pass


@dataclass(frozen=True, slots=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    future: bool = False
    open_browser: bool = False


def serve_site(root: Path, options: ServeOptions, say: Callable[[str], None] = print) -> None:
    """Serve ROOT until Ctrl-C (or SIGTERM); the temporary folder is removed on the way out."""
    config = load_config(root)
    temp = Path(tempfile.mkdtemp(prefix="ssg-serve-"))
    output = temp / "site"
    state = PreviewStatus()
    try:
        try:
            server = PreviewServer(output, state, options.host, options.port, config.base_path)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServeError(f"port {options.port} on {options.host} is in use; pick another with --port N, "
                                 "or --port 0 for a free one") from None
            raise ServeError(f"cannot listen on {options.host}:{options.port}: {error.strerror}") from None
        base_url = f"{server.url}{config.base_path}/"
        rebuilds: queue.Queue[Changes | None] = queue.Queue()

        def rebuild(changes: Changes | None) -> None:
            state.start_build()
            started = time.perf_counter()
            try:
                # Rebuilds run in this process: forking beside the server's threads is unsafe.
                # The search index is built once: re-indexing the shard of an edited article
                # (a thousand articles in a large archive) would add seconds to every save.
                build(root, output, drafts=options.drafts, future=options.future, base_url=base_url,
                      jobs=None if changes is None else 1, reindex=changes is None)
            except BuildFailed as failure:
                say(failure.report())
                state.finish_build(failure.errors)
                return
            except Exception as error:  # noqa: BLE001 - the server outlives any rebuild: it keeps the last good one
                problem = unexpected(error, root)
                say(f"{problem}\nrebuild failed")
                state.finish_build((problem,))
                return
            took = f"{time.perf_counter() - started:.2f} s"
            say(f"rebuilt ({', '.join(sorted(k.value for k in changes.kinds))}) in {took}" if changes
                else f"built in {took}")
            state.finish_build(css_only=bool(changes and changes.css_only))

        def rebuild_loop() -> None:
            while (changes := rebuilds.get()) is not None:
                # Changes that arrived meanwhile fold into this rebuild.
                while not rebuilds.empty():
                    more = rebuilds.get()
                    if more is None:
                        return
                    changes = Changes(changes.kinds | more.kinds, changes.paths | more.paths)
                rebuild(changes)

        rebuild(None)
        builder = threading.Thread(target=rebuild_loop, name="ssg-rebuild", daemon=True)
        builder.start()
        watcher = Watcher(WatchedFolders(config.root, _theme_folder(config), config.content, config.copy,
                                         config.settings_file), rebuilds.put)
        watcher.start()
        # Ctrl-C and SIGTERM stop the server, also when it was started with SIGINT ignored
        # (as a shell's background job is), in which case Python does not listen for it.
        previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            # Announced only now: a Ctrl-C right after the announcement still stops the
            # watcher's thread, which would otherwise keep the process from exiting.
            say(f"serving {config.root} at {base_url} (Ctrl-C to stop)")
            if options.open_browser:
                threading.Thread(target=webbrowser.open, args=(base_url,), daemon=True).start()
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            say("stopping")
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
            state.stop()
            watcher.stop()
            rebuilds.put(None)
            server.server_close()
            builder.join(timeout=10)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        shutil.rmtree(cache_folder(config.root, output), ignore_errors=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _theme_folder(config) -> Path | None:
    try:
        return find_theme(config)
    except BuildFailed:
        return None
