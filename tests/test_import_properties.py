"""Property-based tests of the lead import (hypothesis).

Whatever a row holds, it lands whole or it is refused with a message that names the field, and nothing of a
refused row is written (no lead, no external id). Rows are imported as a salesperson who sees only their own
leads. The examples are derandomized (the same ones on every run: no flaky test) and few, so that the suite
stays quick; each one runs in a savepoint that is rolled back.
"""
import datetime
import os
from contextlib import contextmanager

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from jewellery_followup_import.rows import RowConverter, RowError

from test_import_batch import IMPORT_MODULE, ImportCase

# Hypothesis keeps a cache of Unicode data: in the project's local folder, not in the work tree.
set_hypothesis_home_dir(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".local",
                                     "hypothesis"))
SETTINGS = dict(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SELECTIONS = {
    "occasion": ["engagement", "wedding", "anniversary", "birthday", "holiday", "self_purchase", "other"],
    "stone_type": ["diamond", "sapphire", "ruby", "emerald", "pearl", "other"],
    "stone_cut": ["excellent", "very_good", "good", "fair", "poor"],
    "stone_clarity": ["FL", "IF", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", "I1", "I2", "I3"],
    "stone_color": list("DEFGHIJKLMNOPQRSTUVWXYZ"),
    "metal": ["platinum", "gold_yellow", "gold_white", "gold_rose", "silver", "palladium"],
}
CHAR_FIELDS = ["name", "recipient_name", "ring_size", "hospitality_note", "contact_name", "city"]
TEXT_FIELDS = ["piece_description", "description"]
NUMBER_FIELDS = ["stone_carat", "budget_min", "budget_max"]
DATE_FIELDS = ["occasion_date", "date_deadline"]
OTHER_SALESPEOPLE = ["colleague", "all_leads", "manager", "outsider"]

# -- good values --------------------------------------------------------------------------------------------
plain_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda text: text.strip())
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)).map(
    lambda day: day.isoformat())


@st.composite
def good_values(draw):
    values = {"name": draw(plain_text)}
    for name, keys in SELECTIONS.items():
        if draw(st.booleans()):
            values[name] = draw(st.sampled_from(keys))
    for name in CHAR_FIELDS[1:] + TEXT_FIELDS:
        if draw(st.booleans()):
            values[name] = draw(plain_text)
    if draw(st.booleans()):
        values["stone_carat"] = draw(st.integers(1, 999999)) / 100.0
    if draw(st.booleans()):
        low = draw(st.integers(0, 10 ** 7))
        values.update(budget_min=float(low), budget_max=float(low + draw(st.integers(0, 10 ** 7))))
    for name in DATE_FIELDS:
        if draw(st.booleans()):
            values[name] = draw(dates)  # past dates too: an anniversary last year is history worth keeping
    if draw(st.booleans()):
        values["is_surprise"] = draw(st.booleans())
    if draw(st.booleans()):
        values["user_id"] = "self"
    return values


# -- bad values: (field, value, what the message says after "field: ") ---------------------------------------
def _not_in(keys):
    return st.one_of(st.text(max_size=12).filter(lambda text: text not in keys),
                     st.integers(), st.lists(st.sampled_from(keys), min_size=1, max_size=2))


unknown_selection = st.sampled_from(sorted(SELECTIONS)).flatmap(
    lambda name: _not_in(SELECTIONS[name]).map(lambda value: (name, value, "unknown value")))
not_text = st.one_of(st.just(True), st.integers(), st.floats(allow_nan=False), st.lists(st.integers(), max_size=2),
                     st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
wrong_type = st.one_of(
    st.tuples(st.sampled_from(CHAR_FIELDS + TEXT_FIELDS), not_text, st.just("expects text")),
    st.tuples(st.sampled_from(NUMBER_FIELDS), st.one_of(st.just(True), st.text(max_size=8), st.lists(
        st.integers(), max_size=2)), st.just("expects a number")),
    st.tuples(st.just("is_surprise"), st.one_of(st.integers(), st.text(max_size=5), st.floats(allow_nan=False)),
              st.just("expects true or false")),
    st.tuples(st.sampled_from(DATE_FIELDS), st.one_of(st.just(True), st.integers(), st.floats(allow_nan=False)),
              st.just("is not a date")),
)
long_text = st.builds(lambda char, count: char * count,
                      st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=" "),
                      st.integers(20001, 120000))
huge_string = st.one_of(
    st.tuples(st.sampled_from(CHAR_FIELDS), long_text, st.just("characters, longer than the 1000 allowed")),
    st.tuples(st.sampled_from(TEXT_FIELDS), long_text, st.just("characters, longer than the 20000 allowed")),
)
broken_text = st.one_of(
    st.tuples(st.sampled_from(CHAR_FIELDS + TEXT_FIELDS),
              st.builds(lambda head, tail: head + "\x00" + tail, st.text(max_size=5), st.text(max_size=5)),
              st.just("contains a NUL character")),
    st.tuples(st.sampled_from(CHAR_FIELDS + TEXT_FIELDS),
              st.builds(lambda head: head + "\ud800", st.text(st.characters(blacklist_characters="\x00"),
                                                              max_size=5)),
              st.just("is not valid Unicode text")))
bad_number = st.one_of(
    st.tuples(st.sampled_from(NUMBER_FIELDS), st.sampled_from([float("nan"), float("inf"), float("-inf")]),
              st.just("expects a finite number")),
    st.tuples(st.just("stone_carat"), st.floats(10000, 1e300), st.just("is too large")),
    st.tuples(st.sampled_from(["budget_min", "budget_max"]), st.floats(1e15, 1e300), st.just("is too large")),
)
malformed_date = st.tuples(st.sampled_from(DATE_FIELDS), st.one_of(
    st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 9999), st.integers(13, 99), st.integers(1, 28)),
    st.builds("{:04d}-02-{:02d}".format, st.integers(1, 9999), st.integers(30, 99)),
    dates.map(lambda day: "%s/%s/%s" % (day[8:], day[5:7], day[:4])),
    dates.map(lambda day: day + "T10:00"),
    dates.map(lambda day: day.replace("-", "")),
    st.text(max_size=12).filter(lambda text: not (len(text) == 10 and text[4:5] == "-")),
), st.just("is not a date"))
someone_else = st.sampled_from(OTHER_SALESPEOPLE).map(lambda who: (
    "user_id", who, "no active user with id" if who == "outsider"  # another company's users are not shown
    else "your access rights do not let you create a lead assigned to"))
no_such_user = st.tuples(st.just("user_id"), st.one_of(
    st.integers(10 ** 7, 2 ** 31 - 1).map(lambda uid: (uid, "no active user with id")),
    st.one_of(st.integers(max_value=0), st.integers(min_value=2 ** 31)).map(lambda uid: (uid, "is out of range")),
)).map(lambda item: (item[0], item[1][0], item[1][1]))
bad_value = st.one_of(unknown_selection, wrong_type, huge_string, broken_text, bad_number, malformed_date,
                      someone_else, no_such_user)

CATEGORIES = (unknown_selection, wrong_type, huge_string, broken_text, bad_number, malformed_date, someone_else,
              no_such_user)
# Each example: a few good rows and one bad row of every kind, in any order, in one chunk.
rows = st.tuples(
    st.lists(good_values().map(lambda values: ("good", values)), max_size=4),
    st.tuples(*[st.tuples(good_values(), category).map(lambda pair: ("bad", pair)) for category in CATEGORIES]),
).flatmap(lambda parts: st.permutations(parts[0] + list(parts[1])))

# CSV cells as the tool reads them: mostly what a store writes, with a junk cell or two.
CSV_HEADER = ["name", "stone_color", "stone_cut", "metal", "is_surprise", "stone_carat", "budget_min",
              "occasion_date", "user_id"]
CSV_VALID = {
    "name": plain_text,
    "stone_color": st.sampled_from(SELECTIONS["stone_color"] + ["d", "z", ""]),
    "stone_cut": st.sampled_from(["very_good", "Very Good", "EXCELLENT", "poor", ""]),
    "metal": st.sampled_from(["gold_white", "White Gold", "platinum", "ROSE GOLD", ""]),
    "is_surprise": st.sampled_from(["yes", "No", "1", "0", "TRUE", ""]),
    "stone_carat": st.one_of(st.integers(1, 999999).map(lambda cents: "%.2f" % (cents / 100.0)), st.just("")),
    "budget_min": st.one_of(st.integers(0, 10 ** 9).map(str), st.just("")),
    "occasion_date": st.one_of(dates, st.just("")),
    "user_id": st.sampled_from(["", "<me>", "demo", "admin"]),
}
CSV_JUNK = st.one_of(st.text(st.characters(blacklist_characters="\x00"), max_size=12), st.sampled_from([
    " ", "AA", "Very  Good", "2", "1,5", "-1", "0", "1e5", "nan", "inf", "2027-02-30", "14/02/2027", "9" * 20,
    "nobody", "x" * 1001]))


@st.composite
def csv_cells(draw):
    cells = [draw(CSV_VALID[name]) for name in CSV_HEADER]
    for index in draw(st.sets(st.integers(0, len(CSV_HEADER) - 1), max_size=2)):
        cells[index] = draw(CSV_JUNK)
    return cells


class Undo(Exception):
    """Rolls an example back."""


class TestImportProperties(ImportCase):

    @contextmanager
    def undone(self):
        """The example runs in a savepoint that is rolled back: examples do not see each other."""
        try:
            with self.env.cr.savepoint():
                yield
                raise Undo()
        except Undo:
            pass
        finally:
            self.env.clear()
            self.registry.clear_caches()  # external id lookups of rolled-back leads

    def users(self):
        return {"self": self.own, "colleague": self.colleague, "all_leads": self.all_leads,
                "manager": self.manager, "outsider": self.outsider}

    def payload(self, drawn):
        """The rows to send, and for each: None when it should land, else (field, fragment of the message)."""
        users = self.users()
        payload, expected = [], []
        for index, (kind, content) in enumerate(drawn):
            if kind == "good":
                values, bad = dict(content), None
            else:
                (values, (field, value, fragment)) = dict(content[0]), content[1]
                if field == "user_id" and value in users:
                    value = users[value].id
                values[field] = value
                bad = (field, fragment)
            if values.get("user_id") == "self":
                values["user_id"] = self.own.id
            payload.append({"line": index + 2, "external_id": "prop-%d" % index, "values": values})
            expected.append(bad)
        return payload, expected

    @settings(**SETTINGS)
    @given(drawn=rows)
    def test_a_row_lands_whole_or_is_refused_naming_its_field_and_leaves_nothing(self, drawn):
        payload, expected = self.payload(drawn)
        with self.undone():
            before = self.counts()
            results = self.import_as(self.own, payload)
            for item, result, bad in zip(payload, results, expected):
                if bad is None:
                    self.assertEqual(result["status"], "created", result["message"])
                    lead = self.lead(item["external_id"])
                    for name in ("name", "stone_color", "occasion_date", "budget_max"):
                        if name in item["values"]:
                            self.assertEqual(lead[name], item["values"][name], name)
                    continue
                field, fragment = bad
                event("refused: %s" % fragment)
                self.assertEqual((result["status"], result["id"]), ("failed", False))
                self.assertTrue(result["message"].startswith(field + ": "), result["message"][:200])
                self.assertIn(fragment, result["message"][:300])
                self.assertLess(len(result["message"]), 500, "a message a person can read")
                self.assertFalse(self.lead(item["external_id"]), "no external id for a refused row")
            landed = expected.count(None)
            self.assertEqual(self.counts(), (before[0] + landed, before[1] + landed), "nothing half-written")

    @settings(**dict(SETTINGS, max_examples=15))
    @given(drawn=st.lists(st.tuples(st.sampled_from(["a", "b"]), good_values()), min_size=3, max_size=6))
    def test_the_same_rows_again_change_nothing_even_with_repeated_external_ids(self, drawn):
        payload = [{"line": index + 2, "external_id": "again-" + key,
                    "values": dict(values, user_id=self.own.id)} for index, (key, values) in enumerate(drawn)]
        first_line = {}
        for item in payload:
            first_line.setdefault(item["external_id"], item["line"])
        event("%d rows, %d repeated" % (len(payload), len(payload) - len(first_line)))
        with self.undone():
            first = self.import_as(self.own, payload)
            counts = self.counts()
            snapshots = {xid: self.snapshot(self.lead(xid)) for xid in first_line}
            again = self.import_as(self.own, payload)
            for item, before, after in zip(payload, first, again):
                if first_line[item["external_id"]] == item["line"]:
                    self.assertEqual((before["status"], after["status"]), ("created", "unchanged"))
                    self.assertEqual(after["id"], before["id"])
                else:
                    self.assertEqual((before["status"], after["status"]), ("failed", "failed"))
                    self.assertIn("is also on line %d" % first_line[item["external_id"]], after["message"])
                    self.assertEqual(after["message"], before["message"])
            self.assertEqual(self.counts(), counts)
            self.assertEqual({xid: self.snapshot(self.lead(xid)) for xid in first_line}, snapshots)

    @settings(**dict(SETTINGS, max_examples=10))
    @given(day=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2025, 12, 31)))
    def test_a_past_occasion_lands_and_its_follow_up_is_refused_saying_so(self, day):
        with self.undone():
            results = self.import_as(self.own, [{"line": 2, "external_id": "past", "values": {
                "name": "Anniversary ring", "occasion": "anniversary", "occasion_date": day.isoformat(),
                "user_id": self.own.id}}], start_followup=True)
            self.assertEqual(results[0]["status"], "created")
            self.assertEqual(results[0]["followup"], "refused")
            self.assertIn("(%s) has passed" % day.isoformat(), results[0]["followup_message"])
            self.assertEqual(self.lead("past").followup_state, "none")

    @settings(**SETTINGS)
    @given(cells=csv_cells())
    def test_what_the_tool_accepts_the_server_accepts(self, cells):
        header = CSV_HEADER
        cells = [self.own.login if cell == "<me>" else cell for cell in cells]
        importable = self.env["jewellery.followup.import"].sudo(self.own).importable_fields()
        meta = self.env["crm.lead"].sudo(self.own).fields_get(importable, attributes=[
            "type", "string", "selection", "digits"])
        logins = {user.login: user.id for user in self.env["res.users"].search([])}
        converter = RowConverter(header, meta, importable, logins)
        try:
            external_id, values = converter.convert(cells, len(header), 2)
        except RowError as error:
            event("refused by the tool")
            self.assertTrue(error.problems)
            for field, message in error.problems:
                self.assertIn(field, header, message)
            return
        with self.undone():
            result = self.import_as(self.own, [{"line": 2, "external_id": external_id, "values": values}])[0]
            event("accepted by the tool, %s by the server" % result["status"])
            if result["status"] == "failed":  # only a salesperson's rights may refuse what the tool accepted
                self.assertTrue(result["message"].startswith("user_id: your access rights"), result["message"])
                self.assertNotEqual(values.get("user_id"), self.own.id)
            else:
                self.assertEqual(result["status"], "created")
                self.assertTrue(self.env["ir.model.data"].search_count([
                    ("module", "=", IMPORT_MODULE), ("res_id", "=", result["id"])]))
