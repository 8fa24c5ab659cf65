# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Jewellery Follow-up",
    "summary": "Jewellery counter details on leads and a polite second-chance "
               "follow-up after a visit without a sale",
    "version": "11.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales",
    "website": "https://github.com/jewellery-followup/jewellery_followup",
    "author": "jewellery_followup contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "crm",
        "calendar",
        "mail",
    ],
    "data": [
        "views/crm_lead_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
    ],
}
