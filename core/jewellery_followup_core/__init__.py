# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The jewellery follow-up without Odoo: one source for the addon of every Odoo version.

- ``clock``: the store's day in its time zone, its open days, and ``due_date``, the one date function;
- ``course``: the limit of contacts, what comes next, what stops a chain, why one cannot start;
- ``wording``: a touch's words in the customer's language; ``vocabulary``: every selection and its labels;
- ``checks``: what users and scripts hand in; ``messages``: every sentence, translated by the core's catalogues;
- ``facts``: what the core reads of a record; ``delivery``: where a card and a gift go;
- ``sql``: the database's guard of the limit and the gate's queries;
- ``gate``: the one gate, acting through each version's ``odoo_store.OdooStore``;
- ``importing``: the lead import's limits, checks and flow, for every version's batch method (acting through
  ``odoo_import.OdooImportStore``) and for the ``jewellery-followup-import`` command.
- ``visit``: a visit that ended without a sale, and the next step the customer leaves with.
- ``results``: the monthly summary's figures; ``report_sql``: the SQL views of the reports;
- ``demo``: the demo store's people, customers and stories, and how they are played;
- ``records``: the methods of the addons' models that every Odoo version spells the same.
- ``aftersale``: when the touches after the sale fall, and whether a customer may be contacted at all;
  ``relationship``: the job and the answers that plan, schedule and close those touches.

It imports no Odoo: each version's addon hands it records and an environment, and does what it answers.
Python 3.7 (Odoo 11) to 3.12 (Odoo 19).
"""
# in this order: each area registers its texts and labels with ``messages`` when it is imported
from . import (messages, vocabulary, clock, course, wording, checks, delivery, facts, sql, gate, board,  # noqa: F401
               importing, odoo_import, visit, results, report_sql, demo, records, aftersale, relationship)
