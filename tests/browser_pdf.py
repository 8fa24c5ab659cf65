"""A PDF as a picture, through poppler (Debian's poppler-utils): each page drawn by pdftoppm, and the ink where
each word lands (its text and place come from the note card scenarios' readers, pdftotext)."""
import os
import subprocess
import tempfile

from jewellery_followup_core.scenarios.note_card import pdf_words
from PIL import Image

PAPER = 245  # a grey level at least this light is blank paper


def render(pdf, dpi=72):
    """Every page as a greyscale picture (72 dpi: one pixel per point)."""
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "card.pdf")
        with open(source, "wb") as stream:
            stream.write(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", source, os.path.join(folder, "page")],
                       check=True)
        pages = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".png"):
                with Image.open(os.path.join(folder, name)) as image:
                    pages.append(image.convert("L"))
        return pages


def ink(page, box):
    """The share of pixels darker than paper inside ``box`` (left, top, right, bottom, in pixels)."""
    pixels = list(page.crop(box).getdata())
    return sum(1 for value in pixels if value < PAPER) / max(len(pixels), 1)


def ink_at_edges(page, border=2):
    """Pixels darker than paper along the page's four edges: something printed runs off the page."""
    width, height = page.size
    strips = [(0, 0, width, border), (0, height - border, width, height),
              (0, 0, border, height), (width - border, 0, width, height)]
    return sum(ink(page, strip) for strip in strips)


def word_ink(pdf, page_pictures, wanted):
    """For each word of ``wanted`` found in the PDF, the share of ink inside its box on the rendered page (a
    word that is in the text but not visibly printed, e.g. white or clipped, has none)."""
    found = {}
    for text, box, number, size in pdf_words(pdf):
        if text in wanted and text not in found:
            page = page_pictures[number]
            scale_x, scale_y = page.size[0] / size[0], page.size[1] / size[1]
            pixels = (int(box[0] * scale_x), int(box[1] * scale_y),
                      int(box[2] * scale_x) + 1, int(box[3] * scale_y) + 1)
            inside = all(0 <= value for value in pixels) and pixels[2] <= page.size[0] \
                and pixels[3] <= page.size[1]
            found[text] = ink(page, pixels) if inside else 0.0
    return found
