"""A salesperson at the counter, in the real web client: the lead and its Jewellery page, the visit that ends
without a sale, the morning call marked "No answer" from the activity, the note the hourly job puts on their list
on its morning, and the note card printed for the envelope."""
import os

from browser import IMAGES, MARCUS, PASSWORD, run_hourly_job
from browser_pdf import ink_at_edges, render, word_ink
from jewellery_followup_core.scenarios.note_card import pdf_text

pytest_plugins = ["browser_fixtures"]

LEAD = "Oval solitaire for Clara"


def test_a_visit_without_a_sale_becomes_a_call_a_note_and_a_printed_card(browser, admin):
    browser.login(MARCUS, PASSWORD)
    browser.menu("crm.crm_menu_root", "crm.menu_crm_opportunities")
    browser.click(".o_cp_switch_list", "the list view")
    browser.find(".o_list_view", "the list")
    browser.click(".o_list_button_add", "Create")
    browser.fill("name", LEAD)
    browser.fill("email_from", "tom.reyes@example.com")
    browser.fill("phone", "+44 20 7946 0321")
    browser.tab("Jewellery")
    browser.fill("occasion", "Engagement")
    browser.fill("recipient_name", "Clara")
    browser.fill("hospitality_note", "espresso, no sugar")
    browser.fill("stone_type", "Diamond")
    browser.fill("stone_shape", "Oval")
    browser.fill("stone_carat", "1.2")
    browser.fill("metal", "Platinum")
    browser.fill("ring_size", "UK M")
    browser.fill("budget_min", "6000")
    browser.fill("budget_max", "9000")
    browser.fill("piece_description", "1.2 ct oval diamond solitaire in platinum")
    browser.screenshot("salesperson-jewellery-page", top=".o_notebook")
    browser.tab("Contact Information")
    browser.fill("contact_name", "Tom Reyes")
    browser.fill("street", "14 Chiltern Street")
    browser.fill("city", "London")
    browser.fill("zip", "W1U 7PY")
    browser.click(".o_form_button_save", "Save")
    browser.find(".o_form_view.o_form_readonly", "the saved lead")
    [lead] = admin("crm.lead", "search_read", [("name", "=", LEAD)], ["id", "occasion", "recipient_name",
                                                                      "stone_carat", "budget_max", "user_id"],
                   order="id desc", limit=1)
    assert (lead["occasion"], lead["recipient_name"], lead["stone_carat"], lead["budget_max"]) == \
        ("engagement", "Clara", 1.2, 9000)
    assert lead["user_id"][1] == "Marcus Webb"

    browser.button("Visit ended without a sale", ".o_form_statusbar")
    browser.find(".modal .o_field_widget[name=next_step]", "the visit close wizard")
    browser.radio("next_step", "chain")
    browser.find_text(".modal .alert-info", "A call the next morning")
    browser.screenshot("salesperson-visit-close")
    browser.button("Confirm", ".modal-footer")
    browser.gone(".modal", "the wizard to close")
    [attempt] = admin("jewellery.followup.attempt", "search_read", [("lead_id", "=", lead["id"])],
                      ["activity_id", "kind", "state"])
    assert (attempt["kind"], attempt["state"]) == ("call", "scheduled")

    done = ".o_mail_activity .o_activity_done[data-activity-id='%d']" % attempt["activity_id"][0]
    browser.mark_done(attempt["activity_id"][0])
    outcome = browser.find(".o_mail_activity_feedback.popover select.o_jewellery_followup_outcome",
                           "the outcome choice")
    assert outcome.get_attribute("value") == "no_answer", "No answer is preselected"
    browser.type(".o_mail_activity_feedback.popover #activity_feedback", "Voicemail, will try the note")
    browser.screenshot("salesperson-call-no-answer", top=".o_chatter")
    browser.click(".o_mail_activity_feedback.popover .o_activity_popover_done", "Done")
    browser.gone(done, "the call to leave the activities")
    browser.find_text(".o_mail_thread", "Voicemail, will try the note", "the call in the chatter")

    [state] = admin("crm.lead", "read", [lead["id"]], ["followup_state", "followup_next_date"])
    assert state["followup_state"] == "running" and state["followup_next_date"], state
    # the next open morning the note is due on, after the job's start (05:00 in London)
    run_hourly_job("%s 07:00:00" % state["followup_next_date"])
    [note] = admin("jewellery.followup.attempt", "search_read",
                   [("lead_id", "=", lead["id"]), ("state", "=", "scheduled")], ["kind", "summary", "id"])
    assert note["kind"] == "note"
    browser.reload()
    browser.find_text(".o_mail_activity", note["summary"], "the note on the lead's activities")
    browser.screenshot("salesperson-note-activity", top=".o_chatter")

    browser.menu("crm.crm_menu_root", "jewellery_followup.jewellery_followup_attempt_menu")
    card = browser.find_text(".o_kanban_record", LEAD, "the note's card on the board")
    browser.screenshot("salesperson-board")
    browser.click(card.find_element("css selector", ".oe_kanban_content strong"), "the note's card")
    browser.button("Print note card", ".o_form_statusbar")
    with open(browser.downloaded(".pdf"), "rb") as stream:
        pdf = stream.read()
    check_note_card(pdf)


def check_note_card(pdf):
    """The card as the salesperson holds it: the envelope's address block and the signature are printed, and
    nothing runs off the page."""
    text = pdf_text(pdf)
    for expected in ("Tom Reyes", "14 Chiltern Street", "London", "W1U 7PY", "Professionally,", "Marcus Webb"):
        assert expected in text, "%r is not on the card: %s" % (expected, text)
    pages = render(pdf)
    for page in pages:
        assert not ink_at_edges(page), "something is cut off at the page's edge"
    shown = word_ink(pdf, pages, {"Chiltern", "W1U", "Professionally,", "Webb"})
    assert set(shown) == {"Chiltern", "W1U", "Professionally,", "Webb"}, shown
    assert all(share > 0.05 for share in shown.values()), "printed, not blank: %s" % shown
    big = render(pdf, dpi=100)[0]
    os.makedirs(IMAGES, exist_ok=True)
    big.save(os.path.join(IMAGES, "note-card.png"))
