from . import jewellery_visit_close
