"""pytest fixtures of the browser tests (a plugin: ``pytest_plugins = ["browser_fixtures"]`` in each module, so
that the one server is shared by all of them).

One Odoo server for the whole session, on JEWELLERY_TEST_WEB_DB (scripts/test makes it: a copy of the freshly
installed test database, with the demo store, since these tests commit what they do), with the web client's
stylesheets compiled by lessc as in the demo. One Chromium per test, whose problems (error dialogs, JavaScript
errors, server tracebacks) fail the test.
"""
import pytest

import browser as web
import required_tools
from odoo_server import OdooServer


@pytest.fixture(scope="session")
def web_server():
    if not (web.WEB_DB and web.CONF):
        pytest.skip("needs JEWELLERY_TEST_WEB_DB and JEWELLERY_TEST_ODOO_CONF (run scripts/test)")
    if not web.available():
        required_tools.missing("needs Debian's chromium and chromium-driver")
    server = OdooServer(web.WEB_DB, web.CONF).start()
    try:
        admin = server.login("admin", "admin")
        # wkhtmltopdf fetches the card's stylesheets from this server, not from the demo's port
        server.call(admin, "ir.config_parameter", "set_param", "report.url", server.url)
        yield server
    finally:
        server.close()


@pytest.fixture
def admin(web_server):
    """A JSON-RPC session of the administrator, to set a scene up and to read what the user's clicks wrote."""
    session = web_server.login("admin", "admin")
    return lambda model, method, *args, **kwargs: web_server.call(session, model, method, *args, **kwargs)


@pytest.fixture
def browser(web_server):
    chromium = web.Browser(web_server)
    try:
        yield chromium
        problems = chromium.problems()
    finally:
        chromium.close()
    assert not problems, "\n".join(problems)
