"""The DER source reader: an Oqu source (Markdown + YAML) into the content model.

:func:`load` accepts a single Markdown file with YAML front matter or a folder with der.yaml
and module files. It reports *every* problem it finds (as diagnostics) before giving up, so the
author fixes them in one pass.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from oqu.diagnostics import Diagnostics, Lang, Location, SourceUnreadable, diag
from oqu.i18n import t
from oqu.model.content import Html, Image, MediaRef, Module, Resource, Slide
from oqu.model.metadata import ModuleRef
from oqu.paths import PathEscape, safe_path
from oqu.sources.markdown import ParseContext, parse_module
from oqu.sources.metadata import (
    field_locations,
    string_fields,
    validate_metadata,
    validate_module_ref,
)
from oqu.sources.yamlpos import load_yaml, safe_load

__all__ = ["apply_select", "detect_language", "load", "read_text", "slugify"]

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # one Markdown or YAML file


def read_text(path: Path, shown: str, diags: Diagnostics) -> str | None:
    """Read a UTF-8 text file (a BOM is allowed); OQ101 with line and column otherwise."""
    try:
        data = path.read_bytes()
    except OSError:
        diags.add(diag("OQ100", shown, path=shown))
        return None
    if len(data) > MAX_SOURCE_BYTES:
        diags.add(
            diag("OQ105", shown, 1, 1, field=shown, problem=f"> {MAX_SOURCE_BYTES // 2**20} MB")
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        diags.add(diag("OQ101", shown, line, col, offset=e.start))
        return None


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(yaml, body)`` with the body's front-matter lines blanked so line numbers stay true."""
    m = _FRONT.match(text)
    if not m:
        return None
    front = m.group(1)
    blank = "\n" * text[: m.end()].count("\n")
    return front, blank + text[m.end() :]


def load(src: Path, diags: Diagnostics) -> Resource | None:
    """Read ``src`` into a :class:`Resource`; ``None`` when it has errors (see ``diags``)."""
    src = resolve_source(src)
    if src.is_dir():
        root, meta_file = src, src / "der.yaml"
        if not meta_file.is_file():
            raise SourceUnreadable(diag("OQ100", str(src), path=f"{src}/der.yaml"))
        shown = _shown(meta_file)
        text = read_text(meta_file, shown, diags)
        if text is None:
            return None
        data, pos = load_yaml(text, shown, diags)
        bodies: list[tuple[str, str]] = []  # filled after metadata (module list)
    elif src.is_file():
        root = src.parent
        shown = _shown(src)
        text = read_text(src, shown, diags)
        if text is None:
            return None
        split = split_front_matter(text)
        if split is None:
            diags.add(diag("OQ104", shown, 1, 1, field="--- front matter ---"))
            return None
        front, body = split
        data, pos = load_yaml(front, shown, diags, line_offset=1)
        bodies = [(shown, body)]
    else:
        raise SourceUnreadable(diag("OQ100", str(src), path=str(src)))

    meta = validate_metadata(data, pos, diags) if data is not None else None
    lang: Lang = meta.language if meta else _guess_lang(data)
    ctx = ParseContext(lang, list(meta.glossary) if meta else [], diags)

    modules: list[Module] = []
    if src.is_dir():
        if meta is not None and not meta.modules:
            line, col = pos.find(())
            diags.add(diag("OQ104", shown, line, col, field="modules"))
        for i, ref in enumerate(meta.modules if meta else _raw_modules(data)):
            line, col = pos.find(("modules", i, "file"))
            try:
                path = safe_path(root, ref.file)
            except PathEscape:
                diags.add(diag("OQ106", shown, line, col, target=ref.file))
                continue
            if not path.is_file():
                diags.add(diag("OQ115", shown, line, col, target=ref.file))
                continue
            mshown = _shown(path)
            mtext = read_text(path, mshown, diags)
            if mtext is None:
                continue
            split = split_front_matter(mtext)
            if split is not None:  # a module file may keep notes in front matter; ignore them
                mtext = split[1]
            mid = f"m{i + 1}"
            title = ref.title or path.stem
            units = parse_module(mtext, mshown, ctx, module_id=mid, default_unit_title=title)
            modules.append(Module(mid, title, units, dict(ref.tags), Location(mshown, 1, 1)))
    else:
        for mshown, body in bodies:
            title = meta.title if meta else src.stem
            units = parse_module(body, mshown, ctx, module_id="m1", default_unit_title=title)
            modules.append(Module("m1", title, units, {}, Location(mshown, 1, 1)))

    for m in modules if src.is_dir() else []:  # a single file is one module: OQ119 says it
        if not any(u.slides for u in m.units):
            diags.add(diag("OQ132", m.loc.file, 1, 1, title=m.title))
    if meta is None:
        return None
    resource = Resource(
        meta, modules, media=ctx.media, root=str(root), slug=meta.slug or slugify(meta.title)
    )
    resource.fields = string_fields(data, pos)
    resource.locations = field_locations(pos)
    if not any(True for _ in resource.units()) or not any(u.slides for u in resource.units()):
        diags.add(diag("OQ119", shown, 1, 1))
    resource.front = _front_slides(resource, pos.find(("title",)), shown)
    for a_i, a in enumerate(meta.authors):
        if a.photo:
            line, col = pos.find(("authors", a_i, "photo"))
            resource.media.append(MediaRef(a.photo, "photo", Location(shown, line, col)))
    _check_links(resource, ctx, diags)
    return None if diags.has_errors else resource


def _raw_modules(data: object) -> list[ModuleRef]:
    """The module list of metadata that failed validation, so the modules' own mistakes are
    reported in the same run instead of after the metadata is fixed."""
    out = []
    items = data.get("modules") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if (ref := validate_module_ref(item)) is not None:
            out.append(ref)  # else validate_metadata has reported it
    return out


def resolve_source(src: Path) -> Path:
    """A folder without der.yaml that holds exactly one Markdown file means that file."""
    if src.is_dir() and not (src / "der.yaml").exists():
        mds = sorted(src.glob("*.md"))
        if len(mds) == 1:
            return mds[0]
    return src


def _shown(path: Path) -> str:
    """The path as the author typed it relative to the working folder, when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def detect_language(src: Path) -> Lang:
    """The DER's language, read leniently (for choosing the language of messages).

    A ``der.yaml`` that does not parse still tells its language, by its ``language:`` line or
    else by its letters: its mistake must be told in that language, not in English.
    """
    lang = _parsed_language(src)
    if lang != "en":
        return lang
    try:
        src = resolve_source(src)
        if src.is_dir():
            text = (src / "der.yaml").read_text("utf-8-sig")
        else:
            split = split_front_matter(src.read_text("utf-8-sig"))
            text = split[0] if split else ""
    except (OSError, UnicodeDecodeError):
        return "en"
    return _lang_of_text(text)


_LANGUAGE_LINE = re.compile(r"^language:\s*[\"']?(kk|ru|en)\b", re.MULTILINE)


def _lang_of_text(text: str) -> Lang:
    """A ``language:`` line, else the letters: Kazakh ones (ә, ғ, қ, ң, ө, ұ, ү, һ, і), Cyrillic."""
    m = _LANGUAGE_LINE.search(text)
    if m:
        return m.group(1)  # type: ignore[return-value]
    if re.search("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text):
        return "kk"
    if re.search("[а-яА-ЯёЁ]", text):
        return "ru"
    return "en"


def _guess_lang(data: object) -> Lang:
    if isinstance(data, dict) and data.get("language") in ("kk", "ru", "en"):
        return data["language"]  # type: ignore[no-any-return]
    return "en"


def _check_links(resource: Resource, ctx: ParseContext, diags: Diagnostics) -> None:
    targets = set(ctx.ids) | {f"term-{i + 1}" for i in range(len(resource.meta.glossary))}
    for target, loc in ctx.links:
        if target not in targets:
            diags.add(diag("OQ113", loc.file, loc.line, loc.column, target=target))


def _front_slides(r: Resource, pos: tuple[int, int], file: str) -> list[Slide]:
    """The title slide (10.1.1) and the contents slide (10.1.2), made from the metadata."""
    m, lang = r.meta, r.meta.language
    loc = Location(file, *pos)
    e = html.escape
    rows: list[str] = []
    if m.university:
        rows.append(f'<p class="oqu-university">{e(m.university.name)}</p>')
    if m.faculty:
        rows.append(f'<p class="oqu-faculty">{e(m.faculty)}</p>')
    rows.append(f'<p class="oqu-department">{e(m.department)}</p>')
    rows.append(
        f'<p class="oqu-discipline"><span>{e(t("discipline", lang))}:</span> {e(m.discipline)}</p>'
    )
    people = []
    for a in m.authors:
        parts = [e(a.name), *(e(x) for x in (a.position, a.degree, a.title) if x)]
        mail = f' <a href="mailto:{e(a.email)}">{e(a.email)}</a>' if a.email else ""
        people.append(f'<li class="oqu-author">{", ".join(parts)}{mail}</li>')
    rows.append(
        f'<ul class="oqu-authors" aria-label="{e(t("authors", lang))}">{"".join(people)}</ul>'
    )
    day, label = m.date.isoformat(), e(t("date", lang))
    rows.append(
        f'<p class="oqu-date"><span>{label}:</span> <time datetime="{day}">{day}</time></p>'
    )
    if m.audience:
        rows.append(
            f'<p class="oqu-audience"><span>{e(t("audience", lang))}:</span> {e(m.audience)}</p>'
        )
    blocks: list[Html | Image] = []
    photo = next((a for a in m.authors if a.photo), None)
    if photo and photo.photo:
        blocks.append(Image(photo.photo, photo.name, "", loc))
    text = " ".join(
        x
        for x in (
            m.university.name if m.university else "",
            m.faculty or "",
            m.department,
            m.discipline,
            *(a.name for a in m.authors),
        )
        if x
    )
    blocks.append(Html("\n".join(rows), text, loc))
    title = Slide("title", m.title, list(blocks), kind="title", loc=loc)

    topics = list(m.topics) or [u.title for u in r.units()]
    targets = _topic_slides(topics, r)
    items = "".join(
        f'<li><a href="#{e(to)}">{e(x)}</a></li>' if to else f"<li>{e(x)}</li>"
        for x, to in zip(topics, targets, strict=True)
    )
    contents = Slide(
        "contents",
        t("contents", lang),
        [Html(f'<ol class="oqu-topics">{items}</ol>', " ".join(topics), loc)],
        kind="contents",
        loc=loc,
    )
    return [title, contents]


def _stems(text: str) -> set[str]:
    """Words of 3+ letters cut to 5 letters: a crude stem that lets "қағидаттары" meet
    "қағидаты" and "мониторинг" meet "мониторингі" in kk, ru and en alike."""
    return {w[:5] for w in re.findall(r"\w{3,}", text.casefold())}


def _topic_slides(topics: list[str], r: Resource) -> list[str | None]:
    """Each contents entry's slide (10.1.2, issue 17: the entries are links): a topic named as a
    unit goes to the unit's first slide; otherwise to the first slide, after the previous
    topic's, whose title (or its unit's or module's, on their first slide) shares the most word
    stems with it (none shared: no link)."""
    units = {u.title.strip(): u.slides[0].id for u in r.units() if u.slides}
    slides = [s for u in r.units() for s in u.slides]
    # a slide's words: its title, and the unit's and module's titles on their first slide
    words = {s.id: _stems(s.title) for s in slides}
    for m in r.modules:
        for n, u in enumerate(m.units):
            if u.slides:
                words[u.slides[0].id] |= _stems(u.title) | (_stems(m.title) if n == 0 else set())
    out: list[str | None] = []
    start = 0
    for topic in topics:
        if topic.strip() in units:
            out.append(units[topic.strip()])
            continue
        want = _stems(topic)
        best, best_n = None, 0
        for k in range(start, len(slides)):
            n = len(want & words[slides[k].id])
            if n > best_n:
                best, best_n = k, n
        if best is None:
            out.append(None)
            continue
        out.append(slides[best].id)
        start = best + 1
    return out


# Kazakh and Russian Cyrillic → Latin for file names (Kazakh Latin alphabet, 2021, simplified).
_TRANSLIT = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})  # fmt: skip


def slugify(title: str) -> str:
    s = unicodedata.normalize("NFKC", title).lower().translate(_TRANSLIT)
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60].rstrip("-") or "der"


def apply_select(resource: Resource, selects: list[str], diags: Diagnostics) -> Resource:
    """Keep the units whose tag KEY includes VALUE, and untagged ones (10.8.2)."""
    wanted: list[tuple[str, str]] = []
    for s in selects:
        key, sep, value = s.partition("=")
        if not sep or not key.strip() or not value.strip():
            diags.add(diag("OQ130", select=s))
            continue
        wanted.append((key.strip(), value.strip()))
    if not wanted or diags.has_errors:
        return resource

    def keep(tags: dict[str, list[str]]) -> bool:
        return all(k not in tags or v in tags[k] for k, v in wanted)

    modules = []
    for m in resource.modules:
        if not keep(m.tags):
            continue
        units = [u for u in m.units if keep(u.tags)]
        if units:
            modules.append(Module(m.id, m.title, units, m.tags, m.loc))
    if not modules:
        tags = sorted(
            {f"{k}={v}" for u in resource.units() for k, vs in u.tags.items() for v in vs}
        )
        diags.add(diag("OQ131", select=" ".join(selects), tags=", ".join(tags) or "-"))
        return resource
    kept_slides = {s.id for m in modules for u in m.units for s in u.slides}
    out = Resource(resource.meta, modules, root=resource.root, slug=resource.slug)
    out.front = resource.front
    out.locations = resource.locations
    out.media = [ref for ref in resource.media if not ref.slide or ref.slide in kept_slides]
    return out


def _parsed_language(src: Path) -> Lang:
    """The DER's language, read leniently (for choosing the language of messages)."""
    import yaml

    src = resolve_source(src)
    try:
        if src.is_dir():
            text = (src / "der.yaml").read_text("utf-8-sig")
        else:
            split = split_front_matter(src.read_text("utf-8-sig"))
            text = split[0] if split else ""
        data = safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "en"
    return _guess_lang(data)
