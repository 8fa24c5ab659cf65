/* Copyright 2026 jewellery_followup contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('jewellery_followup.ActivityOutcome', function (require) {
"use strict";

/**
 * Marking done the activity of a scheduled second-chance follow-up attempt asks
 * what the customer did: the popover of Odoo's activity widget gets an outcome
 * select ("No answer" by default) and the choice travels to
 * mail.activity.action_feedback in the context key jewellery_followup_outcome.
 * Every other activity keeps Odoo's own popover.
 */
var Activity = require('mail.Activity');
var core = require('web.core');

var QWeb = core.qweb;
var _t = core._t;

var OUTCOME_CONTEXT_KEY = 'jewellery_followup_outcome';
var DEFAULT_OUTCOME = 'no_answer';

Activity.include({
    /**
     * @override
     * @param {integer} id
     * @param {string} [feedback]
     * @param {string} [outcome] the follow-up attempt's outcome, if any
     */
    _markActivityDone: function (id, feedback, outcome) {
        if (!outcome) {
            return this._super.apply(this, arguments);
        }
        var context = _.extend({}, this.record.getContext());
        context[OUTCOME_CONTEXT_KEY] = outcome;
        return this._rpc({
            model: 'mail.activity',
            method: 'action_feedback',
            args: [[id]],
            kwargs: {feedback: feedback},
            context: context,
        });
    },
    /**
     * @private
     * @param {integer} activityID
     * @returns {boolean} whether the activity carries out a follow-up attempt
     */
    _isFollowupActivity: function (activityID) {
        var activity = _.findWhere(this.activities || [], {id: activityID});
        return !!(activity && activity.followup_attempt_id);
    },
    /**
     * Same popover as Odoo's, with the outcome select on top.
     *
     * @override
     */
    _onMarkActivityDone: function (event) {
        var $popoverEl = $(event.currentTarget);
        var activityID = $popoverEl.data('activity-id');
        if (!this._isFollowupActivity(activityID)) {
            return this._super.apply(this, arguments);
        }
        event.preventDefault();
        if ($popoverEl.data('bs.popover')) {
            return; // bootstrap's own click handler toggles it
        }
        var self = this;
        var previousActivityTypeID = $popoverEl.data('previous-activity-type-id');
        this.feedbackValue = this.feedbackValue || {};
        this.feedbackValue[activityID] = '';
        this.outcomeValue = this.outcomeValue || {};
        this.outcomeValue[activityID] = DEFAULT_OUTCOME;
        var done = function ($popover) {
            var feedback = _.escape($popover.find('#activity_feedback').val());
            var outcome = $popover.find('.o_jewellery_followup_outcome').val() || DEFAULT_OUTCOME;
            return self._markActivityDone(activityID, feedback, outcome);
        };
        $popoverEl.popover({
            title: _t('Outcome and feedback'),
            html: 'true',
            trigger: 'click',
            content: function () {
                var $popover = $(QWeb.render('jewellery_followup.activity_outcome_form', {
                    previous_activity_type_id: previousActivityTypeID,
                }));
                $popover.find('#activity_feedback').val(self.feedbackValue[activityID]);
                $popover.find('.o_jewellery_followup_outcome')
                    .val(self.outcomeValue[activityID])
                    .on('change', function () {
                        self.outcomeValue[activityID] = $(this).val();
                    });
                $popover.on('click', '.o_activity_popover_done_next', function () {
                    done($popover).then(self.scheduleActivity.bind(self, previousActivityTypeID));
                });
                $popover.on('click', '.o_activity_popover_done', function () {
                    done($popover).then(self._reload.bind(self, {activity: true, thread: true}));
                });
                $popover.on('click', '.o_activity_popover_discard', function () {
                    $popoverEl.popover('hide');
                });
                return $popover;
            },
        }).on('show.bs.popover', function (e) {
            var $popover = $(this).data('bs.popover').tip();
            $popover.addClass('o_mail_activity_feedback').attr('tabindex', 0);
            $('.o_mail_activity_feedback.popover').not(e.target).popover('hide');
        }).on('shown.bs.popover', function () {
            var $popover = $(this).data('bs.popover').tip();
            $popover.find('.o_jewellery_followup_outcome').focus();
            self._bindPopoverFocusout($(this));
        }).popover('show');
    },
});

return {
    OUTCOME_CONTEXT_KEY: OUTCOME_CONTEXT_KEY,
    DEFAULT_OUTCOME: DEFAULT_OUTCOME,
};

});
