"""`fzwriter serve` as a user starts it: the address in Chinese, the page answering on 127.0.0.1 only,
Ctrl-C stopping it cleanly with its private folder removed, a taken port said in Chinese."""

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def start(tmp_path, *args):
    env = dict(os.environ, TMPDIR=str(tmp_path / "tmp"), PYTHONUNBUFFERED="1")
    (tmp_path / "tmp").mkdir(exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "writer", "serve", "--no-browser", *args], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/([A-Za-z0-9_-]{20,})/", line)
    if match is None:
        proc.kill()
        raise AssertionError(line + proc.stderr.read())
    return proc, line, match


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_serve_answers_on_loopback_and_stops_cleanly_on_ctrl_c(tmp_path):
    proc, line, match = start(tmp_path)
    try:
        assert line.startswith("fzwriter 网页已启动：")
        port, token = int(match.group(1)), match.group(2)
        assert "Ctrl-C" in proc.stdout.readline()
        with urllib.request.urlopen(match.group(0) + "api/info", timeout=10) as r:
            assert b'"suffixes"' in r.read()
        with pytest.raises(urllib.error.HTTPError) as refused:  # the port without the token
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/info", timeout=10)
        assert refused.value.code == 403
        if sys.platform.startswith("linux"):  # all of 127/8 is this machine: bound to 127.0.0.1 alone
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.2", port), timeout=5).close()
        assert [p for p in (tmp_path / "tmp").iterdir()]  # its private folder, while it runs
        assert oct((next((tmp_path / "tmp").iterdir())).stat().st_mode & 0o777) == "0o700"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "已停止" in out and "Traceback" not in err
    assert list((tmp_path / "tmp").iterdir()) == []  # the private folder went with it
    assert token not in out.split("已启动：", 1)[-1].split("\n", 1)[1]  # said once, not repeated


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_serve_also_cleans_up_on_sigterm(tmp_path):
    proc, _, _ = start(tmp_path)
    proc.terminate()
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_taken_port_is_said_in_chinese(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "writer", "serve", "--no-browser", "--port", str(port)],
                           capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=tmp_path)
    assert r.returncode == 2
    assert f"端口 {port} 已被占用" in r.stderr and "Traceback" not in r.stderr


def test_serve_help_is_chinese():
    r = subprocess.run([sys.executable, "-m", "writer", "serve", "-h"], capture_output=True, text=True,
                       encoding="utf-8", timeout=60)
    assert r.returncode == 0
    assert "--no-browser" in r.stdout and "本机" in r.stdout and "Usage" not in r.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers seen through /proc")
def test_ctrl_c_during_a_batch_stops_its_workers_and_removes_everything(tmp_path):
    import json
    import time

    from helpers import seed

    proc, _, match = start(tmp_path)
    base = match.group(0)

    def call(method, path, data=None):
        req = urllib.request.Request(base + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())

    try:
        text = seed("000").read_bytes()
        ids = [call("PUT", f"api/uploads?name={i}.txt", text)["id"] for i in range(40)]
        rid = call("POST", "api/reviews", json.dumps({"files": ids}).encode())["id"]
        workers = []
        for _ in range(200):  # until the batch's worker processes are there
            # forked by the engine thread: children of that task, not of the main one
            workers = [w for task in Path(f"/proc/{proc.pid}/task").iterdir()
                       for w in (task / "children").read_text().split()]
            if workers:
                break
            time.sleep(0.02)
        status = call("GET", f"api/reviews/{rid}")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert status["state"] in ("waiting", "running") and workers  # it was stopped mid-batch
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers seen through /proc")
def test_a_worker_killed_mid_batch_leaves_the_server_serving_and_stoppable(tmp_path):
    """The pool ends its other workers with SIGTERM: forked from the server they must not keep its
    handler (which only sets a flag), or the review and then the server would wait for ever."""
    import json
    import time

    from helpers import seed

    proc, _, match = start(tmp_path)
    base = match.group(0)

    def call(method, path, data=None):
        req = urllib.request.Request(base + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read())

    try:
        text = seed("000").read_bytes()
        ids = [call("PUT", f"api/uploads?name={i}.txt", text)["id"] for i in range(60)]
        rid = call("POST", "api/reviews", json.dumps({"files": ids}).encode())["id"]
        workers = []
        for _ in range(300):
            workers = [w for task in Path(f"/proc/{proc.pid}/task").iterdir()
                       for w in (task / "children").read_text().split()]
            if len(workers) >= 2:
                break
            time.sleep(0.01)
        assert workers
        os.kill(int(workers[0]), signal.SIGKILL)
        status = call("GET", f"api/reviews/{rid}")
        end = time.monotonic() + 30
        while status["state"] not in ("done", "failed") and time.monotonic() < end:
            status = call("GET", f"api/reviews/{rid}?after={status['done']}")
        assert status["state"] in ("done", "failed")
        assert call("GET", "api/info")["suffixes"]  # still serving
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert list((tmp_path / "tmp").iterdir()) == []
