# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..gate import is_engine, through_engine
from .jewellery_followup_engine import retry_safe

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
# The follow-up's own fields: only the engine writes them (their defaults are accepted on create).
FOLLOWUP_FIELD_DEFAULTS = {
    "followup_state": "none",
    "followup_next_date": False,
    "followup_contact_count": 0,
    "followup_attempt_ids": [],
}
# What a merge of opportunities carries over from the other leads when the surviving one has no value.
JEWELLERY_MERGE_FIELDS = [
    "occasion", "occasion_date", "recipient_name", "is_surprise", "stone_type", "stone_shape", "stone_carat",
    "stone_color", "stone_clarity", "stone_cut", "metal", "ring_size", "budget_min", "budget_max",
    "piece_description", "hospitality_note",
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

    # Odoo 11's crm.lead has "opt_out"; Odoo 18's has none (only the e-mail blacklist): the addon keeps the
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

    def init(self):
        result = super().init()
        # A contact that happened is never forgotten: the count of contacts made can only grow.
        self.env.cr.execute("""
            CREATE OR REPLACE FUNCTION jewellery_followup_keep_contact_count() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'lead % made % follow-up contacts: the count cannot go down to %',
                    OLD.id, OLD.followup_contact_count, NEW.followup_contact_count
                    USING ERRCODE = 'check_violation';
            END
            $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS jewellery_followup_contact_count_grows ON crm_lead;
            CREATE TRIGGER jewellery_followup_contact_count_grows
                BEFORE UPDATE OF followup_contact_count ON crm_lead FOR EACH ROW
                WHEN (NEW.followup_contact_count IS DISTINCT FROM OLD.followup_contact_count
                      AND COALESCE(NEW.followup_contact_count, 0) < COALESCE(OLD.followup_contact_count, 0))
                EXECUTE FUNCTION jewellery_followup_keep_contact_count();
        """)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        if not is_engine(self):
            for vals in vals_list:
                self._check_followup_fields({
                    name: value for name, value in vals.items()
                    if name in FOLLOWUP_FIELD_DEFAULTS and value != FOLLOWUP_FIELD_DEFAULTS[name]})
        return super().create(vals_list)

    def write(self, vals):
        if not is_engine(self):
            self._check_followup_fields(set(vals) & set(FOLLOWUP_FIELD_DEFAULTS))
        engine = self.env["jewellery.followup.engine"]
        with retry_safe(self.env):
            if "active" in vals and not vals["active"]:
                # before Odoo deletes the activities of an archived lead, so the chain stops as closed
                engine._stop_for(self, "closed")
            result = super().write(vals)
            if {"opt_out", "probability", "stage_id", "active", "occasion_date", "email_from"} & set(vals):
                engine._stop_if_answered(self)
            if vals.get("user_id"):
                engine._reassign(self)
        return result

    def action_archive(self):
        # Odoo 18 deletes an archived record's open activities here, before its write: the chain stops as closed
        # first, so the history says why (not "its activity was cancelled")
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._stop_for(self.filtered("active"), "closed")
        return super().action_archive()

    def copy_data(self, default=None):
        """The copy inherits the contacts made: duplicating a lead never buys a fourth contact."""
        default = {name: value for name, value in (default or {}).items()
                   if name not in FOLLOWUP_FIELD_DEFAULTS}
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
        return super()._merge_get_fields() + JEWELLERY_MERGE_FIELDS

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if kwargs.get("message_type") == "email" and not message.author_id.user_ids:
            self.env["jewellery.followup.engine"]._stop_on_email(self)
        return message

    def action_start_followup(self):
        """Starts (or goes on with) the second-chance chain of each lead; refuses with the reason."""
        self.check_access("write")
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._start(self)
        return True

    def action_stop_followup(self):
        self.check_access("write")
        not_running = self.filtered(lambda lead: lead.followup_state != "running")
        if not_running:
            raise UserError(_("\"%s\" has no follow-up running.", not_running[0].name))
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._stop(
                self, "stopped", _("Follow-up stopped by %s.", self.env.user.name))
        return True

    @api.model
    def _check_followup_fields(self, names):
        if names:
            raise AccessError(_(
                "%(fields)s change only through the follow-up (Start follow-up, Stop follow-up, recording "
                "an outcome).") % {"fields": ", ".join(sorted(self._fields[name].string for name in names))})

    # Surprise-safe delivery of the note card and the gift

    @api.depends("is_surprise", "followup_delivery", "followup_delivery_address")
    def _compute_followup_delivery_missing(self):
        for lead in self:
            lead.followup_delivery_missing = lead._followup_delivery()["kind"] == "call"

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
            lines = [(self.company_id or self.env.company).name,
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

    def _followup_home_lines(self):
        """The lead's own postal address, or its customer's when the lead has none."""
        self.ensure_one()
        place = self
        if self.partner_id and not (self.street or self.street2 or self.zip or self.city or self.country_id):
            place = self.partner_id
        city = " ".join(part for part in (place.zip, place.city, place.state_id.name) if part)
        return [line for line in (place.street, place.street2, city, place.country_id.name) if line]
