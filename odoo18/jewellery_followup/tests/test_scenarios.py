"""Every promise of the follow-up, proven on Odoo 18 by the scenarios written once: the core's
(jewellery_followup_core.scenarios, which 11.0 runs too) and the recent versions' (jewellery_followup_glue.scenarios),
each bound here to this version's driver, common.FollowupCase. The two hourly jobs at once run after Odoo's test
runner, from scripts/test18 (checks/two_jobs_at_once.py): under the runner such threads wait for the registry the
loading thread holds, and nothing is committed."""
from jewellery_followup_glue.testing import scenario_tests

from .common import FollowupCase

globals().update(scenario_tests(FollowupCase, __name__))
