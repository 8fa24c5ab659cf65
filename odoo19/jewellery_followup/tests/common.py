"""The 19.0 tests' driver and fixtures: the recent versions' own (``jewellery_followup_glue.testing``), with what
Odoo 19 spells its own way: its test cursors, its RPC dispatch and its translation export."""
import io
import re

from jewellery_followup_glue import testing

from odoo.exceptions import AccessError
from odoo.service.model import call_kw, execute_cr, get_public_method
from odoo.tools.translate import trans_export

# Odoo 19's refusal of a private method over RPC: "Private methods (such as 'model._name') cannot be called remotely."
PRIVATE_METHOD_REFUSAL = re.compile(r"Private methods \(such as '[\w.]+\.(_\w+)'\) cannot be called remotely\.")


class FollowupCase(testing.FollowupCase):

    @classmethod
    def wrap_new_cursors(cls):
        # Odoo 19's TransactionCase no longer does (only its HttpCase, which some of these classes also are)
        if not cls._registry_patched:
            cls.registry_enter_test_mode_cls()

    # Odoo 19 keeps every done activity, archived with its feedback
    EVERY_DONE_ACTIVITY_KEPT = True

    def let_outside_clients_in(self):
        """Odoo 19's test server answers only the requests a test allows (a cookie its own opener carries): odoorpc
        and the import command are other clients. Once a test: Odoo's lock does not nest."""
        if not getattr(self, "_outside_clients_in", False):
            self.enterContext(self.allow_requests(all_requests=True))
            self._outside_clients_in = True

    def visible_menu_ids(self, user):
        """Odoo 19's ir.ui.menu.search no longer hides the menus of groups the user lacks: the menus a user may open
        are those its web client loads."""
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    @staticmethod
    def call_kw(model, method, args, kwargs=None):
        """What /web/dataset/call_kw does with a model, a method name and its arguments."""
        return call_kw(model, method, args, kwargs or {})

    def execute_kw(self, user, model_name, method, args):
        """What /xmlrpc/2/object does when ``user`` calls ``method`` of ``model_name`` (Odoo 19's dispatch, once
        the password is checked: a cursor of its own, which wraps the test's)."""
        try:
            with self.registry.cursor() as cr:
                return execute_cr(cr, user.id, model_name, method, args, {})
        except AccessError as error:
            private = PRIVATE_METHOD_REFUSAL.match(str(error.args[0]))
            if not private:
                raise
            # Odoo 19 names the model in its refusal; the core's scenario reads it as 11.0 to 18.0 word it
            raise AccessError("Private methods (such as %s) cannot be called remotely." % private.group(1)) from error

    def check_method_name(self, name):
        """Odoo's refusal of a private method name over RPC (Odoo 19: get_public_method, which refuses a private
        name before it looks the method up)."""
        return get_public_method(self.env["base"], name)

    def exported_terms(self):
        """The installed addon's translatable strings, as Odoo 19 exports them (a .po template, bytes)."""
        exported = io.BytesIO()
        trans_export(False, ["jewellery_followup"], exported, "po", self.env)
        return exported.getvalue()
