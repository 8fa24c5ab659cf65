# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SQL of the follow-up, the same on every Odoo version: the database's own guard of the limit, and the
queries of the gate and the hourly job. Run by each addon's cursor (any DB-API cursor of psycopg2)."""
from . import course

# The count of contacts made can only grow: a contact that happened is never forgotten.
CONTACT_COUNT_GUARD = """
    CREATE OR REPLACE FUNCTION jewellery_followup_keep_contact_count() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'lead % made % follow-up contacts: the count cannot go down to %',
            OLD.id, OLD.followup_contact_count, NEW.followup_contact_count
            USING ERRCODE = 'check_violation';
    END
    $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS jewellery_followup_contact_count_grows ON crm_lead;
    CREATE TRIGGER jewellery_followup_contact_count_grows
        BEFORE UPDATE OF followup_contact_count ON crm_lead FOR EACH ROW
        WHEN (NEW.followup_contact_count IS DISTINCT FROM OLD.followup_contact_count
              AND COALESCE(NEW.followup_contact_count, 0) < COALESCE(OLD.followup_contact_count, 0))
        EXECUTE PROCEDURE jewellery_followup_keep_contact_count();
"""

# The limit in the database: each attempt written for a lead, or moved to it, counts one contact on the lead; a new
# one past the limit, or out of order, fails.
ATTEMPT_COUNT_GUARD = """
    CREATE OR REPLACE FUNCTION jewellery_followup_count_contact() RETURNS trigger AS $$
    DECLARE
        made integer;
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.lead_id = OLD.lead_id THEN
            RETURN NEW;
        END IF;
        UPDATE crm_lead SET followup_contact_count = COALESCE(followup_contact_count, 0) + 1
         WHERE id = NEW.lead_id RETURNING followup_contact_count INTO made;
        IF TG_OP = 'INSERT' AND made > %(max)s THEN
            RAISE EXCEPTION 'lead %% was already contacted %(max)s times: a customer is never contacted '
                            'more than %(max)s times', NEW.lead_id USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'INSERT' AND NEW.attempt_no <> made THEN
            RAISE EXCEPTION 'lead %% is at contact %%: its next attempt is number %%, not %%',
                NEW.lead_id, made - 1, made, NEW.attempt_no USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS jewellery_followup_attempt_counts ON jewellery_followup_attempt;
    CREATE TRIGGER jewellery_followup_attempt_counts
        BEFORE INSERT OR UPDATE OF lead_id ON jewellery_followup_attempt
        FOR EACH ROW EXECUTE PROCEDURE jewellery_followup_count_contact();
"""
ATTEMPT_INDEXES = [
    # the board: open touches by due date (its order), and the few rows whose bucket the refresh clears
    """CREATE INDEX IF NOT EXISTS jewellery_followup_attempt_open_due
       ON jewellery_followup_attempt (date_scheduled, id) WHERE state = 'scheduled'""",
    """CREATE INDEX IF NOT EXISTS jewellery_followup_attempt_bucketed
       ON jewellery_followup_attempt (state) WHERE due_bucket IS NOT NULL""",
    # at most one open touch per lead, whatever path writes it
    """CREATE UNIQUE INDEX IF NOT EXISTS jewellery_followup_attempt_one_scheduled
       ON jewellery_followup_attempt (lead_id) WHERE state = 'scheduled'""",
]

# The tables' constraints, (name, SQL, message): the attempts' number and gift cost, the steps' delay. Each version
# declares them its own way (_sql_constraints up to 18.0, models.Constraint on 19.0, by ``constraint(name)``).
ATTEMPT_CONSTRAINTS = [
    ("attempt_no_positive", "CHECK (attempt_no >= 1)", "An attempt's number starts at 1."),
    ("lead_attempt_no_unique", "UNIQUE (lead_id, attempt_no)",
     "This lead already has an attempt with this number: a customer is never contacted more than three times."),
    ("gift_value_positive", "CHECK (gift_value IS NULL OR gift_value >= 0)", "A gift cannot cost less than nothing."),
]
STEP_CONSTRAINTS = [
    ("delay_days_positive", "CHECK (delay_days >= 0)", "A step's delay cannot be negative."),
]


def constraint(name):
    """The SQL and the message of the table constraint ``name``."""
    [(sql_text, message)] = [(definition, message) for constraint_name, definition, message
                             in ATTEMPT_CONSTRAINTS + STEP_CONSTRAINTS if constraint_name == name]
    return sql_text, message


def install_guards(cr):
    """The database's own guard of the limit and its indexes (each addon's ``init`` of the attempts)."""
    for index in ATTEMPT_INDEXES:
        cr.execute(index)
    cr.execute(ATTEMPT_COUNT_GUARD, {"max": course.MAX_CONTACTS})


def install_lead_guard(cr):
    cr.execute(CONTACT_COUNT_GUARD)


# Every change of a chain locks its leads first, then their attempts: one order for every path, so two of them
# never wait for each other (a salesperson reassigning while another records an outcome).
LOCK_LEADS = "SELECT id FROM crm_lead WHERE id IN %s ORDER BY id FOR UPDATE"

RUNNING_DUE = """
    SELECT id FROM crm_lead
    WHERE followup_state = 'running' AND followup_next_date <= %s
    ORDER BY id
"""
# The leads still due, locked for this run; leads another run or a user is writing are skipped (they are due again
# at the next run), so nobody waits for the job.
CLAIM_DUE = """
    SELECT id FROM crm_lead
    WHERE id IN %s AND followup_state = 'running' AND followup_next_date IS NOT NULL
    ORDER BY id
    FOR UPDATE SKIP LOCKED
"""
# not tracked: the state stays "running", only the due date is cleared
CLEAR_DUE = "UPDATE crm_lead SET followup_next_date = NULL WHERE id IN %s"
LEADS_WITH_OPEN_ATTEMPT = """
    SELECT lead_id FROM jewellery_followup_attempt WHERE state = 'scheduled' AND lead_id IN %s
"""
OPEN_TOUCHES_PER_USER = """
    SELECT user_id, count(*) FROM jewellery_followup_attempt
    WHERE state = 'scheduled' AND user_id IN %s AND id NOT IN %s
    GROUP BY user_id
"""
# two steps, so that UNIQUE (lead_id, attempt_no) holds after every statement
SET_ASIDE_NUMBERS = "UPDATE jewellery_followup_attempt SET attempt_no = attempt_no + 1000 WHERE id IN %s"
RENUMBER = "UPDATE jewellery_followup_attempt SET lead_id = %s, attempt_no = %s WHERE id = %s"
MOVE_ACTIVITIES = "UPDATE mail_activity SET res_id = %s WHERE id IN %s"

# The board's columns: each open touch with its store's time zones (salesperson's, company's).
OPEN_TOUCHES_WITH_ZONES = """
    SELECT a.id, a.date_scheduled, a.due_bucket, up.tz, cp.tz
      FROM jewellery_followup_attempt a
      JOIN crm_lead l ON l.id = a.lead_id
      LEFT JOIN res_users u ON u.id = l.user_id
      LEFT JOIN res_partner up ON up.id = u.partner_id
      LEFT JOIN res_company c ON c.id = COALESCE(l.company_id, %s)
      LEFT JOIN res_partner cp ON cp.id = c.partner_id
     WHERE a.state = 'scheduled'
"""
CLEAR_CLOSED_BUCKETS = """
    UPDATE jewellery_followup_attempt SET due_bucket = NULL
     WHERE due_bucket IS NOT NULL AND state <> 'scheduled'
"""
SET_BUCKETS = """
    UPDATE jewellery_followup_attempt a SET due_bucket = v.bucket
      FROM (VALUES %s) AS v(id, bucket) WHERE a.id = v.id
"""
PIECE_PHOTOS = """
    SELECT res_id, MIN(id) FROM ir_attachment
    WHERE res_model = 'crm.lead' AND res_id IN %s AND mimetype LIKE 'image/%%'
    GROUP BY res_id
"""

# Who holds (or held) a touch of each lead, and the leads of a person's touches: the record rule that opens a
# colleague's lead to the person given its touch. Read in SQL, not through the lead's attempts: Odoo 18 checks a
# rule on records already read with the superuser's filtered_domain(), which would leave every attempt of the lead
# in the cache that the salesperson's own read of followup_attempt_ids then returns.
TOUCH_HOLDERS = """
    SELECT lead_id, array_agg(DISTINCT user_id) FROM jewellery_followup_attempt
     WHERE lead_id IN %s AND user_id IS NOT NULL
     GROUP BY lead_id
"""
LEADS_OF_TOUCH_HOLDERS = "SELECT DISTINCT lead_id FROM jewellery_followup_attempt WHERE user_id IN %s"


def ids_param(ids):
    """``IN %s`` of ids, never empty (PostgreSQL refuses ``IN ()``): no record has the id 0."""
    return tuple(ids) or (0,)


def piece_photos(cr, lead_ids):
    """The first picture attached to each lead: the gift goes out with a photo of the piece."""
    if not lead_ids:
        return {}
    cr.execute(PIECE_PHOTOS, (tuple(lead_ids),))
    return dict(cr.fetchall())


def touch_holders(cr, lead_ids):
    """{lead id: [user ids]} of the people who hold or held a touch of each lead."""
    if not lead_ids:
        return {}
    cr.execute(TOUCH_HOLDERS, (tuple(lead_ids),))
    return dict(cr.fetchall())


def leads_of_touch_holders(cr, user_ids):
    """The ids of the leads on which any of ``user_ids`` holds or held a touch."""
    cr.execute(LEADS_OF_TOUCH_HOLDERS, (ids_param(user_ids),))
    return [lead_id for lead_id, in cr.fetchall()]


# ------------------------------------------------------------------------------------ after the sale

# The job reads only what is still to do: won leads not planned yet, and planned touches; 100,000 won leads that were
# planned long ago cost it nothing.
AFTERSALE_INDEXES = [
    """CREATE INDEX IF NOT EXISTS crm_lead_aftersale_to_plan ON crm_lead (id)
       WHERE probability >= 100 AND active AND aftersale_planned IS NOT TRUE""",
    """CREATE INDEX IF NOT EXISTS jewellery_aftersale_touch_planned ON jewellery_aftersale_touch (date_due)
       WHERE state = 'planned'""",
    # the contact rules find a customer's other leads by e-mail address
    """CREATE INDEX IF NOT EXISTS crm_lead_email_lower ON crm_lead (lower(email_from)) WHERE email_from IS NOT NULL""",
]
WON_LEADS_TO_PLAN = """
    SELECT l.id FROM crm_lead l LEFT JOIN res_company c ON c.id = l.company_id
    WHERE l.probability >= 100 AND l.active AND l.aftersale_planned IS NOT TRUE
      AND (c.aftersale_enabled OR l.company_id IS NULL)
    ORDER BY l.id
"""
# Two jobs at once never plan one sale twice: each takes the leads the other has not locked, still unplanned.
CLAIM_WON_LEADS = """
    SELECT id FROM crm_lead WHERE id IN %s AND aftersale_planned IS NOT TRUE ORDER BY id FOR UPDATE SKIP LOCKED
"""
DUE_TOUCHES = """
    SELECT t.id FROM jewellery_aftersale_touch t JOIN res_company c ON c.id = t.company_id
    WHERE t.state = 'planned' AND t.date_due <= %s AND c.aftersale_enabled
    ORDER BY t.date_due, t.id
"""
CLAIM_TOUCHES = """
    SELECT id FROM jewellery_aftersale_touch WHERE id IN %s AND state = 'planned'
    ORDER BY date_due, id FOR UPDATE SKIP LOCKED
"""
# A customer is the lead itself, its contact, and every lead with the same e-mail address (case aside): an imported
# lead has no contact yet. Their touches from every chain, newest first (open ones have no outcome yet). The states
# are written as what they are not, which no index answers: the lookup then starts from the customer's few leads,
# even while the job is turning thousands of touches to "scheduled" faster than the statistics follow (on the
# state's index, each lookup would read every touch scheduled so far).
SAME_CUSTOMER = "(l.id = %(lead)s OR l.partner_id = %(partner)s OR lower(l.email_from) = %(email)s)"
CUSTOMER_TOUCHES = """
    SELECT day, state, outcome FROM (
        SELECT a.date_scheduled AS day, a.state, a.outcome FROM jewellery_followup_attempt a
          JOIN crm_lead l ON l.id = a.lead_id
         WHERE a.state <> 'cancelled' AND {same}
        UNION ALL
        SELECT t.date_scheduled, t.state, t.outcome FROM jewellery_aftersale_touch t
          JOIN crm_lead l ON l.id = t.lead_id
         WHERE t.state NOT IN ('planned', 'cancelled') AND {same}
    ) touches WHERE day IS NOT NULL ORDER BY day DESC LIMIT 20
""".format(same=SAME_CUSTOMER)
# The quiet window of a second-chance touch: the customer's touches outside this lead's own chain.
LAST_OTHER_TOUCH = """
    SELECT max(day) FROM (
        SELECT a.date_scheduled AS day FROM jewellery_followup_attempt a
          JOIN crm_lead l ON l.id = a.lead_id
         WHERE a.state <> 'cancelled' AND a.lead_id <> %(lead)s AND {same}
        UNION ALL
        SELECT t.date_scheduled FROM jewellery_aftersale_touch t
          JOIN crm_lead l ON l.id = t.lead_id
         WHERE t.state NOT IN ('planned', 'cancelled') AND {same}
    ) touches
""".format(same=SAME_CUSTOMER)
# The customer's wish list as a lead sees it: what they were shown on their other leads, newest first.
CUSTOMER_WISHES = """
    SELECT w.id, w.piece FROM jewellery_wish w
     WHERE w.lead_id <> %(lead)s AND (w.partner_id = %(partner)s OR w.email = %(email)s)
     ORDER BY w.date_shown DESC, w.id DESC
"""
# ... and as their contact sees it.
PARTNER_WISHES = """
    SELECT w.id FROM jewellery_wish w WHERE w.partner_id = %(partner)s OR w.email = %(email)s
     ORDER BY w.date_shown DESC, w.id DESC
"""
OPEN_TOUCHES_OF_CUSTOMERS = """
    SELECT t.id FROM jewellery_aftersale_touch t JOIN crm_lead l ON l.id = t.lead_id
    WHERE t.state IN ('planned', 'scheduled') AND l.partner_id IN %s
"""


def install_aftersale_indexes(cr):
    for index in AFTERSALE_INDEXES:
        cr.execute(index)
