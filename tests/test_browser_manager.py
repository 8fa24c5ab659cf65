"""The store's manager in the real web client, on the demo store: starts the follow-up of leads selected in the
list with the Start follow-up wizard, moves a salesperson's touches over the team, records an outcome from the
board and opens the results."""
from browser import HARRIET, PASSWORD, PRIYA

pytest_plugins = ["browser_fixtures"]

WALK_INS = ["Walk-in: pearl studs for Ines", "Walk-in: signet ring for Paul", "Walk-in: bangle for Rosa"]
TEAM = "Bond Street Counter"


def open_touches(admin, login):
    return admin("jewellery.followup.attempt", "search_count",
                 [("state", "=", "scheduled"), ("user_id.login", "=", login)])


def test_a_manager_assigns_rebalances_records_and_reads_the_results(browser, admin):
    marcus = admin("res.users", "search", [("login", "=", "marcus.webb@example.com")])[0]
    lead_ids = [admin("crm.lead", "create", {
        "name": name, "type": "opportunity", "contact_name": name.split(" for ")[1],
        "email_from": "%s@example.com" % name.split(" for ")[1].lower(), "user_id": marcus})
        for name in WALK_INS]

    browser.login(HARRIET, PASSWORD)
    browser.menu("crm.crm_menu_root", "crm.menu_crm_opportunities")
    browser.click(".o_cp_switch_list", "the list view")
    browser.find(".o_list_view", "the list")
    browser.click(".o_searchview .o_facet_remove", "remove the 'My Pipeline' filter")
    browser.search("Walk-in:")
    browser.wait(lambda driver: len(driver.find_elements("css selector", ".o_list_view tbody tr.o_data_row")) == 3,
                 "the three walk-ins in the list")
    browser.click(".o_list_view thead .o_list_record_selector input", "select them all")
    browser.click(browser.find_text(".o_cp_sidebar .o_dropdown_toggler_btn", "Action"), "the Action menu")
    browser.click(browser.find_text(".o_cp_sidebar .dropdown-menu a", "Start follow-up"), "Start follow-up")
    browser.find(".modal .o_field_widget[name=lead_count]", "the Start follow-up wizard")
    browser.radio("assign_mode", "user")
    browser.choose("assign_user_id", "Priya Raman", scope=".modal")
    browser.screenshot("manager-start-followup")
    browser.button("Start", ".modal-footer")
    started = browser.find(".modal .o_field_widget[name=started_count]", "the wizard's result")
    assert started.text == "3", started.text
    browser.button("Close", ".modal-footer")
    browser.gone(".modal")
    leads = admin("crm.lead", "read", lead_ids, ["followup_state", "user_id"])
    assert {lead["followup_state"] for lead in leads} == {"running"}
    assert {lead["user_id"][1] for lead in leads} == {"Marcus Webb"}, "the leads keep their salesperson"
    touches = admin("jewellery.followup.attempt", "search_read", [("lead_id", "in", lead_ids)], ["user_id"])
    assert {touch["user_id"][1] for touch in touches} == {"Priya Raman"}, "the calls are Priya's to make"

    before = open_touches(admin, PRIYA)
    total = admin("jewellery.followup.attempt", "search_count", [("state", "=", "scheduled")])
    assert before > 3, "the demo store's and the walk-ins' touches"
    browser.menu("jewellery_followup.jewellery_followup_rebalance_menu")
    browser.choose("from_user_id", "Priya Raman", scope=".modal")
    browser.radio("assign_mode", "team")
    browser.choose("assign_team_id", TEAM, scope=".modal")
    browser.screenshot("manager-move-work")
    browser.button("Move", ".modal-footer")
    browser.gone(".modal")
    assert open_touches(admin, PRIYA) < before, "Priya's touches were evened out over the team"
    assert admin("jewellery.followup.attempt", "search_count", [("state", "=", "scheduled")]) == total

    browser.menu("jewellery_followup.jewellery_followup_attempt_menu")
    browser.find(".o_kanban_view .o_kanban_group", "the board's columns")
    columns = [element.text for element in browser.driver.find_elements(
        "css selector", ".o_kanban_view .o_kanban_header_title .o_column_title")]
    assert columns[:1] == ["Overdue"], columns
    browser.screenshot("manager-board")
    card = browser.find(".o_kanban_group:first-child .o_kanban_record", "an overdue touch")
    customer = card.find_element("css selector", "strong").text
    browser.click(card.find_element("css selector", "button[data-name=action_open_outcome]"), "Record outcome")
    browser.find(".modal .o_field_widget[name=outcome]", "the outcome wizard")
    assert browser.find(".modal .o_field_widget[name=outcome] input[data-value=no_answer]").is_selected(), \
        "No answer is preselected"
    browser.radio("outcome", "came_back")
    browser.fill("note", "Came in on Saturday with her sister", scope=".modal")
    browser.screenshot("manager-record-outcome")
    browser.button("Record", ".modal-footer")
    browser.gone(".modal")
    [attempt] = admin("jewellery.followup.attempt", "search_read",
                      [("note", "=", "Came in on Saturday with her sister")], ["state", "outcome", "lead_id"])
    assert (attempt["state"], attempt["outcome"]) == ("done", "came_back")
    [lead] = admin("crm.lead", "read", [attempt["lead_id"][0]], ["contact_name", "followup_state"])
    assert (lead["contact_name"], lead["followup_state"]) == (customer, "stopped"), lead

    browser.menu("jewellery_followup.jewellery_followup_result_menu")
    header = browser.find(".o_pivot table thead", "the results pivot").text
    for result in ("Came back", "Purchased", "Declined", "Running"):
        assert result in header, "the pivot has a column per result: %s" % header
    browser.screenshot("manager-results")

    browser.menu("jewellery_followup.jewellery_followup_dashboard_menu")
    panels = ["Conversion per Step", "Results by Salesperson", "Results by Occasion", "Gift Spend against Budget",
              "Overdue Touches", "After the Sale: Touches and Sales After"]
    for title in panels:
        panel = browser.find_text(".o_dashboard .oe_action", title, "the dashboard's panel %r" % title)
        browser.wait(lambda _driver, panel=panel: panel.find_elements(
            "css selector", ".oe_content .o_pivot table, .oe_content .o_graph svg, .oe_content .o_list_view"),
            "the panel %r to show its figures" % title)
    gift = browser.find_text(".o_dashboard .oe_action", "Gift Spend against Budget").text
    assert "Budget" in gift, gift
    browser.screenshot("manager-dashboard")
