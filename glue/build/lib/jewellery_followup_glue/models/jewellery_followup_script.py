# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import facts, wording

from odoo import api, models

from .. import ADDON


class JewelleryFollowupScript(models.AbstractModel):
    """A step's script in the words of one lead and the customer's language, for the note card and the screens
    (``jewellery_followup_core.wording``: every placeholder has a graceful fallback)."""
    _name = "jewellery.followup.script"
    _module = ADDON
    _description = "Wording of follow-up touches"

    @api.model
    def customer_lang(self, lead):
        """The customer's language, else the store's, else the one the caller works in."""
        return (lead.partner_id.lang or (lead.company_id or self.env.company).partner_id.lang
                or self.env.lang or "en_US")

    def for_lead(self, lead):
        return self.with_context(lang=self.customer_lang(lead))

    def render(self, step, lead):
        """The step's script for ``lead``, both read in this model's language."""
        return wording.render(step.with_context(lang=self.env.lang).script, self.values(lead))

    def values(self, lead):
        return wording.values(facts.wording(lead, lead.company_id or self.env.company), self.env.lang)

    def stone_spec(self, lead):
        return wording.stone_spec(facts.wording(lead, lead.company_id), self.env.lang)

    def is_signed(self, wording_text, name):
        return wording.is_signed(wording_text, name)
