"""Checking and converting one CSV record into the values the server's ``import_batch`` takes.

Every problem is reported with the field it is about, so that the user can fix the row.
"""
import datetime
import hashlib
import json
import re

from .csvfile import REJECT_COLUMNS, BadFile

TRUE_WORDS = {"1", "true", "yes"}
FALSE_WORDS = {"0", "false", "no"}
# Rules the server enforces too, checked here first so that the user hears of them before anything is sent.
POSITIVE_FIELDS = {"stone_carat": "a positive number of carats"}
NON_NEGATIVE_FIELDS = ("budget_min", "budget_max")
# The longest cell the server accepts for a one-line and a multi-line text field (jewellery_followup_import.py
# in the addon): a longer one is, in practice, a quote left open that swallowed the lines after it.
MAX_LENGTHS = {"char": 1000, "text": 20000}
# Numbers the server accepts: below 10^15 (cents stay exact), within a field's digits, integers in 32 bits.
MAX_AMOUNT = 1e15
INTEGER_RANGE = (-2 ** 31, 2 ** 31 - 1)
NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class RowError(Exception):
    """One or more problems in a row: ``problems`` is a list of ``(field, message)``."""

    def __init__(self, problems):
        super().__init__("; ".join("%s: %s" % problem if problem[0] else problem[1] for problem in problems))
        self.problems = problems

    @property
    def fields(self):
        return ", ".join(field for field, _message in self.problems if field)


def _choices(keys):
    keys = list(keys)
    if len(keys) > 12:
        keys = keys[:3] + ["..."] + keys[-1:]
    return ", ".join(keys)


class RowConverter:
    """Turns ``cells`` (strings, in header order) into ``(external_id, values)`` or raises RowError.

    :param header: the file's header cells
    :param fields: ``fields_get`` of crm.lead (type, string, selection)
    :param importable: the field names the server accepts
    :param logins: {login: user id} of the active users
    :param decimal_comma: accept ``1,25`` for 1.25 (files separated by ``;``)
    """

    def __init__(self, header, fields, importable, logins, decimal_comma=False):
        self.fields = fields
        self.logins = logins
        self.logins_folded = {login.casefold(): uid for login, uid in logins.items()}
        self.decimal_comma = decimal_comma
        self.columns = self._check_header(header, set(importable))
        self.has_external_id = "external_id" in [name for name, _index in self.columns]
        self.selections = {}
        for name, _index in self.columns:
            meta = fields.get(name, {})
            if meta.get("type") == "selection":
                lookup = {}
                for key, label in meta.get("selection") or []:
                    lookup.setdefault(str(label).strip().casefold(), key)
                for key, _label in meta.get("selection") or []:
                    lookup[str(key).casefold()] = key  # a key wins over another value's label
                keys = []
                for key, _label in meta["selection"]:
                    if key not in keys:
                        keys.append(key)
                self.selections[name] = (lookup, keys)
        self.seen = {}
        self.first_lines = {}  # {external_id: line of the first record that carries it}

    @staticmethod
    def _check_header(header, importable):
        columns = []
        names = [cell.strip().lower() for cell in header]
        unknown = []
        for index, name in enumerate(names):
            if not name or name in REJECT_COLUMNS:
                continue
            if names.index(name) != index:
                raise BadFile("the column %r appears twice in the header" % name)
            if name != "external_id" and name not in importable:
                unknown.append(name)
                continue
            columns.append((name, index))
        if unknown:
            raise BadFile(
                "unknown column%s %s: columns are crm.lead field names (name, contact_name, email_from, "
                "phone, mobile, street, city, zip, user_id, occasion, occasion_date, recipient_name, "
                "is_surprise, stone_type, stone_shape, stone_carat, stone_color, stone_clarity, stone_cut, "
                "metal, ring_size, budget_min, budget_max, piece_description, hospitality_note, ...) and "
                "external_id" % ("s" if len(unknown) > 1 else "", ", ".join(repr(name) for name in unknown)))
        if "name" not in [name for name, _index in columns]:
            raise BadFile("the header has no 'name' column (the lead's title, required)")
        return columns

    def convert(self, cells, header_length, line=None):
        """``(external_id, values)`` of the record that starts on ``line``, or RowError.

        An external id belongs to the first record that carries it, whether that record is valid or not: a
        later one is refused ("also on line N"), so that running the same file again changes nothing.
        """
        problems = []
        extra = [cell for cell in cells[header_length:] if cell.strip()]
        if extra:
            problems.append(("", "%d cells but the header names %d columns (a stray separator?)" % (
                len(cells), header_length)))
        values = {}
        external_id = ""
        for name, index in self.columns:
            raw = cells[index].strip() if index < len(cells) else ""
            if name == "external_id":
                external_id = raw
                if raw and raw in self.first_lines:
                    problems.append(("external_id", "external id %r is also on line %s (only the first line "
                                                    "with an external id is imported)" % (
                                                        raw, self.first_lines[raw])))
                elif raw:
                    self.first_lines[raw] = line
                continue
            if not raw:
                continue
            try:
                values[name] = self._convert(name, raw)
            except ValueError as error:
                problems.append((name, str(error)))
        if not values.get("name") and "name" not in [field for field, _message in problems]:
            problems.append(("name", "required (the lead's title)"))
        budget_min, budget_max = values.get("budget_min"), values.get("budget_max")
        if budget_min is not None and budget_max and budget_min > budget_max:
            problems.append(("budget_min", "%s is above budget_max %s" % (
                _number_text(budget_min), _number_text(budget_max))))
        if problems:
            raise RowError(problems)
        if not external_id:
            external_id = self._content_id(values)
        return external_id, values

    def _content_id(self, values):
        """A stable id for a row without external_id: its content, and which copy of that content it is.

        Running the same file again finds the same ids, so an interrupted run is finished without duplicates.
        """
        digest = hashlib.sha1(json.dumps(values, sort_keys=True).encode("utf-8")).digest()[:12]
        copy = self.seen.get(digest, 0) + 1
        self.seen[digest] = copy
        return "auto-%s%s" % (digest.hex(), "-%d" % copy if copy > 1 else "")

    def _convert(self, name, raw):
        meta = self.fields.get(name, {})
        kind = meta.get("type")
        if kind == "selection":
            lookup, keys = self.selections[name]
            key = lookup.get(raw.casefold())
            if key is None:
                if name == "stone_color":
                    raise ValueError("%r is not a GIA colour grade from D to Z" % raw)
                raise ValueError("unknown value %r (expected one of: %s)" % (raw, _choices(keys)))
            return key
        if kind == "date":
            return _parse_date(raw)
        if kind == "datetime":
            return _parse_datetime(raw)
        if kind == "boolean":
            word = raw.casefold()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError("%r is not a yes/no value (use 1/0, true/false or yes/no)" % raw)
        if kind in MAX_LENGTHS and len(raw) > MAX_LENGTHS[kind]:
            raise ValueError("%d characters, longer than the %d allowed (a quote left open in the file?)" % (
                len(raw), MAX_LENGTHS[kind]))
        if kind in ("float", "monetary"):
            number = self._parse_number(raw)
            if abs(number) >= self._largest_number(meta):
                raise ValueError("%r is too large" % raw)
            if name in POSITIVE_FIELDS and number <= 0:
                raise ValueError("%r is not %s" % (raw, POSITIVE_FIELDS[name]))
            if name in NON_NEGATIVE_FIELDS and number < 0:
                raise ValueError("%r is negative" % raw)
            return number
        if kind == "integer":
            number = self._parse_number(raw)
            if number != int(number):
                raise ValueError("%r is not a whole number" % raw)
            if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
                raise ValueError("%r is out of range" % raw)
            return int(number)
        if kind == "many2one":  # user_id: the salesperson's login
            uid = self.logins.get(raw) or self.logins_folded.get(raw.casefold())
            if not uid:
                raise ValueError("no active user with login %r" % raw)
            return uid
        return raw

    @staticmethod
    def _largest_number(meta):
        digits = meta.get("type") == "float" and meta.get("digits")
        if digits and digits[0]:
            return min(MAX_AMOUNT, 10.0 ** (digits[0] - digits[1]))
        return MAX_AMOUNT

    def _parse_number(self, raw):
        text = raw.replace(" ", "").replace("\u00a0", "")
        if self.decimal_comma and "," in text and "." not in text:
            text = text.replace(",", ".")
        if not NUMBER_RE.match(text):
            raise ValueError("%r is not a number" % raw)
        return float(text)


def _parse_date(raw):
    try:
        if len(raw) != 10:
            raise ValueError
        return datetime.datetime.strptime(raw, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise ValueError("%r is not a date in ISO form YYYY-MM-DD" % raw)


def _parse_datetime(raw):
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    raise ValueError("%r is not a date and time in ISO form YYYY-MM-DD HH:MM:SS" % raw)


def _number_text(number):
    return ("%f" % number).rstrip("0").rstrip(".")
