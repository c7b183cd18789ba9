# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.1.3 / images — no blurry or low-resolution images (form 02: "no blurry screenshots").

Two measures on raster images (SVG is vector and always sharp):

* resolution: fewer than :data:`MIN_WIDTH` pixels across for an image the player shows at up
  to the slide's width (62 rem ≈ 990 CSS px) means the browser upscales it more than ~1.5×;
* blur: the variance of the Laplacian of the grey image (a 3×3 Laplacian via Pillow's
  ``ImageFilter.Kernel``) is high where edges are crisp. Alone it depends on the content (a flat
  illustration scores low however sharp it is), so it is self-referenced: the image is blurred
  on purpose (halved and enlarged back, bicubic) and measured again. A sharp image loses most of
  its Laplacian variance (ratio ≈ 0.25–0.42); an already blurred one keeps most of it (≥ 0.56).
  :data:`MAX_BLUR_RATIO` = 0.5 was calibrated on 26 screenshot-like renders of the examples'
  diagrams (rsvg-convert, 1280 px) and the haccp poster photo-still: sharp 0.25–0.42; the same
  images downscaled 2× and upscaled back 0.56–0.85; downscaled 3×, 0.79–0.95. docs/checker.md
  has the table.

Images over :data:`MAX_PIXELS` are not decoded (the build's own limit refuses them).

Only *pictures* are judged (issue 14): not the player's chrome (``MediaFact.role``: skins,
libraries, icons and buttons by path), not icons and bullets (both sides under
:data:`ICON_SIDE` px), not the cut-out fragments a tool exports (an image with transparent
pixels — a picture is opaque; a slide's fragment is shaped). Resolution is judged against the
size the picture is shown at (``MediaFact.shown_width``): Oqu's player shows it at up to the
slide column; another tool's compiled slides hide it, so only blur (a property of the file) is
judged there. More than :data:`MAX_SINGLE` findings of one kind become one finding with the
count and :data:`EXAMPLES` examples.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageFilter, ImageStat, UnidentifiedImageError

from oqu.diagnostics import Diagnostic
from oqu.model.subject import Subject, known
from oqu.rules.base import finding, msg, t

ID = "10.1.3/images"
SEVERITY = "warning"
NEEDS = ("media",)
MIN_WIDTH = 640
ICON_SIDE = 100  # both sides smaller: an icon or a bullet, not a picture
MIN_BLUR_SIDE = 200  # blur is measured on pictures at least this big on both sides
MAX_SINGLE = 2  # findings of one kind shown one by one; more are collapsed
EXAMPLES = 3
MAX_BLUR_RATIO = 0.5
MAX_PIXELS = 40_000_000
_MEASURE_SIDE = 1600  # larger images are measured on a reduced copy (reducing only sharpens)
TITLE = t("Суреттердің сапасы", "Качество изображений", "Image quality")
_LAPLACE = ImageFilter.Kernel((3, 3), (0, 1, 0, 1, -4, 1, 0, 1, 0), scale=1, offset=128)
MESSAGES = {
    "": msg("warning",
        t("«{target}» суреті бұлыңғыр (бұлыңғырлық индексі {value}, шегі {limit})",
          "Изображение «{target}» размыто (индекс размытости {value}, порог {limit})",
          "Image '{target}' looks blurry (blur index {value}, threshold {limit})"),
        t("Скриншотты түпнұсқа өлшемінде қайта түсіріңіз; суретті үлкейтпеңіз.",
          "Снимите скриншот заново в исходном размере; не увеличивайте изображение.",
          "Take the screenshot again at full size; never enlarge a small picture.")),
    "small": msg("warning",
        t("«{target}» суретінің ені {width} пиксель, слайдта кемінде {min} керек",
          "Ширина изображения «{target}» — {width} пикселей, для слайда нужно не менее {min}",
          "Image '{target}' is {width} pixels wide; a slide needs at least {min}"),
        t("Үлкенірек түпнұсқаны немесе SVG нұсқасын қолданыңыз.",
          "Используйте оригинал большего размера или SVG.",
          "Use a larger original or an SVG version.")),
    "many": msg("warning",
        t("{count} сурет бұлыңғыр (бұлыңғырлық индексі > {limit}), мысалы: {examples}",
          "{count:p|Размыто|Размыты|Размыто} {count} {count:p|изображение|изображения|изображений} (индекс размытости > {limit}), например: {examples}",
          "{count} {count:p|image looks|images look} blurry (blur index > {limit}), e.g. {examples}"),
        t("Скриншоттарды түпнұсқа өлшемінде қайта түсіріңіз; суреттерді үлкейтпеңіз.",
          "Снимите скриншоты заново в исходном размере; не увеличивайте изображения.",
          "Take the screenshots again at full size; never enlarge a small picture.")),
    "small-many": msg("warning",
        t("{count} суреттің ені {min} пикселден аз, мысалы: {examples}",
          "У {count} изображений ширина меньше {min} пикселей, например: {examples}",
          "{count} images are narrower than {min} pixels, e.g. {examples}"),
        t("Үлкенірек түпнұсқаларды немесе SVG нұсқаларын қолданыңыз.",
          "Используйте оригиналы большего размера или SVG.",
          "Use larger originals or SVG versions.")),
}  # fmt: skip


def sharpness(im: Image.Image) -> float:
    """Variance of the Laplacian of the grey image."""
    return float(ImageStat.Stat(im.filter(_LAPLACE)).var[0])


def blur_ratio(im: Image.Image) -> float:
    """Laplacian variance after a deliberate 2× blur over the original's: near 1 = blurry."""
    if im.mode in ("RGBA", "LA", "P", "PA"):
        rgba = im.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, "white")
        flat.alpha_composite(rgba)
        im = flat
    grey = im.convert("L")
    if max(grey.size) > _MEASURE_SIDE:
        grey.thumbnail((_MEASURE_SIDE, _MEASURE_SIDE))
    w, h = grey.size
    base = sharpness(grey)
    if base < 1.0 or w < 4 or h < 4:  # a blank image: nothing to judge
        return 0.0
    blurred = grey.resize((w // 2, h // 2), Image.Resampling.BICUBIC)
    blurred = blurred.resize((w, h), Image.Resampling.BICUBIC)
    return sharpness(blurred) / base


def _has_transparency(im: Image.Image) -> bool:
    """Some pixel is (nearly) transparent: a shaped fragment, not a rectangular picture."""
    if im.mode == "P":
        return "transparency" in im.info
    if im.mode not in ("RGBA", "LA", "PA"):
        return False
    low = im.getchannel("A").getextrema()[0]
    return isinstance(low, int | float) and low < 200


def check(subject: Subject) -> Iterator[Diagnostic]:
    small: list[Diagnostic] = []
    blurry: list[Diagnostic] = []
    for m in known(subject.media) or []:
        if m.kind != "image" or m.read is None or m.path.lower().endswith(".svg"):
            continue
        if m.role != "picture":
            continue
        try:
            with Image.open(io.BytesIO(m.read())) as im:
                w, h = im.size
                if w * h > MAX_PIXELS or (w < ICON_SIDE and h < ICON_SIDE):
                    continue
                if _has_transparency(im):
                    continue  # a cut-out fragment of a slide
                if m.shown_width is not None and w < MIN_WIDTH:
                    small.append(
                        finding(ID, "small", m.location, target=m.path, width=w, min=MIN_WIDTH)
                    )
                    continue
                if w < MIN_BLUR_SIDE or h < MIN_BLUR_SIDE:
                    continue
                im.load()
                value = blur_ratio(im)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
            continue  # unreadable images are the build's (OQ108) or 10.7's concern
        if value > MAX_BLUR_RATIO:
            blurry.append(
                finding(
                    ID, "", m.location, target=m.path, value=f"{value:.2f}", limit=MAX_BLUR_RATIO
                )
            )
    yield from _collapse(small, "small-many", subject, ("min", str(MIN_WIDTH)))
    yield from _collapse(blurry, "many", subject, ("limit", str(MAX_BLUR_RATIO)))


def _collapse(
    found: list[Diagnostic], variant: str, subject: Subject, arg: tuple[str, str]
) -> Iterator[Diagnostic]:
    if len(found) <= MAX_SINGLE:
        yield from found
        return
    examples = ", ".join(str(dict(d.args)["target"]) for d in found[:EXAMPLES])
    yield finding(ID, variant, subject.location, count=len(found), examples=examples, **dict([arg]))
