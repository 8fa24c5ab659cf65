"""After the sale, in the real web client, on the demo store: a salesperson's after-sale touches, the care visit
booked when the customer says yes (it opens for the time agreed), the customer's wish list on their contact and a
pause until the customer is back from holiday; the manager's settings page, with a rule of the store's own, and
the After-sale Results."""
import datetime

import pytz
from browser import HARRIET, PASSWORD
from jewellery_followup_core.demo import TZ

pytest_plugins = ["browser_fixtures"]

TOUCH = "jewellery.aftersale.touch"
WISH = "sapphire drop earrings in white gold"


def scheduled_care_touches(admin):
    """The demo's care visits waiting on a list, with their salesperson's login: the salesperson who has two."""
    touches = admin(TOUCH, "search_read", [("state", "=", "scheduled"), ("kind", "=", "care")],
                    ["summary", "lead_id", "partner_id", "user_id"], order="id")
    by_user = {}
    for touch in touches:
        by_user.setdefault(touch["user_id"][0], []).append(touch)
    user_id, theirs = max(by_user.items(), key=lambda item: len(item[1]))
    assert len(theirs) == 2, "the demo gives one salesperson both care visits: %s" % touches
    [login] = [user["login"] for user in admin("res.users", "read", [user_id], ["login"])]
    return login, theirs


def test_a_salesperson_books_a_care_visit_and_pauses_one(browser, admin):
    login, (booked, paused) = scheduled_care_touches(admin)
    customer = booked["partner_id"]
    admin("crm.lead", "create", {"name": "Earrings for the summer", "type": "opportunity",
                                 "partner_id": customer[0], "user_id": admin(TOUCH, "read", [booked["id"]],
                                                                             ["user_id"])[0]["user_id"][0],
                                 "piece_description": WISH})

    browser.login(login, PASSWORD)
    browser.menu("crm.crm_menu_root", "jewellery_followup.jewellery_aftersale_touch_menu")
    rows = ".o_list_view tbody tr.o_data_row"
    for touch in (booked, paused):
        browser.find_text(rows, touch["summary"], "the care visit %r on the list" % touch["summary"])
    browser.screenshot("salesperson-aftersale-touches")

    browser.click(browser.find_text(rows, booked["summary"]), "the care visit")
    browser.find_text(".o_form_view h1", booked["summary"], "the touch's form")
    browser.screenshot("salesperson-aftersale-care")
    browser.button("Appointment booked", ".o_form_statusbar")
    # the visit opens on the salesperson's screen, to set the time agreed with the customer
    title = browser.find(".o_form_view.o_form_editable input.o_field_widget[name=name]", "the booked visit's form")
    assert title.get_attribute("value") == "Care visit: %s" % customer[1], title.get_attribute("value")
    [touch] = admin(TOUCH, "read", [booked["id"]], ["state", "outcome", "visit_event_id"])
    assert (touch["state"], touch["outcome"]) == ("done", "appointment"), touch
    [visit] = admin("calendar.event", "read", [touch["visit_event_id"][0]], ["id", "name", "start", "partner_ids"])
    assert visit["name"] == "Care visit: %s" % customer[1], visit
    assert customer[0] in visit["partner_ids"], "the customer is invited"
    # the salesperson sets the time agreed with the customer (the demo store's people work in London time)
    london = pytz.timezone(TZ)
    booked_at = pytz.utc.localize(datetime.datetime.strptime(visit["start"], "%Y-%m-%d %H:%M:%S")).astimezone(london)
    assert booked_at.strftime("%H:%M") == "10:00", booked_at
    agreed = london.localize(datetime.datetime.combine(booked_at.date(), datetime.time(15, 30)))
    browser.fill("start_datetime", agreed.strftime("%m/%d/%Y %H:%M:%S"))
    browser.screenshot("salesperson-aftersale-visit")
    browser.click(".o_form_button_save", "Save")
    browser.find(".o_form_view.o_form_readonly", "the visit saved")
    [saved] = admin("calendar.event", "read", [visit["id"]], ["start"])
    assert saved["start"] == agreed.astimezone(pytz.utc).strftime("%Y-%m-%d %H:%M:%S"), saved

    browser.open("/web#id=%d&model=res.partner&view_type=form" % customer[0])
    browser.tab("Sales & Purchases")
    browser.find_text(".o_field_widget[name=wish_ids] tr.o_data_row", WISH, "the wish on the customer's list")
    browser.screenshot("salesperson-wish-list", top=".o_field_widget[name=wish_ids]")

    browser.menu("crm.crm_menu_root", "jewellery_followup.jewellery_aftersale_touch_menu")
    browser.click(browser.find_text(rows, paused["summary"]), "the other care visit")
    browser.button("Pause...", ".o_form_statusbar")
    browser.find_text(".o_form_view .oe_title", paused["lead_id"][1], "the lead's form")
    browser.click(".o_form_button_edit", "Edit")
    browser.tab("Follow-up")
    back = datetime.date.today() + datetime.timedelta(days=24)
    browser.fill("followup_paused_until", back.strftime("%m/%d/%Y"))
    browser.fill("followup_pause_reason", "Travelling until the end of the month")
    browser.screenshot("salesperson-pause", top=".o_notebook")
    browser.click(".o_form_button_save", "Save")
    browser.find(".o_form_view.o_form_readonly", "the saved lead")
    [touch] = admin(TOUCH, "read", [paused["id"]], ["state", "date_due", "activity_id"])
    assert touch["state"] == "planned" and not touch["activity_id"], "off the list until the customer is back"
    assert touch["date_due"] >= back.isoformat(), touch
    browser.find_text(".o_mail_thread", "Travelling until the end of the month", "the pause in the chatter")


def test_a_manager_adds_a_rule_and_reads_the_after_sale_results(browser, admin):
    [company] = admin("res.company", "search", [("parent_id", "=", False)], limit=1)
    browser.login(HARRIET, PASSWORD)
    # the store's own rule, from CRM's configuration: after a wedding ring, the first anniversary's piece
    browser.menu("crm.crm_menu_root", "jewellery_followup.jewellery_aftersale_rule_menu")
    browser.click(".o_list_button_add", "Create")
    row = ".o_list_view tr.o_selected_row"
    browser.fill("kind", "Next piece after", scope=row)
    browser.fill("after_occasion", "Wedding", scope=row)
    browser.fill("suggest_occasion", "Anniversary", scope=row)
    browser.fill("days_before", "60", scope=row)
    browser.click(".o_list_button_save", "Save")
    browser.gone(row, "the rule saved")
    browser.screenshot("manager-aftersale-rules")
    [rule] = admin("jewellery.aftersale.rule", "search_read", [("company_id", "=", company)],
                   ["kind", "after_occasion", "suggest_occasion", "days_before", "days_after"])
    assert rule == dict(rule, kind="next_piece", after_occasion="wedding", suggest_occasion="anniversary",
                        days_before=60, days_after=60), rule

    browser.open("/web#id=%d&model=res.company&view_type=form" % company)
    browser.tab("After the Sale")
    months = browser.find(".o_field_widget[name=aftersale_care_months]", "the care visits' interval")
    assert months.text.strip() == "6", months.text
    browser.screenshot("manager-aftersale-settings", top=".o_notebook")
    assert "Wedding" in browser.find(".o_field_widget[name=aftersale_rule_ids]").text, "the rule on the page"

    browser.menu("crm.crm_menu_root", "jewellery_followup.jewellery_aftersale_result_menu")
    table = browser.find(".o_pivot table", "the After-sale Results pivot").text
    for kind in ("Care visit", "Anniversary", "Next piece"):
        assert kind in table, "a row or column per kind of touch: %s" % table
    assert "2,350.00" in table, "the demo's wedding bands, bought after their touch: %s" % table
    browser.screenshot("manager-aftersale-results")
