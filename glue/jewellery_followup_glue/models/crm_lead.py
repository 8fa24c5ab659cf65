# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import course, sql
from jewellery_followup_core.checks import check_jewellery
from jewellery_followup_core.odoo_store import is_engine, retry_safe, through_engine
from jewellery_followup_core.records import LeadMethods, followup_store
from jewellery_followup_core.vocabulary import (
    DELIVERIES, FOLLOWUP_STATES, METALS, OCCASIONS, STONE_CLARITIES, STONE_COLORS, STONE_CUTS, STONE_SHAPES,
    STONE_TYPES)

from odoo import api, fields, models

from .. import ADDON


class CrmLead(LeadMethods, models.Model):
    """The lead's jewellery page and its follow-up."""
    _inherit = "crm.lead"
    _module = ADDON

    occasion = fields.Selection(OCCASIONS, index=True)
    occasion_date = fields.Date(
        index=True,
        help="When the piece is needed: the proposal, the anniversary, "
             "the birthday.",
    )
    recipient_name = fields.Char(
        string="Recipient",
        help="Who will wear the piece. The customer's own name stays in "
             "Contact Name.",
    )
    is_surprise = fields.Boolean(
        string="Surprise",
        help="The recipient must not hear about it: never contact them.",
    )
    # Surprise-safe delivery: where the note card and the gift go (decided by _followup_delivery).
    followup_delivery = fields.Selection(
        DELIVERIES, string="Card and Gift Go To",
        help="Where the handwritten note card and the gift go. Left empty, "
             "they go to the lead's own address, except for a surprise: then "
             "nothing is posted until the customer chooses a work address or "
             "a pick-up in store.")
    followup_delivery_address = fields.Text(
        string="Work Address",
        help="The address at work as it goes on the envelope, one line each: "
             "company, street, postcode and city.")
    followup_delivery_missing = fields.Boolean(
        string="Surprise Without Delivery",
        compute="_compute_followup_delivery_missing",
        help="A surprise whose note card and gift have nowhere to go yet: "
             "the salesperson calls the customer to arrange it.")
    stone_type = fields.Selection(STONE_TYPES)
    stone_shape = fields.Selection(STONE_SHAPES)
    stone_carat = fields.Float(string="Carat", digits=(6, 2))
    stone_color = fields.Selection(STONE_COLORS, string="Colour")
    stone_clarity = fields.Selection(STONE_CLARITIES, string="Clarity")
    stone_cut = fields.Selection(STONE_CUTS, string="Cut")
    metal = fields.Selection(METALS)
    ring_size = fields.Char(help="As the store measures it: US 6.5, UK M, EU 52.")
    budget_min = fields.Monetary(
        string="Budget From", currency_field="company_currency")
    budget_max = fields.Monetary(
        string="Budget Up To", currency_field="company_currency")
    piece_description = fields.Text(
        string="Piece Shown",
        help='The piece shown at the counter, e.g. "1.2 ct round F VS1 '
             'solitaire in platinum".',
    )
    hospitality_note = fields.Char(
        string="Welcome",
        help='How the customer likes to be welcomed, e.g. "coffee: hazelnut '
             'latte".',
    )

    # Odoo 11's crm.lead has "opt_out"; Odoo 17 and later have none (only the e-mail blacklist): the addon keeps the
    # field, so that RPC and the import tool set it the same way on both versions.
    opt_out = fields.Boolean(
        string="Opted Out", tracking=True,
        help="The customer asked not to be contacted: no follow-up starts, a running one stops.")

    followup_chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Follow-up Chain",
        ondelete="restrict", copy=False)
    followup_state = fields.Selection(
        FOLLOWUP_STATES, string="Follow-up", default="none", required=True,
        index=True, copy=False, readonly=True, tracking=True)
    followup_next_date = fields.Date(
        string="Next Follow-up Due", copy=False, readonly=True, index=True,
        help="The day the next touch is due, after one closed without an answer: the hourly job puts it on "
             "the salesperson's list that morning, store time.")
    followup_attempt_ids = fields.One2many(
        comodel_name="jewellery.followup.attempt", inverse_name="lead_id",
        string="Follow-up Attempts", copy=False, readonly=True)
    followup_contact_count = fields.Integer(
        string="Contacts Made", default=0, readonly=True, copy=False,
        help="Follow-up touches made or scheduled with this customer, on this lead, on the lead it was "
             "duplicated from and on leads merged into it. It never goes down, whatever is deleted: a "
             "customer is never contacted more than three times.")
    followup_user_ids = fields.Many2many(
        "res.users", string="Follow-up Touch Holders", compute="_compute_followup_user_ids",
        search="_search_followup_user_ids", depends=["followup_attempt_ids.user_id"],
        help="Who holds or held a follow-up touch of this lead: the lead opens for them.")
    aftersale_touch_ids = fields.One2many(
        "jewellery.aftersale.touch", "lead_id", string="After-sale Touches", copy=False, readonly=True)
    # set by the job once it planned the touches of the won sale (every path that wins a lead goes through it)
    aftersale_planned = fields.Boolean(string="After-sale Touches Planned", copy=False, readonly=True)
    followup_paused_until = fields.Date(
        string="Paused Until", copy=False,
        help="\"Call me after my holiday\": nothing comes on the list for this lead until this day, and the "
             "touches waiting come back that morning. The contacts made stay counted. Clear it to end the pause.")
    followup_pause_reason = fields.Char(
        string="Pause Reason", copy=False, help="Why the follow-up is paused, for the team.")
    wish_ids = fields.Many2many(
        # what the user may see of it: computed again for each user (the wish rules)
        "jewellery.wish", string="Wish List", compute="_compute_wish_ids", depends_context=("uid",),
        help="What this customer (the same contact or e-mail address) was shown on their other leads and did not "
             "buy.")

    @api.constrains("stone_carat", "budget_min", "budget_max")
    def _check_jewellery(self):
        for lead in self:
            followup_store(self).refuse_on(check_jewellery, lead)

    def init(self):
        result = super().init()
        sql.install_lead_guard(self.env.cr)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        if not is_engine(self):
            for vals in vals_list:
                self._check_followup_fields(course.protected_in_create(vals))
        return super().create(vals_list)

    def action_archive(self):
        # the chain stops as closed before Odoo archives the lead (18 deletes its open activities here, before
        # its write), so the history says why (not "its activity was cancelled")
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._stop_for(self.filtered("active"), "closed")
        return super().action_archive()

    def copy_data(self, default=None):
        """The copy inherits the contacts made: duplicating a lead never buys a fourth contact."""
        default = {name: value for name, value in (default or {}).items()
                   if name not in course.LEAD_FIELD_DEFAULTS}
        vals_list = super().copy_data(default)
        for lead, vals in zip(self, vals_list):
            vals["followup_contact_count"] = lead.followup_contact_count
        return vals_list

    def copy(self, default=None):
        return super(CrmLead, through_engine(self)).copy(default).with_env(self.env)

    def _merge_dependences(self, opportunities):
        self.env["jewellery.followup.engine"]._merge(self, opportunities)
        return super()._merge_dependences(opportunities)

    def _merge_get_fields(self):
        return super()._merge_get_fields() + course.JEWELLERY_MERGE_FIELDS

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if kwargs.get("message_type") == "email" and not message.author_id.user_ids:
            self.env["jewellery.followup.engine"]._stop_on_email(self)
        return message

    # Surprise-safe delivery of the note card and the gift

    @api.depends("is_surprise", "followup_delivery", "followup_delivery_address")
    def _compute_followup_delivery_missing(self):
        for lead in self:
            lead.followup_delivery_missing = lead._followup_delivery()["kind"] == "call"
