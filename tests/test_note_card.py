"""The handwritten-note card, as HTML and as the PDF wkhtmltopdf prints (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import note_card


class TestNoteCard(note_card.NoteCardScenarios, GateCase):
    pass


class TestNoteCardDelivery(note_card.NoteCardDeliveryScenarios, GateCase):
    pass


class TestNoteCardEscaping(note_card.NoteCardEscapingScenarios, GateCase):
    pass


class TestNoteCardPdf(note_card.NoteCardPdfScenarios, GateCase):
    pass
