"""The handwritten-note card, as HTML and as the PDF wkhtmltopdf prints (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import note_card

from odoo.tests import HttpCase, tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestNoteCard(note_card.NoteCardScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestNoteCardDelivery(note_card.NoteCardDeliveryScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestNoteCardEscaping(note_card.NoteCardEscapingScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestNoteCardPdf(note_card.NoteCardPdfScenarios, FollowupCase, HttpCase):
    """wkhtmltopdf fetches the report's styles from the running server: an HTTP test, whose server Odoo 19 runs
    (a plain transaction test has none to answer it)."""
