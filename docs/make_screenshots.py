"""Regenerate docs/decision.png and docs/docket.png: the officer's page in headless Chromium.

    python docs/make_screenshots.py

Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) and
the test extra (selenium). The server runs on 127.0.0.1 and a free port.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import DOCKET, chrome, fill_example_case, open_page, upload_docket  # noqa: E402

from yingsu.web.local import LocalServer  # noqa: E402


def main() -> None:
    with LocalServer() as url, chrome(width=1200, height=1900) as driver:
        open_page(driver, url)
        fill_example_case(driver)
        driver.find_element("id", "submit").click()
        driver.find_element("id", "undertaking")
        driver.find_element("id", "decision").screenshot(str(ROOT / "docs" / "decision.png"))
        upload_docket(driver, DOCKET)
        driver.find_element("id", "page-docket").screenshot(str(ROOT / "docs" / "docket.png"))
    print("wrote docs/decision.png, docs/docket.png")


if __name__ == "__main__":
    main()
