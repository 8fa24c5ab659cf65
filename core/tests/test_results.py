"""The monthly summary's arithmetic and the report views' SQL, without Odoo: plain rows in, plain dicts out."""
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jewellery_followup_core import report_sql, results, vocabulary

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def row(user, result, step=None, gift=0.0, revenue=0.0, chain=1):
    return {"user_id": {"Olga Owndocs": 7, "Nora Lindqvist": 8, "Paul Peer": 9}.get(user, 0) if user else False,
            "user": user or False, "result": result, "response_step": step, "chain_id": chain,
            "gift_value": gift, "revenue": revenue}


# the results scenarios' March 2027, as the report view gives it
MARCH = [
    row("Olga Owndocs", "appointment", "1"),
    row("Olga Owndocs", "purchased", "1", revenue=3000.0),
    row("Nora Lindqvist", "came_back", "2"),
    row("Nora Lindqvist", "declined", "1"),
    row("Olga Owndocs", "exhausted", gift=120.0),
    row("Nora Lindqvist", "purchased", "3", gift=80.0, revenue=4000.0),
    row("Paul Peer", "running"),
    row("Nora Lindqvist", "stopped"),
]


def test_the_hand_worked_month():
    summary = results.monthly_summary(MARCH, {1: 500.0}, "2027-03-01", "2027-03-31")
    assert summary["chains"] == 8
    assert [(step["step"], step["name"], step["converted"], step["share"]) for step in summary["steps"]] == [
        (1, "1. Call", 2, 25.0), (2, "2. Note", 1, 12.5), (3, "3. Gift", 1, 12.5)]
    assert (summary["converted"], summary["converted_share"]) == (4, 50.0)
    assert (summary["declined"], summary["declined_share"]) == (1, 12.5)
    assert (summary["exhausted"], summary["exhausted_share"]) == (1, 12.5)
    assert (summary["running"], summary["stopped"]) == (1, 1)
    assert summary["revenue"] == 7000.0
    assert (summary["gift_spent"], summary["gift_budget"], summary["gift_budget_left"]) == (200.0, 500.0, 300.0)
    assert summary["cost_per_won"] == 50.0
    assert [(line["name"], line["chains"], line["converted"], line["share"], line["gift_spent"], line["revenue"])
            for line in summary["salespeople"]] == [
        ("Nora Lindqvist", 4, 2, 50.0, 80.0, 4000.0),
        ("Olga Owndocs", 3, 2, 66.7, 120.0, 3000.0),
        ("Paul Peer", 1, 0, 0.0, 0.0, 0.0),
    ]
    assert (summary["date_from"], summary["date_to"]) == ("2027-03-01", "2027-03-31")


def test_a_month_with_nothing_started_divides_nothing_by_zero():
    summary = results.monthly_summary([], {}, "2027-04-01", "2027-04-30")
    assert (summary["chains"], summary["gift_spent"], summary["cost_per_won"]) == (0, 0.0, None)
    assert summary["converted_share"] == summary["declined_share"] == summary["exhausted_share"] == 0.0
    assert [step["share"] for step in summary["steps"]] == [0.0, 0.0, 0.0]
    assert summary["salespeople"] == []
    assert (summary["gift_budget"], summary["gift_budget_left"]) == (0.0, 0.0)


def test_the_budget_counts_each_chain_once_for_each_month_of_the_period():
    rows = [row("Olga Owndocs", "running", chain=1), row("Olga Owndocs", "running", chain=1),
            row("Paul Peer", "running", chain=2), row("Paul Peer", "running", chain=False)]
    summary = results.monthly_summary(rows, {1: 100.0, 2: 50.0, 3: 1000.0}, "2027-01-15", "2027-03-02")
    assert summary["gift_budget"] == 150.0 * 3


def test_chains_without_a_salesperson_come_last():
    rows = [row(None, "purchased", "2", revenue=10.0), row("Paul Peer", "declined", "1"),
            row("Nora Lindqvist", "running")]
    names = [line["name"] for line in results.monthly_summary(rows, {}, "2027-03-01", "2027-03-31")["salespeople"]]
    assert names == ["Nora Lindqvist", "Paul Peer", "-"]


def test_two_salespeople_of_one_name_keep_their_own_lines():
    rows = [dict(row("Paul Peer", "running"), user_id=9), dict(row("Paul Peer", "purchased", "1"), user_id=10)]
    lines = results.salespeople(rows)
    assert [(line["name"], line["chains"], line["converted"]) for line in lines] == [
        ("Paul Peer", 1, 0), ("Paul Peer", 1, 1)]


def test_step_names_and_month_in_the_readers_language():
    summary = results.monthly_summary(MARCH, {}, "2027-03-01", "2027-03-31", lang="fr_FR")
    assert [step["name"] for step in summary["steps"]] == [
        vocabulary.label("response_step", step, "fr_FR") for step in ("1", "2", "3")]
    assert summary["steps"][0]["name"] == "1. Appel"
    assert results.month_title("03", 2027) == "March 2027"
    assert results.month_title("03", 2027, "en_US") == "March 2027"
    assert results.month_title(3, 2027, "fr_FR") == "Mars 2027"


@pytest.mark.parametrize("year, month, bounds", [
    (2027, 3, ("2027-03-01", "2027-03-31")),
    (2028, 2, ("2028-02-01", "2028-02-29")),
    (2027, 2, ("2027-02-01", "2027-02-28")),
    (2027, 12, ("2027-12-01", "2027-12-31")),
])
def test_month_bounds(year, month, bounds):
    assert results.month_bounds(year, month) == bounds
    assert results.months_in(*bounds) == 1


def test_months_in_a_period():
    assert results.months_in("2026-11-30", "2027-02-01") == 4
    assert results.months_in("2027-03-01", "2027-03-01") == 1


ROWS = st.lists(st.builds(
    row,
    st.sampled_from([None, "Olga Owndocs", "Nora Lindqvist", "Paul Peer"]),
    st.sampled_from(vocabulary.keys("result")),
    st.sampled_from(["1", "2", "3"]),
    st.floats(min_value=0, max_value=500, allow_nan=False).map(lambda value: round(value, 2)),
    st.floats(min_value=0, max_value=20000, allow_nan=False).map(lambda value: round(value, 2)),
    st.sampled_from([False, 1, 2]),
), max_size=60).map(lambda rows: [dict(r, response_step=r["response_step"] if r["result"] in results.RESPONSES
                                       else None) for r in rows])


@settings(max_examples=200, deadline=None)
@given(ROWS, st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_the_figures_add_up(rows, budget):
    summary = results.monthly_summary(rows, {1: budget, 2: budget / 2}, "2027-03-01", "2027-04-30")
    total = summary["chains"]
    assert total == len(rows)
    # every chain ended one way
    assert (summary["converted"] + summary["declined"] + summary["exhausted"] + summary["running"]
            + summary["stopped"]) == total
    # the steps share out the converted; shares stay percentages and add up, to the rounding of each (every
    # share, the converted one included, is within 0.05 of its exact value)
    assert sum(step["converted"] for step in summary["steps"]) == summary["converted"]
    rounding = 0.05 * (len(summary["steps"]) + 1) + 1e-9
    assert abs(sum(step["share"] for step in summary["steps"]) - summary["converted_share"]) <= rounding
    for share in [summary["converted_share"], summary["declined_share"], summary["exhausted_share"]] + [
            step["share"] for step in summary["steps"]]:
        assert 0.0 <= share <= 100.0
    if total:
        assert summary["converted_share"] == round(100.0 * summary["converted"] / total, 1)
    # the salespeople share out the chains, the gifts and the revenue
    lines = summary["salespeople"]
    assert sum(line["chains"] for line in lines) == total
    assert sum(line["converted"] for line in lines) == summary["converted"]
    assert sum(line["gift_spent"] for line in lines) == pytest.approx(summary["gift_spent"])
    assert sum(line["revenue"] for line in lines) == pytest.approx(summary["revenue"])
    assert all(line["chains"] > 0 and 0.0 <= line["share"] <= 100.0 for line in lines)
    # the money
    assert summary["gift_budget_left"] == pytest.approx(summary["gift_budget"] - summary["gift_spent"])
    chains = {r["chain_id"] for r in rows if r["chain_id"]}
    assert summary["gift_budget"] == pytest.approx(2 * sum({1: budget, 2: budget / 2}[c] for c in chains))
    if summary["converted"]:
        assert summary["cost_per_won"] == pytest.approx(summary["gift_spent"] / summary["converted"])
    else:
        assert summary["cost_per_won"] is None


class Record(object):
    """A result record as the ORM gives it (many2ones as records, empty ones with id False)."""

    def __init__(self, **values):
        self.__dict__.update(values)


class Many2one(object):

    def __init__(self, record_id=False, name=False):
        self.id, self.name = record_id, name


def test_a_record_becomes_a_plain_row():
    record = Record(result="purchased", response_step="3", user_id=Many2one(7, "Olga"), chain_id=Many2one(1),
                    gift_value=80.0, revenue=4000.0)
    assert results.row_of(record) == {"result": "purchased", "response_step": "3", "user_id": 7, "user": "Olga",
                                      "chain_id": 1, "gift_value": 80.0, "revenue": 4000.0}
    assert results.row_of(Record(result="running", response_step=False, user_id=Many2one(), chain_id=Many2one(),
                                 gift_value=0.0, revenue=0.0))["response_step"] is None


# ------------------------------------------------------------------------------------------------- the views

@pytest.mark.parametrize("column", report_sql.REVENUE_COLUMNS)
def test_the_result_view_reads_each_versions_revenue(column):
    query, params = report_sql.result_view(column)
    assert query.startswith("CREATE OR REPLACE VIEW jewellery_followup_result AS (")
    assert "COALESCE(l.%s, 0)" % column in query and "{revenue}" not in query
    assert params == {"responses": results.RESPONSES, "converted": results.CONVERTED}
    # every placeholder has its parameter, and no other % is in the query
    assert set(re.findall(r"%\((\w+)\)s", query)) == set(params)
    assert "%" not in re.sub(r"%\(\w+\)s", "", query)


def test_no_other_column_reaches_the_sql():
    with pytest.raises(ValueError):
        report_sql.result_view("planned_revenue; DROP TABLE crm_lead")


def test_the_gift_month_view():
    query, params = report_sql.gift_month_view()
    assert query.startswith("CREATE OR REPLACE VIEW jewellery_followup_gift_month AS (")
    assert params is None and "%" not in query


def _aliases(select):
    """The column names of the view's outer SELECT."""
    start = select.rindex("\n    SELECT") + len("\n    SELECT")
    outer = select[start:select.index("\n      FROM", start)]
    return {re.split(r"\s+AS\s+|\.", item.strip())[-1].strip() for item in outer.split(",\n")}


@pytest.mark.parametrize("view", ["result", "gift_month"])
@pytest.mark.parametrize("reports", ["jewellery_followup/report", "glue/jewellery_followup_glue/report"])
def test_each_addons_fields_are_the_views_columns(view, reports):
    """The 11.0 addon's report models, and those of 17.0 to 19.0 (the glue's), declare the view's columns."""
    select = getattr(report_sql, "%s_SELECT" % view.upper())
    source = os.path.join(ROOT, reports, "jewellery_followup_%s.py" % view)
    if not os.path.exists(source):
        pytest.skip("the addons are not next to the core")
    with open(source) as stream:
        declared = set(re.findall(r"^    (\w+) = fields\.", stream.read(), re.M))
    assert _aliases(select) == declared | {"id"}
