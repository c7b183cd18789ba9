"""Form 01 as bytes: the PDF (WeasyPrint, from ``certificates/certificate.html``) and the DOCX
(docxtpl, from ``certificates/certificate.docx``), both filled from one ``{placeholder: value}``
dict (:func:`oqu.portal.certificates.variables.values`), both carrying the QR code of the public
verification URL.

Values are escaped in both (Django's autoescape, docxtpl's ``autoescape=True``): a title with
HTML or XML in it is printed as text. WeasyPrint may fetch nothing but ``data:`` URIs, so a
value can never make the server load a URL.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

from oqu.portal.certificates import variables

if TYPE_CHECKING:
    import segno

# segno, docxtpl (python-docx, Jinja2) and WeasyPrint are imported where a certificate is made:
# every process that loads the portal's URLs (each management command's system checks, a job
# worker, a gunicorn worker) imports this module, and they cost ~0.35 s of CPU there.

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "certificates"
DOCX_TEMPLATE = TEMPLATE_DIR / "certificate.docx"


def qr(url: str) -> segno.QRCode:
    import segno

    # Level M: survives a smudge or a fold; a ~100-character URL stays at version 5-6.
    return segno.make(url, error="m", micro=False)


def qr_svg_data_uri(url: str) -> str:
    return str(qr(url).svg_data_uri(scale=4, border=2, dark="#000", nl=False))


def qr_png(url: str) -> bytes:
    buf = io.BytesIO()
    qr(url).save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


@cache
def _fetcher() -> Any:
    """WeasyPrint may fetch only the inline QR image (``data:``): no file, no network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)


def html(vals: dict[str, str], *, preview: bool = False) -> str:
    return render_to_string(
        "certificates/certificate.html",
        {
            "v": vals,
            "t": variables.TEXT,
            "rows": variables.rows(vals),
            "qr": qr_svg_data_uri(vals["verify_url"]),
            "preview": preview,
        },
    )


def pdf(vals: dict[str, str], *, preview: bool = False) -> bytes:
    from weasyprint import HTML

    data: bytes = HTML(string=html(vals, preview=preview), url_fetcher=_fetcher()).write_pdf()
    return data


@cache
def _template_bytes() -> bytes:
    return DOCX_TEMPLATE.read_bytes()


def docx(vals: dict[str, str]) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage, Listing

    tpl = DocxTemplate(io.BytesIO(_template_bytes()))
    context: dict[str, Any] = {k: Listing(v) for k, v in vals.items()}
    context["t"] = variables.TEXT
    context["has_supersedes"] = bool(vals.get("supersedes"))  # a Listing is always truthy
    context["qr"] = InlineImage(tpl, io.BytesIO(qr_png(vals["verify_url"])), width=Mm(24))
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
