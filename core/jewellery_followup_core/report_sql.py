# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SQL views behind the follow-up's reports, once for every Odoo version: each addon's report model declares
its fields (``_auto = False``) and its ``init`` drops the view and executes what ``result_view`` or
``gift_month_view`` return.

Where a column of Odoo's own tables is named differently from one version to the next, the view takes it as a
parameter, from a closed list (a column name cannot be a query parameter): the lead's expected revenue is
``planned_revenue`` in 11.0 and ``expected_revenue`` from 14.0 on.
"""
from .aftersale import REVENUE_WINDOW_DAYS
from .results import CONVERTED, RESPONSES

# The lead's expected revenue, by the name each Odoo version gives it.
REVENUE_COLUMNS = ("planned_revenue", "expected_revenue")

# One row per chain started: a lead that has at least one follow-up attempt, and how its chain ended. The start
# is the first attempt's due date. The result is the customer's answer to the last touch closed, else what the
# lead's follow-up says (running, no response after three touches, or stopped for another reason: won or lost by
# hand, opted out, cancelled). Gift spend counts the gifts of the lead's attempts that were not cancelled;
# revenue is the expected revenue of the leads won (probability 100).
RESULT_SELECT = """
    WITH started AS (
        SELECT a.lead_id,
               MIN(a.date_scheduled) AS date_start,
               SUM(CASE WHEN a.state != 'cancelled' THEN COALESCE(a.gift_value, 0) ELSE 0 END) AS gift_value,
               (ARRAY_AGG(a.chain_id ORDER BY a.attempt_no))[1] AS chain_id
          FROM jewellery_followup_attempt a
         GROUP BY a.lead_id
    ), last_closed AS (
        SELECT DISTINCT ON (a.lead_id) a.lead_id, a.outcome, a.attempt_no
          FROM jewellery_followup_attempt a
         WHERE a.state = 'done'
         ORDER BY a.lead_id, a.attempt_no DESC
    ), ended AS (
        SELECT l.id AS lead_id,
               CASE WHEN l.followup_state = 'running' THEN 'running'
                    WHEN c.outcome IN %(responses)s THEN c.outcome
                    WHEN l.followup_state = 'exhausted' THEN 'exhausted'
                    ELSE 'stopped' END AS result,
               c.attempt_no
          FROM crm_lead l
          JOIN started s ON s.lead_id = l.id
          LEFT JOIN last_closed c ON c.lead_id = l.id
    )
    SELECT l.id AS id,
           l.id AS lead_id,
           s.date_start,
           l.user_id,
           l.team_id,
           l.occasion,
           COALESCE(l.followup_chain_id, s.chain_id) AS chain_id,
           l.company_id,
           co.currency_id,
           e.result,
           CASE WHEN e.result IN %(responses)s THEN e.attempt_no::varchar END AS response_step,
           e.result IN %(converted)s AS converted,
           1 AS nbr,
           CASE WHEN e.result IN %(converted)s THEN 1 ELSE 0 END AS converted_count,
           CASE WHEN e.result IN %(converted)s THEN 100.0 ELSE 0.0 END AS conversion_rate,
           s.gift_value,
           CASE WHEN l.probability >= 100 THEN COALESCE(l.{revenue}, 0) ELSE 0 END AS revenue
      FROM crm_lead l
      JOIN started s ON s.lead_id = l.id
      JOIN ended e ON e.lead_id = l.id
      LEFT JOIN res_company co ON co.id = l.company_id
"""

# One row per chain and month, from the month of the chain's first touch to the current month: what its gifts cost
# against its monthly gift budget. A gift counts in the month its touch is due, as the chain's "Gifts This Month"
# counts it, unless the touch was cancelled. The budget is the chain's current monthly budget (the store sets one
# figure, not a history).
GIFT_MONTH_SELECT = """
    WITH spend AS (
        SELECT a.chain_id,
               date_trunc('month', a.date_scheduled)::date AS month,
               COUNT(*) FILTER (WHERE COALESCE(a.gift_value, 0) > 0) AS gift_count,
               SUM(COALESCE(a.gift_value, 0)) AS gift_spend
          FROM jewellery_followup_attempt a
         WHERE a.state != 'cancelled' AND a.chain_id IS NOT NULL
         GROUP BY a.chain_id, date_trunc('month', a.date_scheduled)
    ), months AS (
        SELECT s.chain_id,
               generate_series(MIN(s.month),
                               GREATEST(MAX(s.month), date_trunc('month', now() AT TIME ZONE 'UTC')),
                               interval '1 month')::date AS month
          FROM spend s
         GROUP BY s.chain_id
    )
    SELECT row_number() OVER (ORDER BY m.month, m.chain_id) AS id,
           m.month,
           m.chain_id,
           c.company_id,
           c.currency_id,
           COALESCE(s.gift_count, 0) AS gift_count,
           COALESCE(s.gift_spend, 0) AS gift_spend,
           COALESCE(c.gift_budget, 0) AS gift_budget,
           COALESCE(c.gift_budget, 0) - COALESCE(s.gift_spend, 0) AS budget_left
      FROM months m
      JOIN jewellery_followup_chain c ON c.id = m.chain_id
      LEFT JOIN spend s ON s.chain_id = m.chain_id AND s.month = m.month
"""

# One row per after-sale touch made (put on a list, answered or not), and whether it paid: the sales won by the same
# customer (the same contact or e-mail address) within REVENUE_WINDOW_DAYS after it, each sale credited once, to the
# customer's latest touch before it (``aftersale.revenue_after_touches`` says the same in Python). A sale's day is
# the day it was won, a touch's the day it was put on the list.
AFTERSALE_RESULT_SELECT = """
    WITH credited AS (
        SELECT touch.id AS touch_id, s.id AS sale_id, COALESCE(s.{revenue}, 0) AS amount
          FROM crm_lead s
          CROSS JOIN LATERAL (
              -- the customer's leads through the indexes on the contact and the e-mail address, then their touches
              SELECT t.id FROM crm_lead l
                JOIN jewellery_aftersale_touch t ON t.lead_id = l.id
               WHERE (l.partner_id = s.partner_id OR lower(l.email_from) = lower(s.email_from))
                 AND l.id <> s.id AND t.state NOT IN ('planned', 'cancelled')
                 AND t.date_scheduled BETWEEN s.date_closed::date - %(window)s AND s.date_closed::date
               ORDER BY t.date_scheduled DESC, t.id DESC
               LIMIT 1) touch
         WHERE s.probability >= 100 AND s.active AND s.date_closed IS NOT NULL
    )
    SELECT t.id AS id,
           t.id AS touch_id,
           t.lead_id,
           t.kind,
           t.user_id,
           t.company_id,
           co.currency_id,
           t.date_scheduled AS date_touch,
           1 AS nbr,
           COUNT(c.sale_id) AS sales_count,
           COALESCE(SUM(c.amount), 0) AS revenue
      FROM jewellery_aftersale_touch t
      LEFT JOIN credited c ON c.touch_id = t.id
      LEFT JOIN res_company co ON co.id = t.company_id
     WHERE t.state NOT IN ('planned', 'cancelled') AND t.date_scheduled IS NOT NULL
     GROUP BY t.id, co.currency_id
"""

# The customers' wish lists: one row per lead with a piece shown that was not bought (the lead still open, or lost,
# which Odoo archives). A customer is the lead's contact or its e-mail address, as the contact rules count them.
WISH_SELECT = """
    SELECT l.id AS id,
           l.id AS lead_id,
           l.partner_id,
           lower(l.email_from) AS email,
           l.piece_description AS piece,
           l.recipient_name,
           l.occasion,
           l.user_id,
           l.company_id,
           l.create_date::date AS date_shown,
           CASE WHEN l.active THEN 'open' ELSE 'lost' END AS state
      FROM crm_lead l
     WHERE COALESCE(btrim(l.piece_description), '') <> '' AND COALESCE(l.probability, 0) < 100
"""


def _view(name, select):
    return "CREATE OR REPLACE VIEW %s AS (%s)" % (name, select)


def result_view(revenue_column):
    """The statement and parameters that create the view ``jewellery_followup_result``, reading the leads'
    expected revenue from ``revenue_column`` (one of ``REVENUE_COLUMNS``)."""
    if revenue_column not in REVENUE_COLUMNS:
        raise ValueError("no Odoo version names the expected revenue %r" % (revenue_column,))
    return (_view("jewellery_followup_result", RESULT_SELECT.replace("{revenue}", revenue_column)),
            {"responses": RESPONSES, "converted": CONVERTED})


def gift_month_view():
    """The statement (and its parameters: none) that create the view ``jewellery_followup_gift_month``."""
    return _view("jewellery_followup_gift_month", GIFT_MONTH_SELECT), None


def aftersale_result_view(revenue_column):
    """The statement and parameters that create the view ``jewellery_aftersale_result``, reading the sales'
    expected revenue from ``revenue_column`` (one of ``REVENUE_COLUMNS``)."""
    if revenue_column not in REVENUE_COLUMNS:
        raise ValueError("no Odoo version names the expected revenue %r" % (revenue_column,))
    return (_view("jewellery_aftersale_result", AFTERSALE_RESULT_SELECT.replace("{revenue}", revenue_column)),
            {"window": REVENUE_WINDOW_DAYS})


def wish_view():
    """The statement (and its parameters: none) that create the view ``jewellery_wish``."""
    return _view("jewellery_wish", WISH_SELECT), None
