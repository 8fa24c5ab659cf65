from . import test_followup_chain
from . import test_followup_activity
from . import test_followup_limit
from . import test_followup_timezones
from . import test_followup_access
from . import test_scheduler_differential
from . import test_import
from . import test_activity_outcome_tour
