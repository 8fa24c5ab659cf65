"""Checking and converting one CSV record into the values the server's ``import_batch`` takes.

The checks, the limits and the messages are those of the server, written once in the core package
(``jewellery_followup_core.importing``): whatever the command accepts, the server accepts. Every problem is
reported with the field it is about, so that the user can fix the row.
"""
from jewellery_followup_core.importing import RowError, RowReader, content_id
from jewellery_followup_core.messages import Refusal

from .csvfile import REJECT_COLUMNS, BadFile

__all__ = ["RowConverter", "RowError"]


class RowConverter(RowReader):
    """Turns ``cells`` (strings, in header order) into ``(external_id, values)`` or raises RowError; a row without
    ``external_id`` is keyed by its content (``auto-<hash>``). The header's own problems raise BadFile.

    :param header: the file's header cells (the rejected-rows file's ``reject_*`` columns are ignored)
    :param fields: ``fields_get`` of crm.lead (type, string, selection, digits)
    :param importable: the field names the server accepts
    :param logins: {login: user id} of the active users
    :param decimal_comma: accept ``1,25`` for 1.25 (files separated by ``;``)
    """

    def __init__(self, header, fields, importable, logins, decimal_comma=False):
        try:
            super().__init__(header, fields, importable, logins, decimal_comma, ignored=REJECT_COLUMNS)
        except Refusal as refusal:
            raise BadFile(refusal.text(None))
        self.seen = {}

    def convert(self, cells, header_length, line=None):
        """``(external_id, values)`` of the record that starts on ``line``, or RowError."""
        external_id, values = self.read(cells, header_length, line)
        return external_id or content_id(values, self.seen), values
