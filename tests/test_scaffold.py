"""``oqu new``: the scaffolded DER follows form 02 and builds as it is, in every language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oqu.diagnostics import Diagnostics
from oqu.model.content import Image, Interaction, Quiz, Resource, walk_blocks
from oqu.scaffold import LANGUAGES, create
from oqu.sources.der import load
from tests.cli import oqu

# Form 02, slides 3–9: process, animation (``reveal``), hierarchy, catalogue, tabs, map, video.
FORM_02_KINDS = ["process", "reveal", "hierarchy", "catalogue", "tabs", "map", "video"]
UNIVERSITY = {
    "kk": "Алматы технологиялық университеті",
    "ru": "Алматинский технологический университет",
    "en": "Almaty Technological University",
}


def _load(src: Path) -> Resource:
    diags = Diagnostics()
    resource = load(src, diags)
    assert resource is not None, [d.format("en") for d in diags]
    assert not list(diags), [d.format("en") for d in diags]
    return resource


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_der_builds(tmp_path: Path, lang: str) -> None:
    src = tmp_path / "der"
    created = create(src, lang)

    assert created == sorted(created)
    assert all(p.is_file() and p.is_relative_to(src) for p in created)
    assert {p.relative_to(src).as_posix() for p in created} >= {
        "der.yaml",
        "01-lesson.md",
        "media/author.svg",
        "media/map.svg",
        "media/video.mp4",
        f"media/video.{lang}.vtt",
    }
    assert set(src.rglob("*")) == {*created, src / "media"}
    video = src / "media" / "video.mp4"
    assert video.read_bytes()[4:8] == b"ftyp" and video.stat().st_size <= 40_000
    assert (src / "media" / f"video.{lang}.vtt").read_text("utf-8").startswith("WEBVTT\n")

    resource = _load(src)
    out = tmp_path / "dist"
    run = oqu("build", str(src), "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert (out / f"{resource.slug}-scorm12.zip").is_file()
    assert (out / f"{resource.slug}-scorm2004.zip").is_file()
    assert (out / f"{resource.slug}-web" / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_der_follows_form_02(tmp_path: Path, lang: str) -> None:
    create(tmp_path / "der", lang)
    r = _load(tmp_path / "der")
    m = r.meta

    # Slide 1 (10.1.1): every field of form 02 is filled in.
    assert m.language == lang
    assert m.type == "interactive-presentation"
    assert m.university is not None
    assert m.university.name == UNIVERSITY[lang]
    assert m.university.url == "https://atu.edu.kz"
    assert m.faculty and m.department and m.discipline and m.title and m.audience
    (author,) = m.authors
    assert author.name and author.position and author.degree and author.title
    assert author.email == "author@atu.edu.kz"
    assert author.photo == "media/author.svg"
    assert m.contact_email == "author@atu.edu.kz"
    # Slide 2 (10.1.2), glossary, literature (9.2.1).
    assert len(m.topics) == 3
    assert len(m.glossary) == 2
    assert len(m.references.basic) == 1 and len(m.references.additional) == 1
    # Clause 11: every media file used has its source and licence recorded.
    assert {ref.path for ref in r.media} == set(m.media)

    # 10.1: ten slides — title, contents, seven interactions, the final test.
    slides = r.slides()
    assert len(slides) == 10
    assert [s.kind for s in slides[:2]] == ["title", "contents"]

    # 10.1.3: seven interactive elements in form 02's order, one per slide, text and media each.
    interactions = list(r.interactions())
    assert [i.kind for i in interactions] == FORM_02_KINDS
    for slide, inter in zip(slides[2:9], interactions, strict=True):
        assert inter in slide.blocks
        assert inter.intro, f"{inter.kind} has no description"
        assert inter.kind == "video" or inter.items
        images = [b for b in walk_blocks([inter]) if isinstance(b, Image)]
        has_media = inter.media is not None or inter.image is not None or bool(images)
        assert has_media, f"{inter.kind} has no image or video"
    map_ = interactions[5]
    assert map_.image is not None
    assert all(it.x is not None and it.y is not None for it in map_.items)
    video = interactions[6]
    assert video.media == "media/video.mp4"
    assert [t.src for t in video.tracks] == [f"media/video.{lang}.vtt"]

    # 10.1.4: the last slide is the final test, ≥ 5 questions of ≥ 3 kinds.
    (quiz,) = list(r.quizzes())
    assert isinstance(quiz, Quiz) and quiz.final and quiz.pass_mark == 70
    assert quiz in slides[-1].blocks
    assert not any(isinstance(b, Interaction) for b in slides[-1].blocks)
    assert len(quiz.questions) >= 5
    assert len({q.type for q in quiz.questions}) >= 3


def test_templates_differ_by_language(tmp_path: Path) -> None:
    titles = set()
    for lang in LANGUAGES:
        create(tmp_path / lang, lang)
        titles.add(_load(tmp_path / lang).meta.title)
    assert len(titles) == len(LANGUAGES)


def test_empty_folder_is_used(tmp_path: Path) -> None:
    src = tmp_path / "der"
    src.mkdir()
    created = create(src, "kk")
    assert src / "der.yaml" in created
    assert [p.name for p in tmp_path.iterdir()] == ["der"]  # no temporary folder left behind


def test_refuses_non_empty_folder(tmp_path: Path) -> None:
    src = tmp_path / "der"
    src.mkdir()
    (src / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(FileExistsError):
        create(src, "ru")
    assert [p.name for p in src.iterdir()] == ["notes.txt"]
    assert (src / "notes.txt").read_text("utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["der"]


def test_refuses_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "der"
    target.write_text("x", "utf-8")
    with pytest.raises(FileExistsError):
        create(target, "en")
    assert target.read_text("utf-8") == "x"
    assert [p.name for p in tmp_path.iterdir()] == ["der"]


def test_refuses_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="de"):
        create(tmp_path / "der", "de")
    assert not (tmp_path / "der").exists()


def test_cli_new(tmp_path: Path) -> None:
    target = tmp_path / "der"
    # a real process once: `python -m oqu.cli` as a user's shell starts it (the rest in-process)
    run = subprocess.run(
        [sys.executable, "-m", "oqu.cli", "new", str(target), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert str(target / "der.yaml") in run.stdout.splitlines()
    again = oqu("new", str(target), "--lang", "en")
    assert again.returncode == 2
    assert "not empty" in again.stderr


# Marks a header might claim the values to replace are written in.
_MARKS = {"«…»": ("«", "»"), "<…>": ("<", ">"), "[…]": ("[", "]")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_template_header_tells_the_truth(lang: str) -> None:
    """The der.yaml header's instructions match the values below it (issue 16, item 5)."""
    import yaml

    text = (Path(create.__code__.co_filename).parent / "templates" / lang / "der.yaml").read_text(
        "utf-8"
    )
    header = " ".join(s for s in text.splitlines()[:3] if s.startswith("#"))
    assert "docs/format.md" in header
    values = yaml.safe_load(text)
    for mark, (left, right) in _MARKS.items():
        if mark in header:  # the kk header promised «…» around values that had none
            for key in ("title", "faculty", "department", "discipline", "audience"):
                assert str(values[key]).startswith(left), (lang, key, values[key])
                assert str(values[key]).endswith(right), (lang, key, values[key])
