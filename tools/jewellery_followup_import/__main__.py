"""``python -m jewellery_followup_import``: same as the ``jewellery-followup-import`` command."""
import sys

from .cli import main

sys.exit(main())
