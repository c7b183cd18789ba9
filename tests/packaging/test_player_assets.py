"""How the player is shipped (issue 17, item 5): minified at build time, ≤ 40 KB gzip with the
test module, the same bytes on every build, its main stylesheet in the page, the tests' one linked
after the first slide (the first paint's yield point) and its scripts deferred, pictures lazy past
the first two slides, video and audio fetched only when played."""

from __future__ import annotations

import gzip
import io
import os
import re
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from oqu.packaging.site import (
    PLAYER_CSS,
    PLAYER_FILES,
    PLAYER_JS,
    PLAYER_SHEET,
    cache_dir,
    js_minifier,
    minify,
    player_css,
    player_files,
)

ROOT = Path(__file__).resolve().parents[2]
HACCP = ROOT / "examples" / "haccp-kk"
SCORM12 = ("--format", "scorm12")
LIMIT = 40 * 1024  # issue 17: JS + CSS with everything, gzip


def build_scorm12(out: Path, debug: bool = False, cache: Path | None = None) -> bytes:
    paths = [str(ROOT / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {"PYTHONPATH": os.pathsep.join(paths), "PATH": "/usr/bin:/bin"}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    if debug:
        env["OQU_PLAYER_DEBUG"] = "1"
    res = subprocess.run(
        [sys.executable, "-m", "oqu.cli", "build", str(HACCP), "--out", str(out), *SCORM12],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    (zip_path,) = out.glob("*-scorm12.zip")
    return zip_path.read_bytes()


def shipped_player(package: bytes) -> dict[str, bytes]:
    """The player as a built package carries it: its files and the page's <style>."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        out = {n: z.read(n) for n in z.namelist() if n.startswith("player/")}
        html = z.read("index.html").decode("utf-8")
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1, "the player's stylesheet is inlined once in the page"
    out["<style>"] = styles[0].encode("utf-8")
    return out


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def test_the_shipped_player_is_within_40_kb_gzip(tmp_path: Path) -> None:
    player = shipped_player(build_scorm12(tmp_path))
    assert set(player) == {"<style>", f"player/{PLAYER_SHEET}", *(f"player/{n}" for n in PLAYER_JS)}
    total = sum(gz(b) for b in player.values())
    assert total <= LIMIT, f"{total} bytes gzip > {LIMIT}"
    # and it is the whole player: every source file is in it, minified
    sources = files("oqu.player")
    for name in (*PLAYER_JS, PLAYER_SHEET):
        src = sources.joinpath(name).read_bytes()
        assert player[f"player/{name}"] == minify(name, src)
        assert len(player[f"player/{name}"]) < (0.9 if name == PLAYER_SHEET else 0.8) * len(src)
    css = player["<style>"].decode("utf-8")
    for name in PLAYER_CSS:
        assert minify(name, sources.joinpath(name).read_bytes()).decode("utf-8") in css


def test_minified_player_and_package_are_byte_identical_on_rebuild(tmp_path: Path) -> None:
    first = build_scorm12(tmp_path / "a")
    second = build_scorm12(tmp_path / "b")
    assert first == second
    sources = files("oqu.player")
    for name in (*PLAYER_CSS, PLAYER_SHEET, *PLAYER_JS):
        data = sources.joinpath(name).read_bytes()
        assert minify(name, data) == minify(name, bytes(data))


def test_minified_files_are_kept_between_builds_and_match_a_fresh_minify(tmp_path: Path) -> None:
    """The Go minifier's start is most of a cold build's minifying: a second build takes the
    minified files from the cache (it never loads the minifier), and its package is the same
    bytes as one minified afresh. A cache that cannot be written is passed by."""
    cache = tmp_path / "cache"
    first = build_scorm12(tmp_path / "a", cache=cache)
    kept = sorted((cache / "oqu" / "player").iterdir())
    assert len(kept) == len(PLAYER_FILES) and not any(p.name.startswith(".") for p in kept)
    second = build_scorm12(tmp_path / "b", cache=cache)
    assert second == first
    probe = (
        "import sys; from oqu.packaging.site import player_files; player_files(); "
        "print('minify' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("OQU_PLAYER_DEBUG", None)
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert res.stdout.strip() == "False", res.stderr
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")  # the cache's parent is a file: nothing can be written there
    assert build_scorm12(tmp_path / "c", cache=blocked) == first


def test_a_cached_file_is_found_by_its_content_not_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oqu.packaging.site import _minified

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    one, two = b"const first = 1;  // a\n", b"const second = 2;  // b\n"
    assert _minified("oqu.js", one) == minify("oqu.js", one)
    assert _minified("oqu.js", two) == minify("oqu.js", two) != minify("oqu.js", one)
    assert cache_dir() == tmp_path / "oqu" / "player" and len(list(cache_dir().iterdir())) == 2


def test_the_cache_keeps_what_is_used_and_drops_what_has_not_been_for_30_days(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each install of the minifier (each new virtual environment) has files of its own: the
    ones not used for 30 days go when a file is added; a file read is marked as used."""
    import time

    from oqu.packaging.site import CACHE_DAYS, _minified

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    used, other = b"const used = 1;\n", b"const other = 2;\n"
    _minified("oqu.js", used)
    folder = cache_dir()
    (kept,) = list(folder.iterdir())
    stale = folder / ("0" * 64 + ".js")  # another install's file
    stale.write_bytes(b"old")
    long_ago = time.time() - (CACHE_DAYS + 1) * 86400
    for path in (kept, stale):
        os.utime(path, (long_ago, long_ago))
    assert _minified("oqu.js", used) == minify("oqu.js", used)  # a hit: marked as used
    assert kept.stat().st_mtime > long_ago + 86400
    _minified("oqu.js", other)  # a miss: a file is added, the stale one goes
    assert kept.exists() and not stale.exists() and len(list(folder.iterdir())) == 2


def test_debug_build_ships_the_player_as_written(tmp_path: Path) -> None:
    player = shipped_player(build_scorm12(tmp_path, debug=True))
    sources = files("oqu.player")
    for name in (*PLAYER_JS, PLAYER_SHEET):
        assert player[f"player/{name}"] == sources.joinpath(name).read_bytes()
    assert sources.joinpath("oqu.css").read_text(encoding="utf-8") in player["<style>"].decode()


def test_minify_keeps_strings_regexes_and_template_literals() -> None:
    js = (
        "/* gone */ const a = 'x  /* kept */  y'; // gone\n"
        "const r = /[/]+\\s*$/g;\nconst t = `a  ${a}  // kept`;\n/*! licence kept */\n"
    )
    out = minify("x.js", js.encode()).decode()
    assert "gone" not in out
    assert re.search(r"""(['"])x  /\* kept \*/  y\1""", out) and "/[/]+\\s*$/g" in out
    assert "`a  ${a}  // kept`" in out and "licence kept" in out
    css = minify("x.css", b"/* gone */ .a  >  .b { content: '  x  ' ; }\n").decode()
    assert css == ".a>.b{content:'  x  '}"


def test_page_loads_fast_scripts_deferred_pictures_lazy_past_the_first_two_slides(
    tmp_path: Path,
) -> None:
    with zipfile.ZipFile(io.BytesIO(build_scorm12(tmp_path))) as z:
        html = z.read("index.html").decode("utf-8")
    head = html.split("</head>", 1)[0]
    assert '<link rel="stylesheet"' not in head and "<style>" in head
    scripts = re.findall(r"<script src=[^>]*>", html)
    assert scripts == [f'<script src="player/{n}" defer>' for n in PLAYER_JS]
    slides = re.split(r'(?=<section class="oqu-slide")', html)[1:]
    # the yield point: the tests' stylesheet linked once, right after the first slide
    sheet = f'<link rel="stylesheet" href="player/{PLAYER_SHEET}">'
    assert html.count(sheet) == 1 and slides[0].endswith("</section>\n" + sheet + "\n")
    for n, slide in enumerate(slides):
        for img in re.findall(r"<img [^>]*>", slide):
            assert ('loading="lazy"' in img) == (n >= 2), (n, img)
    media = re.findall(r"<(?:video|audio) [^>]*>", html)
    assert media and all('preload="none"' in m for m in media)
    # a poster far from the first slides is not fetched at load: the player sets it when near
    assert " poster=" not in "".join(slides[2:]) and " data-poster=" in "".join(slides[2:])
    assert any("<img " in s for s in slides[:2]) and any("<img " in s for s in slides[2:])


def test_the_main_stylesheet_is_in_the_page_the_tests_one_a_file() -> None:
    assert "</" not in player_css()
    assert [n for n, _ in player_files() if n.endswith(".css")] == [f"player/{PLAYER_SHEET}"]
    sheet = dict(player_files())[f"player/{PLAYER_SHEET}"].decode("utf-8")
    assert sheet not in player_css() and ".oqu-slide" in player_css()


def test_a_video_on_the_first_two_slides_keeps_its_poster_and_the_first_ones_pictures_their_size() -> (
    None
):
    from oqu.diagnostics import Diagnostics
    from oqu.packaging.site import render_index
    from oqu.sources.der import load

    r = load(HACCP, Diagnostics())
    assert r is not None
    video = next(i for i in r.interactions() if i.kind == "video" and i.poster)
    r.slides()[1].blocks.append(video)
    slides = re.split(r'(?=<section class="oqu-slide")', render_index(r, "web").decode())[1:]
    assert f' poster="{video.poster}"' in slides[1] and " data-poster=" not in slides[1]
    assert f' data-poster="{video.poster}"' in "".join(slides[2:])
    # the author's picture (an SVG of 200×200) carries its size; later slides' pictures do not
    assert re.search(r'<img src="media/author.svg" width="200" height="200"', slides[0])
    assert " width=" not in "".join(re.findall(r"<img [^>]*>", "".join(slides[1:])))


def test_a_first_slide_with_a_test_has_the_tests_stylesheet_in_the_head() -> None:
    """Its first frame needs the tests' styles: no yield point after it then (issue 17 item 5)."""
    from oqu.diagnostics import Diagnostics
    from oqu.model.content import Quiz
    from oqu.packaging.site import render_index
    from oqu.sources.der import load

    r = load(HACCP, Diagnostics())
    assert r is not None
    quiz = next(r.quizzes())
    first = r.slides()[0]
    first.blocks.append(quiz)
    assert any(isinstance(b, Quiz) for b in first.walk())
    page = render_index(r, "web").decode("utf-8")
    head, body = page.split("</head>", 1)
    sheet = f'<link rel="stylesheet" href="player/{PLAYER_SHEET}">'
    assert sheet in head and sheet not in body


def test_drawings_are_zoomable_and_contents_entries_are_links() -> None:
    """Issue 17: every picture but the one under a map's markers carries ``oqu-zoomable`` (on a
    phone the player opens it enlarged: a diagram's text is ~5 px there); every entry of haccp-kk's contents
    slide links to a slide of the DER (10.1.2)."""
    from oqu.diagnostics import Diagnostics
    from oqu.packaging.site import ZOOMABLE, render_index
    from oqu.sources.der import load

    r = load(HACCP, Diagnostics())
    assert r is not None
    page = render_index(r, "web").decode("utf-8")
    base = re.search(r'<div class="oqu-interaction" data-kind="map".*?<img [^>]*>', page, re.S)
    assert base and ZOOMABLE not in base.group(0), "a map's picture is for its markers"
    figures = re.findall(r'<figure class="oqu-figure"><img [^>]*>', page)
    outside = [f for f in figures if f.split("<img ", 1)[1] not in base.group(0)]
    assert outside and all(f'class="{ZOOMABLE}"' in f for f in outside), "every picture enlarges"
    contents = re.search(r'<ol class="oqu-topics">(.*?)</ol>', page, re.S)
    assert contents
    links = re.findall(r'<li><a href="#([^"]+)">', contents.group(1))
    ids = {s.id for s in r.slides()}
    assert len(links) == contents.group(1).count("<li>") == 3
    assert set(links) <= ids and links == ["principles", "ccp-tree", "s5"]


@pytest.mark.skipif(js_minifier() != "tdewolff", reason="minify-go is not installed")
def test_scripts_have_their_local_names_shortened() -> None:
    """tdewolff/minify renames local names (rJSmin keeps them): the player's own function
    names are gone from the shipped oqu.js, its public seams stay."""
    src = files("oqu.player").joinpath("quiz.js").read_bytes()
    out = minify("quiz.js", src).decode()
    assert "function resultRow(" in src.decode() and "resultRow" not in out
    assert "OquQuiz" in out and "registerState" in out
    assert gz(out.encode()) < 0.95 * gz(minify_rjsmin(src))


def minify_rjsmin(src: bytes) -> bytes:
    import rjsmin

    return rjsmin.jsmin(src.decode(), keep_bang_comments=True).encode()
