"""Title-slide findings point at the field in der.yaml (issue 16, item 5): a missing author's
photo at the first author under ``authors``, not at the title line."""

from __future__ import annotations

import shutil
from pathlib import Path

from oqu.check import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _line_of(text: str, start: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith(start))


def test_missing_photo_points_at_the_author(tmp_path: Path) -> None:
    src = tmp_path / "haccp"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    yaml = src / "der.yaml"
    text = "\n".join(
        ln for ln in yaml.read_text(encoding="utf-8").splitlines() if "photo:" not in ln
    )
    yaml.write_text(text + "\n", encoding="utf-8")
    found = [d for d in check(src).findings if d.code == "10.1.1" and d.path == "authors[0].photo"]
    assert len(found) == 1, [d.format("en") for d in check(src).findings]
    loc = found[0].location
    assert loc.file.endswith("der.yaml")
    assert loc.line == _line_of(text, "- name:")  # the first author's entry under authors
    assert loc.line != _line_of(text, "title:")


def test_missing_email_points_at_the_author_and_a_present_field_is_found(tmp_path: Path) -> None:
    src = tmp_path / "haccp"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    yaml = src / "der.yaml"
    text = "\n".join(
        ln for ln in yaml.read_text(encoding="utf-8").splitlines() if "email:" not in ln
    )
    yaml.write_text(text + "\n", encoding="utf-8")
    report = check(src)
    email = [d for d in report.findings if d.path == "authors[0].email"]
    assert email and email[0].location.line == _line_of(text, "- name:")
    ts = report.subject.title_slide
    assert ts.where("discipline").line == _line_of(text, "discipline:")
    assert ts.where("authors[0].position").line == _line_of(text, "position:")
