"""The outcome popover of the activity widget in the real web client: its QUnit tests, and a booked showing
recorded from a lead's activities with the salesperson's feedback."""
from browser import PASSWORD, PRIYA

pytest_plugins = ["browser_fixtures"]


def test_the_outcome_popover_passes_its_qunit_tests(browser):
    browser.login("admin", "admin")
    browser.open("/web/tests?debug=assets&module=jewellery_followup")
    result = browser.find_text("#qunit-testresult", "completed", "QUnit to finish", timeout=300)
    tests = browser.driver.execute_script("""
        return $('#qunit-tests > li').map(function () {
            return [[$(this).find('.module-name').text(), this.className]];
        }).get();""")
    ours = [outcome for module, outcome in tests if module == "jewellery_followup"]
    assert ours, "no QUnit test of jewellery_followup ran: %s" % result.text
    assert all("pass" in outcome.split() for outcome in ours), result.text
    assert browser.find("#qunit-testresult .failed", visible=False).get_attribute("textContent") == "0", result.text


def test_booking_a_showing_from_the_lead_s_activities_records_it_with_the_feedback(browser, admin):
    priya = admin("res.users", "search", [("login", "=", PRIYA)])[0]
    lead_id = admin("crm.lead", "create", {
        "name": "Tennis bracelet for Ana", "type": "opportunity", "contact_name": "Joao Pereira",
        "email_from": "joao.pereira@example.com", "user_id": priya})
    admin("crm.lead", "action_start_followup", [lead_id])
    [attempt] = admin("jewellery.followup.attempt", "search_read", [("lead_id", "=", lead_id)], ["activity_id"])

    browser.login(PRIYA, PASSWORD)
    browser.open("/web#id=%d&model=crm.lead&view_type=form" % lead_id)
    done = ".o_mail_activity .o_activity_done[data-activity-id='%d']" % attempt["activity_id"][0]
    browser.mark_done(attempt["activity_id"][0])
    popover = ".o_mail_activity_feedback.popover"
    outcome = browser.find(popover + " select.o_jewellery_followup_outcome", "the outcome choice")
    assert outcome.get_attribute("value") == "no_answer"
    # typed, as with the keyboard: a click on an option leaves the popover, which closes it
    outcome.send_keys("Appointment booked")
    assert outcome.get_attribute("value") == "appointment"
    browser.type(popover + " #activity_feedback", "Saturday 11:00 & flowers")
    browser.click(popover + " .o_activity_popover_done", "Done")
    browser.gone(done, "the activity to leave the lead")
    browser.find_text(".o_mail_thread", "Saturday 11:00 & flowers", "the 'activity done' message")

    [attempt] = admin("jewellery.followup.attempt", "read", [attempt["id"]],
                      ["state", "outcome", "note", "activity_id"])
    assert (attempt["state"], attempt["outcome"], attempt["note"], attempt["activity_id"]) == \
        ("done", "appointment", "Saturday 11:00 & flowers", False)
    [lead] = admin("crm.lead", "read", [lead_id], ["followup_state"])
    assert lead["followup_state"] == "appointment"
