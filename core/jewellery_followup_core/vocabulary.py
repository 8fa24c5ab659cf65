# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The follow-up's words for things, once: every selection of every version's fields, with its English labels.

The addons declare their fields with these lists (Odoo exports and translates the labels of its screens as it
always does); ``label`` gives a label in any language from the core's catalogues, for the wording a customer
reads and the messages a user reads.
"""
from . import messages

OCCASIONS = [
    ("engagement", "Engagement"),
    ("wedding", "Wedding"),
    ("anniversary", "Anniversary"),
    ("birthday", "Birthday"),
    ("holiday", "Holiday"),
    ("self_purchase", "Self-purchase"),
    ("other", "Other"),
]
STONE_TYPES = [
    ("diamond", "Diamond"),
    ("sapphire", "Sapphire"),
    ("ruby", "Ruby"),
    ("emerald", "Emerald"),
    ("pearl", "Pearl"),
    ("other", "Other"),
]
STONE_SHAPES = [
    ("round", "Round"),
    ("princess", "Princess"),
    ("cushion", "Cushion"),
    ("oval", "Oval"),
    ("emerald", "Emerald"),
    ("pear", "Pear"),
    ("marquise", "Marquise"),
    ("radiant", "Radiant"),
    ("asscher", "Asscher"),
    ("heart", "Heart"),
]
# GIA colour grades run from D (colourless) to Z (light yellow); grades are the same in every language.
STONE_COLORS = [(grade, grade) for grade in "DEFGHIJKLMNOPQRSTUVWXYZ"]
STONE_CLARITIES = [(grade, grade) for grade in ("FL", "IF", "VVS1", "VVS2", "VS1", "VS2",
                                                "SI1", "SI2", "I1", "I2", "I3")]
STONE_CUTS = [
    ("excellent", "Excellent"),
    ("very_good", "Very Good"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
METALS = [
    ("platinum", "Platinum"),
    ("gold_yellow", "Yellow Gold"),
    ("gold_white", "White Gold"),
    ("gold_rose", "Rose Gold"),
    ("silver", "Silver"),
    ("palladium", "Palladium"),
]
FOLLOWUP_STATES = [
    ("none", "Not started"),
    ("running", "Running"),
    ("appointment", "Appointment booked"),
    ("won", "Won"),
    ("declined", "Declined"),
    ("exhausted", "No response"),
    ("stopped", "Stopped"),
    ("opted_out", "Opted out"),
]
DELIVERIES = [
    ("home", "Home address"),
    ("work", "Work address"),
    ("store", "Pick-up in store"),
]
STEP_KINDS = [
    ("call", "Call"),
    ("note", "Handwritten note"),
    ("gift", "Gift"),
]
ATTEMPT_STATES = [
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OUTCOMES = [
    ("no_answer", "No answer"),
    ("appointment", "Appointment booked"),
    ("declined", "Declined"),
    ("came_back", "Came back to the store"),
    ("purchased", "Purchased"),
]
# The board's columns, in this order: when an open touch is due, in its store's days.
DUE_BUCKETS = [
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("this_week", "This week"),
    ("later", "Later"),
]
ASSIGN_POLICIES = [
    ("salesperson", "Each lead's salesperson"),
    ("user", "A named person"),
    ("team", "A sales team"),
]
START_ASSIGN_MODES = [("chain", "As the chain says")] + ASSIGN_POLICIES
REBALANCE_MODES = [
    ("user", "One person"),
    ("team", "Spread over a sales team"),
]
VISIT_NEXT_STEPS = [
    ("chain", "Start the second-chance follow-up"),
    ("designs", "E-mail the designs we did not have in stock"),
    ("care", "Book a complimentary care appointment"),
    ("service", "Invite them back for a service"),
]
RESULTS = [
    ("appointment", "Appointment booked"),
    ("came_back", "Came back to the store"),
    ("purchased", "Purchased"),
    ("declined", "Declined"),
    ("exhausted", "No response"),
    ("running", "Running"),
    ("stopped", "Stopped"),
]
# The touches of the relationship after the sale, and their course: planned when the lead is won, scheduled on
# the salesperson's list on its day, then done or cancelled.
TOUCH_KINDS = [
    ("care", "Care visit"),
    ("anniversary", "Anniversary"),
    ("next_piece", "Next piece"),
]
TOUCH_STATES = [
    ("planned", "Planned"),
    ("scheduled", "Scheduled"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# What a store's own after-sale rule is about: the pieces invited for care, or a next piece to suggest.
AFTERSALE_RULE_KINDS = [
    ("care", "Care visits for"),
    ("next_piece", "Next piece after"),
]
# A piece on the customer's wish list: shown on a lead still open, or on one that ended without the sale.
WISH_STATES = [
    ("open", "Still open"),
    ("lost", "Not bought"),
]
RESPONSE_STEPS = [("1", "1. Call"), ("2", "2. Note"), ("3", "3. Gift")]
MONTHS = [("%02d" % number, name) for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)]

# The selection behind each field name the core words with.
BY_FIELD = {
    "occasion": OCCASIONS,
    "stone_type": STONE_TYPES,
    "stone_shape": STONE_SHAPES,
    "stone_color": STONE_COLORS,
    "stone_clarity": STONE_CLARITIES,
    "stone_cut": STONE_CUTS,
    "metal": METALS,
    "followup_state": FOLLOWUP_STATES,
    "followup_delivery": DELIVERIES,
    "kind": STEP_KINDS,
    "attempt_state": ATTEMPT_STATES,
    "outcome": OUTCOMES,
    "due_bucket": DUE_BUCKETS,
    "result": RESULTS,
    "response_step": RESPONSE_STEPS,
    "next_step": VISIT_NEXT_STEPS,
    "month": MONTHS,
    "touch_kind": TOUCH_KINDS,
    "touch_state": TOUCH_STATES,
    "wish_state": WISH_STATES,
    "aftersale_rule_kind": AFTERSALE_RULE_KINDS,
}
# Codes that stay codes in every language (grades, numbers).
_UNTRANSLATED = {"stone_color", "stone_clarity"}


def keys(field):
    return [key for key, _label in BY_FIELD[field]]


def label(field, value, lang):
    """The label of ``value`` of the selection ``field``, in ``lang``; "" for an empty value."""
    if not value:
        return ""
    english = dict(BY_FIELD[field])[value]
    return english if field in _UNTRANSLATED else messages.translate(english, lang)


def all_labels():
    """Every label the catalogues translate."""
    seen = []
    for field, selection in BY_FIELD.items():
        if field in _UNTRANSLATED:
            continue
        for _key, english in selection:
            if english not in seen:
                seen.append(english)
    return seen


class Term(object):
    """A selection value inside a message: it is worded in the reader's language when the message is."""

    def __init__(self, field, value):
        self.field, self.value = field, value

    def text(self, lang):
        return label(self.field, self.value, lang)


class Choices(object):
    """The allowed values of a selection inside a message: "No answer (no_answer), ..." in the reader's language."""

    def __init__(self, field, values=None):
        self.field, self.values = field, values

    def text(self, lang):
        return ", ".join("%s (%s)" % (label(self.field, key, lang), key)
                         for key in (self.values or keys(self.field)))
