"""Rendering a check :class:`~oqu.check.Report` as text, JSON (schema ``oqu-check/2``) or HTML.

The HTML report is one self-contained file: inline CSS, no script, no external resource, every
string from the package escaped (a hostile title stays text). It prints on A4.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from importlib.metadata import version
from typing import Any

from oqu.check import Report
from oqu.diagnostics import Diagnostic, Lang
from oqu.model.subject import known
from oqu.numerals import count
from oqu.rules import RULES, Rule
from oqu.rules.composition import CLAUSE as TYPE_CLAUSE
from oqu.rules.composition import IDS as TYPE_IDS
from oqu.rules.composition import TYPE_TITLES

__all__ = [
    "SCHEMA",
    "counted",
    "render_html",
    "render_json",
    "render_text",
    "summary_counts",
    "to_json",
]

SCHEMA = "oqu-check/2"
_SEVERITIES = ("error", "warning", "info")

WORDS: dict[str, dict[Lang, str]] = {
    "title": {"kk": "ЦББР сәйкестігін тексеру есебі", "ru": "Отчёт о проверке ЦОР",
              "en": "DER compliance report"},
    "regulation": {"kk": "АТУ-ЖИЦДО-ІӘЕ-7.5.1-2025-03 ережесі бойынша",
                   "ru": "по положению АТУ-ЖИЦДО-ІӘЕ-7.5.1-2025-03",
                   "en": "against regulation АТУ-ЖИЦДО-ІӘЕ-7.5.1-2025-03"},
    "pass": {"kk": "Сәйкес келеді", "ru": "Соответствует", "en": "Pass"},
    "fail": {"kk": "Сәйкес келмейді", "ru": "Не соответствует", "en": "Fail"},
    "incomplete": {"kk": "Толық тексерілмеді", "ru": "Проверено не полностью",
                   "en": "Incomplete"},
    "needs-eye": {"kk": "Сарапшы қарауы керек", "ru": "Нужен взгляд эксперта на",
                  "en": "Needs the reviewer's eye on"},
    "subject": {"kk": "Тексерілген нысан", "ru": "Объект проверки", "en": "Checked"},
    "findings": {"kk": "Нәтижелер", "ru": "Замечания", "en": "Findings"},
    "unchecked": {"kk": "Тексерілмеген ережелер", "ru": "Непроверенные правила",
                  "en": "Rules that could not be checked"},
    "rule": {"kk": "Ереже", "ru": "Правило", "en": "Rule"},
    "severity": {"kk": "Деңгейі", "ru": "Уровень", "en": "Severity"},
    "message": {"kk": "Хабар", "ru": "Сообщение", "en": "Message"},
    "location": {"kk": "Орны", "ru": "Где", "en": "Where"},
    "hint": {"kk": "Қалай түзету", "ru": "Как исправить", "en": "How to fix"},
    "error": {"kk": "қате", "ru": "ошибка", "en": "error"},
    "warning": {"kk": "ескерту", "ru": "предупреждение", "en": "warning"},
    "info": {"kk": "ақпарат", "ru": "сведения", "en": "info"},
    "none": {"kk": "Ескерту жоқ.", "ru": "Замечаний нет.", "en": "No findings."},
    "smoke": {"kk": "Динамикалық тексеру", "ru": "Динамическая проверка", "en": "Smoke run"},
    "smoke-none": {"kk": "Орындалмады (--smoke).", "ru": "Не выполнялась (--smoke).",
                   "en": "Not run (--smoke)."},
    "clauses": {"kk": "Ереже тармақтары бойынша", "ru": "По пунктам положения",
                "en": "Clause by clause"},
    "clause": {"kk": "Тармақ", "ru": "Пункт", "en": "Clause"},
    "requirement": {"kk": "Талап", "ru": "Требование", "en": "Requirement"},
    "state": {"kk": "Нәтиже", "ru": "Итог", "en": "State"},
    "passed": {"kk": "сәйкес", "ru": "соответствует", "en": "passed"},
    "failed": {"kk": "сәйкес емес", "ru": "не соответствует", "en": "failed"},
    "not-applicable": {"kk": "қолданылмайды", "ru": "не применяется", "en": "not applicable"},
    "unchecked-state": {"kk": "тексерілмеді", "ru": "не проверено", "en": "could not be checked"},
    "na-type": {"kk": "ЦББР түрі: {type}", "ru": "тип ЦОР: {type}", "en": "the DER is: {type}"},
    "source-errors": {"kk": "бастапқы мәтінде қателер бар: ереже іске қосылмады",
                      "ru": "в исходном тексте ошибки: правило не запускалось",
                      "en": "the source has errors: the rule was not run"},
    "other": {"kk": "Басқа нәтижелер", "ru": "Прочие замечания", "en": "Other findings"},
    "sign": {"kk": "Сарапшы: ____________________  Күні: ____________  Қолы: ____________",
             "ru": "Эксперт: ____________________  Дата: ____________  Подпись: ____________",
             "en": "Reviewer: ____________________  Date: ____________  Signature: ____________"},
    "f-kind": {"kk": "Түрі", "ru": "Вид", "en": "Kind"},
    "f-path": {"kk": "Жолы", "ru": "Путь", "en": "Path"},
    "f-title": {"kk": "Атауы", "ru": "Название", "en": "Title"},
    "f-language": {"kk": "Тілі", "ru": "Язык", "en": "Language"},
    "f-type": {"kk": "ЦББР түрі", "ru": "Тип ЦОР", "en": "DER type"},
    "f-slides": {"kk": "Слайдтар", "ru": "Слайдов", "en": "Slides"},
    "f-interactions": {"kk": "Интерактивті элементтер", "ru": "Интерактивные элементы",
                       "en": "Interactive elements"},
    "f-quizzes": {"kk": "Тесттер", "ru": "Тесты", "en": "Tests"},
    "f-tool": {"kk": "Құрал", "ru": "Инструмент", "en": "Tool"},
    "f-tool_version": {"kk": "Құрал нұсқасы", "ru": "Версия инструмента", "en": "Tool version"},
    "f-edition": {"kk": "Басылымы", "ru": "Редакция", "en": "Edition"},
    "f-unread": {"kk": "Оқылмағаны", "ru": "Не прочитано", "en": "Not read"},
    "f-scorm_version": {"kk": "SCORM нұсқасы", "ru": "Версия SCORM", "en": "SCORM version"},
    "f-size": {"kk": "Көлемі, байт", "ru": "Размер, байт", "en": "Size, bytes"},
    "f-files": {"kk": "Файлдар", "ru": "Файлов", "en": "Files"},
    "f-launch": {"kk": "Іске қосу беті", "ru": "Страница запуска", "en": "Launch page"},
    "v-source": {"kk": "бастапқы мәтін", "ru": "исходный текст", "en": "source"},
    "v-package": {"kk": "пакет", "ru": "пакет", "en": "package"},
    "slide": {"kk": "слайд", "ru": "слайд", "en": "slide"},
    "shot-first": {"kk": "Бірінші экран", "ru": "Первый экран", "en": "First screen"},
    "shot-later": {"kk": "1 с кейін", "ru": "Через 1 с", "en": "After 1 s"},
    "shot-next": {"kk": "«Келесі» басылғаннан кейін", "ru": "После «Далее»", "en": "After 'Next'"},
}  # fmt: skip


# The words counted in summaries, in the order of oqu.numerals.CATEGORIES (kk: a noun after a
# numeral stays singular; ru: one, few, many).
COUNTED: dict[str, dict[Lang, tuple[str, ...]]] = {
    "error": {"kk": ("қате", "қате"), "ru": ("ошибка", "ошибки", "ошибок"),
              "en": ("error", "errors")},
    "warning": {"kk": ("ескерту", "ескерту"),
                "ru": ("предупреждение", "предупреждения", "предупреждений"),
                "en": ("warning", "warnings")},
    "info": {"kk": ("ақпараттық хабар", "ақпараттық хабар"),
             "ru": ("примечание", "примечания", "примечаний"), "en": ("note", "notes")},
}  # fmt: skip


QUESTION_WORDS: dict[Lang, tuple[str, ...]] = {
    "kk": ("сұрақ", "сұрақ"),
    "ru": ("вопрос", "вопроса", "вопросов"),
    "en": ("question", "questions"),
}


def counted(n: int, key: str, lang: Lang) -> str:
    """ "N word" for a severity (``error``, ``warning``, ``info``) with the plural CLDR gives."""
    return count(n, lang, *COUNTED[key][lang])


def summary_counts(errors: int, warnings: int, infos: int | None, lang: Lang, sep: str) -> str:
    """ "0 ошибок, 1 предупреждение, 2 примечания" (``infos`` None: errors and warnings only)."""
    parts = [counted(errors, "error", lang), counted(warnings, "warning", lang)]
    if infos is not None:
        parts.append(counted(infos, "info", lang))
    return sep.join(parts)


def _w(key: str, lang: Lang) -> str:
    return WORDS[key][lang]


def _rule(d: Diagnostic) -> str:
    return d.code


def _location(d: Diagnostic) -> str:
    loc = str(d.location) if d.location.file else ""
    if d.path:
        return f"{loc} [{d.path}]" if loc else d.path
    return loc


def _ordered(report: Report) -> list[Diagnostic]:
    order = {s: i for i, s in enumerate(_SEVERITIES)}
    rule_order = {r.id: i for i, r in enumerate(RULES)}
    return sorted(
        report.findings,
        key=lambda d: (order[d.severity], rule_order.get(d.code.split("/")[0], 99), d.code),
    )


def _subject_json(report: Report) -> dict[str, Any]:
    s = report.subject
    pkg = s.package
    slides = known(s.slides)
    der_type = s.der_type if isinstance(s.der_type, str) else None
    inter = known(s.interactions)
    quizzes = known(s.quizzes)
    return {
        "kind": s.kind,
        "path": s.name,
        "title": s.title,
        "language": s.language or None,
        "type": der_type,
        "slides": len(slides) if slides is not None else None,
        "interactions": [{"slide": i.slide, "kind": i.kind} for i in inter]
        if inter is not None
        else None,
        "quizzes": [
            {
                "slide": q.slide,
                "final": q.final,
                "questions": len(q.questions),
                "kinds": dict(sorted(Counter(x.kind for x in q.questions).items())),
            }
            for q in quizzes
        ]
        if quizzes is not None
        else None,
        "tool": (pkg.tool or None) if pkg else "oqu",
        "tool_version": (pkg.tool_version or None) if pkg else version("oqu"),
        "edition": (pkg.edition or None) if pkg else None,
        "unread": list(pkg.unread) if pkg else [],
        "scorm_version": (pkg.version or None) if pkg else None,
        "size": pkg.size if pkg else None,
        "files": pkg.files if pkg else None,
        "launch": (pkg.launch or None) if pkg else None,
    }


CLAUSE_STATES = ("passed", "failed", "not-applicable", "unchecked")
# variants that say the rule did not decide (besides a rule's UNCHECKED_VARIANTS)
_NOT_DECIDED = frozenset({"unchecked", "partial", "no-syllabus"})


def _clause_key(clause: str) -> tuple[tuple[int, ...], str]:
    number, _, suffix = clause.partition("/")
    return tuple(int(p) for p in number.split(".") if p.isdigit()), suffix


def _clauses(report: Report, ordered: list[Diagnostic], lang: Lang) -> list[dict[str, Any]]:
    """Every clause the checker knows, in the regulation's order, with its state and findings
    (indices into ``ordered``). The composition rule (9.2) is its nine clauses, one per DER type:
    the declared type's is checked, the others do not apply."""
    der_type = report.subject.der_type if isinstance(report.subject.der_type, str) else ""
    source_failed = any(d.code.startswith("OQ") and d.severity == "error" for d in report.findings)
    rows: list[tuple[str, str, Rule]] = []
    for rule in RULES:
        if rule.id == "9.2":
            for sub in TYPE_IDS:
                kind = next(k for k, c in TYPE_CLAUSE.items() if c == sub)
                rows.append((sub, f"{rule.title.get(lang)}: {TYPE_TITLES[kind].get(lang)}", rule))
        else:
            rows.append((rule.id, rule.title.get(lang), rule))
    rows.sort(key=lambda r: _clause_key(r[0]))
    out = []
    for clause, title, rule in rows:
        mine = [
            i
            for i, d in enumerate(ordered)
            if d.code == clause or (rule.id == "9.2" and d.code == "9.2")
        ]
        found = [ordered[i] for i in mine]
        reason = ""
        if rule.id == "9.2" and der_type in TYPE_CLAUSE and TYPE_CLAUSE[der_type] != clause:
            state, mine = "not-applicable", []
            reason = _w("na-type", lang).format(type=TYPE_TITLES[der_type].get(lang))
        elif any(d.severity == "error" for d in found):
            state = "failed"
        elif rule.id in report.unchecked or any(
            d.variant in _NOT_DECIDED | rule.unchecked_variants for d in found
        ):
            state = "unchecked"
            undecided = _NOT_DECIDED | rule.unchecked_variants
            why = [d.message(lang) for d in found if d.variant in undecided]
            if not why and source_failed:
                why = [_w("source-errors", lang)]
            reason = "; ".join(why)
        else:
            state = "passed"
        out.append(
            {
                "clause": clause,
                "title": title,
                "state": state,
                "state_text": _w("unchecked-state" if state == "unchecked" else state, lang),
                "reason": reason or None,
                "findings": mine,
            }
        )
    return out


def to_json(report: Report, lang: Lang) -> dict[str, Any]:
    ordered = _ordered(report)
    findings = [
        {
            "rule": _rule(d),
            "severity": d.severity,
            "message": d.message(lang),
            "location": _location(d),
            "file": d.location.file or None,
            "line": d.location.line or None,
            "hint": d.hint(lang) or None,
        }
        for d in ordered
    ]
    return {
        "schema": SCHEMA,
        "verdict": report.verdict,
        "language": lang,
        "subject": _subject_json(report),
        "findings": findings,
        "summary": {
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "infos": report.count("info"),
            "rules": len(RULES),
            "unchecked": len(report.unchecked),
            "seconds": round(report.elapsed, 3),
        },
        "unchecked": sorted(report.unchecked),
        "clauses": _clauses(report, ordered, lang),
        "smoke": report.smoke,
    }


def render_json(report: Report, lang: Lang) -> str:
    return json.dumps(to_json(report, lang), ensure_ascii=False, indent=2) + "\n"


def render_text(report: Report, lang: Lang) -> str:
    ordered = _ordered(report)
    lines = [d.format(lang) for d in ordered]
    clauses = _clauses(report, ordered, lang)
    width = max(len(c["clause"]) for c in clauses)
    lines.append(f"{_w('clauses', lang)}:")
    lines.extend(
        f"  {c['clause']:<{width}}  {c['title']} — {c['state_text']}"
        + (f" ({c['reason']})" if c["state"] == "not-applicable" else "")
        for c in clauses
    )
    verdict = _w(report.verdict, lang)
    if report.verdict == "incomplete":
        lines.append(f"{_w('needs-eye', lang)}: {', '.join(sorted(report.unchecked))}")
    counts = summary_counts(
        report.count("error"), report.count("warning"), report.count("info"), lang, ", "
    )
    lines.append(f"{verdict}: {counts}")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:2rem auto;max-width:60rem;
color:#1b1f24;line-height:1.45;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin-top:1.75rem}
.sub{color:#555;margin:0 0 1rem}
.verdict{display:inline-block;padding:.35rem .9rem;border-radius:4px;font-weight:700;
color:#fff;font-size:1.1rem}
.pass{background:#1a7f37}.fail{background:#cf222e}.incomplete{background:#9a6700}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}dt{color:#555}
dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.rule{white-space:nowrap;font-weight:600}
tr.error td.sev{color:#cf222e;font-weight:700}tr.warning td.sev{color:#9a6700;font-weight:700}
tr.info td.sev{color:#555}
.loc{font-family:"DejaVu Sans Mono",monospace;font-size:.85rem;word-break:break-all}
.hint{color:#333;font-size:.88rem}
td.state{white-space:nowrap}.badge{display:inline-block;padding:.1rem .5rem;border-radius:3px;
font-weight:700;font-size:.85rem}.badge.passed{background:#dafbe1;color:#116329}
.badge.failed{background:#ffebe9;color:#a40e26}.badge.unchecked{background:#fff8c5;color:#7d4e00}
.badge.not-applicable{background:#eaeef2;color:#57606a}tr.not-applicable td{color:#57606a}
td ul{margin:.3rem 0 0;padding-left:1.1rem}td li{margin:.15rem 0}
li.error .sev{color:#cf222e;font-weight:700}li.warning .sev{color:#9a6700;font-weight:700}
li.info .sev{color:#555}.reason{color:#555;font-size:.88rem}
.sign{margin-top:1.5rem;white-space:pre-wrap;font-size:.95rem}
.shots{display:flex;flex-wrap:wrap;gap:1rem}.shots figure{margin:0;max-width:19rem}
.shots img{width:100%;height:auto;border:1px solid #d0d7de}
.shots figcaption{font-size:.85rem;color:#555}
@media (max-width:40rem){body{margin:1rem auto}dl{grid-template-columns:minmax(0,1fr)}}
@media print{body{margin:0;max-width:none}tr{page-break-inside:avoid}@page{size:A4;margin:15mm}}
"""


_SMOKE_FACTS = ("status", "reason", "scorm_version", "seconds", "api_found", "initialized",
                "status_set", "commit", "commit_on_exit", "finish", "first_screen_ms",
                "console_errors", "blocked_requests", "missing_files")  # fmt: skip


def _smoke_html(smoke: dict[str, Any] | None, lang: Lang) -> str:
    e = html.escape
    if smoke is None:
        return f"<p>{e(_w('smoke-none', lang))}</p>"
    facts = "".join(
        f"<dt>{e(k)}</dt><dd>{e(json.dumps(smoke[k], ensure_ascii=False))}</dd>"
        for k in _SMOKE_FACTS
        if smoke.get(k) not in (None, "", [], {})
    )
    shots = []
    for shot in smoke.get("screenshots", []):
        src = str(shot["data"])
        if not src.startswith("data:image/jpeg;base64,"):
            continue  # only the images the smoke run made
        label = _w(f"shot-{shot['label']}", lang) if f"shot-{shot['label']}" in WORDS else ""
        shots.append(
            f'<figure><img src="{e(src)}" width="{int(shot["width"])}" '
            f'height="{int(shot["height"])}" alt="{e(label)}"><figcaption>{e(label)}'
            f"</figcaption></figure>"
        )
    return f"<dl>{facts}</dl>" + (f'<div class="shots">{"".join(shots)}</div>' if shots else "")


def _fact(value: object) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _finding_html(f: dict[str, Any], lang: Lang, tag: str = "li") -> str:
    e = html.escape
    hint = f'<div class="hint">{e(_w("hint", lang))}: {e(f["hint"])}</div>' if f["hint"] else ""
    where = f' <span class="loc">{e(f["location"])}</span>' if f["location"] else ""
    return (
        f'<{tag} class="{e(f["severity"])}"><span class="sev">{e(_w(f["severity"], lang))}</span>'
        f" <code>{e(f['rule'])}</code> {e(f['message'])}{where}{hint}</{tag}>"
    )


def _clauses_html(data: dict[str, Any], lang: Lang) -> str:
    e = html.escape
    rows = []
    for c in data["clauses"]:
        items = "".join(_finding_html(data["findings"][i], lang) for i in c["findings"])
        shown = c["reason"] and not items  # else the findings below say why
        reason = f'<div class="reason">{e(c["reason"])}</div>' if shown else ""
        rows.append(
            f'<tr class="clause {e(c["state"])}" id="clause-{e(c["clause"])}">'
            f'<td class="rule">{e(c["clause"])}</td>'
            f"<td>{e(c['title'])}{reason}" + (f"<ul>{items}</ul>" if items else "") + "</td>"
            f'<td class="state"><span class="badge {e(c["state"])}">{e(c["state_text"])}</span>'
            "</td></tr>"
        )
    return (
        f'<div class="scroll" tabindex="0" role="region" aria-label="{e(_w("clauses", lang))}">'
        f"<table><thead><tr><th>{e(_w('clause', lang))}</th><th>{e(_w('requirement', lang))}</th>"
        f"<th>{e(_w('state', lang))}</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_html(report: Report, lang: Lang) -> str:
    e = html.escape
    data = to_json(report, lang)
    subj = data["subject"]
    in_clause = {i for c in data["clauses"] for i in c["findings"]}
    others = [f for i, f in enumerate(data["findings"]) if i not in in_clause]
    other = (
        f"<h2>{e(_w('other', lang))}</h2><ul>"
        + "".join(_finding_html(f, lang) for f in others)
        + "</ul>"
        if others
        else ""
    )

    def label(key: str) -> str:
        return _w(f"f-{key}", lang) if f"f-{key}" in WORDS else key

    def value(key: str, v: object) -> str:
        if key == "kind" and f"v-{v}" in WORDS:
            return _w(f"v-{v}", lang)
        if key == "type" and isinstance(v, str) and v in TYPE_TITLES:
            return TYPE_TITLES[v].get(lang)
        if key == "interactions" and isinstance(v, list):
            kinds = Counter(str(x["kind"]) for x in v)
            return f"{len(v)}: " + ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in kinds.items())
        if key == "quizzes" and isinstance(v, list):
            return "; ".join(
                f"{_w('slide', lang)} {q['slide']}: "
                + count(int(q["questions"]), lang, *QUESTION_WORDS[lang])
                for q in v
            )
        return _fact(v)

    facts = "".join(
        f"<dt>{e(label(k))}</dt><dd>{e(value(k, v))}</dd>"
        for k, v in subj.items()
        if v not in (None, "", [])
    )
    summary = data["summary"]
    unchecked = ", ".join(data["unchecked"]) or "—"
    needs = (
        f"<p><strong>{e(_w('needs-eye', lang))}:</strong> {e(unchecked)}</p>"
        if data["verdict"] == "incomplete"
        else ""
    )
    verdict = data["verdict"]
    return f"""<!doctype html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="Oqu check ({SCHEMA})">
<title>{e(_w("title", lang))}: {e(subj["title"] or subj["path"])}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{e(_w("title", lang))}</h1>
<p class="sub">{e(_w("regulation", lang))}</p>
<p><span class="verdict {e(verdict)}">{e(_w(verdict, lang))}</span>
 {e(summary_counts(summary["errors"], summary["warnings"], summary["infos"], lang, " · "))}</p>
{needs}
<h2>{e(_w("clauses", lang))}</h2>
{_clauses_html(data, lang)}
{other}
<p class="sign">{e(_w("sign", lang))}</p>
<h2>{e(_w("subject", lang))}</h2>
<dl>{facts}</dl>
<h2>{e(_w("smoke", lang))}</h2>
{_smoke_html(data["smoke"], lang)}
</body>
</html>
"""
