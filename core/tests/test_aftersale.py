"""After the sale: care visits, the occasion's anniversary, the next piece, and the contact rules every chain keeps."""
import datetime

from hypothesis import given, strategies as st

from jewellery_followup_core import aftersale, clock, messages, pausing
from jewellery_followup_core import facts as lead_facts

TUESDAY_TO_SATURDAY = clock.StoreCalendar({1, 2, 3, 4, 5})
DAYS = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2040, 12, 31))
D = datetime.date


def facts(**values):
    base = dict(opt_out=False, blacklisted=False, no_contact_after_sale=False, last_touch_day=None,
                unanswered_in_a_row=0)
    base.update(values)
    return aftersale.ContactFacts(**base)


def test_a_month_without_the_day_ends_on_its_last_day():
    assert aftersale.months_after(D(2027, 8, 31), 6) == D(2028, 2, 29)
    assert aftersale.months_after(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert aftersale.months_after(D(2027, 11, 15), 3) == D(2028, 2, 15)


def test_the_care_visit_comes_six_months_after_the_last_visit_on_an_open_day():
    # Saturday 6 March 2027 + 6 months: Monday 6 September, a closed day; the store opens on Tuesday
    assert aftersale.care_visit_day(D(2027, 3, 6), TUESDAY_TO_SATURDAY) == D(2027, 9, 7)
    assert aftersale.care_visit_day(D(2027, 3, 6), TUESDAY_TO_SATURDAY, months=12) == D(2028, 3, 7)


def test_the_anniversary_touch_comes_three_weeks_before_the_date():
    # Frank and Emily got engaged on 14 March 2026: the touch for their first anniversary is on 21 February 2027
    touch, date, years = aftersale.anniversary("engagement", D(2026, 3, 14), D(2027, 1, 10), TUESDAY_TO_SATURDAY)
    assert (date, years) == (D(2027, 3, 14), 1)
    assert touch == D(2027, 2, 23), "21 February is a Sunday: the store's next open day"
    # too late for this year's touch: next year's
    touch, date, years = aftersale.anniversary("engagement", D(2026, 3, 14), D(2027, 3, 1), TUESDAY_TO_SATURDAY)
    assert (date, years) == (D(2028, 3, 14), 2)


def test_an_occasion_still_to_come_has_its_first_anniversary_a_year_later():
    _touch, date, years = aftersale.anniversary("wedding", D(2027, 6, 12), D(2027, 3, 6), TUESDAY_TO_SATURDAY)
    assert (date, years) == (D(2028, 6, 12), 1)


def test_a_one_time_occasion_or_no_date_has_no_anniversary():
    assert aftersale.anniversary("graduation", D(2026, 6, 1), D(2027, 3, 6), TUESDAY_TO_SATURDAY) is None
    assert aftersale.anniversary("birthday", None, D(2027, 3, 6), TUESDAY_TO_SATURDAY) is None


@given(DAYS, DAYS)
def test_an_anniversary_touch_is_never_before_today_and_never_after_its_date(occasion_date, today):
    touch, date, years = aftersale.anniversary("birthday", occasion_date, today, TUESDAY_TO_SATURDAY)
    assert today <= touch <= date
    assert years >= 1 and date > occasion_date
    assert (date.month, date.day) == (occasion_date.month, occasion_date.day) or \
        (occasion_date.month, occasion_date.day, date.day) == (2, 29, 28)
    assert TUESDAY_TO_SATURDAY.is_open(touch)


def test_wedding_bands_are_suggested_before_the_wedding_or_two_months_after_the_ring():
    bought = D(2027, 3, 6)
    assert aftersale.next_piece("engagement", bought, D(2027, 9, 18), TUESDAY_TO_SATURDAY) == \
        ("wedding", D(2027, 6, 22)), "90 days before the wedding, 20 June, is a Sunday"
    assert aftersale.next_piece("engagement", bought, None, TUESDAY_TO_SATURDAY) == ("wedding", D(2027, 5, 5))
    # a wedding too close for 90 days' notice: as soon as the store opens after the purchase
    assert aftersale.next_piece("engagement", bought, D(2027, 4, 1), TUESDAY_TO_SATURDAY) == \
        ("wedding", D(2027, 3, 9))
    assert aftersale.next_piece("birthday", bought, None, TUESDAY_TO_SATURDAY) is None


def test_a_store_rule_suggests_its_own_next_piece():
    rules = aftersale.NEXT_PIECE_RULES + (aftersale.NextPieceRule("birthday", "anniversary", 30, 300),)
    assert aftersale.next_piece("birthday", D(2027, 3, 6), None, TUESDAY_TO_SATURDAY, rules) == \
        ("anniversary", D(2027, 12, 31))


def test_who_may_not_be_contacted_and_why():
    assert aftersale.contact_refusal(facts(), after_sale=True) is None
    assert aftersale.contact_refusal(facts(opt_out=True, blacklisted=True), False) == aftersale.REFUSE_OPTED_OUT
    assert aftersale.contact_refusal(facts(blacklisted=True), False) == aftersale.REFUSE_BLACKLISTED
    # "nothing after the sale" stops the after-sale touches, not the second chance
    assert aftersale.contact_refusal(facts(no_contact_after_sale=True), True) == \
        aftersale.REFUSE_NO_CONTACT_AFTER_SALE
    assert aftersale.contact_refusal(facts(no_contact_after_sale=True), False) is None
    assert aftersale.contact_refusal(facts(unanswered_in_a_row=2), True) is None
    assert aftersale.contact_refusal(facts(unanswered_in_a_row=3), False) == aftersale.REFUSE_UNANSWERED


def test_a_touch_inside_the_quiet_window_moves_to_its_first_open_day():
    # the customer's last touch was on Tuesday 9 March: nothing before Tuesday 23 March
    assert aftersale.allowed_day(D(2027, 3, 11), D(2027, 3, 9), TUESDAY_TO_SATURDAY) == D(2027, 3, 23)
    assert aftersale.allowed_day(D(2027, 3, 27), D(2027, 3, 9), TUESDAY_TO_SATURDAY) == D(2027, 3, 27)
    # no touch yet: only the store's days matter (Monday 8 March is closed)
    assert aftersale.allowed_day(D(2027, 3, 8), None, TUESDAY_TO_SATURDAY) == D(2027, 3, 9)


@given(DAYS, st.one_of(st.none(), DAYS), st.integers(min_value=0, max_value=60))
def test_an_allowed_day_is_open_and_outside_the_quiet_window(wanted, last_touch_day, quiet_days):
    day = aftersale.allowed_day(wanted, last_touch_day, TUESDAY_TO_SATURDAY, quiet_days)
    assert day >= wanted and TUESDAY_TO_SATURDAY.is_open(day)
    if last_touch_day is not None:
        assert (day - last_touch_day).days >= quiet_days
    # and the first such day: the day before it is not allowed
    before = day - datetime.timedelta(days=1)
    assert before < wanted or not TUESDAY_TO_SATURDAY.is_open(before) or \
        (last_touch_day is not None and (before - last_touch_day).days < quiet_days)


def test_why_not_is_said_in_the_readers_language():
    assert aftersale.refusal_text(aftersale.REFUSE_UNANSWERED, "en_US", "Tom Reyes") == \
        "Tom Reyes has not answered the last 3 touches: nobody contacts them again until they do."
    assert aftersale.refusal_text(aftersale.REFUSE_NO_CONTACT_AFTER_SALE, "fr_FR", "Tom Reyes") == \
        "Tom Reyes a demandé à ne pas être contacté(e) après l'achat."
    assert "Sperrliste" in aftersale.refusal_text(aftersale.REFUSE_BLACKLISTED, "de_DE", "Tom Reyes")


def test_a_chain_pauses_until_a_day_after_today_within_a_year_with_a_reason():
    today = D(2027, 3, 6)
    assert aftersale.pause_refusal(D(2027, 4, 1), today, "on holiday until April") is None
    assert aftersale.pause_refusal(today, today, "today")[0] == "aftersale.pause.not_after_today"
    assert aftersale.pause_refusal(None, today, "no day")[0] == "aftersale.pause.not_after_today"
    code, params = aftersale.pause_refusal(D(2028, 3, 7), today, "too far")
    assert messages.text(code, "fr_FR", **params) == \
        "Pause jusqu'au 2028-03-07 : une relance se met en pause au plus 366 jours à l'avance."
    assert aftersale.pause_refusal(D(2027, 4, 1), today, "  ")[0] == "aftersale.pause.no_reason"


def test_a_paused_chain_goes_on_on_its_day_or_the_next_open_one():
    assert aftersale.resume_day(D(2027, 4, 1), TUESDAY_TO_SATURDAY) == D(2027, 4, 1)
    assert aftersale.resume_day(D(2027, 4, 4), TUESDAY_TO_SATURDAY) == D(2027, 4, 6), "Sunday: Tuesday"


def test_the_store_decides_which_pieces_are_invited_for_care():
    assert aftersale.needs_care("diamond", "platinum")
    assert aftersale.needs_care(None, "gold_white"), "white gold's plating wears"
    assert not aftersale.needs_care(None, "platinum")
    assert not aftersale.needs_care(False, False)
    watches = aftersale.CareRules(stones=(), metals=(), categories=("Watches",))
    assert aftersale.needs_care(None, None, "Watches", watches)
    assert not aftersale.needs_care("diamond", None, "Rings", watches)


def test_a_sale_after_touches_is_credited_once_to_the_latest_touch_within_the_window():
    touches = [
        {"customer": "Tom", "day": D(2027, 3, 1), "kind": "care", "user": "Nora"},
        {"customer": "Tom", "day": D(2027, 3, 20), "kind": "anniversary", "user": "Paul"},
        {"customer": "Ada", "day": D(2027, 1, 5), "kind": "care", "user": "Nora"},
    ]
    sales = [
        {"customer": "Tom", "day": D(2027, 3, 25), "amount": 1200.0},  # the anniversary touch's
        {"customer": "Ada", "day": D(2027, 3, 1), "amount": 800.0},  # 55 days later: nobody's
        {"customer": "Eve", "day": D(2027, 3, 2), "amount": 300.0},  # never touched
    ]
    figures = aftersale.revenue_after_touches(touches, sales)
    assert figures[("anniversary", "Paul")] == {"touches": 1, "sales": 1, "revenue": 1200.0}
    assert figures[("care", "Nora")] == {"touches": 2, "sales": 0, "revenue": 0.0}


@given(st.lists(st.tuples(st.sampled_from("AB"), DAYS), max_size=6),
       st.lists(st.tuples(st.sampled_from("ABC"), DAYS, st.integers(min_value=1, max_value=5000)), max_size=6))
def test_no_sale_is_credited_twice_and_none_before_its_touch(touch_rows, sale_rows):
    touches = [{"customer": customer, "day": day, "kind": "care", "user": customer} for customer, day in touch_rows]
    sales = [{"customer": customer, "day": day, "amount": float(amount)} for customer, day, amount in sale_rows]
    figures = aftersale.revenue_after_touches(touches, sales)
    credited = sum(values["sales"] for values in figures.values())
    eligible = [sale for sale in sales if any(
        touch["customer"] == sale["customer"] and
        touch["day"] <= sale["day"] <= touch["day"] + datetime.timedelta(days=aftersale.REVENUE_WINDOW_DAYS)
        for touch in touches)]
    assert credited == len(eligible)
    assert sum(values["revenue"] for values in figures.values()) == sum(sale["amount"] for sale in eligible)
    assert sum(values["touches"] for values in figures.values()) == len(touches)


class Company(object):
    aftersale_enabled = True
    aftersale_care_months = 3
    aftersale_anniversary_days = 10
    aftersale_quiet_days = 0


def test_the_settings_are_read_off_the_company_and_a_zero_window_is_kept():
    assert aftersale.settings_of(Company()) == aftersale.Settings(True, 3, 10, 0)
    assert aftersale.settings_of(object()) == aftersale.DEFAULT_SETTINGS
    assert aftersale.settings_problem("quiet_days", 0) is None
    assert aftersale.settings_problem("care_months", 0) == (
        "aftersale.settings.out_of_bounds", {"low": 1, "high": 60, "value": 0})


def test_a_won_engagement_ring_plans_three_touches():
    piece = {"occasion": "engagement", "occasion_date": D(2027, 3, 20), "stone_type": "diamond", "metal": "platinum"}
    touches = aftersale.touches_after_win(piece, D(2027, 3, 6), D(2027, 3, 6), TUESDAY_TO_SATURDAY)
    assert [(touch.kind, touch.day) for touch in touches] == [
        ("care", D(2027, 9, 7)), ("anniversary", D(2028, 2, 29)), ("next_piece", D(2027, 5, 5))]
    assert touches[1].params == {"date": D(2028, 3, 20), "years": 1}
    assert touches[2].params == {"suggest": "wedding"}


def test_a_sale_from_long_ago_gets_its_next_round_not_every_round_it_missed():
    piece = {"occasion": "engagement", "occasion_date": None, "stone_type": None, "metal": "silver"}
    touches = aftersale.touches_after_win(piece, D(2025, 1, 15), D(2027, 3, 6), TUESDAY_TO_SATURDAY)
    # care rounds on 15 July 2025, 15 January 2026... the next from today: Thursday 15 July 2027; the wedding bands'
    # day (60 days after the sale) has long passed
    assert [(touch.kind, touch.day) for touch in touches] == [("care", D(2027, 7, 15))]


def test_a_piece_without_care_nor_a_yearly_occasion_plans_nothing():
    piece = {"occasion": "holiday", "occasion_date": D(2027, 12, 24), "stone_type": None, "metal": "gold_yellow"}
    assert aftersale.touches_after_win(piece, D(2027, 3, 6), D(2027, 3, 6), TUESDAY_TO_SATURDAY) == []


def test_the_next_round_follows_the_last_touch():
    piece = {"occasion": "wedding", "occasion_date": D(2026, 6, 12), "stone_type": None, "metal": "silver"}
    care = aftersale.next_round("care", piece, D(2027, 9, 7), D(2027, 9, 7), TUESDAY_TO_SATURDAY)
    assert (care.kind, care.day) == ("care", D(2028, 3, 7))
    # this year's anniversary touch (22 May 2027) was made: next year's
    yearly = aftersale.next_round("anniversary", piece, D(2027, 5, 22), D(2027, 5, 22), TUESDAY_TO_SATURDAY)
    assert (yearly.day, yearly.params) == (D(2028, 5, 23), {"date": D(2028, 6, 12), "years": 2})
    assert aftersale.next_round("next_piece", piece, D(2027, 5, 22), D(2027, 5, 22), TUESDAY_TO_SATURDAY) is None


def test_unanswered_touches_count_only_in_a_row_from_the_latest():
    assert aftersale.unanswered_in_a_row(["no_answer", "no_answer", None, "no_answer"]) == 2
    assert aftersale.unanswered_in_a_row(["appointment", "no_answer"]) == 0
    assert aftersale.unanswered_in_a_row([]) == 0


class _Lead(object):
    """What the pause and the quiet window read of a lead."""

    def __init__(self, lead_id, partner_id=None, email=None, paused_until=None):
        self.id, self.email_from, self.followup_paused_until = lead_id, email, paused_until
        self.partner_id = _Partner(partner_id)


class _Partner(object):
    def __init__(self, partner_id):
        self.id = partner_id

    def __bool__(self):
        return bool(self.id)


def test_a_touch_due_inside_a_pause_waits_for_the_next_open_day_after_it():
    # paused until Sunday 21 March 2027: the store opens again on Tuesday
    lead = _Lead(1, paused_until="2027-03-21")
    assert pausing.due_after_pause(lead, D(2027, 3, 11), TUESDAY_TO_SATURDAY) == D(2027, 3, 23)
    assert pausing.due_after_pause(lead, D(2027, 3, 25), TUESDAY_TO_SATURDAY) == D(2027, 3, 25)
    assert pausing.due_after_pause(_Lead(1), D(2027, 3, 11), TUESDAY_TO_SATURDAY) == D(2027, 3, 11)


def test_a_customer_is_their_lead_their_contact_and_their_e_mail_address():
    assert lead_facts.customer_keys(_Lead(7, partner_id=3, email=" Tom.Reyes@Example.com ")) == [
        ("lead", 7), ("partner", 3), ("email", "tom.reyes@example.com")]
    assert lead_facts.customer_keys(_Lead(8)) == [("lead", 8)]


class _Rule(object):
    def __init__(self, kind, stone_type=False, metal=False, category=False, after_occasion=False,
                 suggest_occasion=False, days_before=0, days_after=0):
        self.kind, self.stone_type, self.metal, self.category = kind, stone_type, metal, category
        self.after_occasion, self.suggest_occasion = after_occasion, suggest_occasion
        self.days_before, self.days_after = days_before, days_after


class _Store(object):
    def __init__(self, *rules):
        self.aftersale_rule_ids = rules


def test_a_stores_own_rules_replace_the_care_rules_and_add_next_pieces():
    assert aftersale.rules_of(object()) == aftersale.DEFAULT_RULES
    rules = aftersale.rules_of(_Store(_Rule("care", metal="gold_yellow"), _Rule("care", category=" Watches "),
                                      _Rule("next_piece", after_occasion="birthday", suggest_occasion="anniversary",
                                            days_after=30)))
    assert rules.care == aftersale.CareRules(stones=(), metals=("gold_yellow",), categories=("watches",))
    assert rules.next_piece[-1] == aftersale.NextPieceRule("birthday", "anniversary", 0, 30)
    assert aftersale.NEXT_PIECE_RULES[0] in rules.next_piece, "the store's rules come after the defaults"
    piece = {"occasion": "birthday", "stone_type": "diamond", "metal": "platinum", "categories": ["watches"]}
    touches = aftersale.touches_after_win(piece, D(2027, 3, 6), D(2027, 3, 6), TUESDAY_TO_SATURDAY,
                                          rules=rules)
    assert [(touch.kind, touch.day) for touch in touches] == [("care", D(2027, 9, 7)), ("next_piece", D(2027, 4, 6))]
    assert not aftersale.needs_care("diamond", "platinum", (), rules.care), "a diamond is no longer enough"


def test_a_rule_that_says_too_little_is_refused():
    assert aftersale.rule_problem("care", False, False, "  ", False, False, {})[0] == \
        "aftersale.rule.care_needs_subject"
    assert aftersale.rule_problem("next_piece", False, False, False, "birthday", False, {})[0] == \
        "aftersale.rule.next_needs_occasions"
    code, params = aftersale.rule_problem("next_piece", False, False, False, "birthday", "wedding",
                                          {"Days After": 1000})
    assert messages.text(code, "en_US", **params) == "Days After must be between 0 and 730, not 1000."
    assert aftersale.rule_problem("care", "ruby", False, False, False, False, {}) is None
