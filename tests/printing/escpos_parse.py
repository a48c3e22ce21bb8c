"""Take an ESC/POS stream apart: init, GS v 0 raster blocks (as images) and the cut; for the thermal tests."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageOps

INIT = b"\x1b@"
RASTER = b"\x1dv0"
CUT = b"\x1dV"


@dataclass(frozen=True)
class RasterBlock:
    width_px: int
    height_px: int
    data: bytes

    def image(self) -> Image.Image:
        """The block as a white-background greyscale image (ESC/POS bit 1 = black dot)."""
        bits = Image.frombytes("1", (self.width_px, self.height_px), self.data)
        return ImageOps.invert(bits.convert("L"))


def raster_blocks(stream: bytes) -> list[RasterBlock]:
    """Every GS v 0 block in ``stream``, in order."""
    blocks = []
    at = stream.find(RASTER)
    while at >= 0:
        header = stream[at + 3 : at + 8]
        width_bytes = header[1] + 256 * header[2]
        height = header[3] + 256 * header[4]
        start = at + 8
        end = start + width_bytes * height
        blocks.append(RasterBlock(width_bytes * 8, height, stream[start:end]))
        at = stream.find(RASTER, end)
    return blocks


def stacked(blocks: list[RasterBlock]) -> Image.Image:
    """All blocks one under the other, as the printer would print them."""
    width = blocks[0].width_px
    sheet = Image.new("L", (width, sum(b.height_px for b in blocks)), 255)
    top = 0
    for block in blocks:
        sheet.paste(block.image(), (0, top))
        top += block.height_px
    return sheet
