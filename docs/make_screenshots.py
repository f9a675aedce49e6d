"""Screenshots of the page for the README, taken in Debian's Chromium against a real `fzwriter serve`.

    python docs/make_screenshots.py        # needs /usr/bin/chromium and /usr/bin/chromedriver

Writes docs/page/审阅.png (a batch of reports: the seeds and a draft with problems, picked as a
folder), 报告.png (the draft's text with its findings), 起草.png (a scaffold made, with new's notices)
and 清单.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402

OUT = ROOT / "docs" / "page"


def main() -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fzshots-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "各单位报告"
        folder.mkdir()
        for s in sorted((ROOT / "seeds").glob("*.txt"))[:4]:
            shutil.copy(s, folder / s.name)
        shutil.copy(ROOT / "examples" / "草稿-有问题.docx", folder)
        (tmp / "downloads").mkdir()
        with browser.serve(tmp) as address, browser.chromium(tmp / "downloads", 1280, 820) as d:
            wait = WebDriverWait(d, 30)
            d.get(address)
            wait.until(lambda d: ".docx" in d.find_element(By.ID, "accepted").text)
            d.find_element(By.ID, "folder").send_keys(str(folder))
            wait.until(lambda d: d.find_element(By.ID, "results").is_displayed())
            d.save_screenshot(str(OUT / "审阅.png"))
            row = next(r for r in d.find_elements(By.CSS_SELECTOR, "#table tbody tr") if "草稿" in r.text)
            row.click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#rp-text mark"))
            d.find_elements(By.CSS_SELECTOR, "#rp-text mark")[2].click()
            time.sleep(0.6)
            d.save_screenshot(str(OUT / "报告.png"))
            d.find_element(By.CSS_SELECTOR, "nav a[data-tab=draft]").click()
            form = d.find_element(By.ID, "draft-form")
            form.find_element(By.NAME, "region").send_keys("秦州区")
            d.find_element(By.ID, "draft-go").click()
            wait.until(lambda d: d.find_element(By.ID, "draft-result").is_displayed())
            d.execute_script("window.scrollTo(0, 0)")
            d.save_screenshot(str(OUT / "起草.png"))
            d.find_element(By.CSS_SELECTOR, "nav a[data-tab=lists]").click()
            wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ls-facts tbody tr"))
            d.execute_script("document.querySelector('#ls-facts').closest('.panel').scrollIntoView()")
            d.save_screenshot(str(OUT / "清单.png"))
    for p in sorted(OUT.glob("*.png")):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
