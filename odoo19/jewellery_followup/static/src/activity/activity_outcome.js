// Copyright 2026 jewellery_followup contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Odoo's "Mark Done" popover asks the customer's response first when the activity is a scheduled second-chance
// follow-up touch (No answer preselected); the server records it as the attempt's outcome and the chain decides
// the next touch, so "Done & Schedule Next" is not offered on it. The server sends followup_attempt_id with the
// activity (mail_activity.py's _to_store_defaults).
import { useState } from "@odoo/owl";
import { patch } from "@web/core/utils/patch";
import { ActivityMarkAsDone } from "@mail/core/web/activity_markasdone_popover";
import { Activity } from "@mail/core/common/activity_model";

export const OUTCOME_CONTEXT_KEY = "jewellery_followup_outcome";

patch(Activity.prototype, {
    get isFollowupTouch() {
        return Boolean(this.followup_attempt_id);
    },
    async markAsDone(attachmentIds = []) {
        if (!this.isFollowupTouch) {
            return super.markAsDone(...arguments);
        }
        await this.store.env.services.orm.call("mail.activity", "action_feedback", [[this.id]], {
            attachment_ids: attachmentIds,
            feedback: this.feedback,
            context: { [OUTCOME_CONTEXT_KEY]: this.followupOutcome || "no_answer" },
        });
        this.store.activityBroadcastChannel?.postMessage({
            type: "RELOAD_CHATTER",
            payload: { id: this.res_id, model: this.res_model },
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
