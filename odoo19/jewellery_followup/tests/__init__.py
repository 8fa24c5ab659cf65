from . import test_scenarios
from . import test_import
from . import test_done_activity
