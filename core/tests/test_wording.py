"""A touch's words: the placeholders in the customer's language, never "False" or a gap."""
from jewellery_followup_core import wording

LEAD = {"contact_name": "Tom Reyes", "recipient_name": "Clara", "occasion": "engagement", "stone_type": "diamond",
        "stone_shape": "round", "stone_carat": 1.2, "stone_color": "F", "stone_clarity": "VS1",
        "salesperson": "Nora", "company": "Blake & Co"}


def test_the_stone_is_said_the_way_a_jeweller_says_it():
    assert wording.stone_spec(LEAD, "en_US") == "1.2 ct round F VS1 diamond"
    assert wording.stone_spec({}, "en_US") == ""


def test_an_empty_field_reads_naturally():
    values = wording.values({"company": "Blake & Co"}, "en_US")
    assert values["customer"] == "valued customer"
    assert values["recipient"] == "your loved one"
    assert values["salesperson"] == "Blake & Co"
    assert "False" not in wording.render("{customer} {recipient} {occasion} {stone} {piece} {metal} {welcome}",
                                         values)


def test_the_fallbacks_are_in_the_customers_language():
    assert wording.values({}, "fr_FR")["recipient"] != "your loved one"


def test_a_manager_s_script_never_reaches_an_object():
    assert wording.render("{customer.__class__} {customer}", {"customer": "Tom"}) == "{customer.__class__} Tom"
    assert wording.unknown_placeholders("{customer} {customer.name} { recipient }") == [
        " recipient ", "customer.name"]


def test_the_note_keeps_the_instruction_first_and_escapes_the_words():
    assert wording.note_html("Dear <Tom>\nsee you", "Do not post") == \
        "<p>Do not post</p><p>Dear &lt;Tom&gt;<br>see you</p>"


def test_a_wording_signed_in_any_language_is_not_signed_twice():
    assert wording.is_signed("Bien à vous,\nNora Lindqvist", "Nora Lindqvist")
    assert not wording.is_signed("Bien à vous,", "Nora Lindqvist")
