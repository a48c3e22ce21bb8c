"""A page image as the encoder takes it: 8 bits a channel, opaque, on white paper.

Why: Pillow's ``convert("L")``/``convert("RGB")`` drop an alpha channel by keeping the colour under it, which is
black in a transparent PNG (a phone app's crop, a picture exported from an editor): the page came out black. It
also clips 16-bit samples to 0–255 instead of scaling them, so a scanner's 16-bit grey page (SANE ``--depth 16``,
many scanners' TIFF) came out white, its text gone. Pages are put on white and scaled to 8 bits before any choice
of codec is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

_WIDE = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")  # one channel, more than 8 bits a sample


def paper_image(img: Image.Image) -> Image.Image:
    """``img`` in a mode of 8 bits a channel without alpha ("1", "L", "RGB", "CMYK"…), transparency on white."""
    if img.mode in _WIDE:
        return _to_8_bits(img)
    if (img.mode == "P" and "transparency" in img.info) or img.mode == "PA":
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "RGBa", "La"):
        return _on_white(img)
    return img


def _on_white(img: Image.Image) -> Image.Image:
    from PIL import Image

    base = "L" if img.mode in ("LA", "La") else "RGB"
    paper = Image.new(base, img.size, 255 if base == "L" else (255, 255, 255))
    paper.paste(img.convert(base), mask=img.convert("RGBA" if base == "RGB" else "LA").getchannel("A"))
    paper.info = dict(img.info)
    return paper


def _to_8_bits(img: Image.Image) -> Image.Image:
    """Scale a wide grey image to 0–255: by its nominal depth (16 bits; floats 0–1), or by its own range when
    the samples exceed it (a 32-bit image of unknown depth)."""
    wide = img.convert("F")
    low, high = wide.getextrema()
    if high <= 1.0 and img.mode == "F":
        top = 1.0
    elif high <= 255 and img.mode in ("I", "F"):
        top = 255.0
    elif high <= 65535:
        top = 65535.0
    else:
        top = float(high)
    bottom = min(0.0, float(low))
    scale = 255.0 / (top - bottom) if top > bottom else 1.0
    out = wide.point(lambda v: (v - bottom) * scale).convert("L")
    out.info = dict(img.info)
    return out
