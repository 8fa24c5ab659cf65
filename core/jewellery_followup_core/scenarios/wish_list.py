# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wish list: what Tom was shown and did not buy stays on his contact and on his other leads, each salesperson
seeing what their rights let them see, and his after-sale touches name it. The store is open Tuesday to
Saturday."""

PEARLS = "South Sea pearl strand"
BANGLE = "<b>gold</b> bangle"


class WishListScenarios(object):

    def shown(self, name, piece, user, **values):
        return self.make_lead(name=name, partner_id=self.customer.id, piece_description=piece, user_id=user.id,
                              **values)

    def test_what_was_shown_and_not_bought_is_on_the_contact_and_the_other_leads(self):
        self.shown("Pearls", PEARLS, self.own)
        lost = self.shown("Bangle", BANGLE, self.own)
        self.as_user(lost, self.own).action_set_lost()
        ring = self.shown("Ring", "1.2 ct round solitaire", self.own)
        self.as_user(ring, self.own).action_set_won()
        # with the same e-mail address and no contact yet: the same customer
        self.make_lead(name="Watch", piece_description="steel dress watch", user_id=self.own.id,
                       email_from="Tom.Reyes@example.com")
        self.fresh()
        wishes = self.as_user(self.customer, self.own).wish_ids.filtered(lambda wish: wish.user_id == self.own)
        self.assertEqual(sorted((wish.piece, wish.state) for wish in wishes),
                         [(BANGLE, "lost"), (PEARLS, "open"), ("steel dress watch", "open")])
        on_the_ring = self.as_user(ring, self.own).wish_ids.filtered(lambda wish: wish.user_id == self.own)
        self.assertEqual(sorted(on_the_ring.mapped("piece")), [BANGLE, PEARLS, "steel dress watch"],
                         "the ring was bought: not a wish")

    def test_a_salesperson_sees_the_wishes_of_their_own_leads_and_a_manager_all(self):
        leads = self.shown("Pearls", PEARLS, self.own) | self.shown("Bangle", BANGLE, self.peer)
        self.fresh()

        def seen_by(user):
            return sorted(wish.piece for wish in self.as_user(self.customer, user).wish_ids if wish.lead_id in leads)

        self.assertEqual(seen_by(self.own), [PEARLS])
        self.assertEqual(seen_by(self.manager), [BANGLE, PEARLS])

    def test_the_after_sale_touch_names_what_the_customer_liked(self):
        self.company.sudo().write({"aftersale_enabled": True})
        lost = self.shown("Bangle", BANGLE, self.own)
        self.as_user(lost, self.own).action_set_lost()
        ring = self.shown("Ring", "1.2 ct round solitaire", self.own, metal="platinum")
        self.as_user(ring, self.own).action_set_won()
        ring.sudo().write({"date_closed": "2027-03-06 15:00:00"})
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.env["jewellery.aftersale.touch"].sudo().search(
            [("lead_id", "=", ring.id), ("state", "=", "scheduled")])
        note = self.as_user(touch.activity_id, self.own).note
        # typed text is escaped
        self.assertIn("Liked and did not get: &lt;b&gt;gold&lt;/b&gt; bangle", note)
