from . import jewellery_followup_result
from . import jewellery_followup_result_print
from . import jewellery_followup_gift_month
from . import jewellery_aftersale_result
