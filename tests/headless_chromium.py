"""Debian's headless Chromium driven by python3-selenium, as the review page's tests and benchmark use it.

start() exits with 77 (CTest: skipped) when Selenium, Chromium or ChromeDriver is missing. ChromeDriver is
reached at 127.0.0.1: a minimal system may have no "localhost" in /etc/hosts."""
import os, sys

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common import utils as selenium_utils
except ImportError:
    print("headless_chromium: no python3-selenium; skipped")
    sys.exit(77)


class LoopbackService(Service):
    @property
    def service_url(self):
        return f"http://127.0.0.1:{self.port}"

    def is_connectable(self):
        return selenium_utils.is_connectable(self.port, "127.0.0.1")


def start(downloads=None, log_path=None, extra_args=()):
    if not (os.path.exists("/usr/bin/chromium") and os.path.exists("/usr/bin/chromedriver")):
        print("headless_chromium: no chromium/chromium-driver; skipped")
        sys.exit(77)
    o = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", *extra_args]:
        o.add_argument(a)
    if downloads:
        o.add_experimental_option("prefs", {"download.default_directory": downloads,
                                            "download.prompt_for_download": False})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = LoopbackService("/usr/bin/chromedriver", service_args=["--allowed-ips=127.0.0.1"], log_path=log_path)
    try:
        d = webdriver.Chrome(service=service, options=o)
    except Exception as e:
        print("headless_chromium: the browser did not start:", e)
        if log_path and os.path.exists(log_path):
            print(open(log_path, errors="replace").read()[-3000:])
        raise
    if downloads:
        d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d
