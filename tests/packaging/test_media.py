"""Media files: recognised by content, checked against their role, images scaled, SVG cleaned.

Every file here is made on the spot: real images with Pillow, a real WAV with :mod:`wave`, and
the few header bytes by which MP4, WebM, MP3 and Ogg are recognised.
"""

from __future__ import annotations

import time
import wave
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image, ImageDraw, ImageFile

from oqu.diagnostics import Diagnostics, Location
from oqu.model.content import MediaRef
from oqu.packaging.media import MAX_SIDE, process_media

SVG_NS = "http://www.w3.org/2000/svg"

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08free"
M4A = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00M4A isom" + b"\x00\x00\x00\x08free"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 8
# EBML header: DocType (0x4282) "webm" / "matroska".
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 16
MKV = b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x88matroska" + b"\x00" * 16
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 32
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 32  # MPEG-1 layer III, no tag
AAC_ADTS = b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 32  # layer bits 00: AAC, not MP3
OGG = b"OggS\x00\x02" + b"\x00" * 20 + b"\x01\x13OpusHead" + b"\x00" * 16


def ref(path: str, role: str = "image", line: int = 3, column: int = 5) -> MediaRef:
    return MediaRef(path, role, Location("lesson.md", line, column))  # type: ignore[arg-type]


def run(root: Path, *refs: MediaRef) -> tuple[dict[str, bytes], Diagnostics]:
    diags = Diagnostics()
    return process_media(root, refs, diags), diags


def only(diags: Diagnostics) -> tuple[str, int, int, dict[str, str]]:
    """The single diagnostic as (code, line, column, args)."""
    assert len(diags) == 1, [d.format() for d in diags]
    (d,) = diags
    assert d.location.file == "lesson.md"
    return d.code, d.location.line, d.location.column, dict(d.args)


def put(root: Path, rel: str, data: bytes) -> bytes:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def diagram(size: tuple[int, int] = (1000, 700), mode: str = "RGB") -> Image.Image:
    """A typical lesson figure: flat shapes and lines, not noise."""
    im = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(im)
    w, h = size
    for i in range(12):
        x = i * w // 12
        draw.rectangle((x, h // 4, x + w // 16, h - h // 8), fill=(20 * i, 90, 200 - 10 * i))
        draw.line((0, i * h // 12, w, h - i * h // 12), fill=(0, 0, 0), width=3)
    draw.ellipse((w // 3, h // 3, w // 2, h // 2), outline=(200, 0, 0), width=5)
    return im


def encode(im: Image.Image, fmt: str, **options: object) -> bytes:
    buf = BytesIO()
    im.save(buf, format=fmt, **options)
    return buf.getvalue()


def opened(data: bytes) -> Image.Image:
    im = Image.open(BytesIO(data))
    im.load()
    return im


# --- paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../x.png", "/etc/passwd", "media/../../x.png", "C:/x.png"])
def test_paths_leaving_the_source_are_refused(tmp_path: Path, path: str) -> None:
    put(tmp_path, "x.png", encode(diagram((10, 10)), "PNG"))
    root = tmp_path / "src"
    root.mkdir()
    out, diags = run(root, ref(path, line=7, column=2))
    assert out == {}
    assert only(diags) == ("OQ106", 7, 2, {"target": path})


def test_symlink_out_of_the_source_is_refused(tmp_path: Path) -> None:
    secret = put(tmp_path, "secret.png", encode(diagram((10, 10)), "PNG"))
    root = tmp_path / "src"
    (root / "media").mkdir(parents=True)
    (root / "media" / "link.png").symlink_to(tmp_path / "secret.png")
    out, diags = run(root, ref("media/link.png", line=9))
    assert secret not in out.values()
    assert only(diags)[:2] == ("OQ106", 9)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    (tmp_path / "media" / "dir.png").mkdir(parents=True)
    out, diags = run(tmp_path, ref("media/none.png", line=4), ref("media/dir.png", line=6))
    assert out == {}
    assert [(d.code, d.location.line, dict(d.args)["target"]) for d in diags] == [
        ("OQ107", 4, "media/none.png"),
        ("OQ107", 6, "media/dir.png"),
    ]


def test_each_path_once_at_its_first_use(tmp_path: Path) -> None:
    _, diags = run(tmp_path, ref("gone.png", line=12), ref("gone.png", line=30))
    assert only(diags)[:2] == ("OQ107", 12)


# --- raster images ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.png", "PNG"), ("a.jpg", "JPEG"), ("a.jpeg", "JPEG"), ("a.webp", "WEBP"), ("a.gif", "GIF")],
)
def test_small_images_keep_their_bytes(tmp_path: Path, name: str, fmt: str) -> None:
    data = put(tmp_path, f"media/{name}", encode(diagram((640, 480)), fmt))
    out, diags = run(tmp_path, ref(f"media/{name}", role="photo"))
    assert list(diags) == []
    assert out == {f"media/{name}": data}


def test_large_png_is_scaled_to_max_side_reproducibly(tmp_path: Path) -> None:
    put(tmp_path, "big.png", encode(diagram((4000, 3000)), "PNG"))
    first, diags = run(tmp_path, ref("big.png"))
    second, _ = run(tmp_path, ref("big.png"))
    assert list(diags) == []
    assert first["big.png"] == second["big.png"]
    im = opened(first["big.png"])
    assert (im.format, im.size) == ("PNG", (MAX_SIDE, 1440))


def test_palette_png_is_scaled_smoothly(tmp_path: Path) -> None:
    put(tmp_path, "p.png", encode(diagram((3840, 100)).convert("P"), "PNG"))
    out, _ = run(tmp_path, ref("p.png"))
    assert opened(out["p.png"]).size == (MAX_SIDE, 50)


def test_jpeg_is_turned_upright_and_loses_its_exif(tmp_path: Path) -> None:
    im = Image.new("RGB", (2400, 1200), (255, 0, 0))
    im.paste((0, 0, 255), (1200, 0, 2400, 1200))  # left red, right blue as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "Camera maker"
    put(tmp_path, "photo.jpg", encode(im, "JPEG", exif=exif.tobytes(), quality=95))

    first, diags = run(tmp_path, ref("photo.jpg", role="photo"))
    second, _ = run(tmp_path, ref("photo.jpg", role="photo"))
    assert list(diags) == []
    assert first == second
    out = opened(first["photo.jpg"])
    assert (out.format, out.size) == ("JPEG", (960, MAX_SIDE))  # portrait now
    assert "exif" not in out.info
    assert len(out.getexif()) == 0
    red, blue = out.getpixel((480, 100)), out.getpixel((480, 1800))
    assert isinstance(red, tuple) and isinstance(blue, tuple)
    assert red[0] > 200 > red[2] and blue[2] > 200 > blue[0]  # stored left half is now on top


def test_small_jpeg_loses_its_metadata_but_not_a_bit_of_its_image(tmp_path: Path) -> None:
    im = Image.new("RGB", (640, 480), (20, 120, 40))
    ImageDraw.Draw(im).ellipse((100, 100, 400, 300), fill=(250, 250, 0))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (43.0, 15.0, 0.0)}  # GPS IFD: latitude 43°15′ (Almaty)
    original = encode(im, "JPEG", exif=exif.tobytes(), comment=b"by Aigerim", quality=90)
    put(tmp_path, "photo.jpg", original)
    out, diags = run(tmp_path, ref("photo.jpg", role="photo"))
    assert list(diags) == []
    kept = out["photo.jpg"]
    assert b"Camera maker" not in kept and b"by Aigerim" not in kept and b"Exif" not in kept
    assert len(opened(kept).getexif()) == 0
    # not re-encoded: the image data (from the start of scan on) is the same bytes
    assert kept[kept.index(b"\xff\xda") :] == original[original.index(b"\xff\xda") :]
    assert opened(kept).tobytes() == opened(original).tobytes()


def test_small_rotated_jpeg_is_turned_upright(tmp_path: Path) -> None:
    im = Image.new("RGB", (400, 200), (255, 0, 0))
    im.paste((0, 0, 255), (200, 0, 400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    put(tmp_path, "photo.jpg", encode(im, "JPEG", exif=exif.tobytes(), quality=95))
    out, _ = run(tmp_path, ref("photo.jpg", role="photo"))
    turned = opened(out["photo.jpg"])
    assert turned.size == (200, 400) and len(turned.getexif()) == 0


def test_large_webp_and_gif_keep_their_format(tmp_path: Path) -> None:
    put(tmp_path, "w.webp", encode(diagram((3000, 1000)), "WEBP"))
    put(tmp_path, "g.gif", encode(diagram((1000, 3000)).convert("P"), "GIF"))
    out, diags = run(tmp_path, ref("w.webp"), ref("g.gif"))
    assert list(diags) == []
    assert list(out) == ["g.gif", "w.webp"]
    assert (opened(out["w.webp"]).format, opened(out["w.webp"]).size) == ("WEBP", (1920, 640))
    assert (opened(out["g.gif"]).format, opened(out["g.gif"]).size) == ("GIF", (640, 1920))


def test_large_animation_is_kept_whole(tmp_path: Path) -> None:
    frames = [diagram((2400, 200)).convert("P"), Image.new("P", (2400, 200), 3)]
    data = put(
        tmp_path, "anim.gif", encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    )
    out, diags = run(tmp_path, ref("anim.gif"))
    assert list(diags) == []
    assert out == {"anim.gif": data}  # scaling would keep only the first frame


def test_extension_case_does_not_matter(tmp_path: Path) -> None:
    data = put(tmp_path, "IMG.JPG", encode(diagram((50, 50)), "JPEG"))
    assert run(tmp_path, ref("IMG.JPG"))[0] == {"IMG.JPG": data}


@pytest.fixture(scope="module")
def hundred_megapixels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bomb")
    put(root, "huge.png", encode(Image.new("1", (10_000, 10_000)), "PNG"))
    return root


def test_hundred_megapixels_refused_from_the_header(
    hundred_megapixels: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (hundred_megapixels / "huge.png").stat().st_size < 100_000

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    monkeypatch.setattr(ImageFile.ImageFile, "verify", no_decoding)
    start = time.perf_counter()
    out, diags = run(hundred_megapixels, ref("huge.png", line=21, column=1))
    assert time.perf_counter() - start < 0.5
    assert out == {}
    assert only(diags) == ("OQ109", 21, 1, {"target": "huge.png", "pixels": "100.0", "limit": "40"})


def test_just_above_the_limit(tmp_path: Path) -> None:
    put(tmp_path, "wide.png", encode(Image.new("L", (8001, 5000)), "PNG"))
    _, diags = run(tmp_path, ref("wide.png"))
    assert only(diags)[0] == "OQ109"
    assert dict(next(iter(diags)).args)["pixels"] == "40.0"


@pytest.mark.parametrize(("name", "fmt"), [("t.png", "PNG"), ("t.jpg", "JPEG"), ("t.gif", "GIF")])
def test_truncated_image(tmp_path: Path, name: str, fmt: str) -> None:
    data = encode(diagram((800, 600)), fmt)
    put(tmp_path, name, data[: len(data) // 2])
    out, diags = run(tmp_path, ref(name, line=5))
    assert out == {}
    code, line, _, args = only(diags)
    assert (code, line, args["expected"]) == ("OQ108", 5, "PNG/JPEG/WebP/GIF/SVG image")


def test_truncated_image_refused_even_when_pillow_is_told_to_allow_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint sets LOAD_TRUNCATED_IMAGES at import; the portal imports WeasyPrint."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = encode(diagram((800, 600)), "JPEG")
    put(tmp_path, "t.jpg", data[: len(data) // 2])
    out, diags = run(tmp_path, ref("t.jpg", line=5))
    assert out == {} and only(diags)[0] == "OQ108"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the process's setting is left as it was


def test_text_named_png(tmp_path: Path) -> None:
    put(tmp_path, "fake.png", "Бұл сурет емес\n".encode())
    _, diags = run(tmp_path, ref("fake.png"))
    code, *_, args = only(diags)
    assert code == "OQ108"
    assert args["problem"] == "the content is text"


def test_png_named_jpg_says_what_it_is(tmp_path: Path) -> None:
    put(tmp_path, "photo.jpg", encode(diagram((100, 100)), "PNG"))
    _, diags = run(tmp_path, ref("photo.jpg", role="photo"))
    code, *_, args = only(diags)
    assert code == "OQ108"
    assert args["problem"] == "named .jpg but the content is a PNG image"


def test_binary_junk_is_unrecognised(tmp_path: Path) -> None:
    put(tmp_path, "junk.png", bytes(range(128, 256)) * 4)
    _, diags = run(tmp_path, ref("junk.png"))
    assert only(diags)[3]["problem"] == "unrecognised content"


def test_heic_photo_is_named(tmp_path: Path) -> None:
    put(tmp_path, "IMG_0001.jpg", HEIC)
    _, diags = run(tmp_path, ref("IMG_0001.jpg", role="photo"))
    assert only(diags)[3]["problem"] == "the content is a HEIC/HEIF photo"


def test_large_file_warns_but_is_kept(tmp_path: Path) -> None:
    noise = Image.effect_noise((1000, 700), 80).convert("RGB")
    data = put(tmp_path, "noise.png", encode(noise, "PNG"))
    assert len(data) > 1_000_000
    out, diags = run(tmp_path, ref("noise.png", line=8))
    assert out == {"noise.png": data}
    code, line, _, args = only(diags)
    assert (code, line, args["limit"]) == ("OQ117", 8, "1")
    assert args["size"] == f"{len(data) / 1e6:.1f}"
    assert next(iter(diags)).severity == "warning"


# --- SVG -------------------------------------------------------------------------------------

HOSTILE_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="http://evil.example/a.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 100 100" onload="alert(1)">
  <style>@import url(http://evil.example/b.css); rect { fill: red }</style>
  <style>circle { fill: url(#g); stroke: blue }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <script>alert(2)</script>
  <html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(3)</html:script>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <a href="javascript:alert(4)"><text>link</text></a>
  <a xlink:href="  java&#9;script:alert(5)"><text>link</text></a>
  <set attributeName="href" to="javascript:alert(6)"/>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>
  <use href="#c"/>
  <circle id="c" r="5" onclick="alert(7)" ONMOUSEOVER="alert(8)" fill="url(#g)"/>
  <rect style="fill: url('https://evil.example/x.svg#p')" filter="url(http://evil.example/f)"/>
  <text>Before<script>alert(9)</script> after</text>
</svg>
"""


def test_svg_is_cleaned(tmp_path: Path) -> None:
    put(tmp_path, "d.svg", HOSTILE_SVG)
    out, diags = run(tmp_path, ref("d.svg"))
    assert list(diags) == []
    text = out["d.svg"].decode()
    for gone in ("alert", "evil", "tracker", "foreignObject", "xml-stylesheet", "svg+xml", "<set"):
        assert gone not in text
    root = etree.fromstring(out["d.svg"])
    ns = {"s": SVG_NS}
    assert [s.text for s in root.findall("s:style", ns)] == [
        "circle { fill: url(#g); stroke: blue }"
    ]
    assert root.find("s:use", ns).get("href") == "#c"  # type: ignore[union-attr]
    images = root.findall("s:image", ns)
    assert [dict(i.attrib) for i in images] == [
        {"width": "1", "height": "1"},
        {
            "{http://www.w3.org/1999/xlink}href": "data:image/png;base64,iVBORw0KGgo=",
            "width": "1",
            "height": "1",
        },
        {"width": "1", "height": "1"},
    ]
    assert dict(root.find("s:circle", ns).attrib) == {"id": "c", "r": "5", "fill": "url(#g)"}  # type: ignore[union-attr]
    assert dict(root.find("s:rect", ns).attrib) == {}  # type: ignore[union-attr]
    assert "".join(root.findall("s:text", ns)[-1].itertext()) == "Before after"


def test_svg_output_is_reproducible_and_clean_svg_survives(tmp_path: Path) -> None:
    clean = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4"/></svg>'
    put(tmp_path, "a.svg", clean)
    put(tmp_path, "b.svg", HOSTILE_SVG)
    first, _ = run(tmp_path, ref("a.svg"), ref("b.svg"))
    second, _ = run(tmp_path, ref("a.svg"), ref("b.svg"))
    assert first == second
    assert first["a.svg"] == b"<?xml version='1.0' encoding='utf-8'?>\n" + clean


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE svg [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>
"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        XXE,
        BILLION_LAUGHS.decode().encode("utf-16"),
        XXE.decode().encode("utf-16"),
    ],
    ids=["billion-laughs", "xxe", "billion-laughs-utf16", "xxe-utf16"],
)
def test_svg_with_entities_is_refused_quickly(tmp_path: Path, data: bytes) -> None:
    put(tmp_path, "lol.svg", data)
    start = time.perf_counter()
    out, diags = run(tmp_path, ref("lol.svg", line=14))
    assert time.perf_counter() - start < 0.5
    assert out == {}
    code, line, _, args = only(diags)
    assert (code, line) == ("OQ108", 14)
    # UTF-8: refused before parsing; UTF-16: by libxml2's amplification limit or after parsing.
    assert "entit" in args["problem"]


def test_svg_with_a_public_doctype_is_fine(tmp_path: Path) -> None:
    put(
        tmp_path,
        "old.svg",
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    )
    out, diags = run(tmp_path, ref("old.svg"))
    assert list(diags) == []
    assert b"DOCTYPE" not in out["old.svg"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<html><body/></html>", "the root element is <html>, not <svg>"),
        (b"<svg><rect/></svg>", 'lacks xmlns="http://www.w3.org/2000/svg"'),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "XML error"),
    ],
)
def test_not_an_svg(tmp_path: Path, data: bytes, problem: str) -> None:
    put(tmp_path, "x.svg", data)
    _, diags = run(tmp_path, ref("x.svg"))
    code, *_, args = only(diags)
    assert code == "OQ108"
    assert problem in args["problem"]


# --- video, audio, text ----------------------------------------------------------------------


def wav_bytes(seconds: float = 0.1) -> bytes:
    buf = BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * int(8000 * seconds))
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "role", "data"),
    [
        ("v.mp4", "video", MP4),
        ("v.m4v", "video", MP4),
        ("v.webm", "video", WEBM),
        ("a.mp3", "audio", MP3_ID3),
        ("b.mp3", "audio", MP3_FRAME),
        ("a.ogg", "audio", OGG),
        ("a.opus", "audio", OGG),
        ("a.wav", "audio", wav_bytes()),
        ("a.m4a", "audio", M4A),
        ("c.vtt", "captions", "\ufeffWEBVTT\n\n00:00.000 --> 00:01.000\nСәлем\n".encode()),
        ("c2.vtt", "captions", b"WEBVTT - title\n"),
        ("t.txt", "transcript", "Транскрипт: сәлем.\n".encode()),
        ("t.md", "transcript", b"<b>bold</b> start is still text\n"),
    ],
)
def test_media_kept_as_they_are(tmp_path: Path, name: str, role: str, data: bytes) -> None:
    put(tmp_path, name, data)
    out, diags = run(tmp_path, ref(name, role=role))
    assert list(diags) == []
    assert out == {name: data}


@pytest.mark.parametrize(
    ("name", "role", "data", "expected", "problem"),
    [
        ("v.mp4", "video", MP3_ID3, "MP4/WebM video", "the content is MP3 audio"),
        ("v.webm", "video", MKV, "MP4/WebM video", "the content is a Matroska (MKV) video"),
        ("v.mp4", "video", WEBM, "MP4/WebM video", "named .mp4 but the content is a WebM video"),
        ("a.mp3", "audio", AAC_ADTS, "MP3/OGG/WAV/M4A audio", "unrecognised content"),
        (
            "a.mp3",
            "audio",
            OGG,
            "MP3/OGG/WAV/M4A audio",
            "named .mp3 but the content is an Ogg file",
        ),
        (
            "a.wav",
            "audio",
            b"RIFF\x00\x00\x00\x00AVI LIST",
            "MP3/OGG/WAV/M4A audio",
            "unrecognised content",
        ),
        (
            "c.vtt",
            "captions",
            b"1\n00:00:00,000 --> 00:00:01,000\nHi\n",
            "WebVTT captions",
            "the content is text",
        ),
        ("c.vtt", "captions", b"WEBVTTX\n", "WebVTT captions", 'it does not start with "WEBVTT"'),
        ("c.vtt", "captions", b"WEBVTT\n\xff\xfe", "WebVTT captions", "not UTF-8 text (byte 7)"),
        (
            "c.srt",
            "captions",
            b"WEBVTT\n",
            "WebVTT captions",
            "named .srt but the content is WebVTT text",
        ),
        (
            "t.txt",
            "transcript",
            "Сәлем".encode("cp1251", errors="replace"),
            "UTF-8 text",
            "not UTF-8 text (byte 0)",
        ),
        (
            "t.txt",
            "transcript",
            encode(diagram((8, 8)), "PNG"),
            "UTF-8 text",
            "the content is a PNG image",
        ),
        ("i.png", "image", MP4, "PNG/JPEG/WebP/GIF/SVG image", "the content is an MP4/M4A file"),
    ],
)
def test_wrong_content_for_the_role(
    tmp_path: Path, name: str, role: str, data: bytes, expected: str, problem: str
) -> None:
    put(tmp_path, name, data)
    out, diags = run(tmp_path, ref(name, role=role, line=40, column=3))
    assert out == {}
    assert only(diags) == (
        "OQ108",
        40,
        3,
        {"target": name, "expected": expected, "problem": problem},
    )


@pytest.mark.parametrize(
    ("name", "role", "header", "size", "limit"),
    [
        ("big.wav", "audio", wav_bytes(), 10_500_000, "10"),
        ("big.mp4", "video", MP4, 52_000_000, "50"),
    ],
)
def test_large_audio_and_video_warn(
    tmp_path: Path, name: str, role: str, header: bytes, size: int, limit: str
) -> None:
    with (tmp_path / name).open("wb") as f:
        f.write(header)
        f.truncate(size)  # sparse: cheap to make
    out, diags = run(tmp_path, ref(name, role=role))
    assert len(out[name]) == size
    assert only(diags)[0] == "OQ117"
    assert only(diags)[3]["limit"] == limit


# --- the whole -------------------------------------------------------------------------------


def test_result_holds_only_good_files_sorted(tmp_path: Path) -> None:
    put(tmp_path, "z.png", encode(diagram((20, 20)), "PNG"))
    put(tmp_path, "a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    put(tmp_path, "bad.png", b"not a png")
    out, diags = run(tmp_path, ref("z.png"), ref("bad.png"), ref("a.svg"), ref("gone.mp4", "video"))
    assert list(out) == ["a.svg", "z.png"]
    assert diags.codes() == ["OQ107", "OQ108"]


def test_twenty_typical_figures_are_fast(tmp_path: Path) -> None:
    png = encode(diagram(), "PNG")
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 700">'
        + b"".join(b'<rect x="%d" y="%d" width="40" height="30"/>' % (i, i) for i in range(200))
        + b"</svg>"
    )
    refs = []
    for i in range(10):
        put(tmp_path, f"f{i}.png", png)
        put(tmp_path, f"f{i}.svg", svg)
        refs += [ref(f"f{i}.png"), ref(f"f{i}.svg")]
    start = time.perf_counter()
    out, diags = run(tmp_path, *refs)
    elapsed = time.perf_counter() - start
    assert len(out) == 20 and list(diags) == []
    assert elapsed < 1.0  # the whole build's budget; typically ~20 ms (see the report)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        st.sampled_from(
            [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"RIFFxxxxWEBP", b"<"]
        ).flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail)),
    ),
    name=st.sampled_from(["x.png", "x.jpg", "x.gif", "x.webp", "x.svg", "x.mp3", "x.vtt", "x.txt"]),
    role=st.sampled_from(["image", "video", "audio", "captions", "transcript"]),
)
def test_never_raises(tmp_path: Path, data: bytes, name: str, role: str) -> None:
    put(tmp_path, name, data)
    out, diags = run(tmp_path, ref(name, role=role))
    assert (name in out) != diags.has_errors
