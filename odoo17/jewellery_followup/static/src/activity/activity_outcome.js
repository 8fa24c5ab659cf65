/** @odoo-module **/
// Copyright 2026 jewellery_followup contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Odoo's "Mark Done" popover asks the customer's response first when the activity is a scheduled second-chance
// follow-up touch (No answer preselected); the server records it as the attempt's outcome and the chain decides
// the next touch, so "Done & Schedule Next" is not offered on it. Odoo 17 marks an activity done through its
// "mail.activity" service, which is patched here (18 moved it onto the activity record).
import { useState } from "@odoo/owl";
import { patch } from "@web/core/utils/patch";
import { ActivityMarkAsDone } from "@mail/core/web/activity_markasdone_popover";
import { Activity } from "@mail/core/web/activity_model";
import { ActivityService } from "@mail/core/web/activity_service";

export const OUTCOME_CONTEXT_KEY = "jewellery_followup_outcome";

// followup_attempt_id comes with the activity's other fields (activity_format reads them all)
patch(Activity.prototype, {
    get isFollowupTouch() {
        return Boolean(this.followup_attempt_id);
    },
});

patch(ActivityService.prototype, {
    async markAsDone(activity, attachmentIds = []) {
        if (!activity.isFollowupTouch) {
            return super.markAsDone(...arguments);
        }
        await this.orm.call("mail.activity", "action_feedback", [[activity.id]], {
            attachment_ids: attachmentIds,
            feedback: activity.feedback,
            context: { [OUTCOME_CONTEXT_KEY]: activity.followupOutcome || "no_answer" },
        });
        this.broadcastChannel?.postMessage({
            type: "RELOAD_CHATTER",
            payload: { id: activity.res_id, model: activity.res_model },
        });
    },
});

patch(ActivityMarkAsDone.prototype, {
    setup() {
        super.setup();
        this.followup = useState({ outcome: "no_answer" });
    },
    get isSuggested() {
        return this.props.activity.isFollowupTouch || super.isSuggested;
    },
    async onClickDone() {
        this.props.activity.followupOutcome = this.followup.outcome;
        return super.onClickDone(...arguments);
    },
});
