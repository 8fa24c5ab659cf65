# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo store: a counter team of four and fifty customers whose follow-ups ran over the last four weeks.

The tables here are the store (its people, its customers and the pieces they looked at, what each customer did
touch after touch, what the gifts cost, the monthly gift budget); ``DemoMethods``, the private methods of each
version's ``jewellery.followup.demo`` model, plays them through the ORM and the real follow-up, loaded only with
demo data. Every chain is played as a salesperson would (Start follow-up, the outcomes recorded, the hourly job),
day by day: the follow-up's one clock (``clock.utc_now``) is set to each past day while it plays, so the due dates,
the closing days, the activities and the showings are the ones the follow-up itself would have written; nothing is
patched afterwards in SQL.
"""
import contextlib
import datetime

from . import clock
from .odoo_store import RECORD_SLOTS

MODULE = "jewellery_followup"
TEAM = ("demo_team_counter", "Bond Street Counter")
PASSWORD = "demo"
TZ = "Europe/London"
# What each kind of person may do: Odoo's groups, by xml id (the same in every version).
ROLES = {
    "manager": ("base.group_user", "sales_team.group_sale_manager"),
    "own": ("base.group_user", "sales_team.group_sale_salesman"),
    "all": ("base.group_user", "sales_team.group_sale_salesman_all_leads"),
}
# The counter (xml id, name, role), in the order they take the customers in turn; the manager leads the team.
USERS = [
    ("demo_user_marcus", "Marcus Webb", "own"),
    ("demo_user_priya", "Priya Raman", "own"),
    ("demo_user_tomasz", "Tomasz Nowak", "all"),
    ("demo_user_harriet", "Harriet Blake", "manager"),
]
# The chain the customers follow (the addon's data) and what the store sets aside each month for its gifts.
CHAIN = "chain_second_chance"
GIFT_BUDGET = 150.0

FIRST_NAMES = ["Amelia", "Noah", "Olivia", "Liam", "Isla", "Ethan", "Maya", "Lucas", "Chloe", "Owen", "Ruby",
               "Samuel", "Grace", "Leo", "Hannah", "Adam", "Zara", "Felix", "Nina", "Oscar", "Lena", "Hugo",
               "Iris", "Jonah", "Elise"]
LAST_NAMES = ["Bennett", "Khan", "Moreau", "Silva", "Nakamura", "O'Brien", "Rossi", "Novak", "Haddad", "Larsen"]
# (occasion, recipient, stone, metal, piece, price)
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
# The customer asks to hear no more: not an outcome of a touch, the salesperson ticks "opt out" on the lead.
OPT_OUT = "opt_out"
# What each customer did, touch after touch (when their answers run out, the next touch is waiting), and when the
# visit was (days ago: the follow-up starts that day). Cycled over the customers: every state of a chain appears
# several times.
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
    ("opted out after the call", 10, ["no_answer", OPT_OUT]),
]
CUSTOMERS = 50
DAYS = 28
# Customers who bought before the play began, so that the relationship's touches fall inside its four weeks (the
# store turns the after-sale touches on): (story, the touch waiting for them, days ago the sale was won, occasion,
# days from the sale to the occasion's date, recipient, stone, metal, piece, price, the customer asks for no
# contact after the sale on that day of the play). Each story twice, the counter taking them in turn.
AFTER_SALE_STORIES = [
    ("care visit waiting", "care", 190, "holiday", None, "Ruth", "diamond", "platinum",
     "three-stone diamond ring in platinum", 4200, None),
    ("wedding anniversary waiting", "anniversary", 395, "wedding", 40, "Daniel", False, "palladium",
     "pair of palladium wedding bands", 1480, None),
    ("wedding bands to choose after the engagement ring", "next_piece", 75, "engagement", 10, "Alice", "diamond",
     "platinum", "oval diamond solitaire in platinum", 7400, None),
    ("asked for no contact after the sale", "care", 188, "birthday", None, "Sam", "emerald", "gold_yellow",
     "emerald cocktail ring", 2600, 10),
]
AFTER_SALE_CUSTOMERS = 2 * len(AFTER_SALE_STORIES)
# The first customer of the wedding bands' story says yes the day their touch comes, and buys the bands a few days
# later: the sale the After-sale Results credit to that touch. {customer: (piece, price, days after the touch)}
BOUGHT_AFTER_THE_TOUCH = {2: ("pair of platinum wedding bands", 2350, 3)}
AFTER_SALE_NAMES = ["Beatrice", "Rafael", "Ingrid", "Kofi", "Margot", "Tobias", "Yasmin", "Dmitri"]


def login(name):
    """"Harriet Blake" logs in as harriet.blake@example.com."""
    return "%s@example.com" % name.lower().replace(" ", ".")


def lead_name(piece, recipient):
    """"Oval diamond solitaire in platinum for Alice": the piece, then who will wear it."""
    return "%s for %s" % (piece[0].upper() + piece[1:], recipient)


def user_values(name, role):
    """A person of the counter, with the xml ids of their groups under ``groups``."""
    return {"name": name, "login": login(name), "email": login(name), "password": PASSWORD, "tz": TZ,
            "groups": list(ROLES[role])}


def customer(index, today):
    """The lead of the ``index``-th customer (the salesperson and the team aside; the expected revenue as
    ``revenue``, each version names its field), who visited the store before ``today`` (a datetime)."""
    first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
    occasion, recipient, stone, metal, piece, price = PIECES[index % len(PIECES)]
    occasion_date = (today + datetime.timedelta(days=12 + (index * 7) % 80)).date()
    return {
        "type": "opportunity",
        "name": lead_name(piece, recipient),
        "contact_name": "%s %s" % (first, last),
        "email_from": "%s.%s@example.com" % (first.lower(), last.lower().replace("'", "")),
        "phone": "+44 20 7946 %04d" % (100 + index),
        "street": "%d Mulberry Walk" % (3 + index),
        "city": "London",
        "occasion": occasion,
        "occasion_date": occasion_date.isoformat(),
        "recipient_name": recipient,
        "stone_type": stone,
        "metal": metal,
        "piece_description": piece,
        "revenue": price,
    }


def after_sale_customer(index, today):
    """The ``index``-th customer who bought before the play (``today``: a datetime): their contact (``partner``),
    their lead (``lead``, the expected revenue as ``revenue``), the moment the sale was won (``won``, naive UTC), the
    kind of touch waiting for them (``waiting``), the day of the play they ask for no contact after the sale
    (``no_contact_day``, None for never) and what they buy after that touch (``buys``, None for nothing)."""
    (_story, waiting, days_ago, occasion, occasion_after, recipient, stone, metal, piece, price,
     no_contact_day) = AFTER_SALE_STORIES[index % len(AFTER_SALE_STORIES)]
    first, last = AFTER_SALE_NAMES[index % len(AFTER_SALE_NAMES)], LAST_NAMES[(index + 3) % len(LAST_NAMES)]
    won = today - datetime.timedelta(days=days_ago)
    email = "%s.%s@example.com" % (first.lower(), last.lower().replace("'", ""))
    occasion_date = (won + datetime.timedelta(days=occasion_after)).date().isoformat() if occasion_after else False
    return {
        "partner": {"name": "%s %s" % (first, last), "email": email, "phone": "+44 20 7946 %04d" % (900 + index),
                    "street": "%d Juniper Row" % (2 + index), "city": "London"},
        "lead": {"type": "opportunity", "name": lead_name(piece, recipient),
                 "contact_name": "%s %s" % (first, last), "email_from": email, "occasion": occasion,
                 "occasion_date": occasion_date, "recipient_name": recipient, "stone_type": stone,
                 "metal": metal, "piece_description": piece, "revenue": price},
        "won": won,
        "waiting": waiting,
        "no_contact_day": no_contact_day,
        "buys": BOUGHT_AFTER_THE_TOUCH.get(index),
    }


def plans():
    """Each customer's plan: who serves them (an index in ``USERS``), the day of the play their chain starts
    (its first day is day 0, ``DAYS`` days ago) and their answers, touch after touch."""
    out = []
    for index in range(CUSTOMERS):
        _story, days_ago, answers = STORIES[index % len(STORIES)]
        out.append({"index": index, "user": index % len(USERS), "start": DAYS - days_ago, "answers": list(answers)})
    return out


def play_days(today):
    """The days of the play, (day, the moment the follow-up's clock reads), from ``DAYS`` days ago to today."""
    return [(day, today - datetime.timedelta(days=DAYS - day)) for day in range(DAYS + 1)]


def gift(lead_id):
    """(description, cost) of the gift a lead's third touch sends."""
    return GIFTS[lead_id % len(GIFTS)]


@contextlib.contextmanager
def follow_up_clock(moment):
    """The follow-up's clock reads ``moment`` (naive UTC) inside the block."""
    real = clock.utc_now
    clock.utc_now = lambda: moment
    try:
        yield
    finally:
        clock.utc_now = real


class DemoMethods(object):
    """The private methods of each version's ``jewellery.followup.demo`` model. The model gives ``_store`` (its
    version's ``OdooStore``), ``_as_user`` (records acting as a user) and ``_revenue_field``."""
    __slots__ = RECORD_SLOTS
    _revenue_field = None

    def _store(self):
        raise NotImplementedError

    def _as_user(self, records, user):
        raise NotImplementedError

    def _play_store_demo(self):
        """Archives crm's generic demo leads, makes the counter, then plays the customers' stories: the second
        chances and, the after-sale touches turned on, the customers who bought before."""
        self._archive_crm_demo_leads()
        team, users = self._demo_counter()
        today = clock.utc_now().replace(hour=10, minute=0, second=0, microsecond=0)
        played = [dict(plan, lead=self._demo_lead(plan["index"], users[plan["user"]], team, today))
                  for plan in plans()]
        self.env.ref("base.main_company").write({"aftersale_enabled": True})
        bought = [self._demo_sale(index, users[index % len(users)], team, today)
                  for index in range(AFTER_SALE_CUSTOMERS)]
        Engine = self.env["jewellery.followup.engine"]
        for day, moment in play_days(today):
            with follow_up_clock(moment):
                self._store().invalidate_all()
                Engine._advance()
                for plan in played:
                    self._play(plan, day)
                for sale in bought:
                    self._play_after_sale(sale, day)
        return True

    def _archive_crm_demo_leads(self):
        """Odoo's generic CRM demo (office furniture, consulting) is not the store's pipeline: archived, kept."""
        data = self.env["ir.model.data"].search([("module", "=", "crm"), ("model", "=", "crm.lead")])
        self.env["crm.lead"].browse(data.mapped("res_id")).exists().write({"active": False})

    def _demo_record(self, xmlid, model, values):
        """Creates a record of the demo under ``MODULE.xmlid`` (not updated with the module, as demo data)."""
        record = self.env[model].with_context(no_reset_password=True).create(values)
        self.env["ir.model.data"].create({"module": MODULE, "name": xmlid, "model": model, "res_id": record.id,
                                          "noupdate": True})
        return record

    def _demo_counter(self):
        """The counter team and its people, and the chain's gift budget: the team and the users (``USERS``)."""
        team = self._demo_record(TEAM[0], "crm.team", {"name": TEAM[1], "use_opportunities": True})
        users = manager = self.env["res.users"]
        for xmlid, name, role in USERS:
            values = user_values(name, role)
            values["groups_id"] = [(6, 0, [self.env.ref(group).id for group in values.pop("groups")])]
            user = self._demo_record(xmlid, "res.users", values)
            users |= user
            manager = user if role == "manager" else manager
        team.write({"user_id": manager.id, "member_ids": [(6, 0, users.ids)]})
        self.env.ref("%s.%s" % (MODULE, CHAIN)).write({"gift_budget": GIFT_BUDGET})
        return team, users

    def _demo_lead(self, index, user, team, today):
        values = customer(index, today)
        values.update({"user_id": user.id, "team_id": team.id, self._revenue_field: values.pop("revenue")})
        return self._as_user(self.env["crm.lead"], user).create(values).sudo()

    def _demo_sale(self, index, user, team, today):
        """A customer who bought before the play: their contact and their lead, won on the day of the sale (the
        salesperson closed it then; Odoo stamps today, the store's back office the day it happened)."""
        sale = after_sale_customer(index, today)
        partner = self._as_user(self.env["res.partner"], user).create(sale["partner"])
        values = dict(sale["lead"], user_id=user.id, team_id=team.id, partner_id=partner.id)
        values[self._revenue_field] = values.pop("revenue")
        lead = self._as_user(self.env["crm.lead"], user).create(values)
        lead.action_set_won()
        lead.sudo().write({"date_closed": sale["won"]})
        return dict(sale, lead=lead.sudo(), customer=partner)

    def _play_after_sale(self, sale, day):
        """The customer who asks for no contact after the sale says so on their day (the salesperson ticks it);
        the one who buys after their touch says yes to it and comes back for the piece."""
        lead = sale["lead"]
        if day == sale["no_contact_day"]:
            self._as_user(sale["customer"], lead.user_id).write({"no_contact_after_sale": True})
        if sale["buys"]:
            self._play_purchase_after_touch(sale, day)

    def _play_purchase_after_touch(self, sale, day):
        lead, (piece, price, days_later) = sale["lead"], sale["buys"]
        if "answered" not in sale:
            touch = self.env["jewellery.aftersale.touch"].search(
                [("lead_id", "=", lead.id), ("kind", "=", sale["waiting"]), ("state", "=", "scheduled")])
            if touch:
                self._as_user(touch, lead.user_id).action_appointment()
                sale["answered"] = day
        elif day == sale["answered"] + days_later:
            values = {"type": "opportunity", "name": lead_name(piece, lead.recipient_name),
                      "partner_id": sale["customer"].id, "contact_name": lead.contact_name,
                      "email_from": lead.email_from, "occasion": "wedding", "recipient_name": lead.recipient_name,
                      "metal": "platinum", "piece_description": piece, "user_id": lead.user_id.id,
                      "team_id": lead.team_id.id, self._revenue_field: price}
            bands = self._as_user(self.env["crm.lead"], lead.user_id).create(values)
            bands.action_set_won()
            bands.sudo().write({"date_closed": clock.utc_now()})

    def _play(self, plan, day):
        """What the customer and their salesperson do on ``day`` of the play."""
        lead = plan["lead"]
        if day == plan["start"]:
            self._as_user(lead, lead.user_id).action_start_followup()
            return
        if day <= plan["start"] or lead.followup_state != "running":
            return
        if plan["answers"] and plan["answers"][0] == OPT_OUT:
            plan["answers"].pop(0)
            self._as_user(lead, lead.user_id).write({"opt_out": True})
            return
        attempt = self.env["jewellery.followup.attempt"].search(
            [("lead_id", "=", lead.id), ("state", "=", "scheduled")])
        # the gift's cost is written when it is prepared, whether or not the customer answers it
        if attempt.kind == "gift" and not attempt.gift_value:
            description, cost = gift(lead.id)
            self._as_user(attempt, lead.user_id).write({"gift_description": description, "gift_value": cost})
        engine_today = self.env["jewellery.followup.engine"]._today(lead)
        if plan["answers"] and attempt and clock.as_date(attempt.date_scheduled) <= engine_today:
            answer = plan["answers"].pop(0)
            self._as_user(attempt, lead.user_id).action_record_outcome(answer)
            if answer == "purchased":
                self._as_user(lead, lead.user_id).action_set_won()
