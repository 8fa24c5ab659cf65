from . import crm_lead
from . import jewellery_followup_chain
from . import jewellery_followup_step
from . import jewellery_followup_attempt
from . import jewellery_followup_engine
from . import jewellery_followup_import
from . import jewellery_followup_script
from . import mail_activity
