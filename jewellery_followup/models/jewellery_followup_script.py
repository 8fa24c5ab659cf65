# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models, tools

from .. import rules


class JewelleryFollowupScript(models.AbstractModel):
    """Turns a step's script into the words for one lead, in the customer's language.

    Every placeholder has a graceful fallback: an empty field never shows up as "False" or a blank in a card
    the customer reads. The fallbacks are translated through ``_()`` with this model's language, which the
    caller sets to the customer's (``for_lead``).
    """
    _name = "jewellery.followup.script"
    _description = "Wording of follow-up touches"

    @api.model
    def customer_lang(self, lead):
        """The customer's language, else the store's, else the one the caller works in."""
        return (lead.partner_id.lang or (lead.company_id or self.env.user.company_id).partner_id.lang
                or self.env.lang or "en_US")

    @api.model
    def for_lead(self, lead):
        return self.with_context(lang=self.customer_lang(lead))

    @api.model
    def render(self, step, lead):
        """The step's script for ``lead``, both read in this model's language."""
        step = step.with_context(lang=self.env.lang)
        return rules.render(step.script, self.values(lead.with_context(lang=self.env.lang)))

    @api.model
    def values(self, lead):
        stone = self.stone_spec(lead)
        piece = (lead.piece_description or "").strip()
        company = lead.company_id or self.env.user.company_id
        return {
            "customer": lead.contact_name or lead.partner_id.name or _("valued customer"),
            "recipient": lead.recipient_name or _("your loved one"),
            "occasion": self._lower(self._label(lead, "occasion")) or _("special occasion"),
            "stone": stone or piece or _("the stone you chose"),
            "piece": piece or stone or _("the piece you saw"),
            "metal": self._lower(self._label(lead, "metal")) or _("the metal you chose"),
            "salesperson": lead.user_id.name or company.name,
            "company": company.name,
            "welcome": lead.hospitality_note or _("a coffee or a tea"),
        }

    @api.model
    def is_signed(self, wording, name):
        return rules.is_signed(wording, name)

    @api.model
    def stone_spec(self, lead):
        """"1.2 ct round F VS1 diamond": the parts the lead knows, in the trade's order of the language."""
        cut = self._lower(self._label(lead, "stone_cut"))
        # one translatable pattern, so that each language puts the parts in its own order; the parts the lead
        # does not know leave no gap
        spec = _("%(carat)s %(shape)s %(grades)s %(cut)s %(stone)s") % {
            "carat": rules.carat_text(lead.stone_carat) if lead.stone_carat else "",
            "shape": self._lower(self._label(lead, "stone_shape")),
            "grades": " ".join(grade for grade in (lead.stone_color, lead.stone_clarity) if grade),
            "cut": _("%s cut") % cut if cut else "",
            "stone": self._lower(self._label(lead, "stone_type")),
        }
        return " ".join(spec.split())

    @api.model
    def _lower(self, label):
        """A selection label inside a sentence: lower case, except in German, which capitalises its nouns."""
        return label if (self.env.lang or "").startswith("de") else label.lower()

    @api.model
    def _label(self, lead, field_name):
        value = lead[field_name]
        if not value:
            return ""
        return self._selection_labels(field_name)[value]

    @tools.ormcache("field_name", "self.env.lang")
    def _selection_labels(self, field_name):
        """A lead selection's labels in this model's language, read once (the hourly job words thousands)."""
        return dict(self.env["crm.lead"]._fields[field_name]._description_selection(self.env))
