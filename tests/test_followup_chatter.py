"""The message that says a follow-up started is the one Odoo's own ``message_post`` would write.

Starting many leads at once works out the sender, the reply-to alias and the record name for all of them in
one go, and skips the bus formatting of a message nobody is told about: each message must still carry the same
values as a plain post by the same user, and a follower who asked to hear about notes must still hear."""
from gate_common import GateCase

from odoo.tools import html2plaintext

# Each message's own: its id and times, its wording and its unique Message-Id.
OWN_FIELDS = {"id", "create_date", "write_date", "date", "body", "message_id", "tracking_value_ids",
              "__last_update"}


class TestStartMessage(GateCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("mail.catchall.domain", "shop.example.com")
        cls.team = cls.env["crm.team"].create({"name": "Bond Street counter", "alias_name": "bond-street"})

    def started_message(self, lead):
        messages = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id)], order="id desc")
        return messages.filtered(lambda message: "follow-up started" in html2plaintext(message.body or ""))[:1]

    def plain_post(self, lead, user, tracked=True):
        """A note posted by ``user`` through Odoo's own ``message_post``, with the same tracked change."""
        tracking = []
        if tracked:
            info = lead.fields_get(["followup_state"])["followup_state"]
            tracking = [(0, 0, self.env["mail.tracking.value"].create_tracking_values(
                "none", "running", "followup_state", info))]
        return lead.sudo(user).message_post(body="A note, as Odoo writes one.", tracking_value_ids=tracking)

    def values_of(self, message):
        """Every stored field of the message and of its tracked values, as a user (or Odoo) reads them."""
        Message = self.env["mail.message"]
        names = [name for name, field in Message._fields.items()
                 if (field.store or field.type == "many2many") and name not in OWN_FIELDS]
        values = message.sudo().read(names)[0]
        values.pop("id")
        tracked_fields = ["field", "old_value_char", "new_value_char", "create_uid", "write_uid"]
        values["tracking"] = [
            {key: value for key, value in tracked.items() if key not in OWN_FIELDS}
            for tracked in message.sudo().tracking_value_ids.read(tracked_fields)]
        return values

    def test_each_message_of_a_bulk_start_matches_a_plain_post(self):
        leads, twins = self.env["crm.lead"], self.env["crm.lead"]
        for index, team in enumerate((self.team, self.env["crm.team"], self.team)):
            leads |= self.lead_of(self.own, name="Pendant %s" % index, team_id=team.id)
            twins |= self.lead_of(self.own, name="Twin of pendant %s" % index, team_id=team.id)
        self.set_clock("2027-03-06")
        self.env["jewellery.followup.engine"].sudo(self.manager)._start(leads.sudo(self.manager))
        for lead, twin in zip(leads, twins):
            started = self.started_message(lead)
            self.assertTrue(started, "the start is in the chatter")
            got, expected = self.values_of(started), self.values_of(self.plain_post(twin, self.manager))
            self.assertEqual(got["tracking"][0]["new_value_char"], "Running")
            self.assertEqual((got.pop("res_id"), got.pop("record_name")), (lead.id, lead.name))
            self.assertEqual((expected.pop("res_id"), expected.pop("record_name")), (twin.id, twin.name))
            self.assertEqual(got, expected)
        # replies go to the alias of the lead's own team
        alias = "YourCompany Bond Street counter <bond-street@shop.example.com>"
        self.assertEqual([self.started_message(lead).reply_to for lead in leads[0] | leads[2]], [alias, alias])

    def test_a_follower_of_internal_notes_is_still_told(self):
        lead = self.lead_of(self.own, name="Signet ring")
        note = self.env.ref("mail.mt_note")
        lead.sudo().message_subscribe(partner_ids=[self.peer.partner_id.id], subtype_ids=[note.id])
        self.peer.notification_type = "inbox"
        bus_before = self.env["bus.bus"].sudo().search_count([])
        self.set_clock("2027-03-06")
        self.env["jewellery.followup.engine"].sudo(self.manager)._start(lead)
        started = self.started_message(lead)
        self.assertIn(self.peer.partner_id, started.needaction_partner_ids)
        self.assertEqual(self.values_of(started)["needaction_partner_ids"],
                         self.values_of(self.plain_post(lead, self.manager))["needaction_partner_ids"])
        # Paul's inbox hears of both messages on the bus, as Odoo tells any follower
        self.assertEqual(self.env["bus.bus"].sudo().search_count([]), bus_before + 2)

    def test_nobody_to_tell_puts_nothing_on_the_bus(self):
        lead = self.lead_of(self.own, name="Cufflinks")
        bus_before = self.env["bus.bus"].sudo().search_count([])
        self.set_clock("2027-03-06")
        self.env["jewellery.followup.engine"].sudo(self.manager)._start(lead)
        self.plain_post(lead, self.manager)
        self.assertFalse(self.started_message(lead).needaction_partner_ids)
        self.assertEqual(self.env["bus.bus"].sudo().search_count([]), bus_before)
