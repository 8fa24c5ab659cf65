# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The words of a touch: a step's script with the lead's placeholders filled in the customer's language.

Every placeholder has a graceful fallback, so an empty field never shows up as "False" or a gap in a card the
customer reads; the fallbacks and the selection labels come from the core's catalogues.
"""
import re

from . import messages, vocabulary

messages.register("wording", {
    "wording.customer": "valued customer",
    "wording.recipient": "your loved one",
    "wording.occasion": "special occasion",
    "wording.stone": "the stone you chose",
    "wording.piece": "the piece you saw",
    "wording.metal": "the metal you chose",
    "wording.welcome": "a coffee or a tea",
    # one pattern, so that each language puts the parts of a stone in its own order
    "wording.stone_spec": "%(carat)s %(shape)s %(grades)s %(cut)s %(stone)s",
    "wording.cut": "%(cut)s cut",
})

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Anything in braces, to tell a manager about "{customer.name}" or "{ recipient }" when the step is saved.
BRACED = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("customer", "recipient", "occasion", "stone", "piece", "metal",
                "salesperson", "company", "welcome")


def unknown_placeholders(script):
    return sorted({name for name in BRACED.findall(script or "") if name not in PLACEHOLDERS})


def render(script, values):
    """``script`` with each known ``{placeholder}`` replaced; plain substitution, never ``str.format``, so a
    script typed by a manager can never reach the attributes of an object."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), script or "")


def is_signed(wording, name):
    """Whether a wording already ends with its signature: the signer's name on one of its last three lines,
    whatever the language of the closing before it."""
    return bool(name) and any(line.strip() == name for line in (wording or "").strip().splitlines()[-3:])


def carat_text(carat):
    return "%s ct" % ("%.2f" % carat).rstrip("0").rstrip(".")


def in_sentence(label, lang):
    """A selection label inside a sentence: lower case, except in German, which capitalises its nouns."""
    return label if (lang or "").startswith("de") else label.lower()


def _label(field, value, lang):
    return in_sentence(vocabulary.label(field, value, lang), lang) if value else ""


def stone_spec(lead, lang):
    """"1.2 ct round F VS1 diamond": the parts ``lead`` (a mapping of its jewellery fields) knows, in the
    trade's order of the language (one translatable pattern; unknown parts leave no gap)."""
    cut = _label("stone_cut", lead.get("stone_cut"), lang)
    spec = messages.text("wording.stone_spec", lang,
                         carat=carat_text(lead["stone_carat"]) if lead.get("stone_carat") else "",
                         shape=_label("stone_shape", lead.get("stone_shape"), lang),
                         grades=" ".join(grade for grade in (lead.get("stone_color"), lead.get("stone_clarity"))
                                         if grade),
                         cut=messages.text("wording.cut", lang, cut=cut) if cut else "",
                         stone=_label("stone_type", lead.get("stone_type"), lang))
    return " ".join(spec.split())


def values(lead, lang):
    """The placeholders' values for ``lead``: a mapping of ``contact_name``, ``partner_name`` (the customer's
    contact), ``recipient_name``, ``occasion``, the stone's fields, ``piece_description``, ``metal``,
    ``salesperson`` (name), ``company`` (name) and ``hospitality_note``."""
    def fallback(code):
        return messages.text(code, lang)
    stone = stone_spec(lead, lang)
    piece = (lead.get("piece_description") or "").strip()
    return {
        "customer": lead.get("contact_name") or lead.get("partner_name") or fallback("wording.customer"),
        "recipient": lead.get("recipient_name") or fallback("wording.recipient"),
        "occasion": _label("occasion", lead.get("occasion"), lang) or fallback("wording.occasion"),
        "stone": stone or piece or fallback("wording.stone"),
        "piece": piece or stone or fallback("wording.piece"),
        "metal": _label("metal", lead.get("metal"), lang) or fallback("wording.metal"),
        "salesperson": lead.get("salesperson") or lead.get("company") or "",
        "company": lead.get("company") or "",
        "welcome": lead.get("hospitality_note") or fallback("wording.welcome"),
    }


def note_html(wording, instruction=""):
    """An activity's note (HTML): the salesperson's instruction first, then the wording, escaped as Odoo's
    sanitizer leaves text (quotes stay plain), line breaks kept."""
    return "".join("<p>%s</p>" % _escape(text).replace("\n", "<br>")
                   for text in (instruction, wording) if text) or "<p></p>"


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
