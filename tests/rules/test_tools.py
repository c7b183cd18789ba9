"""Adapt, eXeLearning, Storyline, Rise, Captivate: the tool is always named; what its files
reveal is read, and what they do not is said (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oqu.check import check
from oqu.report import to_json
from tests.rules.conftest import make_zip, manifest12, storyline_like

COVER = (
    "<p>Пәні: Тағам қауіпсіздігі. Тамақ технологиясы кафедрасы. Әзірлеген: Әлиева А.С., "
    "a.alieva@atu.edu.kz, 2025</p>"
)


def _adapt(path: Path, components: list[dict[str, Any]], *, assessment: bool = True) -> Path:
    pages = [{"_id": f"co-{n}", "_parentId": "course", "_type": "page", "title": f"Бет {n}"}
             for n in range(1, 4)]  # fmt: skip
    articles = [{"_id": f"a-{n}", "_parentId": f"co-{n}", "_type": "article"} for n in range(1, 4)]
    if assessment:
        articles[2]["_assessment"] = {"_isEnabled": True, "_id": "final"}
    blocks = [{"_id": f"b-{n}", "_parentId": f"a-{n}", "_type": "block"} for n in range(1, 4)]
    course = {"_id": "course", "title": "HACCP негіздері", "body": COVER}
    entries: dict[str, bytes | str] = {
        "index.html": "<html><body><div id='app'></div></body></html>",
        "adapt/js/adapt.min.js": "var a;",
        "course/kk/course.json": json.dumps(course, ensure_ascii=False),
        "course/kk/contentObjects.json": json.dumps(pages, ensure_ascii=False),
        "course/kk/articles.json": json.dumps(articles),
        "course/kk/blocks.json": json.dumps(blocks),
        "course/kk/components.json": json.dumps(components, ensure_ascii=False),
    }
    entries["imsmanifest.xml"] = manifest12("index.html", sorted(entries))
    return make_zip(path, entries)


def _component(n: int, kind: str, **more: Any) -> dict[str, Any]:
    return {"_id": f"c-{n}-{kind}", "_parentId": f"b-{n}", "_component": kind, **more}


def test_adapt_pages_interactions_and_final_assessment(tmp_path: Path) -> None:
    comps = [
        _component(1, "text", body="<p>Кіріспе мәтін: HACCP жүйесі.</p>"),
        _component(
            2,
            "narrative",
            title="Кезеңдер",
            _items=[{"title": "1", "body": "Қауіп", "_graphic": {"src": "a.png", "alt": ""}}],
        ),
        _component(2, "hotgraphic", title="Цех", body="Цех картасы", _graphic={"src": "b.png"}),
        *[_component(3, "mcq", _selectable=1) for _ in range(3)],
        _component(3, "mcq", _selectable=2),
        _component(3, "matching"),
    ]
    report = check(_adapt(tmp_path / "a.zip", comps))
    data = to_json(report, "en")["subject"]
    assert data["tool"] == "adapt" and data["slides"] == 3
    assert data["interactions"] == [
        {"slide": 2, "kind": "process"},
        {"slide": 2, "kind": "hotspots"},
    ]
    kinds = {"matching": 1, "multiple": 1, "single": 3}
    assert data["quizzes"] == [{"slide": 3, "final": True, "questions": 5, "kinds": kinds}]
    assert report.subject.language == "kk"
    assert [d.variant for d in report.findings if d.code == "10.1.1" and not d.variant] == []
    assert "10.1.4" not in report.unchecked and "10.1.3" not in report.unchecked
    assert [d.variant for d in report.findings if d.code == "10.1"] == [""]  # three pages
    alts = [d.message("en") for d in report.findings if d.code == "7.5/alt"]
    assert alts == [
        "Image 'a.png' has no alternative text",
        "Image 'b.png' has no alternative text",
    ]


def test_adapt_without_components_says_what_was_not_read(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "a.zip",
        {
            "index.html": '<div id="adapt"></div>',
            "adapt/js/adapt.min.js": "x",
            "imsmanifest.xml": manifest12("index.html", ["index.html"]),
        },
    )
    report = check(path)
    assert report.subject.package and report.subject.package.tool == "adapt"
    assert report.subject.package.unread == ["course/*/components.json: missing"]
    assert "10.1" in report.unchecked and report.verdict == "incomplete"


def _exe(path: Path, pages: list[tuple[str, list[tuple[str, str]]]]) -> Path:
    navs = []
    for n, (name, comps) in enumerate(pages, start=1):
        cs = "".join(
            f"<odeComponent><odeIdeviceId>i{n}{k}</odeIdeviceId><odeIdeviceTypeName>{kind}"
            f"</odeIdeviceTypeName><htmlView><![CDATA[{html}]]></htmlView></odeComponent>"
            for k, (kind, html) in enumerate(comps)
        )
        navs.append(
            f"<odeNavStructure><odePageId>p{n}</odePageId><pageName>{name}</pageName>"
            f"<odePagStructures><odePagStructure><odeComponents>{cs}</odeComponents>"
            f"</odePagStructure></odePagStructures></odeNavStructure>"
        )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><ode><odeNavStructures>{"".join(navs)}</odeNavStructures></ode>'
    entries: dict[str, bytes | str] = {
        "index.html": "<html><body>eXe</body></html>",
        "content.xml": xml,
        "idevices/text/text.js": "x",
    }
    entries["imsmanifest.xml"] = manifest12("index.html", sorted(entries))
    return make_zip(path, entries)


def test_exelearning_pages_idevices_and_questions(tmp_path: Path) -> None:
    pages = [
        ("HACCP негіздері", [("text", COVER)]),
        ("Кезеңдер", [("text", "<p>Мәтін</p>"), ("image-gallery", "<img src='a.png' alt='Цех'>")]),
        ("Тест", [("trueorfalse", "<p>?</p>"), ("quick-questions", "<p>?</p>"), ("sort", "")]),
    ]
    report = check(_exe(tmp_path / "e.zip", pages))
    data = to_json(report, "en")["subject"]
    assert data["tool"] == "exelearning" and data["slides"] == 3
    assert data["interactions"] == [{"slide": 2, "kind": "image-gallery"}]
    kinds = {"sequence": 1, "single": 1, "truefalse": 1}
    assert data["quizzes"] == [{"slide": 3, "final": True, "questions": 3, "kinds": kinds}]
    assert [d.variant for d in report.findings if d.code == "10.1.4"] == ["count"]


def test_images_without_alt_collapse(tmp_path: Path) -> None:
    pics = "".join(f"<img src='p{i}.png'>" for i in range(6)) + "<img src='ok.png' alt='Цех'>"
    report = check(_exe(tmp_path / "e.zip", [("Бет", [("text", pics)])]))
    found = [d for d in report.findings if d.code == "7.5/alt"]
    assert [d.variant for d in found] == ["many"]
    assert (
        found[0].message("en") == "6 images have no alternative text, e.g. p0.png, p1.png, p2.png"
    )


def test_exelearning_2_and_hostile_xml_are_findings(tmp_path: Path) -> None:
    old = make_zip(
        tmp_path / "o.zip",
        {
            "index.html": "x",
            "contentv3.xml": "<x/>",
            "imsmanifest.xml": manifest12("index.html", []),
        },
    )
    report = check(old)
    assert report.subject.package and report.subject.package.tool == "exelearning"
    assert "not read" in report.subject.package.unread[0] and "10.1" in report.unchecked
    lol = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ode>&a;</ode>'
    entries: dict[str, bytes | str] = {"index.html": "x", "content.xml": lol, "idevices/a.js": "x"}
    entries["imsmanifest.xml"] = manifest12("index.html", sorted(entries))
    report = check(make_zip(tmp_path / "l.zip", entries))
    assert "undecodable" in [d.variant for d in report.findings if d.code == "10.7"]


def test_storyline_is_named_and_unread_is_said(tmp_path: Path) -> None:
    report = check(storyline_like(tmp_path / "s.zip"))
    data = to_json(report, "en")["subject"]
    assert data["tool"] == "storyline" and data["slides"] is None
    assert data["unread"] and "story_content/" in data["unread"][0]
    assert report.verdict == "incomplete"
