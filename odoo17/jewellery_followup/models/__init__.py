# The models as Odoo 17.0 to 19.0 declare them alike, then what Odoo 17 spells its own way.
import jewellery_followup_glue.models  # noqa: F401  pylint: disable=unused-import

from . import jewellery_followup_engine
from . import jewellery_followup_import
from . import crm_lead
