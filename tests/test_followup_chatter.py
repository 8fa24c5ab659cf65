"""The message that says a follow-up started is the one Odoo's own ``message_post`` would write.

Starting many leads at once works out the sender, the reply-to alias and the record name for all of them in
one go, and skips the bus formatting of a message nobody is told about: each message must still carry the same
values as a plain post by the same user, and a follower who asked to hear about notes must still hear."""
from gate_common import GateCase

from odoo.tools import html2plaintext

# What a user or a mail client reads off a message; ids, dates and the body (the start's own wording) aside.
MESSAGE_FIELDS = ("model", "res_id", "record_name", "author_id", "email_from", "reply_to", "message_type",
                  "subtype_id", "partner_ids", "needaction_partner_ids", "channel_ids", "create_uid",
                  "no_auto_thread", "mail_server_id")


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

    def plain_post(self, lead, user):
        return lead.sudo(user).message_post(body="A note, as Odoo writes one.")

    def values_of(self, message):
        values = message.sudo().read(MESSAGE_FIELDS)[0]
        values.pop("id")
        return values

    def test_each_message_of_a_bulk_start_matches_a_plain_post(self):
        leads = self.env["crm.lead"]
        for index, team in enumerate((self.team, self.env["crm.team"], self.team)):
            leads |= self.lead_of(self.own, name="Pendant %s" % index, team_id=team.id)
        self.set_clock("2027-03-06")
        self.env["jewellery.followup.engine"].sudo(self.manager)._start(leads)
        for lead in leads:
            started = self.started_message(lead)
            self.assertTrue(started, "the start is in the chatter")
            expected = self.values_of(self.plain_post(lead, self.manager))
            self.assertEqual(self.values_of(started), expected)
            self.assertEqual(started.tracking_value_ids.mapped("new_value_char"), ["Running"])
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
