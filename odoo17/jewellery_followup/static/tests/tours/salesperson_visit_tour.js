/** @odoo-module **/
// A salesperson at the counter: the lead's Jewellery page, the visit that ends without a sale (the second-chance
// chain as the next step), then the morning call marked done from the chatter with "No answer". Odoo 17 looks for
// a step inside the open dialog by itself.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("jewellery_followup_salesperson_visit", {
    test: true,
    steps: () => [
        {
            trigger: ".o_notebook .nav-link:contains('Jewellery')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='occasion'] select",
            run: "text Engagement",
        },
        {
            trigger: ".o_field_widget[name='recipient_name'] input",
            run: "text Clara",
        },
        {
            trigger: ".o_field_widget[name='hospitality_note'] input",
            run: "text espresso, no sugar",
        },
        {
            trigger: ".o_field_widget[name='stone_carat'] input",
            run: "text 1.2",
        },
        {
            trigger: ".o_field_widget[name='metal'] select",
            run: "text Platinum",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_status_indicator_buttons.invisible",
            run: () => {},
        },
        {
            trigger: ".o_form_statusbar button:contains('Visit ended without a sale')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='next_step'] input[data-value='chain']",
            run: "click",
        },
        {
            trigger: "button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o-mail-Activity:contains('Morning call') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone .o_jewellery_followup_outcome",
            run: "text no_answer",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "text Voicemail, left a warm message",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains('No answer')",
            run: () => {},
        },
    ],
});
