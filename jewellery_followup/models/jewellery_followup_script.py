# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Turns a step's script into the words for one lead.

Placeholders are plain ``{name}`` tokens, replaced by a regular expression rather than ``str.format``, so a
script typed by a manager can never reach attributes of Python objects. Every placeholder has a graceful
fallback: an empty field never shows up as "False" or a blank in a card the customer reads.
"""
import re

from odoo import _

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Anything in braces, to tell a manager about "{customer.name}" or "{ recipient }" when the step is saved.
BRACED = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("customer", "recipient", "occasion", "stone", "piece", "metal",
                "salesperson", "company", "welcome")


def unknown_placeholders(script):
    return sorted({name for name in BRACED.findall(script or "")
                   if name not in PLACEHOLDERS})


def _label(record, field_name):
    value = record[field_name]
    if not value:
        return ""
    return dict(record._fields[field_name]._description_selection(
        record.env))[value]


def stone_spec(lead):
    """"1.2 ct round F VS1 diamond": the parts the lead knows, in the trade's order."""
    parts = []
    if lead.stone_carat:
        parts.append("%s ct" % ("%.2f" % lead.stone_carat).rstrip("0").rstrip("."))
    if lead.stone_shape:
        parts.append(_label(lead, "stone_shape").lower())
    parts += [grade for grade in (lead.stone_color, lead.stone_clarity) if grade]
    if lead.stone_cut:
        parts.append(_("%s cut") % _label(lead, "stone_cut").lower())
    if lead.stone_type:
        parts.append(_label(lead, "stone_type").lower())
    return " ".join(parts)


def script_values(lead):
    stone = stone_spec(lead)
    piece = (lead.piece_description or "").strip()
    company = lead.company_id or lead.env.user.company_id
    return {
        "customer": lead.contact_name or lead.partner_id.name or _("valued customer"),
        "recipient": lead.recipient_name or _("your loved one"),
        "occasion": _label(lead, "occasion").lower() or _("special occasion"),
        "stone": stone or piece or _("the stone you chose"),
        "piece": piece or stone or _("the piece you saw"),
        "metal": _label(lead, "metal").lower() or _("the metal you chose"),
        "salesperson": lead.user_id.name or company.name,
        "company": company.name,
        "welcome": lead.hospitality_note or _("a coffee or a tea"),
    }


def render_script(script, lead):
    values = script_values(lead)
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), script or "")
