"""One diagnostic type for sources, rules and build.

A :class:`Diagnostic` is what the author sees when something is wrong: a stable code, a
severity, where (file, line, column, and the dotted path in the model when there is one), and a
message and hint in Kazakh, Russian or English. Stages *collect* diagnostics into a
:class:`Diagnostics` list instead of raising; the pipeline stops between stages when the list
holds an error.

The messages live in :data:`CATALOGUE`, one entry per code, each with the three languages.
``docs/diagnostics/`` has a page per code.

Exceptions are only for "cannot continue" and form this tree::

    OquError
    └── SourceUnreadable   the SRC path itself cannot be read (CLI exit code 2)
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from oqu import numerals

Lang = Literal["kk", "ru", "en"]
Severity = Literal["error", "warning", "info"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")


class OquError(Exception):
    """Base of the exceptions the library raises when it cannot continue."""


class SourceUnreadable(OquError):
    """The path given as a source does not exist or is not a DER source at all."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class Text:
    """A message in the three languages; ``{name}`` fields are filled from the arguments."""

    kk: str
    ru: str
    en: str

    def get(self, lang: Lang) -> str:
        return str(getattr(self, lang))


@dataclass(frozen=True, slots=True)
class Entry:
    severity: Severity
    message: Text
    hint: Text | None = None


class _Formatter(string.Formatter):
    """``str.format`` that leaves unknown fields visible instead of raising, and knows Oqu's
    specs: ``{n:p|one|few|many}`` (the word for a count) and ``{x:num}`` (a number), by CLDR."""

    def __init__(self, lang: Lang = "en") -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        special = numerals.format_spec(value, format_spec, self.lang)
        return special if special is not None else str(super().format_field(value, format_spec))

    def get_value(self, key: int | str, args: object, kwargs: dict[str, object]) -> object:  # type: ignore[override]
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)  # type: ignore[arg-type]


_FMTS: dict[Lang, _Formatter] = {lang: _Formatter(lang) for lang in ("kk", "ru", "en")}


@dataclass(frozen=True, slots=True)
class Location:
    file: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        out = self.file or "<source>"
        if self.line:
            out += f":{self.line}"
            if self.column:
                out += f":{self.column}"
        return out


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    location: Location = field(default_factory=Location)
    args: tuple[tuple[str, str | Text], ...] = ()
    path: str = ""  # dotted path in the model, e.g. "authors[0].email"
    severity_override: Severity | None = None
    variant: str = ""  # which of a rule's messages (rules register theirs: register_rule)

    @property
    def entry(self) -> Entry:
        if self.variant and self.code in VARIANTS:
            return VARIANTS[self.code][self.variant]
        if self.variant or self.code not in CATALOGUE:
            return RULE_MESSAGES[self.code][self.variant]
        return CATALOGUE[self.code]

    @property
    def severity(self) -> Severity:
        return self.severity_override or self.entry.severity

    def _args(self, lang: Lang) -> dict[str, str]:
        return {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.args}

    def message(self, lang: Lang = "en") -> str:
        return _FMTS[lang].format(self.entry.message.get(lang), **self._args(lang))

    def hint(self, lang: Lang = "en") -> str:
        h = self.entry.hint
        return _FMTS[lang].format(h.get(lang), **self._args(lang)).strip() if h else ""

    def format(self, lang: Lang = "en") -> str:
        """``path:line:col: OQ104 error: message`` and, indented, the hint."""
        out = f"{self.location}: {self.code} {self.severity}: {self.message(lang)}"
        if self.path:
            out += f" [{self.path}]"
        hint = self.hint(lang)
        if hint:
            out += f"\n    {_HINT_WORD[lang]}: {hint}"
        return out


_HINT_WORD: dict[Lang, str] = {"kk": "кеңес", "ru": "подсказка", "en": "hint"}


def diag(
    code: str,
    file: str | Path = "",
    line: int = 0,
    column: int = 0,
    *,
    path: str = "",
    severity: Severity | None = None,
    variant: str = "",
    **args: object,
) -> Diagnostic:
    """A catalogue diagnostic; ``variant`` picks one of the code's :data:`VARIANTS`."""
    if code not in CATALOGUE or (variant and variant not in VARIANTS.get(code, {})):
        raise KeyError(f"unknown diagnostic code {code} {variant}".strip())
    return Diagnostic(
        code=code,
        location=Location(str(file), line, column),
        args=tuple(sorted((k, v if isinstance(v, Text) else str(v)) for k, v in args.items())),
        path=path,
        severity_override=severity,
        variant=variant,
    )


def near(word: str, choices: list[str]) -> dict[str, str]:
    """``allowed`` for a message listing ``choices``, and "did you mean" when one is close.

    Spread into :func:`diag` for a code with a ``near`` variant: ``diag("OQ110", …,
    kind=k, **near(k, kinds))``.
    """
    import difflib

    out = {"allowed": ", ".join(choices)}
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.7) if word else []
    if found:
        out.update(variant="near", near=found[0])
    return out


class Diagnostics:
    """An ordered collection stages append to; the pipeline stops when it has errors."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def add(self, d: Diagnostic) -> None:
        self._items.append(d)

    def extend(self, ds: Diagnostics | list[Diagnostic]) -> None:
        self._items.extend(ds)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self._items, key=_order))

    def __len__(self) -> int:
        return len(self._items)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self._items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == "error"]

    def codes(self) -> list[str]:
        return [d.code for d in self]


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.location.file, d.location.line, d.location.column, d.code)


# Compliance rules (oqu.rules) register their messages here, keyed by the rule id (the clause,
# e.g. "10.1.4") and a variant name ("" for the rule's main message). A rule's finding is a
# Diagnostic whose code is the rule id; docs/checker.md documents every rule and message.
RULE_MESSAGES: dict[str, dict[str, Entry]] = {}


def register_rule(rule_id: str, messages: dict[str, Entry]) -> None:
    if rule_id in CATALOGUE:
        raise KeyError(f"rule id {rule_id} clashes with a diagnostic code")
    RULE_MESSAGES.setdefault(rule_id, {}).update(messages)


# What a rule module uses to say its messages and findings (re-exported by oqu.rules.base); here,
# below the rules, so that a module with one rule of its own (oqu.smoke, and its child process)
# does not import every rule of oqu.rules to say it.
def t(kk: str, ru: str, en: str) -> Text:
    return Text(kk, ru, en)


def msg(severity: Severity, message: Text, hint: Text | None = None) -> Entry:
    return Entry(severity, message, hint)


def finding(
    rule_id: str,
    variant: str = "",
    location: Location | None = None,
    *,
    path: str = "",
    **args: object,
) -> Diagnostic:
    """A rule's finding; ``variant`` picks one of the rule's MESSAGES."""
    return Diagnostic(
        code=rule_id,
        location=location or Location(),
        args=tuple(sorted((k, v if isinstance(v, Text) else str(v)) for k, v in args.items())),
        path=path,
        variant=variant,
    )


# fmt: off
CATALOGUE: dict[str, Entry] = {
    # --- reading the source (OQ10x) ---
    "OQ100": Entry("error",
        t("Дереккөз табылмады немесе оқылмайды: {path}",
           "Источник не найден или не читается: {path}",
           "Source not found or not readable: {path}"),
        t("Markdown файлын немесе der.yaml бар қалтаны көрсетіңіз.",
           "Укажите файл Markdown или папку с der.yaml.",
           "Give a Markdown file or a folder that contains der.yaml.")),
    "OQ101": Entry("error",
        t("Файл UTF-8 кодтауында емес (байт {offset})",
           "Файл не в кодировке UTF-8 (байт {offset})",
           "The file is not UTF-8 text (byte {offset})"),
        t("Файлды UTF-8 ретінде сақтаңыз (редакторда: «Сақтау кодтауы — UTF-8»).",
           "Сохраните файл в UTF-8 (в редакторе: «Кодировка — UTF-8»).",
           "Save the file as UTF-8 (in your editor: 'Encoding — UTF-8').")),
    "OQ102": Entry("error",
        t("YAML синтаксис қатесі: {problem}",
           "Синтаксическая ошибка YAML: {problem}",
           "YAML syntax error: {problem}"),
        t("Шегіністерді және «:» белгісінен кейінгі бос орынды тексеріңіз.",
           "Проверьте отступы и пробел после «:».",
           "Check the indentation and the space after ':'.")),
    "OQ103": Entry("error",
        t("Белгісіз өріс «{field}»",
           "Неизвестное поле «{field}»",
           "Unknown field '{field}'"),
        t("Рұқсат етілген өрістер: {allowed}.",
           "Допустимые поля: {allowed}.",
           "Allowed fields: {allowed}.")),
    "OQ104": Entry("error",
        t("Міндетті өріс жоқ: «{field}»",
           "Нет обязательного поля «{field}»",
           "Missing required field '{field}'"),
        t("docs/format.md құжатында өрістің сипаттамасын қараңыз.",
           "Описание поля — в docs/format.md.",
           "See the field's description in docs/format.md.")),
    "OQ105": Entry("error",
        t("«{field}» өрісінің мәні дұрыс емес: {problem}",
           "Неверное значение поля «{field}»: {problem}",
           "Invalid value for '{field}': {problem}"),
        t("«{field}» өрісінің сипаттамасы docs/format.md құжатында.",
           "Описание поля «{field}» — в docs/format.md.",
           "See the description of '{field}' in docs/format.md.")),
    "OQ106": Entry("error",
        t("Жол дереккөз қалтасынан тыс шығады: {target}",
           "Путь выходит за пределы папки источника: {target}",
           "The path leaves the source folder: {target}"),
        t("Файлды дереккөз қалтасына (мысалы, media/) көшіріп, салыстырмалы жолды жазыңыз.",
           "Скопируйте файл в папку источника (например, media/) и укажите относительный путь.",
           "Copy the file into the source folder (e.g. media/) and use a relative path.")),
    "OQ107": Entry("error",
        t("Медиафайл табылмады: {target}",
           "Медиафайл не найден: {target}",
           "Media file not found: {target}"),
        t("Файл атауын және қалтасын тексеріңіз (бас/кіші әріптер маңызды).",
           "Проверьте имя файла и папку (регистр букв важен).",
           "Check the file name and folder (letter case matters).")),
    "OQ108": Entry("error",
        t("«{target}» файлы {expected} емес немесе бүлінген ({problem})",
           "Файл «{target}» не является {expected} или повреждён ({problem})",
           "'{target}' is not a valid {expected} file or is damaged ({problem})"),
        t("Файлды қайта экспорттаңыз; кеңейтім мазмұнға сәйкес болуы керек.",
           "Экспортируйте файл заново; расширение должно соответствовать содержимому.",
           "Export the file again; its extension must match its content.")),
    "OQ109": Entry("error",
        t("Сурет тым үлкен: {pixels} мегапиксель (шегі {limit})",
           "Изображение слишком велико: {pixels} мегапикселей (предел {limit})",
           "Image too large: {pixels} megapixels (limit {limit})"),
        t("Суретті 4000 пиксельге дейін кішірейтіңіз — экранда айырмашылық болмайды.",
           "Уменьшите изображение до 4000 пикселей по длинной стороне — на экране разницы не будет.",
           "Scale the image down to 4000 pixels on its long side; on screen it looks the same.")),
    "OQ110": Entry("error",
        t("Белгісіз блок түрі «:::{kind}»",
           "Неизвестный тип блока «:::{kind}»",
           "Unknown block kind ':::{kind}'"),
        t("Блок түрлері: {allowed}.",
           "Типы блоков: {allowed}.",
           "Block kinds: {allowed}.")),
    "OQ111": Entry("error",
        t("«{kind}» блогы толық емес: {problem}",
           "Блок «{kind}» неполон: {problem}",
           "The '{kind}' block is incomplete: {problem}"),
        t("{expected}", "{expected}", "{expected}")),
    "OQ112": Entry("error",
        t("«{kind}» блогының белгісіз параметрі «{attr}»",
           "Неизвестный параметр «{attr}» блока «{kind}»",
           "Unknown option '{attr}' on the '{kind}' block"),
        t("Параметрлер: {allowed}.",
           "Параметры: {allowed}.",
           "Options: {allowed}.")),
    "OQ113": Entry("error",
        t("Ішкі сілтеме ештеңеге апармайды: #{target}",
           "Внутренняя ссылка никуда не ведёт: #{target}",
           "Internal link goes nowhere: #{target}"),
        t("Бар идентификаторлар: слайд тақырыбындағы {{#id}} немесе глоссарий терминдері.",
           "Существующие идентификаторы: {{#id}} у заголовка слайда или термины глоссария.",
           "Link to a slide id ({{#id}} on its heading) or a glossary term.")),
    "OQ114": Entry("error",
        t("«{id}» идентификаторы екі рет қолданылған (алғашқысы {first})",
           "Идентификатор «{id}» использован дважды (впервые: {first})",
           "The id '{id}' is used twice (first at {first})"),
        t("Әр слайдқа, модульге және сұраққа бірегей id беріңіз.",
           "Дайте каждому слайду, модулю и вопросу уникальный id.",
           "Give each slide, module and question a unique id.")),
    "OQ115": Entry("error",
        t("Модуль файлы табылмады: {target}",
           "Файл модуля не найден: {target}",
           "Module file not found: {target}"),
        t("der.yaml ішіндегі modules[].file жолын тексеріңіз.",
           "Проверьте путь modules[].file в der.yaml.",
           "Check modules[].file in der.yaml.")),
    "OQ116": Entry("error",
        t("Слайдтан тыс мазмұн: «## Слайд тақырыбы» жолынан бұрын мәтін бар",
           "Содержимое вне слайда: текст стоит до строки «## Заголовок слайда»",
           "Content outside a slide: text comes before any '## Slide title' line"),
        t("Мәтіннің алдына «## Тақырып» жолын қосыңыз.",
           "Добавьте перед текстом строку «## Заголовок».",
           "Add a '## Title' line before the text.")),
    "OQ117": Entry("warning",
        t("«{target}» файлы үлкен: {size:num} МБ (ұсынылатын шек {limit} МБ)",
           "Файл «{target}» велик: {size:num} МБ (рекомендуемый предел {limit} МБ)",
           "'{target}' is large: {size:num} MB (recommended limit {limit} MB)"),
        t("Баяу интернеті бар студенттер үшін файлды сығыңыз.",
           "Сожмите файл для студентов с медленным интернетом.",
           "Compress the file for students on slow connections.")),
    "OQ118": Entry("error",
        t("LaTeX формуласы оқылмады: {problem}",
           "Не удалось разобрать формулу LaTeX: {problem}",
           "The LaTeX formula could not be read: {problem}"),
        t("Жақшалардың жұбын және команда атауларын тексеріңіз.",
           "Проверьте парность скобок и имена команд.",
           "Check that braces pair up and commands are spelled right.")),
    "OQ119": Entry("error",
        t("Ресурста бірде-бір слайд жоқ",
           "В ресурсе нет ни одного слайда",
           "The resource has no slides"),
        t("«## Слайд тақырыбы» жолдарымен слайдтар қосыңыз.",
           "Добавьте слайды строками «## Заголовок слайда».",
           "Add slides with '## Slide title' lines.")),
    "OQ120": Entry("error",
        t("Сұрақтың дұрыс жауабы көрсетілмеген",
           "У вопроса не указан правильный ответ",
           "The question has no correct answer"),
        t("{expected}", "{expected}", "{expected}")),
    "OQ121": Entry("error",
        t("Жауап нұсқасы қайталанады: «{option}»",
           "Вариант ответа повторяется: «{option}»",
           "Duplicate answer option: '{option}'"),
        t("Әр нұсқа бір рет қана жазылады.",
           "Каждый вариант указывается один раз.",
           "List each option once.")),
    "OQ122": Entry("error",
        t("Сәйкестендіру сұрағының бір жағы бос: {problem}",
           "У вопроса на сопоставление пуста одна сторона: {problem}",
           "A side of the matching question is empty: {problem}"),
        t("Әр жолды «- сол жақ -> оң жақ» түрінде жазыңыз.",
           "Записывайте строки как «- левая часть -> правая часть».",
           "Write each pair as '- left -> right'.")),
    "OQ123": Entry("error",
        t("Сандық жауап дұрыс емес: «{value}» ({problem})",
           "Неверный числовой ответ: «{value}» ({problem})",
           "Invalid numeric answer: '{value}' ({problem})"),
        t("Мысалдар: «- 72», «- 72 ± 2», «- 70..75». Ауытқу теріс болмайды.",
           "Примеры: «- 72», «- 72 ± 2», «- 70..75». Допуск не бывает отрицательным.",
           "Examples: '- 72', '- 72 ± 2', '- 70..75'. A tolerance cannot be negative.")),
    "OQ124": Entry("error",
        t("Формула есептелмейді: {problem}",
           "Формула не вычисляется: {problem}",
           "The formula cannot be computed: {problem}"),
        t("Айнымалылардың ауқымын тексеріңіз (нөлге бөлу, теріс санның түбірі).",
           "Проверьте диапазоны переменных (деление на ноль, корень из отрицательного).",
           "Check the variables' ranges (division by zero, root of a negative).")),
    "OQ125": Entry("error",
        t("Тест {draw} сұрақ алуы керек, бірақ банкте тек {count} сұрақ бар",
           "Тест должен выбрать {draw} {draw:p|вопрос|вопроса|вопросов}, а в банке только {count}",
           "The test draws {draw} {draw:p|question|questions} but its bank has only {count}"),
        t("draw мәнін азайтыңыз немесе сұрақ қосыңыз.",
           "Уменьшите draw или добавьте вопросы.",
           "Lower draw or add questions.")),
    "OQ126": Entry("error",
        t("Белгісіз сұрақ түрі «{kind}»",
           "Неизвестный тип вопроса «{kind}»",
           "Unknown question type '{kind}'"),
        t("Түрлері: {allowed}.", "Типы: {allowed}.", "Types: {allowed}.")),
    "OQ127": Entry("error",
        t("Тестте сұрақ жоқ",
           "В тесте нет вопросов",
           "The test has no questions"),
        t("Әр сұрақты «### Сұрақ мәтіні» жолынан бастаңыз.",
           "Начинайте каждый вопрос строкой «### Текст вопроса».",
           "Start each question with a '### Question text' line.")),
    "OQ128": Entry("error",
        t("YAML якорі мен сілтемесіне ({what}) DER бастапқы файлында рұқсат жоқ",
           "Якоря и ссылки YAML ({what}) в исходнике ЭОР не допускаются",
           "YAML anchors and aliases ({what}) are not allowed in a DER source"),
        t("Мәнді қайталап жазыңыз: якорьлар ешқашан қажет емес, ал олармен бірнеше жолдан гигабайт жасауға болады.",
           "Повторите значение явно: якоря здесь не нужны, а с ними несколько строк разворачиваются в гигабайты.",
           "Write the value out again: anchors are never needed here, and a few lines of them can expand to gigabytes.")),
    "OQ130": Entry("error",
        t("--select «{select}» түрінде емес, KEY=VALUE болуы керек",
           "--select «{select}»: ожидается KEY=VALUE",
           "--select '{select}' is not of the form KEY=VALUE"),
        t("Мысалы: --select audience=evening", "Например: --select audience=evening",
           "For example: --select audience=evening")),
    "OQ131": Entry("error",
        t("--select {select} таңдауынан кейін бірде-бір бөлім қалмады",
           "После --select {select} не осталось ни одного раздела",
           "No unit is left after --select {select}"),
        t("Бөлімдердің тегтерін тексеріңіз: {tags}.", "Проверьте теги разделов: {tags}.",
           "Check the units' tags: {tags}.")),
    "OQ132": Entry("error",
        t("Бос модуль: «{title}» ішінде бірде-бір слайд жоқ",
           "Пустой модуль: в «{title}» нет ни одного слайда",
           "Empty module: '{title}' has no slides"),
        t("Модульге «## Слайд» қосыңыз немесе оны der.yaml ішінен алып тастаңыз.",
           "Добавьте в модуль «## Слайд» или уберите его из der.yaml.",
           "Add a '## Slide' to the module or remove it from der.yaml.")),
    "OQ140": Entry("error",
        t("Силлабусты оқу мүмкін емес: {reason}",
           "Силлабус не читается: {reason}",
           "The syllabus cannot be read: {reason}"),
        t("Силлабусты DOCX, мәтіні бар PDF немесе UTF-8 мәтін ретінде қайта сақтаңыз.",
           "Сохраните силлабус заново как DOCX, PDF с текстом или текст UTF-8.",
           "Save the syllabus again as DOCX, a PDF with text, or UTF-8 text.")),
    # --- checker: packages made elsewhere (OQ2xx) — insert entries below this line ---
    "OQ200": Entry("error",
        t("Пакет zip мұрағаты емес немесе бүлінген: {problem}",
           "Пакет не является zip-архивом или повреждён: {problem}",
           "The package is not a zip archive or is damaged: {problem}"),
        t("SCORM пакетін авторлық құралдан қайта жариялап, толық жүктеп алыңыз.",
           "Опубликуйте пакет SCORM заново и скачайте его полностью.",
           "Publish the SCORM package again and download it completely.")),
    "OQ201": Entry("error",
        t("Пакет шифрланған (құпия сөзбен қорғалған): {target}",
           "Пакет зашифрован (защищён паролем): {target}",
           "The package is encrypted (password-protected): {target}"),
        t("Пакетті құпия сөзсіз zip ретінде жариялаңыз — LMS шифрланған пакетті ашпайды.",
           "Опубликуйте пакет как zip без пароля — LMS не открывает зашифрованные пакеты.",
           "Publish the package as a zip without a password; an LMS cannot open encrypted ones.")),
    "OQ202": Entry("error",
        t("Пакет тексеру шектерінен асады: {problem}",
           "Пакет превышает пределы проверки: {problem}",
           "The package exceeds the checker's limits: {problem}"),
        t("Бұл zip-бомба болуы мүмкін. Шын пакет болса, медианы сығып, бөліктерге бөліңіз.",
           "Это может быть zip-бомба. Если пакет настоящий, сожмите медиа и разделите его на части.",
           "This may be a zip bomb. If the package is genuine, compress its media and split it.")),
    "OQ203": Entry("error",
        t("Пакетте қауіпті жол бар: {target}",
           "В пакете небезопасный путь: {target}",
           "The package holds an unsafe path: {target}"),
        t("«..», абсолютті жолдар мен символдық сілтемелер пакеттен тыс жерге жазады; пакетті қайта жариялаңыз.",
           "«..», абсолютные пути и символические ссылки ведут за пределы пакета; опубликуйте его заново.",
           "'..', absolute paths and symbolic links reach outside the package; publish it again.")),
    # --- PowerPoint import (OQ3xx) — insert entries below this line ---
    "OQ300": Entry("error",
        t("«{deck}» PowerPoint презентациясы (PPTX) емес: {problem}",
           "«{deck}» не является презентацией PowerPoint (PPTX): {problem}",
           "'{deck}' is not a PowerPoint presentation (PPTX): {problem}"),
        t("PowerPoint, LibreOffice Impress немесе Google Slides ішінде .pptx ретінде сақтаңыз.",
           "Сохраните файл как .pptx в PowerPoint, LibreOffice Impress или Google Slides.",
           "Save the file as .pptx from PowerPoint, LibreOffice Impress or Google Slides.")),
    "OQ301": Entry("error",
        t("Презентация құпиясөзбен қорғалған",
           "Презентация защищена паролем",
           "The presentation is password-protected"),
        t("PowerPoint-та: Файл → Мәліметтер → Презентацияны қорғау → Құпиясөзбен шифрлау, құпиясөзді өшіріп, қайта сақтаңыз.",
           "В PowerPoint: Файл → Сведения → Защита презентации → Зашифровать с паролем, удалите пароль и сохраните заново.",
           "In PowerPoint: File → Info → Protect Presentation → Encrypt with Password, clear the password and save again.")),
    "OQ302": Entry("error",
        t("«{deck}» — ескі PowerPoint .ppt пішіміндегі файл",
           "«{deck}» — файл старого формата PowerPoint .ppt",
           "'{deck}' is an old PowerPoint .ppt file"),
        t("LibreOffice арқылы түрлендіріңіз: soffice --headless --convert-to pptx deck.ppt (немесе PowerPoint-та .pptx ретінде сақтаңыз).",
           "Преобразуйте его в LibreOffice: soffice --headless --convert-to pptx deck.ppt (или сохраните как .pptx в PowerPoint).",
           "Convert it with LibreOffice: soffice --headless --convert-to pptx deck.ppt (or save it as .pptx in PowerPoint).")),
    "OQ303": Entry("error",
        t("Презентация бүлінген: {problem}",
           "Презентация повреждена: {problem}",
           "The presentation is damaged: {problem}"),
        t("Файлды PowerPoint немесе LibreOffice-та ашып, қайта сақтаңыз; болмаса бастапқы көшірмесін алыңыз.",
           "Откройте файл в PowerPoint или LibreOffice и сохраните заново, либо возьмите исходную копию.",
           "Open the file in PowerPoint or LibreOffice and save it again, or take the original copy.")),
    "OQ304": Entry("error",
        t("Презентация тым үлкен: {size} МБ (шегі {limit} МБ)",
           "Презентация слишком велика: {size} МБ (предел {limit} МБ)",
           "The presentation is too large: {size} MB (limit {limit} MB)"),
        t("Медианы сығыңыз (PowerPoint: Файл → Мәліметтер → Медианы сығу) немесе үлкен бейнені бөлек файл ретінде қосыңыз.",
           "Сожмите мультимедиа (PowerPoint: Файл → Сведения → Сжать медиафайлы) или добавьте большое видео отдельным файлом.",
           "Compress the media (PowerPoint: File → Info → Compress Media) or add a large video as a separate file.")),
    "OQ305": Entry("error",
        t("Файл презентацияға емес, zip-бомбаға ұқсайды: {problem}",
           "Файл похож не на презентацию, а на zip-бомбу: {problem}",
           "The file looks like a zip bomb, not a presentation: {problem}"),
        t("Файлды сенімді көзден алыңыз; шынайы презентацияда мұндай сығу болмайды.",
           "Возьмите файл из надёжного источника: у настоящей презентации такого сжатия не бывает.",
           "Take the file from a trusted source: a real presentation does not compress like this.")),
    "OQ306": Entry("error",
        t("Нәтиже қалтасы бос емес: {target}",
           "Папка результата не пуста: {target}",
           "The output folder is not empty: {target}"),
        t("Жаңа немесе бос қалтаны --out арқылы көрсетіңіз.",
           "Укажите в --out новую или пустую папку.",
           "Give a new or empty folder with --out.")),
    "OQ310": Entry("warning",
        t("{slide}-слайд: компьютердегі файлға сілтеме оқылмады: {target}",
           "Слайд {slide}: ссылка на файл компьютера не прочитана: {target}",
           "Slide {slide}: a link to a file on a computer was not read: {target}"),
        t("Файлды media/ қалтасына көшіріп, сілтемені салыстырмалы жолмен жазыңыз.",
           "Скопируйте файл в папку media/ и укажите относительный путь.",
           "Copy the file into media/ and refer to it by a relative path.")),
    "OQ311": Entry("warning",
        t("{slide}-слайд: суреттің балама мәтіні жоқ: {target}",
           "Слайд {slide}: у изображения нет замещающего текста: {target}",
           "Slide {slide}: the image has no alt text: {target}"),
        t("![…] ішіне суретте не көрсетілгенін жазыңыз — көру қабілеті нашар оқушыға арналған.",
           "Напишите в ![…], что изображено, — для слабовидящих студентов.",
           "Write what the image shows inside ![…], for learners who cannot see it.")),
    "OQ312": Entry("warning",
        t("Титул слайдында «{field}» табылмады: толтырғыш жазылды",
           "На титульном слайде не найдено «{field}»: записан заполнитель",
           "'{field}' was not found on the title slide: a placeholder was written"),
        t("der.yaml ішіндегі TODO мәнін нақты мәліметпен ауыстырыңыз.",
           "Замените значение TODO в der.yaml настоящими сведениями.",
           "Replace the TODO value in der.yaml with the real information.")),
    "OQ313": Entry("warning",
        t("{slide}-слайд суретке айналдырылмады: {problem}",
           "Слайд {slide} не преобразован в изображение: {problem}",
           "Slide {slide} was not rendered to an image: {problem}"),
        t("LibreOffice орнатыңыз (apt-get install libreoffice-impress-nogui) және импорттауды қайталаңыз, немесе слайдтың суретін өзіңіз қосыңыз.",
           "Установите LibreOffice (apt-get install libreoffice-impress-nogui) и повторите импорт или добавьте изображение слайда сами.",
           "Install LibreOffice (apt-get install libreoffice-impress-nogui) and import again, or add a picture of the slide yourself.")),
    "OQ314": Entry("warning",
        t("{slide}-слайд: «{target}» пішімін ойнатқыш көрсете алмайды",
           "Слайд {slide}: формат «{target}» проигрыватель показать не может",
           "Slide {slide}: the player cannot show the format of '{target}'"),
        t("Файл media/ ішінде сақталды; оны MP4/MP3/PNG пішіміне түрлендіріп (мысалы, ffmpeg), слайдқа қосыңыз.",
           "Файл сохранён в media/; преобразуйте его в MP4/MP3/PNG (например, ffmpeg) и добавьте на слайд.",
           "The file is kept in media/; convert it to MP4/MP3/PNG (e.g. with ffmpeg) and add it to the slide.")),
    # --- question banks (OQ4xx) — insert entries below this line ---
    "OQ400": Entry("warning",
        t("«{id}» сұрағы ({kind}) {format} пішімінде жазылмайды; ол файлға енбеді",
           "Вопрос «{id}» ({kind}) не выражается в формате {format}; он не попал в файл",
           "Question '{id}' ({kind}) cannot be expressed in {format}; it is not in the file"),
        t("Барлық түрді сақтау үшін --format moodle-xml қолданыңыз.",
           "Чтобы сохранить все типы, используйте --format moodle-xml.",
           "Use --format moodle-xml to keep every type.")),
    "OQ401": Entry("warning",
        t("«{id}» сұрағы {format} пішімінде жуықталды: {problem}",
           "Вопрос «{id}» в формате {format} передан приближённо: {problem}",
           "Question '{id}' is approximated in {format}: {problem}"),
        t("Импорттан кейін сұрақты тексеріңіз.",
           "Проверьте вопрос после импорта.",
           "Check the question after importing it.")),
    "OQ402": Entry("error",
        t("Сұрақтар банкі оқылмады: {problem}",
           "Не удалось прочитать банк вопросов: {problem}",
           "The question bank cannot be read: {problem}"),
        t("Көрсетілген жолды {format} пішімінің құжаттамасымен салыстырыңыз.",
           "Сверьте указанную строку с документацией формата {format}.",
           "Compare the line with the documentation of the {format} format.")),
    "OQ403": Entry("warning",
        t("«{id}» сұрағы өткізілді: {kind} түрі қолдау таппайды",
           "Вопрос «{id}» пропущен: тип {kind} не поддерживается",
           "Question '{id}' skipped: type {kind} is not supported"),
        t("Сұрақты Oqu-да қолмен қайта жасаңыз.",
           "Создайте этот вопрос в Oqu вручную.",
           "Recreate the question in Oqu by hand.")),
}
# fmt: on


# Catalogue codes whose mistake has several, more precise, messages: OQ102's variants retell
# PyYAML's syntax errors in a lecturer's words (oqu.sources.yamlerrors picks the variant).
# fmt: off
VARIANTS: dict[str, dict[str, Entry]] = {
    "OQ103": {  # an unknown key close to a known one: "did you mean"
        "near": Entry("error",
            t("Белгісіз өріс «{field}» — «{near}» деп жазғыңыз келді ме?",
               "Неизвестное поле «{field}» — может быть, «{near}»?",
               "Unknown field '{field}' — did you mean '{near}'?"),
            t("«{field}» атауын «{near}» деп түзетіңіз.",
               "Исправьте «{field}» на «{near}».",
               "Rename '{field}' to '{near}'.")),
        "misspelt_required": Entry("error",
            t("Белгісіз өріс «{field}» және міндетті «{near}» өрісі жоқ — бұл бір қате: "
               "«{near}» қате жазылған",
               "Неизвестное поле «{field}» и нет обязательного «{near}» — это одна ошибка: "
               "«{near}» написано с опечаткой",
               "Unknown field '{field}' and the required '{near}' is missing — one mistake: "
               "'{near}' is misspelt"),
            t("«{field}» атауын «{near}» деп түзетіңіз.",
               "Исправьте «{field}» на «{near}».",
               "Rename '{field}' to '{near}'.")),
    },
    "OQ111": {  # a block whose closing ':::' is missing swallows the next slides
        "runs_over": Entry("error",
            t("{opened}-жолда ашылған «:::{kind}» блогы жабылмаған: ол {heading}-жолдағы "
               "«{title}» слайдын жұтып қояды",
               "Блок «:::{kind}», открытый в строке {opened}, не закрыт и поглощает слайд "
               "«{title}» из строки {heading}",
               "The ':::{kind}' block opened on line {opened} is not closed and swallows the "
               "slide '{title}' on line {heading}"),
            t("Блоктың соңына, {heading}-жолдан бұрын, жеке жолға «:::» жазыңыз.",
               "Поставьте «:::» отдельной строкой в конце блока, до строки {heading}.",
               "Put ':::' on a line of its own where the block ends, before line {heading}.")),
        # :::columns (10.1.3 text beside its picture, never over it; 10.2 ergonomic, adaptable)
        "columns_one": Entry("error",
            t("{opened}-жолдағы «:::columns» блогында бір ғана баған бар: екі бағанның "
               "арасында «+++» жолы жоқ",
               "В блоке «:::columns» из строки {opened} одна колонка: нет строки «+++» между "
               "двумя колонками",
               "The ':::columns' block opened on line {opened} has one column: the '+++' line "
               "between the two is missing"),
            t("Сол жақ пен оң жақ бағанның арасына жеке жолға «+++» жазыңыз.",
               "Поставьте «+++» отдельной строкой между левой и правой колонками.",
               "Put '+++' on a line of its own between the left column and the right one.")),
        "columns_many": Entry("error",
            t("{opened}-жолдағы «:::columns» блогында екіден көп баған бар: «+++» "
               "{lines}-жолдарда",
               "В блоке «:::columns» из строки {opened} больше двух колонок: «+++» в строках "
               "{lines}",
               "The ':::columns' block opened on line {opened} has more than two columns: "
               "'+++' on lines {lines}"),
            t("Баған тек екеу: сол және оң бағанның арасында бір «+++» жолын қалдырыңыз; "
               "көп бөлік үшін кестені немесе :::tabs қолданыңыз.",
               "Колонок только две: оставьте одну строку «+++» между левой и правой; для "
               "большего числа частей возьмите таблицу или :::tabs.",
               "Two columns only: keep one '+++' line, between the left column and the right "
               "one; for more parts use a table or :::tabs.")),
        "columns_empty_left": Entry("error",
            t("{opened}-жолдағы «:::columns» блогының сол жақ бағаны бос",
               "Левая колонка блока «:::columns» из строки {opened} пуста",
               "The left column of the ':::columns' block opened on line {opened} is empty"),
            t("Сол жақ бағанды (мәтінді) «:::columns» мен {at}-жолдағы «+++» арасына "
               "жазыңыз.",
               "Напишите левую колонку (текст) между «:::columns» и «+++» в строке {at}.",
               "Write the left column (the text) between ':::columns' and the '+++' on line "
               "{at}.")),
        "columns_empty_right": Entry("error",
            t("{opened}-жолдағы «:::columns» блогының оң жақ бағаны бос",
               "Правая колонка блока «:::columns» из строки {opened} пуста",
               "The right column of the ':::columns' block opened on line {opened} is empty"),
            t("Оң жақ бағанды (мысалы, суретті) {at}-жолдағы «+++» мен жабатын «:::» "
               "арасына жазыңыз.",
               "Напишите правую колонку (например, изображение) между «+++» в строке {at} "
               "и закрывающим «:::».",
               "Write the right column (a picture, say) between the '+++' on line {at} and "
               "the closing ':::'.")),
        "columns_unclosed": Entry("error",
            t("{opened}-жолда ашылған «:::columns» блогы жабылмаған",
               "Блок «:::columns», открытый в строке {opened}, не закрыт",
               "The ':::columns' block opened on line {opened} is not closed"),
            t("Оң жақ баған біткен жерге жеке жолға «:::» жазыңыз.",
               "Поставьте «:::» отдельной строкой там, где кончается правая колонка.",
               "Put ':::' on a line of its own where the right column ends.")),
    },
    "OQ116": {
        "heading_no_space": Entry("error",
            t("«{text}» тақырып емес: «{hashes}» белгісінен кейін бос орын керек",
               "«{text}» — не заголовок: после «{hashes}» нужен пробел",
               "'{text}' is not a heading: Markdown needs a space after '{hashes}'"),
            t("«{hashes} {rest}» деп жазыңыз.",
               "Напишите «{hashes} {rest}».",
               "Write '{hashes} {rest}'.")),
        "word_line": Entry("error",
            t("Нөмірленген тесттің жолы үлгіге сай емес: «{text}»",
               "Строка нумерованного теста не по образцу: «{text}»",
               "A line of the numbered quiz does not fit its layout: '{text}'"),
            t("Әр сұрақ жеке жолда: «1. Сұрақ?»; әр нұсқа жеке жолда: «а) нұсқа», дұрысының "
               "соңында * (немесе «Жауабы: а» жолы); әр сұраққа кемінде екі нұсқа.",
               "Каждый вопрос на своей строке: «1. Вопрос?»; каждый вариант на своей строке: "
               "«а) вариант», у правильного в конце * (или строка «Ответ: а»); у вопроса не "
               "меньше двух вариантов.",
               "Each question on a line of its own: '1. Question?'; each option on a line of "
               "its own: 'a) option', the right one ending in * (or an answer line 'Answer: a'); "
               "at least two options a question.")),
        "quiz_intro": Entry("error",
            t("Тестте бірінші сұрақтан бұрын мәтін тұр: сұрақ «### Сұрақ мәтіні» жолынан "
               "басталады",
               "В тесте текст стоит до первого вопроса: вопрос начинается строкой "
               "«### Текст вопроса»",
               "Text in the quiz before its first question: a question starts with a "
               "'### Question text' line"),
            t("Сұрақты былай жазыңыз: «### 2 + 2 = ?», астында «- [x] 4», «- [ ] 5»; немесе "
               "Word-тағыдай: «1. 2 + 2 = ?», астында «а) 4 *», «ә) 5» (дұрыс жауап — *).",
               "Пишите вопрос так: «### 2 + 2 = ?», под ним «- [x] 4», «- [ ] 5»; или как в "
               "Word: «1. 2 + 2 = ?», под ним «а) 4 *», «б) 5» (правильный ответ — *).",
               "Write a question as '### 2 + 2 = ?' with '- [x] 4', '- [ ] 5' below; or as in "
               "Word: '1. 2 + 2 = ?' with 'a) 4 *', 'b) 5' below (the right answer: *).")),
    },
    "OQ112": {
        "near": Entry("error",
            t("«{kind}» блогының белгісіз параметрі «{attr}» — «{near}» деп жазғыңыз келді ме?",
               "Неизвестный параметр «{attr}» блока «{kind}» — может быть, «{near}»?",
               "Unknown option '{attr}' on the '{kind}' block — did you mean '{near}'?"),
            t("«{attr}» орнына «{near}» жазыңыз. Параметрлер: {allowed}.",
               "Напишите «{near}» вместо «{attr}». Параметры: {allowed}.",
               "Write '{near}' instead of '{attr}'. Options: {allowed}.")),
    },
    "OQ126": {
        "near": Entry("error",
            t("Белгісіз сұрақ түрі «{kind}» — «{near}» деп жазғыңыз келді ме?",
               "Неизвестный тип вопроса «{kind}» — может быть, «{near}»?",
               "Unknown question type '{kind}' — did you mean '{near}'?"),
            t("type={near} деп жазыңыз. Түрлері: {allowed}.",
               "Напишите type={near}. Типы: {allowed}.",
               "Write type={near}. Types: {allowed}.")),
    },
    "OQ110": {
        "near": Entry("error",
            t("Белгісіз блок түрі «:::{kind}» — «:::{near}» деп жазғыңыз келді ме?",
               "Неизвестный тип блока «:::{kind}» — может быть, «:::{near}»?",
               "Unknown block kind ':::{kind}' — did you mean ':::{near}'?"),
            t("«:::{kind}» орнына «:::{near}» жазыңыз. Блок түрлері: {allowed}.",
               "Напишите «:::{near}» вместо «:::{kind}». Типы блоков: {allowed}.",
               "Write ':::{near}' instead of ':::{kind}'. Block kinds: {allowed}.")),
    },
    "OQ102": {
        "tab": Entry("error",
            t("{lineno}-жолдағы шегініс Tab белгісімен жасалған, ал YAML тек бос орынды түсінеді",
               "В строке {lineno} отступ сделан табуляцией, а YAML понимает только пробелы",
               "Line {lineno} is indented with a tab; YAML understands only spaces"),
            t("Tab белгісін бос орындармен ауыстырыңыз (әр деңгейге екі бос орын).",
               "Замените табуляцию пробелами (по два на каждый уровень).",
               "Replace the tab with spaces (two for each level).")),
        "no_space": Entry("error",
            t("{lineno}-жолда «:» белгісінен кейін бос орын жоқ: «{text}»",
               "В строке {lineno} нет пробела после «:»: «{text}»",
               "Line {lineno} has no space after ':': '{text}'"),
            t("Қос нүктеден кейін бос орын қойыңыз: «{key}: {value}».",
               "Поставьте пробел после двоеточия: «{key}: {value}».",
               "Put a space after the colon: '{key}: {value}'.")),
        "no_colon": Entry("error",
            t("{lineno}-жол «кілт: мән» түрінде емес және «- » тізім элементі де емес: «{text}»",
               "Строка {lineno} — не «ключ: значение» и не элемент списка «- »: «{text}»",
               "Line {lineno} is neither 'key: value' nor a list item '- ': '{text}'"),
            t("Егер бұл жоғарыдағы мәннің жалғасы болса, бүкіл мәнді бір жолға жазыңыз немесе "
               "тырнақшаға алыңыз; түсініктеме болса, «#» белгісінен бастаңыз; әйтпесе «кілт: "
               "мән» түрінде жазыңыз («{parent}» ішінде).",
               "Если это продолжение значения выше, запишите значение в одну строку или возьмите "
               "в кавычки; если это комментарий — начните его с «#»; иначе пишите «ключ: "
               "значение» (внутри «{parent}»).",
               "If it continues the value above, write the value on one line or in quotes; "
               "if it is a comment, start it with '#'; otherwise write 'key: value' (under "
               "'{parent}').")),
        "colon_in_value": Entry("error",
            t("{lineno}-жолда «{key}» мәнінің ішінде «: » бар — YAML оны жаңа кілт деп оқиды",
               "В строке {lineno} значение «{key}» содержит «: », и YAML читает его как новый ключ",
               "On line {lineno} the value of '{key}' contains ': ', which YAML reads as a new key"),
            t('Мәнді тырнақшаға алыңыз: {key}: "{value}"',
               'Возьмите значение в кавычки: {key}: "{value}"',
               'Put the value in quotes: {key}: "{value}"')),
        "indent_more": Entry("error",
            t("{lineno}-жолдағы «{key}» жоғарыдағы «{sibling}» жолынан ({sibling_line}-жол) "
               "артық шегіністелген",
               "«{key}» в строке {lineno} сдвинут вправо сильнее, чем «{sibling}» в строке "
               "{sibling_line}",
               "'{key}' on line {lineno} is indented more than '{sibling}' on line {sibling_line}"),
            t("«{key}» жолын «{sibling}» жолымен бір бағанадан бастаңыз («{parent}» ішінде); "
               "«{sibling}» мәні бар болса, ішкі кілтке орын жоқ.",
               "Начните «{key}» с той же колонки, что и «{sibling}» (внутри «{parent}»): у "
               "«{sibling}» уже есть значение, вложить в него ключ нельзя.",
               "Start '{key}' in the same column as '{sibling}' (under '{parent}'): "
               "'{sibling}' already has a value, so nothing can be nested under it.")),
        "indent_mismatch": Entry("error",
            t("{lineno}-жолдағы «{key}» «{parent}» ішіндегі басқа кілттермен бір бағанада емес",
               "«{key}» в строке {lineno} не выровнен с другими ключами внутри «{parent}»",
               "'{key}' on line {lineno} is not aligned with the other keys under '{parent}'"),
            t("«{key}» жолын {col}-бағанадан, {sibling_line}-жолдағы «{sibling}» астынан "
               "бастаңыз.",
               "Начните «{key}» с колонки {col}, под «{sibling}» из строки {sibling_line}.",
               "Start '{key}' in column {col}, under '{sibling}' on line {sibling_line}.")),
        "list_in_mapping": Entry("error",
            t("{lineno}-жол «- » тізім элементі, ал «{parent}» ішінде «кілт: мән» жолдары тұр",
               "Строка {lineno} — элемент списка «- », а внутри «{parent}» стоят строки "
               "«ключ: значение»",
               "Line {lineno} is a list item '- ' among the 'key: value' lines under '{parent}'"),
            t("«{parent}» ішінде не барлық жазба «- » белгісінен басталады (тізім), не "
               "бірде-біреуі басталмайды. Авторлар тізімі: «- name: …», келесі кілттер «name» "
               "астында.",
               "Внутри «{parent}» либо все записи начинаются с «- » (список), либо ни одна. "
               "Список авторов: «- name: …», остальные ключи — под «name».",
               "Under '{parent}' either every entry starts with '- ' (a list) or none does. "
               "A list of authors: '- name: …' with the other keys under 'name'.")),
        "mapping_in_list": Entry("error",
            t("{lineno}-жолдағы «{key}» — «кілт: мән», ал «{parent}» ішінде «- » тізім "
               "элементтері тұр",
               "«{key}» в строке {lineno} — «ключ: значение» среди элементов списка «- » "
               "внутри «{parent}»",
               "'{key}' on line {lineno} is a 'key: value' among the list items '- ' under "
               "'{parent}'"),
            t("Жаңа элемент болса, «- » белгісін қосыңыз; жоғарыдағы элементтің бөлігі болса, "
               "оның кілттерімен бір бағанаға жылжытыңыз.",
               "Если это новый элемент, добавьте «- »; если часть элемента выше — выровняйте "
               "с его ключами.",
               "If it is a new item, add '- '; if it belongs to the item above, align it with "
               "that item's keys.")),
        "unclosed_quote": Entry("error",
            t("{lineno}-жолда ашылған {quote} тырнақшасы жабылмаған («{key}»)",
               "Кавычка {quote}, открытая в строке {lineno}, не закрыта («{key}»)",
               "The quote {quote} opened on line {lineno} is never closed ('{key}')"),
            t("Мәннің соңына {quote} қойыңыз; мәннің ішіндегі тырнақшаларды «…» түрінде "
               "жазыңыз.",
               "Поставьте {quote} в конце значения; кавычки внутри значения пишите как «…».",
               "Put {quote} at the end of the value; write quotes inside the value as «…».")),
        "quote_inside": Entry("error",
            t("{lineno}-жолда «{key}» мәнінің ішінде тағы {quote} тырнақшасы тұр — мән сол "
               "жерде аяқталады",
               "В строке {lineno} внутри значения «{key}» снова стоит кавычка {quote} — на ней "
               "значение заканчивается",
               "On line {lineno} the value of '{key}' has another {quote} inside it, which ends "
               "the value there"),
            t("Ішкі тырнақшаларды «…» түрінде жазыңыз: {key}: \"Нан «өнімдері» "
               "технологиясы\".",
               "Внутренние кавычки пишите как «…»: {key}: \"Технология «хлебных» изделий\".",
               "Write the inner quotes as «…»: {key}: \"Technology of «bakery» products\".")),
        "dash_no_space": Entry("error",
            t("{lineno}-жолда «-» белгісінен кейін бос орын жоқ: «{text}»",
               "В строке {lineno} нет пробела после «-»: «{text}»",
               "Line {lineno} has no space after '-': '{text}'"),
            t("Тізім элементі «- » деп басталады: «-» белгісінен кейін бос орын қойыңыз.",
               "Элемент списка начинается с «- »: поставьте пробел после «-».",
               "A list item starts with '- ': put a space after the '-'.")),
        "unclosed_bracket": Entry("error",
            t("{lineno}-жолда ашылған «{open}» жақшасы «{close}» белгісімен жабылмаған («{key}»)",
               "Скобка «{open}», открытая в строке {lineno}, не закрыта «{close}» («{key}»)",
               "The '{open}' opened on line {lineno} is not closed with '{close}' ('{key}')"),
            t("Тізімді сол жолда жабыңыз: [бірінші, екінші, үшінші].",
               "Закройте список в той же строке: [первый, второй, третий].",
               "Close the list on the same line: [first, second, third].")),
        "bad_escape": Entry("error",
            t("{lineno}-жолда қос тырнақшаның ішінде «\\» белгісі тұр",
               "В строке {lineno} внутри двойных кавычек стоит «\\»",
               "Line {lineno} has a '\\' inside double quotes"),
            t("Мәнді жалқы тырнақшаға алыңыз ('C:\\қалта') немесе «\\» белгісін алып "
               "тастаңыз.",
               "Возьмите значение в одинарные кавычки ('C:\\папка') или уберите «\\».",
               "Use single quotes ('C:\\folder') or remove the '\\'.")),
        "bad_start": Entry("error",
            t("{lineno}-жолдағы мән «{char}» белгісінен басталмайды",
               "Значение в строке {lineno} не может начинаться с «{char}»",
               "A value on line {lineno} cannot start with '{char}'"),
            t('Мәнді тырнақшаға алыңыз: "{char}…"',
               'Возьмите значение в кавычки: "{char}…"',
               'Put the value in quotes: "{char}…"')),
    },
}
# fmt: on
