"""The ``jewellery-followup-import`` command."""
import argparse
import csv
import os
import re
import sys
import time
import traceback

from jewellery_followup_core.importing import CHUNK_SIZE, MAX_ROWS_PER_CALL

from . import (EXIT_CONNECTION, EXIT_FOLLOWUP, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_REJECTED,
               EXIT_USAGE, __version__)
from .connection import TRANSPORTS, ConnectionFailed, SettingsError, connect, resolve
from .csvfile import REJECT_COLUMNS, BadFile, CsvSource
from .progress import Progress
from .rows import RowConverter, RowError
from .runner import MODEL, Sender
from .transport import NotServed, ServerError

EPILOG = """\
environment: ODOO_HOST, ODOO_PORT, ODOO_PROTOCOL, ODOO_DB, ODOO_USER, ODOO_PASSWORD, ODOO_API_KEY,
ODOO_TRANSPORT, ODOO_SESSION (flags win over the environment, which wins over the saved session).

transports: odoorpc's JSON-RPC (every Odoo from 11.0 to 19.0; login and password, or an API key in place
of the password) or Odoo 19's JSON-2 API (an API key, no login: Odoo 19 deprecates /jsonrpc and Odoo 20
removes it). --transport auto (the default) takes JSON-2 when an API key is given and the server serves it,
and odoorpc otherwise.

exit codes:
  0  every row landed (and, with --start-followup, every chain started or was already running)
  1  internal error (a bug: the traceback is printed)
  2  bad arguments or a bad file (nothing was sent)
  3  cannot connect or log in, the addon is missing, or the connection was lost for good
  4  some rows were rejected (listed, and written to the rejected-rows CSV)
  5  every row landed but some follow-ups were refused (e.g. three attempts already)
  130  interrupted: run the same command again to finish, nothing is duplicated
"""


def build_parser():
    parser = argparse.ArgumentParser(
        prog="jewellery-followup-import",
        description="Import a CSV of jewellery leads into Odoo's CRM over RPC (odoorpc or JSON-2). Re-running the "
                    "same file updates the leads it already imported instead of duplicating them.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv_file", help="UTF-8 CSV (BOM or not), separated by , or ; (detected)")
    parser.add_argument("--version", action="version", version="%(prog)s " + __version__)
    connection = parser.add_argument_group("connection")
    connection.add_argument("--host", help="Odoo host (default localhost)")
    connection.add_argument("--port", help="Odoo HTTP port (default 8069)")
    connection.add_argument("--protocol", help="jsonrpc (default) or jsonrpc+ssl")
    connection.add_argument("--db", "-d", help="database name")
    connection.add_argument("--user", "-u", help="login of the Odoo user")
    connection.add_argument("--password", help="password (prefer ODOO_PASSWORD or a saved session: "
                                               "a flag shows in the process list)")
    connection.add_argument("--api-key", help="an Odoo API key (prefer ODOO_API_KEY: a flag shows in the process "
                                              "list); with it, JSON-2 on Odoo 19 and later")
    connection.add_argument("--transport", choices=TRANSPORTS,
                            help="auto (default): JSON-2 when there is an API key and the server serves it, "
                                 "else JSON-RPC through odoorpc")
    connection.add_argument("--session", help="name of an odoorpc saved session (odoorpc.ODOO.save)")
    connection.add_argument("--session-file", default="~/.odoorpcrc", help="odoorpc sessions file "
                                                                           "(default ~/.odoorpcrc)")
    connection.add_argument("--save-session", metavar="NAME",
                            help="after logging in, save these settings as an odoorpc session")
    connection.add_argument("--timeout", type=float, default=600.0,
                            help="seconds to wait for one chunk (default 600)")
    options = parser.add_argument_group("import")
    options.add_argument("--dry-run", action="store_true",
                         help="check every row (here and on the server), report, write nothing")
    options.add_argument("--start-followup", action="store_true",
                         help="start the follow-up chain of the imported leads (a lead that already had "
                              "three attempts is reported, not restarted)")
    options.add_argument("--rejected", metavar="PATH",
                         help="where to write the rejected rows (default: <csv_file>.rejected.csv)")
    options.add_argument("--delimiter", choices=(",", ";"), metavar="SEP",
                         help="force the separator, , or ; (default: detected from the header)")
    options.add_argument("--chunk-size", type=int, default=CHUNK_SIZE,
                         help="rows per RPC call (default %d, at most %d)" % (CHUNK_SIZE, MAX_ROWS_PER_CALL))
    options.add_argument("--jobs", "-j", type=int, default=2,
                         help="parallel connections sending chunks (default 2)")
    options.add_argument("--retries", type=int, default=5,
                         help="retries of a chunk when the connection drops (default 5, over about 30 s)")
    options.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    return parser


def rejected_path(args):
    if args.rejected:
        return args.rejected
    stem = args.csv_file[:-4] if args.csv_file.lower().endswith(".csv") else args.csv_file
    return stem + ".rejected.csv"


class RejectedWriter:
    """The rejected rows, as a CSV the user can fix and import again (the reject_* columns are ignored)."""

    def __init__(self, path, header, delimiter, bom):
        self.path, self.header, self.delimiter, self.bom = path, header, delimiter, bom
        self.stream = self.writer = None
        self.count = 0

    def add(self, line, field, reason, cells):
        if self.writer is None:
            self.stream = open(self.path, "w", newline="", encoding="utf-8-sig" if self.bom else "utf-8")
            self.writer = csv.writer(self.stream, delimiter=self.delimiter)
            self.writer.writerow(list(REJECT_COLUMNS) + [
                cell for cell in self.header if cell.strip().lower() not in REJECT_COLUMNS])
        kept = [cell for index, cell in enumerate(cells)
                if index >= len(self.header) or self.header[index].strip().lower() not in REJECT_COLUMNS]
        self.writer.writerow([line, field, reason] + kept)
        self.count += 1

    def close(self):
        if self.stream:
            self.stream.close()
        elif os.path.exists(self.path):
            os.remove(self.path)  # a stale list from an earlier run would mislead


class Report:
    """Counts, the rejected rows and the follow-up outcome of a run."""
    SHOWN = 20

    def __init__(self, rejected, fields, out):
        self.rejected = rejected
        self.fields = fields
        self.out = out
        self.counts = dict.fromkeys(("created", "updated", "unchanged", "failed"), 0)
        self.followup = dict.fromkeys(("started", "running", "refused"), 0)
        self.shown = 0

    def reject(self, line, field, reason, cells, kind="failed"):
        if kind == "failed":
            self.counts["failed"] += 1
        self.rejected.add(line, field, reason, cells)
        if self.shown < self.SHOWN:
            self.out.write("line %d: %s\n" % (line, reason))
        elif self.shown == self.SHOWN:
            self.out.write("... more in %s\n" % self.rejected.path)
        self.shown += 1

    def chunk_done(self, chunk, results):
        for result in results:
            line = result.get("line")
            cells = chunk.originals.get(line, [])
            status = result.get("status")
            if status == "failed" or status not in self.counts:
                message = result.get("message") or "rejected by the server"
                match = re.match(r"^(\w+): ", message)
                field = match.group(1) if match and (
                    match.group(1) in self.fields or match.group(1) == "external_id") else ""
                self.reject(line, field, message, cells)
                continue
            self.counts[status] += 1
            followup = result.get("followup")
            if followup in self.followup:
                self.followup[followup] += 1
            if followup == "refused":
                self.reject(line, "start_followup", "follow-up not started: %s" % (
                    result.get("followup_message") or "refused"), cells, kind="followup")


def main(argv=None):
    args = build_parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    try:
        return run(args, out, err)
    except KeyboardInterrupt:
        err.write("\ninterrupted: run the same command again to finish (rows already imported are updated "
                  "or skipped, never duplicated)\n")
        return EXIT_INTERRUPTED
    except Exception:  # pylint: disable=broad-except - a bug: say so, with the traceback
        traceback.print_exc()
        err.write("internal error in jewellery-followup-import (a bug): please report it with the lines above\n")
        return EXIT_INTERNAL


def run(args, out, err):
    if args.chunk_size < 1 or args.jobs < 1 or args.retries < 0:
        err.write("error: --chunk-size and --jobs must be at least 1, --retries at least 0\n")
        return EXIT_USAGE
    if args.chunk_size > MAX_ROWS_PER_CALL:
        err.write("error: --chunk-size must be at most %d (the server takes at most %d rows per call)\n" % (
            MAX_ROWS_PER_CALL, MAX_ROWS_PER_CALL))
        return EXIT_USAGE
    started = time.monotonic()
    try:
        source = CsvSource(args.csv_file, args.delimiter)
        total = source.count()
        settings = resolve(args)
    except (BadFile, SettingsError) as error:
        err.write("error: %s\n" % error)
        return EXIT_USAGE
    reject_path = rejected_path(args)
    if os.path.abspath(reject_path) == os.path.abspath(args.csv_file):
        err.write("error: the rejected-rows file would overwrite the input: give --rejected\n")
        return EXIT_USAGE

    try:
        odoo = connect(settings)
        importable, fields, logins = server_facts(odoo, settings, args.start_followup)
    except ConnectionFailed as error:
        err.write("error: %s\n" % error)
        return EXIT_CONNECTION
    if args.save_session:
        if not hasattr(odoo, "save"):
            err.write("error: --save-session saves an odoorpc session (login and password); an API key stays "
                      "in ODOO_API_KEY\n")
            return EXIT_USAGE
        odoo.save(args.save_session, args.session_file)
    try:
        converter = RowConverter(source.header, fields, importable, logins, decimal_comma=source.delimiter == ";")
    except BadFile as error:
        err.write("error: %s: %s\n" % (args.csv_file, error))
        return EXIT_USAGE

    err.write("%s %s (%d rows) into %s%s\n" % (
        "checking" if args.dry_run else "importing", args.csv_file, total, settings.describe(),
        " -- dry run, nothing will be written" if args.dry_run else ""))
    rejected = RejectedWriter(reject_path, source.header, source.delimiter, source.has_bom)
    report = Report(rejected, fields, out)
    progress = Progress(total, err, enabled=not args.quiet)

    def on_result(chunk, results):
        report.chunk_done(chunk, results)
        progress.advance(len(results))

    def warn(message):
        err.write(("\n" if progress.tty and not args.quiet else "") + "warning: " + message + "\n")

    sender = Sender(settings, odoo, args.jobs, args.chunk_size, args.start_followup, args.dry_run,
                    args.retries, warn)
    header_length = len(source.header)
    try:
        try:
            for line, cells in source:
                try:
                    external_id, values = converter.convert(cells, header_length, line)
                except RowError as error:
                    report.reject(line, error.fields, str(error), cells)
                    progress.advance(1)
                    continue
                sender.add(line, external_id, values, cells, on_result)
                sender.poll(on_result)
            sender.finish(on_result)
        finally:
            progress.finish()
            rejected.close()
    except BadFile as error:  # the file changed since it was counted
        err.write("error: %s\n" % error)
        return EXIT_USAGE
    except ConnectionFailed as error:
        err.write("error: %s\n" % error)
        err.write("%d of %d rows were processed; run the same command again to finish (nothing is "
                  "duplicated)\n" % (progress.done, total))
        return EXIT_CONNECTION

    summarize(out, args, report, time.monotonic() - started)
    if report.counts["failed"]:
        return EXIT_REJECTED
    if report.followup["refused"]:
        return EXIT_FOLLOWUP
    return EXIT_OK


def server_facts(odoo, settings, start_followup):
    """What the server accepts: importable fields, their types and selections, the users' logins."""
    try:
        importable = odoo.execute_kw(MODEL, "importable_fields", [])
    except NotServed as error:
        raise ConnectionFailed("%s at %s: give an API key (--api-key or ODOO_API_KEY) for JSON-2" % (
            error, settings.url))
    except ServerError as error:
        if "doesn't exist" in str(error) or "does not exist" in str(error):
            raise ConnectionFailed("the jewellery_followup addon (with its import entry point) is not installed "
                                   "in database %r: install or update it first" % settings.db)
        raise ConnectionFailed("the server refused the import: %s" % str(error).splitlines()[0])
    attributes = ["type", "string", "selection", "digits"]
    fields = odoo.execute_kw("crm.lead", "fields_get", [importable], {"attributes": attributes})
    if odoo.context.get("lang", "en_US") != "en_US":
        # selection labels are accepted in English and in the user's language
        translated = odoo.execute_kw("crm.lead", "fields_get", [importable], {
            "attributes": attributes, "context": odoo.context})
        for name, meta in fields.items():
            if meta.get("selection"):
                meta["selection"] = meta["selection"] + translated[name]["selection"]
    users = odoo.execute_kw("res.users", "search_read", [[]], {"fields": ["login"]})
    logins = {user["login"]: user["id"] for user in users}
    if start_followup:
        # what any CRM user may ask (Odoo 17 and later let only administrators read ir.model)
        engine = odoo.execute_kw("crm.lead", "fields_get", [["followup_state"]], {"attributes": ["type"]})
        if not engine:
            raise ConnectionFailed("--start-followup: the follow-up engine is not installed in database %r "
                                   "(update jewellery_followup)" % settings.db)
    return importable, fields, logins


def summarize(out, args, report, elapsed):
    counts, followup = report.counts, report.followup
    rows = sum(counts.values())
    verb = "would be " if args.dry_run else ""
    out.write("\n%s%d rows in %.1f s (%.0f rows/s)\n" % (
        "DRY RUN, nothing was written: " if args.dry_run else "", rows, elapsed, rows / elapsed if elapsed else 0))
    out.write("  created  %7d  %s\n" % (counts["created"], verb + "new leads" if verb else "new leads"))
    out.write("  updated  %7d  %s\n" % (counts["updated"], (verb + "changed") if verb else "changed"))
    out.write("  skipped  %7d  already up to date in Odoo\n" % counts["unchanged"])
    out.write("  failed   %7d  %s\n" % (counts["failed"], (
        "rejected, with line number and reason, in %s" % report.rejected.path) if counts["failed"] else "rejected"))
    if args.start_followup:
        out.write("follow-up: %d %sstarted, %d already running, %d refused%s\n" % (
            followup["started"], verb, followup["running"], followup["refused"],
            " (listed in %s)" % report.rejected.path if followup["refused"] else ""))
    out.flush()
