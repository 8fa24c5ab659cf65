"""The addon speaks French, Spanish and German (the core's scenarios, on Odoo 11: its mail templates' code is
${expressions} and % lines, kept by each translation)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import translations


class TestTranslationFiles(translations.TranslationFilesScenarios, GateCase):
    pass


class TestSalespeopleSeeTheirLanguage(translations.SalespeopleSeeTheirLanguageScenarios, GateCase):
    pass
