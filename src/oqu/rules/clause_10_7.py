# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""10.7 — the DER conforms to SCORM, so it can be placed on the platform (Moodle).

For a package, ``oqu.sources.scorm`` opens it and records what it found in
:class:`~oqu.model.subject.PackageFacts`; this rule turns that into findings. An Oqu source is
conformant by construction: ``oqu build`` writes SCORM 1.2 and 2004 manifests that the test
suite validates against the official XSDs — the rule says so as an info finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from oqu.diagnostics import Diagnostic, Location
from oqu.model.subject import Subject
from oqu.rules.base import finding, msg, t

ID = "10.7"
SEVERITY = "error"
NEEDS: tuple[str, ...] = ()
TITLE = t("SCORM сәйкестігі", "Соответствие SCORM", "SCORM conformance")
MESSAGES = {
    "source": msg("info",
        t("Бастапқы мәтін: SCORM пакетін «oqu build» жасайды (1.2 және 2004, XSD бойынша тексерілген)",
          "Исходник: пакет SCORM создаёт «oqu build» (1.2 и 2004, проверены по XSD)",
          "A source: 'oqu build' makes its SCORM packages (1.2 and 2004, validated against the XSDs)")),
    "summary": msg("info",
        t("SCORM {version} пакеті, құрал: {tool}; {files} файл, {size:num} МБ; іске қосу: {launch}",
          "Пакет SCORM {version}, инструмент: {tool}; {files} {files:p|файл|файла|файлов}, {size:num} МБ; запуск: {launch}",
          "SCORM {version} package made with {tool}; {files} {files:p|file|files}, {size:num} MB; launch: {launch}")),
    "web": msg("info",
        t("Веб-жариялым (HTML5, SCORM манифесі жоқ), құрал: {tool}; {files} файл, {size:num} МБ; іске қосу: {launch}",
          "Веб-публикация (HTML5, без манифеста SCORM), инструмент: {tool}; {files} {files:p|файл|файла|файлов}, {size:num} МБ; запуск: {launch}",
          "Web publish (HTML5, no SCORM manifest) made with {tool}; {files} {files:p|file|files}, {size:num} MB; launch: {launch}")),
    "no-manifest": msg("error",
        t("Пакет түбірінде imsmanifest.xml жоқ", "В корне пакета нет imsmanifest.xml",
          "There is no imsmanifest.xml at the package root"),
        t("Пакетті авторлық құралдан «SCORM 1.2» ретінде қайта жариялаңыз (қалтаны емес, мазмұнын zip-теңіз).",
          "Опубликуйте пакет заново как «SCORM 1.2» (архивируйте содержимое папки, а не саму папку).",
          "Publish again as 'SCORM 1.2' (zip the folder's contents, not the folder).")),
    "xml": msg("error",
        t("imsmanifest.xml оқылмады: {problem}", "imsmanifest.xml не читается: {problem}",
          "imsmanifest.xml cannot be read: {problem}"),
        t("Манифест дұрыс XML болуы керек (DTD мен сыртқы нысандарсыз).",
          "Манифест должен быть корректным XML (без DTD и внешних сущностей).",
          "The manifest must be well-formed XML (no DTD, no external entities).")),
    "version": msg("error",
        t("SCORM нұсқасы анықталмады (schemaversion: «{found}»)",
          "Не удалось определить версию SCORM (schemaversion: «{found}»)",
          "The SCORM version could not be determined (schemaversion: '{found}')"),
        t("Moodle үшін SCORM 1.2 немесе 2004 қолданыңыз.", "Для Moodle используйте SCORM 1.2 или 2004.",
          "Use SCORM 1.2 or 2004 for Moodle.")),
    "schema": msg("error",
        t("Манифест SCORM {version} XSD сұлбасына сәйкес емес: {problem}",
          "Манифест не соответствует XSD SCORM {version}: {problem}",
          "The manifest does not validate against the SCORM {version} XSDs: {problem}"),
        t("Авторлық құралдың SCORM экспортын жаңартыңыз немесе манифестті түзетіңіз.",
          "Обновите экспорт SCORM в инструменте или исправьте манифест.",
          "Update the tool's SCORM export or fix the manifest.")),
    "launch": msg("error",
        t("Іске қосу файлы пакетте жоқ: {target}", "Файла запуска нет в пакете: {target}",
          "The launch file is not in the package: {target}"),
        t("Манифесттегі SCO ресурсының href мәнін тексеріңіз.", "Проверьте href ресурса SCO в манифесте.",
          "Check the href of the SCO resource in the manifest.")),
    "no-sco": msg("error",
        t("Манифестте іске қосылатын ресурс (SCO) жоқ", "В манифесте нет запускаемого ресурса (SCO)",
          "The manifest has no launchable resource (SCO)"),
        t("Ұйымда href бар ресурсқа сілтейтін item болуы керек.",
          "В организации должен быть item, ссылающийся на ресурс с href.",
          "An organization item must reference a resource that has an href.")),
    "missing": msg("error",
        t("Манифестте аталған файл пакетте жоқ: {target}", "Файл из манифеста отсутствует в пакете: {target}",
          "A file the manifest lists is missing from the package: {target}"),
        t("Файлды пакетке қосыңыз немесе манифесттен алып тастаңыз.",
          "Добавьте файл в пакет или уберите его из манифеста.",
          "Add the file to the package or remove it from the manifest.")),
    "outside": msg("error",
        t("Манифест пакеттен тыс жолға сілтейді: {target}", "Манифест ссылается за пределы пакета: {target}",
          "The manifest points outside the package: {target}"),
        t("Тек пакет ішіндегі салыстырмалы жолдарды қолданыңыз.",
          "Используйте только относительные пути внутри пакета.",
          "Use only relative paths inside the package.")),
    "unlisted": msg("info",
        t("Манифестте аталмаған файлдар: {count} (мысалы, {examples})",
          "Файлы, не указанные в манифесте: {count} (например, {examples})",
          "Files the manifest does not list: {count} (e.g. {examples})"),
        t("SCORM барлық файлдарды <file> ретінде тізуді ұсынады; Moodle бұған қарамайды.",
          "SCORM рекомендует перечислять все файлы в <file>; Moodle это не требует.",
          "SCORM recommends listing every file as <file>; Moodle does not require it.")),
    "encoding": msg("error",
        t("imsmanifest.xml кодтауы дұрыс емес: {problem}", "Неверная кодировка imsmanifest.xml: {problem}",
          "imsmanifest.xml is not in the encoding it declares: {problem}"),
        t("Манифестті UTF-8 ретінде сақтаңыз.", "Сохраните манифест в UTF-8.", "Save the manifest as UTF-8.")),
    "scorm2004-moodle": msg("warning",
        t("SCORM 2004 Moodle-да жартылай ғана қолдау табады", "SCORM 2004 поддерживается Moodle лишь частично",
          "Moodle supports SCORM 2004 only in part"),
        t("Moodle үшін SCORM 1.2 нұсқасын жариялаған дұрыс.", "Для Moodle надёжнее публиковать SCORM 1.2.",
          "For Moodle, SCORM 1.2 is the safer choice.")),
    "undecodable": msg("warning",
        t("Құралдың деректер файлы оқылмады: {target} ({step}: {problem}); оған тәуелді ережелер тексерілмеді",
          "Файл данных инструмента не прочитан: {target} ({step}: {problem}); зависящие от него правила не проверены",
          "A data file of the tool could not be read: {target} ({step}: {problem}); the rules that need it are unchecked"),
        t("Пакетті авторлық құралдан қайта жариялаңыз; файл бүлінген немесе жоқ болуы мүмкін.",
          "Опубликуйте пакет заново; файл может быть повреждён или отсутствовать.",
          "Publish the package again; the file may be damaged or missing.")),
}  # fmt: skip


def check(subject: Subject) -> Iterator[Diagnostic]:
    pkg = subject.package
    if pkg is None:
        yield finding(ID, "source", subject.location)
        return
    web = bool(pkg.launch) and not pkg.version and any(p[0] == "no-manifest" for p in pkg.problems)
    version = {} if web else {"version": pkg.version or "?"}
    yield finding(
        ID,
        "web" if web else "summary",
        subject.location,
        **version,
        tool=pkg.tool or "?",
        files=pkg.files,
        size=f"{pkg.size / 1_000_000:.1f}",
        launch=pkg.launch or "-",
    )
    for variant, where, args in pkg.problems:
        yield finding(
            ID, variant, Location(f"{subject.name}!{where}" if where else subject.name), **args
        )
