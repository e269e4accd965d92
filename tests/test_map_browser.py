"""`cnet map` in a real browser: headless Chromium opens the page from disk, and a person uses it.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); skips, saying so, without them."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from curated_net.map import model

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="no headless Chromium here: install Debian's chromium and chromium-driver (as .ci/run does)",
)


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_page(browser, path: Path):
    browser.get(path.resolve().as_uri())
    assert browser.execute_script("return !!(window.cnetMap && window.cnetMap.ready)"), "the page's script ran"
    problems = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == [], problems


def hover(browser, handle: str) -> str:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    x, y = browser.execute_script("return cnetMap.screen(arguments[0])", handle)
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.perform()
    tip = browser.find_element(By.ID, "tooltip")
    assert tip.is_displayed(), f"hovering {handle} shows a tooltip"
    assert tip.get_attribute("data-handle") == handle
    return tip.text


def test_the_example_network_in_a_real_browser(example, browser, tmp_path):
    from PIL import Image
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    out = tmp_path / "map.html"
    example.ok("map", "--out", str(out))
    open_page(browser, out)
    firsts = {p["handle"] for p in example.json("list", "--degree", "1")}
    assert firsts and all(browser.execute_script("return cnetMap.visible(arguments[0])", h) for h in firsts)
    # Hover: name, company, how we met, the evidence.
    text = hover(browser, "leonard-okafor")
    assert "Leonard Okafor" in text and "St. Brendan's Hospital" in text
    assert "how we met: We went to school together" in text and "friend (close friends ever since school" in text
    # Search finds a person; choosing them shows the warm routes `cnet path` gives.
    box = browser.find_element(By.ID, "search")
    box.send_keys("chapel")
    results = browser.find_elements(By.CSS_SELECTOR, "#results button")
    assert [b.get_attribute("data-handle") for b in results] == ["christine-chapel"]
    box.send_keys(Keys.ENTER)
    info = browser.find_element(By.ID, "info")
    assert info.is_displayed() and info.get_attribute("data-handle") == "christine-chapel"
    shown = [li.get_attribute("data-path").split() for li in info.find_elements(By.CSS_SELECTOR, "#routes li")]
    expected = [r["path"] for r in example.json("path", "christine-chapel", "--slack", "0", "-k", "3")["routes"]]
    assert shown == expected and shown
    # Clicking a person on the map does the same.
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = browser.execute_script("return cnetMap.screen('sofia-marin')")
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    assert info.get_attribute("data-handle") == "sofia-marin"
    shown = [li.get_attribute("data-path").split() for li in info.find_elements(By.CSS_SELECTOR, "#routes li")]
    expected = [r["path"] for r in example.json("path", "sofia-marin", "--slack", "0", "-k", "3")["routes"]]
    assert shown == expected and len(shown) == 2
    # The legend explains every colour on the page.
    legend = {li.get_attribute("data-category") for li in browser.find_elements(By.CSS_SELECTOR, "#legend-list li")}
    assert {"friend", "family", "client", "colleague", "through-others"} <= legend
    # A picture, not a blank page.
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("RGB")
    colours = shot.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50
    background = max(colours)[0] / (shot.width * shot.height)
    assert background < 0.97
    assert browser.get_log("browser") == []


def test_names_stay_text_in_the_browser(me, browser, tmp_path):
    from selenium.webdriver.common.by import By

    hostile = "<b>Bold</b> <img src=x onerror=document.title='owned'>"
    handle = me.ok("add", hostile, "--how-met", "<script>document.title='owned'</script>").stdout.strip()
    me.ok("connect", handle, "--as", "friend")
    out = tmp_path / "m.html"
    me.ok("map", "-O", str(out))
    open_page(browser, out)
    assert "owned" not in browser.title
    assert "how we met: <script>" in hover(browser, handle)
    box = browser.find_element(By.ID, "search")
    box.send_keys("bold")
    button = browser.find_element(By.CSS_SELECTOR, "#results button")
    assert button.text.startswith(hostile)
    assert browser.execute_script("return document.querySelectorAll('#panel b, #panel img, #stage img').length") == 0


def test_a_folded_map_unfolds_a_bridge_when_asked(me, browser, tmp_path, monkeypatch):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    links = tmp_path / "links.txt"
    links.write_text("".join(f"friend-{f} person-{f}-{k}\n" for f in range(4) for k in range(15)))
    me.ok("link", "--file", str(links))
    for f in range(4):
        me.ok("connect", f"friend-{f}", "--as", "colleague")
    monkeypatch.setattr(model, "FOLD_AT", 20)
    out = tmp_path / "m.html"
    me.ok("map", "-O", str(out))
    open_page(browser, out)
    note = browser.find_element(By.ID, "folded-note")
    assert note.is_displayed() and "60 people beyond the first ring are folded" in note.text
    visible = "return cnetMap.visible(arguments[0])"
    assert not browser.execute_script(visible, "person-2-3")
    box = browser.find_element(By.ID, "search")
    box.send_keys("Person-2-3")
    box.send_keys(Keys.ENTER)  # found even while folded: choosing them unfolds their bridge
    assert browser.execute_script(visible, "person-2-3") and browser.execute_script(visible, "person-2-9")
    assert not browser.execute_script(visible, "person-1-3")
    hover(browser, "person-2-3")
    assert browser.get_log("browser") == []


def test_a_grouped_map_opens_a_company_then_a_bridge_on_click(grouped, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    me = grouped
    out = tmp_path / "m.html"
    me.ok("map", "-O", str(out))
    open_page(browser, out)
    note = browser.find_element(By.ID, "folded-note")
    assert note.is_displayed() and "Grouped" in note.text and "2 groups by company" in note.text
    assert "the page holds the 6 warmest through each bridge" in note.text
    groups = browser.execute_script("return cnetMap.groups()")
    assert [(g["name"], g["count"], g["beyond"], g["open"]) for g in groups] == [
        ("Acme", 2, 30, False),
        ("Globex", 2, 30, False),
    ]
    visible = "return cnetMap.visible(arguments[0])"
    assert not browser.execute_script(visible, "friend-0")  # until its company is opened
    x, y = browser.execute_script("return cnetMap.groupScreen('Acme')")
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.perform()
    tip = browser.find_element(By.ID, "tooltip")
    assert tip.is_displayed() and tip.get_attribute("data-group") == "Acme" and "click to show them" in tip.text
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    assert browser.execute_script(visible, "friend-0") and browser.execute_script(visible, "friend-2")
    assert not browser.execute_script(visible, "friend-1") and not browser.execute_script(visible, "person-0-1")
    box = browser.find_element(By.ID, "search")
    box.send_keys("person-1-3")
    box.send_keys(Keys.ENTER)  # found in a closed company: choosing them opens it, and their bridge
    assert browser.execute_script(visible, "person-1-3") and browser.execute_script(visible, "friend-3")
    assert not browser.execute_script(visible, "person-3-0")  # the other bridge at Globex stays folded
    assert browser.get_log("browser") == []


def test_the_pictures_legend_is_whole_in_a_real_browser(example, browser, tmp_path):
    out = tmp_path / "m.svg"
    example.ok("map", "-O", str(out))
    browser.get(out.resolve().as_uri())
    # Each legend row's box as Chromium lays it out, against the viewBox (both in the picture's units).
    cut = browser.execute_script(
        """const svg = document.documentElement, box = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('g text')].filter(t => {
            const b = t.getBBox();
            return b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height;
        }).map(t => t.textContent);"""
    )
    assert cut == []
