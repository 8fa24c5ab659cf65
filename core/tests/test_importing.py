"""The lead import's checks, limits, messages and flow, without Odoo (``jewellery_followup_core.importing``).

The server's check of a value (``Field.check``) and the command's reading of a cell (``Column.read``) are tested
here in plain Python; hypothesis proves that whatever the command accepts, the server's check accepts, and that the
server's check answers any JSON value with the value or a message naming the field. The flow of a call
(``Batch``) runs against a store held in memory.
"""
import datetime
import os
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from jewellery_followup_core import importing, messages, vocabulary
from jewellery_followup_core.importing import (COLUMNS, Batch, Column, Field, RowError, RowReader, check_header,
                                               check_rows, content_id)
from jewellery_followup_core.messages import Refusal

set_hypothesis_home_dir(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                     ".local", "hypothesis"))
SETTINGS = dict(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

# crm.lead's fields as fields_get describes them (Odoo 11 and 18 alike), as the server and the command see them
META = {
    "name": {"type": "char", "required": True},
    "contact_name": {"type": "char"},
    "zip": {"type": "char", "size": 24},
    "piece_description": {"type": "text"},
    "occasion": {"type": "selection", "selection": vocabulary.OCCASIONS},
    "stone_color": {"type": "selection", "selection": vocabulary.STONE_COLORS},
    "stone_cut": {"type": "selection", "selection": vocabulary.STONE_CUTS},
    "metal": {"type": "selection", "selection": vocabulary.METALS},
    "occasion_date": {"type": "date"},
    "date_closed": {"type": "datetime"},
    "is_surprise": {"type": "boolean"},
    "stone_carat": {"type": "float", "digits": [6, 2]},
    "probability": {"type": "float", "digits": False},
    "budget_min": {"type": "monetary"},
    "budget_max": {"type": "monetary"},
    "color": {"type": "integer"},
    "user_id": {"type": "many2one"},
}
FIELDS = importing.fields_of(META)
LOGINS = {"admin": 2, "maria@store.com": 7}


def problem(name, value):
    """The server's message for ``value`` in the field ``name``, or None when accepted."""
    try:
        FIELDS[name].check(value)
    except Refusal as refusal:
        return refusal.text("en_US")
    return None


def cell(name, raw, decimal_comma=False):
    """The command's value for a cell, or its message."""
    try:
        return Column(name, META[name], LOGINS, decimal_comma).read(raw)
    except Refusal as refusal:
        return "! " + refusal.text(None)


# ------------------------------------------------------------------------------------------------- limits

def test_the_limits_are_the_documented_ones():
    assert (importing.CHUNK_SIZE, importing.MAX_ROWS_PER_CALL) == (200, 5000)
    assert (importing.MAX_CHAR_LENGTH, importing.MAX_TEXT_LENGTH, importing.MAX_EXTERNAL_ID_LENGTH) == (1000, 20000,
                                                                                                        200)
    assert importing.INTEGER_RANGE == (-2 ** 31, 2 ** 31 - 1)
    assert FIELDS["stone_carat"].largest == 10000.0  # digits (6, 2): 10,000 carats and more are refused
    assert FIELDS["budget_min"].largest == FIELDS["probability"].largest == 1e15
    assert FIELDS["zip"].limit == 24 and FIELDS["name"].limit == 1000 and FIELDS["piece_description"].limit == 20000


def test_a_row_may_set_plain_fields_and_the_salesperson_only():
    assert importing.settable("occasion", "selection")
    assert importing.settable("user_id", "many2one")
    assert not importing.settable("partner_id", "many2one")
    assert not importing.settable("tag_ids", "many2many")
    assert not importing.settable("create_date", "datetime")
    assert not importing.settable("id", "integer")


# ------------------------------------------------------------------------------------- the server's values

@pytest.mark.parametrize("name, value, expected", [
    ("occasion", "birthday", None),
    ("occasion", "Birthday", "occasion: unknown value 'Birthday'"),
    ("occasion", ["birthday"], "occasion: unknown value ['birthday']"),
    ("name", 12, "name: expects text"),
    ("name", "x" * 1001, "name: 1001 characters, longer than the 1000 allowed (a quote left open in the file?)"),
    ("zip", "1" * 25, "zip: 25 characters, longer than the 24 allowed (a quote left open in the file?)"),
    ("piece_description", "x" * 20000, None),
    ("contact_name", "Ada\x00", "contact_name: contains a NUL character"),
    ("contact_name", "Ada\ud800", "contact_name: is not valid Unicode text"),
    ("occasion_date", "2027-02-14", None),
    ("occasion_date", "2027-02-30", "occasion_date: '2027-02-30' is not a date in ISO form (YYYY-MM-DD)"),
    ("occasion_date", "14/02/2027", "occasion_date: '14/02/2027' is not a date in ISO form (YYYY-MM-DD)"),
    ("occasion_date", 20270214, "occasion_date: 20270214 is not a date in ISO form (YYYY-MM-DD)"),
    ("date_closed", "2027-02-14 10:00:00", None),
    ("date_closed", "2027-02-14 10:00:00\n",
     "date_closed: '2027-02-14 10:00:00\\n' is not a date and time (YYYY-MM-DD HH:MM:SS)"),
    ("date_closed", "2027-02-14T10:00", "date_closed: '2027-02-14T10:00' is not a date and time (YYYY-MM-DD HH:MM:SS)"),
    ("is_surprise", True, None),
    ("is_surprise", 1, "is_surprise: expects true or false"),
    ("color", 3, None),
    ("color", 3.0, "color: expects a whole number"),
    ("color", True, "color: expects a whole number"),
    ("color", 2 ** 31, "color: 2147483648 is out of range"),
    ("user_id", 7, None),
    ("user_id", 0, "user_id: 0 is out of range"),
    ("stone_carat", 1.25, None),
    ("stone_carat", "1.25", "stone_carat: expects a number"),
    ("stone_carat", float("nan"), "stone_carat: expects a finite number"),
    ("stone_carat", float("-inf"), "stone_carat: expects a finite number"),
    ("stone_carat", 10000, "stone_carat: 10000 is too large"),
    ("budget_max", 1e15, "budget_max: 1000000000000000.0 is too large"),
    ("budget_max", 10 ** 15 - 1, None),
])
def test_the_server_checks_each_value_and_names_the_field(name, value, expected):
    assert problem(name, value) == expected


def test_emptying_a_field_is_refused_only_when_it_is_required():
    assert FIELDS["occasion"].check(False) is False
    assert FIELDS["occasion"].check(None) is False
    assert problem("name", None) == "name: required, cannot be emptied."
    assert FIELDS["is_surprise"].check(None) is False  # a boolean's False is a value
    assert Field("flag", {"type": "boolean", "required": True}).check(False) is False


def test_the_server_speaks_the_callers_language():
    refusal = pytest.raises(Refusal, FIELDS["occasion"].check, "x").value
    assert refusal.text("fr_FR") == "occasion : valeur inconnue 'x'"
    assert refusal.text("de_DE") == "occasion: unbekannter Wert 'x'"
    assert messages.text("import.not_importable", "es_ES", field="x") == (
        "x: no es un campo de crm.lead que la importación pueda rellenar.")


def test_every_text_of_the_import_is_translated_and_keeps_its_placeholders():
    texts = {code: english for code, english in messages.TEXTS.items() if messages.AREAS[code] == "importing"}
    assert len(texts) > 50
    for language in messages.LANGUAGES:
        catalogue = messages.catalogue(language)
        for code, english in texts.items():
            assert english in catalogue, (language, code)
            assert sorted(importing.re.findall(r"%\(\w+\)[sr]", catalogue[english])) == sorted(
                importing.re.findall(r"%\(\w+\)[sr]", english)), (language, code)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6)


@settings(**SETTINGS)
@given(name=st.sampled_from(sorted(META)), value=json_values)
def test_any_json_value_is_accepted_as_it_is_or_refused_naming_its_field(name, value):
    try:
        checked = FIELDS[name].check(value)
    except Refusal as refusal:
        message = refusal.text("en_US")
        assert message.startswith(name + ": "), message
        return
    assert checked is False if value is None else checked is value


# ----------------------------------------------------------------------------------------- the command's cells

@pytest.mark.parametrize("name, raw, expected", [
    ("occasion", "Self-purchase", "self_purchase"),
    ("occasion", "SELF_PURCHASE", "self_purchase"),
    ("occasion", "Christmas", "! unknown value 'Christmas' (expected one of: engagement, wedding, anniversary, "
                              "birthday, holiday, self_purchase, other)"),
    ("stone_color", "d", "D"),
    ("stone_color", "AA", "! 'AA' is not a GIA colour grade from D to Z"),
    ("stone_cut", "very good", "very_good"),
    ("metal", "White Gold", "gold_white"),
    ("occasion_date", "2027-02-14", "2027-02-14"),
    ("occasion_date", "2027-2-14", "! '2027-2-14' is not a date in ISO form YYYY-MM-DD"),
    ("date_closed", "2027-02-14T10:30", "2027-02-14 10:30:00"),
    ("date_closed", "2027-02-14", "2027-02-14 00:00:00"),
    ("date_closed", "soon", "! 'soon' is not a date and time in ISO form YYYY-MM-DD HH:MM:SS"),
    ("is_surprise", "Yes", True),
    ("is_surprise", "0", False),
    ("is_surprise", "maybe", "! 'maybe' is not a yes/no value (use 1/0, true/false or yes/no)"),
    ("name", "x" * 1001, "! 1001 characters, longer than the 1000 allowed (a quote left open in the file?)"),
    ("name", "Ring\x00", "! contains a NUL character"),
    ("stone_carat", "1.25", 1.25),
    ("stone_carat", "1,25", "! '1,25' is not a number"),
    ("stone_carat", "0", "! '0' is not a positive number of carats"),
    ("stone_carat", "10000", "! '10000' is too large"),
    ("stone_carat", "9" * 400, "! '" + "9" * 400 + "' is too large"),
    ("budget_min", "-1", "! '-1' is negative"),
    ("budget_min", "1 200", 1200.0),
    ("budget_min", "1e5", "! '1e5' is not a number"),
    ("color", "3", 3),
    ("color", "3.5", "! '3.5' is not a whole number"),
    ("color", "99999999999", "! '99999999999' is out of range"),
    ("user_id", "Maria@Store.com", 7),
    ("user_id", "nobody", "! no active user with login 'nobody'"),
])
def test_the_command_reads_each_cell_or_says_why_not(name, raw, expected):
    assert cell(name, raw) == expected


def test_a_decimal_comma_is_read_in_a_semicolon_file():
    assert cell("stone_carat", "1,25", decimal_comma=True) == 1.25
    assert cell("stone_carat", "1,250.5", decimal_comma=True) == "! '1,250.5' is not a number"


cells = st.one_of(
    st.text(max_size=14),
    st.sampled_from(["1", "0", "yes", "No", "TRUE", "d", "z", "Very Good", "gold_white", "2027-02-14",
                     "2027-02-30", "0999-01-01", "0999-01-01 10:00", "2027-02-14T10:00", "1,5", "-1", "1e5", "nan",
                     "inf", "9" * 20, "9" * 400, "2147483648", "admin", "x" * 1001, "x" * 20001, "Ring\x00"]),
    st.floats(allow_nan=True).map(repr), st.integers().map(str),
).map(str.strip).filter(bool)


@settings(**SETTINGS)
@given(name=st.sampled_from(sorted(META)), raw=cells, decimal_comma=st.booleans())
def test_whatever_the_command_accepts_the_server_accepts(name, raw, decimal_comma):
    try:
        value = Column(name, META[name], LOGINS, decimal_comma).read(raw)
    except Refusal:
        return
    assert FIELDS[name].check(value) == value


# ------------------------------------------------------------------------------------------- the command's rows

HEADER = ["external_id", "name", "stone_carat", "budget_min", "budget_max", "reject_reason"]


def reader(header=HEADER):
    return RowReader(header, META, sorted(META), LOGINS, ignored=("reject_line", "reject_field", "reject_reason"))


def test_the_header_names_known_columns_once_with_a_name():
    assert check_header(["Name", " occasion ", "", "reject_line"], {"name", "occasion"}, ("reject_line",)) == [
        ("name", 0), ("occasion", 1)]
    everything = set(COLUMNS)
    with pytest.raises(Refusal) as raised:
        check_header(["name", "occasoin"], everything)
    assert raised.value.text(None) == (
        "unknown column 'occasoin': columns are crm.lead field names (name, contact_name, email_from, phone, mobile, "
        "street, city, zip, user_id, occasion, occasion_date, recipient_name, is_surprise, stone_type, stone_shape, "
        "stone_carat, stone_color, stone_clarity, stone_cut, metal, ring_size, budget_min, budget_max, "
        "piece_description, hospitality_note, ...) and external_id")
    # only what the server takes is offered: Odoo 19's crm.lead has no mobile
    with pytest.raises(Refusal) as raised:
        check_header(["name", "mobile"], everything - {"mobile"})
    assert raised.value.text(None).startswith(
        "unknown column 'mobile': columns are crm.lead field names (name, contact_name, email_from, phone, street,")
    with pytest.raises(Refusal) as raised:
        check_header(["name", "a", "b"], {"name"})
    assert raised.value.text(None).startswith("unknown columns 'a', 'b': columns are")
    with pytest.raises(Refusal) as raised:
        check_header(["name", "Name"], {"name"})
    assert raised.value.text(None) == "the column 'name' appears twice in the header"
    with pytest.raises(Refusal) as raised:
        check_header(["occasion"], {"name", "occasion"})
    assert raised.value.text(None) == "the header has no 'name' column (the lead's title, required)"


def test_a_row_is_read_or_refused_with_every_problem_and_its_field():
    rows = reader()
    assert rows.read(["C-1", "Ring", "1.25", "", "", "old reason"], len(HEADER), 2) == (
        "C-1", {"name": "Ring", "stone_carat": 1.25})
    with pytest.raises(RowError) as raised:
        rows.read(["C-1", "", "-2", "900", "500", "", "stray"], len(HEADER), 3)
    assert raised.value.problems == [
        ("", "7 cells but the header names 6 columns (a stray separator?)"),
        ("external_id", "external id 'C-1' is also on line 2 (only the first line with an external id is imported)"),
        ("stone_carat", "'-2' is not a positive number of carats"),
        ("name", "required (the lead's title)"),
        ("budget_min", "900 is above budget_max 500"),
    ]
    assert raised.value.fields == "external_id, stone_carat, name, budget_min"
    assert str(raised.value).startswith("7 cells but the header names 6 columns (a stray separator?); external_id: ")


def test_a_row_without_external_id_is_keyed_by_its_content_and_its_copy():
    seen = {}
    first = content_id({"name": "Ring"}, seen)
    assert first.startswith("auto-") and len(first) == 29
    assert content_id({"name": "Ring"}, seen) == first + "-2"
    assert content_id({"name": "Ring"}, {}) == first


# ------------------------------------------------------------------------------------------ the server's rows

def test_rows_are_checked_one_by_one_and_an_external_id_belongs_to_its_first_row():
    rows = [
        {"line": 2, "external_id": "C-1", "values": {"name": "Ring", "occasion": "nope"}},
        {"line": 3, "external_id": "C-1", "values": {"name": "Ring"}},
        {"external_id": "C-2", "values": {"name": "Pearls", "favourite": 1}},
        {"external_id": "C-2", "values": {"name": "Pearls"}},
        {"external_id": " ", "values": {"name": "Bands"}},
        {"external_id": "x" * 201, "values": {"name": "Bands"}},
        {"line": 8, "values": {"contact_name": "Ada"}},
        "not a row",
        {"line": 10, "external_id": "C-3", "values": {"name": "Pendant", "is_surprise": True}},
    ]
    results, prepared = check_rows(rows, FIELDS, "en_US")
    assert [result["message"] for result in results] == [
        "occasion: unknown value 'nope'",
        "external_id: external id 'C-1' is also on line 2 (only the first line with an external id is imported).",
        "favourite: not a crm.lead field the import can set.",
        "external_id: external id 'C-2' is also on row 3 of this call (only the first line with an external id is "
        "imported).",
        "external_id: must be a non-empty text when given.",
        "external_id: longer than 200 characters.",
        "name: required (the lead's title).",
        "A row must be a dict with its values under \"values\".",
        "",
    ]
    assert [(result["status"], result["id"]) for result in results] == [("failed", False)] * 9
    assert prepared == [(results[8], {"name": "Pendant", "is_surprise": True})]
    french, _prepared = check_rows(rows[:2], FIELDS, "fr_FR")
    assert french[1]["message"] == (
        "external_id : l'identifiant externe 'C-1' figure aussi en ligne 2 (seule la première ligne avec un "
        "identifiant externe est importée).")


def test_only_changed_values_are_written_and_dates_compare_as_sent():
    same = MemoryStore.same_number
    old = {"name": "Ring", "stone_carat": 1.25, "budget_min": 100.001, "occasion_date": datetime.date(2027, 2, 14),
           "date_closed": "2027-02-14 10:00:00", "user_id": (7, "Maria"), "is_surprise": False, "occasion": False}
    new = {"name": "Ring", "stone_carat": 1.251, "budget_min": 100.0, "occasion_date": "2027-02-14",
           "date_closed": "2027-02-14 10:00:00", "user_id": 7, "is_surprise": None, "occasion": "birthday"}
    assert importing.changes(FIELDS, old, new, same, 2) == {"occasion": "birthday"}
    assert importing.changes(FIELDS, old, dict(new, stone_carat=1.26, user_id=2), same, 2) == {
        "occasion": "birthday", "stone_carat": 1.26, "user_id": 2}


# ------------------------------------------------------------------------------------------- a call, in memory

class MemoryStore(object):
    """A store held in memory, as ``importing.Batch`` asks of a version's OdooImportStore."""

    creates_in_bulk = True

    def __init__(self, lang="en_US"):
        self.env = SimpleNamespace(uid=7)
        self._lang = lang
        self.leads, self.xids, self.foreign = {}, {}, set()
        self.refused_leads, self.running, self.next_id = set(), set(), 100
        self.bulk_creates = []

    def lang(self):
        return self._lang

    @staticmethod
    def error(refusal):
        return ValueError(refusal.text("en_US"))

    @staticmethod
    def importable_fields():
        return sorted(META)

    @staticmethod
    def describe(names):
        return {name: META[name] for name in names}

    @staticmethod
    def visible_users(user_ids):
        return set(user_ids) & {2, 7}

    def find_existing(self, external_ids):
        return ({xid: self.xids[xid] for xid in external_ids if xid in self.xids},
                {xid for xid in external_ids if xid in self.foreign})

    def leads_the_caller_may_change(self, lead_ids):
        return set(lead_ids) - self.refused_leads

    def read_current(self, to_write):
        return {lead_id: dict(self.leads[lead_id]) for _result, _values, lead_id in to_write if lead_id}

    @staticmethod
    def money_decimals():
        return 2

    @staticmethod
    def same_number(first, second, decimals):
        return round(first, decimals) == round(second, decimals)

    @contextmanager
    def writing(self, _to_write):
        @contextmanager
        def row_savepoint():
            before = {lead_id: dict(lead) for lead_id, lead in self.leads.items()}
            try:
                yield
            except Exception:
                self.leads = before
                raise
        yield row_savepoint

    def create_lead(self, values):
        if values["name"] == "boom":
            raise RuntimeError("the database went away")
        if values.get("user_id") == 2:
            raise PermissionError("not yours")
        self.next_id += 1
        self.leads[self.next_id] = dict(values)
        return self.next_id

    def create_leads(self, values_list):
        self.bulk_creates.append(len(values_list))
        return [self.create_lead(values) for values in values_list]

    def update_lead(self, lead_id, values):
        self.leads[lead_id].update(values)

    def bind_external_ids(self, bindings):
        self.xids.update(bindings)
        return bindings

    @staticmethod
    def is_serialization_failure(_error):
        return False

    @staticmethod
    def caused_by_access_error(error):
        return isinstance(error, PermissionError)

    @staticmethod
    def error_text(_error):
        return None

    @staticmethod
    def user_name(user_id):
        return {2: "Colin Baker"}[user_id]

    def running_leads(self, lead_ids):
        return set(lead_ids) & self.running

    def start_followup(self, lead_ids):
        self.running.update(lead_ids)
        return {}

    @contextmanager
    def savepoint(self):
        yield

    def invalidate_all(self):
        pass

    def rolled_back(self, work):
        saved = ({lead_id: dict(lead) for lead_id, lead in self.leads.items()}, dict(self.xids), set(self.running))
        try:
            return work()
        finally:
            self.leads, self.xids, self.running = saved


def test_a_call_creates_updates_skips_and_refuses_row_by_row():
    store = MemoryStore()
    store.leads[50], store.xids["mine"] = {"name": "Old ring", "stone_carat": 1.0}, 50
    store.leads[60], store.xids["theirs"] = {"name": "Their ring"}, 60
    store.refused_leads.add(60)
    store.foreign.add("partner-7")
    rows = [
        {"line": 2, "external_id": "new", "values": {"name": "Ring", "user_id": 7}},
        {"line": 3, "external_id": "mine", "values": {"name": "Old ring", "stone_carat": 1.001}},
        {"line": 4, "external_id": "theirs", "values": {"name": "Their ring"}},
        {"line": 5, "external_id": "partner-7", "values": {"name": "Pearls"}},
        {"line": 6, "external_id": "ghost", "values": {"name": "Pearls", "user_id": 99}},
        {"line": 7, "external_id": "colin", "values": {"name": "Pearls", "user_id": 2}},
        {"line": 8, "external_id": "boom", "values": {"name": "boom"}},
    ]
    results = Batch(store).run(rows, start_followup=True)
    assert [(result["status"], result["message"]) for result in results] == [
        ("created", ""),
        ("unchanged", ""),
        ("failed", "external_id: external id 'theirs' belongs to a lead you are not allowed to read or change; "
                   "nothing was written."),
        ("failed", "external_id: external id 'partner-7' is already used by a record that is not a lead."),
        ("failed", "user_id: no active user with id 99."),
        ("failed", "user_id: your access rights do not let you create a lead assigned to Colin Baker."),
        ("failed", "Server error: the database went away"),
    ]
    assert [result.get("followup") for result in results] == ["started", "started"] + [None] * 5
    # the batch of new leads was rolled back (a bad row in it) and took id 101 with it, as a sequence does
    assert store.xids == {"mine": 50, "theirs": 60, "new": 102}
    again = Batch(store).run(rows[:2] + [dict(rows[1], values={"name": "New name"})], start_followup=True)
    assert [(result["status"], result.get("followup")) for result in again] == [
        ("unchanged", "running"), ("unchanged", "running"), ("failed", None)]
    assert store.leads[50]["name"] == "Old ring"


def test_the_new_leads_of_a_clean_chunk_are_created_in_one_call_and_a_bad_one_costs_only_itself():
    store = MemoryStore()
    store.leads[50], store.xids["old"] = {"name": "Old ring"}, 50
    rows = [{"line": line, "external_id": "x%d" % line, "values": {"name": "Ring %d" % line}}
            for line in range(2, 6)] + [{"line": 6, "external_id": "old", "values": {"name": "Renamed"}}]
    results = Batch(store).run(rows)
    assert [(result["status"], result["id"]) for result in results] == [
        ("created", 101), ("created", 102), ("created", 103), ("created", 104), ("updated", 50)]
    assert store.bulk_creates == [4]
    assert store.xids == {"old": 50, "x2": 101, "x3": 102, "x4": 103, "x5": 104}
    # a bad row in the middle: the batch is rolled back, then each row goes again on its own
    store = MemoryStore()
    rows[1] = {"line": 3, "external_id": "x3", "values": {"name": "boom"}}
    results = Batch(store).run(rows[:4])
    assert [result["status"] for result in results] == ["created", "failed", "created", "created"]
    assert store.bulk_creates == [4]
    assert sorted(lead["name"] for lead in store.leads.values()) == ["Ring 2", "Ring 4", "Ring 5"]
    assert set(store.xids) == {"x2", "x4", "x5"}


def test_a_dry_run_reports_what_would_happen_and_keeps_nothing():
    store = MemoryStore(lang="de_DE")
    results = Batch(store).run([{"line": 2, "external_id": "a", "values": {"name": "Ring"}}], dry_run=True)
    assert results[0]["status"] == "created"
    assert store.leads == {} and store.xids == {}
    with pytest.raises(ValueError) as raised:
        Batch(store).run([{}] * 5001)
    assert str(raised.value) == "import_batch takes a list of at most 5000 rows."
    refused = Batch(store).run([{"line": 2, "values": {"name": "Ring", "user_id": 2}}])
    assert refused[0]["message"] == (
        "user_id: Ihre Zugriffsrechte erlauben Ihnen nicht, einen Lead für Colin Baker anzulegen.")


def test_numbers_stay_finite_in_the_messages():
    assert problem("probability", 1e300) == "probability: 1e+300 is too large"
