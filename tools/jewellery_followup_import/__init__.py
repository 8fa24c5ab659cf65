"""Bulk import of jewellery leads into Odoo over RPC: ``jewellery-followup-import leads.csv --db mydb``."""
__version__ = "1.0.0"

# Exit codes (documented in docs/import.md and in --help).
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2          # bad arguments or a bad file: nothing was sent
EXIT_CONNECTION = 3     # cannot connect or log in, or the connection was lost for good
EXIT_REJECTED = 4       # some rows did not land (see the rejected-rows CSV)
EXIT_FOLLOWUP = 5       # every row landed, but some follow-ups were refused
EXIT_INTERRUPTED = 130  # Ctrl-C: run the same command again to finish
