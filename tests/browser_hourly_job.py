"""Runs the follow-up's hourly job once on a database, with the follow-up's clock set to a given moment, and
commits: what a cron worker does on that morning. Usage: python browser_hourly_job.py CONFIG DATABASE MOMENT"""
import datetime
import sys
from unittest import mock

import odoo
from odoo import SUPERUSER_ID, api


def main(config, database, moment):
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    from odoo.addons.jewellery_followup import core
    now = datetime.datetime.strptime(moment, "%Y-%m-%d %H:%M:%S")
    with api.Environment.manage(), odoo.registry(database).cursor() as cr, \
            mock.patch.object(core.clock, "utc_now", return_value=now):
        api.Environment(cr, SUPERUSER_ID, {})["jewellery.followup.engine"]._cron_advance()


if __name__ == "__main__":
    main(*sys.argv[1:4])
