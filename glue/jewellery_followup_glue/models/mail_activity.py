# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.odoo_store import retry_safe
from jewellery_followup_core.records import ActivityMethods, followup_store

from odoo import fields, models
from odoo.tools import html2plaintext

from .. import ADDON


class MailActivity(ActivityMethods, models.Model):
    """Marking a follow-up attempt's activity done records the attempt's outcome.

    Odoo keeps a done follow-up activity archived, with its done date (17 and 18 keep those of a "keep done"
    type, which the follow-up's are; 19 keeps every one, with its feedback), so the lead's done activities show every
    touch, and the attempt, which keeps the history and the outcome, keeps its link to it. Odoo's own
    next-activity chaining never runs for them: the chain decides what comes next.
    """
    _inherit = "mail.activity"
    _module = ADDON

    followup_attempt_id = fields.Many2one(
        "jewellery.followup.attempt", string="Follow-up Attempt",
        compute="_compute_followup_attempt_id",
        help="The scheduled second-chance attempt this activity carries out: "
             "marking it done asks for the customer's response.")

    def action_feedback_schedule_next(self, feedback=False, attachment_ids=None):
        """"Done & Schedule Next" on a follow-up touch: the chain schedules the next touch itself, so no
        scheduling form opens on top of it."""
        if self._followup_attempts():
            self.action_feedback(feedback=feedback, attachment_ids=attachment_ids)
            return False
        return super().action_feedback_schedule_next(feedback=feedback, attachment_ids=attachment_ids)

    def _action_done(self, feedback=False, attachment_ids=None):
        with retry_safe(self.env):
            return self._action_done_followup(feedback, attachment_ids)

    def _action_done_followup(self, feedback, attachment_ids):
        self._close_aftersale_touches()
        attempts = self._followup_attempts()
        if not attempts:
            return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        outcome = self._followup_outcome_from_context()
        # refused before Odoo's "done" message is posted, so a bad outcome leaves no trace
        self.env["jewellery.followup.engine"]._check_outcome_arguments(attempts, outcome, False, False)
        attempt_activities = attempts.activity_id
        messages, next_activities = self.env["mail.message"], self.env["mail.activity"]
        other_activities = self - attempt_activities
        if other_activities:
            messages, next_activities = super(MailActivity, other_activities)._action_done(
                feedback=feedback, attachment_ids=attachment_ids)
        followup_store(self).check_access(attempt_activities, "write")
        # Odoo's own "activity done" message, without Odoo's chaining (the chain decides the next touch);
        # recording the outcome then closes the attempt and archives the activity, as Odoo keeps it.
        messages += attempt_activities._post_activity_done(feedback, attachment_ids)
        attempt_activities._keep_done_feedback(feedback)
        note = html2plaintext(feedback).strip() if feedback else False
        for attempt in attempts:
            attempt.action_record_outcome(outcome, note=note or False)
        return messages, next_activities

    def _keep_done_feedback(self, feedback):
        """What the archived activity keeps of the feedback: nothing on 17 and 18, whose "done" message holds it
        (19 keeps it on the activity too)."""

    def _post_activity_done(self, feedback, attachment_ids):
        """Posts the message Odoo's own _action_done posts (the activity's files moved onto it), without its
        chaining and without archiving the activities (the engine does, with the attempt)."""
        messages = self.env["mail.message"]
        activity_attachments = self.env["ir.attachment"].sudo().search_fetch([
            ("res_model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"]).grouped("res_id")
        for activity in self:
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            message = record.message_post_with_source(
                "mail.message_activity_done",
                attachment_ids=attachment_ids,
                author_id=self.env.user.partner_id.id,
                render_values={
                    "activity": activity,
                    "feedback": feedback,
                    "display_assignee": activity.user_id != self.env.user,
                },
                mail_activity_type_id=activity.activity_type_id.id,
                subtype_xmlid="mail.mt_activities",
            )
            if attachment_ids:
                activity.sudo().attachment_ids = attachment_ids
            files = activity_attachments.get(activity.id)
            if files:
                files.write({"res_id": message.id, "res_model": message._name})
                message.attachment_ids = files
            messages += message
        return messages
