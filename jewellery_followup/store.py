# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the gate asks of Odoo, as Odoo 11 spells it: its errors, its cache, activities deleted once done, touches
written in bulk SQL (``scheduler``), and start messages posted in one pass."""
from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError, ValidationError

from jewellery_followup_core.odoo_store import OdooStore, through_engine

from . import core, scheduler

ERRORS = {"user": UserError, "access": AccessError, "validation": ValidationError}


class Store(OdooStore):

    def lang(self):
        return self.env.context.get("lang") or "en_US"

    def error(self, refusal):
        return ERRORS[refusal.kind](refusal.text(self.lang()))

    def default_company(self):
        return self.env.user.company_id

    def check_access(self, records, mode):
        records.check_access_rights(mode)
        records.check_access_rule(mode)

    def writable(self, records):
        """The records the user may change, in one query (Odoo 11 has no filter for it)."""
        if self.env.uid == SUPERUSER_ID:
            return records
        if not records.check_access_rights("write", raise_exception=False):
            return records.browse()
        where_clause, params, tables = self.env["ir.rule"].domain_get(records._name, "write")
        if not where_clause:
            return records
        query = "SELECT %s.id FROM %s WHERE %s.id IN %%s AND %s" % (
            records._table, ",".join(tables), records._table, " AND ".join(where_clause))
        writable = set()
        for sub_ids in self.env.cr.split_for_in_conditions(records.ids):
            self.env.cr.execute(query, [sub_ids] + params)  # pylint: disable=sql-injection
            writable.update(row[0] for row in self.env.cr.fetchall())
        return records.browse([record_id for record_id in records.ids if record_id in writable])

    def invalidate(self, records, fnames=None):
        records.invalidate_cache(fnames)

    def invalidate_all(self):
        self.env.cache.invalidate()

    def after_sql_moves(self, leads):
        self.invalidate_all()
        scheduler.refresh_activity_deadlines(self.env, leads.ids)

    def write(self, records, values, tracked=True, engine=True):
        # Odoo 11 keeps dates as text
        as_text = {name: fields.Date.to_string(value) if hasattr(value, "isoformat") else value
                   for name, value in values.items()}
        return super().write(records, as_text, tracked, engine)

    def schedule(self, plans):
        return scheduler.schedule(self.env, plans)

    def create_activities(self, rows):
        return scheduler.create_activities(self.env, rows)

    def close_attempt(self, attempt, values):
        # Odoo 11 deletes a done activity: the attempt is what keeps the touch's history
        activity = attempt.activity_id
        self.write(attempt.sudo(), dict(values, activity_id=False))
        activity.sudo().unlink()

    def set_lost(self, lead, reason_xmlid, values):
        self.write(lead, dict(values, lost_reason=self.env.ref(reason_xmlid).id))
        lead.action_set_lost()

    def create_showing(self, lead, values):
        values = dict(values, opportunity_id=lead.id, partner_ids=[(6, 0, values["partner_ids"])],
                      start=fields.Datetime.to_string(values["start"]),
                      stop=fields.Datetime.to_string(values["stop"]))
        return self.env["calendar.event"].with_context(
            default_res_model="crm.lead", default_res_id=lead.id).create(values)

    def post_started(self, plans, states_before, bodies):
        """The start messages, with the state's tracking, as the superuser with the user as author and creator:
        the gate checked the user's rights on the leads already, and Odoo would check them again on each
        message it reads back (a dozen queries per message); the sender, reply-to and record name are worked out
        for all leads at once, as ``mail.message.create`` would one message at a time."""
        if not plans:
            return
        leads = self.env["crm.lead"].browse([plan["lead"].id for plan in plans])
        email_from = self.env["mail.message"]._get_default_from()
        reply_to = leads.message_get_reply_to(leads.ids, default=email_from)
        names = dict(leads.sudo().name_get())
        state_info = self.env["crm.lead"].fields_get(["followup_state"])["followup_state"]
        Tracking = self.env["mail.tracking.value"]
        messages = self.env["mail.message"]
        for plan, body in zip(plans, bodies):
            lead = plan["lead"]
            tracking = Tracking.create_tracking_values(states_before[lead.id], "running", "followup_state",
                                                       state_info)
            # each lead alone: posting invalidates the lead's cache, and reading it back with the others in the
            # prefetch set would re-read all of them for every message (minutes for 1,000 leads)
            messages |= lead.with_env(self.env).sudo().with_prefetch().message_post(
                body=body, tracking_value_ids=[(0, 0, tracking)] if tracking else [],
                email_from=email_from, reply_to=reply_to[lead.id], record_name=names[lead.id],
                author_id=self.env.user.partner_id.id)
        self.env.cr.execute("UPDATE mail_message SET create_uid = %s WHERE id IN %s",
                            (self.env.uid, tuple(messages.ids)))
        messages.invalidate_cache(["create_uid"])


def gate(env):
    """The follow-up's gate acting in ``env``."""
    return core.gate.Gate(Store(env))


__all__ = ["Store", "gate", "through_engine"]
