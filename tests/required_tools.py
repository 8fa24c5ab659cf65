"""A test that needs a program the test command installs (Chromium, faketime, node...) fails without it under
``scripts/test``, which sets JEWELLERY_TEST_REQUIRE_TOOLS: a skip there would hide a broken setup. Run alone (plain
pytest on a developer's machine) it is skipped, with the reason."""
import os

import pytest

REQUIRED = os.environ.get("JEWELLERY_TEST_REQUIRE_TOOLS") == "1"


def missing(reason):
    if REQUIRED:
        pytest.fail("%s, and scripts/test should have installed it" % reason, pytrace=False)
    pytest.skip(reason)
