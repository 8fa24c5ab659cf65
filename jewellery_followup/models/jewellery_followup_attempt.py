# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import rules
from .jewellery_followup_engine import is_engine, retry_safe
from .jewellery_followup_step import STEP_KINDS

# What people may write on an attempt themselves: their own words and the gift. The rest is the engine's.
FREE_FIELDS = {"note", "gift_description", "gift_value", "gift_attachment_id"}
OUTCOMES = [
    ("no_answer", "No answer"),
    ("appointment", "Appointment booked"),
    ("declined", "Declined"),
    ("came_back", "Came back to the store"),
    ("purchased", "Purchased"),
]


class JewelleryFollowupAttempt(models.Model):
    """One touch of a second-chance chain: a contact made, or to make, with the customer.

    Only the follow-up engine creates attempts and changes their course; people add their notes and the gift."""
    _name = "jewellery.followup.attempt"
    _description = "Second-chance follow-up attempt"
    _order = "lead_id, attempt_no"
    _rec_name = "summary"

    lead_id = fields.Many2one(
        "crm.lead", string="Lead", required=True, index=True,
        ondelete="cascade", auto_join=True)
    chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Chain", ondelete="restrict")
    step_id = fields.Many2one(
        "jewellery.followup.step", string="Step", ondelete="restrict")
    attempt_no = fields.Integer(
        string="Attempt", required=True, readonly=True,
        help="The contact's number with this customer, by date: 1, 2 or 3 (more only after merging leads).")
    kind = fields.Selection(STEP_KINDS, required=True)
    summary = fields.Char()
    state = fields.Selection(
        [("scheduled", "Scheduled"), ("done", "Done"),
         ("cancelled", "Cancelled")],
        required=True, default="scheduled", index=True)
    outcome = fields.Selection(OUTCOMES)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    date_scheduled = fields.Date(string="Due", index=True)
    date_done = fields.Date(string="Closed On")
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", ondelete="set null", index=True,
        copy=False)
    note = fields.Text()
    script_text = fields.Text(string="Wording")
    # Not stored: a stored copy would make every lead created (the import, by thousands) search its attempts.
    company_id = fields.Many2one(
        "res.company", related="lead_id.company_id", readonly=True)
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True)
    gift_description = fields.Char(string="Gift")
    gift_value = fields.Monetary(string="Gift Cost", currency_field="currency_id")
    gift_attachment_id = fields.Many2one(
        "ir.attachment", string="Photo of the Piece", ondelete="set null")

    _sql_constraints = [
        ("attempt_no_positive", "CHECK (attempt_no >= 1)", "An attempt's number starts at 1."),
        ("lead_attempt_no_unique", "UNIQUE (lead_id, attempt_no)",
         "This lead already has an attempt with this number: a customer is never contacted more than three "
         "times."),
        ("gift_value_positive", "CHECK (gift_value IS NULL OR gift_value >= 0)",
         "A gift cannot cost less than nothing."),
    ]

    @api.model_cr
    def init(self):
        # At most one open touch per lead, whatever path writes it.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS jewellery_followup_attempt_one_scheduled
            ON jewellery_followup_attempt (lead_id) WHERE state = 'scheduled'
        """)
        # The limit in the database: each attempt written for a lead, or moved to it, counts one contact
        # on the lead, a count that never goes down (crm_lead's trigger); a new one past the limit fails.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION jewellery_followup_count_contact() RETURNS trigger AS $$
            DECLARE
                made integer;
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.lead_id = OLD.lead_id THEN
                    RETURN NEW;
                END IF;
                UPDATE crm_lead SET followup_contact_count = COALESCE(followup_contact_count, 0) + 1
                 WHERE id = NEW.lead_id RETURNING followup_contact_count INTO made;
                IF TG_OP = 'INSERT' AND made > %(max)s THEN
                    RAISE EXCEPTION 'lead %% was already contacted %(max)s times: a customer is never contacted '
                                    'more than %(max)s times', NEW.lead_id USING ERRCODE = 'check_violation';
                END IF;
                IF TG_OP = 'INSERT' AND NEW.attempt_no <> made THEN
                    RAISE EXCEPTION 'lead %% is at contact %%: its next attempt is number %%, not %%',
                        NEW.lead_id, made - 1, made, NEW.attempt_no USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS jewellery_followup_attempt_counts ON jewellery_followup_attempt;
            CREATE TRIGGER jewellery_followup_attempt_counts
                BEFORE INSERT OR UPDATE OF lead_id ON jewellery_followup_attempt
                FOR EACH ROW EXECUTE PROCEDURE jewellery_followup_count_contact();
        """, {"max": rules.MAX_CONTACTS})

    @api.model
    def create(self, vals):
        if not is_engine(self):
            raise AccessError(_(
                "Follow-up attempts are made by the follow-up itself: use Start follow-up on the lead."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        guarded = set(vals) - FREE_FIELDS
        if guarded and not is_engine(self):
            raise AccessError(_(
                "%(fields)s of a follow-up attempt change only through the follow-up (record the outcome, "
                "stop or restart it); you can write the note and the gift.") % {
                    "fields": ", ".join(sorted(self._fields[name].string for name in guarded
                                               if name in self._fields) or sorted(guarded))})
        return super().write(vals)

    @api.multi
    def unlink(self):
        if not is_engine(self) and any(attempt.state == "scheduled" for attempt in self):
            raise UserError(_(
                "An open follow-up touch cannot be deleted: stop the follow-up on the lead instead. The "
                "contacts made still count towards the limit of three."))
        return super().unlink()

    @api.multi
    def action_record_outcome(self, outcome, note=False, appointment_start=False):
        """Closes open touches with what the customer did; the follow-up decides what comes next."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._record_outcome(
                self, outcome, note=note, appointment_start=appointment_start)
        return True
