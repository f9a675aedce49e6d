"""The real parts of the browser test: `fzwriter serve` as a process, and Debian's Chromium driven
headless by selenium through the system chromedriver (nothing downloaded at run time)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("FZWRITER_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FZWRITER_CHROMEDRIVER", "/usr/bin/chromedriver")
# as root Chromium needs --no-sandbox; the rest keep it from reaching for the network at start
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
         "--disable-default-apps", "--disable-extensions", "--lang=zh-CN", "--hide-scrollbars"]


def available() -> bool:
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


@contextmanager
def serve(cwd: Path):
    """`fzwriter serve --no-browser` in `cwd`; yields its address; Ctrl-C at the end."""
    proc = subprocess.Popen([sys.executable, "-m", "writer", "serve", "--no-browser"], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/\S+/", line)
        if match is None:
            raise RuntimeError(f"fzwriter serve did not start: {line}{proc.stderr.read()}")
        yield match.group(0)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT if sys.platform != "win32" else signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        proc.stdout.close()
        proc.stderr.close()


@contextmanager
def chromium(downloads: Path, width: int = 1400, height: int = 1000):
    """Headless Chromium with its own empty profile, saving downloads into `downloads`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="fzwriter-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh",
                                              "download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        import shutil

        shutil.rmtree(profile, ignore_errors=True)


def downloaded(folder: Path, suffix: str, timeout: float = 20) -> Path:
    """The file with `suffix` Chromium has finished saving into `folder`."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
        if done and not any(p.name.endswith(".crdownload") for p in folder.iterdir()):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {[p.name for p in folder.iterdir()]}")
