"""Fixtures for the gate tests: real users of each sales group, a second company, and a snapshot of everything
the follow-up writes for a lead, to prove that a refused call leaves nothing behind."""
from followup_common import LEAD_VALUES, VISIT_DAY, FollowupCase

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import mute_logger

# What a user may be told when the follow-up refuses: Odoo's own error dialogs, each with a message.
REFUSALS = (UserError, AccessError, ValidationError, MissingError)
# The follow-up's own fields on a lead.
LEAD_FOLLOWUP_FIELDS = ("followup_state", "followup_next_date", "followup_contact_count", "followup_chain_id")
ATTEMPT_FIELDS = ("lead_id", "attempt_no", "state", "outcome", "note", "user_id", "date_scheduled", "date_done",
                  "activity_id", "gift_description", "gift_value", "gift_attachment_id", "kind", "step_id")


class Rollback(Exception):
    """Raised at the end of a rolled-back block: nothing it wrote survives."""


class GateCase(FollowupCase):
    """A store with a salesperson who sees only their own leads (Olga), a second one like her (Paul), the
    "all leads" salesperson of the common fixture (Nora), a sales manager (Maud), and a second company with a
    salesperson of its own (Sven), who is an "all leads" salesperson there: only the company separates him.

    It is Odoo 11's driver of the core's scenario tests (``jewellery_followup_core.scenarios``)."""

    ACCESS_ERROR, USER_ERROR, VALIDATION_ERROR = AccessError, UserError, ValidationError
    REFUSALS = REFUSALS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.make_user("Olga Owndocs", "sales_team.group_sale_salesman")
        cls.peer = cls.make_user("Paul Peer", "sales_team.group_sale_salesman")
        cls.all_leads = cls.salesperson
        cls.manager = cls.make_user("Maud Manager", "sales_team.group_sale_manager")
        cls.other_company = cls.env["res.company"].create({"name": "Other Jewellers"})
        cls.stranger = cls.make_user("Sven Stranger", "sales_team.group_sale_salesman_all_leads",
                                     company=cls.other_company)
        cls.customer = cls.env["res.partner"].create({"name": "Tom Reyes", "email": "tom.reyes@example.com"})

    @classmethod
    def make_user(cls, name, group, company=None):
        company = company or cls.company
        login = "%s.gate@example.com" % name.split()[0].lower()
        return cls.env["res.users"].create({
            "name": name,
            "login": login,
            "email": login,
            "company_id": company.id,
            "company_ids": [(6, 0, [company.id])],
            "groups_id": [(6, 0, [cls.env.ref(group).id])],
        })

    def lead_of(self, user, **values):
        """A lead the salesperson ``user`` creates for themselves (in their own company)."""
        values.setdefault("user_id", user.id)
        return self.env["crm.lead"].sudo(user).create(self.lead_values(**values))

    @staticmethod
    def lead_values(**values):
        vals = dict(LEAD_VALUES)
        vals.update(values)
        return vals

    def exhaust(self, lead):
        """Call, note and gift go unanswered (the lead's own environment acts): the lead is lost, 3 contacts."""
        self.reach_gift(lead)
        self.answer(lead, "2027-03-18")

    def reopen(self, lead):
        lead.write({"active": True, "probability": 10})
        return lead

    # ------------------------------------------------------------------- what Odoo 11 spells its own way

    @staticmethod
    def as_user(records, user):
        return records.sudo(user)

    def merge(self, leads, user):
        """Odoo's own merge of opportunities, as ``user``: the other leads are deleted."""
        return self.as_user(leads, user).merge_opportunity()

    @staticmethod
    def iso(value):
        return value or ""

    def flush(self):
        self.env["crm.lead"].recompute()

    @staticmethod
    def quiet(logger):
        return mute_logger(logger)

    # ------------------------------------------------------------------------------------------- reading

    def fresh(self):
        """Everything read from here on comes from the database, not from a cache a failed call left."""
        self.env.cache.invalidate()

    def attempts_of(self, lead):
        self.fresh()
        Attempt = self.env["jewellery.followup.attempt"].sudo()
        return Attempt.search([("lead_id", "=", lead.id)], order="attempt_no")

    def open_attempts(self, lead):
        return self.attempts_of(lead).filtered(lambda attempt: attempt.state == "scheduled")

    def followup_activities(self, lead):
        """Every activity on the lead, whoever it is for (read as the superuser)."""
        self.fresh()
        return self.env["mail.activity"].sudo().search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])

    def snapshot(self, lead):
        """What a user, a report or the hourly job could see of the lead's follow-up."""
        self.fresh()
        su = self.env["crm.lead"].sudo().with_context(active_test=False).browse(lead.id)
        row = su.read(list(LEAD_FOLLOWUP_FIELDS) + ["active", "probability", "stage_id", "lost_reason"])[0]
        attempts = self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "=", lead.id)])
        activities = self.followup_activities(lead)
        events = self.env["calendar.event"].sudo().search([("opportunity_id", "=", lead.id)])
        return {
            "lead": row,
            "attempts": sorted(attempts.read(list(ATTEMPT_FIELDS)), key=lambda values: values["id"]),
            "activities": sorted(activities.read(["user_id", "date_deadline", "summary", "activity_type_id"]),
                                 key=lambda values: values["id"]),
            "events": events.ids,
            "messages": su.message_ids.ids,
        }

    def rolled_back(self, function):
        """Runs ``function`` in a savepoint that is always rolled back; returns what it returned."""
        result = []
        try:
            with self.env.cr.savepoint():
                result.append(function())
                raise Rollback()
        except Rollback:
            pass
        finally:
            self.env.clear()  # the cache and the recomputations of what was rolled back
        return result[0] if result else None

    def assert_chatter_says(self, lead, text):
        self.fresh()
        bodies = lead.sudo().message_ids.mapped("body")
        self.assertTrue(any(text in (body or "") for body in bodies),
                        "the chatter should say %r; it says %r" % (text, bodies[:5]))


__all__ = ["GateCase", "REFUSALS", "Rollback", "VISIT_DAY"]
