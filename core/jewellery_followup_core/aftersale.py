# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""After the sale: when the relationship's touches fall, and whether a customer may be contacted at all.

The touches are care visits, the occasion's anniversary and the next piece. The contact rules look at the customer,
whichever chain a touch comes from: a quiet window after their latest touch, a limit on unanswered touches in a
row, no touch on a closed day, and none after an opt-out. These are plain dates and facts; each version's addon
will ask, then write what the answer says (none does yet). Every day goes through ``clock.due_date``, the product's one
date function, so a touch that falls on a closed day or inside the quiet window moves to the first allowed day.
"""
import calendar as month_calendar
import collections
import datetime

from . import clock, messages, vocabulary

# A piece that needs care is invited for a complimentary clean and check this many months after the last visit.
CARE_INTERVAL_MONTHS = 6
# The occasion's anniversary touch comes this many days before the date.
ANNIVERSARY_LEAD_DAYS = 21
# A customer gets at most one touch in any window of this many days, whichever chain it comes from.
QUIET_DAYS = 14
# After this many unanswered touches in a row, nobody contacts the customer again until they answer.
MAX_UNANSWERED_IN_A_ROW = 3
# A sale won this many days after an after-sale touch counts as that touch's revenue.
REVENUE_WINDOW_DAYS = 30
# A chain is paused at most this far ahead ("call me after my holiday").
PAUSE_HORIZON_DAYS = 366
# The occasions that come back every year, and so get an anniversary touch.
YEARLY_OCCASIONS = ("engagement", "wedding", "anniversary", "birthday")

# Why a customer may not be contacted.
REFUSE_OPTED_OUT = "opted_out"
REFUSE_BLACKLISTED = "blacklisted"
REFUSE_NO_CONTACT_AFTER_SALE = "no_contact_after_sale"
REFUSE_UNANSWERED = "unanswered"

messages.register("aftersale", {
    "aftersale.refuse.opted_out": "%(customer)s opted out: the store does not contact them.",
    "aftersale.refuse.blacklisted": "%(customer)s's e-mail address is blacklisted: the store does not contact them.",
    "aftersale.refuse.no_contact_after_sale": "%(customer)s asked not to be contacted after the sale.",
    "aftersale.pause.not_after_today": "Pause until %(date)s: choose a day after today.",
    "aftersale.pause.too_far": "Pause until %(date)s: a chain is paused at most %(days)s days ahead.",
    "aftersale.pause.no_reason": "Say why the follow-up of %(customer)s is paused, so the team knows.",
    "aftersale.refuse.unanswered": "%(customer)s has not answered the last %(max)s touches: nobody contacts them again "
                                   "until they do.",
    "aftersale.summary.care": "Care visit: invite %(customer)s for a complimentary clean and check of %(piece)s",
    "aftersale.summary.anniversary": "%(customer)s: %(occasion)s anniversary on %(date)s (year %(years)s)",
    "aftersale.summary.next_piece": "Next piece: invite %(customer)s to choose for the %(suggest)s",
    "aftersale.note.piece": "Bought: %(piece)s",
    "aftersale.note.surprise": "A surprise for %(recipient)s: nothing goes to the shared home, and nobody names the "
                               "occasion to %(recipient)s.",
    "aftersale.cancelled": "After-sale touch not made: %(why)s",
    "aftersale.moved": "After-sale touch moved to %(date)s: the customer had a touch on %(last)s.",
    "aftersale.no_piece": "their piece",
})

ContactFacts = collections.namedtuple("ContactFacts", [
    "opt_out",  # the lead or its contact opted out of marketing
    "blacklisted",  # the customer's e-mail address is on the mail blacklist
    "no_contact_after_sale",  # the contact says: nothing after the sale (recorded with the date and who)
    "last_touch_day",  # the day of the customer's latest touch, from any chain; None for none
    "unanswered_in_a_row",  # how many of the customer's latest touches went unanswered, in a row
])

CareRules = collections.namedtuple("CareRules", ["stones", "metals", "categories"])
# What the store invites for care unless it says otherwise: any stone (its setting's claws are checked, a pearl's
# strand restrung), white gold (its rhodium plating wears) and silver (it tarnishes).
CARE_RULES = CareRules(stones=tuple(code for code, _label in vocabulary.STONE_TYPES),
                       metals=("gold_white", "silver"), categories=())

# After buying a piece for one occasion, the customer is invited to choose the next: (the occasion of the piece
# bought, what to suggest, days before the next occasion's date when it is known, else days after the purchase).
NextPieceRule = collections.namedtuple("NextPieceRule", ["after", "suggest", "days_before", "days_after"])
NEXT_PIECE_RULES = (
    NextPieceRule(after="engagement", suggest="wedding", days_before=90, days_after=60),
)
# A store's own "after X, suggest Y" rule counts at most this many days.
RULE_DAYS_MAX = 730

# The store's own rules, as its company holds them (``jewellery.aftersale.rule`` records): its care rules replace
# CARE_RULES once it has one; its "after X, suggest Y" rules come after NEXT_PIECE_RULES.
Rules = collections.namedtuple("Rules", ["care", "next_piece"])
DEFAULT_RULES = Rules(care=CARE_RULES, next_piece=NEXT_PIECE_RULES)
messages.register("aftersale", {
    "aftersale.rule.care_needs_subject": "A care rule names a stone, a metal or a category.",
    "aftersale.rule.next_needs_occasions":
        "An \"after X, suggest Y\" rule names the occasion bought for and the one to suggest.",
})


def rules_of(company):
    """The store's rules, read off its company's ``aftersale_rule_ids`` (the defaults where it has none)."""
    records = list(getattr(company, "aftersale_rule_ids", None) or [])
    care = [rule for rule in records if rule.kind == "care"]
    care_rules = CARE_RULES
    if care:
        care_rules = CareRules(stones=tuple(rule.stone_type for rule in care if rule.stone_type),
                               metals=tuple(rule.metal for rule in care if rule.metal),
                               categories=tuple(category_key(rule.category) for rule in care if rule.category))
    own = tuple(NextPieceRule(after=rule.after_occasion, suggest=rule.suggest_occasion,
                              days_before=rule.days_before, days_after=rule.days_after)
                for rule in records if rule.kind == "next_piece")
    return Rules(care=care_rules, next_piece=NEXT_PIECE_RULES + own)


def rule_problem(kind, stone_type, metal, category, after, suggest, days):
    """A message code and its parameters when a store's rule says too little, else None. ``days``: {the field's
    label: its value}, each within 0 and RULE_DAYS_MAX."""
    if kind == "care" and not (stone_type or metal or (category or "").strip()):
        return "aftersale.rule.care_needs_subject", {}
    if kind == "next_piece":
        if not (after and suggest):
            return "aftersale.rule.next_needs_occasions", {}
        for setting, value in days.items():
            if not 0 <= (value or 0) <= RULE_DAYS_MAX:
                return "aftersale.settings.out_of_bounds", {"setting": setting, "low": 0, "high": RULE_DAYS_MAX,
                                                            "value": value}
    return None


def category_key(name):
    """A category (a lead's tag) as the care rules compare it: its name, case aside."""
    return (name or "").strip().lower()


Settings = collections.namedtuple("Settings", ["enabled", "care_months", "anniversary_days", "quiet_days"])
# The store's settings, as its company holds them (each field defaults to the constant above).
SETTINGS_FIELDS = Settings(enabled="aftersale_enabled", care_months="aftersale_care_months",
                           anniversary_days="aftersale_anniversary_days", quiet_days="aftersale_quiet_days")
DEFAULT_SETTINGS = Settings(enabled=False, care_months=CARE_INTERVAL_MONTHS, anniversary_days=ANNIVERSARY_LEAD_DAYS,
                            quiet_days=QUIET_DAYS)
# The store's settings are counts that a typo must not turn into a flood or a silence: each within these bounds.
SETTINGS_BOUNDS = {"care_months": (1, 60), "anniversary_days": (1, 120), "quiet_days": (0, 90)}
messages.register("aftersale", {
    "aftersale.settings.out_of_bounds": "%(setting)s must be between %(low)s and %(high)s, not %(value)s.",
})


def settings_of(company):
    """The store's after-sale settings, read off its company (the defaults where a version has no such field)."""
    values = {name: getattr(company, field, None) for name, field in SETTINGS_FIELDS._asdict().items()}
    return Settings(**{name: getattr(DEFAULT_SETTINGS, name) if value is None else value
                       for name, value in values.items()})


def settings_problem(name, value):
    """A message code and its parameters when ``value`` is out of bounds for the setting ``name``, else None."""
    low, high = SETTINGS_BOUNDS[name]
    if value is None or low <= value <= high:
        return None
    return "aftersale.settings.out_of_bounds", {"low": low, "high": high, "value": value}


def months_after(day, months):
    """The same day of the month ``months`` later; the month's last day when it has no such day (31 August + 6
    months is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def in_year(day, year):
    """``day``'s month and day in ``year``: 29 February is kept on 28 February in other years."""
    return datetime.date(year, day.month, min(day.day, month_calendar.monthrange(year, day.month)[1]))


def contact_refusal(facts, after_sale):
    """Why the customer may not be contacted now (a REFUSE_* code), or None. ``after_sale``: the touch belongs to
    an after-sale chain, which a "no contact after the sale" also stops."""
    if facts.opt_out:
        return REFUSE_OPTED_OUT
    if facts.blacklisted:
        return REFUSE_BLACKLISTED
    if after_sale and facts.no_contact_after_sale:
        return REFUSE_NO_CONTACT_AFTER_SALE
    if facts.unanswered_in_a_row >= MAX_UNANSWERED_IN_A_ROW:
        return REFUSE_UNANSWERED
    return None


def refusal_text(code, lang, customer):
    """Why ``customer`` (a name) may not be contacted, in ``lang``, for a REFUSE_* ``code``."""
    return messages.text("aftersale.refuse." + code, lang, customer=customer, max=MAX_UNANSWERED_IN_A_ROW)


def allowed_day(wanted, last_touch_day, calendar, quiet_days=QUIET_DAYS):
    """The first day on or after ``wanted`` that is open and outside the quiet window of the customer's latest
    touch (``last_touch_day``, None for none)."""
    earliest = wanted
    if last_touch_day is not None:
        earliest = max(earliest, last_touch_day + datetime.timedelta(days=quiet_days))
    return clock.due_date(earliest, 0, calendar)


def care_visit_day(last_visit, calendar, months=CARE_INTERVAL_MONTHS):
    """When the next care visit's invitation falls: ``months`` after the last visit (or the purchase)."""
    return clock.due_date(months_after(last_visit, months), 0, calendar)


def anniversary(occasion, occasion_date, today, calendar, lead_days=ANNIVERSARY_LEAD_DAYS):
    """The next anniversary touch of a yearly occasion, as (touch day, the anniversary's date, years since), the
    touch ``lead_days`` before that date and not before ``today``; None for an occasion that does not come back or
    has no date. An occasion still to come has its first anniversary a year after it."""
    if occasion not in YEARLY_OCCASIONS or not occasion_date:
        return None
    year = today.year
    while True:
        date = in_year(occasion_date, year)
        if date > occasion_date and date - datetime.timedelta(days=lead_days) >= today:
            touch = clock.due_date(date - datetime.timedelta(days=lead_days), 0, calendar)
            return touch, date, date.year - occasion_date.year
        year += 1


def next_piece(occasion, bought_on, next_occasion_date, calendar, rules=NEXT_PIECE_RULES):
    """The next piece to suggest after a purchase for ``occasion``, as (what to suggest, the touch's day), or None
    when no rule follows that occasion. The touch comes the rule's days before the next occasion when its date is
    known and still far enough, else the rule's days after the purchase."""
    for rule in rules:
        if rule.after != occasion:
            continue
        wanted = bought_on + datetime.timedelta(days=rule.days_after)
        if next_occasion_date:
            before = next_occasion_date - datetime.timedelta(days=rule.days_before)
            wanted = max(before, bought_on + datetime.timedelta(days=1))
        return rule.suggest, clock.due_date(wanted, 0, calendar)
    return None


def pause_refusal(until, today, reason):
    """Why a running chain cannot be paused until ``until``, as a message code and its parameters (the caller adds
    ``customer``), or None: the day must be after the store's today and within PAUSE_HORIZON_DAYS, and the reason
    is kept for the team."""
    if until is None or until <= today:
        return "aftersale.pause.not_after_today", {"date": until or ""}
    if until > today + datetime.timedelta(days=PAUSE_HORIZON_DAYS):
        return "aftersale.pause.too_far", {"date": until, "days": PAUSE_HORIZON_DAYS}
    if not (reason or "").strip():
        return "aftersale.pause.no_reason", {}
    return None


def resume_day(until, calendar):
    """The day a paused chain goes on: ``until``, or the store's next open day (its touch lands in that morning's
    run of the hourly job)."""
    return clock.due_date(until, 0, calendar)


def needs_care(stone_type, metal, categories=(), rules=CARE_RULES):
    """Whether a piece sold (its stone, its metal, its categories: the lead's tags) is invited for care visits: the
    store decides per stone, metal or category."""
    if isinstance(categories, str):
        categories = (categories,)
    wanted = {category_key(category) for category in rules.categories}
    return bool((stone_type and stone_type in rules.stones) or (metal and metal in rules.metals)
                or any(category_key(category) in wanted for category in categories))


def revenue_after_touches(touches, sales, window_days=REVENUE_WINDOW_DAYS):
    """Whether the after-sale touches pay: the sales won within ``window_days`` after a touch to the same customer,
    each credited once, to the customer's latest touch before it, per (kind, salesperson).

    ``touches``: dicts with ``customer``, ``day``, ``kind`` and ``user``; ``sales``: dicts with ``customer``,
    ``day`` and ``amount``. Returns {(kind, user): {"touches": n, "sales": n, "revenue": amount}}, every pair that
    made a touch included."""
    figures = {}
    by_customer = {}
    for touch in sorted(touches, key=lambda touch: touch["day"]):
        key = (touch["kind"], touch["user"])
        figures.setdefault(key, {"touches": 0, "sales": 0, "revenue": 0.0})["touches"] += 1
        by_customer.setdefault(touch["customer"], []).append(touch)
    window = datetime.timedelta(days=window_days)
    for sale in sales:
        earlier = [touch for touch in by_customer.get(sale["customer"], ())
                   if touch["day"] <= sale["day"] <= touch["day"] + window]
        if earlier:
            credited = figures[(earlier[-1]["kind"], earlier[-1]["user"])]
            credited["sales"] += 1
            credited["revenue"] += sale["amount"]
    return figures


def next_care_day(last_visit, today, calendar, months=CARE_INTERVAL_MONTHS):
    """The first care round after ``last_visit`` that is not in the past: a piece sold long before the store turned
    the touches on is invited at its next round, not for every round it missed."""
    rounds = 1
    while months_after(last_visit, months * rounds) < today:
        rounds += 1
    return clock.due_date(months_after(last_visit, months * rounds), 0, calendar)


Touch = collections.namedtuple("Touch", ["kind", "day", "params"])


def touches_after_win(piece, won_day, today, calendar, settings=DEFAULT_SETTINGS, rules=DEFAULT_RULES):
    """The touches a won sale plans, as ``Touch`` (kind, day, what its words name).

    ``piece``: a dict of the lead's ``occasion``, ``occasion_date``, ``stone_type``, ``metal`` and ``categories``. A
    care visit for a piece that needs care, the occasion's next anniversary when it comes back yearly, and the next
    piece after a purchase for an occasion a rule follows (none when its day has passed already); ``rules``: the
    store's (``rules_of``)."""
    touches = []
    if needs_care(piece.get("stone_type"), piece.get("metal"), piece.get("categories", ()), rules.care):
        touches.append(Touch("care", next_care_day(won_day, today, calendar, settings.care_months), {}))
    yearly = anniversary(piece.get("occasion"), piece.get("occasion_date"), today, calendar,
                         settings.anniversary_days)
    if yearly:
        touches.append(Touch("anniversary", yearly[0], {"date": yearly[1], "years": yearly[2]}))
    following = next_piece(piece.get("occasion"), won_day, None, calendar, rules.next_piece)
    if following and following[1] >= today:
        touches.append(Touch("next_piece", following[1], {"suggest": following[0]}))
    return touches


def next_round(kind, piece, done_day, today, calendar, settings=DEFAULT_SETTINGS):
    """The touch that follows a closed one of ``kind``: the next care round ``care_months`` after this one, the next
    year's anniversary; None after the next piece, which comes once."""
    if kind == "care":
        return Touch("care", next_care_day(done_day, today, calendar, settings.care_months), {})
    if kind == "anniversary":
        yearly = anniversary(piece.get("occasion"), piece.get("occasion_date"),
                             max(today, done_day) + datetime.timedelta(days=1), calendar, settings.anniversary_days)
        if yearly:
            return Touch("anniversary", yearly[0], {"date": yearly[1], "years": yearly[2]})
    return None


def unanswered_in_a_row(outcomes):
    """How many of the customer's latest closed touches (``outcomes``, newest first) went unanswered, in a row."""
    count = 0
    for outcome in outcomes:
        if outcome != "no_answer":
            break
        count += 1
    return count
