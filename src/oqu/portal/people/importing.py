"""Many accounts at once: a CSV or XLSX list of people read into rows the import can create.

The first row names the columns, in any order and in any of the three languages (``COLUMNS``:
``email``, ``E-mail``, ``Эл. почта``, ``Электрондық пошта`` … all mean the e-mail column); only
``email`` and ``full_name`` are required. A row may give one role (its code or its name in
Kazakh, Russian or English) with the scope the role needs: a department for an author or a head
(``faculty`` tells two same-named departments apart), a faculty for a dean.

:func:`read_people` checks the whole file before anything is created and returns every problem
it finds with its row and column, so the administrator fixes the file once: a malformed
address, an address already in use (in the portal or earlier in the file), a missing name, an
unknown role, a department or faculty that does not exist or is ambiguous, a scope the role does
not take. The caller creates the accounts only when there is none
(:func:`do_import_people`, one transaction: all or nothing).

Untrusted input: the file is at most ``MAX_BYTES``; a CSV must be UTF-8 (Excel's "CSV UTF-8";
the Kazakh letters have no place in the old Windows code pages); an XLSX is opened only when
its parts unpack to at most ``MAX_UNPACKED`` bytes (no zip bomb reaches openpyxl, which parses
the XML with defusedxml), and only its first ``MAX_COLS`` columns and ``MAX_ROWS`` + 1 rows are
read; at most ``MAX_ROWS`` people.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oqu.portal.people.actions import (
    PersonSpec,
    do_assign_role,
    do_create_user,
    do_send_sign_in_link,
    normalise_email,
)
from oqu.portal.people.models import (
    DEPARTMENT_ROLES,
    FACULTY_ROLES,
    Department,
    Faculty,
    Role,
    User,
    fold,
)
from oqu.sources.safezip import Limits, ZipRefused, open_zip

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MAX_BYTES = 2_000_000
MAX_UNPACKED = 50_000_000
MAX_ROWS = 5_000
MAX_COLS = 50  # columns read from an XLSX sheet (the list has 8)

# column → (its label on the page, the header names that mean it: folded)
COLUMNS: dict[str, tuple[StrPromise, frozenset[str]]] = {
    "email": (
        gettext_lazy("E-mail"),
        frozenset(
            {"email", "e-mail", "эл. почта", "эл.почта", "электронная почта", "электрондық пошта"}
        ),
    ),
    "full_name": (
        gettext_lazy("Full name"),
        frozenset({"full_name", "full name", "name", "фио", "ф.и.о.", "аты-жөні", "аты жөні"}),
    ),
    "position": (
        gettext_lazy("Position"),
        frozenset({"position", "должность", "лауазымы", "лауазым"}),
    ),
    "degree": (
        gettext_lazy("Academic degree"),
        frozenset(
            {
                "degree",
                "academic degree",
                "ученая степень",
                "степень",
                "ғылыми дәрежесі",
                "ғылыми дәреже",
            }
        ),
    ),
    "academic_title": (
        gettext_lazy("Academic title"),
        frozenset(
            {
                "academic_title",
                "academic title",
                "title",
                "ученое звание",
                "звание",
                "ғылыми атағы",
                "ғылыми атақ",
            }
        ),
    ),
    "role": (gettext_lazy("Role"), frozenset({"role", "роль", "рөлі", "рөл"})),
    "department": (
        gettext_lazy("Department"),
        frozenset({"department", "кафедра", "кафедрасы"}),
    ),
    "faculty": (gettext_lazy("Faculty"), frozenset({"faculty", "факультет", "факультеті"})),
}
REQUIRED = ("email", "full_name")


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # 1 = the header row, as a spreadsheet numbers it
    column: str  # a COLUMNS key, or "" for the whole file or row
    message: str


@dataclass(frozen=True, slots=True)
class Person:
    row: int
    email: str
    spec: PersonSpec
    role: Role | None = None
    department: Department | None = None
    faculty: Faculty | None = None


@dataclass(slots=True)
class Reading:
    people: list[Person] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _role_names() -> dict[str, Role]:
    """Every role by its code and by its name in each language, folded."""
    from django.utils import translation

    names: dict[str, Role] = {}
    for role in Role:
        names[fold(role.value)] = role
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                names[fold(str(role.label))] = role
    return names


def _table(data: bytes, name: str) -> list[list[str]]:
    """The file's rows as text cells; ``ValueError`` says in the user's words why not."""
    if name.lower().endswith(".xlsx"):
        return _xlsx(data)
    if name.lower().endswith((".csv", ".txt")):
        return _csv(data)
    raise ValueError(_("Upload the list as a CSV (UTF-8) or an XLSX file."))


def _csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(
            _(
                "The CSV file is not in UTF-8. In Excel choose “Save as” → “CSV UTF-8”, or "
                "upload the XLSX file itself."
            )
        ) from None
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:5000], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    try:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as e:  # a NUL byte, a field over the csv module's limit
        raise ValueError(
            _("The CSV file cannot be read (%(reason)s): save it again from the spreadsheet.")
            % {"reason": e}
        ) from None


def _xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    bad = ValueError(_("The XLSX file cannot be read: save it again from the spreadsheet."))
    try:
        try:  # the same judge as every zip (oqu.sources.safezip); names are not paths here
            open_zip(io.BytesIO(data), Limits(total=MAX_UNPACKED), check_names=False).close()
        except ZipRefused as e:
            if e.reason == "bomb":
                raise ValueError(
                    _("The XLSX file unpacks to too much data for a list of people.")
                ) from None
            raise bad from None
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValueError:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise bad from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        # At most MAX_COLS columns: openpyxl fills a row with empty cells up to its last one,
        # so one cell in column XFD per row would be 16,384 cells a row.
        for values in sheet.iter_rows(max_col=MAX_COLS, values_only=True):
            rows.append(["" if v is None else str(v).strip() for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except Exception:
        raise bad from None
    finally:
        book.close()


def read_people(data: bytes, name: str) -> Reading:
    """Read and check the list; ``problems`` empty means every row can be created as it is."""
    out = Reading()
    if len(data) > MAX_BYTES:
        out.problems.append(
            Problem(0, "", _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 10**6})
        )
        return out
    try:
        table = _table(data, name)
    except ValueError as e:
        out.problems.append(Problem(0, "", str(e)))
        return out
    while table and not any(table[-1]):
        table.pop()
    if not table:
        out.problems.append(Problem(0, "", _("The file is empty.")))
        return out
    if len(table) - 1 > MAX_ROWS:
        out.problems.append(
            Problem(0, "", _("At most %(n)d people in one file.") % {"n": MAX_ROWS})
        )
        return out
    where = _header(table[0], out)
    if out.problems:
        return out
    roles = _role_names()
    faculties = list(Faculty.objects.all())
    departments = list(Department.objects.select_related("faculty"))
    seen: dict[str, int] = {}
    for n, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            k = where.get(key)
            return cells[k] if k is not None and k < len(cells) else ""

        person = _row(n, cell, roles, faculties, departments, seen, out.problems)
        if person is not None:
            out.people.append(person)
    if not out.people and not out.problems:
        out.problems.append(Problem(0, "", _("The file has a header row and no people.")))
    return out


def _header(header: list[str], out: Reading) -> dict[str, int]:
    where: dict[str, int] = {}
    for k, title in enumerate(header):
        folded = fold(title)
        key = next((c for c, (_label, names) in COLUMNS.items() if folded in names), None)
        if key is None:
            if folded:
                out.problems.append(
                    Problem(1, "", _("Unknown column “%(name)s”.") % {"name": title})
                )
            continue
        if key in where:
            out.problems.append(
                Problem(1, key, _("Two columns mean “%(name)s”.") % {"name": COLUMNS[key][0]})
            )
        where[key] = k
    for key in REQUIRED:
        if key not in where:
            out.problems.append(
                Problem(1, key, _("The column “%(name)s” is missing.") % {"name": COLUMNS[key][0]})
            )
    return where


def _row(
    n: int,
    get: Callable[[str], str],
    roles: dict[str, Role],
    faculties: list[Faculty],
    departments: list[Department],
    seen: dict[str, int],
    problems: list[Problem],
) -> Person | None:
    before = len(problems)

    def bad(column: str, message: str) -> None:
        problems.append(Problem(n, column, message))

    for key in COLUMNS:
        if any(unicodedata.category(ch) == "Cc" for ch in get(key)):
            bad(key, _("The cell holds a control character (such as NUL): type it again."))
    if len(problems) > before:
        return None
    email = normalise_email(get("email"))
    try:
        validate_email(email)
    except ValidationError:
        bad("email", _("“%(value)s” is not an e-mail address.") % {"value": get("email")})
    else:
        if email in seen:
            bad("email", _("The address is also in row %(row)d.") % {"row": seen[email]})
        elif User.objects.filter(email__iexact=email).exists():
            bad("email", _("Someone already has the e-mail address %(email)s.") % {"email": email})
        seen.setdefault(email, n)
    name = get("full_name")
    if not name:
        bad("full_name", _("The name is empty."))
    spec = PersonSpec(name, get("position"), get("degree"), get("academic_title"))
    for key in ("email", "full_name", "position", "degree", "academic_title"):
        limit = getattr(User._meta.get_field(key), "max_length", None)  # the database's
        if limit is not None and len(get(key)) > limit:
            bad(key, _("Longer than %(n)d characters.") % {"n": limit})
    role: Role | None = None
    faculty: Faculty | None = None
    department: Department | None = None
    if get("role"):
        role = roles.get(fold(get("role")))
        if role is None:
            bad(
                "role",
                _("Unknown role “%(value)s”: one of %(roles)s.")
                % {"value": get("role"), "roles": ", ".join(str(r.label) for r in Role)},
            )
    if get("faculty"):
        faculty = next((f for f in faculties if _names(f.name, f.short_name, get("faculty"))), None)
        if faculty is None:
            bad("faculty", _("No faculty “%(value)s”.") % {"value": get("faculty")})
    if get("department"):
        found = [
            d
            for d in departments
            if fold(d.name) == fold(get("department")) and (faculty is None or d.faculty == faculty)
        ]
        if not found:
            bad("department", _("No department “%(value)s”.") % {"value": get("department")})
        elif len(found) > 1:
            bad(
                "department",
                _("Two faculties have a department “%(value)s”: give the faculty too.")
                % {"value": get("department")},
            )
        else:
            department = found[0]
    if role is not None:
        if role in DEPARTMENT_ROLES:
            if department is None and not get("department"):
                bad(
                    "department",
                    _("The role “%(role)s” needs a department.") % {"role": role.label},
                )
            faculty = None  # it only told same-named departments apart
        elif role in FACULTY_ROLES:
            if faculty is None and not get("faculty"):
                bad("faculty", _("A dean needs a faculty."))
            if get("department"):
                bad("department", _("A dean has a faculty, not a department."))
        elif get("department") or get("faculty"):
            bad("", _("The role “%(role)s” is the whole university's: leave the department and "
                      "faculty empty.") % {"role": role.label})  # fmt: skip
    elif get("department") or get("faculty"):
        bad("role", _("A department or faculty is given without a role."))
    if len(problems) > before:
        return None
    return Person(n, email, spec, role, department, faculty)


def _names(name: str, short: str, value: str) -> bool:
    return fold(value) in (fold(name), fold(short))


def do_import_people(actor: User, people: Sequence[Person], *, invite: bool) -> list[User]:
    """Create every account of a checked list (:func:`read_people`) with its role, and
    mail each a link to choose a password when ``invite``; all or none: one refusal (an address
    taken since the list was checked) undoes the lot."""
    created = []
    with transaction.atomic():
        for person in people:
            user = do_create_user(actor, person.email, person.spec, None)
            if person.role is not None:
                do_assign_role(
                    actor, user, person.role, department=person.department, faculty=person.faculty
                )
            if invite:
                do_send_sign_in_link(actor, user)
            created.append(user)
    return created
