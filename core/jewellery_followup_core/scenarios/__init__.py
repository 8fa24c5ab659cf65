# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The product's promises as scenario tests, written once and run on every Odoo version.

Each module holds mixins of ``test_*`` methods that speak only of what a salesperson, a manager or a script does
and sees. A version's test module combines a mixin with its own ``FollowupCase`` (Odoo's test case with the
store's fixtures), which supplies what Odoo's API spells differently:

    class TestLimit(limit.LimitScenarios, FollowupCase):    # tests/test_limit.py (11.0), tagged on 18.0
        pass

What every version's ``FollowupCase`` gives a scenario (the driver):
- people: ``salesperson`` ("all leads"), ``own`` and ``peer`` ("own documents only"), ``manager``, ``stranger``
  (a salesperson of ``other_company``), ``customer`` (a contact); the store ``company`` (open Tuesday to
  Saturday), its ``chain`` and ``steps``; ``make_user(name, group_xmlid, company=None)``;
- the clock: ``set_clock(day, hour=12)`` (UTC), ``on(day, records)``; the visit is Saturday 6 March 2027;
- leads: ``make_lead(user=None, **values)``, ``lead_of(user, **values)`` (as that salesperson),
  ``as_user(records, user)`` (the same records in that user's hands), ``merge(leads, user)`` (Odoo's own merge of
  opportunities; returns the surviving lead);
- the follow-up: ``start(lead, day)``, ``scheduled(lead)``, ``answer(lead, day, outcome, **kwargs)``,
  ``run_cron(day, hour=12)``, ``reach_gift(lead)``, ``exhaust(lead)``, ``reopen(lead)``;
- reading: ``attempts_of(lead)``, ``open_attempts(lead)``, ``followup_activities(lead)`` (open ones, anyone's),
  ``fresh()`` (forget the cache), ``flush()`` (write what the ORM holds, before SQL), ``iso(value)`` (a date as
  "YYYY-MM-DD", whatever the version gives), ``assert_chatter_says(lead, text)``, ``snapshot(lead)``,
  ``rolled_back(function)``;
- errors: ``ACCESS_ERROR``, ``USER_ERROR``, ``VALIDATION_ERROR``, ``REFUSALS`` (any of Odoo's dialogs), and
  ``quiet(logger)`` (a context that mutes a logger, for errors a test provokes on purpose).
x2many values are written as tuples, ``(0, 0, values)`` and ``(6, 0, ids)``, which every version accepts.
"""
