"""Browser helpers (浏览器测试工具): Debian's chromium driven by Selenium, headless.

Shared by tests/test_web_browser.py and docs/make_screenshots.py. The page is filled the way an
officer fills it: choosing from the lists, ticking boxes, typing text, picking dates.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKET = ROOT / "examples" / "docket-2026.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# the example case of the README (examples/xianzhou-government-sued.yaml), as form entries
EXAMPLE = {
    "city": "xianzhou",
    "defendant.kind": "government",
    "defendant.name": "武汉市新洲区人民政府",
    "act.maker": "区住房和城乡建设局",
    "act.maker_kind": "department",
    "act.in_government_name": "true",
    "act.category": "state_land_house_expropriation",
    "proceeding.instance": "first",
    "proceeding.session": "trial",
    "proceeding.plaintiffs": "3",
    "circumstances": ["high_social_concern"],
    "events.served": "2026-09-28",
    "events.hearing": "2026-11-10",
    "outcome.document": "judgment",
    "outcome.dispositions": ["confirmed_illegal"],
}


def available() -> bool:
    return Path(CHROMIUM).exists() and Path(DRIVER).exists()


@contextlib.contextmanager
def chrome(width: int = 1200, height: int = 1600):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=zh-CN", "--hide-scrollbars"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    # the browser's own words (date pickers) follow the process locale
    env = {**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"}
    driver = webdriver.Chrome(service=Service(DRIVER, env=env), options=opts)
    driver.implicitly_wait(15)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, url: str) -> None:
    driver.get(url + "/")
    driver.find_element("css selector", "body[data-ready='1']")


def set_field(driver, path: str, value) -> None:
    """Fill one field as an officer would: a list choice, ticked boxes, text or a date."""
    from selenium.webdriver.support.ui import Select

    field = driver.find_element("css selector", f".field[data-path='{path}']")
    if isinstance(value, list):
        for v in value:
            box = field.find_element("css selector", f"input[type=checkbox][value='{v}']")
            if not box.is_selected():
                box.click()
        return
    control = field.find_element("css selector", "select, input, textarea")
    if control.tag_name == "select":
        Select(control).select_by_value(value)
    elif control.get_attribute("type") == "date":
        # a date picker's typed form depends on the browser's locale: set the ISO value
        driver.execute_script("arguments[0].value = arguments[1]", control, value)
    else:
        control.clear()
        control.send_keys(value)


def fill_example_case(driver, entries: dict | None = None) -> None:
    for path, value in (entries or EXAMPLE).items():
        set_field(driver, path, value)
    driver.execute_script("document.getElementById('today').value = '2026-10-09'")


def upload_docket(driver, path: Path, today: str = "2026-11-23") -> None:
    driver.find_element("id", "tab-docket").click()
    driver.find_element("id", "docket-file").send_keys(str(path))
    driver.execute_script("document.getElementById('docket-today').value = arguments[0]", today)
    driver.find_element("id", "docket-submit").click()
    driver.find_element("css selector", "#agenda tr td")
