// A salesperson marks the morning call done from the lead's chatter and answers "Declined" in the popover.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("jewellery_followup_mark_done_outcome", {
    steps: () => [
        {
            trigger: ".o-mail-Activity:contains('Morning call') .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone .o_jewellery_followup_outcome",
            run: "select declined",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone:not(:has(button[aria-label='Done and Schedule Next']))",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit They chose another store",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label='Done']",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains('Declined')",
        },
    ],
});
