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
