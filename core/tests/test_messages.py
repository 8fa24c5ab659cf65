"""Every text the follow-up says exists in French, Spanish and German, with the same placeholders."""
import re

import pytest

from jewellery_followup_core import catalogues, messages, vocabulary

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]")


@pytest.mark.parametrize("lang", ["fr_FR", "es_ES", "de_DE"])
def test_every_text_and_label_is_translated_keeping_its_placeholders(lang):
    missing, broken = [], []
    catalogue = messages.catalogue(lang[:2])
    for entries in catalogues.texts_by_area().values():
        for english, _code in entries:
            translated = messages.translate(english, lang)
            if not catalogue.get(english):  # some words are the same in the language ("Oval" in Spanish)
                missing.append(english)
            elif sorted(PLACEHOLDER.findall(translated)) != sorted(PLACEHOLDER.findall(english)):
                broken.append((english, translated))
    assert not missing, "untranslated in %s: %s" % (lang, missing)
    assert not broken, "placeholders changed in %s: %s" % (lang, broken)


def test_the_catalogues_hold_every_text_and_no_other(tmp_path, monkeypatch):
    """``python -m jewellery_followup_core.catalogues`` would change no entry: the files are up to date."""
    import glob
    import os
    import shutil
    from babel.messages.pofile import read_po

    def entries(folder):
        found = {}
        for path in sorted(glob.glob(os.path.join(folder, "*.pot")) + glob.glob(os.path.join(folder, "*", "*.po"))):
            with open(path, "rb") as stream:
                found[os.path.relpath(path, folder)] = sorted(
                    (message.id, message.string) for message in read_po(stream) if message.id)
        return found

    copy = tmp_path / "locale"
    shutil.copytree(messages.LOCALE_DIR, str(copy))
    monkeypatch.setattr(catalogues, "LOCALE_DIR", str(copy))
    assert catalogues.update() == {"fr": [], "es": [], "de": []}
    assert entries(str(copy)) == entries(messages.LOCALE_DIR)


def test_a_message_is_worded_in_the_readers_language_with_its_values_escaped_for_the_chatter():
    html = messages.html("gate.stop.by_user", "fr_FR", user="<b>Nora</b>")
    assert "&lt;b&gt;Nora&lt;/b&gt;" in html and "<b>" not in html
    assert messages.text("gate.stop.by_user", "fr_BE", user="Nora") == messages.text(
        "gate.stop.by_user", "fr_FR", user="Nora")
    assert messages.text("gate.stop.by_user", "en_US", user="Nora") == "Follow-up stopped by Nora."
    assert messages.text("gate.stop.by_user", "nl_NL", user="Nora") == "Follow-up stopped by Nora."


def test_a_selection_inside_a_message_is_worded_in_the_readers_language():
    assert vocabulary.Choices("outcome", ["no_answer"]).text("en_US") == "No answer (no_answer)"
    assert vocabulary.label("occasion", "wedding", "de_DE") != "Wedding"
    assert vocabulary.label("stone_clarity", "VS1", "fr_FR") == "VS1"


def test_a_code_is_defined_once():
    with pytest.raises(ValueError):
        messages.register("test", {"gate.stop.by_user": "Something else"})
