"""A surprise never goes to the home address unless the customer chose it."""
from jewellery_followup_core import delivery

LEAD = {"customer": "Tom Reyes", "is_surprise": False, "choice": False, "work_address": "",
        "home_lines": ["18 Orchard Lane", "Portland"], "store": "Blake & Co"}


def decide(**values):
    return delivery.decide(dict(LEAD, **values), "en_US")


def test_an_ordinary_lead_goes_home():
    assert decide() == {"kind": "home", "addressee": "Tom Reyes", "lines": ["18 Orchard Lane", "Portland"],
                        "instruction": ""}


def test_a_surprise_with_no_choice_is_never_posted():
    card = decide(is_surprise=True)
    assert (card["kind"], card["lines"]) == ("call", [])
    assert card["instruction"].startswith("Do not post: call Tom Reyes to arrange delivery.")


def test_a_surprise_goes_to_work_or_waits_at_the_counter():
    assert decide(is_surprise=True, choice="work", work_address="Acme\n1 Main St\n")["lines"] == ["Acme", "1 Main St"]
    assert decide(is_surprise=True, choice="work")["kind"] == "call"
    store = decide(choice="store")
    assert store["lines"] == ["Blake & Co", "To be collected at the counter"]
    assert "until Tom Reyes collects it" in store["instruction"]


def test_nothing_to_write_on_the_envelope_says_so():
    assert "No postal address" in decide(home_lines=[])["instruction"]
    assert "No work address" in decide(choice="work")["instruction"]


def test_the_instruction_is_in_the_salespersons_language():
    assert delivery.decide(dict(LEAD, is_surprise=True), "de_DE")["instruction"] != decide(
        is_surprise=True)["instruction"]
