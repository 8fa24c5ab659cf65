# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The translation files' check knows the template code of Odoo 17.0 to 19.0: an inline template's
{{ expressions }} (a mail template's subject, its recipients) must survive in each translation."""
from jewellery_followup_core.scenarios import translations


class InlineTemplateCodeScenarios:

    def test_the_check_finds_lost_inline_template_code(self):
        template = translations.read_catalog(b'msgid "{{ object.name }}: the designs"\nmsgstr ""\n')
        translation = translations.read_catalog(
            b'msgid "{{ object.name }}: the designs"\nmsgstr "{{ objet.nom }} : les modeles"\n')
        markup = translations.TranslationFilesScenarios.markup
        problems = "\n".join(translations.translation_problems(
            template, translation, lambda text: markup(self, text)))
        self.assertIn("{{expressions}} ['{{ object.name }}']", problems)
