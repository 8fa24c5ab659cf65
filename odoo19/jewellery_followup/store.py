# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the gate asks of Odoo, as Odoo 19 spells it: its error dialogs, its buffered writes and cache, activities
archived once done, and touches through its batched ``mail.activity.create``."""
from jewellery_followup_core.odoo_store import OdooStore, through_engine

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from . import core, scheduler

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

    def close_attempt(self, attempt, values):
        # Odoo 19 keeps every done activity archived: the attempt keeps its link to it, and it is closed before
        # the lead may be lost or won (the lead's archiving stops a running chain as closed)
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


def link_selection_as_superuser(model, vals_list, field, create):
    """Creates the wizards of ``vals_list`` with ``create``, then links their selection (``field``, a many2many, its
    default included) as the superuser.

    Odoo 19 refuses to link a record the user may not read; a follow-up wizard lists each selected record it cannot
    act on with its reason, those the user may not see included (unnamed), so it must hold them. The wizard reads
    them back as the superuser and the gate checks every one."""
    links = []
    for vals in vals_list:
        links.append(vals[field] if field in vals else model.default_get([field]).get(field))
    wizards = create([dict(vals, **{field: False}) for vals in vals_list])
    for wizard, link in zip(wizards, links):
        if link:
            wizard.sudo().write({field: link})
    return wizards


def gate(env):
    """The follow-up's gate acting in ``env``."""
    return core.gate.Gate(Store(env))


__all__ = ["Store", "gate", "link_selection_as_superuser", "through_engine"]
