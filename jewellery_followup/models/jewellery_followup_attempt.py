# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .jewellery_followup_step import STEP_KINDS

MAX_ATTEMPTS = 3
OUTCOMES = [
    ("no_answer", "No answer"),
    ("appointment", "Appointment booked"),
    ("declined", "Declined"),
    ("came_back", "Came back to the store"),
    ("purchased", "Purchased"),
]


class JewelleryFollowupAttempt(models.Model):
    """One touch of a second-chance chain. The only place where attempts are created."""
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
    attempt_no = fields.Integer(string="Attempt", required=True, readonly=True)
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
        ("attempt_no_range", "CHECK (attempt_no BETWEEN 1 AND 3)",
         "A customer is never contacted more than three times."),
        ("lead_attempt_no_unique", "UNIQUE (lead_id, attempt_no)",
         "This lead already has an attempt with this number: a customer is "
         "never contacted more than three times."),
        ("gift_value_positive", "CHECK (gift_value IS NULL OR gift_value >= 0)",
         "A gift cannot cost less than nothing."),
    ]

    @api.model_cr
    def init(self):
        # At most one open attempt per lead, whatever path writes it.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS jewellery_followup_attempt_one_scheduled
            ON jewellery_followup_attempt (lead_id) WHERE state = 'scheduled'
        """)

    @api.model
    def create(self, vals):
        lead = self.env["crm.lead"].browse(vals.get("lead_id"))
        used = lead._followup_attempts_used()
        if used >= MAX_ATTEMPTS:
            raise ValidationError(
                _("Lead \"%(lead)s\" already had %(max)s follow-up attempts: "
                  "a customer is never contacted more than %(max)s times.") % {
                    "lead": lead.name, "max": MAX_ATTEMPTS})
        vals.setdefault("attempt_no", used + 1)
        if vals["attempt_no"] != used + 1:
            raise ValidationError(
                _("Lead \"%(lead)s\" is at attempt %(used)s: the next attempt "
                  "is number %(next)s, not %(asked)s.") % {
                    "lead": lead.name, "used": used, "next": used + 1,
                    "asked": vals["attempt_no"]})
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if {"lead_id", "attempt_no"} & set(vals):
            raise UserError(
                _("An attempt's lead and number are its history: they cannot "
                  "be changed."))
        return super().write(vals)

    @api.multi
    def action_record_outcome(self, outcome, note=False, appointment_start=False):
        """Close scheduled attempts with what the customer did; the engine decides what follows."""
        self._check_outcome(outcome)
        closed = self.filtered(lambda attempt: attempt.state != "scheduled")
        if closed:
            raise UserError(
                _("Attempt %(no)s of \"%(lead)s\" is already %(state)s.") % {
                    "no": closed[0].attempt_no, "lead": closed[0].lead_id.name,
                    "state": closed[0].state})
        self.env["jewellery.followup.engine"].record_outcome(
            self, outcome, note=note, appointment_start=appointment_start)
        return True

    @api.model
    def _check_outcome(self, outcome):
        labels = dict(self._fields["outcome"]._description_selection(self.env))
        if outcome not in labels:
            raise UserError(
                _("Unknown follow-up outcome \"%(outcome)s\": choose one of "
                  "%(allowed)s.") % {
                    "outcome": outcome,
                    "allowed": ", ".join(
                        "%s (%s)" % (label, key) for key, label in labels.items())})

    @api.model
    def _create_scheduled(self, plans):
        """Bulk-creates scheduled attempts and their activities.

        ``plans`` are dicts with lead, step, attempt_no, date and script_text. Odoo's
        mail.activity.create does one round of access checks, follower updates and bus
        notifications per activity; a nightly run over thousands of chains cannot afford
        that, so rows are written in a few statements and the side effects done once per
        salesperson. The database constraints still hold the three-attempt limit.
        """
        if not plans:
            return self.browse()
        cr, uid = self.env.cr, self.env.uid
        model_id = self.env["ir.model"]._get_id("crm.lead")
        activity_rows = [(
            plan["lead"].id, model_id, "crm.lead", plan["lead"].name,
            plan["step"].activity_type_id.id, plan["step"].summary,
            plan["script_text"], plan["date"], plan["lead"].user_id.id or uid,
            uid, uid,
        ) for plan in plans]
        activity_ids = execute_values(cr, """
            INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name,
                activity_type_id, summary, note, date_deadline, user_id,
                create_uid, write_uid, create_date, write_date)
            SELECT v.res_id, v.res_model_id, v.res_model, v.res_name,
                v.activity_type_id, v.summary, v.note, v.date_deadline::date, v.user_id,
                v.create_uid, v.write_uid, now() at time zone 'UTC', now() at time zone 'UTC'
            FROM (VALUES %s) AS v(res_id, res_model_id, res_model, res_name,
                activity_type_id, summary, note, date_deadline, user_id,
                create_uid, write_uid)
            RETURNING id
        """, [self._note_html(row) for row in activity_rows], fetch=True,
            page_size=1000)
        photos = self._piece_photos([
            plan["lead"].id for plan in plans if plan["step"].kind == "gift"])
        attempt_rows = [(
            plan["lead"].id, plan["step"].chain_id.id, plan["step"].id,
            plan["attempt_no"], plan["step"].kind, plan["step"].summary,
            plan["lead"].user_id.id or uid, plan["date"], activity_id[0],
            plan["script_text"],
            plan["step"].gift_description or None,
            photos.get(plan["lead"].id) if plan["step"].kind == "gift" else None,
            uid, uid,
        ) for plan, activity_id in zip(plans, activity_ids)]
        attempt_ids = execute_values(cr, """
            INSERT INTO jewellery_followup_attempt (lead_id, chain_id, step_id,
                attempt_no, kind, summary, user_id, date_scheduled, activity_id,
                script_text, gift_description, gift_attachment_id,
                create_uid, write_uid, state, create_date, write_date)
            SELECT v.lead_id, v.chain_id, v.step_id, v.attempt_no, v.kind,
                v.summary, v.user_id, v.date_scheduled::date, v.activity_id,
                v.script_text, v.gift_description,
                v.gift_attachment_id::integer, v.create_uid, v.write_uid,
                'scheduled', now() at time zone 'UTC', now() at time zone 'UTC'
            FROM (VALUES %s) AS v(lead_id, chain_id, step_id, attempt_no, kind,
                summary, user_id, date_scheduled, activity_id, script_text,
                gift_description, gift_attachment_id, create_uid,
                write_uid)
            RETURNING id
        """, attempt_rows, fetch=True, page_size=1000)
        leads = self.env["crm.lead"].browse([plan["lead"].id for plan in plans])
        self._subscribe_salespeople(leads)
        self.env["mail.activity"].invalidate_cache()
        leads.invalidate_cache()
        self._notify_salespeople(plans)
        return self.browse([row[0] for row in attempt_ids])

    @api.model
    def _piece_photos(self, lead_ids):
        """The first picture attached to each lead: the gift goes out with a photo of the piece."""
        if not lead_ids:
            return {}
        self.env.cr.execute("""
            SELECT res_id, MIN(id) FROM ir_attachment
            WHERE res_model = 'crm.lead' AND res_id IN %s AND mimetype LIKE 'image/%%'
            GROUP BY res_id
        """, (tuple(lead_ids),))
        return dict(self.env.cr.fetchall())

    @staticmethod
    def _note_html(row):
        # mail.activity.note is HTML: keep the line breaks of the wording.
        text = row[6] or ""
        escaped = (text.replace("&", "&amp;").replace("<", "&lt;")
                   .replace(">", "&gt;").replace("\n", "<br/>"))
        return row[:6] + ("<p>%s</p>" % escaped,) + row[7:]

    @api.model
    def _subscribe_salespeople(self, leads):
        by_user = {}
        for lead in leads:
            if lead.user_id:
                by_user.setdefault(lead.user_id, self.env["crm.lead"])
                by_user[lead.user_id] |= lead
        for user, user_leads in by_user.items():
            self.env.cr.execute("""
                SELECT res_id FROM mail_followers
                WHERE res_model = 'crm.lead' AND partner_id = %s AND res_id IN %s
            """, (user.partner_id.id, tuple(user_leads.ids)))
            following = {row[0] for row in self.env.cr.fetchall()}
            missing = user_leads.filtered(lambda lead: lead.id not in following)
            if missing:
                missing.sudo().message_subscribe(partner_ids=[user.partner_id.id])

    @api.model
    def _notify_salespeople(self, plans):
        """Refreshes the activity counter of salespeople with something due today."""
        today = fields.Date.context_today(self)
        users = self.env["res.users"].union(*[
            plan["lead"].user_id for plan in plans if plan["date"] <= today])
        for partner in users.mapped("partner_id"):
            self.env["bus.bus"].sendone(
                (self.env.cr.dbname, "res.partner", partner.id),
                {"type": "activity_updated", "activity_created": True})

    @api.multi
    def _cancel(self):
        """Cancels scheduled attempts and takes their activities off the salespeople's lists."""
        scheduled = self.filtered(lambda attempt: attempt.state == "scheduled")
        activities = scheduled.mapped("activity_id")
        scheduled.write({"state": "cancelled", "activity_id": False})
        activities.unlink()
