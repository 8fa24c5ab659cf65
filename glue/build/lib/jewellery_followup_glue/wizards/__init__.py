from . import jewellery_followup_outcome
from . import jewellery_followup_start
from . import jewellery_followup_rebalance
from . import jewellery_visit_close
