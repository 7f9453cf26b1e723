"""The officer's page in a real browser (Debian chromium, headless, driven by Selenium): fill
the case form, read the decision, print view, compare across the five cities, upload a docket.
The server runs on 127.0.0.1 and a free port."""
from __future__ import annotations

import pytest

pytest.importorskip("selenium")
pytest.importorskip("uvicorn")

import browser  # noqa: E402
from test_officer_text import english_ids  # noqa: E402

from yingsu.web.local import LocalServer  # noqa: E402

if not browser.available():  # .ci/run installs them; a developer machine may not have them
    pytest.skip("Debian chromium and chromium-driver are not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def page():
    with LocalServer() as url, browser.chrome() as driver:
        browser.open_page(driver, url)
        yield driver, url


def _text(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def test_article_9_item_2_expropriation_decision_in_the_browser(page, tmp_path):
    driver, url = page
    browser.open_page(driver, url)
    browser.fill_example_case(driver)
    driver.find_element("id", "submit").click()
    assert "区住房和城乡建设局（主承办·全案）" in _text(driver, "undertaking")
    assert "【新洲 第九条（二）】" in _text(driver, "undertaking")
    assert "正职（主要）负责人应当出庭" in _text(driver, "appearance")
    deadlines = _text(driver, "deadlines")
    assert "提交答辩状及证据、依据：2026年10月13日 星期二（还有4天）" in deadlines
    assert "收到起诉状副本和应诉通知书（2026年9月28日）之日起15日，届满日遇节假日顺延" in deadlines
    assert "不属于败诉" in _text(driver, "loss")
    shown = driver.execute_script("return document.body.innerText")
    assert english_ids(shown) == set()
    driver.find_element("id", "decision").screenshot(str(tmp_path / "decision.png"))
    assert (tmp_path / "decision.png").stat().st_size > 10_000


def test_print_view_shows_the_decision_alone(page):
    driver, _ = page
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element("id", "case-form").is_displayed()
        assert driver.find_element("id", "decision").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})
    assert pdf["data"]


def test_a_wrong_case_shows_chinese_messages_at_the_fields(page):
    driver, url = page
    browser.open_page(driver, url)
    browser.set_field(driver, "defendant.kind", "government")
    driver.find_element("id", "submit").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(lambda d: d.find_element("id", "problems").text)  # the answer is asynchronous
    problems = _text(driver, "problems")
    assert "城市（规则集）：必须填写（city）" in problems
    field = driver.find_element("css selector", ".field[data-path='city']")
    assert "invalid" in field.get_attribute("class") and "必须填写" in field.text


def test_compare_across_the_five_cities_marks_the_differences(page):
    driver, url = page
    browser.open_page(driver, url)
    browser.fill_example_case(driver)
    driver.find_element("id", "compare-button").click()
    table = driver.find_element("id", "compare-table")
    heads = [th.text for th in table.find_elements("css selector", "tr:first-child th")]
    assert heads == ["", "偃师", "忻州", "新洲", "德州", "中卫"]
    differing = [tr.find_element("css selector", "th").text for tr in table.find_elements("css selector", "tr.differs")]
    assert "应诉承办单位" in differing and "是否败诉" in differing
    assert english_ids(driver.execute_script("return document.body.innerText")) == set()


def test_docket_upload_shows_figures_chart_and_agenda(page, tmp_path):
    driver, url = page
    browser.open_page(driver, url)
    csv = tmp_path / "docket-gb18030.csv"  # chromedriver needs an ASCII path
    csv.write_bytes(
        "id,city,defendant.kind,defendant.name,events.served,events.hearing,proceeding.session\n"
        "XZ-1,xianzhou,government,武汉市新洲区人民政府,2026-03-02,2026-04-15,trial\n".encode("gb18030"))
    browser.upload_docket(driver, csv, today="2026-03-03")
    docket = _text(driver, "docket")
    assert "案件清单：共 1 件（新洲 1 件）" in docket
    assert driver.find_element("css selector", "#chart svg")
    agenda = _text(driver, "agenda")
    assert "2026年3月17日 星期二" in agenda and "提交答辩状及证据、依据" in agenda and "还有14天" in agenda
    assert driver.find_element("id", "download-ics").is_displayed()
    driver.find_element("id", "page-docket").screenshot(str(tmp_path / "docket.png"))
    assert (tmp_path / "docket.png").stat().st_size > 10_000
