"""A French-speaking salesperson in the real web client: the Jewellery page, the visit close wizard and the call's
script in French. The expected words are read from the addon's own i18n/fr.po, so the test follows the
translation as it changes."""
import os
import re

import pytest
from babel.messages.pofile import read_po

from browser import PASSWORD

pytest_plugins = ["browser_fixtures"]

FR_PO = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "jewellery_followup", "i18n",
                     "fr.po")
LOGIN = "camille.lefevre@example.com"


@pytest.fixture(scope="module")
def french():
    if not os.path.exists(FR_PO):
        pytest.fail("the addon has no French translation (jewellery_followup/i18n/fr.po)")
    with open(FR_PO, "rb") as stream:
        catalog = read_po(stream)

    def translate(source):
        message = catalog.get(source)
        assert message is not None and message.string, "fr.po does not translate %r" % source
        return message.string
    return translate


def longest_phrase(script):
    """The longest stretch of a script's wording without a {placeholder}: it shows as written."""
    return max((part.strip() for part in re.split(r"\{\w+\}|\n", script)), key=len)


def test_a_french_salesperson_works_in_french(browser, admin, french):
    # the store loads French as a store does (Settings > Translations), here only for what the test reads
    # (a model_cr_context method: over RPC its first argument is the record ids, none here)
    admin("ir.translation", "load_module_terms", [], ["web", "mail", "crm", "jewellery_followup"], ["fr_FR"])
    salesman = admin("ir.model.data", "xmlid_to_res_id", "sales_team.group_sale_salesman")
    camille = admin("res.users", "create", {
        "name": "Camille Lefèvre", "login": LOGIN, "email": LOGIN, "password": PASSWORD, "lang": "fr_FR",
        "tz": "Europe/London", "groups_id": [(6, 0, [salesman])]})
    customer = admin("res.partner", "create", {"name": "Amélie Roux", "lang": "fr_FR",
                                               "email": "amelie.roux@example.com"})
    lead_id = admin("crm.lead", "create", {
        "name": "Bague de fiançailles pour Clara", "type": "opportunity", "partner_id": customer,
        "email_from": "amelie.roux@example.com", "user_id": camille, "occasion": "engagement",
        "recipient_name": "Clara", "stone_type": "diamond", "metal": "platinum",
        "piece_description": "solitaire ovale 1,2 ct en platine"})
    [step] = admin("jewellery.followup.step", "read",
                   [admin("ir.model.data", "xmlid_to_res_id", "jewellery_followup.step_second_chance_call")],
                   ["script"], context={"lang": "en_US"})

    browser.login(LOGIN, PASSWORD)
    browser.open("/web#id=%d&model=crm.lead&view_type=form" % lead_id)
    browser.tab(french("Jewellery"))
    occasion = browser.find(".o_form_view .o_field_widget[name=occasion]", "the occasion")
    assert occasion.text == french("Engagement"), occasion.text
    browser.screenshot("french-jewellery-page", top=".o_notebook")

    browser.button(french("Visit ended without a sale"), ".o_form_statusbar")
    title = browser.find(".modal .modal-title", "the visit close wizard")
    assert title.text == french("Visit ended without a sale")
    browser.radio("next_step", "chain")
    choice = browser.find(".modal .o_field_widget[name=next_step] input[data-value=chain] + label")
    assert choice.text == french("Start the second-chance follow-up")
    browser.screenshot("french-visit-close")
    browser.click(".modal-footer .btn-primary", "Confirm")
    browser.gone(".modal", "the wizard to close")

    script = browser.find(".o_mail_activity .o_thread_message_note, .o_mail_activity", "the call's script").text
    phrase = longest_phrase(french(step["script"]))
    assert phrase in script, "%r is not in the call's script:\n%s" % (phrase, script)
    browser.screenshot("french-call-script", top=".o_chatter")
