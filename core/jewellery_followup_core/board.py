# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The board's columns: each open touch by when it is due in its store's days (overdue, today, this week, later).

The column is stored (the board groups by it) but depends on the clock: the hourly job and the opening of the board
refresh it, writing only the rows whose column changed.
"""
import logging

from . import clock, sql
from .gate import is_serialization_failure

_logger = logging.getLogger(__name__)


def refresh_due_buckets(cr, default_company_id):
    """Puts each open touch in its column by its store's today (the lead's salesperson's time zone, else its
    company's): one statement reads the open touches with their stores' time zones, one updates what changed,
    one clears the columns of closed touches. Returns how many touches changed column."""
    from psycopg2.extras import execute_values  # only where Odoo runs: the core's own tests have no database
    cr.execute(sql.OPEN_TOUCHES_WITH_ZONES, (default_company_id,))
    todays, moves = {}, []
    for attempt_id, due, bucket, user_tz, company_tz in cr.fetchall():
        zones = (user_tz, company_tz)
        if zones not in todays:
            todays[zones] = clock.store_today(clock.store_tz(user_tz, company_tz))
        fresh = clock.due_bucket(clock.as_date(due), todays[zones])
        if fresh != bucket:
            moves.append((attempt_id, fresh))
    changed = 0
    try:
        with cr.savepoint():
            if moves:
                execute_values(cr, sql.SET_BUCKETS, moves, page_size=1000)
                changed = len(moves)
            cr.execute(sql.CLEAR_CLOSED_BUCKETS)
            changed += cr.rowcount
    except Exception as error:  # pylint: disable=broad-except
        if not is_serialization_failure(error):
            raise
        # someone else (the hourly job, another board) is writing these touches right now: the board opens with
        # the columns as they are, and the next refresh catches up
        _logger.info("Follow-up board: due buckets not refreshed (concurrent update)")
    return changed
