"""The hourly job survives faults: a lead that cannot be scheduled is logged and skipped, the others advance, the
next run retries it, and a crash leaves no half-made attempt (the core's scenarios, on Odoo 17).

(Two jobs at once, in two threads, cannot run here: under Odoo 17's test runner such threads wait for the registry
the loading thread holds, and nothing is committed. checks/two_jobs_at_once.py runs them after the runner,
from scripts/test17.)"""
from jewellery_followup_core.scenarios.job_faults import JobFaultsScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestJobFaults(JobFaultsScenarios, FollowupCase):
    pass
