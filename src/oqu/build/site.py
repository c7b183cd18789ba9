"""The player site: one ``index.html`` with every slide, plus the player's JS and CSS.

All slides are in the page (readable without JavaScript, printable, searchable); the player
script turns them into a slide show. The contract between this file and ``oqu/player/`` is:
slides are ``section.oqu-slide`` with ``data-index``/``data-unit``/``data-kind``; interactions
are ``div.oqu-interaction[data-kind]`` with ``div.oqu-item`` children; quizzes are
``form.oqu-quiz``; the JSON in ``script#oqu-data`` carries what the script needs. The player
issue builds on this seam; it adds behaviour, not a second renderer.
"""

from __future__ import annotations

import json
from html import escape as e
from importlib.resources import files
from typing import Literal

from oqu.build.quizhtml import render_quiz
from oqu.i18n import strings, t
from oqu.model.content import (
    Block,
    Callout,
    Html,
    Image,
    Interaction,
    Item,
    Quiz,
    Resource,
    Slide,
)

Package = Literal["scorm12", "scorm2004", "web"]
PLAYER_FILES = ("oqu.css", "oqu.js")


def player_files() -> list[tuple[str, bytes]]:
    """The player's static files as ``(path in the package, bytes)``."""
    root = files("oqu.player")
    return [(f"player/{name}", root.joinpath(name).read_bytes()) for name in PLAYER_FILES]


def render_index(r: Resource, package: Package) -> bytes:
    lang = r.meta.language
    slides = r.slides()
    unit_of = {s.id: u.id for u in r.units() for s in u.slides}
    body = "\n".join(_slide(s, i, unit_of.get(s.id, ""), r) for i, s in enumerate(slides))
    data = {
        "title": r.meta.title,
        "lang": lang,
        "package": package,
        "slug": r.slug,
        "version": r.meta.version,
        "completion": r.meta.completion,
        "contact": r.meta.contact_email,
        "slides": [{"id": s.id, "title": s.title, "unit": unit_of.get(s.id, "")} for s in slides],
        "interactions": [i.id for i in r.interactions()],
        "glossary": [
            {"id": f"term-{n + 1}", "term": g.term, "definition": g.definition}
            for n, g in enumerate(r.meta.glossary)
        ],
        "strings": strings(lang),
    }
    # "</" cannot appear inside the JSON script element: escape it.
    data_json = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    page = f"""<!doctype html>
<html lang="{lang}" data-oqu-package="{package}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Oqu">
<title>{e(r.meta.title)}</title>
<link rel="stylesheet" href="player/oqu.css">
</head>
<body>
<div class="oqu" id="oqu">
<header class="oqu-bar"><span class="oqu-der-title">{e(r.meta.title)}</span></header>
<main class="oqu-slides">
{body}
</main>
<nav class="oqu-nav" aria-label="{e(t("navigation", lang))}">\
<button class="oqu-prev" type="button">{e(t("prev", lang))}</button>\
<span class="oqu-counter" aria-live="polite"></span>\
<button class="oqu-next" type="button">{e(t("next", lang))}</button></nav>
</div>
<script type="application/json" id="oqu-data">{data_json}</script>
<script src="player/oqu.js"></script>
</body>
</html>
"""
    return page.encode("utf-8")


def _slide(s: Slide, index: int, unit: str, r: Resource) -> str:
    hid = f"{s.id}-h"
    inner = "\n".join(_block(b, r) for b in s.blocks)
    notes = ""
    if s.notes:
        notes = (
            f'<aside class="oqu-notes" hidden><h3>{e(t("notes", r.meta.language))}</h3>'
            + "".join(_block(b, r) for b in s.notes)
            + "</aside>"
        )
    return (
        f'<section class="oqu-slide" id="{e(s.id)}" data-index="{index}" data-unit="{e(unit)}" '
        f'data-kind="{s.kind}" aria-labelledby="{hid}">\n'
        f'<h2 class="oqu-slide-title" id="{hid}">{e(s.title)}</h2>\n{inner}{notes}\n</section>'
    )


def _block(b: Block, r: Resource) -> str:
    match b:
        case Html():
            return b.html
        case Image():
            return _figure(b)
        case Callout():
            inner = "\n".join(_block(x, r) for x in b.blocks)
            return f'<aside class="oqu-callout" data-kind="{b.kind}">{inner}</aside>'
        case Interaction():
            return _interaction(b, r)
        case Quiz():
            return render_quiz(b, r, _block)
    raise TypeError(type(b))  # pragma: no cover - the Block union is closed


def _figure(img: Image) -> str:
    cap = f"<figcaption>{e(img.caption)}</figcaption>" if img.caption else ""
    return (
        f'<figure class="oqu-figure"><img src="{e(img.src)}" alt="{e(img.alt)}" '
        f'loading="lazy" decoding="async">{cap}</figure>'
    )


def _interaction(b: Interaction, r: Resource) -> str:
    parts = [
        f'<div class="oqu-interaction" data-kind="{b.kind}" id="{e(b.id)}"'
        + (f' data-title="{e(b.title)}"' if b.title else "")
        + ">"
    ]
    if b.intro:
        parts.append(
            '<div class="oqu-intro">' + "\n".join(_block(x, r) for x in b.intro) + "</div>"
        )
    if b.image:
        parts.append(f'<div class="oqu-base">{_figure(b.image)}</div>')
    if b.media:
        parts.append(_media(b, r))
    parts.extend(_item(it, r) for it in b.items)
    parts.append("</div>")
    return "\n".join(parts)


def _media(b: Interaction, r: Resource) -> str:
    tag = "video" if b.kind == "video" else "audio"
    poster = f' poster="{e(b.poster)}"' if b.poster else ""
    tracks = "".join(
        f'<track kind="{tr.kind}" src="{e(tr.src)}" srclang="{e(tr.lang)}" label="{e(tr.lang)}"'
        + (" default" if n == 0 else "")
        + ">"
        for n, tr in enumerate(b.tracks)
    )
    out = (
        f'<{tag} class="oqu-media" controls preload="metadata"{poster} src="{e(b.media or "")}">'
        f"{tracks}</{tag}>"
    )
    if b.transcript:
        label = e(t("transcript", r.meta.language))
        out += f'<p class="oqu-transcript-link"><a href="{e(b.transcript)}">{label}</a></p>'
    return out


def _item(it: Item, r: Resource) -> str:
    pos = ""
    if it.x is not None and it.y is not None:
        pos = f' data-x="{it.x:g}" data-y="{it.y:g}"'
    body = "\n".join(_block(x, r) for x in it.blocks)
    title = f'<h3 class="oqu-item-title">{it.title}</h3>' if it.title else ""
    return (
        f'<div class="oqu-item" data-depth="{it.depth}"{pos}>{title}'
        f'<div class="oqu-item-body">{body}</div></div>'
    )
