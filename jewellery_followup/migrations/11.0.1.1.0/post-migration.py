# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""11.0.1.1.0: contacts made are counted on the lead, the follow-up job runs hourly in store time, and the
leads' next-activity deadlines are filled in."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        ALTER TABLE crm_lead DISABLE TRIGGER jewellery_followup_contact_count_grows;
        UPDATE crm_lead l
           SET followup_contact_count = GREATEST(
                   COALESCE(l.followup_prior_attempts, 0),
                   (SELECT COALESCE(MAX(a.attempt_no), 0) FROM jewellery_followup_attempt a WHERE a.lead_id = l.id))
         WHERE l.followup_prior_attempts > 0
            OR EXISTS (SELECT 1 FROM jewellery_followup_attempt a WHERE a.lead_id = l.id);
        ALTER TABLE crm_lead ENABLE TRIGGER jewellery_followup_contact_count_grows;
    """)
    # Odoo 11 left the stored next-activity deadline empty for activities it created (fixed in mail_activity.py)
    cr.execute("""
        UPDATE crm_lead l SET activity_date_deadline = a.deadline
          FROM (SELECT res_id, MIN(date_deadline) AS deadline FROM mail_activity
                 WHERE res_model = 'crm.lead' GROUP BY res_id) a
         WHERE a.res_id = l.id AND l.activity_date_deadline IS DISTINCT FROM a.deadline
    """)
    cr.execute("""
        UPDATE ir_cron SET code = 'model._cron_advance()', interval_number = 1, interval_type = 'hours'
         WHERE id = (SELECT res_id FROM ir_model_data
                      WHERE module = 'jewellery_followup' AND name = 'ir_cron_advance_followups')
    """)
