/* Copyright 2026 jewellery_followup contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define('jewellery_followup.activity_outcome_tests', function (require) {
"use strict";

var Activity = require('mail.Activity');
var Bus = require('web.Bus');
var FormView = require('web.FormView');
var testUtils = require('web.test_utils');

var createView = testUtils.createView;

QUnit.module('jewellery_followup', {
    beforeEach: function () {
        this.data = {
            'crm.lead': {
                fields: {
                    display_name: {string: "Name", type: "char"},
                    activity_ids: {
                        string: 'Activities',
                        type: 'one2many',
                        relation: 'mail.activity',
                        relation_field: 'res_id',
                    },
                },
                records: [{id: 7, display_name: "Engagement ring", activity_ids: [1, 2]}],
            },
            'mail.activity': {
                fields: {
                    activity_type_id: {string: "Activity type", type: "many2one", relation: "mail.activity.type"},
                    create_date: {string: "Created on", type: "datetime"},
                    date_deadline: {string: "Due Date", type: "date"},
                    user_id: {string: "Assigned to", type: "many2one", relation: 'res.users'},
                    state: {
                        string: 'State',
                        type: 'selection',
                        selection: [['overdue', 'Overdue'], ['today', 'Today'], ['planned', 'Planned']],
                    },
                    summary: {string: "Summary", type: "char"},
                    note: {string: "Note", type: "char"},
                    followup_attempt_id: {
                        string: "Follow-up Attempt", type: "many2one", relation: 'jewellery.followup.attempt',
                    },
                },
                records: [
                    {id: 1, activity_type_id: 1, user_id: 5, state: 'today', summary: "Morning call",
                     create_date: '2027-03-06 10:00:00', date_deadline: '2027-03-09',
                     followup_attempt_id: 11},
                    {id: 2, activity_type_id: 2, user_id: 5, state: 'today', summary: "Send the ring-size guide",
                     create_date: '2027-03-06 10:00:00', date_deadline: '2027-03-09',
                     followup_attempt_id: false},
                ],
            },
            'mail.activity.type': {
                fields: {name: {string: "Name", type: "char"}},
                records: [{id: 1, name: "Call"}, {id: 2, name: "Email"}],
            },
            'res.users': {
                fields: {display_name: {string: "Name", type: "char"}},
                records: [{id: 5, display_name: "Nora Lindqvist"}],
            },
            'jewellery.followup.attempt': {
                fields: {display_name: {string: "Name", type: "char"}},
                records: [{id: 11, display_name: "Morning call"}],
            },
        };
    },
}, function () {

    /**
     * Opens the lead form, clicks "Mark Done" on an activity and resolves with
     * its popover once it is shown.
     */
    function openPopover(data, activityID, feedbackCalls) {
        var shown = $.Deferred();
        testUtils.patch(Activity, {
            _bindPopoverFocusout: function () {
                this._super.apply(this, arguments);
                shown.resolve();
            },
        });
        var form = createView({
            View: FormView,
            model: 'crm.lead',
            data: data,
            res_id: 7,
            arch: '<form><sheet><field name="display_name"/></sheet>' +
                  '<div class="oe_chatter"><field name="activity_ids" widget="mail_activity"/></div></form>',
            mockRPC: function (route, args) {
                if (args.method === 'action_feedback') {
                    feedbackCalls.push(args);
                    return $.when(false);
                }
                return this._super.apply(this, arguments);
            },
            intercepts: {
                get_bus: function (event) {
                    event.stopPropagation();
                    event.data.callback(new Bus());
                },
            },
        });
        var $button = form.$('.o_mail_activity .o_activity_done[data-activity-id=' + activityID + ']');
        $button.click();
        return shown.then(function () {
            return {form: form, $popover: $button.data('bs.popover').tip()};
        });
    }

    function close(form) {
        form.destroy();
        testUtils.unpatch(Activity);
    }

    QUnit.test("a follow-up attempt's activity asks for the outcome, no answer by default", function (assert) {
        assert.expect(6);
        var done = assert.async();
        var calls = [];
        openPopover(this.data, 1, calls).then(function (opened) {
            var $select = opened.$popover.find('select.o_jewellery_followup_outcome');
            assert.strictEqual($select.length, 1, "the popover asks what the customer did");
            assert.strictEqual($select.val(), 'no_answer', "no answer is the default");
            assert.deepEqual($select.find('option').map(function () { return this.value; }).get(),
                ['no_answer', 'appointment', 'declined', 'came_back', 'purchased']);
            opened.$popover.find('#activity_feedback').val('Left a voicemail');
            opened.$popover.find('.o_activity_popover_done').click();
            assert.strictEqual(calls.length, 1, "the activity is marked done once");
            assert.strictEqual(calls[0].kwargs.feedback, 'Left a voicemail');
            assert.strictEqual(calls[0].kwargs.context.jewellery_followup_outcome, 'no_answer');
            close(opened.form);
            done();
        });
    });

    QUnit.test("the chosen outcome goes to the server with the feedback", function (assert) {
        assert.expect(4);
        var done = assert.async();
        var calls = [];
        openPopover(this.data, 1, calls).then(function (opened) {
            opened.$popover.find('select.o_jewellery_followup_outcome').val('appointment').trigger('change');
            opened.$popover.find('#activity_feedback').val('Saturday 11:00 & flowers');
            opened.$popover.find('.o_activity_popover_done').click();
            assert.strictEqual(calls.length, 1);
            assert.deepEqual(calls[0].args, [[1]]);
            assert.strictEqual(calls[0].kwargs.feedback, 'Saturday 11:00 &amp; flowers',
                "the feedback is escaped as Odoo does");
            assert.strictEqual(calls[0].kwargs.context.jewellery_followup_outcome, 'appointment');
            close(opened.form);
            done();
        });
    });

    QUnit.test("any other activity keeps Odoo's own popover", function (assert) {
        assert.expect(5);
        var done = assert.async();
        var calls = [];
        openPopover(this.data, 2, calls).then(function (opened) {
            assert.strictEqual(opened.$popover.find('select.o_jewellery_followup_outcome').length, 0,
                "no outcome to ask for");
            assert.strictEqual(opened.$popover.find('#activity_feedback').length, 1, "Odoo's feedback box");
            opened.$popover.find('#activity_feedback').val('Sent');
            opened.$popover.find('.o_activity_popover_done').click();
            assert.strictEqual(calls.length, 1);
            assert.strictEqual(calls[0].kwargs.feedback, 'Sent');
            assert.notOk('jewellery_followup_outcome' in calls[0].kwargs.context,
                "nothing is added to Odoo's context");
            close(opened.form);
            done();
        });
    });
});

});
