"""`oqu import pptx`: decks built with python-pptx → a source that `oqu build` accepts.

Form 02 decks in Kazakh and Russian (title fields, contents, seven element slides, a final
test), and decks that break the template (missing title fields, tables, notes, pictures with
and without alt text, a group shape, a local link, a video the player cannot play, 60 slides).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.util import Inches

from oqu.diagnostics import Diagnostics
from oqu.packaging.pipeline import verify_source
from oqu.sources.der import load
from oqu.sources.pptx import import_pptx
from oqu.sources.pptx.quiz import parse_questions
from oqu.sources.pptx.text import Para, esc
from oqu.sources.pptx.texts import detect_language
from tests.cli import oqu
from tests.sources.pptx_decks import (
    TITLE,
    TITLE_ONLY,
    VIDEO,
    add_picture,
    form02_deck,
    many_slides_deck,
    messy_deck,
    png,
    text_box,
)


def run_build(src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``oqu build SRC --out OUT``, in this process (tests/cli.py)."""
    return oqu("build", src, "--out", out)


def read(out: Path) -> tuple[dict, str, str]:  # type: ignore[type-arg]
    meta = yaml.safe_load((out / "der.yaml").read_text("utf-8"))
    module = (out / "01-lesson.md").read_text("utf-8")
    report = (out / "import-report.md").read_text("utf-8")
    return meta, module, report


@pytest.fixture(scope="module")
def kk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    tmp = tmp_path_factory.mktemp("kk")
    deck = form02_deck(tmp / "haccp.pptx", "kk")
    result = import_pptx(deck, tmp / "lesson", render_slides=False, run_checker=False)
    return tmp / "lesson", result


def test_kk_title_slide_fills_the_metadata(kk: tuple[Path, object]) -> None:
    out, _ = kk
    meta, _, _ = read(out)
    assert meta["title"] == "HACCP жүйесінің негіздері"
    assert meta["language"] == "kk"
    assert meta["type"] == "interactive-presentation"
    assert meta["university"] == {
        "name": "Алматы технологиялық университеті",
        "url": "https://atu.edu.kz",
    }
    assert meta["faculty"] == "Тағам өндірісі факультеті"
    assert meta["department"] == "Тамақ өнімдерінің технологиясы және қауіпсіздігі кафедрасы"
    assert meta["discipline"] == "Тағам қауіпсіздігі"
    assert meta["authors"] == [
        {
            "name": "Әлиева Айгүл Серікқызы",
            "position": "аға оқытушы",
            "degree": "т.ғ.к.",
            "email": "a.alieva@atu.edu.kz",
            "photo": "media/slide-01-1.jpg",
        }
    ]
    assert (out / "media/slide-01-1.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    assert meta["topics"] == [
        "HACCP қағидаттары",
        "Сыни бақылау нүктелері",
        "Мониторинг және түзету әрекеттері",
    ]
    assert meta["completion"] == "test"
    assert str(meta["date"]) == "2013-01-27"  # python-pptx's template: the file's own date
    assert meta["modules"] == [{"file": "01-lesson.md", "title": meta["title"]}]
    for path, credit in meta["media"].items():
        assert (out / path).is_file()
        assert credit["licence"].startswith("TODO")


def test_kk_element_slides_become_interactions(kk: tuple[Path, object]) -> None:
    out, _ = kk
    _, md, _ = read(out)
    slides = md.split("\n## ")
    assert md.startswith("## Процесс: HACCP жоспарын әзірлеу\n")
    assert len(slides) == 8  # slides 3–9 and the test; title and contents are metadata
    process = slides[0]
    assert ":::process" in process and "### Топ құру" in process
    assert "### Технологиялық сызбаны құру" in process
    assert "![Суреттің сипаттамасы: HACCP кезеңдерінің сызбасы](media/slide-03-1.png)" in process
    assert ":::notes\nБаяндамашыға ескертпе: кезеңдерді ретімен түсіндіріңіз.\n:::" in process
    assert ":::reveal" in slides[1] and "### Биологиялық қауіптер" in slides[1]
    assert ":::hierarchy" in slides[2]
    assert "### Топ жетекшісі" in slides[2] and "#### Микробиолог" in slides[2]
    catalogue = slides[3]
    assert ":::catalogue" in catalogue
    assert "### Жабдық\n![Жабдық](media/slide-06-2.png)" in catalogue
    assert ":::tabs" in slides[4] and "### Өлшеу\nТемпература мен уақытты өлшеу." in slides[4]
    # callouts over the picture: x/y in percent of the picture (1 in left, 1.5 in top, 8 × 4.5 in)
    assert ":::map" in slides[5]
    assert "{x=12 y=26}\n### Қабылдау алаңы" in slides[5]
    assert "{x=75 y=26}\n### Қаптау бөлімі" in slides[5]
    video = slides[6]
    assert ":::video {src=media/slide-09-video.mp4 poster=media/slide-09-video-poster.png}" in video
    assert (out / "media/slide-09-video.mp4").read_bytes() == VIDEO.read_bytes()
    assert "TODO" not in md


def test_kk_final_test_has_real_questions(kk: tuple[Path, object]) -> None:
    out, result = kk
    diags = Diagnostics()
    resource = load(out, diags)
    assert resource is not None, [d.format() for d in diags]
    quizzes = list(resource.quizzes())
    assert len(quizzes) == 1 and quizzes[0].final
    qs = quizzes[0].questions
    assert [q.type for q in qs] == ["single", "single", "single", "multiple", "single"]
    assert [c.correct for c in qs[0].choices] == [False, True, False]  # «ә) 7 *»
    assert [c.correct for c in qs[1].choices] == [True, False]  # «(+)»
    assert [c.correct for c in qs[2].choices] == [True, False]  # «Жауабы: a»
    assert [c.correct for c in qs[3].choices] == [True, True, False]  # «✓»
    assert result.questions == 5  # type: ignore[attr-defined]


def test_kk_report_lists_every_slide(kk: tuple[Path, object]) -> None:
    out, result = kk
    _, _, report = read(out)
    assert report == result.report  # type: ignore[attr-defined]
    assert report.startswith("# Импорттау есебі: haccp.pptx")
    assert "| 1 | HACCP жүйесінің негіздері | титул слайды → der.yaml |" in report
    assert "| 2 | Мазмұны | мазмұн слайды → topics (3 тақырып) |" in report
    assert (
        "| 3 | Процесс: HACCP жоспарын әзірлеу | :::process (3 элемент, тақырыбы бойынша)" in report
    )
    assert "| 8 | Карта: цехтың сызбасы | :::map (3 элемент" in report
    assert "| 10 | Қорытынды тест | :::quiz {final=true} (5 сұрақ) |" in report
    assert "Нәтиже `oqu build` тексерісінен қатесіз өтті." in report
    assert "`oqu check` іске қосылмады (--no-check)." in report


def test_kk_import_builds(kk: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = kk
    done = run_build(out, tmp_path / "dist")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "dist" / "haccp-zhuiesinin-negizderi-scorm12.zip").is_file()


def test_ru_deck_through_the_cli(tmp_path: Path) -> None:
    deck = form02_deck(tmp_path / "хассп.pptx", "ru")
    out = tmp_path / "урок"
    done = oqu("import", "pptx", str(deck), "--out", str(out), "--no-render")
    assert done.returncode == 0, done.stderr
    assert "# Отчёт об импорте: хассп.pptx" in done.stdout
    meta, md, report = read(out)
    assert meta["language"] == "ru"
    assert "url" not in meta["university"]  # atu.edu.kz of the e-mail is not the site
    assert meta["department"] == "Кафедра технологии и безопасности пищевых продуктов"
    assert meta["discipline"] == "Безопасность пищевых продуктов"
    author = meta["authors"][0]
    assert (author["name"], author["position"], author["degree"], author["email"]) == (
        "Иванова Мария Петровна",
        "ст. преподаватель",
        "к.т.н.",
        "m.ivanova@atu.edu.kz",
    )
    assert ":::tabs" in md and "### Визуальный осмотр" in md
    assert "### Сколько принципов у ХАССП?\n- [ ] 5\n- [x] 7\n- [ ] 9" in md  # «Ответ: б»
    assert "| 9 | Видео: пастеризация — критическая контрольная точка | :::video" in report
    assert "## Проверка (oqu check)" in report
    assert "Итог: " in report or "checker not available" in report  # oqu check's verdict
    assert report in done.stdout
    build = run_build(out, tmp_path / "dist")
    assert build.returncode == 0, build.stderr


def test_messy_deck_keeps_everything_and_says_what_to_fix(tmp_path: Path) -> None:
    deck = messy_deck(tmp_path / "messy.pptx")
    out = tmp_path / "lesson"
    result = import_pptx(deck, out, render_slides=False, run_checker=False)
    meta, md, report = read(out)
    assert result.language == "en"
    # missing title fields: marked placeholders and a report line, never a guess
    assert meta["title"] == "Food safety basics"
    assert meta["department"] == "TODO: full name of the department"
    assert meta["discipline"] == "TODO: name of the discipline"
    assert meta["authors"] == [{"name": "TODO: the author's full name"}]
    assert "OQ312 'department' was not found on the title slide" in report
    assert "OQ312 'authors[0].name' was not found on the title slide" in report
    # a table, escaped; notes
    assert "| Product | Limit \\| unit | Check |\n| --- | --- | --- |" in md
    assert "| Milk | 72 °C, 15 s | \\*each batch\\* |" in md
    assert ":::notes\nSay why the limits matter.\n\nThen ask the students.\n:::" in md
    # pictures with and without alt text; links: the web one kept, the local one not
    assert "![A grid of white lines](media/slide-03-1.png)" in md
    assert "![](media/slide-03-2.png)" in md
    assert "OQ311 Slide 3: the image has no alt text: media/slide-03-2.png" in report
    assert "[Codex Alimentarius](https://www.fao.org/fao-who-codexalimentarius/)" in md
    assert "and a local file" in md and "file:" not in md
    assert (
        "OQ310 Slide 3: a link to a file on a computer was not read: file:///etc/passwd" in report
    )
    # a group shape: its text kept, the picture wanted (rendering off here)
    assert "Hazard" in md and "Control" in md
    assert "OQ313 Slide 4 was not rendered to an image: rendering switched off" in report
    assert "No questions found on the last slide: there is no final test (10.1.4)" in report
    assert "| 2 | Critical limits | text + table, notes |" in report
    assert run_build(out, tmp_path / "dist").returncode == 0


def test_sixty_slides(tmp_path: Path) -> None:
    deck = many_slides_deck(tmp_path / "long.pptx", 60, images=20)
    out = tmp_path / "lesson"
    result = import_pptx(deck, out, render_slides=False, run_checker=False)
    _, md, report = read(out)
    assert md.count("\n## ") + md.startswith("## ") == 59
    assert "## 60-дәріс: ақуыздар мен ферменттер" in md
    assert len(list((out / "media").iterdir())) == 20
    assert "TODO:" not in md  # not a form 02 deck: no element slots to flag
    assert len(result.slides) == 60
    assert run_build(out, tmp_path / "dist").returncode == 0
    assert "| 60 |" in report


def test_video_the_player_cannot_play_is_kept_and_flagged(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Lecture recording"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Video: the pasteuriser"
    text_box(s, 0.5, 1.4, 8, 1, [("How the plate pasteuriser works.", False)])
    wmv = tmp_path / "clip.wmv"
    wmv.write_bytes(VIDEO.read_bytes())
    s.shapes.add_movie(
        str(wmv), Inches(1), Inches(2.5), Inches(6), Inches(3.4), mime_type="video/x-ms-wmv"
    )
    prs.save(str(tmp_path / "wmv.pptx"))
    out = tmp_path / "lesson"
    import_pptx(tmp_path / "wmv.pptx", out, render_slides=False, run_checker=False)
    _, md, report = read(out)
    assert (out / "media/slide-02-video.wmv").is_file()
    assert (
        "OQ314 Slide 2: the player cannot show the format of 'media/slide-02-video.wmv'" in report
    )
    assert ":::note\nTODO: The player cannot show media/slide-02-video.wmv" in md
    assert ":::video" not in md
    assert run_build(out, tmp_path / "dist").returncode == 0


def test_external_picture_link_to_a_local_file_is_never_read(tmp_path: Path) -> None:
    """A picture linked (not embedded) to file:///…: reported, not opened, nothing rendered."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(32, 32))
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Linked picture"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Plant"
    pic = add_picture(s, png(), 1, 1.5, 4, "The plant")
    blip = pic._element.xpath(".//a:blip")[0]
    rid = s.part.relate_to(secret.as_uri(), _IMAGE_REL, is_external=True)
    del blip.attrib["{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"]
    blip.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link", rid)
    prs.save(str(tmp_path / "linked.pptx"))
    out = tmp_path / "lesson"
    import_pptx(tmp_path / "linked.pptx", out, render_slides=True, run_checker=False)
    _, md, report = read(out)
    assert (
        f"OQ310 Slide 2: a link to a file on a computer was not read: {secret.as_uri()}" in report
    )
    assert not (out / "media").exists()  # nothing copied from the link
    assert "secret" not in md


_IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def test_english_title_slide_with_labels(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Principles of HACCP"
    lines = [
        "Almaty Technological University, www.atu.edu.kz",
        "Faculty of Food Production",
        "Department of Food Technology and Safety",
        "Course: Food Safety",
        "Author: Dana Sultanova, senior lecturer, PhD, associate professor",
        "d.sultanova@atu.edu.kz",
        "15.09.2026",
    ]
    s.placeholders[1].text_frame.text = lines[0]
    for line in lines[1:]:
        s.placeholders[1].text_frame.add_paragraph().text = line
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Hazards"
    text_box(s, 1, 1.5, 8, 2, [("Biological, chemical and physical hazards.", False)])
    prs.save(str(tmp_path / "en.pptx"))
    out = tmp_path / "lesson"
    import_pptx(tmp_path / "en.pptx", out, render_slides=False, run_checker=False)
    meta, md, _ = read(out)
    assert meta["language"] == "en"
    assert meta["university"] == {
        "name": "Almaty Technological University",
        "url": "https://www.atu.edu.kz",
    }
    assert meta["faculty"] == "Faculty of Food Production"
    assert meta["department"] == "Department of Food Technology and Safety"
    assert meta["discipline"] == "Food Safety"
    assert meta["authors"][0] == {
        "name": "Dana Sultanova",
        "position": "senior lecturer",
        "degree": "PhD",
        "title": "associate professor",
        "email": "d.sultanova@atu.edu.kz",
    }
    assert str(meta["date"]) == "2026-09-15"
    assert md.startswith("## Hazards\n\nBiological, chemical and physical hazards.")


def test_unanswered_questions_stay_as_todo(tmp_path: Path) -> None:
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[TITLE])
    s.shapes.title.text = "Тест"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Итоговый тест"
    qs = [
        "1. Что такое ХАССП?",
        "а) Система",
        "б) Стандарт",
        "2. Сколько принципов?",
        "а) 7 *",
        "б) 5",
    ]
    text_box(s, 0.5, 1.4, 9, 5, [(q, False) for q in qs])
    prs.save(str(tmp_path / "q.pptx"))
    out = tmp_path / "lesson"
    import_pptx(tmp_path / "q.pptx", out, render_slides=False, run_checker=False)
    _, md, report = read(out)
    assert ":::quiz {final=true}\n### Сколько принципов?\n- [x] 7\n- [ ] 5\n:::" in md
    assert "TODO: У этих вопросов не удалось определить" in md
    assert "1\\. Что такое ХАССП?" in md and "-  а) Система" in md
    assert "Слайд 2, вопрос 1: правильный ответ не отмечен — оставлен в блоке TODO" in report
    assert "В итоговом тесте 1 вопросов; пункт 10.1.4 требует не менее 5" in report
    assert run_build(out, tmp_path / "dist").returncode == 0


def test_question_forms() -> None:
    def para(text: str, bold: bool = False) -> Para:
        return Para(esc(text), text, 0, "none", bold, [])

    parsed = parse_questions(
        [
            para("Answer the questions."),
            para("1) Which are hazards?"),
            para("A. Bacteria", bold=True),
            para("B. Glass", bold=True),
            para("C. Water"),
            para("Вопрос 2. Столица?"),
            para("А) Астана"),
            para("В) Алматы"),
            para("Ответ: B"),  # Latin B for Cyrillic В
        ]
    )
    assert [p.plain for p in parsed.intro] == ["Answer the questions."]
    q1, q2 = parsed.questions
    assert q1.prompt == "Which are hazards?" and q1.correct == [True, True, False]
    assert q2.prompt == "Столица?" and q2.correct == [False, True]


def test_language_detection() -> None:
    assert detect_language("Қауіптерді талдау және сыни бақылау") == "kk"
    assert detect_language("Анализ опасностей и критические контрольные точки") == "ru"
    assert detect_language("Hazard analysis and critical control points") == "en"


def test_markdown_syntax_in_slide_text_stays_text() -> None:
    assert esc("1. $x$ {#id} <b>") == "1\\. \\$x\\$ \\{\\#id\\} \\<b\\>"
    assert esc(":::quiz") == "\\:::quiz"


def test_result_is_written_atomically(tmp_path: Path) -> None:
    """An existing empty folder is used; no temporary folder is left beside it."""
    deck = messy_deck(tmp_path / "m.pptx")
    out = tmp_path / "lesson"
    out.mkdir()
    import_pptx(deck, out, render_slides=False, run_checker=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson", "m.pptx"]
    assert (out / "der.yaml").is_file()


def test_title_slide_alone_and_blank_slides_still_build(tmp_path: Path) -> None:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[TITLE]).shapes.title.text = "Тағам химиясы"
    prs.save(str(tmp_path / "one.pptx"))
    out = tmp_path / "one"
    result = import_pptx(
        tmp_path / "one.pptx", out, render_slides=False, run_checker=False, verify=verify_source
    )
    assert result.build_errors == []
    _, md, _ = read(out)
    assert md.startswith("## Тағам химиясы\n\n:::note\nTODO: Презентацияда титул слайдынан")

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[TITLE])
    prs.slides.add_slide(prs.slide_layouts[6])  # blank
    prs.save(str(tmp_path / "blank.pptx"))
    out = tmp_path / "blank"
    result = import_pptx(tmp_path / "blank.pptx", out, render_slides=False, run_checker=False)
    meta, md, _ = read(out)
    assert meta["title"] == "TODO: name of the DER"
    assert md == "## Slide 2\n"
    assert run_build(out, tmp_path / "dist").returncode == 0


def test_a_video_linked_outside_the_deck_says_how_to_embed_it(tmp_path: Path) -> None:
    """LibreOffice's «Link» option (and PowerPoint's «Link to File»): the video is a file on the
    author's computer. It is never opened; the slide says how to put it inside the deck."""
    secret = tmp_path / "handwash.mp4"
    secret.write_bytes(VIDEO.read_bytes())
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[TITLE]).shapes.title.text = "Hand hygiene"
    s = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    s.shapes.title.text = "Video: washing hands"
    text_box(s, 0.5, 1.4, 8, 1, [("How to wash hands.", False)])
    movie = s.shapes.add_movie(
        str(VIDEO), Inches(1), Inches(2.5), Inches(6), Inches(3.4), mime_type="video/mp4"
    )
    video_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/video"
    rid = s.part.relate_to(secret.as_uri(), video_rel, is_external=True)
    video_file = movie._element.xpath(".//a:videoFile")[0]
    link = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}link"
    video_file.set(link, rid)
    for ext in movie._element.xpath(".//p:extLst"):
        ext.getparent().remove(ext)  # no embedded copy either
    prs.save(str(tmp_path / "linked.pptx"))
    out = tmp_path / "lesson"
    import_pptx(tmp_path / "linked.pptx", out, render_slides=False, run_checker=False)
    md = (out / "01-lesson.md").read_text("utf-8")
    report = (out / "import-report.md").read_text("utf-8")
    assert (
        ":::note\nTODO: The video/audio is not inside the deck but linked to a file outside it "
        f"({secret.as_uri()}), so it was not read." in md
    )
    assert f"OQ310 Slide 2: a link to a file on a computer was not read: {secret.as_uri()}" in (
        report
    )
    assert not (out / "media").exists() or not any((out / "media").glob("*.mp4"))
