"""Generated scan-like pages with Vietnamese text (DejaVu from resources/fonts), for tests and benchmarks.

A real scan is not a clean render: the paper is tinted and the sensor adds noise, which is what makes pages big.
The generator adds both, so the size budgets are checked against something like a scanner's output.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.paths import resource

A4_300 = (2480, 3508)
# Words of the page with Vietnamese marks; Tesseract reads most, not always every one (a heading may lose marks).
VIETNAMESE_WORDS = ("chứng", "độc lập", "hạnh phúc", "thường trú", "nông thôn", "mục đích", "diện tích", "họ và tên")


def found_words(text: str) -> list[str]:
    low = text.lower()
    return [w for w in VIETNAMESE_WORDS if w in low]
LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT",
    "Họ và tên: Nguyễn Thị Hường, sinh năm 1985",
    "Địa chỉ thường trú: thôn Bắc Sơn, xã Mẫu Sơn",
    "Thửa đất số 125, tờ bản đồ số 7, diện tích 320 m²",
    "Mục đích sử dụng: đất ở tại nông thôn",
)


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts/DejaVuSans.ttf")), size)


def text_page(seed: int = 1, *, noise: int = 6, size: tuple[int, int] = A4_300) -> Image.Image:
    """A grey A4 page at 300 dpi: a heading and ~40 lines of Vietnamese text on tinted, noisy paper."""
    rng = random.Random(seed)
    img = Image.new("L", size, 236)
    draw = ImageDraw.Draw(img)
    big, small = font(64), font(44)
    y = 200
    for line in LINES[:3]:
        draw.text((250, y), line, fill=20, font=big)
        y += 110
    while y < size[1] - 250:
        draw.text((250, y), rng.choice(LINES[3:]), fill=30, font=small)
        y += 72
    if noise:
        img = Image.blend(img, Image.effect_noise(size, noise * 8), 0.08)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    img.info["dpi"] = (300, 300)
    return img


def save_page(path: Path, seed: int = 1, fmt: str = "PNG", mode: str = "L") -> Path:
    img = text_page(seed)
    if mode == "1":
        img = img.point(lambda v: 255 if v > 140 else 0).convert("1")
    elif mode == "RGB":
        img = img.convert("RGB")
    img.save(path, fmt, dpi=(300, 300))
    return path
