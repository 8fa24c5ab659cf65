# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import board, sql
from jewellery_followup_core.messages import ACCESS, Refusal
from jewellery_followup_core.odoo_store import is_engine
from jewellery_followup_core.records import AttemptMethods, followup_store
from jewellery_followup_core.vocabulary import ATTEMPT_STATES, DUE_BUCKETS, OUTCOMES, STEP_KINDS

from odoo import api, fields, models

from .. import ADDON
from ..spelling import JOINED_IN_SEARCH, READS_SQL_CONSTRAINTS


class JewelleryFollowupAttempt(AttemptMethods, models.Model):
    """One touch of a second-chance chain: a contact made, or to make, with the customer.

    Only the follow-up engine creates attempts and changes their course; people add their notes and the gift.
    Each version's addon adds how its Odoo joins the lead in searches and declares the table's constraints."""
    _name = "jewellery.followup.attempt"
    _module = ADDON
    _description = "Second-chance follow-up attempt"
    _order = "lead_id, attempt_no"
    _rec_name = "summary"
    if READS_SQL_CONSTRAINTS:
        _sql_constraints = sql.ATTEMPT_CONSTRAINTS

    # the board's filters on the lead's fields join the lead's table in one query (the attempt's rules apply)
    lead_id = fields.Many2one(
        "crm.lead", string="Lead", required=True, index=True,
        ondelete="cascade", **JOINED_IN_SEARCH)
    chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Chain", ondelete="restrict")
    step_id = fields.Many2one(
        "jewellery.followup.step", string="Step", ondelete="restrict")
    attempt_no = fields.Integer(
        string="Attempt", required=True, readonly=True,
        help="The contact's number with this customer, by date: 1, 2 or 3 (more only after merging leads).")
    kind = fields.Selection(STEP_KINDS, required=True)
    summary = fields.Char()
    state = fields.Selection(ATTEMPT_STATES, required=True, default="scheduled", index=True)
    outcome = fields.Selection(OUTCOMES)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    date_scheduled = fields.Date(string="Due", index=True)
    date_done = fields.Date(string="Closed On")
    # The open touch's activity, then the done one Odoo keeps archived.
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", ondelete="set null", index=True,
        copy=False, context={"active_test": False})
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
    # Stored so the board groups and sorts by it cheaply at scale: kept by _refresh_due_buckets().
    due_bucket = fields.Selection(
        DUE_BUCKETS, string="When Due", readonly=True, copy=False, group_expand="_expand_due_buckets",
        help="When the open touch is due, in the store's days; refreshed every hour and when the board opens.")
    # For the board's card and filters (related fields are searchable without being stored).
    team_id = fields.Many2one("crm.team", related="lead_id.team_id", string="Sales Team", readonly=True)
    occasion = fields.Selection(related="lead_id.occasion", readonly=True)
    occasion_date = fields.Date(related="lead_id.occasion_date", readonly=True)
    customer_name = fields.Char(string="Customer", compute="_compute_customer_name")
    occasion_days_left = fields.Integer(
        string="Days to the Occasion", compute="_compute_occasion_days_left",
        help="Days from the store's today to the occasion; negative once it has passed.")

    def init(self):
        sql.install_guards(self.env.cr)

    @api.depends("lead_id.contact_name", "lead_id.partner_id", "lead_id.partner_name")
    def _compute_customer_name(self):
        for attempt in self:
            lead = attempt.lead_id
            attempt.customer_name = lead.contact_name or lead.partner_id.name or lead.partner_name or lead.name

    @api.depends("lead_id.occasion_date")
    def _compute_occasion_days_left(self):
        engine = self.env["jewellery.followup.engine"]
        for attempt in self:
            occasion = attempt.occasion_date
            attempt.occasion_days_left = (occasion - engine._today(attempt.lead_id)).days if occasion else 0

    @api.model
    def _expand_due_buckets(self, values, domain, order=None):
        """Every column of the board, in the order of the day, even when empty (Odoo 17 passes the order too)."""
        return [key for key, _label in DUE_BUCKETS]

    @api.model_create_multi
    def create(self, vals_list):
        if not is_engine(self):
            raise followup_store(self).error(Refusal("attempt.by_engine_only", ACCESS))
        return super().create(vals_list)

    # ------------------------------------------------------------------------------------ the board

    @api.model
    def _board_action(self):
        """CRM > Follow-ups: the buckets are made current, then the board opens.

        The buckets are stored (the kanban groups by them) but depend on the clock. The hourly cron keeps them
        right within the hour, whatever the number of touches; the engine writes attempts in bulk SQL
        (scheduler.py) and cannot be edited here, so a touch it just wrote, or a store whose midnight just
        passed, is made current by this refresh when someone opens the board. It updates only the rows whose
        bucket changed, so opening the board usually writes nothing."""
        self._refresh_due_buckets()
        return self.env["ir.actions.act_window"]._for_xml_id("jewellery_followup.jewellery_followup_attempt_action")

    @api.model
    def _refresh_due_buckets(self):
        """Puts each open touch in its board's column by its store's today; returns how many moved."""
        self.env.flush_all()
        changed = board.refresh_due_buckets(self.env.cr, self.env.company.id)
        self.invalidate_model(["due_bucket"])
        return changed
