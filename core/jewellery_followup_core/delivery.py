# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Surprise-safe delivery: where a lead's note card and gift go, and what the salesperson does instead of posting.

A surprise never goes to the home address unless the customer chose it: left empty, an ordinary lead's card goes
home, a surprise's goes nowhere until the customer gives a work address or picks it up in store.
"""
from . import messages

messages.register("delivery", {
    "delivery.at_counter": "To be collected at the counter",
    "delivery.call": "Do not post: call %(customer)s to arrange delivery.",
    "delivery.never_home": "A surprise never goes to the home address: ask for a work address or a pick-up in "
                           "store.",
    "delivery.keep": "Do not post: keep it at the counter until %(customer)s collects it.",
    "delivery.no_work_address": "No work address on the lead: add it before writing the envelope.",
    "delivery.no_address": "No postal address on the lead: add it before writing the envelope.",
    "delivery.the_customer": "the customer",
})


def decide(lead, lang):
    """Where the card and the gift of ``lead`` (``facts.delivery``) go, worded in ``lang``:

    - ``kind``: ``home`` (the lead's address, or its customer's), ``work`` (the work address typed on the lead),
      ``store`` (kept at the counter) or ``call`` (a surprise with nowhere to send it: nothing is posted);
    - ``addressee``: the customer's name ("" when there is none), never the recipient's;
    - ``lines``: the address block under the name; empty when there is nothing to write on an envelope;
    - ``instruction``: what the salesperson does instead of posting; empty exactly when the envelope can be
      posted to ``lines``.
    """
    customer = lead["customer"]
    someone = customer or messages.text("delivery.the_customer", lang)
    kind = lead["choice"] or ("call" if lead["is_surprise"] else "home")
    lines = []
    if kind == "home":
        lines = lead["home_lines"]
    elif kind == "work":
        lines = [line.strip() for line in (lead["work_address"] or "").splitlines() if line.strip()]
        if not lines and lead["is_surprise"]:
            kind = "call"
    elif kind == "store":
        lines = [lead["store"], messages.text("delivery.at_counter", lang)]
    instruction = ""
    if kind == "call":
        instruction = " ".join((messages.text("delivery.call", lang, customer=someone),
                                messages.text("delivery.never_home", lang)))
    elif kind == "store":
        instruction = messages.text("delivery.keep", lang, customer=someone)
    elif not lines:
        instruction = messages.text("delivery.no_work_address" if kind == "work" else "delivery.no_address", lang)
    return {"kind": kind, "addressee": customer, "lines": lines, "instruction": instruction}
