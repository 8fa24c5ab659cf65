"""Every scenario the core writes is found for the versions that bind them by name (Odoo 17.0 to 19.0)."""
import pytest

from jewellery_followup_core import scenarios
from jewellery_followup_core.scenarios import limit, note_card, scenario_mixins, visit_close


def test_each_scenario_mixin_runs_once_under_its_test_name():
    found = dict(scenario_mixins())
    assert found["TestLimit"] is limit.LimitScenarios
    assert found["TestNoteCardPdf"] is note_card.NoteCardPdfScenarios
    assert len(found) == len(scenario_mixins()), "no test name twice"
    # the fixtures the scenarios share are no scenarios of their own
    assert visit_close.VisitCloseCourse not in found.values()
    assert all(mixin.__name__.endswith("Scenarios") for mixin in found.values())


def test_of_the_cores_scenarios_only_the_printed_card_needs_a_running_server():
    needing = [name for name, mixin in scenario_mixins() if getattr(mixin, "needs_http_server", False)]
    assert needing == ["TestNoteCardPdf"]


def test_two_mixins_of_one_name_are_refused_with_both_modules_named(tmp_path, monkeypatch):
    package = tmp_path / "twins"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("class LimitScenarios:\n    pass\n")
    (package / "second.py").write_text("class LimitScenarios:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import twins
    with pytest.raises(ValueError) as refused:
        scenario_mixins(twins)
    assert "TestLimit" in str(refused.value)
    assert "twins.first" in str(refused.value) and "twins.second" in str(refused.value)


def test_the_core_package_is_searched_unless_told():
    assert scenario_mixins() == scenario_mixins(scenarios)


def test_the_drivers_clock_moves_the_cores_one_clock_and_gives_it_back():
    import unittest

    from jewellery_followup_core import clock
    from jewellery_followup_core.scenarios.driver import StoreClock

    seen = {}

    class Case(StoreClock, unittest.TestCase):
        def test_moment(self):
            seen["visit"] = clock.utc_now()
            self.set_clock("2027-03-09", 7.5)
            seen["moved"] = clock.utc_now()

    before = clock.utc_now
    result = unittest.TestResult()
    Case("test_moment").run(result)
    assert result.wasSuccessful(), result.errors
    assert str(seen["visit"]) == "2027-03-06 12:00:00"
    assert str(seen["moved"]) == "2027-03-09 07:30:00"
    assert clock.utc_now is before, "the real clock is back after the test"


def test_a_mixin_of_another_package_under_a_core_name_is_refused(tmp_path, monkeypatch):
    package = tmp_path / "recent_scenarios"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "limits.py").write_text("class LimitScenarios:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import recent_scenarios
    with pytest.raises(ValueError) as refused:
        scenario_mixins(scenarios, recent_scenarios)
    assert "jewellery_followup_core.scenarios.limit" in str(refused.value)
    assert "recent_scenarios.limits" in str(refused.value)
