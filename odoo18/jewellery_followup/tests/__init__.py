from . import test_scenarios
