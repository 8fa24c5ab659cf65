# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Does the follow-up pay? The monthly summary's figures, worked out from plain rows.

A row is one chain started (a row of the report view ``jewellery_followup_result``, see ``report_sql``), as a dict:
``result`` (a code of ``vocabulary.RESULTS``), ``response_step`` ("1", "2", "3" or empty), ``user_id`` and
``user`` (the salesperson's id and name, empty when none), ``chain_id``, ``gift_value`` and ``revenue``.
Shares are percentages of the chains started, rounded to 0.1, and 0.0 when there is none to share.

``ResultMethods`` and ``SummaryPrintMethods`` are the private methods of each version's result model and its print
wizard: they read the rows through the ORM (as the user may see them) and hand them to the functions here.
"""
import calendar

from . import clock, vocabulary
from .odoo_store import RECORD_SLOTS

# The customer's answers that end a chain, and those of them that count as converted.
RESPONSES = ("appointment", "came_back", "purchased", "declined")
CONVERTED = ("appointment", "came_back", "purchased")
# The salesperson line of the chains that have none.
UNASSIGNED = "-"


def is_converted(result):
    return result in CONVERTED


def share(count, total):
    """``count`` in percent of ``total``, rounded to 0.1; 0.0 of nothing."""
    return round(100.0 * count / total, 1) if total else 0.0


def month_bounds(year, month):
    """First and last day of a month, as ISO dates."""
    last = calendar.monthrange(year, month)[1]
    return "%04d-%02d-01" % (year, month), "%04d-%02d-%02d" % (year, month, last)


def months_in(date_from, date_to):
    """How many calendar months the period touches, both ends included (dates or ISO strings)."""
    start, end = clock.as_date(date_from), clock.as_date(date_to)
    return (end.year - start.year) * 12 + end.month - start.month + 1


def month_title(month, year, lang=None):
    """"March 2027" (the month's name in ``lang``): the printed summary's title."""
    return "%s %s" % (vocabulary.label("month", "%02d" % int(month), lang), year)


def this_month(user_tz, company_tz):
    """The store's today, whose month and year the print wizard offers first."""
    return clock.store_today(clock.store_tz(user_tz, company_tz))


def summary_line(name, rows):
    """One salesperson's figures (or all of ``rows``): chains, converted, share, gift spend, revenue."""
    won = sum(1 for row in rows if is_converted(row["result"]))
    return {"name": name, "chains": len(rows), "converted": won, "share": share(won, len(rows)),
            "gift_spent": sum(row["gift_value"] or 0.0 for row in rows),
            "revenue": sum(row["revenue"] or 0.0 for row in rows)}


def salespeople(rows):
    """A line per salesperson, by name, then the chains without one (``UNASSIGNED``) when there are."""
    by_user = {}
    for row in rows:
        if row["user_id"]:
            by_user.setdefault((row["user"] or "", row["user_id"]), []).append(row)
    lines = [summary_line(name, by_user[(name, user_id)]) for name, user_id in sorted(by_user)]
    unassigned = [row for row in rows if not row["user_id"]]
    if unassigned:
        lines.append(summary_line(UNASSIGNED, unassigned))
    return lines


def monthly_summary(rows, budgets, date_from, date_to, lang=None):
    """The figures of the chains ``rows`` started from ``date_from`` to ``date_to`` (both included).

    ``budgets`` is the monthly gift budget of each chain the rows followed ({chain id: amount}); the budget of
    the period is theirs times the months it touches. The cost per converted customer is the gift spend divided
    by the chains that converted, None when none did. Step names are in ``lang``."""
    total = len(rows)

    def count(*results):
        return sum(1 for row in rows if row["result"] in results)

    converted = count(*CONVERTED)
    steps = []
    for step, _label in vocabulary.RESPONSE_STEPS:
        step_converted = sum(1 for row in rows if is_converted(row["result"]) and row["response_step"] == step)
        steps.append({"step": int(step), "name": vocabulary.label("response_step", step, lang),
                      "converted": step_converted, "share": share(step_converted, total)})
    chains = {row["chain_id"] for row in rows if row["chain_id"]}
    gift_spent = sum(row["gift_value"] or 0.0 for row in rows)
    gift_budget = sum(budgets.get(chain, 0.0) or 0.0 for chain in chains) * months_in(date_from, date_to)
    return {
        "date_from": date_from,
        "date_to": date_to,
        "chains": total,
        "converted": converted,
        "converted_share": share(converted, total),
        "steps": steps,
        "declined": count("declined"),
        "declined_share": share(count("declined"), total),
        "exhausted": count("exhausted"),
        "exhausted_share": share(count("exhausted"), total),
        "running": count("running"),
        "stopped": count("stopped"),
        "salespeople": salespeople(rows),
        "revenue": sum(row["revenue"] or 0.0 for row in rows),
        "gift_spent": gift_spent,
        "gift_budget": gift_budget,
        "gift_budget_left": gift_budget - gift_spent,
        "cost_per_won": gift_spent / converted if converted else None,
    }


def row_of(record):
    """The plain row of a result record (duck-typed: any object with the view's fields)."""
    return {"result": record.result, "response_step": record.response_step or None,
            "user_id": record.user_id.id, "user": record.user_id.name, "chain_id": record.chain_id.id,
            "gift_value": record.gift_value, "revenue": record.revenue}


class ResultMethods(object):
    """The private methods of each version's ``jewellery.followup.result`` model (the model gives ``_store``, its
    version's ``OdooStore``)."""
    __slots__ = RECORD_SLOTS

    def _store(self):
        raise NotImplementedError

    def _monthly_summary(self, date_from, date_to, company=None):
        """The figures of the chains started from ``date_from`` to ``date_to`` (ISO dates, both included) in
        ``company`` (the user's by default), as the user may see them: plain dicts for the printed summary
        (``monthly_summary``), with the company's name and currency."""
        store = self._store()
        company = company or store.default_company()
        records = self.search([("date_start", ">=", date_from), ("date_start", "<=", date_to),
                               ("company_id", "=", company.id)])
        budgets = {chain.id: chain.gift_budget for chain in records.mapped("chain_id").sudo()}
        summary = monthly_summary([row_of(record) for record in records], budgets, date_from, date_to,
                                  store.lang())
        summary.update(company=company.name, currency=company.currency_id)
        return summary

    def _month_bounds(self, year, month):
        return month_bounds(year, month)


class SummaryPrintMethods(object):
    """The private methods of each version's print wizard ``jewellery.followup.result.print`` (fields ``month``,
    ``year``, ``company_id``)."""
    __slots__ = RECORD_SLOTS

    _summary_report = "jewellery_followup.jewellery_followup_result_summary_report"

    def _print(self):
        """The action that prints the wizard's month (its button's)."""
        self.ensure_one()
        return self.env.ref(self._summary_report).report_action(self)

    def _summary(self):
        self.ensure_one()
        Result = self.env["jewellery.followup.result"]
        summary = Result._monthly_summary(*month_bounds(self.year, int(self.month)), company=self.company_id)
        summary["month"] = month_title(self.month, self.year, Result._store().lang())
        return summary

    def _report_values(self, docids):
        """What the summary's QWeb template reads: each wizard's summary."""
        docs = self.browse(docids)
        return {"doc_ids": docids, "doc_model": self._name, "docs": docs,
                "summaries": {doc.id: doc._summary() for doc in docs}}
