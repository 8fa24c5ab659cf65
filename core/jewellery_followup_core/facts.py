# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the core reads of a record: plain values, taken from the attributes of the record an addon hands in.

The core never calls the ORM; it reads fields the way every Odoo version lets Python read them (``lead.name``,
``lead.user_id.tz``), and turns each version's values into the same plain ones (Odoo 11 gives dates as text).
Anything with these attributes will do, so the core's own tests hand in simple objects.
"""
from . import clock


def day(value):
    return clock.as_date(value)


def store_tz(lead, company):
    """The store's time: the lead's salesperson's time zone, else its company's, else UTC."""
    return clock.store_tz(lead.user_id.tz, company.partner_id.tz)


def calendar(company, tz):
    """The store's open weekdays and closing days, from its company's working calendar."""
    hours = company.resource_calendar_id
    ranges = [(clock.as_datetime(leave.date_from), clock.as_datetime(leave.date_to))
              for leave in hours.global_leave_ids]
    return clock.StoreCalendar({int(attendance.dayofweek) for attendance in hours.attendance_ids},
                               clock.closed_days_between(ranges, tz, clock.store_today(tz)))


def reachable(lead):
    """A phone, an e-mail or an address: some way to reach the customer, on the lead or its partner."""
    partner = lead.partner_id
    return bool(getattr(lead, "phone", None) or getattr(lead, "mobile", None) or lead.email_from or lead.street
                or partner.phone or getattr(partner, "mobile", None) or partner.email or partner.street)


def customer_email(lead):
    """The lead's e-mail address as the contact rules compare it (``sql.SAME_CUSTOMER``), or None."""
    return (lead.email_from or "").strip().lower() or None


def customer_keys(lead):
    """What identifies a lead's customer for the quiet window (``sql.SAME_CUSTOMER``): the lead itself, its contact
    and its e-mail address, when it has them."""
    keys = [("lead", lead.id)]
    if lead.partner_id:
        keys.append(("partner", lead.partner_id.id))
    if customer_email(lead):
        keys.append(("email", customer_email(lead)))
    return keys


def latest_touch_day(lead, known, made_now):
    """The latest of ``known`` (a day, or None) and the days this run touched the lead's customer (``made_now``:
    {customer key: day}, filled by ``touched_now``), or None: a touch a run makes counts before it is written."""
    days = [known] + [made_now.get(key) for key in customer_keys(lead)]
    return max([day for day in days if day], default=None)


def touched_now(lead, day, made_now):
    """This run touches the lead's customer on ``day`` (``latest_touch_day`` counts it)."""
    made_now.update(dict.fromkeys(customer_keys(lead), day))


def customer_name(lead):
    return lead.contact_name or lead.partner_id.name or lead.partner_name or ""


def wording(lead, company):
    """The lead's fields a touch's words use (``wording.values``)."""
    return {
        "contact_name": lead.contact_name,
        "partner_name": lead.partner_id.name,
        "recipient_name": lead.recipient_name,
        "occasion": lead.occasion,
        "stone_type": lead.stone_type,
        "stone_shape": lead.stone_shape,
        "stone_carat": lead.stone_carat,
        "stone_color": lead.stone_color,
        "stone_clarity": lead.stone_clarity,
        "stone_cut": lead.stone_cut,
        "piece_description": lead.piece_description,
        "metal": lead.metal,
        "salesperson": lead.user_id.name,
        "company": company.name,
        "hospitality_note": lead.hospitality_note,
    }


def home_lines(lead):
    """The lead's own postal address, or its customer's when the lead has none."""
    place = lead
    if lead.partner_id and not (lead.street or lead.street2 or lead.zip or lead.city or lead.country_id):
        place = lead.partner_id
    city = " ".join(part for part in (place.zip, place.city, place.state_id.name) if part)
    return [line for line in (place.street, place.street2, city, place.country_id.name) if line]


def delivery(lead, company):
    """The lead's fields the delivery of its card and gift depends on (``delivery.decide``)."""
    return {
        "customer": customer_name(lead),
        "is_surprise": lead.is_surprise,
        "choice": lead.followup_delivery,
        "work_address": lead.followup_delivery_address,
        "home_lines": home_lines(lead),
        "store": company.name,
    }
