# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every sentence the follow-up says to a user, a customer or the chatter: written once, in English, under a code,
and translated once, by the core's own gettext catalogues (``locale/<lang>/<area>.po``).

Odoo's exporter only collects the strings of an addon's own files, and each Odoo version reads its translations
its own way; so the core carries its catalogues and every version's addon asks ``text(code, lang, ...)`` in the
reader's language. A refusal is raised as ``Refusal(code, **params)``: the addons turn it into Odoo's own error
dialog, worded in the user's language.

Each area of the core registers its texts (``register``) when the package is imported; each area has its own
catalogue file, so that areas grow without touching each other's.
"""
import glob
import os

from babel.messages.pofile import read_po
from markupsafe import Markup, escape

LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
LANGUAGES = ("fr", "es", "de")
TEXTS = {}
# The catalogue file of each code: the area of the core that says it.
AREAS = {}
# Odoo's error dialogs: a refusal of each kind becomes UserError, AccessError or ValidationError.
USER, ACCESS, VALIDATION = "user", "access", "validation"
_catalogues = {}


def register(area, texts):
    """Adds an area's texts ({code: English}); a code is defined once."""
    for code, english in texts.items():
        if code in TEXTS and TEXTS[code] != english:
            raise ValueError("message %s is defined twice" % code)
        TEXTS[code], AREAS[code] = english, area


def catalogue(language):
    """{English: translation} of ``language`` ("fr"), read once from its .po files."""
    if language not in _catalogues:
        translations = {}
        for path in sorted(glob.glob(os.path.join(LOCALE_DIR, language, "*.po"))):
            with open(path, "rb") as stream:
                for message in read_po(stream, locale=language):
                    if message.id and message.string and not message.fuzzy:
                        translations[message.id] = message.string
        _catalogues[language] = translations
    return _catalogues[language]


def translate(english, lang):
    """``english`` in ``lang`` (an Odoo language code such as fr_FR or fr_BE); itself when not translated."""
    language = (lang or "en").split("_")[0].split("@")[0]
    if language not in LANGUAGES:
        return english
    return catalogue(language).get(english, english)


def _worded(value, lang):
    return value.text(lang) if hasattr(value, "text") and callable(value.text) else value


def text(code, lang, **params):
    """The message ``code`` in ``lang``, its ``%(name)s`` placeholders filled with ``params``."""
    template = translate(TEXTS[code], lang)
    if not params:
        return template
    return template % {name: _worded(value, lang) for name, value in params.items()}


def html(code, lang, **params):
    """The message as HTML for the chatter: the sentence and every value escaped (names typed at the counter
    are text, never markup)."""
    template = escape(translate(TEXTS[code], lang))
    return Markup(template % {name: escape(_worded(value, lang)) for name, value in params.items()})


class Refusal(Exception):
    """Why the follow-up refuses a call: a message code with its values, and the kind of Odoo error to show."""

    def __init__(self, code, kind=USER, **params):
        super().__init__(code)
        self.code, self.kind, self.params = code, kind, params

    def text(self, lang):
        return text(self.code, lang, **self.params)

    def __str__(self):
        return self.text("en_US")


register("messages", {"refusals": "%(lines)s"})
