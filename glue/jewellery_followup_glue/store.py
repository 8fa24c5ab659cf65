# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the gate asks of Odoo, as Odoo 17.0 to 19.0 spell it: their error dialogs, their buffered writes and cache,
done activities kept archived, and touches through their batched ``mail.activity.create``. Each version's
``store.Store`` subclasses it for what only its Odoo spells its own way."""
import jewellery_followup_core as core
from jewellery_followup_core.odoo_store import OdooStore

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from . import scheduler

ERRORS = {"user": UserError, "access": AccessError, "validation": ValidationError}


class Store(OdooStore):

    def lang(self):
        return self.env.lang or "en_US"

    def error(self, refusal):
        return ERRORS[refusal.kind](refusal.text(self.lang()))

    def default_company(self):
        return self.env.company

    def check_access(self, records, mode):
        records.check_access(mode)

    def writable(self, records):
        return records._filtered_access("write")

    def invalidate(self, records, fnames=None):
        records.invalidate_recordset(fnames)

    def invalidate_all(self):
        self.env.invalidate_all()

    def flush(self):
        self.env.flush_all()

    def schedule(self, plans):
        return scheduler.schedule(self.env, plans)

    def create_activities(self, rows):
        return scheduler.create_activities(self.env, rows)

    def close_attempt(self, attempt, values):
        # A done follow-up activity stays archived (its type is "keep done" on 17 and 18; 19 keeps every done
        # activity): the attempt keeps its link to it, and it is closed before the lead may be lost or won
        self.write(attempt.sudo(), values)
        attempt.activity_id.sudo().filtered("active").action_archive()  # Odoo sets its done date

    def set_lost(self, lead, reason_xmlid, values):
        self.write(lead, values)
        lead.action_set_lost(lost_reason_id=self.env.ref(reason_xmlid).id)

    def create_showing(self, lead, values):
        values = dict(values, opportunity_id=lead.id, partner_ids=[Command.set(values["partner_ids"])])
        return self.env["calendar.event"].with_context(
            default_res_model="crm.lead", default_res_id=lead.id).create(values)

    def post_started(self, plans, states_before, bodies):
        state_info = self.env["crm.lead"].fields_get(["followup_state"])["followup_state"]
        Tracking = self.env["mail.tracking.value"]
        for plan, body in zip(plans, bodies):
            lead = plan["lead"]
            tracking = Tracking._create_tracking_values(states_before[lead.id], "running", "followup_state",
                                                        state_info, lead)
            # each lead alone: posting invalidates the lead's cache, and reading it back with the others in the
            # prefetch set would re-read all of them for every message
            lead.with_prefetch().message_post(
                body=body, tracking_value_ids=[Command.create(tracking)] if tracking else [])


def gate(store):
    """The follow-up's gate, acting through ``store``."""
    return core.gate.Gate(store)
