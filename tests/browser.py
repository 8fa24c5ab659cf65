"""Odoo's web client in Debian's headless Chromium, driven by Selenium through Debian's chromedriver.

``Browser`` logs a user in through the login page and offers the few moves the scenarios need: open a menu,
click a button by its label, fill a field, wait for what the user would see. Every wait fails at once when the
web client shows an error dialog; ``problems()`` lists error dialogs, JavaScript console errors and the
server's tracebacks since the browser started, which the fixture asserts empty after each test.
"""
import os
import shutil
import subprocess
import tempfile

from selenium import webdriver
from selenium.common.exceptions import (ElementClickInterceptedException, ElementNotInteractableException,
                                        StaleElementReferenceException, TimeoutException)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from odoo_server import venv_python

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))
WEB_DB = os.environ.get("JEWELLERY_TEST_WEB_DB")
CONF = os.environ.get("JEWELLERY_TEST_ODOO_CONF")
PASSWORD = "demo"  # the demo store's people
HARRIET = "harriet.blake@example.com"  # manager
MARCUS = "marcus.webb@example.com"  # salesperson, own leads
PRIYA = "priya.raman@example.com"  # salesperson, own leads
IMAGES = os.path.join(ROOT, "docs", "images")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# What the web client shows when something went wrong: a warning (UserError...), a server error with its
# details, or a client error.
ERROR_DIALOG = ".o_dialog_warning, .modal .o_error_detail, .modal-dialog .o_dialog_error"
# Chromium's own flags for a closed network: no background connections, no component updates, no sync.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,900", "--force-device-scale-factor=1"]


# Installs, once per page, a counter of the RPCs in flight on the web client's bus; true when none is pending.
IDLE = """
if (document.readyState !== 'complete' || !window.odoo || !odoo.__DEBUG__ || !odoo.__DEBUG__.services['web.core']) {
    return false;
}
if (window.__jf_rpcs === undefined) {
    window.__jf_rpcs = 0;
    var bus = odoo.__DEBUG__.services['web.core'].bus;
    bus.on('rpc_request', null, function () { window.__jf_rpcs++; });
    // a response to a request sent before the counter existed must not make it negative
    var done = function () { window.__jf_rpcs = Math.max(0, window.__jf_rpcs - 1); };
    bus.on('rpc_response', null, done);
    bus.on('rpc_response_failed', null, done);
}
return window.__jf_rpcs === 0 && !$('.blockUI:visible').length;
"""


def run_hourly_job(moment):
    """Runs the hourly job on the browser tests' database as a cron worker would, with the follow-up's clock at
    ``moment`` (naive UTC ``YYYY-MM-DD HH:MM:SS``)."""
    result = subprocess.run([venv_python(), os.path.join(HERE, "browser_hourly_job.py"), CONF, WEB_DB, moment],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    assert result.returncode == 0, result.stdout
    return result.stdout


def available():
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


class ErrorShown(AssertionError):
    """The web client showed an error dialog while the test waited for something else."""


class Browser:

    def __init__(self, server, timeout=90):
        self.server = server
        self.timeout = timeout
        self.server_log_start = server.log_size()
        self.profile = tempfile.mkdtemp(prefix="jewellery-chromium-")
        self.downloads = os.path.join(self.profile, "downloads")
        os.mkdir(self.downloads)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS + ["--user-data-dir=%s" % os.path.join(self.profile, "user-data")]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"download.default_directory": self.downloads,
                                                  "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # An explicit driver: Selenium Manager never looks for (or downloads) one.
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": self.downloads})
        self.console = []

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    # -- what went wrong ---------------------------------------------------------------------------------------

    def read_console(self):
        """Every console message since the last call, kept in ``self.console`` as (level, text)."""
        self.console += [(entry["level"], entry["message"]) for entry in self.driver.get_log("browser")]
        return self.console

    def problems(self):
        found = []
        for dialog in self.driver.find_elements(By.CSS_SELECTOR, ERROR_DIALOG):
            found.append("error dialog: %s" % self.dialog_text(dialog))
        found += ["JavaScript console: %s" % text for level, text in self.read_console() if level == "SEVERE"]
        if found:
            found += ["server notes: %s" % note for note in self.server.notes(self.server_log_start)][-20:]
        server_errors = self.server.errors(self.server_log_start)
        if server_errors:
            found.append("server log:\n%s" % server_errors[:6000])
        return found

    def dialog_text(self, dialog):
        modal = self.driver.execute_script("return $(arguments[0]).closest('.modal')[0] || arguments[0];", dialog)
        return self.driver.execute_script("return arguments[0].textContent;", modal).strip()[:3000]

    # -- waiting -----------------------------------------------------------------------------------------------

    def wait(self, condition, what, timeout=None):
        """Waits until ``condition(driver)`` is truthy, failing at once on an error dialog."""
        def check(driver):
            shown = driver.find_elements(By.CSS_SELECTOR, ERROR_DIALOG)
            if shown:
                raise ErrorShown("while waiting for %s: %s\nserver notes:\n%s" % (
                    what, self.dialog_text(shown[0]), "\n".join(self.server.notes(self.server_log_start)[-20:])))
            return condition(driver)
        try:
            return WebDriverWait(self.driver, timeout or self.timeout, poll_frequency=0.2,
                                 ignored_exceptions=(StaleElementReferenceException,)).until(check)
        except TimeoutException:
            self.driver.save_screenshot(os.path.join(ROOT, ".local", "browser-timeout.png"))
            raise AssertionError("timed out waiting for %s; problems: %s\nthe screen: %s" % (
                what, self.problems(), self.screen_summary())) from None

    def screen_summary(self):
        """Where the user is and what they see, for a failure's message (CI keeps no screenshot)."""
        text = self.driver.execute_script(
            "return (document.querySelector('.o_content') || document.body || {}).innerText || '';")
        return "%s, idle: %s\n%s" % (self.driver.current_url, self.driver.execute_script(IDLE),
                                     " | ".join(line for line in text.splitlines() if line.strip())[:1500])

    def find(self, css, what=None, visible=True, timeout=None):
        """The first element matching ``css`` (visible ones only, by default), once there is one."""
        def found(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if not visible or element.is_displayed():
                    return element
            return None
        return self.wait(found, what or css, timeout)

    def find_text(self, css, text, what=None, timeout=None):
        """The first visible element matching ``css`` whose text contains ``text``."""
        def found(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, css):
                if element.is_displayed() and text in element.text:
                    return element
            return None
        return self.wait(found, what or "%s with %r" % (css, text), timeout)

    def gone(self, css, what=None, timeout=None):
        self.wait(lambda driver: not [element for element in driver.find_elements(By.CSS_SELECTOR, css)
                                      if element.is_displayed()], what or "%s to go" % css, timeout)

    def idle(self):
        """No RPC pending (counted from the web client's own rpc events, as its Loading indicator does) and
        nothing blocks the screen."""
        self.wait(lambda driver: driver.execute_script(IDLE), "the web client to be idle")

    # -- acting ------------------------------------------------------------------------------------------------

    def click(self, element_or_css, what=None):
        """Clicks once the web client is idle (a click during a re-render may land on an element about to be
        replaced) and nothing (a blocked screen, a closing dialog) covers the element."""
        self.idle()

        def clicked(_driver):
            element = element_or_css if not isinstance(element_or_css, str) else self.find(element_or_css)
            try:
                element.click()
                return True
            except (ElementClickInterceptedException, ElementNotInteractableException):
                return False
        self.wait(clicked, what or "a click on %s" % element_or_css)

    def mark_done(self, activity_id):
        """Clicks an activity's Mark Done and waits for its popover to be shown (it then focuses its first
        field): the popover closes when the focus leaves it."""
        self.click(".o_mail_activity .o_activity_done[data-activity-id='%d']" % activity_id, "Mark Done")
        self.wait(lambda driver: driver.execute_script(
            "return $(document.activeElement).closest('.o_mail_activity_feedback.popover.in').length > 0;"),
            "the Mark Done popover")
        return ".o_mail_activity_feedback.popover"

    def type(self, css, text):
        """Clicks into a text box, then types: chromedriver's own focusing of an element blurs the previous one
        with no target, which closes a popover that a user's click would leave open."""
        self.click(css)
        self.find(css).send_keys(text)

    def button(self, label, scope=""):
        """Clicks the visible button whose label is ``label`` (inside the ``scope`` selector)."""
        self.click(self.find_text(scope + " button", label, "the button %r" % label), "the button %r" % label)

    def open(self, path):
        """Loads ``path``; a web client URL (``/web#...``) is loaded afresh, as a bookmark is (from another
        /web page, changing the hash alone does not reopen the record)."""
        self.driver.get(self.server.url + path)
        if "#" in path:
            self.driver.refresh()
        self.idle()

    def reload(self):
        self.driver.refresh()
        self.idle()

    def login(self, login, password):
        self.open("/web/login")
        self.find("input#login").send_keys(login)
        self.find("input#password").send_keys(password)
        self.click("form.oe_login_form button[type=submit]")
        self.find("#oe_main_menu_navbar .oe_application_menu_placeholder", "the web client after login")
        self.idle()

    def menu(self, *xmlids):
        """Opens menus by their XML ids, app first, as a user clicks through them."""
        for xmlid in xmlids:
            self.click("a[data-menu-xmlid='%s']" % xmlid, "the menu %s" % xmlid)
            self.idle()

    def field(self, name, scope=".o_form_view"):
        return self.find("%s .o_field_widget[name=%s], %s [name=%s] input" % (scope, name, scope, name),
                         "the field %s" % name)

    def fill(self, name, value, scope=".o_form_view"):
        """Types ``value`` into a field (or picks it in a selection), again if an onchange redrew the field."""
        def filled(_driver):
            self.idle()
            element = self.field(name, scope)
            if element.tag_name not in ("input", "select", "textarea"):
                element = element.find_element(By.CSS_SELECTOR, "input, select, textarea")  # a monetary...
            if element.tag_name == "select":
                Select(element).select_by_visible_text(value)
            else:
                element.clear()
                element.send_keys(value)
            return True
        self.wait(filled, "the field %s filled" % name)

    def choose(self, name, text, scope=".o_form_view"):
        """Types into a many2one and picks ``text`` from the proposals."""
        element = self.find("%s .o_field_widget[name=%s] input" % (scope, name), "the field %s" % name)
        element.clear()
        element.send_keys(text)
        self.click(self.find_text("ul.ui-autocomplete li a", text, "%r among the proposals" % text))
        self.gone("ul.ui-autocomplete", "the proposals to close")

    def search(self, text):
        """Types into the search box and takes the first proposal (the record's name), as Enter does."""
        self.idle()
        box = self.find(".o_searchview_input", "the search box")
        box.send_keys(text)
        self.find(".o_searchview_autocomplete li", "the search proposals")
        box.send_keys(Keys.ENTER)
        self.idle()

    def radio(self, name, value, scope=".modal"):
        """Clicks the label of a radio choice, as a user does."""
        choice = self.find("%s .o_field_widget[name=%s] input[data-value=%s]" % (scope, name, value),
                           "the choice %s of %s" % (value, name))
        self.click("%s label[for='%s']" % (scope, choice.get_attribute("id")), "the label of %s" % value)

    def tab(self, label):
        self.click(self.find_text(".o_notebook ul.nav-tabs a", label, "the tab %r" % label))

    def screenshot(self, name, top=None):
        """Saves what the user sees as docs/images/NAME.png (the guide's pictures), scrolled so that the element
        ``top`` (a selector) is at the top of the screen when given."""
        os.makedirs(IMAGES, exist_ok=True)
        self.idle()
        self.gone(".o_loading", "the Loading sign to fade")
        if top:
            self.driver.execute_script("arguments[0].scrollIntoView(true);", self.find(top))
        self.driver.save_screenshot(os.path.join(IMAGES, name + ".png"))

    def downloaded(self, suffix, timeout=None):
        """The path of the first file the browser finished downloading."""
        def done(_driver):
            names = [name for name in os.listdir(self.downloads) if name.endswith(suffix)]
            return os.path.join(self.downloads, names[0]) if names else None
        # complete: Chromium renames a download from .crdownload only when it is done
        return self.wait(done, "a downloaded %s file" % suffix, timeout)
