# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lead import, once for the batch method of every Odoo version's addon and for the command
``jewellery-followup-import`` (``tools/``): its limits, which fields a row may set, how a CSV cell becomes a value,
how a value and a row are checked, the flow of one call of ``import_batch`` (``Batch``, acting through each
version's ``odoo_import.OdooImportStore``), and every sentence the import says.

A field is known as ``fields_get`` describes it (``type``, ``required``, ``size``, ``digits``, ``selection``):
that is what the server and the command both ask Odoo for. The server checks values in RPC form
(``Field.check``); the command reads CSV cells (``Column.read``) and checks what it read with the same check, so
whatever the command accepts, the server accepts.
"""
import datetime
import hashlib
import json
import logging
import math
import re

from . import checks, messages
from .messages import Refusal

_logger = logging.getLogger(__name__)

# ------------------------------------------------------------------------------------------------- the limits

# Imported leads' external ids live in ir.model.data under this module name.
IMPORT_MODULE = "jewellery_followup_import"
CHUNK_SIZE = 200  # rows per call, the command's default
MAX_ROWS_PER_CALL = 5000
# Longest value accepted for a one-line text field and for a multi-line one: longer cells are, in practice, a
# quote left open in the CSV that swallowed the lines after it.
MAX_CHAR_LENGTH = 1000
MAX_TEXT_LENGTH = 20000
MAX_LENGTHS = {"char": MAX_CHAR_LENGTH, "text": MAX_TEXT_LENGTH}
MAX_EXTERNAL_ID_LENGTH = 200
INTEGER_RANGE = (-2 ** 31, 2 ** 31 - 1)  # PostgreSQL's integer column
# A float or monetary value above this loses its cents (a double holds 15 to 16 significant digits).
MAX_AMOUNT = 1e15

# ---------------------------------------------------------------------------------------- the vocabulary

# Field types a row may set directly; many2one only for the salesperson.
SIMPLE_TYPES = ("char", "text", "selection", "date", "datetime", "boolean", "integer", "float", "monetary")
MANY2ONE_FIELDS = ("user_id",)
# Odoo's own columns (every version's models.MAGIC_COLUMNS): never set by a row.
MAGIC_COLUMNS = ("id", "create_uid", "create_date", "write_uid", "write_date")
# What the checks read of fields_get.
FIELD_ATTRIBUTES = ["type", "required", "size", "digits", "selection"]
# The jewellery file's columns (any other importable crm.lead field is accepted too), as the command names them.
COLUMNS = ("name", "contact_name", "email_from", "phone", "mobile", "street", "city", "zip", "user_id", "occasion",
           "occasion_date", "recipient_name", "is_surprise", "stone_type", "stone_shape", "stone_carat",
           "stone_color", "stone_clarity", "stone_cut", "metal", "ring_size", "budget_min", "budget_max",
           "piece_description", "hospitality_note")
# Rules of the lead (its constraints) that the command checks first, so that the user hears of them before
# anything is sent.
POSITIVE_FIELDS = ("stone_carat",)
NON_NEGATIVE_FIELDS = ("budget_min", "budget_max")
TRUE_WORDS = {"1", "true", "yes"}
FALSE_WORDS = {"0", "false", "no"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# What the command reads as a date and time (the server takes the first form only).
DATETIME_FORMS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d")
# Imported leads make no chatter noise: no "Lead created" message, no follower, no tracking.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}

# ------------------------------------------------------------------------------------------- the messages

# What the server says, in the caller's language.
messages.register("importing", {
    "import.too_many_rows": "import_batch takes a list of at most %(max)s rows.",
    "import.row_not_dict": "A row must be a dict with its values under \"values\".",
    "import.xid": "external_id: %(problem)s.",
    "import.xid_empty": "must be a non-empty text when given",
    "import.xid_long": "longer than %(max)s characters",
    "import.xid_repeated": "external_id: external id %(xid)r is also on %(where)s (only the first line with an "
                           "external id is imported).",
    "import.xid_foreign": "external_id: external id %(xid)r is already used by a record that is not a lead.",
    "import.xid_refused": "external_id: external id %(xid)r belongs to a lead you are not allowed to read or "
                          "change; nothing was written.",
    "import.xid_taken": "Some external ids of this chunk were taken while it was imported; nothing was written, "
                        "import it again.",
    "import.line": "line %(line)s",
    "import.row": "row %(row)s of this call",
    "import.not_importable": "%(field)s: not a crm.lead field the import can set.",
    "import.name_required": "name: required (the lead's title).",
    "import.field": "%(field)s: %(problem)s",
    "import.cannot_empty": "%(field)s: required, cannot be emptied.",
    "import.no_user": "user_id: no active user with id %(id)s.",
    "import.user_refused": "user_id: your access rights do not let you %(action)s a lead assigned to %(user)s.",
    "import.access_refused": "access refused: your access rights do not let you %(action)s this lead.",
    "import.assign": "assign",
    "import.create": "create",
    "import.change": "change",
    "import.server_error": "Server error: %(error)s",
    "import.running": "already running",
    "value.nul": "contains a NUL character",
    "value.not_unicode": "is not valid Unicode text",
    "value.unknown": "unknown value %(value)r",
    "value.not_text": "expects text",
    "value.too_long": "%(length)s characters, longer than the %(max)s allowed (a quote left open in the file?)",
    "value.not_date": "%(value)r is not a date in ISO form (YYYY-MM-DD)",
    "value.not_datetime": "%(value)r is not a date and time (YYYY-MM-DD HH:MM:SS)",
    "value.not_boolean": "expects true or false",
    "value.not_integer": "expects a whole number",
    "value.out_of_range": "%(value)s is out of range",
    "value.not_number": "expects a number",
    "value.not_finite": "expects a finite number",
    "value.too_large": "%(value)s is too large",
})
# What the command says of a file's header and cells (in English: it has no language of its own).
messages.register("importing", {
    "file.repeated_column": "the column %(column)r appears twice in the header",
    "file.unknown_column": "unknown column %(names)s: columns are crm.lead field names (%(columns)s, ...) and "
                           "external_id",
    "file.unknown_columns": "unknown columns %(names)s: columns are crm.lead field names (%(columns)s, ...) and "
                            "external_id",
    "file.no_name": "the header has no 'name' column (the lead's title, required)",
    "cell.extra": "%(cells)s cells but the header names %(columns)s columns (a stray separator?)",
    "cell.xid_repeated": "external id %(xid)r is also on line %(line)s (only the first line with an external id is "
                         "imported)",
    "cell.name_required": "required (the lead's title)",
    "cell.budget_order": "%(min)s is above budget_max %(max)s",
    "cell.not_grade": "%(value)r is not a GIA colour grade from D to Z",
    "cell.unknown": "unknown value %(value)r (expected one of: %(choices)s)",
    "cell.not_date": "%(value)r is not a date in ISO form YYYY-MM-DD",
    "cell.not_datetime": "%(value)r is not a date and time in ISO form YYYY-MM-DD HH:MM:SS",
    "cell.not_yes_no": "%(value)r is not a yes/no value (use 1/0, true/false or yes/no)",
    "cell.not_number": "%(value)r is not a number",
    "cell.not_whole": "%(value)r is not a whole number",
    "cell.not_positive": "%(value)r is not a positive number of carats",
    "cell.negative": "%(value)r is negative",
    "cell.no_login": "no active user with login %(value)r",
})
COMMAND_LANG = None  # the command speaks English


def text(code, lang=COMMAND_LANG, **params):
    return messages.text(code, lang, **params)


# ---------------------------------------------------------------------------------------------- the values

def settable(name, kind):
    """Whether a row may set a field of this name and type (the server adds: stored, writable, visible to the
    caller)."""
    return name not in MAGIC_COLUMNS and (kind in SIMPLE_TYPES or name in MANY2ONE_FIELDS)


def text_problem(value):
    """Why PostgreSQL would not store the text ``value``, or None."""
    if "\x00" in value:
        return Refusal("value.nul")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Refusal("value.not_unicode")
    return None


def is_date(value):
    """``YYYY-MM-DD`` exactly, a real day."""
    if not (isinstance(value, str) and DATE_RE.match(value)):
        return False
    try:
        datetime.datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return False
    return True


def is_datetime(value):
    """``YYYY-MM-DD HH:MM:SS`` exactly, a real time (Odoo's form for datetimes in UTC)."""
    return isinstance(value, str) and bool(DATETIME_RE.match(value)) and bool(checks.parse_utc_datetime(value))


class Field(object):
    """A crm.lead field a row may set, from its ``fields_get`` description; ``check`` says whether a value in RPC
    form may be written to it."""

    def __init__(self, name, meta):
        self.name = name
        self.kind = meta.get("type")
        self.required = bool(meta.get("required")) and self.kind != "boolean"
        self.limit = MAX_LENGTHS.get(self.kind)
        if self.kind == "char" and meta.get("size"):
            self.limit = min(self.limit, meta["size"])
        digits = meta.get("digits") if self.kind == "float" else None
        self.largest = min(MAX_AMOUNT, 10.0 ** (digits[0] - digits[1])) if digits and digits[0] else MAX_AMOUNT
        # the decimals two amounts are compared to (a monetary field's are its currency's)
        self.decimals = digits[1] if digits else 10
        self.keys = frozenset(key for key, _label in meta.get("selection") or ())

    def check(self, value):
        """``value`` as the ORM takes it, or the Refusal that names the field; ``False`` or ``None`` empties it."""
        if value is None or value is False:
            if self.required:
                raise Refusal("import.cannot_empty", field=self.name)
            return False
        problem = self.problem(value)
        if problem:
            raise Refusal("import.field", field=self.name, problem=problem)
        return value

    def problem(self, value):
        """What is wrong with ``value`` (a Refusal that does not name the field), or None."""
        kind = self.kind
        if kind == "selection":
            try:
                known = value in self.keys
            except TypeError:  # unhashable: a list or a dict
                known = False
            return None if known else Refusal("value.unknown", value=value)
        if kind in ("char", "text"):
            if not isinstance(value, str):
                return Refusal("value.not_text")
            if len(value) > self.limit:
                return Refusal("value.too_long", length=len(value), max=self.limit)
            return text_problem(value)
        if kind == "date":
            return None if is_date(value) else Refusal("value.not_date", value=value)
        if kind == "datetime":
            return None if is_datetime(value) else Refusal("value.not_datetime", value=value)
        if kind == "boolean":
            return None if isinstance(value, bool) else Refusal("value.not_boolean")
        if kind in ("integer", "many2one"):
            if isinstance(value, bool) or not isinstance(value, int):
                return Refusal("value.not_integer")
            if not INTEGER_RANGE[0] <= value <= INTEGER_RANGE[1] or (kind == "many2one" and value <= 0):
                return Refusal("value.out_of_range", value=value)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return Refusal("value.not_number")
        if not math.isfinite(value):
            return Refusal("value.not_finite")
        if abs(value) >= self.largest:
            return Refusal("value.too_large", value=value)
        return None


def fields_of(metas):
    """{name: Field} of ``fields_get``'s answer."""
    return {name: Field(name, meta) for name, meta in metas.items()}


# ----------------------------------------------------------------------------------- the command's cells

def choices(keys):
    """The keys a cell may hold, shortened when there are many."""
    keys = list(keys)
    if len(keys) > 12:
        keys = keys[:3] + ["..."] + keys[-1:]
    return ", ".join(keys)


def number_text(number):
    return ("%f" % number).rstrip("0").rstrip(".")


class Column(Field):
    """A column of the command's CSV file: ``read`` turns a cell (stripped, not empty) into the value the server
    takes, or raises a Refusal that does not name the field.

    :param logins: {login: user id} of the active users (for ``user_id``)
    :param decimal_comma: accept ``1,25`` for 1.25 (files separated by ``;``)
    """

    def __init__(self, name, meta, logins=None, decimal_comma=False):
        super(Column, self).__init__(name, meta)
        self.logins = (logins or {}) if self.kind == "many2one" else {}  # the salesperson's login
        self.logins_folded = {login.casefold(): uid for login, uid in self.logins.items()}
        self.decimal_comma = decimal_comma
        self.lookup, self.key_list = {}, []
        if self.kind == "selection":
            pairs = meta.get("selection") or []
            for key, label in pairs:
                self.lookup.setdefault(str(label).strip().casefold(), key)
            for key, _label in pairs:
                self.lookup[str(key).casefold()] = key  # a key wins over another value's label
                if key not in self.key_list:
                    self.key_list.append(key)

    def read(self, raw):
        value = self._convert(raw)
        problem = self.kind in SIMPLE_TYPES + ("many2one",) and self.problem(value)  # the server's own check
        if problem:
            raise problem
        return value

    def _convert(self, raw):
        kind = self.kind
        if kind == "selection":
            key = self.lookup.get(raw.casefold())
            if key is None:
                if self.name == "stone_color":
                    raise Refusal("cell.not_grade", value=raw)
                raise Refusal("cell.unknown", value=raw, choices=choices(self.key_list))
            return key
        if kind == "date":
            return read_date(raw)
        if kind == "datetime":
            return read_datetime(raw)
        if kind == "boolean":
            word = raw.casefold()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise Refusal("cell.not_yes_no", value=raw)
        if kind in MAX_LENGTHS and len(raw) > self.limit:
            raise Refusal("value.too_long", length=len(raw), max=self.limit)
        if kind in ("float", "monetary"):
            number = self._number(raw)
            if abs(number) >= self.largest:
                raise Refusal("value.too_large", value=repr(raw))
            if self.name in POSITIVE_FIELDS and number <= 0:
                raise Refusal("cell.not_positive", value=raw)
            if self.name in NON_NEGATIVE_FIELDS and number < 0:
                raise Refusal("cell.negative", value=raw)
            return number
        if kind == "integer":
            number = self._number(raw)
            if number != int(number):
                raise Refusal("cell.not_whole", value=raw)
            if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
                raise Refusal("value.out_of_range", value=repr(raw))
            return int(number)
        if kind == "many2one":  # user_id: the salesperson's login
            uid = self.logins.get(raw) or self.logins_folded.get(raw.casefold())
            if not uid:
                raise Refusal("cell.no_login", value=raw)
            return uid
        return raw

    def _number(self, raw):
        text = raw.replace(" ", "").replace("\u00a0", "")
        if self.decimal_comma and "," in text and "." not in text:
            text = text.replace(",", ".")
        if not NUMBER_RE.match(text):
            raise Refusal("cell.not_number", value=raw)
        return float(text)


def read_date(raw):
    try:
        if len(raw) != 10:
            raise ValueError
        return datetime.datetime.strptime(raw, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise Refusal("cell.not_date", value=raw)


def read_datetime(raw):
    for pattern in DATETIME_FORMS:
        try:
            return datetime.datetime.strptime(raw, pattern).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    raise Refusal("cell.not_datetime", value=raw)


def check_header(header, importable, ignored=()):
    """[(field, index)] of the columns to read (``ignored`` ones left out); a Refusal for a repeated, unknown or
    missing column (an unknown one stops the run: a typo would lose data)."""
    columns = []
    names = [cell.strip().lower() for cell in header]
    unknown = []
    for index, name in enumerate(names):
        if not name or name in ignored:
            continue
        if names.index(name) != index:
            raise Refusal("file.repeated_column", column=name)
        if name != "external_id" and name not in importable:
            unknown.append(name)
            continue
        columns.append((name, index))
    if unknown:
        raise Refusal("file.unknown_columns" if len(unknown) > 1 else "file.unknown_column",
                      names=", ".join(repr(name) for name in unknown),
                      # what this server takes: Odoo 19's crm.lead has no mobile, for one
                      columns=", ".join(name for name in COLUMNS if name in importable))
    if "name" not in [name for name, _index in columns]:
        raise Refusal("file.no_name")
    return columns


class RowError(Exception):
    """One or more problems in a row: ``problems`` is a list of ``(field, message)``."""

    def __init__(self, problems):
        super(RowError, self).__init__("; ".join("%s: %s" % problem if problem[0] else problem[1]
                                                 for problem in problems))
        self.problems = problems

    @property
    def fields(self):
        return ", ".join(field for field, _message in self.problems if field)


class RowReader(object):
    """Turns a CSV record's ``cells`` (strings, in header order) into ``(external_id, values)`` or raises RowError.

    :param header: the file's header cells; ``ignored``: columns to leave out
    :param fields: ``fields_get`` of crm.lead (type, string, selection, digits)
    :param importable: the field names the server accepts
    :param logins: {login: user id} of the active users
    :param decimal_comma: accept ``1,25`` for 1.25 (files separated by ``;``)
    """

    def __init__(self, header, fields, importable, logins, decimal_comma=False, ignored=()):
        self.columns = check_header(header, set(importable), ignored)
        self.readers = {name: Column(name, fields.get(name, {}), logins, decimal_comma)
                        for name, _index in self.columns if name != "external_id"}
        self.first_lines = {}  # {external_id: line of the first record that carries it}

    def read(self, cells, header_length, line=None):
        """``(external_id, values)`` of the record that starts on ``line`` (``external_id`` empty when it has none).

        An external id belongs to the first record that carries it, whether that record is valid or not: a
        later one is refused ("also on line N"), so that running the same file again changes nothing.
        """
        problems = []
        if any(cell.strip() for cell in cells[header_length:]):
            problems.append(("", text("cell.extra", cells=len(cells), columns=header_length)))
        values = {}
        external_id = ""
        for name, index in self.columns:
            raw = cells[index].strip() if index < len(cells) else ""
            if name == "external_id":
                external_id = raw
                if raw and raw in self.first_lines:
                    problems.append(("external_id", text("cell.xid_repeated", xid=raw, line=self.first_lines[raw])))
                elif raw:
                    self.first_lines[raw] = line
                continue
            if not raw:
                continue
            try:
                values[name] = self.readers[name].read(raw)
            except Refusal as problem:
                problems.append((name, problem.text(COMMAND_LANG)))
        if not values.get("name") and "name" not in [field for field, _message in problems]:
            problems.append(("name", text("cell.name_required")))
        budget_min, budget_max = values.get("budget_min"), values.get("budget_max")
        if budget_min is not None and budget_max and budget_min > budget_max:
            problems.append(("budget_min", text("cell.budget_order", min=number_text(budget_min),
                                                max=number_text(budget_max))))
        if problems:
            raise RowError(problems)
        return external_id, values


def content_id(values, seen):
    """A stable external id for a row without one: its content, and which copy of that content it is (``seen``
    counts the copies of a file). Running the same file again finds the same ids."""
    digest = hashlib.sha1(json.dumps(values, sort_keys=True).encode("utf-8")).digest()[:12]
    copy = seen.get(digest, 0) + 1
    seen[digest] = copy
    return "auto-%s%s" % (digest.hex(), "-%d" % copy if copy > 1 else "")


# ------------------------------------------------------------------------------------------ the server's rows

def used_fields(rows, allowed):
    """The importable fields the rows of a call set (those to describe)."""
    names = set()
    for row in rows:
        if isinstance(row, dict) and isinstance(row.get("values"), dict):
            names.update(name for name in row["values"] if name in allowed)
    return names


def external_id_problem(external_id):
    if external_id is None:
        return None
    if not (isinstance(external_id, str) and external_id.strip()):
        problem = Refusal("import.xid_empty")
    elif len(external_id) > MAX_EXTERNAL_ID_LENGTH:
        problem = Refusal("import.xid_long", max=MAX_EXTERNAL_ID_LENGTH)
    else:
        problem = text_problem(external_id)
    return problem and Refusal("import.xid", problem=problem)


def check_row(row, fields):
    """The values of one row of ``import_batch`` checked, for the ORM; a Refusal names the field.

    :param fields: {name: Field} of the fields the caller may set
    """
    if not isinstance(row, dict) or not isinstance(row.get("values"), dict):
        raise Refusal("import.row_not_dict")
    problem = external_id_problem(row.get("external_id"))
    if problem:
        raise problem
    values = {}
    for name, value in row["values"].items():
        if name not in fields:
            raise Refusal("import.not_importable", field=name)
        values[name] = fields[name].check(value)
    if not (isinstance(values.get("name"), str) and values["name"].strip()):
        raise Refusal("import.name_required")
    return values


def check_rows(rows, fields, lang):
    """One result per row, and ``(result, values)`` for the rows worth sending to the ORM.

    An external id belongs to the first row that carries it in the call, whether that row is valid or not: a
    later row with the same id is refused, so that running the same rows again changes nothing.
    """
    results, prepared, first_rows = [], [], {}
    for position, row in enumerate(rows, 1):
        line = row.get("line") if isinstance(row, dict) else None
        external_id = row.get("external_id") if isinstance(row, dict) else None
        result = {"line": line, "external_id": external_id, "status": "failed", "id": False, "message": ""}
        results.append(result)
        problems = []
        try:
            values = check_row(row, fields)
        except Refusal as refusal:
            problems.append(refusal.text(lang))
            values = None
        if isinstance(external_id, str) and external_id:
            if external_id in first_rows:
                problems.append(text("import.xid_repeated", lang, xid=external_id, where=first_rows[external_id]))
            else:
                first_rows[external_id] = (Refusal("import.line", line=line) if line is not None
                                           else Refusal("import.row", row=position))
        if problems:
            result["message"] = "; ".join(problems)
        else:
            prepared.append((result, values))
    return results, prepared


def salespeople(prepared):
    """The user ids the rows assign."""
    return {values["user_id"] for _result, values in prepared if values.get("user_id")}


def keep_known_salespeople(prepared, found, lang):
    """The rows whose ``user_id`` is one of ``found`` (active users the caller can see) or empty; the others get a
    message."""
    kept = []
    for result, values in prepared:
        if values.get("user_id") and values["user_id"] not in found:
            result["message"] = text("import.no_user", lang, id=values["user_id"])
        else:
            kept.append((result, values))
    return kept


def route(prepared, existing, foreign, allowed_ids, lang):
    """``(result, values, lead id or None)`` of the rows to write: a row whose external id belongs to another
    model, or to a lead the caller may not change, gets a message (without the lead's id or name: the caller may
    not even know that the lead exists)."""
    to_write = []
    for result, values in prepared:
        external_id = result["external_id"]
        if external_id in foreign:
            result["message"] = text("import.xid_foreign", lang, xid=external_id)
        elif external_id in existing and existing[external_id] not in allowed_ids:
            result["message"] = text("import.xid_refused", lang, xid=external_id)
        else:
            to_write.append((result, values, existing.get(external_id)))
    return to_write


def _as_text(value):
    """A date or datetime read by the ORM (Odoo 11 reads strings, later versions objects) as the import sends it."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def changes(fields, old, new, same_number, money_decimals):
    """The values of ``new`` that differ from ``old`` (the lead as the ORM reads it).

    :param same_number: ``(a, b, decimals)``: whether two amounts are equal to that many decimals (Odoo's
        ``float_compare``)
    :param money_decimals: the decimals of the company's currency, for monetary fields
    """
    changed = {}
    for name, value in new.items():
        field = fields[name]
        before = old.get(name, False)
        if field.kind == "many2one" and isinstance(before, (list, tuple)):
            before = before[0]
        if field.kind in ("float", "monetary"):
            decimals = money_decimals if field.kind == "monetary" else field.decimals
            same = same_number(before or 0.0, value or 0.0, decimals)
        elif field.kind == "boolean":
            same = bool(before) == bool(value)
        elif field.kind in ("date", "datetime") and before:
            same = _as_text(before) == value
        else:
            same = (before or False) == (value or False)
        if not same:
            changed[name] = value
    return changed


class DryRunRollback(Exception):
    """Raised at the end of a dry run so that its savepoint rolls everything back."""

    def __init__(self, results):
        super(DryRunRollback, self).__init__("dry run")
        self.results = results


class Batch(object):
    """One call of ``import_batch``, acting through a version's ``odoo_import.OdooImportStore``: each row created
    or updated in its own savepoint, so that a bad row costs only itself (Odoo's own ``load`` rolls back its whole
    chunk); rows keyed by an external id in ``ir.model.data`` (module ``IMPORT_MODULE``), so that running the same
    file again updates instead of duplicating. Everything a row writes goes through the ORM as the caller, with the
    caller's access rights and record rules; a lead the caller may not read or change is never touched, read or
    reported with its id."""

    def __init__(self, store):
        self.store = store
        self.lang = store.lang()

    def run(self, rows, start_followup=False, dry_run=False):
        """Creates or updates one chunk of leads, with the caller's access rights.

        :param rows: list of dicts ``{"line": int, "external_id": str, "values": {field: value}}``; values
            are in RPC form (selection keys, ISO dates, numbers, booleans, ``user_id`` as a user id). A field
            left out of ``values`` is left as it is (a new lead gets Odoo's default); ``false`` or ``null``
            empties it.
        :param start_followup: start the follow-up chain of every lead that landed; refusals (three
            attempts already, occasion passed) are reported per row.
        :param dry_run: do everything, report it, then roll it all back.
        :return: one dict per row, in order: ``line``, ``external_id``, ``status`` (created, updated,
            unchanged, failed), ``id`` (false when failed), ``message``, and with ``start_followup`` also
            ``followup`` (started, running, refused) and ``followup_message``.
        """
        if not isinstance(rows, list) or len(rows) > MAX_ROWS_PER_CALL:
            raise self.store.error(Refusal("import.too_many_rows", max=MAX_ROWS_PER_CALL))
        if not dry_run:
            return self._import(rows, start_followup)
        return self.store.rolled_back(lambda: self._import(rows, start_followup))

    def _import(self, rows, start_followup):
        store, lang = self.store, self.lang
        fields = fields_of(store.describe(used_fields(rows, set(store.importable_fields()))))
        results, prepared = check_rows(rows, fields, lang)
        wanted = salespeople(prepared)
        if wanted:
            prepared = keep_known_salespeople(prepared, store.visible_users(wanted), lang)
        existing, foreign = store.find_existing([result["external_id"] for result, _values in prepared])
        allowed_ids = store.leads_the_caller_may_change(set(existing.values()))
        to_write = route(prepared, existing, foreign, allowed_ids, lang)
        current = store.read_current(to_write)
        money_decimals = store.money_decimals()
        bindings = []
        with store.writing(to_write) as row_savepoint:
            to_write = self._create_together(row_savepoint, to_write, bindings)
            for result, values, lead_id in to_write:
                delta = lead_id and changes(fields, current.get(lead_id, {}), values, store.same_number,
                                            money_decimals)
                if lead_id and not delta:
                    result.update(status="unchanged", id=lead_id)  # nothing to write: no savepoint either
                    continue
                self._write(row_savepoint, result, values, lead_id, delta, current, bindings)
            if len(store.bind_external_ids(bindings)) != len(bindings):
                # cannot happen: find_existing saw every binding of these ids in this transaction's snapshot
                raise store.error(Refusal("import.xid_taken"))
        if start_followup:
            self._start_followup(results)
        return results

    def _create_together(self, savepoint, to_write, bindings):
        """Creates the chunk's new leads in one call of ``create`` where the version's takes a list (its
        computations and inserts then run once for them all); returns the rows still to write. When any new lead
        is refused, the batch is rolled back and every new lead is created again in its own savepoint, so that a
        bad row still costs only itself."""
        store = self.store
        new = [(result, values) for result, values, lead_id in to_write if not lead_id]
        if not store.creates_in_bulk or len(new) < 2:
            return to_write
        try:
            with savepoint():
                new_ids = store.create_leads([values for _result, values in new])
        except Exception as error:  # pylint: disable=broad-except
            if store.is_serialization_failure(error):
                raise
            return to_write
        for (result, _values), new_id in zip(new, new_ids):
            if result["external_id"]:
                bindings.append((result["external_id"], new_id))
            result.update(status="created", id=new_id)
        return [row for row in to_write if row[2]]

    def _write(self, row_savepoint, result, values, lead_id, delta, current, bindings):
        store = self.store
        try:
            with row_savepoint():
                if lead_id:
                    store.update_lead(lead_id, delta)
                    current.setdefault(lead_id, {}).update(delta)
                    result.update(status="updated", id=lead_id)
                else:
                    new_id = store.create_lead(values)
                    if result["external_id"]:
                        bindings.append((result["external_id"], new_id))
                    result.update(status="created", id=new_id)
        except Exception as error:  # pylint: disable=broad-except
            if store.is_serialization_failure(error):
                # a concurrent call imported the same external id: Odoo retries the whole call, which
                # then finds it (a chunk retried after a timeout never duplicates a lead)
                raise
            result.update(status="failed", id=False, message=self.error_message(error, values, lead_id))

    def error_message(self, error, values=None, lead_id=None):
        """What a row's failure says: what the caller's rights refused (Odoo's own text names the record that was
        rolled back), Odoo's message, the database's, or the unexpected error (logged)."""
        store, lang = self.store, self.lang
        if store.caused_by_access_error(error):
            user_id = (values or {}).get("user_id")
            if user_id and user_id != store.env.uid:
                action = Refusal("import.assign" if lead_id else "import.create")
                return text("import.user_refused", lang, action=action, user=store.user_name(user_id))
            action = Refusal("import.change" if lead_id else "import.create")
            return text("import.access_refused", lang, action=action)
        message = store.error_text(error)
        if message is not None:
            return message
        _logger.warning("lead import: unexpected error on one row", exc_info=True)
        return text("import.server_error", lang, error=str(error))

    def _start_followup(self, results):
        store = self.store
        landed = {}
        for result in results:
            if result["status"] != "failed":
                landed.setdefault(result["id"], []).append(result)
        if not landed:
            return
        running = store.running_leads(list(landed))
        outcome = {lead_id: ("running", text("import.running", self.lang)) for lead_id in running}
        to_start = [lead_id for lead_id in landed if lead_id not in running]
        if to_start:
            try:
                with store.savepoint():
                    refused = store.start_followup(to_start)
            except Exception as error:  # pylint: disable=broad-except
                if store.is_serialization_failure(error):
                    raise
                store.invalidate_all()
                refused = dict.fromkeys(to_start, self.error_message(error))
            for lead_id in to_start:
                outcome[lead_id] = ("refused", refused[lead_id]) if lead_id in refused else ("started", "")
        for lead_id, (state, message) in outcome.items():
            for result in landed[lead_id]:
                result.update(followup=state, followup_message=message)
