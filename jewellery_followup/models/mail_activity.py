# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.odoo_store import retry_safe
from jewellery_followup_core.records import ActivityMethods

from odoo import api, fields, models
from odoo.tools import html2plaintext


class MailActivity(ActivityMethods, models.Model):
    """Marking a follow-up attempt's activity done records the attempt's outcome.

    Odoo 11 deletes an activity once it is done; the attempt is what keeps the
    history, so its outcome is recorded while the activity still exists.
    """
    _inherit = "mail.activity"

    followup_attempt_id = fields.Many2one(
        "jewellery.followup.attempt", string="Follow-up Attempt",
        compute="_compute_followup_attempt_id",
        help="The scheduled second-chance attempt this activity carries out: "
             "marking it done asks for the customer's response.")

    @api.model
    def create(self, values):
        activity = super().create(values)
        # Odoo 11 computes the document's stored next-activity deadline before the new activity's res_model
        # is stored, so it stays empty; the pipeline's order, Next Activities and the late colours read it.
        document = self.env[activity.res_model].browse(activity.res_id).sudo()
        if "activity_date_deadline" in document._fields:
            document.modified(["activity_ids"])
            document.recompute()
        return activity

    @api.multi
    def action_feedback(self, feedback=False):
        with retry_safe(self.env):
            return self._action_feedback_followup(feedback)

    @api.multi
    def _action_feedback_followup(self, feedback):
        self._close_aftersale_touches()
        attempts = self._followup_attempts()
        if not attempts:
            return super().action_feedback(feedback=feedback)
        outcome = self._followup_outcome_from_context()
        # refused before Odoo's "done" message is posted, so a bad outcome leaves no trace
        self.env["jewellery.followup.engine"]._check_outcome_arguments(attempts, outcome, False, False)
        attempt_activities = attempts.mapped("activity_id")
        message_ids = []
        other_activities = self - attempt_activities
        if other_activities:
            message_ids.append(
                super(MailActivity, other_activities).action_feedback(
                    feedback=feedback))
        attempt_activities._check_access("unlink")
        if feedback:
            attempt_activities.write({"feedback": feedback})
        # Odoo's own "activity done" message, posted while the activity exists;
        # recording the outcome then closes the attempt and removes the activity.
        message_ids += attempt_activities._post_activity_done()
        note = html2plaintext(feedback).strip() if feedback else False
        for attempt in attempts:
            attempt.action_record_outcome(outcome, note=note or False)
        attempt_activities.exists().unlink()
        return next((message_id for message_id in message_ids if message_id), False)

    @api.multi
    def _post_activity_done(self):
        """Posts the message Odoo's action_feedback posts, without deleting the activities."""
        message_ids = []
        subtype = self.env.ref("mail.mt_activities")
        for activity in self:
            record = self.env[activity.res_model].browse(activity.res_id)
            record.message_post_with_view(
                "mail.message_activity_done",
                values={"activity": activity},
                subtype_id=subtype.id,
                mail_activity_type_id=activity.activity_type_id.id,
            )
            message_ids.append(record.message_ids[:1].id)
        return message_ids
