# The rules are one package shared with the Odoo 17.0, 18.0 and 19.0 addons (see the manifest's external_dependencies);
# bound here first so that ``from .. import core`` in the models and tests reads, and patches, that package.
import jewellery_followup_core as core

from . import models
from . import report
from . import wizards
