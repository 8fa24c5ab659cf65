# The rules are one package shared with every version's addon (jewellery_followup_core), the models, wizards and
# reports one package shared with the other recent versions' (jewellery_followup_glue): see the manifest's
# external_dependencies. The core is bound here so that ``from .. import core`` in the tests reads, and patches, it.
import jewellery_followup_core as core

from . import models
from . import report
from . import wizards
