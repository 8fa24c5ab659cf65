"""The 19.0 addon speaks French, Spanish and German (the core's scenarios, on Odoo 19: its templates' code is
QWeb, {{ expressions }} and tags with t- attributes, kept by each translation)."""
from jewellery_followup_core.scenarios import translations

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestTranslationFiles(translations.TranslationFilesScenarios, FollowupCase):

    def test_the_check_finds_lost_inline_template_code(self):
        template = translations.read_catalog(b'msgid "{{ object.name }}: the designs"\nmsgstr ""\n')
        translation = translations.read_catalog(
            b'msgid "{{ object.name }}: the designs"\nmsgstr "{{ objet.nom }} : les modeles"\n')
        problems = "\n".join(translations.translation_problems(template, translation, self.markup))
        self.assertIn("{{expressions}} ['{{ object.name }}']", problems)


@tagged("post_install", "-at_install")
class TestSalespeopleSeeTheirLanguage(translations.SalespeopleSeeTheirLanguageScenarios, FollowupCase):
    pass
