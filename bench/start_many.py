"""How long the Start follow-up wizard takes for 1,000 leads selected in the list (target: <= 15 s).

A sales manager (a real user, not the superuser) selects N new leads with a salesperson, a way to reach the
customer and no follow-up yet, and confirms the wizard: once with "each lead's salesperson", once spreading the
touches over a sales team of three. Each run is timed from the wizard's creation to its result and rolled back.
In the same run, Odoo's own way of doing the same for the same leads: the manager schedules each lead's call with
``mail.activity.create`` and posts the tracked "started" note with ``message_post``, lead by lead.

Usage: bench/run start_many [--count 1000] (11.0), bench/run18 start_many [--count 1000] (18.0)
"""
import datetime
import time
from unittest import mock

from bench_common import (as_user, invalidate, parse_args, rolled_back, set_team_members, tracking_values, user_groups,
                          version_label)

# Saturday noon UTC: every lead's call lands on the next open day
NOW = datetime.datetime(2027, 3, 6, 12, 0)


def make_leads(env, count):
    """New leads written in bulk: building the fixture is not what is measured."""
    user = env.ref("base.user_demo")
    env.cr.execute("""
        INSERT INTO crm_lead (name, type, contact_name, email_from, recipient_name, occasion, stone_type, user_id,
                              company_id, active, probability, followup_state, followup_contact_count,
                              create_date, write_date, create_uid, write_uid)
        SELECT 'Bench lead ' || n, 'opportunity', 'Customer ' || n, 'customer' || n || '@example.com',
               'Recipient ' || n, 'engagement', 'diamond', %s, %s, true, 10, 'none', 0, now(), now(), 1, 1
        FROM generate_series(1, %s) AS n
        RETURNING id
    """, (user.id, env.user.company_id.id, count))
    lead_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'crm.lead', id, %s FROM unnest(%s) AS id
    """, (user.partner_id.id, lead_ids))
    invalidate(env)
    return lead_ids


def make_manager_and_team(env):
    users = env["res.users"].with_context(no_reset_password=True)
    manager = users.create({"name": "Bench Manager", "login": "bench.manager@example.com",
                            "email": "bench.manager@example.com",
                            **user_groups(env, "sales_team.group_sale_manager")})
    team = env["crm.team"].create({"name": "Bench team"})
    sellers = users.browse()
    for index in range(3):
        sellers |= users.create({"name": "Bench Seller %s" % index, "login": "bench.seller%s@example.com" % index,
                                 "email": "bench.seller%s@example.com" % index,
                                 **user_groups(env, "sales_team.group_sale_salesman")})
    set_team_members(team, sellers)
    return manager, team


def time_wizard(db, count, team_mode):
    with rolled_back(db) as env:
        lead_ids = make_leads(env, count)
        manager, team = make_manager_and_team(env)
        values = {"assign_mode": "team", "assign_team_id": team.id} if team_mode else \
            {"assign_mode": "salesperson"}
        from odoo.addons.jewellery_followup import core
        with mock.patch.object(core.clock, "utc_now", return_value=NOW):
            started = time.perf_counter()
            wizard = as_user(env["jewellery.followup.start"], manager).with_context(
                active_model="crm.lead", active_ids=lead_ids).create(values)
            wizard.action_confirm()
            env.cr.execute("SELECT 1")
            elapsed = time.perf_counter() - started
        assert (wizard.started_count, wizard.refused_count) == (count, 0), wizard.result
        return elapsed


def time_odoo_own_way(db, count):
    """The same work through Odoo's own ORM calls, one lead at a time, as the manager."""
    with rolled_back(db) as env:
        lead_ids = make_leads(env, count)
        manager, _team = make_manager_and_team(env)
        call = env.ref("jewellery_followup.step_second_chance_call")
        model_id = env["ir.model"]._get_id("crm.lead")
        state_info = env["crm.lead"].fields_get(["followup_state"])["followup_state"]
        as_manager = env(user=manager.id)
        started = time.perf_counter()
        for lead_id in lead_ids:
            # one lead per prefetch set: posting on a lead of a 1,000-lead set re-reads all of them
            lead = as_manager["crm.lead"].browse(lead_id)
            as_manager["mail.activity"].create({
                "res_model_id": model_id, "res_id": lead.id, "activity_type_id": call.activity_type_id.id,
                "summary": call.summary, "note": "<p>%s</p>" % lead.contact_name, "date_deadline": "2027-03-09",
                "user_id": lead.user_id.id})
            tracking = tracking_values(lead, "followup_state", state_info, "none", "running")
            lead.message_post(body="Second-chance follow-up started.", tracking_value_ids=[(0, 0, tracking)])
        env.cr.execute("SELECT 1")
        return time.perf_counter() - started


def main():
    args = parse_args(__doc__, count=1000)
    print(version_label())
    for label, team_mode in (("each lead's salesperson", False), ("spread over a team of 3", True)):
        elapsed = time_wizard(args.db, args.count, team_mode)
        print("Start follow-up wizard, %-24s %5d leads in %6.1f s = %5.0f per second (target: 1,000 in <= 15 s)"
              % (label + ":", args.count, elapsed, args.count / elapsed))
    elapsed = time_odoo_own_way(args.db, args.count)
    print("Odoo's own way (mail.activity.create + message_post per lead): %5d leads in %6.1f s = %5.0f per second"
          % (args.count, elapsed, args.count / elapsed))


if __name__ == "__main__":
    main()
