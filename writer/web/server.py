"""`fzwriter serve`: the page on 127.0.0.1, with a token made at each start, until Ctrl-C.

uvicorn serves the app on a socket bound here first (a free port, or the one asked for, said in
Chinese when taken). The private folder (mode 0700) holds the uploads and results and is removed when
the server stops, also after a failure. The browser is opened through a small file in that folder that
forwards to the address: the token never stands on a command line another local user could read.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

from ..errors import InputError
from .work import Settings, Workspace

HOST = "127.0.0.1"


def bind(port: int | None) -> socket.socket:
    """A listening socket on 127.0.0.1 (`port`, or a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows this would let another program take the same port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port or 0))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        from ..fsutil import os_error_cn

        why = "已被占用（可换一个端口，或不加 --port 由 fzwriter 自选）" if exc.errno in (98, 48, 10048) else os_error_cn(exc)
        raise InputError("--port", f"端口 {port} {why}") from None
    sock.setblocking(False)
    return sock


def serve(settings: Settings, *, port: int | None = None, browser: bool = True,
          say: Callable[[str], None] = print, ready: Callable[[str], None] | None = None) -> None:
    """Serve the page until Ctrl-C (or SIGTERM); `ready(address)` is called once it answers."""
    import uvicorn

    from .app import create_app

    sock = bind(port)
    root = Path(tempfile.mkdtemp(prefix="fzwriter-page-"))  # 0700: this user's only
    atexit.register(shutil.rmtree, root, True)  # also when something below fails unforeseen
    work = Workspace(root, settings)
    try:
        actual = sock.getsockname()[1]
        token = secrets.token_urlsafe(24)
        address = f"http://{HOST}:{actual}/{token}/"
        config = uvicorn.Config(create_app(token, actual, work), log_level="warning", access_log=False,
                                lifespan="off", server_header=False, timeout_graceful_shutdown=3)
        server = uvicorn.Server(config)
        threading.Thread(target=_when_up, args=(server, address, root, browser, say, ready), daemon=True).start()
        # Ctrl-C and SIGTERM are uvicorn's while it serves (it stops, then raises them again): before
        # and after, they must not cut the cleaning short
        main = threading.current_thread() is threading.main_thread()
        before = {sig: signal.signal(sig, _ignore) for sig in (signal.SIGINT, signal.SIGTERM)} if main else {}
        try:
            server.run(sockets=[sock])
        finally:
            say("fzwriter：正在停止……")
            work.close()
            for sig, handler in before.items():
                signal.signal(sig, handler)
    finally:
        sock.close()
        shutil.rmtree(root, ignore_errors=True)
    say("fzwriter：网页服务已停止，临时文件已删除。")


def _ignore(signum, frame) -> None:
    pass


def _when_up(server, address: str, root: Path, browser: bool, say, ready) -> None:
    for _ in range(600):
        if server.started:
            break
        if server.should_exit:
            return
        time.sleep(0.05)
    else:
        return
    say(f"fzwriter 网页已启动：{address}")
    say("请在浏览器中打开上面的地址（只在本机可用；地址中含本次启动的口令，请勿发给他人）。按 Ctrl-C 停止。")
    if ready is not None:
        ready(address)
    if browser:
        opened = _open_browser(address, root)
        if not opened:
            say("fzwriter：未能自动打开浏览器，请复制上面的地址到浏览器中打开。")


def _open_browser(address: str, root: Path) -> bool:
    """Open the default browser on a file that forwards to `address` (a file of this user's only)."""
    import html
    import os
    import webbrowser

    page = root / "open.html"
    text = (f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={html.escape(address)}">'
            f'<title>fzwriter</title><a href="{html.escape(address)}">打开 fzwriter</a>')
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    try:
        return webbrowser.open(page.as_uri())
    except Exception:  # noqa: BLE001 - no browser here: the address is printed anyway
        return False
