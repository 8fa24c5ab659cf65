# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

OCCASIONS = [
    ("engagement", "Engagement"),
    ("wedding", "Wedding"),
    ("anniversary", "Anniversary"),
    ("birthday", "Birthday"),
    ("holiday", "Holiday"),
    ("self_purchase", "Self-purchase"),
    ("other", "Other"),
]
STONE_TYPES = [
    ("diamond", "Diamond"),
    ("sapphire", "Sapphire"),
    ("ruby", "Ruby"),
    ("emerald", "Emerald"),
    ("pearl", "Pearl"),
    ("other", "Other"),
]
STONE_SHAPES = [
    ("round", "Round"),
    ("princess", "Princess"),
    ("cushion", "Cushion"),
    ("oval", "Oval"),
    ("emerald", "Emerald"),
    ("pear", "Pear"),
    ("marquise", "Marquise"),
    ("radiant", "Radiant"),
    ("asscher", "Asscher"),
    ("heart", "Heart"),
]
# GIA colour grades run from D (colourless) to Z (light yellow).
STONE_COLORS = [(grade, grade) for grade in "DEFGHIJKLMNOPQRSTUVWXYZ"]
STONE_CLARITIES = [
    (grade, grade)
    for grade in ("FL", "IF", "VVS1", "VVS2", "VS1", "VS2",
                  "SI1", "SI2", "I1", "I2", "I3")
]
STONE_CUTS = [
    ("excellent", "Excellent"),
    ("very_good", "Very Good"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
FOLLOWUP_STATES = [
    ("none", "Not started"),
    ("running", "Running"),
    ("appointment", "Appointment booked"),
    ("won", "Won"),
    ("declined", "Declined"),
    ("exhausted", "No response"),
    ("stopped", "Stopped"),
    ("opted_out", "Opted out"),
]
METALS = [
    ("platinum", "Platinum"),
    ("gold_yellow", "Yellow Gold"),
    ("gold_white", "White Gold"),
    ("gold_rose", "Rose Gold"),
    ("silver", "Silver"),
    ("palladium", "Palladium"),
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

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
        [("home", "Home address"),
         ("work", "Work address"),
         ("store", "Pick-up in store")],
        string="Card and Gift Go To",
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

    followup_chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Follow-up Chain",
        ondelete="restrict", copy=False)
    followup_state = fields.Selection(
        FOLLOWUP_STATES, string="Follow-up", default="none", required=True,
        index=True, copy=False, readonly=True, track_visibility="onchange")
    followup_next_date = fields.Date(
        string="Next Follow-up Due", copy=False, readonly=True, index=True,
        help="When the nightly run schedules the next attempt, after an "
             "attempt closed without an answer.")
    followup_attempt_ids = fields.One2many(
        comodel_name="jewellery.followup.attempt", inverse_name="lead_id",
        string="Follow-up Attempts", copy=False, readonly=True)
    followup_attempt_count = fields.Integer(
        string="Attempts Made", compute="_compute_followup_attempt_count")
    followup_prior_attempts = fields.Integer(
        string="Attempts Before Duplication", readonly=True, copy=False,
        help="Attempts made on the lead this one was duplicated from: they "
             "count towards the limit of three.")

    @api.depends("followup_attempt_ids", "followup_prior_attempts")
    def _compute_followup_attempt_count(self):
        for lead in self:
            lead.followup_attempt_count = lead._followup_attempts_used()

    @api.constrains("stone_carat")
    def _check_stone_carat(self):
        for lead in self:
            if lead.stone_carat < 0:
                raise ValidationError(
                    _("Carat must be a positive weight (got %(carat)s) on "
                      "lead \"%(lead)s\".") % {
                        "carat": lead.stone_carat, "lead": lead.name})

    @api.constrains("budget_min", "budget_max")
    def _check_budget(self):
        for lead in self:
            if lead.budget_min < 0 or lead.budget_max < 0:
                raise ValidationError(
                    _("Budget From and Budget Up To cannot be negative on "
                      "lead \"%s\".") % lead.name)
            if lead.budget_max and lead.budget_min > lead.budget_max:
                raise ValidationError(
                    _("Budget From (%(min)s) is above Budget Up To "
                      "(%(max)s) on lead \"%(lead)s\".") % {
                        "min": lead.budget_min, "max": lead.budget_max,
                        "lead": lead.name})

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        engine = self.env["jewellery.followup.engine"]
        if {"opt_out", "probability", "active"} & set(vals):
            engine.stop_on_lead_change(self, vals)
        if vals.get("user_id"):
            engine.reassign(self)
        return result

    @api.multi
    def copy(self, default=None):
        default = dict(default or {})
        default.setdefault("followup_prior_attempts", self._followup_attempts_used())
        return super().copy(default)

    @api.multi
    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if kwargs.get("message_type") == "email" and not message.author_id.user_ids:
            self.env["jewellery.followup.engine"].stop(
                self, "stopped",
                _("Follow-up stopped: the customer wrote back by e-mail."))
        return message

    @api.multi
    def action_start_followup(self):
        self.env["jewellery.followup.engine"].start(self)
        return True

    @api.multi
    def action_stop_followup(self):
        not_running = self.filtered(lambda lead: lead.followup_state != "running")
        if not_running:
            raise UserError(_("\"%s\" has no follow-up running.") % not_running[0].name)
        self.env["jewellery.followup.engine"].stop(
            self, "stopped",
            _("Follow-up stopped by %s.") % self.env.user.name)
        return True

    @api.multi
    def _followup_attempts_used(self):
        """Attempts counted towards the limit: this lead's and those of the lead it was copied from."""
        if not self.ids:
            return 0
        self.ensure_one()
        self.env.cr.execute(
            "SELECT COALESCE(MAX(attempt_no), 0) FROM jewellery_followup_attempt WHERE lead_id = %s",
            (self.id,))
        return max(self.env.cr.fetchone()[0], self.followup_prior_attempts)

    # Surprise-safe delivery of the note card and the gift

    @api.depends("is_surprise", "followup_delivery", "followup_delivery_address")
    def _compute_followup_delivery_missing(self):
        for lead in self:
            lead.followup_delivery_missing = lead._followup_delivery()["kind"] == "call"

    @api.multi
    def _followup_delivery(self):
        """Where this lead's note card and gift go, for the note card and the follow-up engine.

        Returns a dict:

        - ``kind``: ``"home"`` (the lead's address, or its customer's when the lead has none),
          ``"work"`` (the work address typed on the lead), ``"store"`` (kept at the counter) or
          ``"call"`` (a surprise with nowhere to send it: nothing is posted).
        - ``addressee``: the customer's name ("" when there is none), never the recipient's.
        - ``lines``: the address block under the name, one string per line; empty when there is
          nothing to write on an envelope.
        - ``instruction``: what the salesperson does instead of posting; empty exactly when the
          envelope can be posted to ``lines``.

        A surprise never goes to the home address unless the customer chose it.
        """
        self.ensure_one()
        customer = self.contact_name or self.partner_id.name or self.partner_name or ""
        kind = self.followup_delivery or ("call" if self.is_surprise else "home")
        lines = []
        if kind == "home":
            lines = self._followup_home_lines()
        elif kind == "work":
            lines = [line.strip() for line in (self.followup_delivery_address or "").splitlines()
                     if line.strip()]
            if not lines and self.is_surprise:
                kind = "call"
        elif kind == "store":
            lines = [(self.company_id or self.env.user.company_id).name,
                     _("To be collected at the counter")]
        instruction = ""
        if kind == "call":
            instruction = " ".join((
                _("Do not post: call %(customer)s to arrange delivery.") % {
                    "customer": customer or _("the customer")},
                _("A surprise never goes to the home address: ask for a work "
                  "address or a pick-up in store.")))
        elif kind == "store":
            instruction = _("Do not post: keep it at the counter until %(customer)s "
                            "collects it.") % {"customer": customer or _("the customer")}
        elif not lines and kind == "work":
            instruction = _("No work address on the lead: add it before writing "
                            "the envelope.")
        elif not lines:
            instruction = _("No postal address on the lead: add it before writing "
                            "the envelope.")
        return {"kind": kind, "addressee": customer, "lines": lines, "instruction": instruction}

    @api.multi
    def _followup_home_lines(self):
        """The lead's own postal address, or its customer's when the lead has none."""
        self.ensure_one()
        place = self
        if self.partner_id and not (self.street or self.street2 or self.zip or self.city or self.country_id):
            place = self.partner_id
        city = " ".join(part for part in (place.zip, place.city, place.state_id.name) if part)
        return [line for line in (place.street, place.street2, city, place.country_id.name) if line]
