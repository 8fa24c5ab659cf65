# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keeps the core's catalogues in step with its texts: ``python -m jewellery_followup_core.catalogues``.

One template and one .po per language for each area (the module that says it: ``gate``, ``wording``...; the
selection labels are the area ``vocabulary``). New texts are added untranslated (or filled from the .po files
given with ``--fill-from``, e.g. an addon's older translations), texts no longer used are dropped, translations
kept.
"""
import argparse
import datetime
import os
import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from . import messages, vocabulary
from .messages import LANGUAGES, LOCALE_DIR

# fixed, so that updating the catalogues changes only what changed in them
_HEADER = dict(project="jewellery_followup_core", version="2.0", charset="utf-8", fuzzy=False,
               creation_date=datetime.datetime(2026, 12, 6), revision_date=datetime.datetime(2026, 12, 6),
               header_comment="# The jewellery follow-up's own texts, for every Odoo version's addon.\n"
                              "# Updated by python -m jewellery_followup_core.catalogues; translate msgstr only.")


def texts_by_area():
    areas = {}
    for code, english in sorted(messages.TEXTS.items()):
        if code == "refusals":
            continue
        areas.setdefault(messages.AREAS[code], []).append((english, code))
    areas["vocabulary"] = [(english, None) for english in vocabulary.all_labels()]
    return areas


def _read(path, language=None):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as stream:
        return read_po(stream, locale=language)


def _write(catalog, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as stream:
        write_po(stream, catalog, width=116, sort_output=True, omit_header=False, ignore_obsolete=True)


def _from_compendium(compendium, english):
    """A translation of ``english``, also from an older text that said its one ``%(name)s`` as ``%s``."""
    if english in compendium:
        return compendium[english]
    names = re.findall(r"%\((\w+)\)s", english)
    if len(names) != 1:
        return ""
    positional = english.replace("%%(%s)s" % names[0], "%s")
    return compendium.get(positional, "").replace("%s", "%%(%s)s" % names[0])


def update(fill_from=()):
    """Writes every area's template and .po files; returns {language: [English texts left untranslated]}."""
    compendium = {language: {} for language in LANGUAGES}
    for path in fill_from:
        language = os.path.basename(path).split(".")[0].split("_")[0]
        if language in compendium:
            for message in _read(path, language):
                if message.id and message.string and not message.fuzzy and isinstance(message.id, str):
                    compendium[language].setdefault(message.id, message.string)
    missing = {language: [] for language in LANGUAGES}
    for area, entries in texts_by_area().items():
        template = Catalog(**_HEADER)
        for english, code in entries:
            if english not in template:
                template.add(english, auto_comments=[code] if code else [])
        _write(template, os.path.join(LOCALE_DIR, "%s.pot" % area))
        for language in LANGUAGES:
            path = os.path.join(LOCALE_DIR, language, "%s.po" % area)
            old = _read(path, language)
            catalog = Catalog(locale=language, **_HEADER)
            for message in template:
                if not message.id:
                    continue
                known = old.get(message.id) if old is not None else None
                string = (known.string if known is not None and known.string and not known.fuzzy
                          else _from_compendium(compendium[language], message.id))
                catalog.add(message.id, string, auto_comments=message.auto_comments)
                if not string:
                    missing[language].append(message.id)
            _write(catalog, path)
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-from", nargs="*", default=[], metavar="PO",
                        help=".po files named <lang>.po whose translations fill new texts")
    missing = update(parser.parse_args().fill_from)
    for language, texts in sorted(missing.items()):
        for english in texts:
            print("%s: untranslated: %s" % (language, english))


if __name__ == "__main__":
    main()
