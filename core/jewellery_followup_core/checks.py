# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Checks of what users and scripts hand in, before anything is written."""
import datetime

from . import clock, course, messages, vocabulary, wording
from .messages import Refusal


def parse_utc_datetime(value):
    """``YYYY-MM-DD HH:MM:SS`` exactly (Odoo's form for datetimes in UTC), or None."""
    if not isinstance(value, str) or len(value) != 19:
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def is_storable_text(value):
    """Text PostgreSQL can store: a str, without NUL characters or unpaired surrogates."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_outcome(outcome, note, appointment_start):
    """Refuses an outcome the follow-up does not know, a note that is not plain text, or an appointment time that
    is malformed, past, too far ahead or given with another outcome. Returns the appointment's UTC start."""
    if not isinstance(outcome, str) or outcome not in course.OUTCOMES:
        raise Refusal("outcome.unknown", outcome=str(outcome)[:80], allowed=vocabulary.Choices("outcome"))
    if note is not False and note is not None and not is_storable_text(note):
        raise Refusal("outcome.note_not_text")
    if not appointment_start:
        return None
    if outcome != "appointment":
        raise Refusal("outcome.time_without_appointment")
    start = parse_utc_datetime(appointment_start)
    if not start:
        raise Refusal("outcome.time_malformed", value=str(appointment_start)[:40])
    now = clock.utc_now()
    if start < now - datetime.timedelta(hours=1):
        raise Refusal("outcome.time_past", value=appointment_start)
    if start > now + datetime.timedelta(days=course.APPOINTMENT_HORIZON_DAYS):
        raise Refusal("outcome.time_too_far", value=appointment_start, days=course.APPOINTMENT_HORIZON_DAYS)
    return start


messages.register("checks", {
    "lead.carat_negative": "Carat must be a positive weight (got %(carat)s) on lead \"%(lead)s\".",
    "lead.budget_negative": "Budget From and Budget Up To cannot be negative on lead \"%(lead)s\".",
    "lead.budget_order": "Budget From (%(min)s) is above Budget Up To (%(max)s) on lead \"%(lead)s\".",
    "lead.not_running": "\"%(lead)s\" has no follow-up running.",
    "lead.protected": "%(fields)s change only through the follow-up (Start follow-up, Stop follow-up, recording an "
                      "outcome).",
    "attempt.by_engine_only": "Follow-up attempts are made by the follow-up itself: use Start follow-up on the "
                              "lead.",
    "attempt.protected": "%(fields)s of a follow-up attempt change only through the follow-up (record the outcome, "
                         "stop or restart it); you can write the note and the gift.",
    "attempt.open_not_deleted": "An open follow-up touch cannot be deleted: stop the follow-up on the lead "
                                "instead. The contacts made still count towards the limit of three.",
    "attempt.closed": "This follow-up touch is already closed.",
    "activity.stays_on_lead": "A follow-up activity stays on its lead: stop the follow-up instead.",
})


def check_jewellery(lead):
    """A lead's stone and budget make sense: no negative carat or budget, the lower budget below the upper one."""
    if lead.stone_carat < 0:
        raise Refusal("lead.carat_negative", messages.VALIDATION, carat=lead.stone_carat, lead=lead.name)
    if lead.budget_min < 0 or lead.budget_max < 0:
        raise Refusal("lead.budget_negative", messages.VALIDATION, lead=lead.name)
    if lead.budget_max and lead.budget_min > lead.budget_max:
        raise Refusal("lead.budget_order", messages.VALIDATION, min=lead.budget_min, max=lead.budget_max,
                      lead=lead.name)


messages.register("checks", {
    "chain.too_many_steps": "Chain \"%(chain)s\" has %(count)s steps: a customer is never contacted more than "
                            "%(max)s times.",
    "chain.choose_person": "Chain \"%(chain)s\": choose the person who makes the touches.",
    "chain.choose_team": "Chain \"%(chain)s\": choose the sales team that makes the touches.",
    "step.unknown_placeholders": "Step \"%(step)s\" uses unknown placeholders: %(names)s.",
    "activity_type.triggers_next": "Activity type \"%(type)s\" is used by the jewellery follow-up, whose chain "
                                   "schedules the next touch itself: it cannot trigger a next activity.",
    "activity_plan.followup_type": "Activity type \"%(type)s\" belongs to the jewellery follow-up, whose chain "
                                   "schedules its touches itself: an activity plan cannot use it.",
})


def check_activity_type(activity_type, used_by_a_step):
    """Odoo 13 and later chain activities: a type the follow-up's steps use never triggers a next one (the chain
    schedules the next touch, within the limit; a triggered activity on top would be an unseen extra contact)."""
    if activity_type.chaining_type == "trigger" and used_by_a_step:
        raise Refusal("activity_type.triggers_next", messages.VALIDATION, type=activity_type.name)


def check_plan_template(activity_type, used_by_a_step):
    """An activity plan (Odoo 17 and later) schedules several activities at once: never a follow-up touch, which
    only the chain makes (it counts towards the limit and carries an attempt)."""
    if used_by_a_step:
        raise Refusal("activity_plan.followup_type", messages.VALIDATION, type=activity_type.name)


def check_chain(chain):
    """A chain never has more steps than the limit, and names who makes its touches when its policy needs one."""
    if len(chain.step_ids) > course.MAX_CONTACTS:
        raise Refusal("chain.too_many_steps", messages.VALIDATION, chain=chain.name, count=len(chain.step_ids),
                      max=course.MAX_CONTACTS)
    if chain.assign_policy == "user" and not chain.assign_user_id:
        raise Refusal("chain.choose_person", messages.VALIDATION, chain=chain.name)
    if chain.assign_policy == "team" and not chain.assign_team_id:
        raise Refusal("chain.choose_team", messages.VALIDATION, chain=chain.name)


def check_step(step):
    """A step's script uses only the placeholders the wording knows."""
    unknown = wording.unknown_placeholders(step.script)
    if unknown:
        raise Refusal("step.unknown_placeholders", messages.VALIDATION, step=step.summary,
                      names=", ".join("{%s}" % name for name in unknown))
