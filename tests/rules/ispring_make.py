"""iSpring publishes generated from the file facts of issue 14 (never copied from a package).

Every shape: a Suite presentation (presInfo: base64 → zlib → JSON) with normal, quiz
(``data/quizN.js``, quizInfo), interaction (``data/intrN.js``, interactionJson) and scenario
(``data/scenarioN.js``, scenarioJson) slides, as SCORM 1.2, SCORM 2004 or an HTML5 web publish;
a standalone QuizMaker or Visuals publish (``var data``); and broken ones (see ``break_*``).
Used by the tests and by ``bench/check_speed.py``.
"""

from __future__ import annotations

import base64
import io
import json
import zlib
from pathlib import Path
from typing import Any

from tests.rules.conftest import manifest12

MANIFEST2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="pkg" version="1.0" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
<organizations default="org"><organization identifier="org"><title>{title}</title>
<item identifier="i1" identifierref="r1"><title>{title}</title></item></organization>
</organizations>
<resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="{launch}">
{files}</resource></resources></manifest>
"""


def b64json(doc: Any) -> str:
    return base64.b64encode(json.dumps(doc, ensure_ascii=False).encode()).decode()


def presinfo(doc: Any) -> str:
    return base64.b64encode(zlib.compress(json.dumps(doc, ensure_ascii=False).encode())).decode()


def marker(
    width: int = 960, height: int = 540, version: str = "11.3.2.4007", content: str = ""
) -> str:
    extra = f"<!--content {content} -->" if content else ""
    return (
        f"<!-- Created with iSpring --><!-- {width} {height} --><!--version {version} -->"
        f"<!--type html --><!--mainFolder index.html -->{extra}"
    )


def quiz_doc(kinds: list[str], title: str = "Қорытынды тест") -> dict[str, Any]:
    """A quiz: an intro slide, the questions (type ``tp``, HTML text ``D.d``), a result slide."""
    slides: list[dict[str, Any]] = [{"tp": "IntroSlide", "D": {"d": f"<p>{title}</p>"}}]
    for i, tp in enumerate(kinds, start=1):
        slides.append({"i": f"q{i}", "tp": tp, "D": {"d": f"<p>Сұрақ {i}: HACCP қағидаты?</p>"}})
    return {
        "d": {
            "T": title,
            "sl": {"g": [{"i": "g1", "S": slides}], "r": [{"tp": "ResultSlide", "D": {"d": "ok"}}]},
        }
    }


def intr_doc(title: str, items: int = 3, text: bool = True, image: bool = True) -> dict[str, Any]:
    its = []
    for k in range(1, items + 1):
        it: dict[str, Any] = {"id": f"i{k}", "t": f"Кезең {k}"}
        if text:
            it["d"] = f"<p>Кезең {k}: температура мен уақыт бақыланады.</p>"
        if image:
            it["img"] = {"src": f"data/img{k}.png", "w": 400, "h": 300}
        its.append(it)
    return {"d": {"s": {"t": title}, "C": {"is": its}}}


def scenario_doc() -> dict[str, Any]:
    return {
        "d": {
            "s": {"t": "Инспектормен әңгіме"},
            "C": {
                "sc": [
                    {"t": "Сәлеметсіз бе, журналды көрсетіңізші.", "ch": {"img": "data/ch1.png"}},
                    {"t": "Міне, әр партияның температурасы жазылған."},
                ]
            },
        }
    }


TITLE_TEXT = (
    "HACCP жүйесінің негіздері\nПәні: Тағам қауіпсіздігі\nТамақ технологиясы кафедрасы\n"
    "Әзірлеген: Әлиева Айгүл Сериковна, аға оқытушы, т.ғ.к.\na.alieva@atu.edu.kz\n2025"
)
TOPICS = ["HACCP қағидаттары", "Қауіптерді талдау", "Сыни бақылау нүктелері"]


def deck(
    slides: int = 12,
    final: list[str] | None = None,
    interactions: list[str] | None = None,
    *,
    title_text: str = TITLE_TEXT,
    contents: bool = True,
    scenario: bool = True,
) -> list[dict[str, Any]]:
    """A form-02-like deck: title, contents, content and interaction slides, a final quiz.
    Each entry is a presInfo slide plus ``"_data"``: the document of its data file."""
    final = final if final is not None else ["MultipleChoice", "MultipleResponse", "TrueFalse",
                                              "Matching", "Sequence"]  # fmt: skip
    interactions = interactions if interactions is not None else ["iSpring.Tabs", "iSpring.Process"]
    out: list[dict[str, Any]] = [{"t": "HACCP жүйесінің негіздері", "x": title_text}]
    if contents:
        out.append({"t": "Мазмұны", "x": "Мазмұны\n" + "\n".join(TOPICS)})
    for it in interactions:
        out.append({"t": f"Интерактив: {it}", "x": "", "st": "i", "it": it,
                    "_data": intr_doc(f"HACCP {it.split('.')[-1]}")})  # fmt: skip
    if scenario:
        out.append({"t": "Диалог", "x": "", "st": "S", "_data": scenario_doc()})
    k = 0
    while len(out) < slides - 1:
        k += 1
        out.append({"t": f"{TOPICS[k % 3]} {k}", "x": f"{TOPICS[k % 3]}: мәтін {k}. Сүт өңдеу.",
                    "n": "Дәріс жазбасы"})  # fmt: skip
    out.append({"t": "Қорытынды тест", "x": "", "st": "q", "_data": quiz_doc(final)})
    return out


def files_of(slides: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """presInfo slides with their ``s`` file names, and the data files' texts."""
    info: list[dict[str, Any]] = []
    data: dict[str, str] = {}
    for n, s in enumerate(slides, start=1):
        if not isinstance(s, dict):  # a hostile slide entry goes into presInfo as it is
            info.append(s)
            continue
        s = dict(s)
        doc = s.pop("_data", None)
        st = s.get("st")
        name, var = {
            "q": (f"data/quiz{n}.js", "quizInfo"),
            "i": (f"data/intr{n}.js", "interactionJson"),
            "S": (f"data/scenario{n}.js", "scenarioJson"),
        }.get(str(st), (f"data/slide{n}.js", ""))
        s.setdefault("s", name)
        if var and doc is not None:
            data[name] = f'var {var} = "{b64json(doc)}";\n'
        elif not var:
            data[name] = f"(function(){{var slide{n}={{}};}})();\n"
        info.append(s)
    return info, data


def launch_page(
    blob: str, head: str = "", var: str = "presInfo", start: str = "PresentationPlayer"
) -> str:
    return (
        f"{head or marker()}\n<!DOCTYPE html><html><head><meta charset='utf-8'><title>iSpring</title>"
        "<script src='data/player.js'></script></head><body><div id='content'></div>"
        f'<script>var {var} = "{blob}";\n{start}.start({var}, {{}});</script></body></html>'
    )


def publish(
    path: Path,
    slides: list[dict[str, Any]] | None = None,
    *,
    layout: str = "scorm12",
    ui: str = "issuite_11.3.2.4007",
    head: str = "",
    extra: dict[str, bytes | str] | None = None,
    drop: tuple[str, ...] = (),
    page: str | None = None,
    stored: bool = False,
) -> Path:
    """Write a Suite presentation: ``layout`` scorm12 | scorm2004 | html5."""
    import zipfile

    info, data = files_of(slides if slides is not None else deck())
    doc = {"t": "HACCP жүйесінің негіздері", "ui": ui, "s": info}
    root = "res/" if layout != "html5" else ""
    entries: dict[str, bytes | str] = {
        f"{root}index.html": page if page is not None else launch_page(presinfo(doc), head),
        f"{root}data/player.js": "/* player */ var PresentationPlayer = {start: function(){}};",
    }
    if layout != "html5":
        entries["res/lms.js"] = "var lms = {};"
    for name, text in data.items():
        entries[f"{root}{name}"] = text
    for name, blob in (extra or {}).items():
        entries[f"{root}{name}"] = blob
    for name in drop:
        entries.pop(f"{root}{name}", None)
    if layout == "scorm12":
        entries["imsmanifest.xml"] = manifest12("res/index.html", sorted(entries), title="HACCP")
    elif layout == "scorm2004":
        listed = "".join(f'<file href="{f}"/>\n' for f in sorted(entries))
        entries["imsmanifest.xml"] = MANIFEST2004.format(
            launch="res/index.html", files=listed, title="HACCP"
        )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in entries.items():
            kind = zipfile.ZIP_STORED if stored and name.endswith((".jpg", ".png")) else None
            z.writestr(name, blob.encode() if isinstance(blob, str) else blob, compress_type=kind)
    path.write_bytes(buf.getvalue())
    return path


def standalone(path: Path, doc: dict[str, Any], content: str, player: str) -> Path:
    """A QuizMaker (``content="quiz"``, ``QuizPlayer``) or Visuals (``"interaction"``,
    e.g. ``TabsPlayer``) web publish: ``var data`` in index.html."""
    from tests.rules.conftest import make_zip

    page = launch_page(b64json(doc), marker(content=content), var="data", start=player)
    return make_zip(path, {"index.html": page, "data/player.js": "var p;"})


def png(width: int, height: int, alpha: bool = False) -> bytes:
    """A sharp, screenshot-like picture (or a shaped fragment with transparent corners)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGBA" if alpha else "RGB", (width, height), (0, 0, 0, 0) if alpha else "white")
    d = ImageDraw.Draw(im)
    for y in range(4, height - 4, 12):
        d.line((4, y, width - 4, y), fill=(20, 20, 20, 255), width=1)
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()
