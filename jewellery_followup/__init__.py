# The rules are one package shared with the Odoo 18.0 addon (see the manifest's external_dependencies);
# bound here first so that ``from .. import rules`` in the models and tests reads, and patches, that package.
import jewellery_followup_rules as rules

from . import models
from . import report
from . import wizards
