"""The ``oqu`` command. The only place that turns diagnostics and exceptions into exit codes.

Exit codes: 0 success; 1 the source has errors (all of them are printed); 2 the command cannot
run at all (the path does not exist or is not a DER source, bad usage); 3 (``oqu check``) no
error, but rules that could not be checked — the verdict ``incomplete``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from oqu.diagnostics import Diagnostic, Diagnostics, Lang, SourceUnreadable

# Plain help and errors (rich_markup_mode=None): Rich would cost the command's start about
# 0.1 s of imports for colours (docs/benchmarks.md, "Start-up").
app = typer.Typer(
    name="oqu",
    help="Oqu: digital educational resources — write, check, package as SCORM.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class LangOpt(StrEnum):
    kk = "kk"
    ru = "ru"
    en = "en"


class FormatOpt(StrEnum):
    scorm12 = "scorm12"
    scorm2004 = "scorm2004"
    web = "web"
    moodle = "moodle"
    all = "all"


def _print_diagnostics(diags: Diagnostics | list[Diagnostic], lang: Lang) -> None:
    for d in diags:
        typer.echo(d.format(lang), err=True)


def _summary(diags: Diagnostics, lang: Lang) -> str:
    from oqu.report import summary_counts

    errors = sum(1 for d in diags if d.severity == "error")
    warnings = sum(1 for d in diags if d.severity == "warning")
    return summary_counts(errors, warnings, None, lang, ", ")


_NOTHING_WRITTEN = {
    "kk": "Ештеңе жазылмады.",
    "ru": "Ничего не записано.",
    "en": "Nothing was written.",
}


@app.command()
def build(
    src: Annotated[Path, typer.Argument(help="DER source: a folder with der.yaml or a .md file.")],
    format: Annotated[
        FormatOpt, typer.Option("--format", "-f", help="What to build.")
    ] = FormatOpt.all,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("dist"),
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Keep units tagged KEY=VALUE (and untagged ones); repeatable."
        ),
    ] = None,
    lang: Annotated[
        LangOpt | None, typer.Option("--lang", help="Language of messages (default: the DER's).")
    ] = None,
    package_url: Annotated[
        str | None,
        typer.Option(
            "--package-url",
            help="Moodle backup: download the package from this http(s) address, auto-updated.",
        ),
    ] = None,
) -> None:
    """Build SCORM 1.2, SCORM 2004, offline web versions and a Moodle backup of a DER."""
    from oqu.packaging.moodle import URL_PROBLEMS, check_package_url
    from oqu.packaging.pipeline import FORMATS
    from oqu.packaging.pipeline import build as run_build
    from oqu.sources.der import detect_language

    msg_lang: Lang = lang.value if lang else detect_language(src)
    formats = FORMATS if format == FormatOpt.all else (format.value,)
    if package_url is not None and (problem := check_package_url(package_url)):
        why = URL_PROBLEMS[problem].get(msg_lang)
        msgs = {
            "kk": f"--package-url {package_url}: пакеттің жарамды мекенжайы емес ({why}).",
            "ru": f"--package-url {package_url}: недопустимый адрес пакета ({why}).",
            "en": f"--package-url {package_url}: not a usable package address ({why}).",
        }
        typer.echo(msgs[msg_lang], err=True)
        raise typer.Exit(2)
    try:
        result = run_build(src, out, formats, select or (), package_url)  # type: ignore[arg-type]
    except SourceUnreadable as e:
        _print_diagnostics([e.diagnostic], msg_lang)
        raise typer.Exit(2) from None
    _print_diagnostics(result.diagnostics, msg_lang)
    if not result.ok:
        typer.echo(
            f"{_summary(result.diagnostics, msg_lang)}. {_NOTHING_WRITTEN[msg_lang]}", err=True
        )
        raise typer.Exit(1)
    for p in result.outputs:
        typer.echo(str(p / "index.html") if p.is_dir() else str(p))


@app.command()
def new(
    target: Annotated[Path, typer.Argument(help="Folder to create.")],
    lang: Annotated[LangOpt, typer.Option("--lang", help="Language of the DER.")] = LangOpt.kk,
) -> None:
    """Create a DER source that follows the presentation template (form 02)."""
    from oqu.scaffold import create

    try:
        created = create(target, lang.value)
    except FileExistsError:
        msgs = {
            "kk": f"{target} бос емес; басқа қалта атауын беріңіз.",
            "ru": f"{target} не пуста; укажите другую папку.",
            "en": f"{target} is not empty; choose another folder.",
        }
        typer.echo(msgs[lang.value], err=True)
        raise typer.Exit(2) from None
    for p in created:
        typer.echo(str(p))


@app.command()
def preview(
    src: Annotated[Path, typer.Argument(help="DER source to preview.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8010,
) -> None:
    """Serve the web build on 127.0.0.1 and rebuild when the source changes."""
    from oqu.preview import serve

    raise typer.Exit(serve(src, port))


@app.command()
def schema() -> None:
    """Print the JSON Schema of der.yaml (for editors)."""
    from oqu.model.metadata_schema import metadata_json_schema

    typer.echo(json.dumps(metadata_json_schema(), ensure_ascii=False, indent=2))


class CheckFormatOpt(StrEnum):
    text = "text"
    json = "json"
    html = "html"


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="DER source (folder or .md) or a SCORM zip.")],
    format: Annotated[
        CheckFormatOpt, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormatOpt.text,
    lang: Annotated[
        LangOpt | None, typer.Option("--lang", help="Language of the report (default: the DER's).")
    ] = None,
    syllabus: Annotated[
        Path | None, typer.Option("--syllabus", help="Syllabus: .txt topic list, .docx or .pdf.")
    ] = None,
    der_type: Annotated[
        str | None, typer.Option("--type", help="DER type (9.2/9.3), e.g. e-textbook.")
    ] = None,
    smoke: Annotated[
        bool,
        typer.Option(
            "--smoke/--no-smoke",
            help="Also play a SCORM zip in headless Chromium (needs oqu[smoke] and Chromium).",
        ),
    ] = False,
    smoke_timeout: Annotated[
        float, typer.Option("--smoke-timeout", min=3.0, help="Hard cap of the smoke run, seconds.")
    ] = 15.0,
) -> None:
    """Check a DER against the regulation: exit 0 pass, 1 errors found, 2 PATH unreadable,
    3 incomplete (no error, but rules that could not be checked)."""
    from oqu.check import check as run_check
    from oqu.model.metadata import DerType
    from oqu.report import render_html, render_json, render_text

    msg_lang: Lang = lang.value if lang else "en"
    if lang is None and (path.is_dir() or path.suffix.lower() == ".md"):
        from oqu.sources.der import detect_language

        msg_lang = detect_language(path)
    if der_type is not None and der_type not in {t.value for t in DerType}:
        allowed = ", ".join(t.value for t in DerType)
        typer.echo(f"--type {der_type}: {allowed}", err=True)
        raise typer.Exit(2)
    try:
        report = run_check(
            path, syllabus=syllabus, der_type=der_type, smoke=smoke, smoke_budget=smoke_timeout
        )
    except SourceUnreadable as e:
        _print_diagnostics([e.diagnostic], msg_lang)
        raise typer.Exit(2) from None
    if lang is None and report.subject.kind == "package" and report.subject.language:
        msg_lang = _as_lang(report.subject.language, msg_lang)  # the package's own language
    if format == CheckFormatOpt.json:
        sys.stdout.write(render_json(report, msg_lang))
    elif format == CheckFormatOpt.html:
        sys.stdout.write(render_html(report, msg_lang))
    else:
        sys.stdout.write(render_text(report, msg_lang))
    raise typer.Exit(_CHECK_EXIT[report.verdict])


_CHECK_EXIT = {"pass": 0, "fail": 1, "incomplete": 3}


def _as_lang(value: str, default: Lang) -> Lang:
    return value if value in ("kk", "ru", "en") else default  # type: ignore[return-value]


import_app = typer.Typer(
    help="Turn material made elsewhere into a DER source.", rich_markup_mode=None
)
app.add_typer(import_app, name="import")


@import_app.command("pptx")
def import_pptx_cmd(
    file: Annotated[Path, typer.Argument(help="The PowerPoint deck (.pptx).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="New (or empty) folder to create.")],
    no_render: Annotated[
        bool, typer.Option("--no-render", help="Do not render complex slides with LibreOffice.")
    ] = False,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Do not run `oqu check` on the result.")
    ] = False,
    lang: Annotated[
        LangOpt | None, typer.Option("--lang", help="Language of messages (default: the deck's).")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress lines on stderr while it runs.")
    ] = False,
) -> None:
    """PowerPoint (form 02 or not) → a DER source folder; exit 0 done, 1 deck refused, 2 usage."""
    from oqu.packaging.pipeline import verify_source
    from oqu.sources.pptx import DeckRefused, OutputNotEmpty, import_pptx

    # before the deck is read its language is unknown: say it in all three unless told
    langs: list[Lang] = [lang.value] if lang else ["kk", "ru", "en"]
    try:
        result = import_pptx(
            file,
            out,
            render_slides=not no_render,
            run_checker=not no_check,
            verify=verify_source,
            check=_check_json,  # in this process: no second interpreter, modules loaded once
            progress=None if quiet else lambda line: typer.echo(line, err=True),  # stdout: report
            progress_lang=lang.value if lang else None,
        )
    except (SourceUnreadable, OutputNotEmpty) as e:
        for one in langs:
            _print_diagnostics([e.diagnostic], one)
        raise typer.Exit(2) from None
    except DeckRefused as e:
        for one in langs:
            _print_diagnostics([e.diagnostic], one)
            typer.echo(_NOTHING_WRITTEN[one], err=True)
        raise typer.Exit(1) from None
    typer.echo(result.report)


def _check_json(folder: Path, lang: Lang) -> object:
    """``oqu check FOLDER --format json --lang LANG``, run here, parsed."""
    from oqu.check import check as run_check
    from oqu.report import render_json

    return json.loads(render_json(run_check(folder), lang))


questions_app = typer.Typer(
    help="Question banks (9.3.1): export a DER's tests, import Moodle XML, GIFT or Aiken.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(questions_app, name="questions")


class BankFormatOpt(StrEnum):
    moodle_xml = "moodle-xml"
    gift = "gift"
    aiken = "aiken"
    qti21 = "qti21"


@questions_app.command("export")
def questions_export(
    src: Annotated[Path, typer.Argument(help="DER source: a folder with der.yaml or a .md file.")],
    format: Annotated[
        BankFormatOpt, typer.Option("--format", "-f", help="Bank format.")
    ] = BankFormatOpt.moodle_xml,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: dist/<slug>.<ext>).")
    ] = None,
    lang: Annotated[
        LangOpt | None, typer.Option("--lang", help="Language of messages (default: the DER's).")
    ] = None,
) -> None:
    """Write every test of a DER as a question bank for an electronic testing system."""
    from oqu.assess.banks import EXTENSIONS, bank_of, export_bank
    from oqu.sources.der import detect_language, load

    msg_lang: Lang = lang.value if lang else detect_language(src)
    diags = Diagnostics()
    try:
        res = load(src, diags)
    except SourceUnreadable as e:
        _print_diagnostics([e.diagnostic], msg_lang)
        raise typer.Exit(2) from None
    if res is None or diags.has_errors:
        _print_diagnostics(diags, msg_lang)
        typer.echo(f"{_summary(diags, msg_lang)}. {_NOTHING_WRITTEN[msg_lang]}", err=True)
        raise typer.Exit(1)
    data = export_bank(bank_of(res), format.value, diags)
    _print_diagnostics(diags, msg_lang)
    target = out or Path("dist") / f"{res.slug or 'questions'}{EXTENSIONS[format.value]}"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    typer.echo(str(target))


@questions_app.command("import")
def questions_import(
    file: Annotated[Path, typer.Argument(help="A Moodle XML, GIFT or Aiken file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="DER source folder to create.")],
    lang: Annotated[
        LangOpt | None, typer.Option("--lang", help="Language of the DER and of messages.")
    ] = None,
) -> None:
    """Turn a question bank into a DER source folder (der.yaml + questions.md + media/)."""
    from oqu.assess.banks import read_bank, write_source

    msg_lang: Lang = lang.value if lang else "en"
    diags = Diagnostics()
    if out.exists() and any(out.iterdir()):
        typer.echo(f"{out}: not empty", err=True)
        raise typer.Exit(2)
    bank = read_bank(file, diags)
    _print_diagnostics(diags, msg_lang)
    if bank is None or diags.has_errors:
        typer.echo(f"{_summary(diags, msg_lang)}. {_NOTHING_WRITTEN[msg_lang]}", err=True)
        raise typer.Exit(1)
    for p in write_source(bank, out, lang=lang.value if lang else None):
        typer.echo(str(p))


EXAMPLES = Path("examples")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    demo: Annotated[bool, typer.Option(help="Load the demo data into an empty database.")] = True,
    worker: Annotated[bool, typer.Option(help="Run a background-job worker beside it.")] = True,
    examples: Annotated[Path, typer.Option(help="Where the demo's example DERs are.")] = EXAMPLES,
    debug: Annotated[
        bool, typer.Option(help="Django's DEBUG (tracebacks, URL lists): development only.")
    ] = False,
) -> None:
    """The portal on http://127.0.0.1:8000: migrate, demo data on first start, web + worker."""
    from oqu.portal.serve import serve as run

    raise typer.Exit(run(host, port, demo=demo, worker=worker, examples=examples, debug=debug))


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def portal(ctx: typer.Context) -> None:
    """Django management commands of the portal: `oqu portal migrate`, `oqu portal db_worker`…"""
    from oqu.portal.serve import manage

    manage(list(ctx.args))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
