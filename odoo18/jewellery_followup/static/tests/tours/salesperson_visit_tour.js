/** @odoo-module **/
// A salesperson at the counter: the lead's Jewellery page, the visit that ends without a sale (the second-chance
// chain as the next step), then the morning call marked done from the chatter with "No answer".
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("jewellery_followup_salesperson_visit", {
    steps: () => [
        {
            trigger: ".o_notebook .nav-link:contains('Jewellery')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='occasion'] select",
            run: 'select "engagement"',
        },
        {
            trigger: ".o_field_widget[name='recipient_name'] input",
            run: "edit Clara",
        },
        {
            trigger: ".o_field_widget[name='hospitality_note'] input",
            run: "edit espresso, no sugar",
        },
        {
            trigger: ".o_field_widget[name='stone_carat'] input",
            run: "edit 1.2",
        },
        {
            trigger: ".o_field_widget[name='metal'] select",
            run: 'select "platinum"',
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            trigger: ".o_form_statusbar button:contains('Visit ended without a sale')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='next_step'] input[data-value='chain']",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o-mail-Activity:contains('Morning call') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone .o_jewellery_followup_outcome",
            run: "select no_answer",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Voicemail, left a warm message",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains('No answer')",
        },
    ],
});
