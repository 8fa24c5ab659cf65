# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo store: a counter team of four and about fifty customers whose follow-ups ran over the last weeks.

Loaded only with demo data. Every chain is played through the real follow-up (Start follow-up, the outcomes
recorded as a salesperson would, the hourly job), day by day over the last four weeks: the follow-up's one clock
(core.clock.utc_now) is set to each past day while it plays, so the due dates, the closing days, the activities and the
showings are the ones the follow-up itself would have written; nothing is patched afterwards in SQL."""
import contextlib
import datetime

from odoo import api, models

from .. import core

FIRST_NAMES = ["Amelia", "Noah", "Olivia", "Liam", "Isla", "Ethan", "Maya", "Lucas", "Chloe", "Owen", "Ruby",
               "Samuel", "Grace", "Leo", "Hannah", "Adam", "Zara", "Felix", "Nina", "Oscar", "Lena", "Hugo",
               "Iris", "Jonah", "Elise"]
LAST_NAMES = ["Bennett", "Khan", "Moreau", "Silva", "Nakamura", "O'Brien", "Rossi", "Novak", "Haddad", "Larsen"]
PIECES = [
    ("engagement", "Clara", "diamond", "platinum", "1.0 ct round diamond solitaire in platinum", 6800),
    ("anniversary", "Helen", "sapphire", "gold_white", "oval sapphire halo pendant in white gold", 2400),
    ("birthday", "Sophie", "pearl", "gold_yellow", "South Sea pearl drop earrings", 1150),
    ("wedding", "Marc", False, "palladium", "brushed palladium wedding band, 6 mm", 890),
    ("holiday", "Mum", "emerald", "gold_yellow", "emerald tennis bracelet", 3200),
    ("anniversary", "Anna", "ruby", "gold_rose", "ruby eternity ring in rose gold", 1950),
]
# What the salesperson sends with the third touch, and what it cost.
GIFTS = [("a silk jewellery pouch", 18.0), ("a polishing cloth and a ring box", 12.5),
         ("a small bouquet with the card", 35.0)]
# What each customer did, touch after touch (None: nothing yet, the touch is waiting), and when the visit was
# (days ago). Cycled over the customers: every state of a chain appears several times.
STORIES = [
    ("running, call waiting", 1, []),
    ("running, call overdue", 4, []),
    ("running, note waiting", 9, ["no_answer"]),
    ("running, gift waiting", 16, ["no_answer", "no_answer"]),
    ("appointment booked on the call", 6, ["appointment"]),
    ("won after the note", 14, ["no_answer", "purchased"]),
    ("came back after the note", 12, ["no_answer", "came_back"]),
    ("exhausted: three touches unanswered", 27, ["no_answer", "no_answer", "no_answer"]),
    ("declined on the call", 8, ["declined"]),
    ("opted out after the call", 10, ["no_answer", "opt_out"]),
]
CUSTOMERS = 50
DAYS = 28


@contextlib.contextmanager
def follow_up_clock(moment):
    """The follow-up's clock reads ``moment`` (naive UTC) inside the block."""
    real = core.clock.utc_now
    core.clock.utc_now = lambda: moment
    try:
        yield
    finally:
        core.clock.utc_now = real


class JewelleryFollowupDemo(models.AbstractModel):
    _name = "jewellery.followup.demo"
    _description = "Jewellery follow-up demo store"

    @api.model
    def _build_store_demo(self, user_xmlids):
        """Archives crm's generic demo leads, then plays the store's customers' stories through the follow-up."""
        self._archive_crm_demo_leads()
        users = self.env["res.users"].browse([self.env.ref(xmlid).id for xmlid in user_xmlids])
        today = core.clock.utc_now().replace(hour=10, minute=0, second=0, microsecond=0)
        plans = []
        for index in range(CUSTOMERS):
            _story, days_ago, answers = STORIES[index % len(STORIES)]
            plans.append({"lead": self._demo_lead(index, users[index % len(users)], today),
                          "start": DAYS - days_ago, "answers": list(answers)})
        Engine = self.env["jewellery.followup.engine"]
        for day in range(DAYS + 1):
            with follow_up_clock(today - datetime.timedelta(days=DAYS - day)):
                self.env.cache.invalidate()
                Engine._advance()
                for plan in plans:
                    self._play(plan, day)
        return True

    @api.model
    def _archive_crm_demo_leads(self):
        """Odoo's generic CRM demo (office furniture, consulting) is not the store's pipeline: archived, kept."""
        data = self.env["ir.model.data"].search([("module", "=", "crm"), ("model", "=", "crm.lead")])
        self.env["crm.lead"].browse(data.mapped("res_id")).exists().write({"active": False})

    @api.model
    def _demo_lead(self, index, user, today):
        first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
        occasion, recipient, stone, metal, piece, price = PIECES[index % len(PIECES)]
        occasion_date = (today + datetime.timedelta(days=12 + (index * 7) % 80)).date()
        return self.env["crm.lead"].sudo(user).create({
            "type": "opportunity",
            "name": "%s for %s" % (piece[0].upper() + piece[1:], recipient),
            "contact_name": "%s %s" % (first, last),
            "email_from": "%s.%s@example.com" % (first.lower(), last.lower().replace("'", "")),
            "phone": "+44 20 7946 %04d" % (100 + index),
            "street": "%d Mulberry Walk" % (3 + index),
            "city": "London",
            "user_id": user.id,
            "team_id": user.sale_team_id.id,
            "occasion": occasion,
            "occasion_date": occasion_date.isoformat(),
            "recipient_name": recipient,
            "stone_type": stone,
            "metal": metal,
            "piece_description": piece,
            "planned_revenue": price,
        }).sudo()

    @api.model
    def _play(self, plan, day):
        lead = plan["lead"]
        if day == plan["start"]:
            lead.sudo(lead.user_id).action_start_followup()
            return
        if day <= plan["start"] or lead.followup_state != "running":
            return
        if plan["answers"] and plan["answers"][0] == "opt_out":
            plan["answers"].pop(0)
            lead.sudo(lead.user_id).write({"opt_out": True})
            return
        attempt = self.env["jewellery.followup.attempt"].search(
            [("lead_id", "=", lead.id), ("state", "=", "scheduled")])
        if attempt.kind == "gift" and not attempt.gift_value:
            description, cost = GIFTS[lead.id % len(GIFTS)]
            attempt.sudo(lead.user_id).write({"gift_description": description, "gift_value": cost})
        engine_today = self.env["jewellery.followup.engine"]._today(lead)
        if plan["answers"] and attempt and attempt.date_scheduled <= engine_today.isoformat():
            answer = plan["answers"].pop(0)
            attempt.sudo(lead.user_id).action_record_outcome(answer)
            if answer == "purchased":
                lead.sudo(lead.user_id).action_set_won()
