"""Visit ended without a sale, without Odoo: what each next step needs, what it makes, what the lead's history
says, and what the designs e-mail of a surprise may not say."""
import datetime
import re
from types import SimpleNamespace

import pytest
import pytz
from hypothesis import given, strategies as st
from markupsafe import Markup, escape

from jewellery_followup_core import messages, visit
from jewellery_followup_core.messages import Refusal

TODAY = datetime.date(2026, 5, 14)
PARIS = pytz.timezone("Europe/Paris")
# The designs e-mail of a surprise as the store's template writes it (see mail_template_data.xml).
SURPRISE_BODY = (
    "<div><p>Dear Tom Reyes,</p><p>Thank you for coming in today. As promised, I have attached the designs we did "
    "not have in stock at the counter, chosen around what you liked: 1.20 ct round F VS1 diamond, excellent cut, in "
    "platinum.</p><p>If one of them catches your eye, simply reply to this e-mail or call me and I will have it "
    "ready for a private showing at a time that suits you.</p><p>Professionally,<br/>Nadia Brooks<br/>Bond Street "
    "Jewellers</p></div>")
SUBJECT = "Bond Street Jewellers: the designs we did not have in stock today"
ALLOWED = ["Tom Reyes", "Nadia Brooks", "Bond Street Jewellers"]


def lead(**values):
    partner = SimpleNamespace(email=values.pop("partner_email", False), name=values.pop("partner_name", False))
    fields = dict(name="Engagement ring for Clara", contact_name="Tom Reyes", email_from="tom.reyes@example.com",
                  partner_id=partner, is_surprise=False, recipient_name=False, occasion=False, occasion_date=False,
                  piece_description=False, phone=False, mobile=False)
    fields.update(values)
    return SimpleNamespace(**fields)


def surprise(**values):
    return lead(**dict(dict(is_surprise=True, recipient_name="Clara", occasion="engagement",
                            occasion_date="2026-06-13"), **values))


def refused(check, *args):
    with pytest.raises(Refusal) as refusal:
        check(*args)
    return refusal.value


# ------------------------------------------------------------------------------------------ the next step

@pytest.mark.parametrize("step", ["chain", "designs", "care", "service"])
def test_each_next_step_may_close_the_visit(step):
    visit.check_next_step(step)


@pytest.mark.parametrize("step", [None, False, "", "goodbye"])
def test_a_visit_never_ends_without_a_next_step(step):
    refusal = refused(visit.check_next_step, step)
    assert refusal.code == "visit.no_next_step"
    assert str(refusal) == ("Choose a next step before closing the visit: start the follow-up, e-mail the designs, "
                            "book a care appointment or invite the customer back for a service.")


def test_the_next_steps_are_the_vocabularys():
    assert visit.NEXT_STEPS == ["chain", "designs", "care", "service"]


# ------------------------------------------------------------------------------------------ designs e-mail

def test_the_designs_go_to_the_leads_address_else_its_customers():
    assert visit.lead_email(lead(email_from=" tom@example.com ")) == "tom@example.com"
    assert visit.lead_email(lead(email_from=False, partner_email="marc@example.com")) == "marc@example.com"
    assert visit.lead_email(lead(email_from=False)) == ""


@pytest.mark.parametrize("text, valid", [
    ("tom.reyes@example.com", True), ("Tom <tom@example.com>", True), ("tom at example dot com", False),
    ("", False), ("@example.com", False), ("tom@", False)])
def test_what_counts_as_an_email_address(text, valid):
    assert visit.is_email(text) is valid


def test_the_designs_need_an_address_a_valid_one_a_file_and_a_template_in_that_order():
    nobody = lead(name="No address", email_from=False)
    assert str(refused(visit.check_designs, nobody, "", True, True, False, "ok")) == (
        'Lead "No address" has no e-mail address: add one to the lead (or to its customer) before e-mailing designs.')
    assert str(refused(visit.check_designs, lead(name="Typo"), "tom at example", True, True, False, "ok")) == (
        '"tom at example" on lead "Typo" is not a valid e-mail address.')
    assert str(refused(visit.check_designs, lead(), "tom@example.com", False, True, False, "ok")) == (
        "Attach at least one design to e-mail.")
    assert str(refused(visit.check_designs, lead(), "tom@example.com", True, False, False, "ok")) == (
        "Choose the e-mail template to send.")
    visit.check_designs(lead(), "tom@example.com", True, True, False, "ok")


def test_a_surprise_waits_for_the_salespersons_confirmation_in_their_language():
    confirm = "This is the customer's own address, not a shared one"
    refusal = refused(visit.check_designs, surprise(), "tom@example.com", True, True, False, confirm)
    assert str(refusal) == ('"Engagement ring for Clara" is a surprise: the designs must not reach Clara. Make sure '
                            'tom@example.com is read only by the customer, then tick "%s" and send again.' % confirm)
    nameless = refused(visit.check_designs, surprise(recipient_name=False), "tom@example.com", True, True, False, "x")
    assert "must not reach the person the piece is for." in str(nameless)
    assert "la personne à qui le bijou est destiné" in nameless.text("fr_FR")
    assert "die beschenkte Person" in nameless.text("de_DE")
    visit.check_designs(surprise(), "tom@example.com", True, True, True, confirm)


def test_the_designs_line_says_where_what_and_who_confirmed_a_surprise():
    assert visit.designs_done("en_US", "tom@example.com", ["halo.png", "three-stone.pdf"]) == (
        "designs e-mailed to tom@example.com (halo.png, three-stone.pdf)")
    assert visit.designs_done("en_US", "tom@example.com", ["halo.png"], "Nadia Brooks") == (
        "designs e-mailed to tom@example.com (halo.png); a surprise: Nadia Brooks confirmed it is the customer's own "
        "address, not a shared one")


# ------------------------------------------------------------------------ what a surprise's e-mail may not say

def test_the_templates_surprise_email_says_nothing_it_may_not():
    secrets = visit.surprise_secrets(surprise(piece_description="The halo ring she tried on."), ["%m/%d/%Y"])
    assert [code for code, _ways in secrets] == [
        "visit.the_recipient", "visit.secret_occasion", "visit.secret_date", "visit.secret_piece",
        "visit.secret_surprise"]
    assert visit.surprise_leaks(secrets, [SUBJECT, SURPRISE_BODY], ALLOWED) == []
    visit.check_surprise_email(surprise(), SUBJECT, SURPRISE_BODY, ALLOWED, ["%m/%d/%Y"], "Designs")


@pytest.mark.parametrize("said, code", [
    ("with Clara in mind", "visit.the_recipient"),
    ("with the ENGAGEMENT in mind", "visit.secret_occasion"),
    ("pour les fiançailles", "visit.secret_occasion"),
    ("zur Verlobung", "visit.secret_occasion"),
    ("well before 06/13/2026", "visit.secret_date"),
    ("well before 2026-06-13", "visit.secret_date"),
    ("the piece you looked at: The halo ring she  tried on", "visit.secret_piece"),
    ("keep the surprise", "visit.secret_surprise"),
    ("eine kleine Überraschung", "visit.secret_surprise"),
])
def test_each_secret_is_caught_in_any_language_and_case(said, code):
    body = SURPRISE_BODY.replace("Thank you for coming in today.", "Thank you for coming in today %s." % said)
    secrets = visit.surprise_secrets(surprise(piece_description="The halo ring she tried on."), ["%m/%d/%Y"])
    assert visit.surprise_leaks(secrets, [SUBJECT, body], ALLOWED) == [code]


def test_a_leaking_email_is_refused_and_says_what_it_mentions():
    body = SURPRISE_BODY.replace("today.", "today with Clara's engagement in mind.")
    refusal = refused(visit.check_surprise_email, surprise(), SUBJECT, body, ALLOWED, [], "Designs not in stock")
    assert refusal.code == "visit.surprise_leak"
    assert str(refusal) == ('"Engagement ring for Clara" is a surprise, but the designs e-mail mentions the person '
                            'the piece is for, the occasion. Nothing was sent: ask a sales manager to check the '
                            'e-mail template "Designs not in stock".')
    assert "la personne à qui le bijou est destiné, l'occasion" in refusal.text("fr_FR")
    # an ordinary lead's e-mail may say all of it
    visit.check_surprise_email(lead(recipient_name="Clara", occasion="engagement"), SUBJECT, body, ALLOWED)


def test_names_the_email_may_say_are_not_mistaken_for_secrets():
    # the recipient shares her name with the store, and a word of the customer's name
    secrets = visit.surprise_secrets(surprise(recipient_name="Reyes"))
    assert visit.surprise_leaks(secrets, [SUBJECT, SURPRISE_BODY], ALLOWED) == []
    # a word inside another word is not the word
    secrets = visit.surprise_secrets(surprise(recipient_name="Nad"))
    assert visit.surprise_leaks(secrets, ["Nadine"], []) == []


def test_open_occasions_are_no_secret():
    for occasion in visit.OPEN_OCCASIONS:
        codes = [code for code, _ways in visit.surprise_secrets(surprise(occasion=occasion))]
        assert "visit.secret_occasion" not in codes


@given(st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=2, max_size=20))
def test_a_recipients_name_is_caught_however_the_html_escapes_it(name):
    body = str(Markup("<p>Thank you for coming in with %s in mind.</p>") % name)
    secrets = visit.surprise_secrets(surprise(recipient_name=name, occasion=False, occasion_date=False))
    assert "visit.the_recipient" in visit.surprise_leaks(secrets, [body])


@given(st.text(max_size=60))
def test_the_plain_words_of_escaped_html_are_the_text(text):
    assert visit.plain_words(str(escape(text))) == " ".join(text.split()) or "<" in text or ">" in text


# ------------------------------------------------------------------------------------- care appointment

@given(st.integers(min_value=visit.CARE_WEEKS_MIN, max_value=visit.CARE_WEEKS_MAX),
       st.floats(min_value=0, max_value=23.99), st.floats(min_value=0.25, max_value=8))
def test_a_care_appointment_in_range_is_accepted_and_falls_weeks_out(weeks, hour, duration):
    visit.check_care(weeks, hour, duration)
    day = visit.care_date(TODAY, weeks)
    assert (day - TODAY).days == 7 * weeks and day.weekday() == TODAY.weekday()


@pytest.mark.parametrize("weeks", [0, -1, 53, 1000, None])
def test_a_care_appointment_out_of_range_is_refused(weeks):
    assert str(refused(visit.check_care, weeks, 10.0, 1.0)) == (
        "Book the care appointment between 1 and 52 weeks from today (got %s)." % weeks)
    assert visit.care_date(TODAY, weeks) is None


def test_the_appointment_is_within_the_day_and_lasts():
    assert str(refused(visit.check_care, 4, 24.0, 1.0)) == (
        "The appointment time must be within the day (00:00 to 23:59).")
    assert str(refused(visit.check_care, 4, -0.5, 1.0)).startswith("The appointment time")
    assert str(refused(visit.check_care, 4, 10.0, 0)) == "The appointment needs a duration."


def test_the_care_event_is_at_the_local_hour_in_utc_and_says_what_to_prepare():
    event = visit.care_event("en_US", "Tom Reyes", datetime.date(2026, 7, 1), 10.5, 1.5, PARIS,
                             "pearl necklace to restring", "coffee: hazelnut latte", "+1 555 0100")
    assert event == {
        "name": "Complimentary care appointment: Tom Reyes",
        "start": "2026-07-01 08:30:00",  # Paris is UTC+2 in summer
        "stop": "2026-07-01 10:00:00",
        "duration": 1.5,
        "allday": False,
        "description": "Complimentary care and cleaning offered when the visit ended without a sale.\n"
                       "Piece: pearl necklace to restring\nWelcome: coffee: hazelnut latte\nPhone: +1 555 0100",
    }
    winter = visit.care_event("fr_FR", "Tom", datetime.date(2026, 1, 7), 10.0, 1.0, PARIS)
    assert (winter["start"], winter["name"]) == ("2026-01-07 09:00:00", "Rendez-vous d'entretien offert : Tom")
    assert winter["description"].count("\n") == 0


def test_the_care_line_gives_the_day_and_the_event():
    assert visit.care_done("en_US", "2026-06-25", 6, "Complimentary care appointment: Tom") == (
        "complimentary care appointment booked on 2026-06-25 (6 weeks from today): Complimentary care appointment: "
        "Tom")


def test_the_event_and_the_invitation_name_the_contact_else_the_customer_else_the_lead():
    assert visit.customer_name(lead()) == "Tom Reyes"
    assert visit.customer_name(lead(contact_name=False, partner_name="Marc Olsen")) == "Marc Olsen"
    assert visit.customer_name(lead(contact_name=False, name="Walk-in")) == "Walk-in"
    assert visit.phone(lead(phone="1", mobile="2")) == "2"
    assert visit.phone(SimpleNamespace(phone="1")) == "1"  # Odoo 19 has no mobile on a lead


# ------------------------------------------------------------------------------------- service invitation

def test_the_invitation_goes_out_today_or_later():
    visit.check_service(TODAY, TODAY)
    assert str(refused(visit.check_service, TODAY - datetime.timedelta(days=1), TODAY)) == (
        "The invitation date 2026-05-13 is in the past: choose today or a later day.")
    assert str(refused(visit.check_service, None, TODAY)) == "Choose the day to send the service invitation."
    assert visit.service_date(TODAY) == datetime.date(2026, 5, 28)


def test_the_invitation_activity_and_its_line():
    service = visit.service_name("en_US", False)
    assert service == "a free cleaning and check"
    assert visit.service_name("fr_FR", None) == "un nettoyage et une vérification offerts"
    activity = visit.service_activity("en_US", "<b>Tom</b>", "a free ultrasonic cleaning")
    assert activity["summary"] == "Invite <b>Tom</b> back for a free ultrasonic cleaning"
    assert isinstance(activity["note"], Markup)
    assert activity["note"] == ("<p>Send &lt;b&gt;Tom&lt;/b&gt; an invitation to come back for a free ultrasonic "
                                "cleaning; offer a day and a time.</p>")
    assert visit.service_done("en_US", "Nadia Brooks", service, datetime.date(2026, 5, 24)) == (
        "Nadia Brooks will invite the customer back for a free cleaning and check on 2026-05-24")


# ---------------------------------------------------------------------------------- chain and history

def test_the_chain_line_names_the_chain_and_the_first_touch():
    assert visit.chain_done("en_US", "Second chance", datetime.date(2026, 5, 15)) == (
        "second-chance follow-up started (Second chance), next touch due 2026-05-15")
    assert visit.chain_done("en_US", False, False) == "second-chance follow-up started (default chain)"
    assert visit.chain_done("fr_FR", False, "2026-05-15") == messages.translate(
        "%(done)s, next touch due %(date)s", "fr_FR") % {
            "done": messages.translate("second-chance follow-up started (%(chain)s)", "fr_FR") % {
                "chain": messages.translate("default chain", "fr_FR")},
            "date": "2026-05-15"}


def test_the_history_keeps_the_visit_the_step_and_the_note_as_text():
    body = visit.history("en_US", 'designs e-mailed to a@b.c (<img src=x onerror="alert(2)">.png)',
                         'Said <script>alert(3)</script> & "maybe"')
    assert isinstance(body, Markup)
    assert body == (
        "<p><strong>Visit ended without a sale.</strong> Next step: designs e-mailed to a@b.c (&lt;img src=x "
        "onerror=&#34;alert(2)&#34;&gt;.png).</p><p>Counter note: Said &lt;script&gt;alert(3)&lt;/script&gt; &amp; "
        "&#34;maybe&#34;</p>")
    assert visit.history("en_US", "x").count("<p>") == 1
    french = visit.history("fr_FR", "x", "y")
    assert "Visite terminée sans vente." in french and "Note du comptoir : y" in french


# ----------------------------------------------------------------------------------- the outcome wizard

def test_the_showing_time_goes_only_with_a_booked_appointment_as_odoos_utc_text():
    moment = datetime.datetime(2026, 5, 20, 14, 30)
    assert visit.showing_start("appointment", moment) == "2026-05-20 14:30:00"
    assert visit.showing_start("appointment", "2026-05-20 14:30:00") == "2026-05-20 14:30:00"
    assert visit.showing_start("appointment", False) is False
    assert visit.showing_start("no_answer", moment) is False


# -------------------------------------------------------------------------------------- the catalogues

def test_every_visit_text_is_translated_and_keeps_its_placeholders():
    codes = [code for code, area in messages.AREAS.items() if area == "visit"]
    assert len(codes) > 30
    for code in codes:
        english = messages.TEXTS[code]
        for lang in ("fr_FR", "es_ES", "de_DE"):
            translated = messages.translate(english, lang)
            assert translated != english or english == "surprise" and lang == "fr_FR", (code, lang)
            assert sorted(re.findall(r"%\(\w+\)s", translated)) == sorted(re.findall(r"%\(\w+\)s", english)), \
                (code, lang)


# ------------------------------------------------------------------ the wizard's glue, driven without Odoo

class Records(list):
    """Just enough of a recordset for the glue."""

    def filtered(self, keep):
        return Records(record for record in self if keep(record))

    def sorted(self, key):
        return Records(sorted(self, key=lambda record: getattr(record, key)))

    def mapped(self, name):
        return [getattr(record, name) for record in self]

    @property
    def ids(self):
        return [record.id for record in self]

    def __or__(self, other):
        return Records(list(self) + [record for record in other if record not in self])

    def __getattr__(self, name):
        return getattr(self[0], name) if self else False


class Store(object):
    def __init__(self):
        self.posts = []

    @staticmethod
    def lang():
        return "en_US"

    @staticmethod
    def refuse_on(check, *args):
        return check(*args)

    def post(self, record, body):
        self.posts.append((record, body))


class Model(object):
    def __init__(self, made):
        self.made = made

    def create(self, values):
        self.made.append(values)
        return SimpleNamespace(id=len(self.made), **values)


class Env(object):
    def __init__(self, user, made):
        self.context, self.user, self.made = {}, user, made

    def __getitem__(self, name):
        return Model(self.made)

    @staticmethod
    def ref(xmlid):
        return SimpleNamespace(id=9)


class Wizard(visit.VisitCloseMethods):
    """The wizard's fields as plain values, on a lead of Nadia's (Paris), with Odoo's ORM played by lists."""

    def __init__(self, **values):
        self.made, self.store = [], Store()
        partner = SimpleNamespace(id=3, email=False, name="Tom Reyes")
        user = SimpleNamespace(id=2, name="Nadia Brooks", tz="Europe/Paris",
                               partner_id=Records([SimpleNamespace(id=4)]))
        self.lead_id = lead(id=1, user_id=user, partner_id=Records([partner]), hospitality_note=False)
        self.env = Env(user, self.made)
        self.__dict__.update(dict(next_step=False, note=False, care_weeks=4, care_hour=10.0, care_duration=1.0,
                                  care_item=False, service_name=False, service_date=False), **values)
        self.care_date = visit.care_date(TODAY, self.care_weeks)

    def ensure_one(self):
        return self

    def _visit_store(self):
        return self.store

    def _visit_today(self):
        return TODAY

    def _lead_model(self):
        return SimpleNamespace(id=7)


def drive(wizard):
    return wizard.action_confirm()


def test_confirming_without_a_next_step_makes_nothing_and_logs_nothing():
    wizard = Wizard()
    with pytest.raises(Refusal):
        drive(wizard)
    assert (wizard.made, wizard.store.posts) == ([], [])


def test_the_care_step_books_the_event_and_logs_it():
    wizard = Wizard(next_step="care", care_weeks=6, care_item="pearl necklace", note="Loved the halo")
    assert drive(wizard) == {"type": "ir.actions.act_window_close"}
    event, = wizard.made
    assert (event["start"], event["user_id"], event["partner_ids"], event["res_id"]) == (
        "2026-06-25 08:00:00", 2, [(6, 0, [4, 3])], 1)
    (_lead, body), = wizard.store.posts
    assert "Next step: complimentary care appointment booked on 2026-06-25 (6 weeks from today): " \
           "Complimentary care appointment: Tom Reyes." in body
    assert "Counter note: Loved the halo" in body


def test_the_service_step_puts_the_invitation_on_the_salespersons_list():
    wizard = Wizard(next_step="service", service_date="2026-05-24", service_name="a free ultrasonic cleaning")
    drive(wizard)
    activity, = wizard.made
    assert (activity["summary"], activity["date_deadline"], activity["user_id"], activity["activity_type_id"]) == (
        "Invite Tom Reyes back for a free ultrasonic cleaning", "2026-05-24", 2, 9)
    past = Wizard(next_step="service", service_date="2026-05-13")
    with pytest.raises(Refusal, match="is in the past"):
        drive(past)
    assert past.made == []
