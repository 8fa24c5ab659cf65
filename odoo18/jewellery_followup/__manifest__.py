# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Jewellery Follow-up",
    "summary": "Jewellery counter details on leads and a polite second-chance "
               "follow-up after a visit without a sale",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales",
    "website": "https://github.com/jewellery-followup/jewellery_followup",
    "author": "jewellery_followup contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "board",
        "crm",
        "calendar",
        "mail",
    ],
    # The follow-up's rules, shared with the 11.0 addon, and its models, wizards and reports, shared with the other
    # recent versions' addons: pip install the repository's core/ and glue/ folders.
    "external_dependencies": {
        "python": ["jewellery_followup_core", "jewellery_followup_glue"],
    },
    "data": [
        "security/jewellery_followup_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/crm_lost_reason_data.xml",
        "data/jewellery_followup_chain_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        # Before the views: the attempt form's print button refers to it.
        "report/jewellery_followup_note_card.xml",
        "views/crm_lead_views.xml",
        "views/jewellery_followup_chain_views.xml",
        "views/jewellery_followup_attempt_views.xml",
        "views/jewellery_aftersale_touch_views.xml",
        "views/jewellery_aftersale_rule_views.xml",
        "views/jewellery_wish_views.xml",
        "views/res_partner_views.xml",
        "views/res_company_views.xml",
        "wizards/jewellery_visit_close_views.xml",
        # The report action before the views: the print wizard's button refers to it.
        "report/jewellery_followup_result_report.xml",
        "report/jewellery_followup_result_views.xml",
        "report/jewellery_followup_gift_month_views.xml",
        "report/jewellery_aftersale_result_views.xml",
        "wizards/jewellery_followup_outcome_views.xml",
        "wizards/jewellery_followup_start_views.xml",
        "wizards/jewellery_followup_rebalance_views.xml",
        "views/jewellery_followup_dashboard_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
        "demo/jewellery_followup_demo.xml",
        "demo/jewellery_followup_store_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "jewellery_followup/static/src/activity/*",
        ],
        "web.assets_tests": [
            "jewellery_followup/static/tests/tours/*",
        ],
    },
}
