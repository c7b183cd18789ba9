"""Without Chromium (or Playwright) the smoke run is skipped with an info finding saying why —
in the report's language (issue 15.8: a Kazakh report had English sentences in it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from oqu.check import check
from tests.rules.conftest import bare, make_zip


def test_smoke_without_chromium_is_skipped_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OQU_CHROMIUM", str(tmp_path / "no-such-chromium"))
    report = check(bare(tmp_path / "b.zip"), smoke=True)
    found = [d for d in report.findings if d.code == "10.7/smoke"]
    assert [(d.variant, d.severity) for d in found] == [("skipped", "info")]
    assert "Chromium was not found" in found[0].message("en")
    assert "Chromium табылмады" in found[0].message("kk")
    assert "Chromium не найден" in found[0].message("ru")
    assert report.smoke is not None and report.smoke["status"] == "skipped"
    assert report.verdict == "incomplete"  # a bare page: no content rule could run


def test_every_fact_a_rule_needs_has_its_names() -> None:
    from oqu.rules import FACT_NAMES, RULES

    assert {f for r in RULES for f in r.needs} <= set(FACT_NAMES)


def test_smoke_skips_a_package_without_a_launch_page(tmp_path: Path) -> None:
    pkg = make_zip(tmp_path / "n.zip", {"a.html": "x"})  # no manifest at all
    report = check(pkg, smoke=True)
    found = [d for d in report.findings if d.code == "10.7/smoke"]
    assert [d.variant for d in found] == ["not-played"]  # no hint to install Chromium
    assert "no launchable page" in found[0].message("en")
    assert found[0].message("kk") == (
        "Динамикалық тексеру орындалмады: пакетте іске қосылатын бет немесе белгілі SCORM "
        "нұсқасы жоқ (10.7 қараңыз)"
    )
    assert "нет стартовой страницы" in found[0].message("ru") and not found[0].hint("ru")
    # the rules that could not run say why in the report's language, not "unknown tool package"
    unchecked = [d for d in report.findings if d.variant == "unchecked"]
    assert unchecked
    for d in unchecked:
        assert "unknown tool" in d.message("en")
        assert "белгісіз құралдың пакеті" in d.message("kk"), d.message("kk")
        assert "пакет неизвестного инструмента" in d.message("ru")
        assert not re.search(r"[a-z]{3,}", d.message("kk").replace("unknown", "")), d.message("kk")
