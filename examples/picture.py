"""Make the README's picture: the example network's `cnet map`, as headless Chromium shows it.

    python examples/picture.py [OUT.png]        (default: docs/map.png)

Needs what the test suite needs (`pip install -e '.[test]'`, for selenium) and Debian's chromium and
chromium-driver. The example network is loaded into a throwaway database, as examples/demo.sh does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parent / "docs" / "map.png")
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        sys.exit("needs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    cnet = Path(sys.executable).parent / "cnet"
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "CNET_DB": f"{tmp}/demo.db",
            "CNET_POLICY": f"{tmp}/policy.toml",
            "PATH": f"{cnet.parent}{os.pathsep}{os.environ['PATH']}",
        }
        subprocess.run(["bash", str(HERE / "network.sh")], env=env, check=True, capture_output=True)
        page = Path(tmp) / "map.html"
        subprocess.run([str(cnet), "map", "--view", "nominal", "--depth", "3", "--out", str(page)], env=env, check=True)
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,760"):
            options.add_argument(arg)
        browser = webdriver.Chrome(service=Service(driver), options=options)
        try:
            browser.get(page.as_uri())
            browser.execute_script("cnetMap.select('christine-chapel'); document.getElementById('zoom-fit').click()")
            out.parent.mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(out))
        finally:
            browser.quit()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
