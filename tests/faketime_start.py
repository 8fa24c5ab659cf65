"""Run under faketime by test_followup_timezones: a salesperson in a time zone starts a chain; prints the call's
due date. Everything is rolled back. Usage: faketime MOMENT python faketime_start.py CONFIG DATABASE TZ"""
import sys

import odoo
from odoo import SUPERUSER_ID, api


def main(config, database, tz):
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    with api.Environment.manage(), odoo.registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            seller = env["res.users"].with_context(no_reset_password=True).create({
                "name": "Seller", "login": "faketime.seller@example.com", "email": "faketime.seller@example.com",
                "tz": tz,
                "groups_id": [(6, 0, [env.ref("sales_team.group_sale_salesman").id])]})
            env.user.company_id.resource_calendar_id = env["resource.calendar"].create({
                "name": "Tuesday to Saturday",
                "attendance_ids": [(0, 0, {"name": str(day), "dayofweek": str(day), "hour_from": 10,
                                           "hour_to": 18}) for day in range(1, 6)]})
            lead = env["crm.lead"].create({"name": "Ring", "email_from": "c@example.com", "user_id": seller.id})
            lead.sudo(seller).action_start_followup()
            print("call due %s" % lead.followup_attempt_ids.date_scheduled)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main(*sys.argv[1:4])
