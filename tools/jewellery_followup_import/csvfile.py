"""Reading the CSV: UTF-8 with or without BOM, ``,`` or ``;`` detected, one record at a time (streaming)."""
import codecs
import csv

# Columns the tool writes into its rejected-rows file; they are ignored when that file is imported again.
REJECT_COLUMNS = ("reject_line", "reject_field", "reject_reason")


class BadFile(Exception):
    """The file cannot be read as a CSV of leads; the message says why and where."""


def sniff(path):
    """(delimiter, has_bom) of the file, from its first line."""
    try:
        with open(path, "rb") as raw:
            first = raw.readline(1 << 20)
    except OSError as error:
        raise BadFile("cannot open %s: %s" % (path, error.strerror or error))
    has_bom = first.startswith(codecs.BOM_UTF8)
    try:
        header = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile("%s, line 1: not UTF-8 text (save the file as \"CSV UTF-8\")" % path)
    if not header.strip():
        raise BadFile("%s: the first line must name the columns (name, occasion, ...), it is empty" % path)
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return delimiter, has_bom


class CsvSource:
    """The records of a CSV file as ``(line number, cells)``, header excluded, blank lines skipped.

    The line number is the file line where the record starts (a quoted cell may span lines). Errors of
    encoding or quoting raise BadFile with the line number.
    """

    def __init__(self, path, delimiter=None):
        self.path = path
        sniffed, self.has_bom = sniff(path)
        self.delimiter = delimiter or sniffed
        self.header = None

    def __iter__(self):
        with open(self.path, newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream, delimiter=self.delimiter)
            line = 1
            header = None
            try:
                for cells in reader:
                    start, line = line, reader.line_num + 1
                    if header is None:
                        header = self.header = cells
                        continue
                    if not any(cell.strip() for cell in cells):
                        continue
                    yield start, cells
            except UnicodeDecodeError:
                raise BadFile("%s, line %d: not UTF-8 text (save the file as \"CSV UTF-8\")" % (
                    self.path, line))
            except csv.Error as error:
                raise BadFile("%s, line %d: %s" % (self.path, line, error))
        if self.header is None:
            raise BadFile("%s is empty: the first line must name the columns" % self.path)

    def count(self):
        """Number of records (a first pass over the file: checks encoding and quoting, gives the ETA)."""
        total = 0
        for _record in self:
            total += 1
        return total
