"""The public catalogue of the Center's fund (8.6–8.7, 12): search and filters, a page per
published resource with its form 01 metadata, a preview and the SCORM package, the news of newly
placed resources (HTML and Atom), and the register exported as CSV and XLSX.

No log-in: everything here is built on :func:`oqu.portal.workflow.policy.public_resources`, so only
*published* resources ever appear — a draft, a submission under review or an approved resource
not yet placed is a 404 (its existence does not leak). Reading never changes state, so there is
no action here; the register export is public too (docs/portal.md, "Public catalogue": it holds
what the catalogue pages already show, and 8.7 makes the fund publicly accessible).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

from django import forms
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_http_methods

from oqu.portal.audit.models import AuditHead
from oqu.portal.people.models import Department, Faculty, User, fold
from oqu.portal.plans.models import DER_TYPE_CHOICES, Language
from oqu.portal.workflow import moodle, policy
from oqu.portal.workflow.models import Publication, Resource, State
from oqu.portal.workflow.player import play_url

PAGE_SIZE = 20
NEWS_SIZE = 30
FACETS_SECONDS = 300  # option lists of the filter form are cached this long (per process)
COUNT_SECONDS = 60  # and the size of the whole fund (the unfiltered first page's count)
COUNT_CAP = 1000  # a search counts its matches up to this many ("more than 1000")
MAX_OPTIONS = 500  # a filter offers at most this many values; the search box finds the rest

# --- search -----------------------------------------------------------------------------------


class CatalogueForm(forms.Form):
    """The query string of the catalogue; every field optional, wrong values ignored."""

    q = forms.CharField(label=gettext_lazy("Search"), max_length=200, required=False)
    faculty = forms.IntegerField(label=gettext_lazy("Faculty"), required=False, min_value=1)
    department = forms.IntegerField(label=gettext_lazy("Department"), required=False, min_value=1)
    discipline = forms.CharField(label=gettext_lazy("Discipline"), max_length=255, required=False)
    der_type = forms.ChoiceField(
        label=gettext_lazy("DER type"), choices=[("", "—"), *DER_TYPE_CHOICES], required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of instruction"),
        choices=[("", "—"), *Language.choices],
        required=False,
    )
    audience = forms.CharField(
        label=gettext_lazy("Target audience"), max_length=255, required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year of placement"), required=False, min_value=1900, max_value=9999
    )
    author = forms.IntegerField(label=gettext_lazy("Author"), required=False, min_value=1)


@dataclass(frozen=True, slots=True)
class Query:
    q: str = ""
    faculty: int | None = None
    department: int | None = None
    discipline: str = ""
    der_type: str = ""
    language: str = ""
    audience: str = ""
    year: int | None = None
    author: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> Query:
        form = CatalogueForm(params)
        form.is_valid()  # invalid fields are simply absent from cleaned_data
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        return cls(**data)


def search(query: Query) -> QuerySet[Resource]:
    """Published resources matching every given criterion, newest placement first. Words of
    ``q`` must all occur (anywhere) in the folded title, discipline, topics, keywords or authors'
    names: ``LIKE '%word%'`` on :attr:`Resource.search_text` (a trigram index on PostgreSQL)."""
    qs = policy.public_resources()
    for word in fold(query.q).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    if query.faculty:
        qs = qs.filter(department__faculty_id=query.faculty)
    if query.department:
        qs = qs.filter(department_id=query.department)
    if query.discipline:
        qs = qs.filter(discipline=query.discipline)
    if query.der_type:
        qs = qs.filter(der_type=query.der_type)
    if query.language:
        qs = qs.filter(language=query.language)
    if query.audience:
        qs = qs.filter(audience=query.audience)
    if query.year:
        qs = qs.filter(
            published_on__gte=dt.date(query.year, 1, 1),
            published_on__lt=dt.date(query.year + 1, 1, 1),
        )
    if query.author:
        qs = qs.filter(authors=query.author)
    return qs.order_by("-published_on", "-id")


def _with_related(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    authors = User.objects.only("id", "full_name", "position", "degree", "academic_title")
    return qs.select_related("department__faculty").prefetch_related(
        Prefetch("authors", queryset=authors.order_by("full_name"))
    )


def _options(pairs: Iterable[tuple[Any, Any]]) -> str:
    return "".join(format_html('<option value="{}">{}</option>', v, label) for v, label in pairs)


def facets() -> dict[str, str]:
    """The option lists of the filter form (published resources only) as HTML, rendered once and
    cached for :data:`FACETS_SECONDS`: a thousand ``<option>`` through the template language
    would cost more than the search itself."""
    key = "oqu.catalogue.facets"
    cached: dict[str, str] | None = cache.get(key)
    if cached is not None:
        return cached
    pub = policy.public_resources()

    def distinct(field: str) -> list[str]:
        values = pub.order_by(field).values_list(field, flat=True).distinct()[:MAX_OPTIONS]
        return [v for v in values if v]

    years = sorted({d.year for d in pub.dates("published_on", "year")}, reverse=True)
    authors = (
        User.objects.filter(resources__published_on__isnull=False)  # placed: public_resources()
        .order_by("full_name")
        .values_list("id", "full_name")
        .distinct()[:MAX_OPTIONS]
    )
    result = {
        "faculty": _options(Faculty.objects.values_list("id", "name")),
        "department": _options(Department.objects.values_list("id", "name")),
        "discipline": _options((d, "") for d in distinct("discipline")),
        "audience": _options((a, "") for a in distinct("audience")),
        "year": _options((y, y) for y in years),
        "author": _options(authors),
    }
    cache.set(key, result, FACETS_SECONDS)
    return result


_CHOICES_HTML: dict[tuple[str, str], str] = {}


def _choice_options(name: str, choices: Iterable[tuple[str, Any]]) -> str:
    """A fixed list's options in the current language, rendered once per process."""
    key = (name, get_language() or "")
    if key not in _CHOICES_HTML:
        _CHOICES_HTML[key] = _options((v, str(label)) for v, label in choices)
    return _CHOICES_HTML[key]


def _select(html: str, value: object) -> SafeString:
    """The cached options with ``value`` marked selected."""
    if value is not None:
        mark = format_html('<option value="{}">', value)
        html = html.replace(mark, mark[:-1] + " selected>", 1)
    return mark_safe(html)  # noqa: S308 (built by format_html above)


def fund_version() -> str:
    """Names the state of the fund: every change to a published resource goes through an action
    that appends to the audit chain (oqu.portal.audit.chain), so its head changes with the fund. One
    primary-key read; caches keyed on it are right at once in every process. Changes made
    outside the actions (the shell, bulk loads) show when the cached entries expire."""
    head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    return (head or "")[:16]


class FundPaginator(Paginator):  # type: ignore[type-arg]
    """Counts the whole fund once a minute (:data:`COUNT_SECONDS`): the unfiltered pages need
    no ``COUNT(*)`` of every row on every request."""

    capped = False

    @cached_property
    def count(self) -> int:
        def count_all() -> int:
            return int(Paginator.count.func(self))  # type: ignore[attr-defined]

        key = f"oqu.catalogue.count:{fund_version()}"
        return int(cache.get_or_set(key, count_all, COUNT_SECONDS) or 0)


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A search's pages, from one unordered scan that stops at :data:`COUNT_CAP` + 1 matches.

    Few matches (≤ the cap): that scan returned all of them with their dates, so they are
    ordered here and the page is fetched by id — no walk of the whole fund in catalogue order
    looking for rare rows (on SQLite that walk cost ~120 ms at 100,000 rows, the scan ~25 ms).
    Many matches: the page says "more than 1000" and pages through the first thousand in
    catalogue order, which finds dense matches quickly; refine the search for the rest.
    """

    @cached_property
    def _head(self) -> list[tuple[int, dt.date | None]]:
        matches = cast(QuerySet[Resource], self.object_list)
        head = matches.order_by().values_list("id", "published_on")[: COUNT_CAP + 1]
        return list(head)

    @cached_property
    def count(self) -> int:
        return len(self._head)

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, COUNT_CAP) // self.per_page))

    def page(self, number: int | str) -> Page:  # type: ignore[type-arg]
        n = self.validate_number(number)
        if self.capped:  # the first COUNT_CAP in catalogue order, not one more
            bottom = (n - 1) * self.per_page
            return Page(self.object_list[bottom : min(bottom + self.per_page, COUNT_CAP)], n, self)
        newest = sorted(self._head, key=lambda r: (r[1] or dt.date.min, r[0]), reverse=True)
        ids = [pk for pk, _ in newest[(n - 1) * self.per_page : n * self.per_page]]
        rows = {r.pk: r for r in _with_related(Resource.objects.filter(pk__in=ids))}
        return Page([rows[pk] for pk in ids], n, self)


def results(query: Query, page_number: int | str | None = None) -> Page:  # type: ignore[type-arg]
    """One page of the catalogue: its resources with authors and departments loaded."""
    paginator = (FundPaginator if query == Query() else CappedPaginator)(search(query), PAGE_SIZE)
    page = paginator.get_page(page_number)
    if isinstance(page.object_list, QuerySet):
        page.object_list = list(_with_related(page.object_list))
    return page


def result_items(resources: Iterable[Resource]) -> SafeString:
    """The result list's ``<li>`` items. Rendered here with ``format_html`` (every value
    escaped) rather than in the template: this loop was half of the page's CPU time, and the
    catalogue page is the portal's hottest (docs/benchmarks.md)."""
    items = []
    # the choices' labels once per page, not through get_FOO_display() per row (which hashes
    # the choices on every call: an eighth of the page's CPU)
    type_label = {k: str(v) for k, v in DER_TYPE_CHOICES}
    language_label = {k: str(v) for k, v in Language.choices}
    for r in resources:
        authors = format_html_join(
            ", ", '<a href="?author={}">{}</a>', ((a.pk, a.full_name) for a in r.authors.all())
        )
        facts = " · ".join(
            p for p in (r.discipline, type_label.get(r.der_type, r.der_type),
                        language_label.get(r.language, r.language), r.audience) if p
        )  # fmt: skip
        placed = f" — {date_format(r.published_on, 'SHORT_DATE_FORMAT')}" if r.published_on else ""
        items.append(
            format_html(
                '<li class="card result"><h2><a href="{}">{}</a></h2><p>{}</p>'
                '<p class="muted">{} — {}, {}{}</p></li>',
                reverse("portal:catalogue_resource", args=[r.pk]),
                r.title,
                facts,
                authors,
                r.department.name,
                r.department.faculty.name,
                placed,
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308 (each item built by format_html)


# The rendered page for anonymous visitors, per language and query string, until the fund
# changes (fund_version) or PAGE_SECONDS pass.
PAGE_SECONDS = 60
_CSRF_SLOT = "oqu-catalogue-csrf-slot"  # the header's language form: its token is per visitor


def _page_key(request: HttpRequest) -> str | None:
    """The cache key of this request's page, or None when it must be rendered: a visitor with a
    session (maybe signed in) or with messages waiting sees a page of their own."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"oqu.catalogue.page:{get_language()}:{path}:{fund_version()}"


def catalogue(request: HttpRequest) -> HttpResponse:
    key = _page_key(request)
    if key is None:
        return _catalogue_page(request)
    html: str | None = cache.get(key)
    if html is None:
        html = _catalogue_page(request, {"csrf_token": _CSRF_SLOT}).content.decode()
        cache.set(key, html, PAGE_SECONDS)
    return HttpResponse(html.replace(_CSRF_SLOT, get_token(request)))


def _catalogue_page(request: HttpRequest, extra: dict[str, Any] | None = None) -> HttpResponse:
    query = Query.from_params(request.GET)
    page = results(query, request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    f = facets()
    return render(
        request,
        "portal/catalogue/list.html",
        {
            "query": query,
            "page": page,
            "items": result_items(page.object_list),
            "options": {
                "faculty": _select(f["faculty"], query.faculty),
                "department": _select(f["department"], query.department),
                "discipline": _select(f["discipline"], None),
                "audience": _select(f["audience"], None),
                "year": _select(f["year"], query.year),
                "author": _select(f["author"], query.author),
            },
            "types": _select(_choice_options("types", DER_TYPE_CHOICES), query.der_type or None),
            "languages": _select(
                _choice_options("languages", Language.choices), query.language or None
            ),
            "params": params.urlencode(),
            "filtered": query != Query(),
            "count_cap": COUNT_CAP,
            **(extra or {}),
        },
    )


# --- one resource -----------------------------------------------------------------------------


def current_publication(resource: Resource) -> Publication | None:
    """The latest placement of a published resource (what the catalogue shows and serves)."""
    return resource.current_publication


def detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = policy.access_public_resource_by_id(resource_id)
    publication = current_publication(resource)
    version = publication.version if publication else None
    packages = []
    if version is not None:
        for edition, label in moodle.EDITION_LABELS.items():
            if moodle.package_file(version, edition):
                url = request.build_absolute_uri(moodle.package_path(resource.pk, edition))
                packages.append({"edition": edition, "label": label, "url": url})
    user = request.user
    staff = (
        version is not None
        and resource.state == State.PUBLISHED  # not while a new version is in the workflow
        and isinstance(user, User)
        and policy.can(user, resource, policy.ResourceAction.PUBLISH)
    )
    return render(
        request,
        "portal/catalogue/detail.html",
        {
            "resource": resource,
            "authors": resource.authors.order_by("full_name"),
            "publication": publication,
            "publications": resource.publications.select_related("version").order_by(
                "-published_on", "-id"
            ),
            "has_package": bool(version and version.package),
            "packages": packages,
            "backups": moodle.backup_links(resource.pk, version) if staff and version else [],
            "play_url": play_url(version) if version and version.package else "",
        },
    )


@require_http_methods(["GET", "HEAD"])
def package(request: HttpRequest, resource_id: int, edition: moodle.Edition) -> HttpResponseBase:
    """The SCORM package of the resource's current placement, for anyone, at a stable address
    (Moodle's "downloaded package" fetches it at every launch; docs/moodle.md).

    Only a published resource's placed version is ever served — a draft, a version in review or
    an approved-but-unplaced resource is a 404. The file comes from the database record, never
    from the URL (which carries only the id). ``ETag`` is the package's SHA-1 (what Moodle
    compares), ``Last-Modified`` the placed version's submission time (a later version is always
    later); ``If-None-Match`` / ``If-Modified-Since`` get 304, ``HEAD`` the headers alone.
    """
    resource = policy.access_public_resource_by_id(resource_id)
    publication = current_publication(resource)
    field = moodle.package_file(publication.version, edition) if publication else None
    if publication is None or field is None:
        raise Http404(_("This resource has no package to download."))
    etag = f'"{moodle.sha1(field)}"'
    modified = publication.version.submitted_at.timestamp()
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(modified),
        # any cache must ask again each time: a new placement changes the bytes at once
        "Cache-Control": "public, no-cache",
    }
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    filename = f"oqu-der-{resource.pk}-{edition}.zip"
    if request.method == "HEAD":
        response: HttpResponseBase = HttpResponse(content_type="application/zip")
        response["Content-Length"] = str(field.size)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(
            field.open("rb"), as_attachment=True, filename=filename, content_type="application/zip"
        )
        response["Content-Length"] = str(field.size)
    for name, value in headers.items():
        response[name] = value
    return response


# --- news of newly placed resources (12) ------------------------------------------------------


def _news() -> QuerySet[Resource]:
    return _with_related(policy.public_resources().order_by("-published_on", "-id"))[:NEWS_SIZE]


def news(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/catalogue/news.html", {"items": _news()})


def _summary(resource: Resource) -> str:
    authors = ", ".join(a.full_name for a in resource.authors.all())
    return " · ".join(
        part
        for part in (
            resource.discipline,
            str(resource.get_der_type_display()),
            str(resource.get_language_display()),
            authors,
            resource.department.name,
        )
        if part
    )


class NewsFeed(Feed[Resource, Any]):
    """Atom 1.0 of the newest placements, in the request's language (``Feed`` takes
    ``get_language()`` for ``xml:lang``). The feed generator escapes every text (titles,
    summaries), so markup in a title arrives as text."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("New digital educational resources")

    def subtitle(self) -> str:
        return str(settings.OQU_UNIVERSITY)

    def link(self) -> str:
        return reverse("portal:catalogue_news")

    def feed_url(self) -> str:
        return reverse("portal:catalogue_feed")

    def items(self) -> Iterable[Resource]:
        return _news()

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        return _summary(item)

    def item_link(self, item: Resource) -> str:
        return reverse("portal:catalogue_resource", args=[item.pk])

    def item_pubdate(self, item: Resource) -> dt.datetime | None:
        if item.published_on is None:
            return None
        return dt.datetime.combine(
            item.published_on, dt.time(), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, item: Resource) -> dt.datetime | None:
        return self.item_pubdate(item)

    def item_author_name(self, item: Resource) -> str:
        return ", ".join(a.full_name for a in item.authors.all())


news_feed = NewsFeed()


# --- the fund's register (8.6): CSV and XLSX --------------------------------------------------


def register_columns() -> list[str]:
    """Form 01's items, as column headings in the request's language."""
    return [
        _("No."),
        _("Authors (position, degree, title)"),
        _("Faculty"),
        _("Department"),
        _("DER name"),
        _("Discipline"),
        _("DER type"),
        _("Topics"),
        _("Platform"),
        _("Language of instruction"),
        _("Target audience"),
        _("Date of placement"),
        _("Link to the DER"),
        _("Catalogue page"),
        _("SCORM package"),
    ]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula (starting ``= + - @``, tab or CR) gets a
    leading apostrophe, shown as text (OWASP "CSV injection")."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _author_line(u: User) -> str:
    return ", ".join(p for p in (u.full_name, u.position, u.degree, u.academic_title) if p)


def register_rows() -> Iterator[list[str]]:
    """The register's rows as text (the CSV), neutralised."""
    for record in register_records():
        row = [v.isoformat() if isinstance(v, dt.date) else str(v) for v in record]
        yield [neutralise(v) for v in row]


def register_records() -> Iterator[list[Any]]:
    """The register's rows, oldest placement first: the number an ``int``, the date of placement
    a ``date`` (or ``""``), the rest text; links are absolute on ``OQU_BASE_URL`` (the file is
    shared by every visitor, whatever host name they came by)."""
    base = settings.OQU_BASE_URL.rstrip("/")
    pubs = Publication.objects.order_by("resource_id", "-published_on", "-id")
    qs = _with_related(policy.public_resources().order_by("published_on", "id")).prefetch_related(
        Prefetch("publications", queryset=pubs)
    )
    for n, r in enumerate(qs.iterator(chunk_size=2000), 1):
        pub = next(iter(r.publications.all()), None)
        row: list[Any] = [
            n,
            "; ".join(_author_line(a) for a in r.authors.all()),
            r.department.faculty.name,
            r.department.name,
            r.title,
            r.discipline,
            str(r.get_der_type_display()),
            "; ".join(r.topic_list),
            pub.platform if pub else "",
            str(r.get_language_display()),
            r.audience,
            r.published_on or "",
            pub.link if pub else "",
            base + reverse("portal:catalogue_resource", args=[r.pk]),
            base + reverse("portal:catalogue_package", args=[r.pk]),
        ]
        yield row


def write_csv(fh: IO[bytes]) -> None:
    """UTF-8 with a byte-order mark: Excel then reads Cyrillic right."""
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(register_columns())
    writer.writerows(register_rows())
    text.flush()
    text.detach()


XLSX_SAMPLE = 500  # rows the column widths are fitted to (the file streams; widths come first)
XLSX_MAX_WIDTH = 60


def write_xlsx(fh: IO[bytes]) -> None:
    """The register as a spreadsheet people can sort and filter (issue 15.11): the number and
    the date of placement are real number and date cells, the columns fitted to their contents,
    the header row frozen and bold, an autofilter over the table."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = get_language() or settings.LANGUAGE_CODE
    day_format = "YYYY-MM-DD" if lang == "en" else "DD.MM.YYYY"  # as the portal writes dates
    wb = Workbook(write_only=True)  # rows stream to the file; no cell tree in memory
    ws = wb.create_sheet(_("Register")[:31])
    columns = register_columns()
    records = register_records()
    sample = [r for _i, r in zip(range(XLSX_SAMPLE), records, strict=False)]
    for i, title in enumerate(columns, 1):
        longest = max(
            [len(str(title))] + [max(map(len, str(r[i - 1]).splitlines() or [""])) for r in sample]
        )
        ws.column_dimensions[get_column_letter(i)].width = min(max(longest, 6) + 2, XLSX_MAX_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in columns:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for record in itertools.chain(sample, records):
        row: list[Any] = []
        for value in record:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # stubs omit date
                cell.number_format = day_format
                row.append(cell)
            elif isinstance(value, int):
                row.append(value)
            else:  # text, neutralised: openpyxl stores "=…" as a formula otherwise
                row.append(ILLEGAL_CHARACTERS_RE.sub("", neutralise(str(value))))
        ws.append(row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n + 1}"
    wb.save(fh)


FORMATS: dict[str, tuple[str, Any]] = {
    "csv": ("text/csv; charset=utf-8", write_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write_xlsx),
}
REGISTER_DIR = "catalogue"


def _fund_state() -> tuple[str, dt.datetime | None]:
    """A fingerprint of the published fund (size, last change, last placement) and its time."""
    pub = policy.public_resources()
    agg = pub.aggregate(n=Count("id"), changed=Max("updated_at"), placed=Max("publications__id"))
    changed = agg["changed"] if isinstance(agg["changed"], dt.datetime) else None
    key = f"{agg['n']}|{changed.isoformat() if changed else ''}|{agg['placed']}"
    return hashlib.sha256(key.encode()).hexdigest()[:16], changed


def _register_changed(request: HttpRequest, *args: Any) -> dt.datetime | None:
    return _fund_state()[1]


def stored_register(ext: str) -> str:
    """The register as a file in storage, written once per state of the fund and language: a
    100,000-row register costs tens of seconds of CPU, so visitors get the stored copy and only
    a change of the fund (or another language) writes a new one; older copies are removed."""
    write = FORMATS[ext][1]
    lang = get_language() or settings.LANGUAGE_CODE
    prefix = f"register-{lang}-"
    name = f"{REGISTER_DIR}/{prefix}{_fund_state()[0]}.{ext}"
    if default_storage.exists(name):
        return name
    with tempfile.TemporaryFile() as fh:
        write(fh)
        fh.seek(0)
        saved = default_storage.save(name, File(fh))
    for old in default_storage.listdir(REGISTER_DIR)[1]:
        if old.startswith(prefix) and old.endswith(f".{ext}") and old != saved.rsplit("/")[-1]:
            default_storage.delete(f"{REGISTER_DIR}/{old}")
    return saved


@condition(last_modified_func=_register_changed)
def register(request: HttpRequest, ext: str) -> FileResponse:
    if ext not in FORMATS:
        raise Http404
    response = FileResponse(
        default_storage.open(stored_register(ext), "rb"),
        as_attachment=True,
        filename=f"oqu-register-{timezone.localdate().isoformat()}.{ext}",
        content_type=FORMATS[ext][0],
    )
    response["Vary"] = "Accept-Language, Cookie"  # the headings follow the visitor's language
    return response


def register_csv(request: HttpRequest) -> HttpResponseBase:
    return register(request, "csv")


def register_xlsx(request: HttpRequest) -> HttpResponseBase:
    return register(request, "xlsx")
